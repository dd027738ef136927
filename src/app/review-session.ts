/**
 * The interactive review's use cases (issue 3): which card comes next, recording its answer the
 * moment it is given (SPEC §7), undo, suspend, bury, and the summary at the end. The terminal side is
 * cli/review-session.ts; this knows nothing of keys or screens.
 */
import { join } from 'node:path';
import { expectedAnswers } from '../core/cards.js';
import type { ClozeMarks } from '../core/cloze.js';
import type { MemoryState, Scheduler } from '../core/scheduler.js';
import type { Rating } from '../core/states.js';
import type { Localized } from '../core/text.js';
import { UserError } from '../errors.js';
import type { StoredCard } from '../store/cards.js';
import type { CardFilter } from '../store/filter.js';
import { facesOf } from '../core/cards.js';
import { editedSinceReview, noteOfCard, queueOf } from './card-view.js';
import { shownPath, today, type AppContext } from './context.js';
import { dayQueue, dueReport, pickNext, reviewsHeldBack } from './due.js';
import { answerKey, intervalLabels, schedulerFor, undoLast, type AnswerResult, type RecordedAnswer, type UndoResult } from './answer.js';
import { buryCards, setSuspended } from './card-actions.js';
import { practiceCards } from './practice.js';

export interface SessionOptions {
  filter: CardFilter;
  /** stop after this many cards */
  limit?: number;
  /** at most this many new cards in this session (within the day's limits) */
  newCards?: number;
  /** practice beyond what is due: weakest cards first, no schedule change unless `schedule` */
  practice?: boolean;
  schedule?: boolean;
}

export interface SessionCard {
  key: string;
  deck: string;
  template: string;
  queue: 'new' | 'learning' | 'review';
  /** deck file (as shown to the user) and the note's line in it */
  file: string;
  /** the deck file's absolute path, for the editor */
  path: string;
  line: number;
  /** the note's text changed since this card was last answered */
  edited: boolean;
  front: Localized;
  back: Localized;
  explanation?: Localized;
  keypoints: readonly Localized[];
  /** what a typed answer is graded against (the answer and its aliases) */
  accepted: string[];
  intervals: Record<Rating, string>;
  /** the state the card was shown in: the answer is refused if it changed meanwhile */
  shown: MemoryState;
  /** what is left, this card included */
  remaining: { new: number; learning: number; review: number };
}

export interface SessionSummary {
  reviewed: number;
  again: number;
  new_learned: number;
  time_ms: number;
  /** cards the next study day will show (within its limits) */
  due_tomorrow: number;
  /** when the next card becomes due, if nothing is left now */
  next_due: string | null;
  /** the session ended because nothing was left (not by q or --limit) */
  caught_up: boolean;
  /** review cards due today that the daily review limits hold back (0 unless caught up) */
  reviews_held_back: number;
  /** the collection's reviews_per_day, for the message about them */
  reviews_per_day: number;
  /** when this study day ends */
  day_ends: string;
}

export class ReviewSession {
  private readonly scheduler: Scheduler;
  private reviewed = 0;
  private again = 0;
  private newLearned = 0;
  /** this session's answers, as recorded: undo takes back only these */
  private readonly answered: RecordedAnswer[] = [];
  /** an undone card comes back first */
  private comeBack: string | null = null;
  /** practice: the weakest cards, in order, and how far we are */
  private practiceQueue: string[] | null = null;
  /** cards passed over this session (practice answers not recorded, cards changed elsewhere) */
  private readonly skipped = new Set<string>();
  caughtUp = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: SessionOptions,
  ) {
    this.scheduler = schedulerFor(ctx.settings);
  }

  get count(): number {
    return this.reviewed;
  }

  /**
   * The next card at `at`, or null when the session is over (nothing left, or the --limit reached).
   * Every call takes its moment: a session lasts, and its clock is the caller's (the system clock,
   * or the fixed --now).
   */
  next(at: Date, marks?: ClozeMarks): SessionCard | null {
    if (this.opts.limit !== undefined && this.reviewed >= this.opts.limit) return null;
    const card = this.opts.practice ? this.nextPractice(at) : this.nextDue(at);
    if (!card) {
      this.caughtUp = true;
      return null;
    }
    return this.describe(card.card, card.remaining, at, marks);
  }

  private nextDue(at: Date): { card: StoredCard; remaining: SessionCard['remaining'] } | null {
    const newCap = this.opts.newCards === undefined ? undefined : Math.max(0, this.opts.newCards - this.newLearned);
    const queueOpts = { filter: this.opts.filter, ...(newCap === undefined ? {} : { newCap }) };
    if (this.comeBack) {
      const card = this.ctx.store.cards.get(this.comeBack);
      this.comeBack = null;
      if (card?.present && !card.suspended) return { card, remaining: dayQueue(this.ctx, at, queueOpts).totals };
    }
    const picked = pickNext(this.ctx, at, queueOpts, this.skipped);
    return picked && { card: picked.card, remaining: picked.queue.totals };
  }

  private nextPractice(at: Date): { card: StoredCard; remaining: SessionCard['remaining'] } | null {
    if (!this.practiceQueue) {
      const now = at;
      this.practiceQueue = practiceCards(this.ctx, this.opts.filter)
        .map((c) => ({ key: c.key, r: this.scheduler.retrievability(c.memory, now) }))
        .sort((a, b) => a.r - b.r)
        .map((c) => c.key);
    }
    if (this.comeBack) {
      this.practiceQueue.unshift(this.comeBack);
      this.comeBack = null;
    }
    while (this.practiceQueue.length > 0) {
      const key = this.practiceQueue.shift()!;
      const card = this.ctx.store.cards.get(key);
      if (card?.present && !card.suspended) return { card, remaining: { new: 0, learning: 0, review: this.practiceQueue.length + 1 } };
    }
    return null;
  }

  private describe(card: StoredCard, remaining: SessionCard['remaining'], at: Date, marks?: ClozeMarks): SessionCard {
    const stored = noteOfCard(this.ctx, card);
    const note = stored.note;
    const faces = facesOf(note, card.template, marks);
    return {
      key: card.key,
      deck: card.deck,
      template: card.template,
      queue: queueOf(card.memory.state),
      file: shownPath(this.ctx, stored.file),
      path: join(this.ctx.decksDir, stored.file),
      line: stored.line,
      edited: editedSinceReview(card, stored),
      front: faces.front,
      back: faces.back,
      ...(note.explanation ? { explanation: note.explanation } : {}),
      keypoints: note.keypoints,
      accepted: expectedAnswers(note, card.template),
      intervals: intervalLabels(this.scheduler, card.memory, at),
      shown: card.memory,
      remaining,
    };
  }

  /**
   * Record the answer given at `at` (committed before this returns). In practice mode without --schedule
   * nothing is recorded. Throws CardChangedError when another process answered the card since it
   * was shown.
   */
  answer(card: SessionCard, rating: Rating, durationMs: number, at: Date): AnswerResult | null {
    if (this.opts.practice && !this.opts.schedule) {
      this.tally(rating);
      return null;
    }
    let recorded: RecordedAnswer | undefined;
    const result = answerKey(
      this.ctx,
      card.key,
      rating,
      { at, durationMs: Math.round(durationMs), shownState: card.shown, source: this.opts.practice ? 'practice' : 'review', recorded: (r) => (recorded = r) },
      this.scheduler,
    );
    // Counted only once recorded: a refused answer is no answer.
    this.tally(rating);
    if (card.shown.state === 'new') this.newLearned++;
    if (recorded) this.answered.push(recorded);
    return result;
  }

  private tally(rating: Rating): void {
    this.reviewed++;
    if (rating === 'again') this.again++;
  }

  /** Leave a card for this session (after a refused answer). */
  skip(key: string): void {
    this.skipped.add(key);
  }

  /** Take back this session's last answer; the card is shown again next. */
  undo(): UndoResult {
    const last = this.answered.at(-1);
    if (!last) throw new UserError('nothing to undo in this session');
    // Whether it is still the collection's last answer is checked inside undo's write transaction.
    const result = undoLast(this.ctx, last);
    this.answered.pop();
    this.reviewed = Math.max(0, this.reviewed - 1);
    if (result.rating === 'again') this.again = Math.max(0, this.again - 1);
    if (result.state === 'new') this.newLearned = Math.max(0, this.newLearned - 1);
    this.comeBack = result.card;
    return result;
  }

  suspend(card: SessionCard): void {
    setSuspended(this.ctx, card.key, true);
  }

  bury(card: SessionCard, at: Date): void {
    buryCards(this.ctx, card.key, at);
  }

  /** Show this card again next (after it was edited). */
  showAgain(key: string): void {
    this.comeBack = key;
  }

  /** The end of the session at `at`. */
  summary(elapsedMs: number, at: Date): SessionSummary {
    const day = today(this.ctx, at);
    // What tomorrow's study day will show: the queues counted at its start.
    const tomorrow = dueReport(this.ctx, day.nextDayAt, { filter: this.opts.filter }).total;
    const heldBack = this.caughtUp && !this.opts.practice ? reviewsHeldBack(this.ctx, at, { filter: this.opts.filter }) : 0;
    // With reviews held back, the next card that can come today is a learning card.
    const nextDue = this.caughtUp ? this.ctx.store.cards.nextDueAfter(at, this.opts.filter, heldBack > 0 ? 'learning' : 'any') : null;
    return {
      reviewed: this.reviewed,
      again: this.again,
      new_learned: this.newLearned,
      time_ms: Math.round(elapsedMs),
      due_tomorrow: tomorrow,
      next_due: nextDue ? nextDue.toISOString() : null,
      caught_up: this.caughtUp,
      reviews_held_back: heldBack,
      reviews_per_day: this.ctx.settings.reviews_per_day,
      day_ends: day.nextDayAt.toISOString(),
    };
  }
}
