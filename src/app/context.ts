/**
 * An open collection (SPEC §2): its folders, its database, its settings, and the one moment the
 * command runs at. Every use case takes an AppContext; none reads the clock or the environment.
 */
import { readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { UserError } from '../errors.js';
import { isDeviceName } from '../core/journal.js';
import { homeRefusal } from './home.js';
import { studyDay, type StudyDay, type UtcOffset } from '../core/timing.js';
import { CONFIG_FILE, DEFAULT_SETTINGS, type Settings } from '../settings.js';
import { openStore, type Store } from '../store/store.js';

/** What the entry point knows: where, when, and which language to show. */
export interface AppEnv {
  home: string;
  /** the moment the command runs at (`--now` or the system clock) */
  now: Date;
  /** `now` was fixed by --now or LLMCARDS_NOW (else it is the system clock's reading) */
  clockFixed?: boolean;
  /** the local time zone's offset */
  offsetAt: UtcOffset;
  /** for showing paths relative to where the user is */
  cwd: string;
  /** reader threads for a large sync (LLMCARDS_SYNC_READERS; tests and measurements), else chosen by CPUs */
  syncReaders?: number;
  /** the name this machine takes in a new database (SPEC §8); else one made from the time */
  newDeviceName?: () => string;
  /** a fresh random seed (the entry point's random source), for the collection's `new_order: random` seed */
  randomSeed?: () => number;
  /** progress of a long replay of the journal (a rebuild), for a bar on a terminal */
  onReplayProgress?: (done: number, total: number) => void;
}

export interface AppContext {
  env: AppEnv;
  home: string;
  decksDir: string;
  dataDir: string;
  configPath: string;
  /** the moment the command runs at; a session that lasts passes each call its own `at` */
  readonly now: Date;
  settings: Settings;
  store: Store;
  /** messages for the user (stderr), gathered while the command ran */
  warnings: string[];
  /** --seed: the seed of `new_order: random` for this command (else the collection's own) */
  seed?: number;
}

/** Bump when Settings gains a field, so that cached settings are parsed again. */
const SETTINGS_CACHE_VERSION = 3;

/** Fail unless `home` is an existing folder that can be a collection. */
export function requireHome(home: string): void {
  const refusal = homeRefusal(home);
  if (refusal) throw new UserError(refusal);
  let st;
  try {
    st = statSync(home, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot use the collection folder ${home.length > 200 ? `${home.slice(0, 200)}…` : home}: ${code === 'ENAMETOOLONG' ? 'the path is too long' : (err as Error).message}`,
    );
  }
  if (!st) throw new UserError(`collection folder ${home} does not exist (create one with: llmcards init ${home})`);
  if (!st.isDirectory()) throw new UserError(`collection folder ${home} is not a folder`);
  // (A link to /proc/self is refused like /proc/self itself.)
  const realRefusal = homeRefusal(realpathSync(home));
  if (realRefusal) throw new UserError(realRefusal);
}

/**
 * Open the collection at env.home: the database (created on first use) and the settings. The deck
 * files are not read here; see `syncDecks`.
 */
export async function openCollection(env: AppEnv): Promise<AppContext> {
  requireHome(env.home);
  const dataDir = join(env.home, 'data');
  const store = openStore(dataDir, { now: env.now });
  const configPath = join(env.home, CONFIG_FILE);
  try {
    store.journal.attach(join(env.home, HISTORY_DIR), deviceOf(store, env));
    const settings = await loadSettings(configPath, store);
    return { env, home: env.home, decksDir: join(env.home, 'decks'), dataDir, configPath, now: env.now, settings, store, warnings: [] };
  } catch (err) {
    store.close();
    throw err;
  }
}

/** The collection's journal folder (SPEC §8). */
export const HISTORY_DIR = 'history';

/**
 * This machine's device name, kept in the database (not config.yaml, which the machines share);
 * a new database takes the one the entry point proposes.
 */
function deviceOf(store: Store, env: AppEnv): string {
  const known = store.meta.get('device');
  if (known) return known;
  const proposed = env.newDeviceName?.() ?? `device-${env.now.getTime().toString(36)}`;
  if (!isDeviceName(proposed)) throw new UserError(`invalid device name "${proposed}": use letters, digits, '.', '_' and '-' (up to 64)`);
  return store.meta.setIfAbsent('device', proposed);
}

/**
 * Settings from config.yaml, through the database's cache: the YAML parser is loaded only when the
 * file changed since it was last read.
 */
async function loadSettings(configPath: string, store: Store): Promise<Settings> {
  const st = statSync(configPath, { throwIfNoEntry: false });
  if (!st) return structuredClone(DEFAULT_SETTINGS);
  const fingerprint = `${SETTINGS_CACHE_VERSION}:${st.size}:${st.mtimeMs}`;
  const cached = store.meta.get('settings');
  if (cached) {
    const { fingerprint: fp, settings } = JSON.parse(cached) as { fingerprint: string; settings: Settings };
    if (fp === fingerprint && st.isFile()) return settings;
  }
  const { parseSettings, readConfigText } = await import('../settings-file.js');
  const settings = parseSettings(readConfigText(configPath), CONFIG_FILE);
  try {
    store.meta.set('settings', JSON.stringify({ fingerprint, settings }));
  } catch {
    // A read-only database still works with settings parsed afresh each time.
  }
  return settings;
}

/** The study day `at` falls in (the command's moment unless given), by the collection's `day_starts_at`. */
export function today(ctx: AppContext, at: Date = ctx.now): StudyDay {
  return studyDay(at, ctx.settings.day_starts_at, ctx.env.offsetAt);
}

/** How to name a deck file to the user: relative to where they are when that is shorter. */
export function shownPath(ctx: Pick<AppContext, 'decksDir' | 'env'>, file: string): string {
  const abs = join(ctx.decksDir, file);
  const rel = relative(ctx.env.cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/*
 * While an import writes and loads its deck files, or a sync loads a large change (a `git pull` of
 * many decks), other commands leave those files to it: each of them would otherwise start syncing
 * the same thousands of decks itself (an `answer` during a 100,000-deck import once took three
 * minutes), and the long sync works in short transactions so that they get the write lock between
 * batches. The marker is `data/import.lock`, holding the process's id (and ` sync` for a sync); a
 * marker whose process is gone is ignored.
 */
const MARKER = 'import.lock';

/** What runs a long sync: an import writing its decks, or a sync of a large change. */
export type LongSync = 'import' | 'sync';

/** Mark a long sync as running in this process; returns the function that removes the mark. */
export function markLongSync(dataDir: string, kind: LongSync = 'import'): () => void {
  const path = join(dataDir, MARKER);
  writeFileSync(path, kind === 'import' ? String(process.pid) : `${process.pid} sync`);
  return () => rmSync(path, { force: true });
}

/** Whether another, living process is importing into the collection or syncing a large change (and which). */
export function longSyncElsewhere(dataDir: string): LongSync | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, MARKER), 'utf8');
  } catch {
    return null;
  }
  const [id, kind] = text.trim().split(' ');
  const pid = Number(id);
  if (!(Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid))) return null;
  return kind === 'sync' ? 'sync' : 'import';
}

/** Whether a process of this id exists (one of another user's counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
