/**
 * The training items of the FSRS optimizer (fsrs-rs): for each card, each answer given after at least
 * a day, together with every answer before it, as (rating 1-4, days since the previous answer).
 */
import type { Days } from './stats.js';

export interface ItemReview {
  rating: number;
  deltaT: number;
}

const RATING_NUMBER: Record<string, number> = { again: 1, hard: 2, good: 3, easy: 4 };

/** Answers must be grouped by card and in time order within a card. */
export function trainingItems(answers: readonly { card: string; at: number; rating: string }[], days: Pick<Days, 'dayOf'>): ItemReview[][] {
  const items: ItemReview[][] = [];
  let card = '';
  let history: ItemReview[] = [];
  let lastDay = 0;
  for (const a of answers) {
    if (a.card !== card) {
      card = a.card;
      history = [];
    }
    const day = days.dayOf(a.at);
    const review = { rating: RATING_NUMBER[a.rating] ?? 3, deltaT: history.length === 0 ? 0 : Math.max(0, day - lastDay) };
    history = [...history, review];
    lastDay = day;
    // Only answers after a day or more teach long-term memory; same-day ones ride along as history.
    if (history.length > 1 && review.deltaT > 0) items.push(history);
  }
  return items;
}
