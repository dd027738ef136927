/**
 * `sync`: load changed deck files into the database (SPEC §3, §4). Every other command runs it first;
 * when no file changed it only stats the files. Files whose size and mtime match what was seen are
 * not read; files read but unchanged in content are not parsed; an invalid file is reported and
 * skipped as a whole (its cards keep their state and stay where they were).
 */
import { planSync, type SyncPlan } from '../core/sync-plan.js';
import type { Deck } from '../core/notes.js';
import { contentHash, listDeckFiles, readDeckText, type DeckFileStat } from '../deckfile/load.js';
import { MAX_DECK_BYTES } from '../deckfile/fields.js';
import type { Problem } from '../deckfile/problem.js';
import type { DeckFileRow, FileUpdate } from '../store/sync.js';
import { shownPath, type AppContext } from './context.js';

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
}

/**
 * Bring the database up to date with the deck files. Returns the report; problems of invalid files
 * are also added to ctx.warnings when `warn` is set (for commands other than sync and lint).
 */
export async function syncDecks(ctx: AppContext, opts: { warn: boolean }): Promise<SyncReport> {
  const files = listDeckFiles(ctx.decksDir);
  const known = ctx.store.sync.deckFiles();
  const onDisk = new Set(files.map((f) => f.file));
  const removedFiles = [...known.keys()].filter((path) => !onDisk.has(path));
  const candidates = files.filter((f) => {
    const k = known.get(f.file);
    return !k || k.size !== f.size || k.mtimeUs !== f.mtimeUs;
  });

  let plan: SyncPlan | null = null;
  const updates: FileUpdate[] = [];
  if (candidates.length > 0 || removedFiles.length > 0) {
    const parsed: Deck[] = [];
    const replaced = new Set<string>(removedFiles);
    // Deck names taken by files that are not being re-read (a name belongs to one file).
    const deckOwner = new Map<string, string>();
    for (const row of known.values()) {
      if (row.deck && onDisk.has(row.path) && !candidates.some((c) => c.file === row.path)) deckOwner.set(row.deck, row.path);
    }
    const parseDeckText = candidates.length > 0 ? (await import('../deckfile/parse-text.js')).parseDeckText : null;
    for (const f of candidates) {
      const update = readCandidate(f, known.get(f.file), parseDeckText!);
      if (update.deck) {
        const owner = deckOwner.get(update.deck.name);
        if (owner && owner !== f.file) {
          update.row = { ...update.row, deck: null, errors: JSON.stringify([dupDeck(f.file, update.deck.name, owner)]) };
          delete update.deck;
        } else {
          deckOwner.set(update.deck.name, f.file);
          parsed.push(update.deck);
          replaced.add(f.file);
        }
      }
      updates.push(update);
    }
    if (parsed.length > 0 || removedFiles.length > 0) {
      const keys = parsed.flatMap((d) => d.notes.map((n) => `${d.name}/${n.id}`));
      const { notes, cards } = ctx.store.sync.known([...replaced], keys);
      plan = planSync({ decks: parsed, replacedFiles: replaced, knownNotes: notes, knownCards: cards, now: ctx.now.getTime() });
    }
    ctx.store.sync.apply(
      plan ?? { notes: [], notesGone: [], cardsAdded: [], cardsKept: [], cardsGone: [], counts: { added: 0, updated: 0, removed: 0, keptUnchanged: 0 } },
      updates,
      removedFiles,
    );
  }

  const rows = ctx.store.sync.deckFiles();
  const errors: SyncError[] = [];
  for (const row of rows.values()) {
    if (!row.errors) continue;
    const problems = JSON.parse(row.errors) as Problem[];
    for (const p of problems) errors.push({ file: shownPath(ctx, row.path), line: p.line, col: p.col, message: p.message });
    const first = problems[0];
    if (opts.warn && first) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      ctx.warnings.push(`warning: ${shownPath(ctx, row.path)}:${first.line}:${first.col}: ${first.message}${more}; the file was skipped (see llmcards lint)`);
    }
  }
  const counts = plan?.counts ?? { added: 0, updated: 0, removed: 0 };
  const total = ctx.store.sync.presentCardCount();
  return {
    decks: [...rows.values()].filter((r) => r.deck !== null && !r.errors).length,
    added: counts.added,
    updated: counts.updated,
    removed: counts.removed,
    unchanged: Math.max(0, total - counts.added - counts.updated),
    errors,
  };
}

type ParseText = (text: string, file: string, shownAs: string) => { deck: Deck | null; problems: Problem[] };

/** Read one changed file: touch only, a valid deck, or errors. Problems name the file under decks/. */
function readCandidate(f: DeckFileStat, prev: DeckFileRow | undefined, parse: ParseText): FileUpdate {
  const base = { path: f.file, size: f.size, mtimeUs: f.mtimeUs };
  if (f.size > MAX_DECK_BYTES) {
    const problem = { file: f.file, line: 1, col: 1, severity: 'error', message: `deck file is larger than ${MAX_DECK_BYTES / 1024 / 1024} MB; split it into several decks` };
    return { row: { ...base, hash: '', deck: prev?.deck ?? null, errors: JSON.stringify([problem]) } };
  }
  let text: string;
  try {
    text = readDeckText(f.abs);
  } catch (err) {
    const problem = { file: f.file, line: 1, col: 1, severity: 'error', message: `cannot read the file: ${(err as Error).message}` };
    return { row: { ...base, hash: '', deck: prev?.deck ?? null, errors: JSON.stringify([problem]) } };
  }
  const hash = contentHash(text);
  // Same content (a touch, a checkout): keep what was known, parse nothing.
  if (prev && prev.hash === hash) return { row: { ...prev, size: f.size, mtimeUs: f.mtimeUs } };
  const result = parse(text, f.file, f.file);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.deck || errors.length > 0) {
    return { row: { ...base, hash, deck: prev?.deck ?? null, errors: JSON.stringify(errors) } };
  }
  return { row: { ...base, hash, deck: result.deck.name, errors: null }, deck: result.deck };
}

function dupDeck(file: string, deck: string, owner: string): Problem {
  return { file, line: 1, col: 1, severity: 'error', message: `deck name "${deck}" is already used by ${owner}; set a different \`deck:\`` };
}
