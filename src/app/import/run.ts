/**
 * `import FILE`: an Anki package, a CSV/TSV file or our JSON export becomes deck files
 * (`decks/NAME.yaml`, readable YAML with stable ids), written atomically, then synced (SPEC §4).
 * Nothing is written when the input is refused: a file that is not what its extension says, a
 * hostile or oversized archive, an unknown version, or a deck file that exists (without --force).
 * Importing the same file again gives the same ids, so it updates notes rather than duplicating them.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { templatesOf } from '../../core/cards.js';
import { noteDraft, type DeckDraft, type NoteDraft } from '../../core/deck-draft.js';
import {
  boundedDeckName,
  MAX_DECK_DEPTH,
  MAX_DECK_PART,
  planDecks,
  rebaseDeckNames,
  splitBySize,
  type PlannedDeck,
  type SourceDeck,
} from '../../formats/import-source.js';
import type { ApkgImport } from './apkg.js';
import { MAX_DECK_BYTES } from '../../deckfile/fields.js';
import { slugify } from '../../core/notes.js';
import { stripControlChars } from '../../core/text.js';
import { DECK_NAME } from '../../deckfile/fields.js';
import { parseDeckText } from '../../deckfile/parse-text.js';
import { readDeckText } from '../../deckfile/load.js';
import { forgetParsedDecks, rememberParsedDeck } from '../../deckfile/read-deck.js';
import type { Deck } from '../../core/notes.js';
import { UsageError, UserError } from '../../errors.js';
import { markLongSync, processAlive, type AppContext } from '../context.js';
import { syncDecks, type SyncReport } from '../sync.js';

export const IMPORT_FORMATS = ['csv', 'tsv', 'apkg', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

// A .colpkg (a whole collection) is laid out as an .apkg; a bare collection file is read by the same reader.
const BY_EXTENSION: Record<string, ImportFormat> = {
  '.apkg': 'apkg',
  '.colpkg': 'apkg',
  '.anki2': 'apkg',
  '.anki21': 'apkg',
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.txt': 'tsv',
  '.json': 'json',
};

/** Files larger than this are refused before being read. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Text files (CSV, TSV, JSON) larger than this are refused. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/** `--format`, checked; else the one the file's extension implies. Throws UsageError when neither says. */
export function chooseImportFormat(given: string | undefined, file: string): ImportFormat {
  if (given !== undefined) {
    if ((IMPORT_FORMATS as readonly string[]).includes(given)) return given as ImportFormat;
    throw new UsageError(`invalid --format "${given}": use ${IMPORT_FORMATS.join(', ')}`, 'import');
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`cannot read ${file}: not a file (it is a folder)`);
  if (isStdin(file)) throw new UsageError(`reading standard input (${file}): give --format ${IMPORT_FORMATS.join('|')}`, 'import');
  const f = BY_EXTENSION[extname(file).toLowerCase()];
  if (f) return f;
  throw new UsageError(`cannot tell the format of "${file}" from its name: give --format ${IMPORT_FORMATS.join('|')}`, 'import');
}

export interface ImportOptions {
  /** absolute path */
  file: string;
  /** the file as the user named it, for messages */
  shown: string;
  format: ImportFormat;
  /** the deck to import into: decks/<deck>.yaml (several source decks go below it) */
  deck?: string;
  /** replace deck files that exist */
  force: boolean;
  /**
   * Restore scheduling state and history: JSON exports made with --with-state, and Anki packages
   * (their review log). Undefined: yes for an Anki package that has a review log.
   */
  withState?: boolean;
  /** `--columns front,back,tags,…`: what each column of a CSV/TSV file holds */
  columns?: string[];
}

export interface ImportedDeck {
  deck: string;
  file: string;
  notes: number;
  cards: number;
  replaced: boolean;
}

/** The `import --json` report. */
export interface ImportReport {
  format: ImportFormat;
  decks: ImportedDeck[];
  notes: number;
  cards: number;
  warnings: string[];
  sync: SyncReport;
  /** cards whose scheduling state was restored (with --with-state) */
  states?: number;
  /** answers brought in from an Anki package's review log */
  answers?: number;
  /** media files written to media/ */
  media?: number;
}

/** `-`, `/dev/stdin` or `/dev/fd/0`: the input comes from standard input (a pipe or a redirected file). */
export function isStdin(file: string): boolean {
  return file === '-' || file === '/dev/stdin' || file === '/dev/fd/0';
}

function readInput(opts: ImportOptions & { given: string }): Uint8Array {
  const limit = opts.format === 'apkg' ? MAX_IMPORT_BYTES : MAX_TEXT_BYTES;
  const tooLarge = () => new UserError(`${opts.shown} is larger than the import limit of ${limit / 1024 / 1024} MB; nothing was imported`);
  const stdin = isStdin(opts.given);
  if (stdin && isatty(0)) throw new UserError(`standard input is a terminal: pipe the file in, e.g. llmcards import - --format ${opts.format} < FILE`);
  const st = stdin ? fstatSync(0) : statSync(opts.file, { throwIfNoEntry: false });
  if (!st) throw new UserError(`cannot read ${opts.shown}: no such file`);
  // A pipe (standard input, `<(…)`) is read up to the limit; devices and folders are not files.
  if (!st.isFile() && !st.isFIFO() && !st.isSocket())
    throw new UserError(`cannot read ${opts.shown}: not a file${st.isDirectory() ? ' (it is a folder)' : ''}`);
  if (st.isFile() && st.size > limit) throw tooLarge();
  let fd: number;
  try {
    fd = stdin ? 0 : openSync(opts.file, 'r');
  } catch (err) {
    throw new UserError(`cannot read ${opts.shown}: ${(err as Error).message}`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1024 * 1024);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((err as NodeJS.ErrnoException).code === 'EOF') break;
        throw new UserError(`cannot read ${opts.shown}: ${(err as Error).message}`);
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge();
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/**
 * Temporary deck files (`.NAME.yaml.PID.tmp`) that an import killed half-way left behind: removed
 * when their process is gone, so that a later import leaves the folders clean.
 */
function removeStaleTemps(dirs: readonly string[]): void {
  for (const dir of new Set(dirs)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = /^\..+\.ya?ml\.(\d+)\.tmp$/.exec(name);
      if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
      rmSync(join(dir, name), { force: true });
    }
  }
}

const isSqlite = (b: Uint8Array) => b.length >= 16 && Buffer.from(b.buffer, b.byteOffset, 15).toString('latin1') === 'SQLite format 3';
const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

/** The input as text, refusing binary files (a text format whose bytes are a zip, NULs, or not UTF-8). */
function asText(bytes: Uint8Array, opts: ImportOptions): string {
  const what = opts.format === 'json' ? 'a JSON file' : `a ${opts.format.toUpperCase()} file`;
  const name = basename(opts.shown);
  if (isZip(bytes)) throw new UserError(`${name} is not ${what}: it is a zip archive (an Anki package? use --format apkg)`);
  if (bytes.subarray(0, 8192).includes(0)) throw new UserError(`${name} is not ${what}: it is binary`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${name} is not ${what}: it is not UTF-8 text`);
  }
}

/** Source decks and warnings from the input, by format. */
async function readSources(
  bytes: Uint8Array,
  opts: ImportOptions,
  mediaDir: string,
): Promise<{ decks: SourceDeck[]; warnings: string[]; states?: Map<string, unknown>; anki?: ApkgImport }> {
  const name = basename(opts.shown);
  const fallbackDeck = slugify(basename(opts.shown, extname(opts.shown))) || 'imported';
  switch (opts.format) {
    case 'apkg': {
      if (!isZip(bytes) && !isSqlite(bytes)) {
        const looksText = !bytes.subarray(0, 512).includes(0) && bytes.length > 0;
        throw new UserError(
          `${name} is not an Anki package: it is not a zip archive${looksText ? ' (it looks like text; give --format csv, tsv or json)' : ''}`,
        );
      }
      const anki = (await import('./apkg.js')).importApkg(bytes, name, mediaDir);
      return { decks: anki.decks, warnings: anki.warnings, anki };
    }
    case 'json': {
      const text = asText(bytes, opts);
      if (!/^\s*\{/.test(text.replace(/^\uFEFF/, ''))) throw new UserError(`${name} is not a JSON file: it does not start with {`);
      return { ...(await import('./json.js')).importJson(text, name), warnings: [] };
    }
    case 'csv':
    case 'tsv': {
      const text = asText(bytes, opts);
      return (await import('./delimited.js')).importDelimited(text, name, opts.format === 'csv' ? ',' : '\t', fallbackDeck, opts.columns);
    }
  }
}

/** The `$schema` comment path for a deck file, when the collection has the schema (init copies it). */
function schemaPathFor(ctx: AppContext, deck: string): string | undefined {
  if (!existsSync(join(ctx.home, 'schema', 'deck.schema.json'))) return undefined;
  return `${'../'.repeat(deck.split('/').length)}schema/deck.schema.json`;
}

interface Planned {
  draft: PlannedDeck;
  path: string;
  file: string;
  text: string;
  /** the text parsed, for the sync to take rather than parse again (dropped once handed over) */
  deck: Deck | null;
  cards: number;
  notes: number;
  replaced: boolean;
}

/**
 * Import the file into deck files and sync. Throws UserError (writing nothing) when the input is
 * refused or a deck file exists without `force`; UsageError for a malformed --deck.
 */
export async function runImport(ctx: AppContext, given: ImportOptions): Promise<ImportReport> {
  // A relative FILE is relative to where the command was run, not to the collection.
  const stdin = isStdin(given.file);
  const opts = { ...given, given: given.file, file: stdin ? given.file : resolve(ctx.env.cwd, given.file), shown: stdin ? 'stdin' : given.shown };
  if (opts.deck !== undefined && !DECK_NAME.test(opts.deck)) {
    throw new UsageError(`invalid --deck "${opts.deck}": use letters, digits, "-", "_", "." and "/" between parts`, 'import');
  }
  if (opts.deck !== undefined && boundedDeckName(opts.deck) !== opts.deck) {
    throw new UsageError(
      `invalid --deck "${opts.deck.length > 80 ? `${opts.deck.slice(0, 80)}…` : opts.deck}": at most ${MAX_DECK_DEPTH} levels of at most ${MAX_DECK_PART} characters`,
      'import',
    );
  }
  if (opts.withState && opts.format !== 'json' && opts.format !== 'apkg')
    throw new UsageError('--with-state restores scheduling from an Anki package or a JSON export (llmcards export --format json --with-state)', 'import');
  const bytes = readInput(opts);
  const { decks: sources, warnings, states, anki } = await readSources(bytes, opts, join(ctx.home, 'media'));
  if (anki) (await import('./media.js')).checkMediaBudget(anki.media, basename(opts.shown));
  if (sources.length === 0) {
    const why =
      warnings.length > 0
        ? `: ${warnings.map((w) => stripControlChars(w).replace(/\n/g, ' ')).join('; ')}`
        : anki
          ? ': the package holds no notes'
          : ': the file holds no records';
    throw new UserError(`${basename(opts.shown)} has no notes to import${why}`);
  }
  // Every state of a JSON export is checked before the first deck file is written: a refused import writes nothing.
  if (opts.withState && opts.format === 'json') (await import('./state.js')).checkStates(states ?? new Map(), basename(opts.shown));

  const { deckToYaml } = await import('../../deckfile/write.js');
  const existingDecks = ctx.store.notes.decks();
  const existingNotes = (name: string): NoteDraft[] => {
    if (!opts.force) return [];
    // A deck written in parts (a large one) is matched against all its parts.
    const partsDir = join(ctx.decksDir, name);
    const parts = existsSync(partsDir)
      ? readdirSync(partsDir)
          .filter((f) => /^part-\d+\.yaml$/.test(f))
          .map((f) => `${name}/${f.slice(0, -5)}`)
      : [];
    return [name, ...parts].flatMap((n) => {
      const path = join(ctx.decksDir, `${n}.yaml`);
      if (!existsSync(path)) return [];
      const parsed = parseDeckText(readDeckText(path, Infinity), `${n}.yaml`, `${n}.yaml`);
      return parsed.deck ? parsed.deck.notes.map(noteDraft) : [];
    });
  };
  // A deck file is text a person edits and has a size limit: a large deck is written in parts.
  const drafts = splitBySize(planDecks(sources, opts.deck, existingNotes), Math.floor(MAX_DECK_BYTES / 2));

  const planned: Planned[] = [];
  for (let draft of drafts) {
    // A deck name from the file that cannot be one (a path, empty, control characters): said as an
    // import's problem, not a deck file's ("rename the file" would not apply).
    if (!DECK_NAME.test(draft.name)) {
      const name = JSON.stringify(draft.name.length > 80 ? `${draft.name.slice(0, 80)}…` : draft.name);
      throw new UserError(
        `${basename(opts.shown)}: the deck name ${name} is not valid (use letters, digits, "-", "_", "." and "/" between parts); import it with --deck NAME; nothing was imported`,
      );
    }
    const file = `${draft.name}.yaml`;
    const path = join(ctx.decksDir, file);
    const exists = existsSync(path);
    if (exists && !opts.force) {
      throw new UserError(`decks/${file} already exists; add --force to replace it (notes keep their history by id), or import with --deck OTHER`);
    }
    const other = existingDecks.find((d) => d.name === draft.name && d.file !== file);
    if (other) throw new UserError(`the deck "${draft.name}" already comes from decks/${other.file}; import with --deck OTHER`);
    // Validate as a deck file; notes the validator rejects are left out, with a warning.
    const write = (d: DeckDraft) =>
      deckToYaml(d, { schemaPath: schemaPathFor(ctx, d.name), comment: [`Imported from ${basename(opts.shown)} by llmcards import.`] });
    let text = write(draft);
    let parsed = parseDeckText(text, file, `decks/${file}`);
    if (!parsed.deck || parsed.problems.some((p) => p.severity === 'error')) {
      const valid = new Set(parsed.deck?.notes.map((n) => n.id) ?? []);
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      const keep = draft.notes.map((n) => valid.has(n.id));
      const kept: PlannedDeck = { ...draft, notes: draft.notes.filter((_, i) => keep[i]), origins: draft.origins.filter((_, i) => keep[i]) };
      const dropped = draft.notes.length - kept.notes.length;
      draft = kept;
      text = write(kept);
      parsed = parseDeckText(text, file, `decks/${file}`);
      if (!parsed.deck || parsed.problems.some((p) => p.severity === 'error') || kept.notes.length === 0) {
        throw new UserError(`${basename(opts.shown)}: the notes for deck "${draft.name}" are not valid: ${errors[0]?.message ?? 'no valid notes'}`);
      }
      warnings.push(
        `${dropped} note${dropped === 1 ? '' : 's'} left out of decks/${file}: ${errors[0]?.message ?? 'invalid'}${errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : ''}`,
      );
    }
    const deck = parsed.deck;
    planned.push({
      draft,
      path,
      file,
      text,
      deck,
      notes: deck.notes.length,
      cards: deck.notes.reduce((n, note) => n + templatesOf(note).length, 0),
      replaced: exists,
    });
  }
  const paths = planned.map((p) => p.path.toLowerCase());
  const clash = paths.find((p, i) => paths.indexOf(p) !== i);
  if (clash) throw new UserError(`${basename(opts.shown)}: two decks would be written to the same file (${clash}); import with --deck`);

  // Other commands leave the files to this import until it is done (see markLongSync).
  const unmark = markLongSync(ctx.dataDir);
  try {
    return await writeAndSync(ctx, opts, planned, warnings, sources, states, anki);
  } finally {
    unmark();
  }
}

/** Files this many at a time per sync transaction: each commit is short, so an answer elsewhere waits well under a second. */
const IMPORT_SYNC_BATCH = 100;

async function writeAndSync(
  ctx: AppContext,
  opts: ImportOptions & { file: string },
  planned: Planned[],
  warnings: string[],
  sources: SourceDeck[],
  states: Map<string, unknown> | undefined,
  anki: Awaited<ReturnType<typeof readSources>>['anki'],
): Promise<ImportReport> {
  removeStaleTemps(planned.map((p) => dirname(p.path)));
  // Write every file to a temporary name first, then rename them all: a failure leaves no deck half-written.
  const temps: string[] = [];
  try {
    for (const p of planned) {
      mkdirSync(dirname(p.path), { recursive: true });
      const tmp = join(dirname(p.path), `.${basename(p.path)}.${process.pid}.tmp`);
      writeFileSync(tmp, p.text, { mode: 0o644 });
      temps.push(tmp);
    }
    planned.forEach((p, i) => renameSync(temps[i] as string, p.path));
  } catch (err) {
    for (const t of temps) rmSync(t, { force: true });
    throw new UserError(`cannot write the deck files: ${(err as Error).message}`);
  }

  const mediaWritten = anki && anki.media.length > 0 ? (await import('./media.js')).writeMedia(ctx, anki.media, basename(opts.shown), warnings) : undefined;

  // Names in warnings come from the file: shown without control characters (SPEC §7).
  const shownWarnings = warnings.map((w) => stripControlChars(w).replace(/\n/g, ' '));
  for (const w of shownWarnings) ctx.warnings.push(`warning: ${w}`);
  // The sync reads back what was just written: it takes the decks parsed above instead of parsing them again.
  for (const p of planned) {
    if (p.deck) rememberParsedDeck(p.path, p.text, p.deck);
    p.deck = null;
  }
  let sync: SyncReport;
  try {
    sync = await syncDecks(ctx, { warn: true, batchFiles: IMPORT_SYNC_BATCH });
  } finally {
    forgetParsedDecks();
  }
  let restored: number | undefined;
  let answers: number | undefined;
  if (anki && (opts.withState ?? anki.collection.revlog.length > 0) && opts.withState !== false) {
    // Where each note was written: its deck file's name and its final id.
    const keyByOrigin = new Map<string, string>();
    for (const p of planned) {
      p.draft.notes.forEach((n, i) => {
        const origin = p.draft.origins[i];
        if (origin !== undefined) keyByOrigin.set(origin, `${p.draft.name}/${n.id}`);
      });
    }
    const r = (await import('./anki-state.js')).restoreAnkiHistory(ctx, anki.collection, anki.cards, (place) => {
      const note = keyByOrigin.get(place.origin);
      return note ? `${note}:${place.template}` : undefined;
    });
    restored = r.cards;
    answers = r.answers;
    if (r.kept > 0) {
      const w = `${r.kept} card${r.kept === 1 ? '' : 's'} already studied here kept ${r.kept === 1 ? 'its' : 'their'} own history (the package's was not applied)`;
      shownWarnings.push(w);
      ctx.warnings.push(`warning: ${w}`);
    }
  }
  if (opts.withState && !anki) {
    // Card keys follow their decks to the names they were imported under.
    const names = rebaseDeckNames([...new Set(sources.map((s) => s.name))], opts.deck);
    const mapped = new Map<string, unknown>();
    for (const [key, json] of states ?? []) {
      const slash = key.lastIndexOf('/', key.lastIndexOf(':'));
      const deck = names.get(key.slice(0, slash));
      if (deck) mapped.set(`${deck}${key.slice(slash)}`, json);
    }
    restored = (await import('./state.js')).restoreStates(ctx, mapped);
  }
  return {
    format: opts.format,
    decks: planned.map((p) => ({ deck: p.draft.name, file: `decks/${p.file}`, notes: p.notes, cards: p.cards, replaced: p.replaced })),
    notes: planned.reduce((n, p) => n + p.notes, 0),
    cards: planned.reduce((n, p) => n + p.cards, 0),
    warnings: shownWarnings,
    sync,
    ...(restored !== undefined ? { states: restored } : {}),
    ...(answers !== undefined ? { answers } : {}),
    ...(mediaWritten !== undefined ? { media: mediaWritten } : {}),
  };
}
