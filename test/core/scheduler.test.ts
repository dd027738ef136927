import { type Card as FsrsCard, createEmptyCard, fsrs, generatorParameters, Rating as FsrsRating, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { createScheduler, DEFAULT_WEIGHTS, NEW_CARD, type MemoryState, type SchedulerParams } from '../../src/core/scheduler.js';
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

/** A ts-fsrs card in our terms, to compare with what our scheduler gives. */
const asOurs = (c: FsrsCard): MemoryState => ({
  state: (['new', 'learning', 'review', 'relearning'] as const)[c.state],
  due: c.due,
  stability: c.stability,
  difficulty: c.difficulty,
  scheduledDays: c.scheduled_days,
  learningSteps: c.learning_steps,
  reps: c.reps,
  lapses: c.lapses,
  lastReview: c.last_review ?? null,
});

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
      expect(mine).toEqual(asOurs(theirs));
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

describe('an answer gives, bit for bit, what ts-fsrs`s own scheduler gives (the replay of an import goes through it too)', () => {
  const GRADE: Record<Rating, Grade> = { again: FsrsRating.Again, hard: FsrsRating.Hard, good: FsrsRating.Good, easy: FsrsRating.Easy };
  const RATING_LIST: Rating[] = ['again', 'hard', 'good', 'easy'];
  /** mulberry32: a small seeded generator, so that a failure can be run again. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const STEPS: string[][] = [[], ['1m'], ['1m', '10m'], ['10m', '1d'], ['2d'], ['5m', '1h', '3d'], ['30m', '1440m']];
  const GAPS_MS = [1, 45_000, 600_000, 3_600_000, 20 * 3_600_000, 86_400_000, 3 * 86_400_000, 40 * 86_400_000, 400 * 86_400_000];

  it('on 3,000 random histories under random settings', () => {
    const rnd = random(20_260_601);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    let answers = 0;
    for (let h = 0; h < 3000; h++) {
      const weights = rnd() < 0.5 ? null : DEFAULT_WEIGHTS.map((w, i) => (i === 20 ? w : w * (0.8 + 0.4 * rnd())));
      const params: SchedulerParams = {
        desiredRetention: pick([0.7, 0.85, 0.9, 0.95, 0.97]),
        maximumInterval: pick([30, 365, 36500]),
        enableFuzz: rnd() < 0.5,
        learningSteps: pick(STEPS),
        relearningSteps: pick(STEPS),
        weights,
      };
      const ours = createScheduler(params);
      const f = fsrs({
        ...(weights ? { w: [...weights] } : {}),
        request_retention: params.desiredRetention,
        maximum_interval: params.maximumInterval,
        enable_fuzz: params.enableFuzz,
        enable_short_term: true,
        learning_steps: params.learningSteps as never,
        relearning_steps: params.relearningSteps as never,
      });
      let mine: MemoryState = NEW_CARD;
      let theirs = createEmptyCard(T0);
      let now = new Date(T0.getTime() + Math.floor(rnd() * 86_400_000));
      for (let k = 0; k < 25; k++) {
        const rating = rnd() < 0.15 ? 'again' : pick(RATING_LIST);
        const got = ours.answer(mine, rating, now);
        const want = f.next(theirs, now, GRADE[rating]);
        theirs = want.card;
        const expected = asOurs(theirs);
        if (JSON.stringify(got.next) !== JSON.stringify(expected) || got.elapsedDays !== want.log.elapsed_days) {
          expect({ history: h, answer: k, params, got }).toEqual({
            history: h,
            answer: k,
            params,
            got: { next: expected, elapsedDays: want.log.elapsed_days },
          });
        }
        answers++;
        mine = got.next;
        // Mostly when due (early, late, on time), sometimes at a random gap.
        const due = mine.due!.getTime();
        now = new Date(
          rnd() < 0.5
            ? Math.max(now.getTime() + 1, due + Math.round((rnd() - 0.3) * (due - now.getTime())))
            : now.getTime() + pick(GAPS_MS) + Math.floor(rnd() * 1000),
        );
      }
    }
    expect(answers).toBe(75_000);
  });
});
