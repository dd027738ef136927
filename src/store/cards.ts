/**
 * Cards and their scheduling state: lookups, the queues, and the small state changes (suspend,
 * bury). Answers are written by revlog.ts together with their log entry.
 */
import type { MemoryState } from '../core/scheduler.js';
import type { Bucket, DeckCandidates, PickCandidate, QueueCandidate, QueueMoment, QueueSource } from '../core/queue.js';
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

/** A queue candidate with the stored card it stands for. */
export interface QueueCard extends PickCandidate {
  card: StoredCard;
}

/**
 * The terms by which the queue's queries narrow the candidates (present, not suspended, not buried,
 * each bucket's state, due before the next day), so that SQLite seeks in the partial queue indexes.
 * They repeat rules of core/queue.ts, which checks every card it reads again; nothing else narrows.
 */
const IN_QUEUES = 'c.present = 1 AND c.suspended = 0';
const NOT_BURIED = '(c.buried_until IS NULL OR c.buried_until <= @now)';
const BUCKET_SQL: Record<Bucket, string> = {
  learning: `c.state IN ('learning', 'relearning') AND c.due < @before`,
  review: `c.state = 'review' AND c.due < @before`,
  new: `c.state = 'new'`,
};
const STUDY_ORDER_SQL: Record<Bucket, string> = { learning: 'c.due', review: 'c.due', new: 'c.ord, c.deck' };

/** Rows page by page, each page larger than the last, for as long as the caller keeps reading. */
function* pages<T>(read: (limit: number, offset: number) => T[], first: number): Generator<T> {
  let offset = 0;
  for (let size = Math.max(1, first); ; size *= 4) {
    const rows = read(size, offset);
    yield* rows;
    if (rows.length < size) return;
    offset += size;
  }
}

/** What one deck's candidates for a bucket gave when last asked (see SessionCounts). */
interface RememberedCandidates {
  counted?: { upTo: number; n: number };
  doubtful?: QueueCandidate[];
}

/**
 * A review session's memory of the queue's per-deck candidates (issue 13, key → next card ≤ 20 ms):
 * counting a hundred decks' queues after every answer costs hundreds of queries, yet an answer,
 * suspension, burial or undo changes only its own deck's (a note's cards, the siblings, are all in
 * one deck). The session tells which deck it changed (`forget`); the rest is asked again only when
 * what the counts depend on moves: another connection's commit (`data_version`), a write of this
 * connection the session did not report (`total_changes()`), another study day, another filter, or
 * the moment a burial runs out (the only way the clock alone changes a count within a day). The
 * rules still run on every pick; only the source's answers are remembered, so the order is the same.
 */
export class SessionCounts extends Queries {
  private readonly decks = new Map<string, Map<Bucket, RememberedCandidates>>();
  private key = '';
  private version = -1;
  private changes = -1;
  private from = Infinity;
  private last = Infinity;
  /** when the first burial after `from` runs out; NaN until asked */
  private until = Number.NaN;

  /** The memory valid at this moment for this filter, emptied first if anything it holds may be stale. */
  at(m: QueueMoment, filterKey: string): { entry(deck: string, bucket: Bucket): RememberedCandidates } {
    const key = `${m.nextDayAt} ${filterKey}`;
    const version = this.db.pragma('data_version', { simple: true }) as number;
    const fresh = key === this.key && version === this.version && this.totalChanges() === this.changes && m.at >= this.from;
    // When the first burial runs out is asked only once the memory is used again: it reads the whole
    // queue index, which would slow down a session's first card for nothing.
    if (fresh && Number.isNaN(this.until)) this.until = this.buryEnd(this.from, null);
    if (!fresh || m.at >= this.until) {
      this.decks.clear();
      this.key = key;
      this.version = version;
      this.changes = this.totalChanges();
      this.from = m.at;
      this.until = Number.NaN;
    }
    this.last = m.at;
    return {
      entry: (deck, bucket) => {
        let buckets = this.decks.get(deck);
        if (!buckets) this.decks.set(deck, (buckets = new Map()));
        let e = buckets.get(bucket);
        if (!e) buckets.set(bucket, (e = {}));
        return e;
      },
    };
  }

  /** This session changed cards of `deck` (written already): ask for that deck again. */
  forget(deck: string): void {
    this.decks.delete(deck);
    this.changes = this.totalChanges();
    if (!Number.isNaN(this.until)) this.until = Math.min(this.until, this.buryEnd(this.last, deck));
  }

  /** Forget everything (the decks themselves may have changed: an edit). */
  clear(): void {
    this.decks.clear();
    this.key = '';
  }

  private totalChanges(): number {
    return (this.sql('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** When the first burial of a card in the queues after `after` runs out (of one deck, or any), Infinity if none does. */
  private buryEnd(after: number, deck: string | null): number {
    const row = this.sql(
      `SELECT min(c.buried_until) AS t FROM cards c INDEXED BY cards_deck_queue WHERE ${IN_QUEUES} AND c.buried_until > ?${deck === null ? '' : ' AND c.deck = ?'}`,
    ).get(...(deck === null ? [after] : [after, deck])) as { t: number | null };
    return row.t ?? Infinity;
  }
}

export class CardQueries extends Queries {
  constructor(
    db: Db,
    private readonly journal: Journal,
  ) {
    super(db);
  }

  /** A fresh memory for one review session's queue counts. */
  sessionCounts(): SessionCounts {
    return new SessionCounts(this.db);
  }

  /** The card with this exact key, present or not; undefined when there is none. */
  get(key: string): StoredCard | undefined {
    const row = this.sql(`SELECT ${COLUMNS} FROM cards c WHERE c.key = ?`).get(key) as CardRow | undefined;
    return row && cardFromRow(row);
  }

  /** The cards with these keys (those that exist), by key: one query for a batch (a replay of the journal). */
  getMany(keys: readonly string[]): Map<string, StoredCard> {
    const rows = this.sql(`SELECT ${COLUMNS} FROM cards c WHERE c.key IN (SELECT value FROM json_each(?))`).all(JSON.stringify(keys)) as CardRow[];
    return new Map(rows.map((r) => [r.key, cardFromRow(r)]));
  }

  /**
   * Keys a user's reference could mean, best matches first: the exact card key; else the cards of a
   * note key; else cards whose key ends with the reference at a `/` boundary (a unique suffix such
   * as `rlhf:reverse`), then the cards of notes whose key ends so (`rlhf`). Present cards only,
   * unless none is present.
   */
  resolve(ref: string): { key: string; present: boolean }[] {
    const rows = (sql: string, params: unknown) =>
      (this.sql(sql).all(params) as { key: string; present: number }[]).map((r) => ({ key: r.key, present: r.present === 1 }));
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

  /**
   * The queue's data source for a selection at a moment (SPEC §5's rules are core/queue.ts). Lazy:
   * counting reads a deck's candidates only up to its cap, a pick only up to the first card that
   * counts, so a large collection costs no more than its daily limits.
   */
  queueSource(filter: CardFilter | undefined, m: QueueMoment, remembered?: SessionCounts): QueueSource<QueueCard> {
    const f = filterSql(filter);
    const before = m.nextDayAt;
    const now = m.at;
    // The notes answered today, by deck (a note's key is its deck, "/", and an id that has no "/"):
    // each deck's query is given only its own, not every note answered today in every deck.
    let notes: { of: ReadonlySet<string>; byDeck: Map<string, string[]> } | null = null;
    const notesOf = (set: ReadonlySet<string>, deck: string): string[] => {
      if (notes?.of !== set) {
        const byDeck = new Map<string, string[]>();
        for (const note of set) {
          const d = note.slice(0, note.lastIndexOf('/'));
          const list = byDeck.get(d);
          if (list) list.push(note);
          else byDeck.set(d, [note]);
        }
        notes = { of: set, byDeck };
      }
      return notes.byDeck.get(deck) ?? [];
    };
    const memo = remembered?.at(m, JSON.stringify(f));
    // Counting is a seek in the covering queue index that stops at its cap, as many per deck as the
    // buckets; the only cards read are those of notes answered today (the siblings rule decides).
    const deckCandidates = (deck: string, bucket: Bucket, answeredToday: ReadonlySet<string>): DeckCandidates => {
      const where = `c.deck = @deck AND ${IN_QUEUES} AND ${NOT_BURIED} AND ${BUCKET_SQL[bucket]}${f.sql}`;
      const params = bucket === 'new' ? { deck, now } : { deck, now, before };
      const count = (upTo: number) => {
        const capped = upTo !== Infinity;
        const stmt = this.sql(`SELECT count(*) AS n FROM (SELECT 1 FROM cards c INDEXED BY cards_deck_queue WHERE ${where}${capped ? ' LIMIT @cap' : ''})`);
        return (stmt.get(...f.params, capped ? { ...params, cap: upTo } : params) as { n: number }).n;
      };
      const doubtful = (): QueueCandidate[] => {
        const mine = answeredToday.size === 0 ? [] : notesOf(answeredToday, deck);
        if (mine.length === 0) return [];
        const rows = this.sql(
          `SELECT c.note, c.state, c.due, c.buried_until FROM cards c WHERE ${where} AND c.note IN (SELECT value FROM json_each(@notes))`,
        ).all(...f.params, { ...params, notes: JSON.stringify(mine) }) as { note: string; state: StateName; due: number | null; buried_until: number | null }[];
        return rows.map((r): QueueCandidate => ({ note: r.note, state: r.state, due: r.due, buriedUntil: r.buried_until, present: true, suspended: false }));
      };
      if (!memo) return { count, doubtful: doubtful() };
      const e = memo.entry(deck, bucket);
      e.doubtful ??= doubtful();
      return {
        count: (upTo) => {
          // A count below its cap is the exact total; one at its cap answers any smaller cap.
          if (e.counted && (e.counted.n < e.counted.upTo || upTo <= e.counted.upTo)) return Math.min(upTo, e.counted.n);
          e.counted = { upTo, n: count(upTo) };
          return e.counted.n;
        },
        doubtful: e.doubtful,
      };
    };
    const cards = (where: string, order: string, params: Record<string, unknown>, index = ''): Iterable<QueueCard> => {
      const stmt = this.sql(
        `SELECT ${COLUMNS}, c.ord, c.rowid AS added FROM cards c${index} WHERE ${IN_QUEUES} AND ${NOT_BURIED} AND ${where}${f.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
      );
      const read = (limit: number, offset: number) =>
        (stmt.all(...f.params, { ...params, now, limit, offset }) as (CardRow & { ord: number; added: number })[]).map(
          (r): QueueCard => ({
            key: r.key,
            note: r.note,
            deck: r.deck,
            ord: r.ord,
            added: r.added,
            state: r.state as StateName,
            due: r.due,
            present: r.present === 1,
            suspended: r.suspended === 1,
            buriedUntil: r.buried_until,
            card: cardFromRow(r),
          }),
        );
      return pages(read, 8);
    };
    return {
      deckCandidates,
      // `state <> 'new'` lets SQLite walk cards_due in due order and stop at the first page, where
      // cards_deck_queue meant reading every queued card and sorting them (issue 13: a key press).
      // Ties in due come out in the same order either way (deck, state, then the rest of both indexes).
      learning: (upTo) => cards(`c.state <> 'new' AND ${BUCKET_SQL.learning}`, STUDY_ORDER_SQL.learning, { before: upTo }),
      ordered: (bucket, decks, by) => {
        const added = by === 'added' && bucket === 'new';
        return cards(
          `${BUCKET_SQL[bucket]} AND c.deck IN (SELECT value FROM json_each(@decks))`,
          // A card's rowid rises as cards are added (cards are never deleted): the order added.
          added ? 'c.rowid' : STUDY_ORDER_SQL[bucket],
          bucket === 'new' ? { decks: JSON.stringify(decks) } : { before, decks: JSON.stringify(decks) },
          // New cards in STUDY_ORDER are cards_new's own order (ord, deck), read up to the first page;
          // left to itself SQLite took cards_deck_queue and sorted every new card of the decks.
          bucket === 'new' && !added ? ' INDEXED BY cards_new' : '',
        );
      },
    };
  }

  /** Every card that has been studied and can be shown (practice mode picks the weakest). */
  reviewed(filter: CardFilter | undefined): StoredCard[] {
    const f = filterSql(filter);
    const rows = this.sql(`SELECT ${COLUMNS} FROM cards c WHERE c.present = 1 AND c.suspended = 0 AND c.state <> 'new'${f.sql}`).all(...f.params) as CardRow[];
    return rows.map(cardFromRow);
  }

  /** The new cards in the queues (present, not suspended) that the filter selects, in the order they are introduced. */
  unstudied(filter: CardFilter | undefined): StoredCard[] {
    const f = filterSql(filter);
    const rows = this.sql(
      `SELECT ${COLUMNS} FROM cards c WHERE c.present = 1 AND c.suspended = 0 AND c.state = 'new'${f.sql} ORDER BY ${STUDY_ORDER_SQL.new}`,
    ).all(...f.params) as CardRow[];
    return rows.map(cardFromRow);
  }

  /** The memory state of every card in the queues (for simulations). */
  allStates(filter: CardFilter | undefined): MemoryState[] {
    const f = filterSql(filter);
    const rows = this.sql(`SELECT ${COLUMNS} FROM cards c WHERE c.present = 1 AND c.suspended = 0${f.sql} ORDER BY c.ord, c.deck`).all(
      ...f.params,
    ) as CardRow[];
    return rows.map((r) => cardFromRow(r).memory);
  }

  /** Per deck: cards in the queues (present, not suspended) and suspended ones. */
  deckTotals(): { deck: string; cards: number; suspended: number; notes: number }[] {
    return this.sql(
      `SELECT c.deck AS deck, sum(c.suspended = 0) AS cards, sum(c.suspended = 1) AS suspended,
                count(DISTINCT c.note) AS notes
         FROM cards c WHERE c.present = 1 GROUP BY c.deck ORDER BY c.deck`,
    ).all() as { deck: string; cards: number; suspended: number; notes: number }[];
  }

  /** The earliest due time among cards that are not new (for "next card due at …"). */
  nextDueAfter(after: Date, filter: CardFilter | undefined, only: 'any' | 'learning' = 'any'): Date | null {
    const f = filterSql(filter);
    const states = only === 'learning' ? `c.state IN ('learning', 'relearning')` : `c.state <> 'new'`;
    const row = this.sql(
      `SELECT min(c.due) AS due FROM cards c
         WHERE c.present = 1 AND c.suspended = 0 AND ${states} AND c.due >= ?${f.sql}`,
    ).get(after.getTime(), ...f.params) as { due: number | null };
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
    this.sql(
      `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, scheduled_days = ?,
           learning_steps = ?, reps = ?, lapses = ?, last_review = ?, suspended = ?, leech = ?, buried_until = ?
         WHERE key = ?`,
    ).run(
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
