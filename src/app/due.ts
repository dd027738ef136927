/**
 * Today's queues (SPEC §5) for a moment: the store hands over the candidates and what was done
 * today, core/queue.ts applies the rules. `due` and the dashboard use the counts; `next` and the
 * review pick from them.
 */
import {
  buildQueue,
  heldBack,
  pickNext as pickFromQueue,
  type DoneToday,
  type Limits,
  type NewOrderRule,
  type Queue,
  type QueueMoment,
} from '../core/queue.js';
import { studyDay, type StudyDay } from '../core/timing.js';
import type { QueueCard, SessionCounts, StoredCard } from '../store/cards.js';
import { deckMatches, type CardFilter } from '../store/filter.js';
import type { AppContext } from './context.js';

export type { DeckQueue } from '../core/queue.js';

export interface DayQueue extends Queue {
  day: StudyDay;
  /** the moment it was counted at */
  at: Date;
}

/** Options that narrow a session: the common filters plus a session's own new-card cap. */
export interface QueueOptions {
  filter?: CardFilter;
  /** `review --new N`: at most this many new cards (within the day's limits) */
  newCap?: number;
  /** a review session's memory of the per-deck counts (store/cards.ts SessionCounts) */
  remembered?: SessionCounts;
}

/** Everything the rules need at `at`: the candidates' source, the limits, and what was done today. */
function queueInputs(ctx: AppContext, at: Date, opts: QueueOptions) {
  const day = studyDay(at, ctx.settings.day_starts_at, ctx.env.offsetAt);
  const m: QueueMoment = { at: at.getTime(), dayStart: day.start.getTime(), nextDayAt: day.nextDayAt.getTime() };
  const doneRows = new Map(ctx.store.revlog.doneSince(day.start).map((r) => [r.deck, r]));
  const s = ctx.settings;
  const done: DoneToday = { newDone: 0, reviewDone: 0 };
  for (const r of doneRows.values()) {
    done.newDone += r.newDone;
    done.reviewDone += r.reviewDone;
  }
  const decks: { deck: string; limits: Limits; done: DoneToday }[] = [];
  const deckOrder = new Map<string, number | null>();
  for (const d of ctx.store.notes.decks()) {
    if (!deckMatches(d.name, opts.filter)) continue;
    deckOrder.set(d.name, d.order);
    const row = doneRows.get(d.name);
    decks.push({
      deck: d.name,
      limits: { newPerDay: d.options.new_per_day ?? s.new_per_day, reviewsPerDay: d.options.reviews_per_day ?? s.reviews_per_day },
      done: { newDone: row?.newDone ?? 0, reviewDone: row?.reviewDone ?? 0 },
    });
  }
  // Nothing answered today: no sibling waits, and the log need not be read.
  const answeredToday = doneRows.size > 0 ? ctx.store.revlog.notesSince(day.start) : new Set<string>();
  const input = {
    limits: { newPerDay: s.new_per_day, reviewsPerDay: s.reviews_per_day },
    decks,
    done,
    answeredToday,
    ...(opts.newCap === undefined ? {} : { newCap: opts.newCap }),
  };
  return { day, m, input, source: ctx.store.cards.queueSource(opts.filter, m, opts.remembered), newOrder: newOrderRule(ctx, deckOrder) };
}

/** The collection's `new_order`, with what it needs: the decks' `order:`, or the seed. */
function newOrderRule(ctx: AppContext, deckOrder: ReadonlyMap<string, number | null>): NewOrderRule {
  switch (ctx.settings.new_order) {
    case 'added':
      return { by: 'added' };
    case 'random':
      return { by: 'random', seed: newOrderSeed(ctx) };
    default:
      return { by: 'deck', deckOrder };
  }
}

/**
 * The seed of `new_order: random`: --seed when the command was given one; else the collection's
 * own, drawn once (from the entry point's random source) and kept in the database, so that `next`,
 * `review` and every later day agree on the order.
 */
export function newOrderSeed(ctx: AppContext): number {
  if (ctx.seed !== undefined) return ctx.seed;
  const kept = ctx.store.meta.get('new_order_seed');
  if (kept !== undefined && /^\d+$/.test(kept)) return Number(kept);
  const drawn = String(ctx.env.randomSeed?.() ?? 0);
  try {
    return Number(ctx.store.meta.setIfAbsent('new_order_seed', drawn));
  } catch {
    // A read-only database: the drawn seed serves this command.
    return Number(drawn);
  }
}

/** The rules' counts (core/queue.ts): a seek into each deck's part of the queue index, each page read once. */
function countQueue(ctx: AppContext, ...args: Parameters<typeof buildQueue>): Queue {
  return ctx.store.readingOnce(() => buildQueue(...args));
}

/** Count today's queues at `at` for the decks that match the filter. */
export function dayQueue(ctx: AppContext, at: Date, opts: QueueOptions = {}): DayQueue {
  const { day, m, input, source } = queueInputs(ctx, at, opts);
  return { ...countQueue(ctx, input, source, m), day, at };
}

/**
 * Review cards due today beyond what the daily limits let through (0 when no deck's review limit is
 * used up): when the queues are empty because of them, "all caught up" would mislead.
 */
export function reviewsHeldBack(ctx: AppContext, at: Date, opts: QueueOptions = {}): number {
  const { m, input, source } = queueInputs(ctx, at, opts);
  return heldBack(countQueue(ctx, input, source, m), source, m, input.answeredToday);
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

export function dueReport(ctx: AppContext, at: Date, opts: QueueOptions = {}): DueReport {
  const q = dayQueue(ctx, at, opts);
  return {
    now: at.toISOString(),
    new: q.totals.new,
    learning: q.totals.learning,
    review: q.totals.review,
    total: q.totals.new + q.totals.learning + q.totals.review,
    decks: q.decks.map((d) => ({ deck: d.deck, ...d.counts })),
  };
}

/** The card a review shows next at `at` (see core/queue.ts `pickNext`), or null when nothing is left for today. */
export function pickNext(
  ctx: AppContext,
  at: Date,
  opts: QueueOptions = {},
  exclude: ReadonlySet<string> = new Set(),
): { card: StoredCard; queue: DayQueue } | null {
  const { day, m, input, source, newOrder } = queueInputs(ctx, at, opts);
  const queue: DayQueue = { ...countQueue(ctx, input, source, m), day, at };
  const picked: QueueCard | null = pickFromQueue(queue, source, m, input.answeredToday, exclude, newOrder);
  return picked && { card: picked.card, queue };
}
