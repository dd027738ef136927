/**
 * The training items of the FSRS optimizer (fsrs-rs): for each card, each answer given after at least
 * a day, together with every answer before it, as (rating 1-4, days since the previous answer).
 *
 * A card answered n times makes up to n-1 items that share their beginnings, so the items are kept
 * as one history per card and the places where items end: building them as separate arrays would
 * hold n²/2 reviews in memory (gigabytes for a log of a million answers).
 */
import type { Days } from './stats.js';

export interface ItemReview {
  rating: number;
  deltaT: number;
}

/** One card's answers, oldest first; item k is `reviews.slice(0, ends[k])`. */
export interface CardItems {
  reviews: ItemReview[];
  ends: number[];
}

const RATING_NUMBER: Record<string, number> = { again: 1, hard: 2, good: 3, easy: 4 };

/**
 * Answers must be grouped by card and in time order within a card. A card's history starts at its
 * last answer as a new card (`prevState` 'new'); a card whose log lacks that beginning (history
 * imported in part) teaches nothing reliable and is left out, as are cards with no item.
 */
export function trainingItems(answers: readonly { card: string; at: number; rating: string; prevState?: string }[], days: Pick<Days, 'dayOf'>): CardItems[] {
  const out: CardItems[] = [];
  let current: CardItems | null = null;
  let card: string | null = null;
  let lastDay = 0;
  for (const a of answers) {
    if (a.card !== card) {
      card = a.card;
      current = { reviews: [], ends: [] };
      out.push(current);
    }
    if (a.prevState === 'new') {
      current!.reviews = [];
      current!.ends = [];
    } else if (a.prevState !== undefined && current!.reviews.length === 0) {
      continue; // no beginning seen for this card (yet)
    }
    const history = current!.reviews;
    const day = days.dayOf(a.at);
    history.push({ rating: RATING_NUMBER[a.rating] ?? 3, deltaT: history.length === 0 ? 0 : Math.max(0, day - lastDay) });
    lastDay = day;
    // Only answers after a day or more teach long-term memory; same-day ones ride along as history.
    if (history.length > 1 && history[history.length - 1]!.deltaT > 0) current!.ends.push(history.length);
  }
  return out.filter((c) => c.ends.length > 0);
}

/** How many items the histories make. */
export const itemCount = (cards: readonly CardItems[]): number => cards.reduce((n, c) => n + c.ends.length, 0);
