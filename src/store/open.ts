/**
 * Opening the collection's database: WAL so a review and a script can work side by side, a busy
 * timeout so "database is locked" never reaches the user, and migrations (with a backup first).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export const DB_FILE = 'llmcards.db';

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
  let db: Db;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
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
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (version < LATEST_VERSION) migrate(db, dataDir, version, opts.now);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot use ${path}: ${reason(err)}`);
  }
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
