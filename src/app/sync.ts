/**
 * `sync`: load changed deck files into the database (SPEC §3, §4). Every other command runs it first;
 * when no file changed it only stats the files. Files whose size and mtime match what was seen are
 * not read; files read but unchanged in content are not parsed; an invalid file is reported and
 * skipped as a whole (its cards keep their state and stay where they were).
 */
import { relative } from 'node:path';
import { type DeckFileStat, listDeckFiles } from '../deckfile/load.js';
import type { Problem } from '../deckfile/problem.js';
import { longSyncElsewhere, markLongSync, shownPath, type AppContext } from './context.js';
import { deckErrorWarnings } from './deck-errors.js';
import { syncHistory, type HistoryReport } from './history.js';

export interface SyncError {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** The `sync --json` shape (SPEC §4). Counts are of cards. */
export interface SyncReport {
  decks: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  errors: SyncError[];
  /** journal lines of other devices read, and cards replayed (SPEC §8) */
  history: HistoryReport;
}

export interface SyncOptions {
  /** add the problems of invalid files to ctx.warnings (for commands other than sync and lint) */
  warn: boolean;
  /** count the unchanged cards for the report (a full count: only `sync` itself needs it) */
  count?: boolean;
  /**
   * Commit after every this many changed files, so that other processes get the write lock in
   * between (an import's sync); the whole sync is then not one transaction, but every file is.
   */
  batchFiles?: number;
  /**
   * With `warn`: leave the invalid files' warnings out of ctx.warnings; the caller tells them from
   * the report's `errors` where they matter (see deck-errors.ts)
   */
  deferErrors?: boolean;
}

/** Above this much changed deck text, a sync of a collection that has cards works in batches. */
const LONG_SYNC_BYTES = 1024 * 1024;
/** A long sync's batch: at most this many files and about this much text (one commit in well under a second). */
const SYNC_BATCH_FILES = 100;
const SYNC_BATCH_BYTES = 256 * 1024;

const byteSize = (files: readonly DeckFileStat[]) => files.reduce((n, f) => n + f.size, 0);

/** Files in order, cut into batches of at most `maxFiles` and, unless one file is larger, `maxBytes`. */
function inBatches(files: readonly DeckFileStat[], maxFiles: number, maxBytes: number): DeckFileStat[][] {
  const out: DeckFileStat[][] = [];
  let current: DeckFileStat[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length > 0 && (current.length >= maxFiles || bytes + f.size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Whether a file's recorded problems depend on other files (its deck name is another file's). */
function dependsOnOthers(errors: string | null | undefined): boolean {
  return errors ? (JSON.parse(errors) as Problem[]).some((p) => p.code === 'deck-name-taken') : false;
}

/**
 * Bring the database up to date with the deck files: in one transaction, or for a long sync of a
 * collection that has cards (and an import's) in batches of files, each file whole. Returns the
 * report; its `unchanged` is 0 unless `count` is set.
 */
export async function syncDecks(ctx: AppContext, opts: SyncOptions): Promise<SyncReport> {
  // An import or a long sync in another process is loading its files in batches: they are its to sync.
  const elsewhere = opts.batchFiles === undefined ? longSyncElsewhere(ctx.dataDir) : null;
  if (elsewhere) {
    if (!opts.warn)
      ctx.warnings.push(
        elsewhere === 'import'
          ? 'warning: an import is running in another process; its deck files are synced when it is done'
          : 'warning: a sync of many deck files is running in another process; they are synced when it is done',
      );
    // Counted, not listed: with an import of 100,000 decks under way, listing them took most of a second of every command.
    return { decks: ctx.store.sync.loadedDeckCount(), added: 0, updated: 0, removed: 0, unchanged: 0, errors: [], history: { lines: 0, cards: 0 } };
  }
  const files = listDeckFiles(ctx.decksDir, (e) => {
    if (opts.warn) ctx.warnings.push(`warning: ${shownPath(ctx, relative(ctx.decksDir, e.abs))} was skipped: ${e.reason}`);
  });
  const known = ctx.store.sync.deckFiles();
  const onDisk = new Set(files.map((f) => f.file));
  const removedFiles = [...known.keys()].filter((path) => !onDisk.has(path));
  const candidates = files.filter((f) => {
    const k = known.get(f.file);
    return !k || k.size !== f.size || k.mtimeUs !== f.mtimeUs;
  });
  let counts = { added: 0, updated: 0, removed: 0 };
  if (candidates.length > 0 || removedFiles.length > 0) {
    // A file refused for using another file's deck name depends on that other file: read it again
    // whenever anything changed, though it did not.
    const recheck = files.filter((f) => !candidates.includes(f) && dependsOnOthers(known.get(f.file)?.errors));
    // Only now load what reading and writing decks needs (parsers, planning).
    const { applyChanges } = await import('./sync-apply.js');
    // A large change to a collection that has cards (a `git pull` of many decks) is loaded in short
    // transactions, as an import's is, so that a review or an `answer` elsewhere waits for one batch
    // and not for the whole sync; a first sync stays one transaction (all or nothing, indexes built once).
    const long = opts.batchFiles === undefined && known.size > 0 && byteSize(candidates) > LONG_SYNC_BYTES;
    const batches = opts.batchFiles
      ? inBatches(candidates, opts.batchFiles, Infinity)
      : long
        ? inBatches([...candidates, ...recheck], SYNC_BATCH_FILES, SYNC_BATCH_BYTES)
        : null;
    if (batches && batches.length > 1) {
      const unmark = long ? markLongSync(ctx.dataDir, 'sync') : () => {};
      try {
        // What is recorded, kept up to date batch by batch (reading every row again for each batch
        // made a 100,000-file import quadratic: 25,000 files a minute at first, 1,500 after 40,000).
        const current = new Map(known);
        for (const path of removedFiles) current.delete(path);
        const reread = new Set(long ? recheck.map((f) => f.file) : []);
        for (const [i, slice] of batches.entries()) {
          const part = await applyChanges(ctx, {
            candidates: slice,
            reread,
            removedFiles: i === 0 ? removedFiles : [],
            known: i === 0 ? known : current,
            onDisk,
            bulk: false,
          });
          for (const row of ctx.store.sync.deckFilesOf(slice.map((f) => f.file))) current.set(row.path, row);
          counts = { added: counts.added + part.added, updated: counts.updated + part.updated, removed: counts.removed + part.removed };
        }
      } finally {
        unmark();
      }
    } else {
      counts = await applyChanges(ctx, { candidates: [...candidates, ...recheck], reread: new Set(recheck.map((f) => f.file)), removedFiles, known, onDisk });
    }
  }

  const rows = candidates.length > 0 || removedFiles.length > 0 ? ctx.store.sync.deckFiles() : known;
  const errors: SyncError[] = [];
  for (const row of rows.values()) {
    if (!row.errors) continue;
    const problems = JSON.parse(row.errors) as Problem[];
    for (const p of problems) errors.push({ file: shownPath(ctx, row.path), line: p.line, col: p.col, message: p.message });
  }
  if (opts.warn && !opts.deferErrors) ctx.warnings.push(...deckErrorWarnings(errors));
  // After the decks, so that the cards the journal names are there (a rebuild after data/ was deleted).
  const history = await syncHistory(ctx, { warn: opts.warn || opts.count === true });
  const total = opts.count ? ctx.store.sync.presentCardCount() : 0;
  return {
    decks: [...rows.values()].filter((r) => r.deck !== null && !r.errors).length,
    ...counts,
    unchanged: opts.count ? Math.max(0, total - counts.added - counts.updated) : 0,
    errors,
    history,
  };
}
