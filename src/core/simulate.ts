/**
 * A workload simulation (`llmcards simulate`, issue 7): the days ahead under the current settings and
 * weights, to help choose the desired retention. Each due card is recalled with the probability its
 * retrievability gives (seeded); forgotten ones go through the relearning steps and new ones through
 * the learning steps the same day, every step counted as an answer; new cards come in up to the daily
 * limit, and due cards up to the review limit, by study day.
 */
import type { Rng } from './random.js';
import { NEW_CARD, type MemoryState, type Scheduler } from './scheduler.js';

export interface SimulationInput {
  /** every card's state now (new cards included) */
  cards: readonly MemoryState[];
  /** each simulated study day: when its session is held, and when the day ends (ms) */
  sessions: readonly { at: Date; end: number }[];
  newPerDay: number;
  reviewsPerDay: number;
  /** what today's limits still let through (the first day has had answers already) */
  today: { new: number; review: number };
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

export function simulate(input: SimulationInput, scheduler: Scheduler, rng: Rng): SimulationResult {
  const cards = input.cards.map((c) => ({ ...c }));
  // Cards in a heap by due time (ties by position), so that each day takes the earliest due cards up
  // to the limit without looking at the rest (a year of 100,000 cards in about a second).
  const dueAt = new Float64Array(cards.length);
  const newOnes: number[] = [];
  const heap = new DueHeap(dueAt);
  cards.forEach((c, i) => {
    if (c.state === 'new') newOnes.push(i);
    else if (c.due !== null) {
      dueAt[i] = c.due.getTime();
      heap.push(i);
    }
  });
  let nextNew = 0;
  const daily: SimulatedDay[] = [];
  let total = 0;
  for (let d = 0; d < input.sessions.length; d++) {
    const { at, end: endOfDay } = input.sessions[d]!;
    const limits = d === 0 ? input.today : { new: input.newPerDay, review: input.reviewsPerDay };
    let reviews = 0;
    let forgotten = 0;
    let introduced = 0;
    const due: number[] = [];
    while (due.length < limits.review && heap.size > 0 && dueAt[heap.peek()]! < endOfDay) due.push(heap.pop());
    // Steps of learning and relearning are answered as they come due, all within the session's day.
    const throughSteps = (state: MemoryState): MemoryState => {
      while ((state.state === 'learning' || state.state === 'relearning') && state.due!.getTime() < endOfDay) {
        state = scheduler.answer(state, 'good', new Date(Math.max(at.getTime(), state.due!.getTime()))).next;
        reviews++;
      }
      return state;
    };
    for (const i of due) {
      let state = cards[i]!;
      // Overdue cards at the session; cards due later in the day when they fall due.
      const when = new Date(Math.max(at.getTime(), state.due!.getTime()));
      const recalled = rng.next() < scheduler.retrievability(state, when);
      state = scheduler.answer(state, recalled ? 'good' : 'again', when).next;
      reviews++;
      if (!recalled) forgotten++;
      state = throughSteps(state);
      cards[i] = state;
      dueAt[i] = state.due!.getTime();
      heap.push(i);
    }
    while (nextNew < newOnes.length && introduced < limits.new) {
      const i = newOnes[nextNew++]!;
      let state = scheduler.answer(NEW_CARD, 'good', at).next;
      reviews++;
      state = throughSteps(state);
      cards[i] = state;
      dueAt[i] = state.due!.getTime();
      heap.push(i);
      introduced++;
    }
    total += reviews;
    daily.push({ day: d, reviews, introduced, forgotten });
  }
  return { daily, learned: cards.filter((c) => c.state === 'review').length, total_reviews: total };
}

/** A binary min-heap of card positions, ordered by their due time, then by position. */
class DueHeap {
  private readonly items: number[] = [];
  constructor(private readonly dueAt: Float64Array) {}

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0]!;
  }

  push(card: number): void {
    const a = this.items;
    a.push(card);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }

  private before(x: number, y: number): boolean {
    const dx = this.dueAt[x]!;
    const dy = this.dueAt[y]!;
    return dx < dy || (dx === dy && x < y);
  }
}
