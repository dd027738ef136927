/**
 * Bringing an Anki package's study history along (`import --with-state`, on by default for a
 * package that has a review log): each card's Anki review log becomes its llmcards history
 * (rating, time, duration), and its memory state is what replaying those answers through our
 * scheduler gives, so `stats`, `optimize` and the queues work on it as on answers given here.
 * Suspended and buried cards stay so. A card already studied in this collection keeps its own
 * state and history: nothing is written to it.
 */
import { setFlagsFromString } from 'node:v8';
import type { AnkiCardPlace } from '../../formats/anki-import.js';
import { NEW_CARD, type MemoryState, type Scheduler } from '../../core/scheduler.js';
import { RATINGS, type Rating } from '../../core/states.js';
import { studyDay } from '../../core/timing.js';
import type { AnkiCollectionData, AnkiRevlogColumns } from '../../store/anki/read.js';
import type { NewReviewEntry } from '../../store/revlog.js';
import { schedulerFor } from '../answer.js';
import type { AppContext } from '../context.js';

export interface AnkiStateReport {
  /** cards given a history or flags */
  cards: number;
  /** answers written */
  answers: number;
  /** cards left alone because they have been studied here */
  kept: number;
}

/** Anki's revlog types: 0 learn, 1 review, 2 relearn, 3 filtered (an answer all the same); 4 manual, 5 rescheduled. */
const isAnswer = (r: AnkiRevlogColumns, i: number) =>
  (r.type[i] as number) >= 0 && (r.type[i] as number) <= 3 && (r.ease[i] as number) >= 1 && (r.ease[i] as number) <= 4;
/** A manual entry setting the interval to 0 is Anki's "forget": the card started over as new. */
const isReset = (r: AnkiRevlogColumns, i: number) => r.type[i] === 4 && r.ivl[i] === 0;

interface Target {
  key: string;
  note: string;
  deck: string;
  suspended: boolean;
  buried: boolean;
  /** the card's rows in the log: [start, end) */
  start: number;
  end: number;
}

/**
 * One card's answers replayed, oldest first, from after its last "forget"; answers in the future
 * of `now` are left out. The fuzz of intervals does not change stability or difficulty, only the
 * interval itself, so every answer but the last is replayed without it (fuzzing costs a third of
 * the time) and the last, which decides when the card is due, with it.
 */
function* replay(
  t: Target,
  log: AnkiRevlogColumns,
  now: Date,
  scheduler: Scheduler,
  plain: Scheduler,
  out: { memory: MemoryState },
): Generator<NewReviewEntry> {
  let start = t.start;
  for (let i = t.start; i < t.end; i++) if (isReset(log, i)) start = i + 1;
  let last = -1;
  for (let i = start; i < t.end; i++) if (isAnswer(log, i) && (log.id[i] as number) <= now.getTime()) last = i;
  let memory: MemoryState = NEW_CARD;
  for (let i = start; i <= last; i++) {
    if (!isAnswer(log, i) || (log.id[i] as number) > now.getTime()) continue;
    let at = new Date(log.id[i] as number);
    // Two answers in one millisecond (or a clock that went back) still apply in order.
    if (memory.lastReview && at.getTime() <= memory.lastReview.getTime()) at = new Date(memory.lastReview.getTime() + 1);
    const rating = RATINGS[(log.ease[i] as number) - 1] as Rating;
    const { next, elapsedDays } = (i === last ? scheduler : plain).answer(memory, rating, at);
    const ms = log.time[i] as number;
    yield {
      card: t.key,
      note: t.note,
      deck: t.deck,
      at,
      rating,
      source: 'review',
      durationMs: ms > 0 && ms < 86_400_000 ? ms : null,
      elapsedDays,
      after: next,
      before: memory,
      beforeFlags: { suspended: false, leech: false, buriedUntil: null },
      // Journaled as imported, with the state it gave, so that a replay elsewhere keeps it (SPEC §8).
      origin: 'import',
      given: true,
    };
    memory = next;
  }
  out.memory = memory;
}

/**
 * Run `fn` with V8's allocation-site pretenuring off. V8 allocates straight into the old generation
 * the objects of a code site whose objects mostly survived young collections; during the replay of
 * a million answers some sites were so marked, and their short-lived objects (each answer's) filled
 * the old generation with garbage: it grew by ~500 MB before a full collection (peak RSS 900 MB),
 * and every young collection took twice as long. V8 reads the flag at each collection, so it can be
 * set for the replay alone (300,000 answers: old generation +130 MB -> +20 MB).
 */
function withoutPretenuring<T>(fn: () => T): T {
  setFlagsFromString('--no-allocation-site-pretenuring');
  try {
    return fn();
  } finally {
    setFlagsFromString('--allocation-site-pretenuring');
  }
}

/**
 * Replay the history of the package's cards onto the cards they became. `keyOf` gives the card key
 * an Anki card landed on (or undefined when its note was not imported).
 */
export function restoreAnkiHistory(
  ctx: AppContext,
  col: AnkiCollectionData,
  places: ReadonlyMap<number, AnkiCardPlace>,
  keyOf: (place: AnkiCardPlace) => string | undefined,
): AnkiStateReport {
  const scheduler = schedulerFor(ctx.settings);
  const plain = ctx.settings.fsrs.enable_fuzz ? schedulerFor({ ...ctx.settings, fsrs: { ...ctx.settings.fsrs, enable_fuzz: false } }) : scheduler;
  const log = col.revlog;
  // The log is ordered by card: each card's rows are one range.
  const ranges = new Map<number, [number, number]>();
  for (let i = 0; i < log.length; ) {
    let j = i + 1;
    while (j < log.length && log.cid[j] === log.cid[i]) j++;
    ranges.set(log.cid[i] as number, [i, j]);
    i = j;
  }
  const tomorrow = studyDay(ctx.now, ctx.settings.day_starts_at, ctx.env.offsetAt).nextDayAt;
  const report: AnkiStateReport = { cards: 0, answers: 0, kept: 0 };
  ctx.store.writeTransaction(() => {
    const targets: Target[] = [];
    let expected = 0;
    for (const c of col.cards) {
      const place = places.get(c.id);
      const key = place ? keyOf(place) : undefined;
      const [start, end] = ranges.get(c.id) ?? [0, 0];
      const suspended = c.queue === -1;
      const buried = c.queue === -2 || c.queue === -3;
      if (!key || (start === end && !suspended && !buried)) continue;
      const card = ctx.store.cards.get(key);
      if (!card) continue;
      if (card.memory.reps > 0 || card.memory.state !== 'new' || ctx.store.revlog.lastOfCard(key)) {
        report.kept++;
        continue;
      }
      targets.push({ key, note: card.note, deck: card.deck, suspended, buried, start, end });
      expected += end - start;
    }
    const states: { target: Target; memory: MemoryState }[] = [];
    function* all(): Generator<NewReviewEntry> {
      for (const t of targets) {
        const out = { memory: NEW_CARD as MemoryState };
        yield* replay(t, log, ctx.now, scheduler, plain, out);
        states.push({ target: t, memory: out.memory });
      }
    }
    report.answers = withoutPretenuring(() => ctx.store.revlog.insertMany(all(), expected));
    for (const { target: t, memory } of states) {
      if (memory.reps === 0 && !t.suspended && !t.buried) continue;
      ctx.store.cards.writeState(t.key, memory, { suspended: false, leech: false, buriedUntil: null });
      // Through the journaled setters, so that the other machines see them too (SPEC §8).
      if (t.suspended) ctx.store.cards.setSuspended(t.key, true, ctx.now);
      if (t.buried) ctx.store.cards.setBuriedUntil(t.key, tomorrow, ctx.now);
      // The note's text came with its history: it was not edited after its last review.
      if (memory.lastReview) ctx.store.notes.markUnchangedSince(t.note, memory.lastReview);
      report.cards++;
    }
  });
  return report;
}
