/**
 * The writing half of a sync: read the changed deck files (with reader threads for a large sync),
 * plan what they mean for notes and cards, and write it all in one transaction. Loaded only when
 * something changed, so that the check every command makes stays small.
 */
import { planSync, type PreparedDeck } from '../core/sync-plan.js';
import type { DeckFileStat } from '../deckfile/load.js';
import { deckNameTaken } from '../deckfile/problem.js';
import type { ReadJob, ReadResult } from '../deckfile/read-deck.js';
import { readDeckFiles, readerThreads } from '../deckfile/read-files.js';
import type { DeckFileRow, FileUpdate } from '../store/sync.js';
import type { AppContext } from './context.js';

/**
 * Above this much deck text to read, a sync reads with reader threads and rebuilds the indexes of
 * notes and cards once instead of row by row (a first sync of a large collection).
 */
const LARGE_SYNC_BYTES = 2 * 1024 * 1024;

export interface Changes {
  candidates: readonly DeckFileStat[];
  /** files to parse again although their content is unchanged */
  reread: ReadonlySet<string>;
  removedFiles: readonly string[];
  known: ReadonlyMap<string, DeckFileRow>;
  onDisk: ReadonlySet<string>;
  /** false: never the large-sync way (indexes rebuilt, reader threads), for a sync in short batches */
  bulk?: boolean;
}

/** Apply the changed and removed deck files; returns the card counts of the report. */
export async function applyChanges(
  ctx: AppContext,
  { candidates, reread, removedFiles, known, onDisk, bulk }: Changes,
): Promise<{ added: number; updated: number; removed: number }> {
  const counts = { added: 0, updated: 0, removed: 0 };
  const large = bulk !== false && candidates.reduce((n, f) => n + f.size, 0) > LARGE_SYNC_BYTES;
  const jobs: ReadJob[] = candidates.map((f) => ({
    file: f.file,
    abs: f.abs,
    size: f.size,
    prevHash: reread.has(f.file) ? null : (known.get(f.file)?.hash ?? null),
  }));
  const stat = new Map(candidates.map((f) => [f.file, f]));
  // A deck name belongs to one file: the names of files not being re-read are taken.
  const deckOwner = new Map<string, string>();
  for (const row of known.values()) {
    if (row.deck && onDisk.has(row.path) && !stat.has(row.path)) deckOwner.set(row.deck, row.path);
  }
  const writer = ctx.store.sync.writer();
  let first = false;
  const goneThisSync = new Set<string>();
  const applyPlan = (decks: PreparedDeck[], replaced: readonly string[]) => {
    const { notes, cards } = first
      ? { notes: new Map(), cards: new Map() }
      : ctx.store.sync.known(
          replaced,
          decks.flatMap((d) => d.notes.map((n) => n.key)),
        );
    const plan = planSync({ decks, replacedFiles: new Set(replaced), knownNotes: notes, knownCards: cards, now: ctx.now.getTime() });
    writer.apply(plan);
    counts.added += plan.counts.added;
    counts.updated += plan.counts.updated;
    counts.removed += plan.counts.removed;
    // A card that left with one file and came back with another in this same sync (a renamed or
    // split file) was neither added nor removed: it is reported as unchanged.
    for (const c of plan.cardsKept) {
      if (goneThisSync.delete(c.key)) {
        counts.added--;
        counts.removed--;
      }
    }
    for (const key of plan.cardsGone) goneThisSync.add(key);
  };
  // An import's batch (bulk false) reads and parses its few files before taking the write lock, so
  // that an answer in another process waits only for the batch's writes (SPEC §7).
  const readAhead: [ReadJob, ReadResult][] | null = bulk === false ? [] : null;
  if (readAhead) for await (const pair of readDeckFiles(jobs, 0)) readAhead.push(pair);
  // One transaction for the whole sync (all or nothing), written one file at a time (little memory).
  ctx.store.beginWrite();
  try {
    // A first sync has nothing to look up: every note and card in it is new. Asked only now, under
    // the write lock: another process may have loaded the same decks while this one waited for it.
    first = ctx.store.sync.isEmpty();
    if (large) writer.beginBulk({ lookups: !first });
    if (removedFiles.length > 0) {
      for (const path of removedFiles) writer.removeFile(path);
      applyPlan([], removedFiles);
    }
    for await (const [job, result] of readAhead ?? readDeckFiles(jobs, large ? (ctx.env.syncReaders ?? readerThreads()) : 0)) {
      const f = stat.get(job.file)!;
      const update = fileUpdate(result, { path: f.file, size: f.size, mtimeUs: f.mtimeUs }, known.get(f.file));
      if (update.deck) {
        const owner = deckOwner.get(update.deck.header.name);
        if (owner && owner !== f.file) {
          update.row = {
            ...update.row,
            deck: null,
            errors: JSON.stringify([deckNameTaken(f.file, update.deck.header.name, owner, '; set a different `deck:`')]),
          };
          delete update.deck;
        } else {
          deckOwner.set(update.deck.header.name, f.file);
        }
      }
      writer.file(update);
      if (update.deck) applyPlan([update.deck], [f.file]);
    }
    if (large) writer.endBulk();
    ctx.store.commit();
  } catch (err) {
    ctx.store.rollback();
    throw err;
  }
  return counts;
}

/** What to record of a file that was read: its fingerprint, and its deck or its problems. */
function fileUpdate(result: ReadResult, base: { path: string; size: number; mtimeUs: number }, prev: DeckFileRow | undefined): FileUpdate {
  switch (result.kind) {
    case 'same':
      // Same content (a touch, a checkout): keep what was known.
      return { row: { ...prev!, size: base.size, mtimeUs: base.mtimeUs } };
    case 'invalid':
      return { row: { ...base, hash: result.hash, deck: prev?.deck ?? null, errors: JSON.stringify(result.problems) } };
    case 'deck':
      return { row: { ...base, hash: result.hash, deck: result.deck.header.name, errors: null }, deck: result.deck };
  }
}
