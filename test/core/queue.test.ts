import { describe, expect, it } from 'vitest';
import { nextKind, remainingToday, totalCounts } from '../../src/core/queue.js';
import { streakDays } from '../../src/core/streak.js';

describe('daily limits', () => {
  it('counts down from the limits by what was done today, never below zero', () => {
    expect(remainingToday({ newPerDay: 20, reviewsPerDay: 200 }, { newDone: 5, reviewDone: 250 })).toEqual({ new: 15, review: 0 });
  });

  it('caps the sum of the decks by the collection limit; learning is never capped', () => {
    const perDeck = [
      { new: 20, learning: 3, review: 150 },
      { new: 20, learning: 1, review: 100 },
    ];
    expect(totalCounts(perDeck, { new: 20, review: 200 })).toEqual({ new: 20, learning: 4, review: 200 });
  });
});

describe('new cards are mixed evenly into the reviews', () => {
  /** Simulate a day: the sequence of kinds shown. */
  function day(newCards: number, reviews: number): string {
    const done = { newDone: 0, reviewDone: 0 };
    let out = '';
    for (;;) {
      const kind = nextKind({ new: newCards - done.newDone, review: reviews - done.reviewDone }, done);
      if (!kind) return out;
      out += kind === 'new' ? 'N' : 'R';
      if (kind === 'new') done.newDone++;
      else done.reviewDone++;
    }
  }

  it.each([
    [2, 6, 'RRRNRRRN'],
    [3, 3, 'RNRNRN'],
    [0, 3, 'RRR'],
    [3, 0, 'NNN'],
    [1, 9, 'RRRRRRRRRN'],
  ])('%i new among %i reviews: %s', (n, r, expected) => {
    expect(day(n, r)).toBe(expected);
  });
});

describe('streak', () => {
  it.each([
    [[10, 9, 8], 10, 3],
    [[9, 8], 10, 2], // not yet studied today: yesterday's streak still stands
    [[10, 8, 7], 10, 1],
    [[8], 10, 0],
    [[], 10, 0],
  ])('days %j, today %i: %i', (days, today, n) => {
    expect(streakDays(new Set(days), today)).toBe(n);
  });
});
