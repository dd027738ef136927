/**
 * The review log: recording an answer together with the card's new state (one transaction, the
 * caller's), taking the last one back, and the counts the queues and statistics need.
 */
import type { MemoryState } from '../core/scheduler.js';
import type { AnswerLine, JournalSource } from '../core/journal.js';
import type { Rating, StateName } from '../core/states.js';
import type { Journal } from './journal.js';
import type { Db } from './open.js';
import { writingOnce } from './page-cache.js';
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
  /** the id of its journal line (SPEC §8); null only for answers from before the journal, until the first run writes them */
  uid: string | null;
  /** the device that answered */
  device: string | null;
  /** the journal line's source */
  origin: JournalSource;
  /** the state after came with the answer (an import), rather than being computed */
  given: boolean;
}

/**
 * A new answer. `origin` defaults from `source` (quiz → quiz, else review); `given` marks an
 * imported answer whose state after is the imported one (the journal line then carries it).
 */
export type NewReviewEntry = Omit<ReviewEntry, 'id' | 'uid' | 'device' | 'origin' | 'given'> & { origin?: JournalSource; given?: boolean };

/** An answer as a replay of the journal writes it: with the id of its line, and no new line. */
export type ReplayedReviewEntry = Omit<ReviewEntry, 'id'> & { id?: number };

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
  uid: string | null;
  device: string | null;
  origin: string | null;
  given: number;
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
    uid: r.uid,
    device: r.device,
    origin: (r.origin ?? defaultOrigin(r.source as ReviewSource)) as JournalSource,
    given: r.given === 1,
  };
}

/** The journal source of an answer recorded without one. */
export function defaultOrigin(source: ReviewSource): JournalSource {
  return source === 'quiz' ? 'quiz' : 'review';
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

const REVLOG_COLUMNS = [
  'id',
  'card',
  'note',
  'deck',
  'at',
  'rating',
  'source',
  'duration_ms',
  'elapsed_days',
  'state',
  'due',
  'stability',
  'difficulty',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
  'prev_state',
  'prev_due',
  'prev_stability',
  'prev_difficulty',
  'prev_scheduled_days',
  'prev_learning_steps',
  'prev_reps',
  'prev_lapses',
  'prev_last_review',
  'prev_suspended',
  'prev_leech',
  'prev_buried_until',
  'uid',
  'device',
  'origin',
  'given',
] as const;
/** Rows per statement of `insertMany` (× 33 parameters, well under SQLite's limit of 32,766). */
const INSERT_ROWS = 64;
const ROW = `(${REVLOG_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_ONE = `INSERT INTO revlog (${REVLOG_COLUMNS.join(', ')}) VALUES ${ROW}`;
/**
 * A statement of INSERT_ROWS rows, OR FAIL. A statement that writes several rows and may stop at a
 * constraint (ABORT, the default) makes SQLite copy every page it changes, as it was, into a
 * statement journal (a temporary file), to undo the statement alone. Nothing here needs that undo:
 * each runs in a write transaction (Store.writeTransaction) that a failure takes back whole, or in
 * a savepoint that takes back the failed statement's rows with the rest. Seen with strace: a sync
 * reading 1,000 foreign journal lines wrote 33 MB there in 4,068 writes, an import of 200,000 log
 * rows 29,057 -> 4,185 writes to temporary files.
 * Measured, interleaved: that sync 465 -> 455 ms (10 cold runs each), an import of 1M log rows
 * 26.0 -> 25.0 s.
 */
const manyRowsInsert = (row: string) => `INSERT OR FAIL INTO revlog (${REVLOG_COLUMNS.join(', ')}) VALUES ${Array(INSERT_ROWS).fill(row).join(', ')}`;
const INSERT_MANY = manyRowsInsert(ROW);

/** Append the states after and before an answer, in REVLOG_COLUMNS order (`state` to `prev_last_review`). */
function pushStates(out: unknown[], a: MemoryState, b: MemoryState): void {
  out.push(
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
  );
}

/** Append a log row's values, in REVLOG_COLUMNS order, to `out` (and return it). */
function rowValues(
  out: unknown[],
  e: NewReviewEntry & { id?: number },
  uid: string | null,
  device: string | null,
  origin: JournalSource,
  given: boolean,
): unknown[] {
  out.push(e.id ?? null, e.card, e.note, e.deck, e.at.getTime(), e.rating, e.source, e.durationMs, e.elapsedDays);
  pushStates(out, e.after, e.before);
  out.push(e.beforeFlags.suspended ? 1 : 0, e.beforeFlags.leech ? 1 : 0, ms(e.beforeFlags.buriedUntil), uid, device, origin, given ? 1 : 0);
  return out;
}

/**
 * What every answer an import brings has in common (an answer given, `source` review, no flags
 * before it, the journal's `origin` import): these columns are written as constants of the
 * statement rather than bound row by row, and `device` once per statement. A million rows bound 8
 * values fewer each: 4.3 -> 3.6 s of SQLite's time for them.
 */
const IMPORTED: Partial<Record<(typeof REVLOG_COLUMNS)[number], string>> = {
  id: 'NULL',
  source: "'review'",
  prev_suspended: '0',
  prev_leech: '0',
  prev_buried_until: 'NULL',
  device: '@device',
  origin: "'import'",
  given: '1',
};
/** Values per row of an imported answer (those REVLOG_COLUMNS that IMPORTED leaves out). */
const IMPORTED_WIDTH = REVLOG_COLUMNS.filter((c) => IMPORTED[c] === undefined).length;
const IMPORTED_ROW = `(${REVLOG_COLUMNS.map((c) => IMPORTED[c] ?? '?').join(', ')})`;
const INSERT_IMPORTED_ONE = `INSERT INTO revlog (${REVLOG_COLUMNS.join(', ')}) VALUES ${IMPORTED_ROW}`;
const INSERT_IMPORTED_MANY = manyRowsInsert(IMPORTED_ROW);

/** Whether an answer, with its journal line, is one IMPORTED describes. */
const isImported = (e: NewReviewEntry, line: AnswerLine) =>
  line.source === 'import' &&
  e.given === true &&
  e.source === 'review' &&
  !e.beforeFlags.suspended &&
  !e.beforeFlags.leech &&
  e.beforeFlags.buriedUntil === null &&
  (e as { id?: number }).id === undefined;

/** Append an imported answer's values, in REVLOG_COLUMNS order less those IMPORTED fixes, to `out`. */
function importedValues(out: unknown[], e: NewReviewEntry, uid: string): void {
  out.push(e.card, e.note, e.deck, e.at.getTime(), e.rating, e.durationMs, e.elapsedDays);
  pushStates(out, e.after, e.before);
  out.push(uid);
}

export interface DoneByDeck {
  deck: string;
  newDone: number;
  reviewDone: number;
}

export class RevlogQueries extends Queries {
  constructor(
    db: Db,
    private readonly journal: Journal,
  ) {
    super(db);
  }

  /**
   * Append an answer and queue its journal line (SPEC §8); returns its row id. Call inside the
   * write transaction that writes the card (`Store.writeTransaction`): every path that records an
   * answer — review, answer, quiz, interview, an import with history — goes through here.
   */
  insert(e: NewReviewEntry): number {
    const line = this.record(e);
    return Number(this.sql(INSERT_ONE).run(rowValues([], e, line.id, line.device, line.source, e.given === true)).lastInsertRowid);
  }

  /** Write an answer that a replay of the journal computed (its line exists already). */
  insertReplayed(e: ReplayedReviewEntry): number {
    return Number(this.sql(INSERT_ONE).run(rowValues([], e, e.uid, e.device, e.origin, e.given)).lastInsertRowid);
  }

  /** Write many answers a replay computed, INSERT_ROWS rows per statement (a sync after a `git pull`). */
  insertReplayedMany(entries: readonly ReplayedReviewEntry[]): void {
    const values: unknown[] = [];
    let i = 0;
    for (; i + INSERT_ROWS <= entries.length; i += INSERT_ROWS) {
      values.length = 0;
      for (let j = i; j < i + INSERT_ROWS; j++) {
        const e = entries[j]!;
        rowValues(values, e, e.uid, e.device, e.origin, e.given);
      }
      this.sql(INSERT_MANY).run(values);
    }
    for (; i < entries.length; i++) this.insertReplayed(entries[i]!);
  }

  /** Queue an answer's journal line. */
  private record(e: NewReviewEntry): AnswerLine {
    const l: Omit<AnswerLine, 'id' | 'device'> = {
      kind: 'answer',
      at: e.at,
      card: e.card,
      rating: e.rating,
      durationMs: e.durationMs,
      source: e.origin ?? defaultOrigin(e.source),
    };
    if (e.source === 'practice') l.practice = true;
    if (e.given) l.state = e.after;
    return this.journal.record(l) as AnswerLine;
  }

  /**
   * Append many answers (an import's history), each as `insert` does, taken from `entries` as they
   * come (a generator: a million answers are never all held at once), INSERT_ROWS rows per
   * statement. When `expected` is large the log's indexes are dropped first and built again after,
   * in the caller's transaction: one sort instead of a million inserts into the middle of B-trees.
   */
  insertMany(entries: Iterable<NewReviewEntry>, expected: number): number {
    const indexes =
      expected >= 20_000
        ? (this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'revlog' AND sql IS NOT NULL").all() as {
            name: string;
            sql: string;
          }[])
        : [];
    for (const i of indexes) this.db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
    // A small page cache while the rows go in and the indexes are built (page-cache.ts): besides
    // the faults it saves, SQLite's sorter cuts its runs to the cache's size, and small runs sort
    // within the processor's caches where 32 MB ones do not (the five indexes over a million rows:
    // 2.6 -> 2.0 s CPU; with the inserts and the commit, 600,000 rows 4.5-4.8 -> 4.25-4.3 s).
    const insert = () => this.insertRows(entries, indexes);
    return indexes.length > 0 ? writingOnce(this.db, insert) : insert();
  }

  /** insertMany's rows, and then `indexes` built again. */
  private insertRows(entries: Iterable<NewReviewEntry>, indexes: readonly { sql: string }[]): number {
    let n = 0;
    // The rows waiting for their statement: all imported ones (of one device) or all others, in order.
    const values: unknown[] = [];
    let imported = false;
    let device = '';
    const insertWaiting = () => {
      const width = imported ? IMPORTED_WIDTH : REVLOG_COLUMNS.length;
      for (let i = 0; i < values.length; i += width) {
        const row = values.slice(i, i + width);
        if (imported) this.sql(INSERT_IMPORTED_ONE).run(row, { device });
        else this.sql(INSERT_ONE).run(row);
      }
      values.length = 0;
    };
    for (const e of entries) {
      const line = this.record(e);
      const kind = isImported(e, line);
      if (values.length > 0 && (kind !== imported || (kind && line.device !== device))) insertWaiting();
      imported = kind;
      device = line.device;
      n++;
      if (imported) {
        importedValues(values, e, line.id);
        if (values.length === INSERT_ROWS * IMPORTED_WIDTH) {
          this.sql(INSERT_IMPORTED_MANY).run(values, { device });
          values.length = 0;
        }
      } else {
        rowValues(values, e, line.id, line.device, line.source, e.given === true);
        if (values.length === INSERT_ROWS * REVLOG_COLUMNS.length) {
          this.sql(INSERT_MANY).run(values);
          values.length = 0;
        }
      }
    }
    insertWaiting();
    for (const i of indexes) this.db.exec(i.sql);
    return n;
  }

  /**
   * Take an answer back at `at`: delete it and queue the journal's undo line naming it (inside a
   * write transaction). The caller writes the card's state.
   */
  undo(e: ReviewEntry, at: Date): void {
    this.sql('DELETE FROM revlog WHERE id = ?').run(e.id);
    this.journal.record({ kind: 'action', at, card: e.card, action: 'undo', answer: e.uid ?? `${e.device ?? 'unknown'}:${e.id}` });
  }

  /**
   * Whether study state from before the journal still waits for its lines: answers without a line
   * id, or the old suspensions (at no cost once there are none).
   */
  hasUnjournaled(): boolean {
    return (
      this.sql('SELECT 1 FROM revlog INDEXED BY revlog_unjournaled WHERE uid IS NULL LIMIT 1').get() !== undefined ||
      this.sql(`SELECT 1 FROM meta WHERE key = 'journal_old_flags'`).get() !== undefined
    );
  }

  /** The most recent answer given on this device, if any (what `undo` takes back). */
  lastOfDevice(device: string, opts: { ownOnly?: boolean } = {}): ReviewEntry | undefined {
    // ownOnly: answers given here, not history an import brought in (an Anki package's review log).
    const row = (
      opts.ownOnly
        ? this.sql("SELECT * FROM revlog WHERE device = ? AND origin IS NOT 'import' ORDER BY id DESC LIMIT 1").get(device)
        : this.sql('SELECT * FROM revlog WHERE device = ? ORDER BY id DESC LIMIT 1').get(device)
    ) as RevlogRow | undefined;
    return row && entryFromRow(row);
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

  /** A card's answers, oldest first. */
  history(card: string): ReviewEntry[] {
    return (this.sql('SELECT * FROM revlog WHERE card = ? ORDER BY at, uid, id').all(card) as RevlogRow[]).map(entryFromRow);
  }

  /** New cards introduced and review cards answered since `since`, per deck. */
  /** The notes answered since `since` (today's: their siblings wait, SPEC §5). */
  notesSince(since: Date): Set<string> {
    return new Set(this.sql('SELECT DISTINCT note FROM revlog WHERE at >= ?').pluck().all(since.getTime()) as string[]);
  }

  doneSince(since: Date): DoneByDeck[] {
    return this.sql(
      `SELECT deck, sum(prev_state = 'new') AS newDone, sum(prev_state = 'review') AS reviewDone
         FROM revlog WHERE at >= ? GROUP BY deck`,
    ).all(since.getTime()) as DoneByDeck[];
  }
}
