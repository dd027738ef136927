/**
 * One answer's effect on a card, and a card's whole history replayed (SPEC §8). A live answer and a
 * replay of the journal go through `applyAnswer`, so that two machines holding the same lines hold
 * the same state: the scheduler is deterministic (ts-fsrs seeds its fuzz from the answer's time, the
 * card's reps and its memory state, never from a random source), and the order of the lines is
 * fixed by time and id (`compareLines`).
 */
import { compareLines } from './journal.js';
import { NEW_CARD, type MemoryState, type Scheduler } from './scheduler.js';
import type { Rating } from './states.js';

/** A card's flags beside its memory state. */
export interface CardFlags {
  suspended: boolean;
  leech: boolean;
  buriedUntil: Date | null;
}

export const NO_FLAGS: CardFlags = Object.freeze({ suspended: false, leech: false, buriedUntil: null });

export interface LeechRule {
  /** lapses before a card is a leech */
  threshold: number;
  action: 'suspend' | 'tag';
}

/** A card becomes a leech at `threshold` lapses, and again every half threshold after (as in Anki). */
export function isLeechLapse(lapses: number, threshold: number): boolean {
  if (lapses < threshold) return false;
  return (lapses - threshold) % Math.max(1, Math.floor(threshold / 2)) === 0;
}

export interface AppliedAnswer {
  next: MemoryState;
  flags: CardFlags;
  elapsedDays: number;
  /** this answer made the card a leech (again) */
  leechLapse: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The state and flags after answering `rating` at `at`. `given` is a state the answer arrived with
 * (an imported review), taken as it is. An answer unburies the card; a lapse that makes it a leech
 * marks it, and suspends it when the rule says so.
 */
export function applyAnswer(
  prev: MemoryState,
  flags: CardFlags,
  rating: Rating,
  at: Date,
  scheduler: Scheduler,
  leech: LeechRule,
  given?: MemoryState,
): AppliedAnswer {
  let next: MemoryState;
  let elapsedDays: number;
  if (given) {
    next = { ...given, lastReview: at };
    elapsedDays = prev.lastReview ? Math.max(0, Math.floor((at.getTime() - prev.lastReview.getTime()) / DAY_MS)) : 0;
  } else {
    ({ next, elapsedDays } = scheduler.answer(prev, rating, at));
  }
  const leechLapse = next.lapses > prev.lapses && isLeechLapse(next.lapses, leech.threshold);
  const out: CardFlags = { suspended: flags.suspended, leech: flags.leech, buriedUntil: null };
  if (leechLapse) {
    out.leech = true;
    if (leech.action === 'suspend') out.suspended = true;
  }
  return { next, flags: out, elapsedDays, leechLapse };
}

/** What a replay reads: a card's answers and flag changes from every device. */
export type ReplayEvent =
  | { kind: 'answer'; id: string; at: Date; rating: Rating; given?: MemoryState }
  | { kind: 'suspend' | 'unsuspend'; id: string; at: Date }
  | { kind: 'bury'; id: string; at: Date; until: Date };

/** One answer of a replay, with the card's state and flags just before it and its state after. */
export interface ReplayedAnswer {
  id: string;
  at: Date;
  rating: Rating;
  elapsedDays: number;
  before: MemoryState;
  beforeFlags: CardFlags;
  after: MemoryState;
}

export interface ReplayResult {
  answers: ReplayedAnswer[];
  memory: MemoryState;
  flags: CardFlags;
}

/**
 * Replay `events` (in any order: they are sorted by time, then id) onto `start` (a new card unless
 * given): each answer through `applyAnswer`, each suspend/unsuspend/bury setting its flag, so that of
 * two actions the later one wins.
 */
export function replayCard(
  events: readonly ReplayEvent[],
  scheduler: Scheduler,
  leech: LeechRule,
  start: { memory: MemoryState; flags: CardFlags } = { memory: NEW_CARD, flags: NO_FLAGS },
): ReplayResult {
  let memory = start.memory;
  let flags = start.flags;
  const answers: ReplayedAnswer[] = [];
  for (const e of [...events].sort(compareLines)) {
    switch (e.kind) {
      case 'answer': {
        const r = applyAnswer(memory, flags, e.rating, e.at, scheduler, leech, e.given);
        answers.push({ id: e.id, at: e.at, rating: e.rating, elapsedDays: r.elapsedDays, before: memory, beforeFlags: flags, after: r.next });
        memory = r.next;
        flags = r.flags;
        break;
      }
      case 'suspend':
      case 'unsuspend':
        flags = { ...flags, suspended: e.kind === 'suspend' };
        break;
      case 'bury':
        flags = { ...flags, buriedUntil: e.until };
        break;
    }
  }
  return { answers, memory, flags };
}
