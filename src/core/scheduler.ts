/**
 * The one adapter over ts-fsrs (SPEC §5). Our names outside — ratings and states as words, camelCase
 * fields — and ts-fsrs's inside. Every operation takes the time as an argument.
 */
import {
  BasicLearningStepsStrategy,
  checkParameters,
  createEmptyCard,
  dateDiffInDays,
  default_w,
  forgetting_curve,
  fsrs,
  get_fuzz_range,
  Rating as FsrsRating,
  S_MIN,
  State as FsrsState,
  type Card as FsrsCard,
  type FSRS,
  type Grade,
  type StepUnit,
} from 'ts-fsrs';
import { UserError } from '../errors.js';
import { aleaFirst } from './fuzz-factor.js';
import type { Rating, StateName } from './states.js';

export { RATINGS, STATES, parseRating, type Rating, type StateName } from './states.js';

/** A card's scheduling state: what is stored per card and what an answer changes. */
export interface MemoryState {
  state: StateName;
  /** null for a new card */
  due: Date | null;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  /** index of the current (re)learning step */
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
}

export const NEW_CARD: MemoryState = Object.freeze({
  state: 'new',
  due: null,
  stability: 0,
  difficulty: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  lastReview: null,
});

export interface SchedulerParams {
  desiredRetention: number;
  maximumInterval: number;
  enableFuzz: boolean;
  learningSteps: readonly string[];
  relearningSteps: readonly string[];
  /** the 21 FSRS-6 weights; null for the library's defaults */
  weights: readonly number[] | null;
}

export const DEFAULT_WEIGHTS: readonly number[] = default_w;

export interface AnswerOutcome {
  next: MemoryState;
  /** whole days since the previous answer, as ts-fsrs counts them (0 for a new card) */
  elapsedDays: number;
}

export interface Scheduler {
  /** The state after answering `rating` at `now`. */
  answer(prev: MemoryState, rating: Rating, now: Date): AnswerOutcome;
  /** When the card would next be due for each rating (the intervals shown on the buttons). */
  preview(prev: MemoryState, now: Date): Record<Rating, Date>;
  /** Probability of recall at `now` (0..1); 0 for a new card. */
  retrievability(state: MemoryState, now: Date): number;
}

const TO_FSRS_RATING: Record<Rating, Grade> = {
  again: FsrsRating.Again,
  hard: FsrsRating.Hard,
  good: FsrsRating.Good,
  easy: FsrsRating.Easy,
};

const TO_FSRS_STATE: Record<StateName, FsrsState> = {
  new: FsrsState.New,
  learning: FsrsState.Learning,
  review: FsrsState.Review,
  relearning: FsrsState.Relearning,
};

const FROM_FSRS_STATE: Record<FsrsState, StateName> = {
  [FsrsState.New]: 'new',
  [FsrsState.Learning]: 'learning',
  [FsrsState.Review]: 'review',
  [FsrsState.Relearning]: 'relearning',
};

/**
 * Thrown for a stored memory state FSRS cannot work from (a database edited by hand): ts-fsrs would
 * throw "Invalid memory state", an internal error for every command that schedules the card.
 */
export class DamagedStateError extends UserError {
  constructor(
    readonly stability: number,
    readonly difficulty: number,
  ) {
    super(
      `a card's stored memory state is damaged (stability ${stability}, difficulty ${difficulty}; FSRS needs a stability of at least 0.001 and a difficulty of at least 1): restore a backup with llmcards restore data/backups/FILE, or suspend the card`,
    );
  }
}

function checkMemory(s: MemoryState): void {
  // What ts-fsrs accepts (0 and 0 stand for "no memory yet"), and finite: NaN would pass its test.
  const ok =
    Number.isFinite(s.stability) && Number.isFinite(s.difficulty) && ((s.stability === 0 && s.difficulty === 0) || (s.stability >= S_MIN && s.difficulty >= 1));
  if (!ok) throw new DamagedStateError(s.stability, s.difficulty);
}

/**
 * A scheduler for these parameters. Throws UserError when ts-fsrs rejects them (the message names
 * the setting), so a bad config.yaml is reported rather than crashing a review.
 */
export function createScheduler(params: SchedulerParams): Scheduler {
  let f: FSRS;
  try {
    const w = params.weights ? [...checkParameters(params.weights)] : [...default_w];
    f = fsrs({
      w,
      request_retention: params.desiredRetention,
      maximum_interval: params.maximumInterval,
      enable_fuzz: params.enableFuzz,
      enable_short_term: true,
      learning_steps: params.learningSteps as StepUnit[],
      relearning_steps: params.relearningSteps as StepUnit[],
    });
  } catch (err) {
    throw new UserError(`fsrs settings rejected by ts-fsrs: ${(err as Error).message}`);
  }

  const toFsrs = (s: MemoryState, now: Date): FsrsCard => {
    if (s.state !== 'new') checkMemory(s);
    return s.state === 'new'
      ? createEmptyCard(now)
      : {
          due: s.due ?? now,
          stability: s.stability,
          difficulty: s.difficulty,
          elapsed_days: 0,
          scheduled_days: s.scheduledDays,
          learning_steps: s.learningSteps,
          reps: s.reps,
          lapses: s.lapses,
          state: TO_FSRS_STATE[s.state],
          // Always present (undefined when unknown, which ts-fsrs reads as absent): one object shape,
          // which ts-fsrs copies fast on every answer (an import replays a million).
          last_review: s.lastReview ?? undefined,
        };
  };

  const step = answerStep(f);
  return {
    answer(prev, rating, now) {
      if (prev.state !== 'new') checkMemory(prev);
      return step(prev, TO_FSRS_RATING[rating], now);
    },
    preview(prev, now) {
      const p = f.repeat(toFsrs(prev, now), now);
      return {
        again: p[FsrsRating.Again].card.due,
        hard: p[FsrsRating.Hard].card.due,
        good: p[FsrsRating.Good].card.due,
        easy: p[FsrsRating.Easy].card.due,
      };
    },
    retrievability(state, now) {
      if (state.state === 'new' || !state.lastReview) return 0;
      // The forgetting curve at the real elapsed time, in fractional days: ts-fsrs's
      // get_retrievability counts whole days, so a card answered an hour ago reads 100% however
      // weak it is, and a card at stability ~0 that was due yesterday must read near 0 (issue 20).
      const days = Math.max(0, (now.getTime() - state.lastReview.getTime()) / 86_400_000);
      return forgetting_curve(f.parameters.w, days, Math.max(state.stability, S_MIN));
    },
  };
}

/**
 * One answer as ts-fsrs's BasicScheduler (short-term mode, the one we configure) computes it, without
 * the objects it builds for each answer: the scheduler instance, four card copies and four review
 * logs for a review card, the seed string when fuzz is off. An import replays a million answers, and
 * those objects were half of its replay time. The arithmetic is ts-fsrs's own (next_state,
 * forgetting_curve, next_interval with its fuzz drawn as its scheduler draws it, the learning-steps
 * strategy, dateDiffInDays); only its control flow is followed here, branch for branch
 * (BasicScheduler.newState / learningState / reviewState / applyLearningSteps). Live answers and
 * replays both go through it; test/core/scheduler.test.ts compares it with ts-fsrs's `next` on
 * thousands of random histories and settings.
 */
function answerStep(f: FSRS): (prev: MemoryState, g: Grade, now: Date) => AnswerOutcome {
  const fuzz = f.parameters.enable_fuzz;
  // The learning-steps strategy is a function of the state and the step alone: asked once per pair.
  const steps = new Map<number, { minutes: number; next: number }[]>();
  const stepsOf = (state: FsrsState, cur: number) => {
    const key = state * 65_536 + cur;
    let row = steps.get(key);
    if (!row) {
      const r = BasicLearningStepsStrategy(f.parameters, state, cur);
      row = [0, 1, 2, 3, 4].map((g) => ({
        minutes: Math.max(0, r[g as Grade]?.scheduled_minutes ?? 0),
        next: Math.max(0, r[g as Grade]?.next_step ?? 0),
      }));
      steps.set(key, row);
    }
    return row;
  };
  return (prev, g, now) => {
    const isNew = prev.state === 'new';
    const state = TO_FSRS_STATE[prev.state];
    const t = now.getTime();
    // AbstractScheduler.init: whole UTC days since the last review, reps counted, fuzz seeded.
    const elapsed = !isNew && prev.lastReview ? dateDiffInDays(prev.lastReview, now) : 0;
    // A new card is ts-fsrs's empty card (createEmptyCard): no reps, no lapses, whatever it held.
    const reps = isNew ? 1 : prev.reps + 1;
    const lapses = isNew ? 0 : prev.lapses;
    const d0 = isNew ? 0 : prev.difficulty;
    const s0 = isNew ? 0 : prev.stability;
    // FSRSAlgorithm.next_interval with apply_fuzz, its fuzz drawn from the seed AbstractScheduler.init
    // sets (aleaFirst: the same number as ts-fsrs's generator), once for the answer's two or three intervals.
    const seed = fuzz ? `${t}_${reps}_${d0 * s0}` : '';
    const maximum = f.parameters.maximum_interval;
    let factor = Number.NaN;
    const nextInterval = (stability: number, elapsedDays: number): number => {
      const ivl = Math.min(Math.max(1, Math.round(stability * f.interval_modifier)), maximum);
      if (!fuzz || ivl < 2.5) return Math.round(ivl);
      if (Number.isNaN(factor)) factor = aleaFirst(seed);
      const { min_ivl, max_ivl } = get_fuzz_range(ivl, elapsedDays, maximum);
      return Math.floor(factor * (max_ivl - min_ivl + 1) + min_ivl);
    };
    const cur = isNew ? 0 : prev.learningSteps || 0;
    let next: MemoryState;
    const out = (st: FsrsState, stability: number, difficulty: number, scheduledDays: number, learningSteps: number, due: number, lapses: number) => ({
      state: FROM_FSRS_STATE[st],
      due: new Date(due),
      stability,
      difficulty,
      scheduledDays,
      learningSteps,
      reps,
      lapses,
      lastReview: now,
    });
    // BasicScheduler.applyLearningSteps for the card's state and step.
    const learn = (stability: number, difficulty: number, toState: FsrsState, lapses: number): MemoryState => {
      const { minutes, next: nextStep } = stepsOf(state, cur)[g] as { minutes: number; next: number };
      if (minutes > 0 && minutes < 1440) return out(toState, stability, difficulty, 0, nextStep, t + Math.round(minutes) * 60 * 1e3, lapses);
      if (minutes >= 1440)
        return out(FsrsState.Review, stability, difficulty, Math.floor(minutes / 1440), nextStep, t + Math.round(minutes) * 60 * 1e3, lapses);
      const interval = nextInterval(stability, elapsed);
      return out(FsrsState.Review, stability, difficulty, interval, 0, t + interval * 24 * 60 * 60 * 1e3, lapses);
    };
    const memory = { difficulty: d0, stability: s0 };
    if (state !== FsrsState.Review) {
      const ds = f.next_state(memory, elapsed, g);
      next = learn(ds.stability, ds.difficulty, isNew ? FsrsState.Learning : state, lapses);
    } else {
      const r = f.forgetting_curve(elapsed, s0);
      if (g === FsrsRating.Again) {
        const ds = f.next_state(memory, elapsed, g, r);
        next = learn(ds.stability, ds.difficulty, FsrsState.Relearning, lapses + 1);
      } else {
        // BasicScheduler.next_interval: hard ≤ good < easy, each from its own stability.
        const hard = f.next_state(memory, elapsed, FsrsRating.Hard, r);
        const good = g === FsrsRating.Hard ? hard : f.next_state(memory, elapsed, FsrsRating.Good, r);
        let hardDays: number = nextInterval(hard.stability, elapsed);
        let goodDays: number = nextInterval(good.stability, elapsed);
        hardDays = Math.min(hardDays, goodDays);
        goodDays = Math.max(goodDays, hardDays + 1);
        let ds = hard;
        let days = hardDays;
        if (g === FsrsRating.Good) {
          ds = good;
          days = goodDays;
        } else if (g === FsrsRating.Easy) {
          ds = f.next_state(memory, elapsed, FsrsRating.Easy, r);
          days = Math.max(nextInterval(ds.stability, elapsed), goodDays + 1);
        }
        next = out(FsrsState.Review, ds.stability, ds.difficulty, days, 0, t + days * 24 * 60 * 60 * 1e3, lapses);
      }
    }
    return { next, elapsedDays: elapsed };
  };
}
