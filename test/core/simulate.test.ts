import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { createScheduler, NEW_CARD } from '../../src/core/scheduler.js';
import { simulate } from '../../src/core/simulate.js';

const DAY = 86_400_000;
const start = Date.parse('2026-03-02T08:00:00Z');
const sessions = (n: number) => Array.from({ length: n }, (_, d) => ({ at: new Date(start + d * DAY), end: start + (d + 1) * DAY - 4 * 3_600_000 }));
const scheduler = (learningSteps: string[], relearningSteps: string[] = ['10m']) =>
  createScheduler({ desiredRetention: 0.9, maximumInterval: 36500, enableFuzz: false, learningSteps, relearningSteps, weights: null });
const cards = (n: number) => Array.from({ length: n }, () => NEW_CARD);

describe('simulate', () => {
  it.each([
    [[], 20],
    [['1m', '10m'], 40],
    [['1m', '10m', '1h'], 60],
  ])('counts each learning step as an answer (steps %j: %i answers for 20 new cards)', (steps, answers) => {
    const r = simulate(
      { cards: cards(20), sessions: sessions(1), newPerDay: 20, reviewsPerDay: 200, today: { new: 20, review: 200 } },
      scheduler(steps),
      createRng(1),
    );
    expect(r.daily[0]).toMatchObject({ reviews: answers, introduced: 20 });
  });

  it('starts from what today has left, then the daily limits', () => {
    const r = simulate(
      { cards: cards(20), sessions: sessions(2), newPerDay: 5, reviewsPerDay: 200, today: { new: 0, review: 200 } },
      scheduler(['1m', '10m']),
      createRng(1),
    );
    expect(r.daily.map((d) => d.introduced)).toEqual([0, 5]);
  });

  it('leaves no card in relearning after a session, whatever the steps', () => {
    const r = simulate(
      { cards: cards(200), sessions: sessions(120), newPerDay: 20, reviewsPerDay: 9999, today: { new: 20, review: 9999 } },
      scheduler(['1m', '10m'], ['10m', '1h']),
      createRng(3),
    );
    expect(r.learned).toBe(200);
    expect(r.daily.some((d) => d.forgotten > 0)).toBe(true);
  });
});
