/**
 * Opening the collection's database: WAL so a review and a script can work side by side, a busy
 * timeout so "database is locked" never reaches the user, and migrations (with a backup first).
 */
import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';
import { nativeBinding } from './native.js';
import { CACHE_KIB } from './page-cache.js';
import { schemaDifference } from './schema-check.js';

export type Db = Database.Database;

export const DB_FILE = 'llmcards.db';

const PAGE_SIZE = 16_384;

/** SQLite's own checkpoint, as a bound only (see openDatabase): 4,000 pages of 16 KB. */
const WAL_AUTOCHECKPOINT_PAGES = 4000;

/** How long a write waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** stamps the name of the pre-migration backup */
  now: Date;
}

/**
 * Open (creating if needed) `<dataDir>/llmcards.db` at the latest schema. Throws UserError when
 * the file is not an SQLite database, comes from a newer llmcards, or cannot be written.
 */
export function openDatabase(dataDir: string, opts: OpenOptions): Db {
  const path = join(dataDir, DB_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create ${dataDir}: ${reason(err)}`);
  }
  // On a read-only file system (a read-only mount, a CD) SQLite cannot open a WAL database at all,
  // not even to read it: a copy is read instead, and nothing can be recorded (isReadOnlyCopy).
  if (onReadOnlyFileSystem(dataDir) && (statSync(path, { throwIfNoEntry: false })?.size ?? 0) > 0) return openReadOnlyCopy(path);
  let db: Db;
  try {
    const addon = nativeBinding();
    db = new Database(path, addon ? { timeout: BUSY_TIMEOUT_MS, nativeBinding: addon } : { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new UserError(`cannot open ${path}: ${reason(err)}`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) {
      throw new UserError(
        `${path} was written by a newer llmcards (schema ${version}; this one knows up to ${LATEST_VERSION}): upgrade llmcards; the file was not changed`,
      );
    }
    // Before anything is changed (not even the journal mode): the file must be ours.
    // (Tables with version 0 may also be another process's first migration, committed just now.)
    const foreign =
      version === 0
        ? otherProgramsTables(db) && (db.pragma('user_version', { simple: true }) === 0 ? otherProgramsTables(db) : undefined)
        : schemaDifference(db, version, version === LATEST_VERSION);
    if (foreign)
      throw new UserError(
        `cannot use ${path}: it is not an llmcards database (${foreign}); the file was not changed (restore one of data/backups with: llmcards restore FILE)`,
      );
    // A new database gets 16 KB pages (SQLite's default is 4 KB): a first sync of a large collection
    // writes and rereads tens of thousands of pages, and bigger ones need a fifth of the system calls
    // (measured on 100,000 cards). It must be set before the first table and before WAL.
    if (version === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
    useWal(db);
    // NORMAL in WAL mode: a commit survives the process being killed at any moment (SPEC §7);
    // only a power cut can lose the last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    // Checkpoints (copying the WAL back into the file, with two fsyncs) are what made one answer
    // in a hundred slow: SQLite runs them inside the commit that crosses the limit. The store runs
    // them after the command's work instead (Store.writeTransaction); this limit only bounds a WAL
    // that a long run of writes without a pause lets grow.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('foreign_keys = ON');
    if (version < LATEST_VERSION) migrate(db, dataDir, version, opts.now);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot use ${path}: ${reason(err)}`);
  }
}

function onReadOnlyFileSystem(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EROFS';
  }
}

/** Databases opened from a copy because their own folder is read-only: their copies' folders. */
const readOnlyCopies = new Map<Db, string>();

/** Whether this database is a read-only copy of a collection on a read-only file system. */
export function isReadOnlyCopy(db: Db): boolean {
  return readOnlyCopies.has(db);
}

function openReadOnlyCopy(path: string): Db {
  const dir = mkdtempSync(join(tmpdir(), 'llmcards-readonly-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const copy = join(dir, DB_FILE);
  try {
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  } catch (err) {
    throw new UserError(`cannot read ${path}: ${reason(err)}`);
  }
  let db: Db;
  try {
    const addon = nativeBinding();
    const o = { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS };
    db = new Database(copy, addon ? { ...o, nativeBinding: addon } : o);
  } catch (err) {
    throw new UserError(`cannot open ${path}: ${reason(err)}`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== LATEST_VERSION) {
      throw new UserError(
        `cannot use ${path}: it is on a read-only file system and needs ${version > LATEST_VERSION ? 'a newer llmcards' : `upgrading to this llmcards (schema ${LATEST_VERSION}), which writes it`}`,
      );
    }
    const foreign = schemaDifference(db, version, true);
    if (foreign) throw new UserError(`cannot use ${path}: it is not an llmcards database (${foreign}); the file was not changed`);
  } catch (err) {
    db.close();
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot use ${path}: ${reason(err)}`);
  }
  readOnlyCopies.set(db, dir);
  return db;
}

/**
 * Switch the database to WAL (it stays so). SQLite does not wait for a busy database here: when two
 * processes open a new collection at once, one switching while the other reads gets "database is
 * locked" at once. So wait a little and look again (the other one may have switched it), up to the
 * busy timeout.
 */
function useWal(db: Db): void {
  for (let waited = 0; ; waited += WAL_RETRY_MS) {
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || waited >= BUSY_TIMEOUT_MS) throw err;
      Atomics.wait(SLEEPER, 0, 0, WAL_RETRY_MS);
    }
  }
}

const WAL_RETRY_MS = 20;
/** Something to wait on: a synchronous pause without a clock. */
const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/** An empty database becomes a collection; one holding another program's tables does not. */
function otherProgramsTables(db: Db): string | undefined {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' LIMIT 4").all() as { name: string }[]).map(
    (r) => r.name,
  );
  return names.length > 0 ? `it holds tables of another program: ${names.join(', ')}` : undefined;
}

function migrate(db: Db, dataDir: string, from: number, now: Date): void {
  if (from > 0) backupBeforeMigration(db, dataDir, from, now);
  // IMMEDIATE: a second process opening a fresh collection at the same moment waits here and then
  // finds the work done.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

function backupBeforeMigration(db: Db, dataDir: string, from: number, now: Date): void {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = join(dir, `llmcards-schema${from}-${stamp}.db`);
  for (let i = 2; existsSync(target); i++) target = join(dir, `llmcards-schema${from}-${stamp}-${i}.db`);
  db.prepare('VACUUM INTO ?').run(target);
}

/** Which file is at `path` now (device and inode), or undefined when none is: to notice a database deleted or replaced under a running command. */
export function fileIdentity(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** The reason of a file-system or SQLite error, in words a person understands. */
export function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'SQLITE_NOTADB':
      return 'the file is not an SQLite database';
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_CANTOPEN':
    case 'EACCES':
    case 'EROFS':
    case 'EPERM':
      return 'permission denied or read-only file system';
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return 'the disk is full';
    case 'SQLITE_CORRUPT':
      return 'the database file is corrupt';
    default:
      return (e.message ?? String(err)).toLowerCase();
  }
}

export interface DatabaseInfo {
  version: number;
  cards: number;
  reviews: number;
}

/**
 * What a database file holds, read without changing it; throws UserError when it is not an intact
 * llmcards database this version can use (for `restore`).
 */
export function inspectDatabase(path: string): DatabaseInfo {
  let db: Db;
  try {
    const addon = nativeBinding();
    db = new Database(path, addon ? { readonly: true, fileMustExist: true, nativeBinding: addon } : { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new UserError(`cannot open ${path}: ${reason(err)}`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) throw new UserError(`${path} is not an llmcards database`);
    if (version > LATEST_VERSION) throw new UserError(`${path} was written by a newer llmcards (schema ${version}; this one knows up to ${LATEST_VERSION})`);
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') throw new UserError(`${path} is damaged (integrity check: ${integrity})`);
    const foreign = schemaDifference(db, version);
    if (foreign) throw new UserError(`${path} is not an llmcards database as llmcards makes it: ${foreign}`);
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { version, cards: count('cards'), reviews: count('revlog') };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${path} is not an llmcards database: ${reason(err)}`);
  } finally {
    db.close();
  }
}

/**
 * Copy the database at `source` over the one at `target` through SQLite's online backup, which
 * takes the target's locks like any writer: a process that has the collection open sees the
 * restored data, and its later writes go into it (deleting the file under it would lose them).
 */
export async function copyDatabaseInto(source: string, target: string): Promise<void> {
  const addon = nativeBinding();
  const src = new Database(source, addon ? { readonly: true, fileMustExist: true, nativeBinding: addon } : { readonly: true, fileMustExist: true });
  try {
    await src.backup(target);
  } catch (err) {
    throw new UserError(`cannot restore into ${target}: ${reason(err)}`);
  } finally {
    src.close();
  }
}
