/**
 * Backups (issue 8): a copy of the database in data/backups/ at most once a day (the last
 * `backups_keep` kept), `llmcards backup` on demand, and `llmcards restore FILE`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { copyDatabaseInto, inspectDatabase, DB_FILE, type DatabaseInfo } from '../store/open.js';
import { openStore } from '../store/store.js';
import { UserError } from '../errors.js';
import { today, type AppContext } from './context.js';

const DAILY = /^llmcards-\d{4}-\d{2}-\d{2}\.db$/;

export interface BackupResult {
  file: string;
  /** daily copies removed to keep `backups_keep` */
  removed: string[];
}

function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** Copy the database now. `daily` names it by the study day (one a day) and prunes old ones. */
export function backupNow(ctx: AppContext, daily = false): BackupResult {
  const dir = backupsDir(ctx.dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot create ${dir}: ${(err as Error).message}`);
  }
  const name = daily ? `llmcards-${today(ctx).date}.db` : `llmcards-${ctx.now.toISOString().replace(/[:.]/g, '-')}.db`;
  const file = join(dir, name);
  const tmp = `${file}.tmp`;
  rmSync(tmp, { force: true });
  ctx.store.backupTo(tmp);
  renameSync(tmp, file);
  const removed: string[] = [];
  if (daily) {
    const dailies = readdirSync(dir)
      .filter((f) => DAILY.test(f))
      .sort();
    for (const old of dailies.slice(0, Math.max(0, dailies.length - ctx.settings.backups_keep))) {
      rmSync(join(dir, old), { force: true });
      removed.push(old);
    }
  }
  return { file, removed };
}

/**
 * The daily backup: at most once per study day, only once there is history to lose, never when
 * `backups_keep` is 0. Failures are reported as a warning, never in the way of studying.
 */
export function autoBackup(ctx: AppContext): void {
  if (ctx.settings.backups_keep <= 0) return;
  const day = today(ctx).date;
  if (ctx.store.meta.get('last_backup_day') === day || !ctx.store.revlog.last()) return;
  try {
    backupNow(ctx, true);
    ctx.store.meta.set('last_backup_day', day);
  } catch (err) {
    ctx.warnings.push(`warning: the daily backup failed: ${(err as Error).message}`);
  }
}

export interface RestoreResult {
  restored: string;
  previous: string | null;
  info: DatabaseInfo;
}

/**
 * Replace the collection's database with a backup. The file is checked first (an intact llmcards
 * database, not newer than this version); the current database is itself backed up; then the
 * backup is copied in through SQLite, so that other processes with the collection open see it.
 */
export async function restoreBackup(home: string, from: string, now: Date, cwd: string): Promise<RestoreResult> {
  const dataDir = join(home, 'data');
  const source = resolve(cwd, from);
  if (!existsSync(source)) throw new UserError(`no such file: ${from}`);
  const info = inspectDatabase(source);
  const target = join(dataDir, DB_FILE);
  let previous: string | null = null;
  if (existsSync(target)) {
    const store = openStore(dataDir, { now });
    try {
      const dir = backupsDir(dataDir);
      mkdirSync(dir, { recursive: true });
      const stamp = now.toISOString().replace(/[:.]/g, '-');
      previous = join(dir, `llmcards-before-restore-${stamp}.db`);
      for (let i = 2; existsSync(previous); i++) previous = join(dir, `llmcards-before-restore-${stamp}-${i}.db`);
      store.backupTo(previous);
    } finally {
      store.close();
    }
  } else {
    mkdirSync(dataDir, { recursive: true });
  }
  await copyDatabaseInto(source, target);
  // The restored file may be of an older schema: bring it up to date now, as any command would.
  openStore(dataDir, { now }).close();
  return { restored: basename(source), previous, info };
}
