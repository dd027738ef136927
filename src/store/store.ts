/**
 * The collection's database, as one object with a part per concern. Everything SQL lives in
 * store/; the rest of the program calls these intent-named methods.
 */
import { CardQueries } from './cards.js';
import { MetaQueries } from './meta.js';
import { NoteQueries } from './notes.js';
import { UserError } from '../errors.js';
import { fileIdentity, openDatabase, type Db, type OpenOptions } from './open.js';
import { QuizQueries } from './quiz.js';
import { RevlogQueries } from './revlog.js';
import { StatsQueries } from './stats.js';
import { SyncQueries } from './sync.js';

export class Store {
  readonly cards: CardQueries;
  readonly notes: NoteQueries;
  readonly revlog: RevlogQueries;
  readonly sync: SyncQueries;
  readonly meta: MetaQueries;
  readonly quiz: QuizQueries;
  readonly stats: StatsQueries;
  /** the database file this store opened (device:inode), when it is a file */
  private readonly identity: string | undefined;

  constructor(private readonly db: Db) {
    this.identity = db.memory ? undefined : fileIdentity(db.name);
    this.cards = new CardQueries(db);
    this.notes = new NoteQueries(db);
    this.revlog = new RevlogQueries(db);
    this.sync = new SyncQueries(db);
    this.meta = new MetaQueries(db);
    this.quiz = new QuizQueries(db);
    this.stats = new StatsQueries(db);
  }

  /**
   * Run `fn` in a write transaction taken at the start (BEGIN IMMEDIATE), so that what it reads
   * cannot change before it writes: two processes answering one card apply one after the other.
   */
  writeTransaction<T>(fn: () => T): T {
    this.checkFile();
    return this.db.transaction(fn).immediate();
  }

  /**
   * Refuse to write into a database file that is no longer the collection's: deleted, or replaced
   * by another file (a copy put in its place), while this command ran. Written there, an answer
   * would be acknowledged and then lost with the file. (`restore` copies into the same file, which
   * stays.)
   */
  private checkFile(): void {
    if (this.identity === undefined || fileIdentity(this.db.name) === this.identity) return;
    throw new UserError(`the collection's database ${this.db.name} was deleted or replaced while llmcards was running; nothing was recorded (run the command again)`);
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
    this.db.exec('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
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
}

/** Open the database in `dataDir` (creating and migrating it as needed). */
export function openStore(dataDir: string, opts: OpenOptions): Store {
  return new Store(openDatabase(dataDir, opts));
}
