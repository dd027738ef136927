import { createEmptyCard, fsrs, generatorParameters, Rating as FsrsRating, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { createScheduler, NEW_CARD, type MemoryState, type SchedulerParams } from '../../src/core/scheduler.js';
import type { Rating } from '../../src/core/states.js';
import { parseRating } from '../../src/core/states.js';
import { UsageError, UserError } from '../../src/errors.js';

const PARAMS: SchedulerParams = {
  desiredRetention: 0.9,
  maximumInterval: 36500,
  enableFuzz: false,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  weights: null,
};
const T0 = new Date('2024-03-01T08:00:00Z');

/** Answer each rating when the card falls due; the states after each answer. */
function replay(seq: string, params = PARAMS): MemoryState[] {
  const s = createScheduler(params);
  let state: MemoryState = NEW_CARD;
  let now = T0;
  const out: MemoryState[] = [];
  for (const word of seq.split(' ')) {
    state = s.answer(state, word as Rating, now).next;
    out.push(state);
    now = state.due!;
  }
  return out;
}

describe('the scheduler gives what ts-fsrs gives (SPEC §5, fuzz off)', () => {
  // Reference values recorded from a direct ts-fsrs 5.4.2 run with the default FSRS-6 weights.
  it.each([
    // ratings                    scheduled_days     stability      difficulty
    ['good good good good', [0, 2, 11, 46], 46.31685657, 2.09745544],
    ['again good good good', [0, 0, 1, 2], 2.15207825, 6.37977875],
    ['good good again good', [0, 2, 0, 1], 0.65979762, 7.38007427],
    ['easy easy easy', [8, 66, 397], 396.77501923, 1],
    ['hard hard hard', [0, 0, 0], 1.2931, 7.8213935],
  ])('%s', (seq, days, stability, difficulty) => {
    const states = replay(seq);
    expect(states.map((s) => s.scheduledDays)).toEqual(days);
    expect(states.at(-1)!.stability).toBe(stability);
    expect(states.at(-1)!.difficulty).toBe(difficulty);
  });

  it('matches a raw ts-fsrs replay field by field, at irregular times', () => {
    const f = fsrs(generatorParameters({ enable_fuzz: false, learning_steps: ['1m', '10m'], relearning_steps: ['10m'] }));
    const ratings: Rating[] = ['good', 'again', 'good', 'hard', 'easy', 'good', 'again', 'good'];
    const gapsHours = [0, 0.2, 30, 50, 200, 700, 3000, 5];
    const ours = createScheduler(PARAMS);
    let mine: MemoryState = NEW_CARD;
    let theirs = createEmptyCard(T0);
    let now = T0;
    ratings.forEach((r, i) => {
      now = new Date(now.getTime() + gapsHours[i]! * 3_600_000);
      mine = ours.answer(mine, r, now).next;
      theirs = f.next(
        theirs,
        now,
        ({ again: FsrsRating.Again, hard: FsrsRating.Hard, good: FsrsRating.Good, easy: FsrsRating.Easy } satisfies Record<Rating, Grade>)[r],
      ).card;
      expect(mine).toEqual({
        state: ['new', 'learning', 'review', 'relearning'][theirs.state],
        due: theirs.due,
        stability: theirs.stability,
        difficulty: theirs.difficulty,
        scheduledDays: theirs.scheduled_days,
        learningSteps: theirs.learning_steps,
        reps: theirs.reps,
        lapses: theirs.lapses,
        lastReview: theirs.last_review,
      });
    });
  });

  it('previews each rating as the due date it would give', () => {
    const preview = createScheduler(PARAMS).preview(NEW_CARD, T0);
    expect((preview.again.getTime() - T0.getTime()) / 60_000).toBe(1);
    expect((preview.good.getTime() - T0.getTime()) / 60_000).toBe(10);
    expect(preview.easy.getTime()).toBeGreaterThan(preview.good.getTime());
  });

  it('applies fuzz deterministically for the same moment', () => {
    const fuzzed = { ...PARAMS, enableFuzz: true };
    expect(replay('good good good good good', fuzzed)).toEqual(replay('good good good good good', fuzzed));
  });

  it('knows retrievability: 1 just after a review, lower later, 0 for new cards', () => {
    const s = createScheduler(PARAMS);
    const state = replay('good good')[1]!;
    expect(s.retrievability(state, state.lastReview!)).toBe(1);
    expect(s.retrievability(state, new Date(state.lastReview!.getTime() + 30 * 86_400_000))).toBeLessThan(0.9);
    expect(s.retrievability(NEW_CARD, T0)).toBe(0);
  });

  it('refuses bad weights with a user error', () => {
    expect(() => createScheduler({ ...PARAMS, weights: [1, 2, 3] })).toThrow(UserError);
  });
});

describe('ratings', () => {
  it.each([
    ['good', 'good'],
    ['GOOD', 'good'],
    ['1', 'again'],
    ['4', 'easy'],
  ])('%s is %s', (text, rating) => expect(parseRating(text)).toBe(rating));

  it.each(['0', '5', 'great', ''])('%j is a usage error', (text) => {
    expect(() => parseRating(text)).toThrow(UsageError);
    expect(() => parseRating(text)).toThrow(`invalid rating "${text}": use again, hard, good, easy or 1-4`);
  });
});
