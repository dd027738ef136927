/**
 * The global options of SPEC §4 (`--home`, `--now`, `--json`, `--no-color`, `--lang`), parsed and
 * checked once for every command.
 */
import { UsageError } from '../errors.js';
import { LANGS, type Lang } from '../core/text.js';

export interface GlobalOptions {
  home?: string;
  now?: string;
  json?: boolean;
  color?: boolean;
  lang?: string;
  quiet?: boolean;
}

/** What a command needs from the outside world, supplied by main.ts (or a test). */
export interface CliDeps {
  io: import('./io.js').Io;
  cwd: string;
  /** environment variables (LLMCARDS_HOME, LLMCARDS_NOW, NO_COLOR, EDITOR, …) */
  env: Readonly<Record<string, string | undefined>>;
  /** the package folder: default collection, and the bundled decks `init` copies */
  packageHome: string;
  /** the system clock: only called when neither --now nor LLMCARDS_NOW is given */
  systemNow: () => Date;
  /** the local time zone's offset in minutes east of UTC at a moment */
  offsetAt: (at: Date) => number;
  /** the terminal's streams, for the interactive commands */
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** a monotonic clock in milliseconds, for durations (never for scheduling) */
  elapsedMs: () => number;
  /** a fresh random seed, for quizzes without --seed */
  randomSeed: () => number;
  /** this machine's host name (the default device name of a new collection, SPEC §8) */
  hostName?: () => string;
  version: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A moment from an ISO-8601 string (`2026-03-01T08:00:00Z`, `2026-03-01T08:00+08:00`,
 * `2026-03-01`). Throws UsageError for anything else, including impossible dates.
 */
export function parseNow(text: string, source = '--now'): Date {
  const m = ISO.exec(text.trim());
  const d = m ? new Date(normalizeIso(text.trim())) : null;
  const valid =
    m &&
    d &&
    !Number.isNaN(d.getTime()) &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= 12 &&
    Number(m[3]) >= 1 &&
    Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2])) &&
    (m[4] === undefined || (Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6] ?? 0) <= 59));
  if (!valid) throw new UsageError(`invalid ${source} "${text}": give an ISO-8601 date such as 2026-03-01T08:00:00Z`);
  return d;
}

function normalizeIso(s: string): string {
  // JavaScript wants "T" and a colon in the offset.
  return s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseLang(text: string): Lang {
  if ((LANGS as readonly string[]).includes(text)) return text as Lang;
  throw new UsageError(`invalid --lang "${text}": use en, zh or both`);
}

/** A whole number option (`--limit 10`); UsageError naming the option otherwise. */
export function parseCount(text: string, option: string, min = 0): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`invalid ${option} "${text}": give a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  }
  return Number(text);
}
