/**
 * A workload simulation (`llmcards simulate`, issue 7): the days ahead under the current settings and
 * weights, to help choose the desired retention. Each due card is recalled with the probability its
 * retrievability gives (seeded), forgotten ones relearned the same day, new cards introduced up to
 * the daily limit.
 */
import type { Rng } from './random.js';
import { NEW_CARD, type MemoryState, type Scheduler } from './scheduler.js';

export interface SimulationInput {
  /** every card's state now (new cards included) */
  cards: readonly MemoryState[];
  start: Date;
  days: number;
  newPerDay: number;
  reviewsPerDay: number;
}

export interface SimulatedDay {
  day: number;
  reviews: number;
  introduced: number;
  forgotten: number;
}

export interface SimulationResult {
  daily: SimulatedDay[];
  /** cards in review state at the end */
  learned: number;
  total_reviews: number;
}

const DAY = 86_400_000;

export function simulate(input: SimulationInput, scheduler: Scheduler, rng: Rng): SimulationResult {
  const cards = input.cards.map((c) => ({ ...c }));
  const daily: SimulatedDay[] = [];
  let total = 0;
  for (let d = 0; d < input.days; d++) {
    // The study session of day d, at the same hour as the start.
    const at = new Date(input.start.getTime() + d * DAY);
    const endOfDay = at.getTime() + DAY;
    let reviews = 0;
    let forgotten = 0;
    let introduced = 0;
    const due = cards
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.state !== 'new' && c.due !== null && c.due.getTime() < endOfDay)
      .sort((a, b) => a.c.due!.getTime() - b.c.due!.getTime())
      .slice(0, input.reviewsPerDay);
    for (const { i } of due) {
      let state = cards[i]!;
      const recalled = rng.next() < scheduler.retrievability(state, at);
      state = scheduler.answer(state, recalled ? 'good' : 'again', at).next;
      reviews++;
      if (!recalled) {
        forgotten++;
        // Relearnt in the same session (the relearning step passes).
        state = scheduler.answer(state, 'good', new Date(Math.max(at.getTime(), state.due!.getTime()))).next;
        reviews++;
      }
      cards[i] = state;
    }
    for (let i = 0; i < cards.length && introduced < input.newPerDay; i++) {
      if (cards[i]!.state !== 'new') continue;
      let state = scheduler.answer(NEW_CARD, 'good', at).next;
      while (state.state === 'learning') state = scheduler.answer(state, 'good', state.due!).next;
      cards[i] = state;
      introduced++;
      reviews += 2;
    }
    total += reviews;
    daily.push({ day: d, reviews, introduced, forgotten });
  }
  return { daily, learned: cards.filter((c) => c.state === 'review').length, total_reviews: total };
}
