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
import type { Lang, Localized } from '../core/text.js';
import type { TypedGrade } from '../core/grading.js';
import { gradeReply } from '../core/keypoints.js';
import { needsPinyin } from '../core/grading.js';
import { loadPinyin } from './pinyin.js';
import { UserError } from '../errors.js';
import type { SessionCounts, StoredCard } from '../store/cards.js';
import type { CardFilter } from '../store/filter.js';
import { facesOf } from '../core/cards.js';
import { editedSinceReview, noteOfCard, queueOf } from './card-view.js';
import { shownPath, today, type AppContext } from './context.js';
import { dayQueue, dueReport, pickNext, reviewsHeldBack } from './due.js';
import { answerKey, intervalLabels, schedulerFor, undoLast, type AnswerResult, type RecordedAnswer, type UndoResult } from './answer.js';
import { buryCards, setSuspended } from './card-actions.js';
import { practiceCards } from './practice.js';

/** What `u` in a review takes back: answers, suspensions and burials, most recent first. */
type SessionAction = { kind: 'answer'; recorded: RecordedAnswer } | { kind: 'suspend'; card: string } | { kind: 'bury'; card: string; before: Date | null };

/** What `u` took back. */
export type SessionUndo = { kind: 'answer'; card: string; rating: Rating; result: UndoResult } | { kind: 'suspend' | 'bury'; card: string };

export interface SessionOptions {
  filter: CardFilter;
  /** stop after this many cards */
  limit?: number;
  /** at most this many new cards in this session (within the day's limits) */
  newCards?: number;
  /** practice beyond what is due: weakest cards first, no schedule change unless `schedule` */
  practice?: boolean;
  schedule?: boolean;
  /** the language shown: a typed answer is compared with the answer in it */
  lang?: Lang;
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
  /** the answer will be scheduled (false in practice without --schedule: the intervals mean nothing) */
  scheduled: boolean;
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
  /** this session's answers, suspensions and burials, in order: undo takes back only these */
  private readonly actions: SessionAction[] = [];
  /** an undone card comes back first */
  private comeBack: string | null = null;
  /** practice: the weakest cards, in order, and how far we are */
  private practiceQueue: string[] | null = null;
  /** cards passed over this session (practice answers not recorded, cards changed elsewhere) */
  private readonly skipped = new Set<string>();
  caughtUp = false;
  /** the queue's per-deck counts between picks; each change this session makes forgets its deck */
  private readonly remembered: SessionCounts;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: SessionOptions,
  ) {
    this.scheduler = schedulerFor(ctx.settings);
    this.remembered = ctx.store.cards.sessionCounts();
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
    const queueOpts = { filter: this.opts.filter, remembered: this.remembered, ...(newCap === undefined ? {} : { newCap }) };
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
      accepted: expectedAnswers(note, card.template, this.opts.lang ?? 'both'),
      intervals: intervalLabels(this.scheduler, card.memory, at),
      scheduled: !this.opts.practice || this.opts.schedule === true,
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
    this.remembered.forget(card.deck);
    // Counted only once recorded: a refused answer is no answer.
    this.tally(rating);
    if (card.shown.state === 'new') this.newLearned++;
    if (recorded) this.actions.push({ kind: 'answer', recorded });
    return result;
  }

  /**
   * Grade a typed reply against the card's answers in the language shown: short ones letter by
   * letter, long ones (definitions) by their key words. Pinyin is loaded only when it can matter.
   */
  async grade(card: SessionCard, typed: string): Promise<TypedGrade> {
    return gradeReply(typed, card.accepted, needsPinyin(typed, card.accepted) ? await loadPinyin() : undefined);
  }

  private tally(rating: Rating): void {
    this.reviewed++;
    if (rating === 'again') this.again++;
  }

  /** Leave a card for this session (after a refused answer). */
  skip(key: string): void {
    this.skipped.add(key);
    this.remembered.clear();
  }

  /**
   * Take back this session's last action at `at` — an answer, a suspension or a burial — and show
   * its card again next. Repeated, it walks back through the session in order.
   */
  undo(at: Date): SessionUndo {
    const last = this.actions.at(-1);
    if (!last) throw new UserError('nothing to undo in this session');
    let undone: SessionUndo;
    if (last.kind === 'answer') {
      // Whether it is still the collection's last answer is checked inside undo's write transaction.
      const result = undoLast(this.ctx, last.recorded);
      this.reviewed = Math.max(0, this.reviewed - 1);
      if (result.rating === 'again') this.again = Math.max(0, this.again - 1);
      if (result.state === 'new') this.newLearned = Math.max(0, this.newLearned - 1);
      undone = { kind: 'answer', card: result.card, rating: result.rating, result };
    } else if (last.kind === 'suspend') {
      setSuspended(this.ctx, last.card, false, at);
      undone = { kind: 'suspend', card: last.card };
    } else {
      // Buried until `at` is not buried: the journal's bury line carries the moment it ends.
      this.ctx.store.writeTransaction(() => this.ctx.store.cards.setBuriedUntil(last.card, last.before ?? at, at));
      undone = { kind: 'bury', card: last.card };
    }
    this.actions.pop();
    const deck = this.ctx.store.cards.get(undone.card)?.deck;
    if (deck === undefined) this.remembered.clear();
    else this.remembered.forget(deck);
    this.comeBack = undone.card;
    return undone;
  }

  suspend(card: SessionCard, at: Date): void {
    setSuspended(this.ctx, card.key, true, at);
    this.remembered.forget(card.deck);
    this.actions.push({ kind: 'suspend', card: card.key });
  }

  bury(card: SessionCard, at: Date): void {
    const before = this.ctx.store.cards.get(card.key)?.buriedUntil ?? null;
    buryCards(this.ctx, card.key, at);
    this.remembered.forget(card.deck);
    this.actions.push({ kind: 'bury', card: card.key, before: before && before > at ? before : null });
  }

  /** Show this card again next (after it was edited). */
  showAgain(key: string): void {
    this.comeBack = key;
    this.remembered.clear();
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
