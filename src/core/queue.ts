/**
 * What a review shows next, and how many cards today's limits let through (SPEC §5): due learning
 * cards first, then reviews (most overdue first) with new cards mixed in evenly; per-deck limits,
 * and the collection-wide limit over all of them. Gathering the candidates is the store's job; the
 * decisions are made here.
 */

export interface Limits {
  newPerDay: number;
  reviewsPerDay: number;
}

/** What was already studied today, counted from the review log. */
export interface DoneToday {
  /** new cards answered for the first time today */
  newDone: number;
  /** review-state cards answered today */
  reviewDone: number;
}

export interface Remaining {
  new: number;
  review: number;
}

/** How many more new and review cards the limits allow today. */
export function remainingToday(limits: Limits, done: DoneToday): Remaining {
  return {
    new: Math.max(0, limits.newPerDay - done.newDone),
    review: Math.max(0, limits.reviewsPerDay - done.reviewDone),
  };
}

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

/**
 * Collection-wide counts from per-deck counts (each already capped by its deck's limits): the sum,
 * capped by the collection's own remaining allowance. Learning cards are never limited.
 */
export function totalCounts(perDeck: readonly QueueCounts[], collection: Remaining): QueueCounts {
  const sum = perDeck.reduce(
    (a, d) => ({ new: a.new + d.new, learning: a.learning + d.learning, review: a.review + d.review }),
    { new: 0, learning: 0, review: 0 },
  );
  return {
    new: Math.min(sum.new, collection.new),
    learning: sum.learning,
    review: Math.min(sum.review, collection.review),
  };
}

/**
 * Whether the next card after the due learning cards should be a new card or a review, spreading
 * today's new cards evenly through today's reviews (Anki's intersperser). Stateless: it depends only
 * on what was done today and what remains, so `next` from a script and the interactive review agree.
 */
export function nextKind(remaining: Remaining, done: DoneToday): 'new' | 'review' | null {
  if (remaining.new <= 0 && remaining.review <= 0) return null;
  if (remaining.new <= 0) return 'review';
  if (remaining.review <= 0) return 'new';
  const totalNew = done.newDone + remaining.new;
  const total = totalNew + done.reviewDone + remaining.review;
  const position = done.newDone + done.reviewDone + 1;
  return Math.floor((position * totalNew) / total) > done.newDone ? 'new' : 'review';
}

/** Learning cards due within this much of now are shown when nothing else is left (Anki's learn-ahead). */
export const LEARN_AHEAD_MS = 20 * 60_000;
