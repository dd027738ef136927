/**
 * Today's queues (SPEC §5): what the daily limits let through, per deck and in all, and which card
 * comes next. `due` and the dashboard use the counts; `next` and the review pick from them.
 */
import {
  LEARN_AHEAD_MS,
  nextKind,
  remainingToday,
  totalCounts,
  type DoneToday,
  type Limits,
  type QueueCounts,
  type Remaining,
} from '../core/queue.js';
import type { StudyDay } from '../core/timing.js';
import type { StoredCard, QueueTime } from '../store/cards.js';
import { deckMatches, type CardFilter } from '../store/filter.js';
import { today, type AppContext } from './context.js';

export interface DeckQueue {
  deck: string;
  limits: Limits;
  done: DoneToday;
  remaining: Remaining;
  counts: QueueCounts;
}

export interface DayQueue {
  day: StudyDay;
  time: QueueTime;
  decks: DeckQueue[];
  collection: { limits: Limits; done: DoneToday; remaining: Remaining };
  totals: QueueCounts;
}

/** Options that narrow a session: the common filters plus a session's own new-card cap. */
export interface QueueOptions {
  filter?: CardFilter;
  /** `review --new N`: at most this many new cards (within the day's limits) */
  newCap?: number;
}

/** Count today's queues for the decks that match the filter. */
export function dayQueue(ctx: AppContext, opts: QueueOptions = {}): DayQueue {
  const day = today(ctx);
  const time: QueueTime = { now: ctx.now, dayStart: day.start };
  const doneRows = new Map(ctx.store.revlog.doneSince(day.start).map((r) => [r.deck, r]));
  const s = ctx.settings;
  const collectionLimits: Limits = { newPerDay: s.new_per_day, reviewsPerDay: s.reviews_per_day };
  const collectionDone: DoneToday = { newDone: 0, reviewDone: 0 };
  for (const r of doneRows.values()) {
    collectionDone.newDone += r.newDone;
    collectionDone.reviewDone += r.reviewDone;
  }
  const collectionRemaining = remainingToday(collectionLimits, collectionDone);
  if (opts.newCap !== undefined) collectionRemaining.new = Math.min(collectionRemaining.new, opts.newCap);

  const decks: DeckQueue[] = [];
  for (const d of ctx.store.notes.decks()) {
    if (!deckMatches(d.name, opts.filter)) continue;
    const limits: Limits = {
      newPerDay: d.options.new_per_day ?? s.new_per_day,
      reviewsPerDay: d.options.reviews_per_day ?? s.reviews_per_day,
    };
    const row = doneRows.get(d.name);
    const done: DoneToday = { newDone: row?.newDone ?? 0, reviewDone: row?.reviewDone ?? 0 };
    const own = remainingToday(limits, done);
    // A deck never lets through more than the collection as a whole still allows.
    const remaining = { new: Math.min(own.new, collectionRemaining.new), review: Math.min(own.review, collectionRemaining.review) };
    decks.push({ deck: d.name, limits, done, remaining, counts: { new: 0, learning: 0, review: 0 } });
  }
  const counts = ctx.store.cards.queueCounts(
    decks.map((d) => ({ deck: d.deck, caps: d.remaining })),
    day.nextDayAt,
    time,
    opts.filter,
    doneRows.size > 0,
  );
  for (const d of decks) d.counts = counts.get(d.deck)!;
  return {
    day,
    time,
    decks,
    collection: { limits: collectionLimits, done: collectionDone, remaining: collectionRemaining },
    totals: totalCounts(
      decks.map((d) => d.counts),
      collectionRemaining,
    ),
  };
}

/**
 * Review cards due today beyond what the daily limits let through (0 when no deck's review limit is
 * used up): when the queues are empty because of them, "all caught up" would mislead.
 */
export function reviewsHeldBack(ctx: AppContext, opts: QueueOptions = {}): number {
  const q = dayQueue(ctx, opts);
  if (q.decks.every((d) => d.remaining.review > 0)) return 0;
  const all = ctx.store.cards.queueCounts(
    q.decks.map((d) => ({ deck: d.deck, caps: { new: 0, review: Number.MAX_SAFE_INTEGER } })),
    q.day.nextDayAt,
    q.time,
    opts.filter,
    q.collection.done.newDone + q.collection.done.reviewDone > 0,
  );
  let held = 0;
  for (const d of q.decks) held += Math.max(0, all.get(d.deck)!.review - d.counts.review);
  return held;
}

/** The `due --json` shape (SPEC §4). */
export interface DueReport {
  now: string;
  new: number;
  learning: number;
  review: number;
  total: number;
  decks: { deck: string; new: number; learning: number; review: number }[];
}

export function dueReport(ctx: AppContext, opts: QueueOptions = {}): DueReport {
  const q = dayQueue(ctx, opts);
  return {
    now: ctx.now.toISOString(),
    new: q.totals.new,
    learning: q.totals.learning,
    review: q.totals.review,
    total: q.totals.new + q.totals.learning + q.totals.review,
    decks: q.decks.map((d) => ({ deck: d.deck, ...d.counts })),
  };
}

/**
 * The card a review shows next, or null when nothing is left for today: due learning cards first;
 * then a review or a new card, mixed evenly; then learning cards due within the learn-ahead window.
 */
export function pickNext(ctx: AppContext, opts: QueueOptions = {}, exclude: ReadonlySet<string> = new Set()): { card: StoredCard; queue: DayQueue } | null {
  const q = dayQueue(ctx, opts);
  const filter = opts.filter;
  const firstNotExcluded = (cards: StoredCard[]) => cards.find((c) => !exclude.has(c.key));
  const learning = firstNotExcluded(ctx.store.cards.learningDue(ctx.now, q.time, filter, exclude.size + 1));
  if (learning) return { card: learning, queue: q };

  const available: Remaining = { new: q.totals.new, review: q.totals.review };
  const order = nextKind(available, q.collection.done);
  const kinds = order === 'new' ? (['new', 'review'] as const) : (['review', 'new'] as const);
  for (const kind of kinds) {
    const decks = q.decks.filter((d) => (kind === 'new' ? d.counts.new : d.counts.review) > 0).map((d) => d.deck);
    const cards =
      kind === 'new'
        ? ctx.store.cards.newCards(q.time, decks, filter, exclude.size + 1)
        : ctx.store.cards.reviewsDue(q.day.nextDayAt, q.time, decks, filter, exclude.size + 1);
    const card = firstNotExcluded(cards);
    if (card) return { card, queue: q };
  }

  const ahead = firstNotExcluded(ctx.store.cards.learningDue(new Date(ctx.now.getTime() + LEARN_AHEAD_MS), q.time, filter, exclude.size + 1));
  return ahead ? { card: ahead, queue: q } : null;
}
