import { describe, expect, it } from 'vitest';
import { itemCount, trainingItems } from '../../src/core/optimizer-items.js';

const DAY = 86_400_000;
const days = { dayOf: (at: number) => Math.floor(at / DAY) };
const a = (card: string, day: number, rating: string, minute = 0) => ({ card, at: day * DAY + minute * 60_000, rating });

describe('trainingItems', () => {
  it('makes an item of each answer a day or more after the one before, with all earlier answers', () => {
    const cards = trainingItems(
      [
        a('x', 10, 'good'),
        a('x', 10, 'good', 10), // same day: history only
        a('x', 13, 'again'),
        a('x', 13, 'good', 10),
        a('x', 20, 'easy'),
        a('y', 5, 'hard'), // one answer: no item
        a('z', 1, 'again'),
        a('z', 2, 'hard'),
      ],
      days,
    );
    expect(cards.map((c) => c.ends.map((end) => c.reviews.slice(0, end)))).toEqual([
      [
        [
          { rating: 3, deltaT: 0 },
          { rating: 3, deltaT: 0 },
          { rating: 1, deltaT: 3 },
        ],
        [
          { rating: 3, deltaT: 0 },
          { rating: 3, deltaT: 0 },
          { rating: 1, deltaT: 3 },
          { rating: 3, deltaT: 0 },
          { rating: 4, deltaT: 7 },
        ],
      ],
      [
        [
          { rating: 1, deltaT: 0 },
          { rating: 2, deltaT: 1 },
        ],
      ],
    ]);
    expect(itemCount(cards)).toBe(3);
  });

  it('counts study days, not 24-hour spans', () => {
    // 23:00 and 01:00 the next day are one day apart in a calendar whose days start at midnight.
    const cards = trainingItems(
      [
        { card: 'x', at: 23 * 3_600_000, rating: 'good' },
        { card: 'x', at: 25 * 3_600_000, rating: 'good' },
      ],
      days,
    );
    expect(cards[0]!.reviews[1]!.deltaT).toBe(1);
  });

  it('starts each history at the last answer as a new card, and leaves out cards without one', () => {
    const cards = trainingItems(
      [
        { card: 'x', at: 1 * DAY, rating: 'good', prevState: 'review' }, // imported in part: no beginning
        { card: 'x', at: 3 * DAY, rating: 'good', prevState: 'review' },
        { card: 'y', at: 1 * DAY, rating: 'good', prevState: 'new' },
        { card: 'y', at: 2 * DAY, rating: 'good', prevState: 'review' },
        { card: 'y', at: 5 * DAY, rating: 'again', prevState: 'new' }, // reset, learnt again
        { card: 'y', at: 7 * DAY, rating: 'good', prevState: 'learning' },
      ],
      days,
    );
    expect(cards.map((c) => c.ends.map((end) => c.reviews.slice(0, end)))).toEqual([
      [
        [
          { rating: 1, deltaT: 0 },
          { rating: 3, deltaT: 2 },
        ],
      ],
    ]);
  });
});
