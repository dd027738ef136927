/**
 * What every command does around its own work: resolve the global options, open the collection,
 * sync the deck files, print JSON or text, and hand the user the warnings gathered on the way.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { AppContext } from '../app/context.js';
import type { SyncError } from '../app/sync.js';
import { defaultDeviceName } from '../core/journal.js';
import type { Lang } from '../core/text.js';
import { UsageError } from '../errors.js';
import { parseLang, parseNow, type CliDeps, type GlobalOptions } from './globals.js';
import { printJson } from './io.js';
import { inert } from './safe-output.js';
import type { Theme } from './render/theme.js';

export interface Resolved {
  home: string;
  now: Date;
  /** the clock was fixed by --now or LLMCARDS_NOW */
  fixedNow: boolean;
  json: boolean;
  color: boolean;
  /** --lang when given; otherwise the collection's setting applies */
  lang?: Lang;
  /** --quiet: no warnings on stderr */
  quiet: boolean;
}

export function resolveGlobals(deps: CliDeps, cmd: Command): Resolved {
  const g = cmd.optsWithGlobals() as GlobalOptions;
  const envNow = deps.env.LLMCARDS_NOW;
  const now = g.now !== undefined ? parseNow(g.now) : envNow ? parseNow(envNow, 'LLMCARDS_NOW') : deps.systemNow();
  // An empty --home would quietly mean the current folder.
  if (g.home !== undefined && !g.home.trim()) throw new UsageError('--home is empty: give the collection folder');
  const home = resolve(deps.cwd, g.home ?? (deps.env.LLMCARDS_HOME || deps.packageHome));
  const color = g.color !== false && !deps.env.NO_COLOR && deps.io.isTTY;
  const lang = g.lang !== undefined ? parseLang(g.lang) : undefined;
  return { home, now, fixedNow: g.now !== undefined || Boolean(envNow), json: g.json === true, color, quiet: g.quiet === true, ...(lang ? { lang } : {}) };
}

export type Render<T> = (data: T, theme: Theme) => string | Promise<string>;

export interface CommandRun {
  deps: CliDeps;
  g: Resolved;
  ctx: AppContext;
  lang: Lang;
  /**
   * Print `data` as JSON under --json, else the text `render` makes of it. Renderers are imported
   * inside `render`, so that --json never loads chalk or the layout code.
   */
  emit<T>(data: T, render: Render<T>): Promise<void>;
  /** the deck files the sync skipped as invalid, one entry per problem (empty when all loaded) */
  deckErrors: SyncError[];
  /**
   * The one-line notice of the skipped deck files (null when none), for a screen that shows it
   * itself: the per-file warnings are then not repeated on stderr at the end.
   */
  takeDeckNotice(): string | null;
}

export interface CollectionOptions {
  /** run the implicit sync first (every command but init, lint and sync itself) */
  sync?: boolean;
}

/** Open the collection, run `fn`, and close it again whatever happens. */
export async function withCollection(deps: CliDeps, cmd: Command, fn: (run: CommandRun) => Promise<void> | void, opts: CollectionOptions = {}): Promise<void> {
  const g = resolveGlobals(deps, cmd);
  const { openCollection } = await import('../app/context.js');
  const readers = deps.env.LLMCARDS_SYNC_READERS;
  const syncReaders = readers !== undefined && /^\d+$/.test(readers) ? { syncReaders: Number(readers) } : {};
  // A rebuild from a large journal (data/ deleted, a fresh clone) shows its progress on a terminal.
  const bar =
    deps.io.stderrIsTTY && !g.quiet
      ? (await import('./render/progress.js')).progressBar((s) => deps.io.err(s), 'Replaying history', 'count', deps.io.columns)
      : undefined;
  const replay = bar ? { onReplayProgress: bar.update } : {};
  const ctx = await openCollection({
    home: g.home,
    now: g.now,
    clockFixed: g.fixedNow,
    offsetAt: deps.offsetAt,
    cwd: deps.cwd,
    ...syncReaders,
    ...replay,
    newDeviceName: () => newDeviceName(deps),
    randomSeed: () => deps.randomSeed(),
  });
  let deckErrors: SyncError[] = [];
  // Told once: as one notice on a screen that takes it, else as a warning per file at the end.
  let told: { notice: string | null; warnings: string[] } = { notice: null, warnings: [] };
  let noticeShown = false;
  try {
    if (ctx.store.readOnly) {
      ctx.warnings.push('warning: the collection is on a read-only file system: shown as it was last synced; answers and changes cannot be recorded');
    } else if (opts.sync !== false) {
      const { syncDecks } = await import('../app/sync.js');
      try {
        deckErrors = (await syncDecks(ctx, { warn: true, deferErrors: true })).errors;
      } catch (err) {
        // A full disk with deck changes pending must not keep the collection from being studied:
        // the sync is rolled back, said, and the command goes on (an answer needs far less room).
        const code = (err as { code?: string }).code;
        if (code !== 'SQLITE_FULL' && code !== 'ENOSPC') throw err;
        ctx.warnings.push('warning: the disk is full: the changed deck files were not loaded (nothing was changed); free some space and run llmcards sync');
      }
      if (deckErrors.length > 0) {
        // Loaded only when a file was skipped: the CLI's own bundle must not hold the app's modules.
        const { deckErrorWarnings, deckErrorsNotice } = await import('../app/deck-errors.js');
        told = { notice: deckErrorsNotice(deckErrors), warnings: deckErrorWarnings(deckErrors) };
      }
      bar?.done();
    }
    const run: CommandRun = {
      deps,
      g,
      ctx,
      lang: g.lang ?? ctx.settings.lang,
      emit: (data, render) => emit(deps, g, data, render),
      deckErrors,
      takeDeckNotice: () => {
        noticeShown = true;
        return told.notice;
      },
    };
    await fn(run);
  } finally {
    bar?.done();
    // The skipped files first, as the sync found them before anything else ran.
    if (!noticeShown) ctx.warnings.unshift(...told.warnings);
    if (!g.quiet) for (const w of ctx.warnings) deps.io.err(`${inert(w.startsWith('llmcards:') ? w : `llmcards: ${w}`)}\n`);
    ctx.store.close();
  }
}

/** The name of this machine for a new database (SPEC §8): LLMCARDS_DEVICE, else host name and a random suffix. */
function newDeviceName(deps: CliDeps): string {
  const given = deps.env.LLMCARDS_DEVICE;
  if (given) return given;
  return defaultDeviceName(deps.hostName?.() ?? 'device', deps.randomSeed());
}

export async function emit<T>(deps: CliDeps, g: Resolved, data: T, render: Render<T>): Promise<void> {
  if (g.json) {
    printJson(deps.io, data);
    return;
  }
  const { makeTheme } = await import('./render/theme.js');
  const text = await render(data, makeTheme(g.color));
  if (text) deps.io.out(text.endsWith('\n') ? text : `${text}\n`);
}
