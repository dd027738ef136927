/**
 * The collection's database, as one object with a part per concern. Everything SQL lives in
 * store/; the rest of the program calls these intent-named methods.
 */
import { CardQueries } from './cards.js';
import { HistoryQueries } from './history.js';
import { Journal } from './journal.js';
import { MetaQueries } from './meta.js';
import { NoteQueries } from './notes.js';
import { UserError } from '../errors.js';
import { fileIdentity, isReadOnlyCopy, openDatabase, type Db, type OpenOptions } from './open.js';
import { readingOnce, writingOnce } from './page-cache.js';
import { QuizQueries } from './quiz.js';
import { RevlogQueries } from './revlog.js';
import { StatsQueries } from './stats.js';
import { SyncQueries } from './sync.js';

/** Commits between two checkpoints (an answer writes about a dozen 16 KB pages to the WAL). */
const CHECKPOINT_EVERY = 32;

export class Store {
  readonly cards: CardQueries;
  readonly notes: NoteQueries;
  readonly revlog: RevlogQueries;
  readonly sync: SyncQueries;
  readonly meta: MetaQueries;
  readonly quiz: QuizQueries;
  readonly stats: StatsQueries;
  /** the review journal's files (SPEC §8): written by writeTransaction, see journal.ts */
  readonly journal: Journal;
  readonly history: HistoryQueries;
  /** the database file this store opened (device:inode), when it is a file */
  private readonly identity: string | undefined;
  private commitsSinceCheckpoint = 0;
  private checkpointPending = false;

  constructor(private readonly db: Db) {
    this.identity = db.memory ? undefined : fileIdentity(db.name);
    this.journal = new Journal(db);
    this.cards = new CardQueries(db, this.journal);
    this.notes = new NoteQueries(db);
    this.revlog = new RevlogQueries(db, this.journal);
    this.sync = new SyncQueries(db);
    this.meta = new MetaQueries(db);
    this.quiz = new QuizQueries(db);
    this.stats = new StatsQueries(db);
    this.history = new HistoryQueries(db);
  }

  /**
   * Run `fn` in a write transaction taken at the start (BEGIN IMMEDIATE), so that what it reads
   * cannot change before it writes: two processes answering one card apply one after the other.
   * This is where the journal is written (SPEC §8): the lines the changes of study state queued are
   * appended to history/ just before COMMIT, and taken back if the commit fails. Inside another
   * transaction it is a savepoint, and the lines wait for the outermost one.
   */
  writeTransaction<T>(fn: () => T): T {
    if (this.db.inTransaction) {
      const mark = this.journal.mark();
      this.journal.savepoints++;
      try {
        return this.db.transaction(fn).immediate();
      } catch (err) {
        this.journal.dropSince(mark);
        throw err;
      } finally {
        this.journal.savepoints--;
      }
    }
    this.checkFile();
    let committed = false;
    try {
      const out = this.db
        .transaction(() => {
          const r = fn();
          this.journal.flush();
          return r;
        })
        .immediate();
      committed = true;
      return out;
    } finally {
      this.journal.settle(committed);
      if (committed) this.checkpointSoon();
    }
  }

  /**
   * After a commit: copy the WAL back into the database file once the work in hand is done (the
   * next turn of the event loop: after the next card is on screen, or while a script waits), every
   * CHECKPOINT_EVERY commits. Done inside the commit, as SQLite does by itself, it costs the one
   * answer in a hundred that crosses the limit tens of milliseconds of fsync. A checkpoint changes
   * nothing in what is committed: it only moves committed pages from one file to the other.
   */
  private checkpointSoon(): void {
    if (++this.commitsSinceCheckpoint < CHECKPOINT_EVERY || this.checkpointPending) return;
    this.checkpointPending = true;
    setImmediate(() => {
      this.checkpointPending = false;
      if (!this.db.open || this.db.inTransaction) return;
      this.commitsSinceCheckpoint = 0;
      try {
        this.db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy or failing: SQLite's own checkpoint (open.ts) or the next one does it.
      }
    }).unref();
  }

  /** `fn`, a pass over pages it reads once (counting today's queues), with a small page cache (page-cache.ts). */
  readingOnce<T>(fn: () => T): T {
    return readingOnce(this.db, fn);
  }

  /** `fn`, a write that changes each page it touches about once (a replay of new journal lines in key order), likewise. */
  writingOnce<T>(fn: () => T): T {
    return writingOnce(this.db, fn);
  }

  /**
   * Refuse to write into a database file that is no longer the collection's: deleted, or replaced
   * by another file (a copy put in its place), while this command ran. Written there, an answer
   * would be acknowledged and then lost with the file. (`restore` copies into the same file, which
   * stays.)
   */
  private checkFile(): void {
    if (this.identity === undefined || fileIdentity(this.db.name) === this.identity) return;
    throw new UserError(
      `the collection's database ${this.db.name} was deleted or replaced while llmcards was running; nothing was recorded (run the command again)`,
    );
  }

  /**
   * A write transaction that spans awaits (a sync reading files in a worker): BEGIN IMMEDIATE now,
   * then exactly one of `commit` or `rollback`. Nothing else may use the store meanwhile.
   */
  beginWrite(): void {
    this.checkFile();
    this.db.exec('BEGIN IMMEDIATE');
  }

  commit(): void {
    let committed = false;
    try {
      this.journal.flush();
      this.db.exec('COMMIT');
      committed = true;
    } finally {
      this.journal.settle(committed);
      if (committed) this.checkpointSoon();
    }
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.journal.settle(false);
  }

  /** A consistent copy of the database at `path` (VACUUM INTO: compact, and safe while others write). */
  backupTo(path: string): void {
    this.db.prepare('VACUUM INTO ?').run(path);
  }

  /** `PRAGMA integrity_check`: 'ok' for a sound database. */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check', { simple: true }) as string) ?? 'ok';
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The collection is on a read-only file system: read from a copy, nothing can be recorded. */
  get readOnly(): boolean {
    return isReadOnlyCopy(this.db);
  }
}

/** Open the database in `dataDir` (creating and migrating it as needed). */
export function openStore(dataDir: string, opts: OpenOptions): Store {
  return new Store(openDatabase(dataDir, opts));
}
