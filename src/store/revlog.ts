/**
 * The review log: recording an answer together with the card's new state (one transaction, the
 * caller's), taking the last one back, and the counts the queues and statistics need.
 */
import type { MemoryState } from '../core/scheduler.js';
import type { Rating, StateName } from '../core/states.js';
import { Queries } from './queries.js';

export type ReviewSource = 'review' | 'quiz' | 'practice';

export interface CardFlags {
  suspended: boolean;
  leech: boolean;
  buriedUntil: Date | null;
}

/** One answer: what it was, and the card's state and flags just before and just after. */
export interface ReviewEntry {
  id: number;
  card: string;
  note: string;
  deck: string;
  at: Date;
  rating: Rating;
  source: ReviewSource;
  durationMs: number | null;
  elapsedDays: number;
  after: MemoryState;
  before: MemoryState;
  beforeFlags: CardFlags;
}

export type NewReviewEntry = Omit<ReviewEntry, 'id'>;

interface RevlogRow {
  id: number;
  card: string;
  note: string;
  deck: string;
  at: number;
  rating: string;
  source: string;
  duration_ms: number | null;
  elapsed_days: number;
  state: string;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  prev_state: string;
  prev_due: number | null;
  prev_stability: number;
  prev_difficulty: number;
  prev_scheduled_days: number;
  prev_learning_steps: number;
  prev_reps: number;
  prev_lapses: number;
  prev_last_review: number | null;
  prev_suspended: number;
  prev_leech: number;
  prev_buried_until: number | null;
}

function entryFromRow(r: RevlogRow): ReviewEntry {
  return {
    id: r.id,
    card: r.card,
    note: r.note,
    deck: r.deck,
    at: new Date(r.at),
    rating: r.rating as Rating,
    source: r.source as ReviewSource,
    durationMs: r.duration_ms,
    elapsedDays: r.elapsed_days,
    after: {
      state: r.state as StateName,
      due: new Date(r.due),
      stability: r.stability,
      difficulty: r.difficulty,
      scheduledDays: r.scheduled_days,
      learningSteps: r.learning_steps,
      reps: r.reps,
      lapses: r.lapses,
      lastReview: new Date(r.at),
    },
    before: {
      state: r.prev_state as StateName,
      due: r.prev_due === null ? null : new Date(r.prev_due),
      stability: r.prev_stability,
      difficulty: r.prev_difficulty,
      scheduledDays: r.prev_scheduled_days,
      learningSteps: r.prev_learning_steps,
      reps: r.prev_reps,
      lapses: r.prev_lapses,
      lastReview: r.prev_last_review === null ? null : new Date(r.prev_last_review),
    },
    beforeFlags: {
      suspended: r.prev_suspended === 1,
      leech: r.prev_leech === 1,
      buriedUntil: r.prev_buried_until === null ? null : new Date(r.prev_buried_until),
    },
  };
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

export interface DoneByDeck {
  deck: string;
  newDone: number;
  reviewDone: number;
}

export class RevlogQueries extends Queries {

  /** Append an answer; returns its id. Call inside the transaction that writes the card. */
  insert(e: NewReviewEntry): number {
    const a = e.after;
    const b = e.before;
    const info = this
      .sql(
        `INSERT INTO revlog (card, note, deck, at, rating, source, duration_ms, elapsed_days,
           state, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses,
           prev_state, prev_due, prev_stability, prev_difficulty, prev_scheduled_days, prev_learning_steps,
           prev_reps, prev_lapses, prev_last_review, prev_suspended, prev_leech, prev_buried_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.card,
        e.note,
        e.deck,
        e.at.getTime(),
        e.rating,
        e.source,
        e.durationMs,
        e.elapsedDays,
        a.state,
        ms(a.due),
        a.stability,
        a.difficulty,
        a.scheduledDays,
        a.learningSteps,
        a.reps,
        a.lapses,
        b.state,
        ms(b.due),
        b.stability,
        b.difficulty,
        b.scheduledDays,
        b.learningSteps,
        b.reps,
        b.lapses,
        ms(b.lastReview),
        e.beforeFlags.suspended ? 1 : 0,
        e.beforeFlags.leech ? 1 : 0,
        ms(e.beforeFlags.buriedUntil),
      );
    return Number(info.lastInsertRowid);
  }

  /** The most recent answer in the collection, if any. */
  last(source?: ReviewSource): ReviewEntry | undefined {
    const row = (
      source
        ? this.sql('SELECT * FROM revlog WHERE source = ? ORDER BY id DESC LIMIT 1').get(source)
        : this.sql('SELECT * FROM revlog ORDER BY id DESC LIMIT 1').get()
    ) as RevlogRow | undefined;
    return row && entryFromRow(row);
  }

  /** The most recent answer to one card. */
  lastOfCard(card: string): ReviewEntry | undefined {
    const row = this.sql('SELECT * FROM revlog WHERE card = ? ORDER BY at DESC, id DESC LIMIT 1').get(card) as RevlogRow | undefined;
    return row && entryFromRow(row);
  }

  delete(id: number): void {
    this.sql('DELETE FROM revlog WHERE id = ?').run(id);
  }

  /** A card's answers, oldest first. */
  history(card: string): ReviewEntry[] {
    return (this.sql('SELECT * FROM revlog WHERE card = ? ORDER BY at, id').all(card) as RevlogRow[]).map(entryFromRow);
  }

  /** New cards introduced and review cards answered since `since`, per deck. */
  /** The notes answered since `since` (today's: their siblings wait, SPEC §5). */
  notesSince(since: Date): Set<string> {
    return new Set(this.sql('SELECT DISTINCT note FROM revlog WHERE at >= ?').pluck().all(since.getTime()) as string[]);
  }

  doneSince(since: Date): DoneByDeck[] {
    return this
      .sql(
        `SELECT deck, sum(prev_state = 'new') AS newDone, sum(prev_state = 'review') AS reviewDone
         FROM revlog WHERE at >= ? GROUP BY deck`,
      )
      .all(since.getTime()) as DoneByDeck[];
  }
}
