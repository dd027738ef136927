/**
 * The review journal (SPEC §8): every change of study state as one line of JSON in
 * `history/<device>/<YYYY-MM>.jsonl`, the text that travels with the decks in git. This file is the
 * line format only — what a line holds, how it is written and read back — with no files and no SQL.
 *
 * Lines (fields in this order; `v` is the format's version, so that an older llmcards can tell a
 * line it does not understand from a broken one):
 *   {"v":1,"id","at","device","card","rating","duration_ms","source"}            an answer
 *   {"v":1,"id","at","device","card","action"}                                   suspend | unsuspend
 *   {"v":1,"id","at","device","card","action":"bury","until"}                    hidden until `until`
 *   {"v":1,"id","at","device","card","action":"undo","answer":ID}                the answer taken back
 * An answer may also carry `"mode":"practice"` (a practice session with --schedule) and, for
 * `source: import`, `"state":{…}`: the card's state after it as the program it came from had it,
 * which a replay then takes as given instead of computing it.
 */
import { isoTime } from './iso-time.js';
import { RATINGS, STATES, type Rating } from './states.js';
import type { MemoryState } from './scheduler.js';

export const JOURNAL_VERSION = 1;

/** Where an answer came from (SPEC §8). */
export const JOURNAL_SOURCES = ['review', 'answer', 'quiz', 'import'] as const;
export type JournalSource = (typeof JOURNAL_SOURCES)[number];

export const JOURNAL_ACTIONS = ['suspend', 'unsuspend', 'bury', 'undo'] as const;
export type JournalAction = (typeof JOURNAL_ACTIONS)[number];

export interface AnswerLine {
  kind: 'answer';
  id: string;
  at: Date;
  device: string;
  card: string;
  rating: Rating;
  durationMs: number | null;
  source: JournalSource;
  /** answered in a practice session (the review log keeps it apart, as Anki's "filtered" reviews) */
  practice?: boolean;
  /** import only: the card's state after this answer, taken as given by a replay */
  state?: MemoryState;
}

export interface ActionLine {
  kind: 'action';
  id: string;
  at: Date;
  device: string;
  card: string;
  action: JournalAction;
  /** undo: the id of the answer taken back */
  answer?: string;
  /** bury: when the card comes back */
  until?: Date;
}

export type JournalLine = AnswerLine | ActionLine;

/** A line without its id and device, which the journal's writer fills in. */
export type NewJournalLine = Omit<AnswerLine, 'id' | 'device'> | Omit<ActionLine, 'id' | 'device'>;

/** What a device may be called: a folder name on every system, and part of every line's id. */
const DEVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Whether `name` can name a device (letters, digits, `.`, `_`, `-`; up to 64; not starting with a dot). */
export function isDeviceName(name: string): boolean {
  return DEVICE_NAME.test(name);
}

/**
 * The default name of this machine: its host name made safe for a folder, plus a short suffix from
 * `random` (0 ≤ random < 2^31), so that two clones on one host, or two hosts of the same name, differ.
 */
export function defaultDeviceName(hostName: string, random: number): string {
  const host =
    hostName
      .split('.')[0]!
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '')
      .slice(0, 40) || 'device';
  const suffix = (Math.floor(Math.abs(random)) % 36 ** 4).toString(36).padStart(4, '0');
  return `${host}-${suffix}`;
}

/** The id of a device's `seq`-th line: unique across devices because device names are. */
export function lineId(device: string, seq: number): string {
  return `${device}:${seq}`;
}

/** The sequence number in an id this device wrote, or null for another form. */
export function seqOfId(id: string, device: string): number | null {
  if (!id.startsWith(`${device}:`)) return null;
  const n = Number(id.slice(device.length + 1));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** The journal file of a line, relative to `history/`: the device's folder, the month (UTC) of `at`. */
export function journalFile(device: string, at: Date): string {
  return `${device}/${isoTime(at.getTime()).slice(0, 7)}.jsonl`;
}

/** Order of lines in a replay: by time, then by id (the same on every machine). */
export function compareLines(a: { at: Date; id: string }, b: { at: Date; id: string }): number {
  const d = a.at.getTime() - b.at.getTime();
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A number as JSON.stringify writes it (non-finite numbers as null). */
const num = (n: number | null) => (n !== null && Number.isFinite(n) ? String(n) : 'null');

/**
 * The line's text, with its newline. An answer's line is put together by hand, in the order and
 * form JSON.stringify gives (test/core/journal.test.ts holds the two to each other): an import
 * writes a million of them, and building an object per line to stringify it took most of its time.
 */
export function formatLine(l: JournalLine): string {
  if (l.kind === 'answer') {
    let s = `{"v":${JOURNAL_VERSION},"id":${JSON.stringify(l.id)},"at":"${isoTime(l.at.getTime())}","device":${JSON.stringify(l.device)},"card":${JSON.stringify(l.card)},"rating":"${l.rating}","duration_ms":${num(l.durationMs)},"source":"${l.source}"`;
    if (l.practice) s += ',"mode":"practice"';
    const m = l.state;
    if (m)
      s += `,"state":{"state":"${m.state}","due":${m.due ? `"${isoTime(m.due.getTime())}"` : 'null'},"stability":${num(m.stability)},"difficulty":${num(m.difficulty)},"scheduled_days":${num(m.scheduledDays)},"learning_steps":${num(m.learningSteps)},"reps":${num(m.reps)},"lapses":${num(m.lapses)}}`;
    return `${s}}\n`;
  }
  const head = { v: JOURNAL_VERSION, id: l.id, at: isoTime(l.at.getTime()), device: l.device, card: l.card };
  const o: Record<string, unknown> = { ...head, action: l.action };
  if (l.answer !== undefined) o.answer = l.answer;
  if (l.until) o.until = isoTime(l.until.getTime());
  return `${JSON.stringify(o)}\n`;
}

export type ParsedLine = { ok: true; line: JournalLine } | { ok: false; newer: boolean; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
function dateOf(v: unknown): Date | null {
  if (typeof v !== 'string' || !ISO.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}
// `<deck>/<note id>:<template>` (core/cards.ts parseCardKey; not imported, to keep this file small on start-up)
const CARD_KEY = /^.+\/[^/]+:[^:/]+$/;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function stateOf(v: unknown): MemoryState | null {
  if (!isObject(v) || !(STATES as readonly string[]).includes(v.state as string)) return null;
  const due = v.due === null ? null : dateOf(v.due);
  if (v.state !== 'new' && !due) return null;
  for (const k of ['stability', 'difficulty', 'scheduled_days', 'learning_steps', 'reps', 'lapses']) if (!finite(v[k]) || (v[k] as number) < 0) return null;
  return {
    state: v.state as MemoryState['state'],
    due,
    stability: v.stability as number,
    difficulty: v.difficulty as number,
    scheduledDays: v.scheduled_days as number,
    learningSteps: v.learning_steps as number,
    reps: v.reps as number,
    lapses: v.lapses as number,
    lastReview: null,
  };
}

/**
 * Read one line of a journal. A line from a newer version of the format (`v` above ours) is
 * refused as such (`newer`), so that it can be reported apart from a broken one; fields this
 * version does not know are ignored.
 */
export function parseLine(text: string): ParsedLine {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return { ok: false, newer: false, message: 'not JSON' };
  }
  if (!isObject(o)) return { ok: false, newer: false, message: 'not a JSON object' };
  const v = o.v ?? JOURNAL_VERSION;
  if (!Number.isInteger(v) || (v as number) < 1) return { ok: false, newer: false, message: `bad version ${JSON.stringify(o.v)}` };
  if ((v as number) > JOURNAL_VERSION)
    return { ok: false, newer: true, message: `written by a newer llmcards (journal version ${v as number}; this one reads ${JOURNAL_VERSION})` };
  const at = dateOf(o.at);
  if (typeof o.id !== 'string' || o.id === '') return { ok: false, newer: false, message: 'no "id"' };
  if (!at) return { ok: false, newer: false, message: `bad "at" ${JSON.stringify(o.at)}` };
  if (typeof o.device !== 'string' || !isDeviceName(o.device)) return { ok: false, newer: false, message: `bad "device" ${JSON.stringify(o.device)}` };
  if (typeof o.card !== 'string' || !CARD_KEY.test(o.card)) return { ok: false, newer: false, message: `bad "card" ${JSON.stringify(o.card)}` };
  const head = { id: o.id, at, device: o.device, card: o.card };
  if (o.rating !== undefined) {
    if (!(RATINGS as readonly string[]).includes(o.rating as string)) return { ok: false, newer: false, message: `bad "rating" ${JSON.stringify(o.rating)}` };
    if (!(JOURNAL_SOURCES as readonly string[]).includes(o.source as string))
      return { ok: false, newer: false, message: `bad "source" ${JSON.stringify(o.source)}` };
    const d = o.duration_ms;
    if (d !== null && d !== undefined && (!finite(d) || d < 0)) return { ok: false, newer: false, message: `bad "duration_ms" ${JSON.stringify(d)}` };
    const line: AnswerLine = {
      kind: 'answer',
      ...head,
      rating: o.rating as Rating,
      durationMs: finite(d) ? Math.round(d) : null,
      source: o.source as JournalSource,
    };
    if (o.mode === 'practice') line.practice = true;
    if (o.state !== undefined && line.source === 'import') {
      const state = stateOf(o.state);
      if (!state) return { ok: false, newer: false, message: 'bad "state"' };
      line.state = state;
    }
    return { ok: true, line };
  }
  if (!(JOURNAL_ACTIONS as readonly string[]).includes(o.action as string))
    return { ok: false, newer: false, message: o.action === undefined ? 'neither "rating" nor "action"' : `bad "action" ${JSON.stringify(o.action)}` };
  const line: ActionLine = { kind: 'action', ...head, action: o.action as JournalAction };
  if (line.action === 'undo') {
    if (typeof o.answer !== 'string' || o.answer === '') return { ok: false, newer: false, message: 'an undo without "answer"' };
    line.answer = o.answer;
  }
  if (line.action === 'bury') {
    const until = dateOf(o.until);
    if (!until) return { ok: false, newer: false, message: 'a bury without "until"' };
    line.until = until;
  }
  return { ok: true, line };
}
