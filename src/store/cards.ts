/**
 * Cards and their scheduling state: lookups, the queues, and the small state changes (suspend,
 * bury). Answers are written by revlog.ts together with their log entry.
 */
import type { MemoryState } from '../core/scheduler.js';
import type { StateName } from '../core/states.js';
import type { Db } from './open.js';
import type { Journal } from './journal.js';
import { Queries } from './queries.js';
import { filterSql, likeEscape, type CardFilter } from './filter.js';

export interface StoredCard {
  key: string;
  note: string;
  deck: string;
  template: string;
  /** whether its note is in a deck file now */
  present: boolean;
  memory: MemoryState;
  suspended: boolean;
  buriedUntil: Date | null;
  leech: boolean;
}

export interface CardRow {
  key: string;
  note: string;
  deck: string;
  template: string;
  present: number;
  state: string;
  due: number | null;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  suspended: number;
  buried_until: number | null;
  leech: number;
}

export function cardFromRow(r: CardRow): StoredCard {
  return {
    key: r.key,
    note: r.note,
    deck: r.deck,
    template: r.template,
    present: r.present === 1,
    memory: {
      state: r.state as StateName,
      due: r.due === null ? null : new Date(r.due),
      stability: r.stability,
      difficulty: r.difficulty,
      scheduledDays: r.scheduled_days,
      learningSteps: r.learning_steps,
      reps: r.reps,
      lapses: r.lapses,
      lastReview: r.last_review === null ? null : new Date(r.last_review),
    },
    suspended: r.suspended === 1,
    buriedUntil: r.buried_until === null ? null : new Date(r.buried_until),
    leech: r.leech === 1,
  };
}

const COLUMNS = `c.key, c.note, c.deck, c.template, c.present, c.state, c.due, c.stability, c.difficulty,
  c.scheduled_days, c.learning_steps, c.reps, c.lapses, c.last_review, c.suspended, c.buried_until, c.leech`;

/** The moment-dependent terms of a queue query. */
export interface QueueTime {
  now: Date;
  /** start of the current study day: siblings answered since then wait */
  dayStart: Date;
}

/** Cards that can be shown: present, not suspended, not buried, no sibling answered today. */
const SHOWABLE = `c.present = 1 AND c.suspended = 0
  AND (c.buried_until IS NULL OR c.buried_until <= @now)`;
// Siblings (SPEC §5): cards of notes answered today wait. The notes are gathered once into a small
// indexed temp table (see `noteAnsweredSince`), which each queue query checks by a lookup.
const NO_SIBLING_TODAY = `c.note NOT IN temp.answered_today`;

export class CardQueries extends Queries {
  constructor(db: Db, private readonly journal: Journal) {
    super(db);
  }

  /** The card with this exact key, present or not; undefined when there is none. */
  get(key: string): StoredCard | undefined {
    const row = this.sql(`SELECT ${COLUMNS} FROM cards c WHERE c.key = ?`).get(key) as CardRow | undefined;
    return row && cardFromRow(row);
  }

  /**
   * Keys a user's reference could mean, best matches first: the exact card key; else the cards of a
   * note key; else cards whose key ends with the reference at a `/` boundary (a unique suffix such
   * as `rlhf:reverse`), then the cards of notes whose key ends so (`rlhf`). Present cards only,
   * unless none is present.
   */
  resolve(ref: string): { key: string; present: boolean }[] {
    const rows = (sql: string, params: unknown) => (this.sql(sql).all(params) as { key: string; present: number }[]).map((r) => ({ key: r.key, present: r.present === 1 }));
    // An exact card key, or an exact note key, means that card or note, present or not: a removed
    // note is never confused with another deck's note whose key happens to end the same way.
    const exact = rows('SELECT key, present FROM cards WHERE key = @ref', { ref });
    if (exact.length > 0) return exact;
    const ofNote = rows('SELECT key, present FROM cards WHERE note = @ref ORDER BY ord', { ref });
    if (ofNote.length > 0) return ofNote;
    const suffix = rows(
      `SELECT key, present FROM cards WHERE key LIKE @suffix ESCAPE '\\'
       UNION SELECT key, present FROM cards WHERE note LIKE @suffix ESCAPE '\\'
       ORDER BY key`,
      { suffix: `%/${likeEscape(ref)}` },
    );
    // LIKE ignores ASCII case; keys do not.
    const matching = suffix.filter((r) => r.key.endsWith(`/${ref}`) || r.key.includes(`/${ref}:`));
    const present = matching.filter((r) => r.present);
    return present.length > 0 ? present : matching;
  }

  /** The cards of a note, in template order. */
  ofNote(note: string): StoredCard[] {
    const rows = this.sql(`SELECT ${COLUMNS} FROM cards c WHERE c.note = ? ORDER BY c.ord`).all(note) as CardRow[];
    return rows.map(cardFromRow);
  }

  /** Due (re)learning cards, soonest first, due before `before`. */
  learningDue(before: Date, time: QueueTime, filter: CardFilter | undefined, limit: number): StoredCard[] {
    const f = filterSql(filter);
    const rows = this
      .sql(
        `SELECT ${COLUMNS} FROM cards c
         WHERE ${SHOWABLE} AND c.state IN ('learning', 'relearning') AND c.due < @before${f.sql}
         ORDER BY c.due LIMIT @limit`,
      )
      .all(...f.params, { now: time.now.getTime(), before: before.getTime(), limit }) as CardRow[];
    return rows.map(cardFromRow);
  }

  /** Review cards due before `before`, most overdue first, from the given decks only. */
  reviewsDue(before: Date, time: QueueTime, decks: readonly string[], filter: CardFilter | undefined, limit: number): StoredCard[] {
    if (decks.length === 0) return [];
    this.noteAnsweredSince(time.dayStart);
    const f = filterSql(filter);
    const rows = this
      .sql(
        `SELECT ${COLUMNS} FROM cards c
         WHERE ${SHOWABLE} AND c.state = 'review' AND c.due < @before AND ${NO_SIBLING_TODAY}
           AND c.deck IN (SELECT value FROM json_each(@decks))${f.sql}
         ORDER BY c.due LIMIT @limit`,
      )
      .all(...f.params, {
        now: time.now.getTime(),
        before: before.getTime(),
        decks: JSON.stringify(decks),
        limit,
      }) as CardRow[];
    return rows.map(cardFromRow);
  }

  /** New cards in study order (note position, then deck), from the given decks only. */
  newCards(time: QueueTime, decks: readonly string[], filter: CardFilter | undefined, limit: number): StoredCard[] {
    if (decks.length === 0) return [];
    this.noteAnsweredSince(time.dayStart);
    const f = filterSql(filter);
    const rows = this
      .sql(
        `SELECT ${COLUMNS} FROM cards c
         WHERE c.present = 1 AND c.suspended = 0 AND c.state = 'new'
           AND (c.buried_until IS NULL OR c.buried_until <= @now) AND ${NO_SIBLING_TODAY}
           AND c.deck IN (SELECT value FROM json_each(@decks))${f.sql}
         ORDER BY c.ord, c.deck LIMIT @limit`,
      )
      .all(...f.params, { now: time.now.getTime(), decks: JSON.stringify(decks), limit }) as CardRow[];
    return rows.map(cardFromRow);
  }

  /**
   * How many cards of each deck are due today: learning cards due before the next day (never
   * capped), and review and new cards up to each deck's caps (its remaining limits). Each count
   * is a seek in the queue index that stops at its cap, so a large collection costs no more than
   * its caps. `answeredToday` false skips the sibling check (nothing to exclude, and it is the
   * costliest term).
   */
  queueCounts(
    decks: readonly { deck: string; caps: { new: number; review: number } }[],
    nextDayAt: Date,
    time: QueueTime,
    filter: CardFilter | undefined,
    answeredToday: boolean,
  ): Map<string, { new: number; learning: number; review: number }> {
    const f = filterSql(filter);
    const params = { now: time.now.getTime(), before: nextDayAt.getTime() };
    const siblings = answeredToday ? ` AND ${NO_SIBLING_TODAY}` : '';
    if (answeredToday) this.noteAnsweredSince(time.dayStart);
    const count = (where: string, capped: boolean) =>
      this.sql(
        `SELECT count(*) AS n FROM (SELECT 1 FROM cards c INDEXED BY cards_deck_queue
         WHERE c.deck = @deck AND c.present = 1 AND c.suspended = 0 AND ${where}
           AND (c.buried_until IS NULL OR c.buried_until <= @now)${f.sql}${capped ? ' LIMIT @cap' : ''})`,
      );
    const learning = count(`c.state IN ('learning', 'relearning') AND c.due < @before`, false);
    const review = count(`c.state = 'review' AND c.due < @before${siblings}`, true);
    const fresh = count(`c.state = 'new'${siblings}`, true);
    const run = (stmt: ReturnType<typeof count>, deck: string, cap?: number) =>
      (stmt.get(...f.params, cap === undefined ? { ...params, deck } : { ...params, deck, cap }) as { n: number }).n;
    const out = new Map<string, { new: number; learning: number; review: number }>();
    for (const d of decks) {
      out.set(d.deck, {
        new: d.caps.new > 0 ? run(fresh, d.deck, d.caps.new) : 0,
        learning: run(learning, d.deck),
        review: d.caps.review > 0 ? run(review, d.deck, d.caps.review) : 0,
      });
    }
    return out;
  }

  private answeredKey = '';

  /**
   * Fill temp.answered_today with the notes answered since `since`, unless it already holds exactly
   * that (same day start, same last answer). A temp table is private to this connection and costs
   * no write lock.
   */
  private noteAnsweredSince(since: Date): void {
    const last = (this.sql('SELECT max(id) AS id FROM revlog').get() as { id: number | null }).id;
    const key = `${since.getTime()}:${last}`;
    if (key === this.answeredKey) return;
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS answered_today (note TEXT PRIMARY KEY) WITHOUT ROWID');
    this.sql('DELETE FROM temp.answered_today').run();
    this.sql('INSERT OR IGNORE INTO temp.answered_today SELECT note FROM revlog WHERE at >= ?').run(since.getTime());
    this.answeredKey = key;
  }

  /** Every card that has been studied and can be shown (practice mode picks the weakest). */
  reviewed(filter: CardFilter | undefined): StoredCard[] {
    const f = filterSql(filter);
    const rows = this.sql(
      `SELECT ${COLUMNS} FROM cards c WHERE c.present = 1 AND c.suspended = 0 AND c.state <> 'new'${f.sql}`,
    ).all(...f.params) as CardRow[];
    return rows.map(cardFromRow);
  }

  /** The memory state of every card in the queues (for simulations). */
  allStates(filter: CardFilter | undefined): MemoryState[] {
    const f = filterSql(filter);
    const rows = this.sql(`SELECT ${COLUMNS} FROM cards c WHERE c.present = 1 AND c.suspended = 0${f.sql} ORDER BY c.ord, c.deck`).all(...f.params) as CardRow[];
    return rows.map((r) => cardFromRow(r).memory);
  }

  /** Per deck: cards in the queues (present, not suspended) and suspended ones. */
  deckTotals(): { deck: string; cards: number; suspended: number; notes: number }[] {
    return this
      .sql(
        `SELECT c.deck AS deck, sum(c.suspended = 0) AS cards, sum(c.suspended = 1) AS suspended,
                count(DISTINCT c.note) AS notes
         FROM cards c WHERE c.present = 1 GROUP BY c.deck ORDER BY c.deck`,
      )
      .all() as { deck: string; cards: number; suspended: number; notes: number }[];
  }

  /** The earliest due time among cards that are not new (for "next card due at …"). */
  nextDueAfter(after: Date, filter: CardFilter | undefined, only: 'any' | 'learning' = 'any'): Date | null {
    const f = filterSql(filter);
    const states = only === 'learning' ? `c.state IN ('learning', 'relearning')` : `c.state <> 'new'`;
    const row = this
      .sql(
        `SELECT min(c.due) AS due FROM cards c
         WHERE c.present = 1 AND c.suspended = 0 AND ${states} AND c.due >= ?${f.sql}`,
      )
      .get(after.getTime(), ...f.params) as { due: number | null };
    return row.due === null ? null : new Date(row.due);
  }

  /** Suspend or unsuspend a card at `at`, with its journal line (inside a write transaction). */
  setSuspended(key: string, suspended: boolean, at: Date): void {
    this.sql('UPDATE cards SET suspended = ? WHERE key = ?').run(suspended ? 1 : 0, key);
    this.journal.record({ kind: 'action', at, card: key, action: suspended ? 'suspend' : 'unsuspend' });
  }

  /** Hide a card until `until` (bury) at `at`, with its journal line (inside a write transaction). */
  setBuriedUntil(key: string, until: Date, at: Date): void {
    this.sql('UPDATE cards SET buried_until = ? WHERE key = ?').run(until.getTime(), key);
    this.journal.record({ kind: 'action', at, card: key, action: 'bury', until });
  }

  /** Write a card's scheduling state (used by answers and their undo, inside their transaction). */
  writeState(key: string, m: MemoryState, flags: { suspended: boolean; leech: boolean; buriedUntil: Date | null }): void {
    this
      .sql(
        `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, scheduled_days = ?,
           learning_steps = ?, reps = ?, lapses = ?, last_review = ?, suspended = ?, leech = ?, buried_until = ?
         WHERE key = ?`,
      )
      .run(
        m.state,
        m.due ? m.due.getTime() : null,
        m.stability,
        m.difficulty,
        m.scheduledDays,
        m.learningSteps,
        m.reps,
        m.lapses,
        m.lastReview ? m.lastReview.getTime() : null,
        flags.suspended ? 1 : 0,
        flags.leech ? 1 : 0,
        flags.buriedUntil ? flags.buriedUntil.getTime() : null,
        key,
      );
  }
}
