/**
 * Studying: the next card with the intervals each rating would give, recording an answer, and
 * taking the last one back (SPEC §4 `next`, `answer`, `undo`; §7 data safety).
 */
import { formatInterval } from '../core/intervals.js';
import type { JournalSource } from '../core/journal.js';
import { applyAnswer } from '../core/replay.js';
import { createScheduler, DamagedStateError, type MemoryState, type Scheduler } from '../core/scheduler.js';
import { RATINGS, type Rating } from '../core/states.js';
import { CardChangedError, UserError } from '../errors.js';
import type { StoredCard } from '../store/cards.js';
import type { ReviewSource } from '../store/revlog.js';
import type { Settings } from '../settings.js';
import { cardText, iso, noteOfCard, queueOf } from './card-view.js';
import { shownPath, type AppContext } from './context.js';
import { pickNext, type QueueOptions } from './due.js';
import { leechRuleOf, replayCards } from './history-replay.js';
import { resolveCard } from './resolve.js';
import type { Lang } from '../core/text.js';

const schedulers = new WeakMap<Settings['fsrs'], Scheduler>();

/** The scheduler for the collection's settings (made once per settings: ts-fsrs checks its parameters each time). */
export function schedulerFor(settings: Settings): Scheduler {
  const f = settings.fsrs;
  let s = schedulers.get(f);
  if (!s) schedulers.set(f, (s = makeScheduler(f)));
  return s;
}

function makeScheduler(f: Settings['fsrs']): Scheduler {
  return createScheduler({
    desiredRetention: f.desired_retention,
    maximumInterval: f.maximum_interval,
    enableFuzz: f.enable_fuzz,
    learningSteps: f.learning_steps,
    relearningSteps: f.relearning_steps,
    weights: f.weights,
  });
}

/** The `next --json` shape (SPEC §4). */
export interface NextCard {
  card: string;
  deck: string;
  note: string;
  template: string;
  queue: 'new' | 'learning' | 'review';
  front: string;
  back: string;
  due: string | null;
  intervals: Record<Rating, string>;
}

/** Interval labels for each rating, from `now`. */
export function intervalLabels(scheduler: Scheduler, memory: MemoryState, now: Date): Record<Rating, string> {
  const due = scheduler.preview(memory, now);
  const out = {} as Record<Rating, string>;
  for (const r of RATINGS) out[r] = formatInterval(due[r].getTime() - now.getTime());
  return out;
}

/** The next card a review would show, or null when nothing is left today. */
export function nextCard(ctx: AppContext, lang: Lang, opts: QueueOptions = {}): NextCard | null {
  const picked = pickNext(ctx, ctx.now, opts);
  if (!picked) return null;
  return describeNext(ctx, picked.card, lang, schedulerFor(ctx.settings));
}

export function describeNext(ctx: AppContext, card: StoredCard, lang: Lang, scheduler: Scheduler, at: Date = ctx.now): NextCard {
  const note = noteOfCard(ctx, card);
  const text = cardText(note, card.template, lang);
  return {
    card: card.key,
    deck: card.deck,
    note: card.note,
    template: card.template,
    queue: queueOf(card.memory.state),
    front: text.front,
    back: text.back,
    due: iso(card.memory.due),
    intervals: intervalLabels(scheduler, card.memory, at),
  };
}

/** The `answer --json` shape (SPEC §4). */
export interface AnswerResult {
  card: string;
  rating: Rating;
  state: MemoryState['state'];
  due: string;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  /** set when this answer made the card a leech */
  leech?: boolean;
  suspended?: boolean;
}

export interface AnswerOptions {
  durationMs?: number;
  source?: ReviewSource;
  /** the journal's source (SPEC §8) when it is not the review log's: `answer` for the answer command */
  origin?: JournalSource;
  /**
   * The state the card was shown in. When given and the card changed since (another process
   * answered it), nothing is recorded and CardChangedError is thrown (SPEC §7).
   */
  shownState?: MemoryState;
  /** when the answer was given (the command's moment unless given) */
  at?: Date;
  /** told the revlog row the answer made (its id and time), to take back exactly that one later */
  recorded?: (entry: RecordedAnswer) => void;
}

/** Which revlog row an answer made: what `undoLast` checks before taking an answer back. */
export interface RecordedAnswer {
  id: number;
  card: string;
  at: Date;
}

export { isLeechLapse } from '../core/replay.js';

/**
 * Record an answer to the card `ref` names (due or not) at `opts.at` (else the command's moment). The card is read and written in
 * one write transaction, so answers to one card from two processes apply one after the other.
 * Throws UserError for an unknown card, a card no longer in any deck file, or a `now` earlier than
 * the card's last answer.
 */
export function answerCard(ctx: AppContext, ref: string, rating: Rating, opts: AnswerOptions = {}): AnswerResult {
  const key = resolveCard(ctx, ref);
  return answerKey(ctx, key, rating, opts, schedulerFor(ctx.settings));
}

export function answerKey(ctx: AppContext, key: string, rating: Rating, opts: AnswerOptions, scheduler: Scheduler): AnswerResult {
  const given = opts.at ?? ctx.now;
  let leechNote: string | null = null;
  let recorded: RecordedAnswer | undefined;
  const result = ctx.store.writeTransaction(() => {
    const card = ctx.store.cards.get(key);
    if (!card) throw new UserError(`unknown card "${key}"`);
    if (!card.present) throw new UserError(`card ${key} is no longer in any deck file; put its note back to study it`);
    if (opts.shownState && !sameState(card.memory, opts.shownState)) throw new CardChangedError(key);
    const prev = card.memory;
    // On the system clock, an answer another process recorded while this one waited for the write
    // lock can be a few milliseconds "later" than this one's reading of the clock: this answer
    // comes after it (SPEC §7, answers apply one after the other). A clock fixed by --now is kept.
    const now =
      !ctx.env.clockFixed && prev.lastReview && given.getTime() < prev.lastReview.getTime() && prev.lastReview.getTime() - given.getTime() < LOCK_WAIT_MS
        ? prev.lastReview
        : given;
    if (prev.lastReview && now.getTime() < prev.lastReview.getTime()) {
      throw new UserError(`cannot answer ${key} at ${now.toISOString()}: it was last answered later, at ${prev.lastReview.toISOString()}`);
    }
    const flagsBefore = { suspended: card.suspended, leech: card.leech, buriedUntil: card.buriedUntil };
    // The same step a replay of the journal takes (core/replay.ts), so both give the same state.
    let outcome: ReturnType<typeof applyAnswer>;
    try {
      outcome = applyAnswer(prev, flagsBefore, rating, now, scheduler, leechRuleOf(ctx.settings));
    } catch (err) {
      // Which card: the message of a damaged state cannot know it.
      if (err instanceof DamagedStateError) throw new UserError(`cannot answer ${key}: ${err.message}`);
      throw err;
    }
    const { next, elapsedDays, flags, leechLapse } = outcome;
    const { suspended, leech } = flags;
    if (leechLapse) {
      const note = ctx.store.notes.get(card.note);
      const where = note ? ` (${shownPath(ctx, note.file)}:${note.line})` : '';
      leechNote = `${key} is a leech: forgotten ${next.lapses} times${suspended ? ', now suspended' : ''}; consider rewriting it${where}`;
    }
    ctx.store.cards.writeState(key, next, flags);
    const id = ctx.store.revlog.insert({
      card: key,
      note: card.note,
      deck: card.deck,
      at: now,
      rating,
      source: opts.source ?? 'review',
      ...(opts.origin ? { origin: opts.origin } : {}),
      durationMs: opts.durationMs ?? null,
      elapsedDays,
      after: next,
      before: prev,
      beforeFlags: flagsBefore,
    });
    recorded = { id, card: key, at: now };
    const out: AnswerResult = {
      card: key,
      rating,
      state: next.state,
      due: (next.due as Date).toISOString(),
      stability: next.stability,
      difficulty: next.difficulty,
      scheduled_days: next.scheduledDays,
      reps: next.reps,
      lapses: next.lapses,
    };
    if (leech && !card.leech) out.leech = true;
    if (suspended && !card.suspended) out.suspended = true;
    return out;
  });
  if (leechNote) ctx.warnings.push(`llmcards: ${leechNote}`);
  if (recorded) opts.recorded?.(recorded);
  return result;
}

/** Longer than any wait for the write lock (the busy timeout is 10 s): a later last answer than that is a real clock problem. */
const LOCK_WAIT_MS = 60_000;

function sameState(a: MemoryState, b: MemoryState): boolean {
  return a.reps === b.reps && a.state === b.state && (a.lastReview?.getTime() ?? null) === (b.lastReview?.getTime() ?? null);
}

/** The `undo --json` shape: the answer taken back and the card's state now. */
export interface UndoResult {
  card: string;
  rating: Rating;
  answered_at: string;
  state: MemoryState['state'];
  due: string | null;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  /** a suspension or burial made since the answer is not an answer: it stays, and undo says so */
  suspended: boolean;
  buried_until: string | null;
}

/**
 * Take back the most recent answer given on this device: the card returns to its exact previous
 * state, and the journal gets an undo line naming the answer (SPEC §8), so that other machines
 * take it back too. When answers from other devices came in later for the same card, its state is
 * replayed without the answer instead. With `only`, just when that answer is the most recent one,
 * checked inside the write transaction (a check before it could see another process's answer
 * arrive in between, and undo that instead).
 */
export function undoLast(ctx: AppContext, only?: RecordedAnswer): UndoResult {
  return ctx.store.writeTransaction(() => {
    // Your own last answer: history an import brought in is not an answer to take back.
    const last = ctx.store.revlog.lastOfDevice(ctx.store.journal.deviceName, { ownOnly: true });
    if (!last) throw new UserError('nothing to undo: no answer has been recorded on this device');
    if (only && (last.id !== only.id || last.card !== only.card || last.at.getTime() !== only.at.getTime())) {
      throw new UserError('the last answer in the collection was not made in this session; not undone');
    }
    const latest = ctx.store.revlog.lastOfCard(last.card);
    ctx.store.revlog.undo(last, ctx.now);
    let b: MemoryState;
    let flags: { suspended: boolean; buriedUntil: Date | null };
    if (latest && latest.id !== last.id) {
      replayCards(ctx, [last.card], schedulerFor(ctx.settings));
      const replayed = ctx.store.cards.get(last.card)!;
      b = replayed.memory;
      flags = replayed;
    } else {
      // The memory state goes back; a suspension or burial made since stays — unless the answer
      // itself made the card a leech and suspended it.
      const current = ctx.store.cards.get(last.card);
      const madeLeech = current !== undefined && current.leech && !last.beforeFlags.leech;
      const kept = current
        ? {
            suspended: madeLeech ? last.beforeFlags.suspended : current.suspended,
            leech: madeLeech ? last.beforeFlags.leech : current.leech,
            buriedUntil: current.buriedUntil ?? last.beforeFlags.buriedUntil,
          }
        : last.beforeFlags;
      ctx.store.cards.writeState(last.card, last.before, kept);
      b = last.before;
      flags = kept;
    }
    return {
      card: last.card,
      rating: last.rating,
      answered_at: last.at.toISOString(),
      state: b.state,
      due: iso(b.due),
      stability: b.stability,
      difficulty: b.difficulty,
      scheduled_days: b.scheduledDays,
      reps: b.reps,
      lapses: b.lapses,
      suspended: flags.suspended,
      buried_until: flags.buriedUntil && flags.buriedUntil > ctx.now ? flags.buriedUntil.toISOString() : null,
    };
  });
}
