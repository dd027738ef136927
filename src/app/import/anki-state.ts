/**
 * Bringing an Anki package's study history along (`import --with-state`, on by default for a
 * package that has a review log): each card's Anki review log becomes its llmcards history
 * (rating, time, duration), and its memory state is what replaying those answers through our
 * scheduler gives, so `stats`, `optimize` and the queues work on it as on answers given here.
 * Suspended and buried cards stay so. A card already studied in this collection keeps its own
 * state and history: nothing is written to it.
 */
import type { AnkiCardPlace } from '../../formats/anki-import.js';
import { NEW_CARD, type MemoryState } from '../../core/scheduler.js';
import { RATINGS } from '../../core/states.js';
import { studyDay } from '../../core/timing.js';
import type { AnkiCollectionData, AnkiRevlogData } from '../../store/anki/read.js';
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
const isAnswer = (r: AnkiRevlogData) => r.type >= 0 && r.type <= 3 && r.ease >= 1 && r.ease <= 4;
/** A manual entry setting the interval to 0 is Anki's "forget": the card started over as new. */
const isReset = (r: AnkiRevlogData) => r.type === 4 && r.ivl === 0;

/**
 * Replay the history of the package's cards onto the cards they became. `keyOf` gives the card key
 * an Anki card landed on (or undefined when its note was not imported).
 */
export function restoreAnkiHistory(ctx: AppContext, col: AnkiCollectionData, places: ReadonlyMap<number, AnkiCardPlace>, keyOf: (place: AnkiCardPlace) => string | undefined): AnkiStateReport {
  const scheduler = schedulerFor(ctx.settings);
  const byCard = new Map<number, AnkiRevlogData[]>();
  for (const r of col.revlog) {
    if (!places.has(r.cid)) continue;
    let list = byCard.get(r.cid);
    if (!list) byCard.set(r.cid, (list = []));
    list.push(r);
  }
  const tomorrow = studyDay(ctx.now, ctx.settings.day_starts_at, ctx.env.offsetAt).nextDayAt;
  const report: AnkiStateReport = { cards: 0, answers: 0, kept: 0 };
  ctx.store.writeTransaction(() => {
    for (const c of col.cards) {
      const place = places.get(c.id);
      const key = place ? keyOf(place) : undefined;
      const rows = byCard.get(c.id) ?? [];
      const suspended = c.queue === -1;
      const buried = c.queue === -2 || c.queue === -3;
      if (!key || (rows.length === 0 && !suspended && !buried)) continue;
      const card = ctx.store.cards.get(key);
      if (!card) continue;
      if (card.memory.reps > 0 || card.memory.state !== 'new' || ctx.store.revlog.lastOfCard(key)) {
        report.kept++;
        continue;
      }
      // The history after the last "forget", oldest first; answers in the future of --now are left out.
      let start = 0;
      rows.forEach((r, i) => {
        if (isReset(r)) start = i + 1;
      });
      let memory: MemoryState = NEW_CARD;
      const entries: NewReviewEntry[] = [];
      for (const r of rows.slice(start)) {
        if (!isAnswer(r)) continue;
        let at = new Date(r.id);
        if (!Number.isFinite(at.getTime()) || at.getTime() > ctx.now.getTime()) continue;
        // Two answers in one millisecond (or a clock that went back) still apply in order.
        if (memory.lastReview && at.getTime() <= memory.lastReview.getTime()) at = new Date(memory.lastReview.getTime() + 1);
        const rating = RATINGS[r.ease - 1] as (typeof RATINGS)[number];
        const { next, elapsedDays } = scheduler.answer(memory, rating, at);
        entries.push({
          card: key,
          note: card.note,
          deck: card.deck,
          at,
          rating,
          source: 'review',
          durationMs: r.time > 0 && r.time < 86_400_000 ? r.time : null,
          elapsedDays,
          after: next,
          before: memory,
          beforeFlags: { suspended: false, leech: false, buriedUntil: null },
          // Journaled as imported, with the state it gave, so that a replay elsewhere keeps it (SPEC §8).
          origin: 'import',
          given: true,
        });
        memory = next;
      }
      for (const e of entries) ctx.store.revlog.insert(e);
      if (entries.length === 0 && !suspended && !buried) continue;
      ctx.store.cards.writeState(key, memory, { suspended: false, leech: false, buriedUntil: null });
      // Through the journaled setters, so that the other machines see them too (SPEC §8).
      if (suspended) ctx.store.cards.setSuspended(key, true, ctx.now);
      if (buried) ctx.store.cards.setBuriedUntil(key, tomorrow, ctx.now);
      // The note's text came with its history: it was not edited after its last review.
      if (memory.lastReview) ctx.store.notes.markUnchangedSince(card.note, memory.lastReview);
      report.cards++;
      report.answers += entries.length;
    }
  });
  return report;
}
