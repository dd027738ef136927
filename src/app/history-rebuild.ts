/**
 * Rebuilding the study state from history/ when the database knows nothing of the journal (SPEC §8:
 * data/ deleted, a new clone): every line is new, so there is nothing to compare with, only a
 * great many lines to replay (a million for a few years of study). The lines are read a chunk at a
 * time (store/journal.ts eachLine) and the answers kept in columns, about 40 bytes a line instead
 * of an object of several hundred; then each card's answers are taken in replay order (time, then
 * id: `compareLines`) and replayed through the same step as a live answer (core/replay.ts), one
 * card at a time. The result is the one `applyLines` gives for the same lines.
 */
import { parseCardKey } from '../core/cards.js';
import { JOURNAL_SOURCES, seqOfId, type ActionLine, type JournalLine, type JournalSource } from '../core/journal.js';
import { replayCard, type ReplayEvent } from '../core/replay.js';
import type { MemoryState } from '../core/scheduler.js';
import { RATINGS, type Rating } from '../core/states.js';
import { schedulerFor } from './answer.js';
import type { AppContext } from './context.js';
import type { HistoryReport } from './history.js';
import { leechRuleOf } from './history-replay.js';

/** Report progress every this many cards. */
const PROGRESS_EVERY = 500;
/** Below this many answers the review log's indexes are kept up to date row by row. */
const BULK_ANSWERS = 20_000;
const TWO_32 = 2 ** 32;
/** A source code's bit for a practice answer. */
const PRACTICE = 0x80;

/** The lines of a rebuild: answers in columns, the few other lines as they are. */
export class RebuildLines {
  private n = 0;
  private cardOf = new Uint32Array(1 << 14);
  private atOf = new Float64Array(1 << 14);
  /** rating index (RATINGS) */
  private ratingOf = new Uint8Array(1 << 14);
  /** source index (JOURNAL_SOURCES), | PRACTICE */
  private sourceOf = new Uint8Array(1 << 14);
  /** NaN for none */
  private durationOf = new Float64Array(1 << 14);
  private deviceOf = new Uint32Array(1 << 14);
  /** the id's number (`<device>:<seq>`), or -1 when the id has another form (kept in `otherIds`) */
  private seqOf = new Float64Array(1 << 14);
  private readonly otherIds = new Map<number, string>();
  private readonly states = new Map<number, MemoryState>();
  private readonly cardKeys: string[] = [];
  private readonly cardIndex = new Map<string, number>();
  private readonly devices: string[] = [];
  private readonly deviceIndex = new Map<string, number>();
  /** ids seen, as numbers (device index × 2^32 + seq) where they have the usual form */
  private readonly seen = new Set<number>();
  private readonly seenOther = new Set<string>();
  readonly actions: ActionLine[] = [];
  /** this device's highest sequence number among the lines */
  ownSeq = 0;
  /** lines kept (duplicates of an id dropped), and of those the other devices' */
  fresh = 0;
  foreign = 0;

  constructor(private readonly own: string) {}

  add(l: JournalLine): void {
    const device = this.indexOf(this.deviceIndex, this.devices, l.device);
    const seq = seqOfId(l.id, l.device);
    if (seq !== null && seq < TWO_32) {
      const k = device * TWO_32 + seq;
      if (this.seen.has(k)) return;
      this.seen.add(k);
    } else {
      if (this.seenOther.has(l.id)) return;
      this.seenOther.add(l.id);
    }
    this.fresh++;
    if (l.device === this.own) this.ownSeq = Math.max(this.ownSeq, seq ?? 0);
    else this.foreign++;
    if (l.kind === 'action') {
      this.actions.push(l);
      return;
    }
    if (this.n === this.cardOf.length) this.grow();
    const i = this.n++;
    this.cardOf[i] = this.indexOf(this.cardIndex, this.cardKeys, l.card);
    this.atOf[i] = l.at.getTime();
    this.ratingOf[i] = RATINGS.indexOf(l.rating);
    this.sourceOf[i] = JOURNAL_SOURCES.indexOf(l.source) | (l.practice ? PRACTICE : 0);
    this.durationOf[i] = l.durationMs ?? Number.NaN;
    this.deviceOf[i] = device;
    if (seq !== null && seq < TWO_32) this.seqOf[i] = seq;
    else {
      this.seqOf[i] = -1;
      this.otherIds.set(i, l.id);
    }
    if (l.state) this.states.set(i, l.state);
  }

  private indexOf(index: Map<string, number>, list: string[], key: string): number {
    let i = index.get(key);
    if (i === undefined) {
      i = list.length;
      list.push(key);
      index.set(key, i);
    }
    return i;
  }

  private grow(): void {
    const size = this.cardOf.length * 2;
    const grown = <T extends Uint32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.cardOf = grown(this.cardOf, (n) => new Uint32Array(n));
    this.atOf = grown(this.atOf, (n) => new Float64Array(n));
    this.ratingOf = grown(this.ratingOf, (n) => new Uint8Array(n));
    this.sourceOf = grown(this.sourceOf, (n) => new Uint8Array(n));
    this.durationOf = grown(this.durationOf, (n) => new Float64Array(n));
    this.deviceOf = grown(this.deviceOf, (n) => new Uint32Array(n));
    this.seqOf = grown(this.seqOf, (n) => new Float64Array(n));
  }

  get answers(): number {
    return this.n;
  }

  /** Cards with answers. */
  get cards(): number {
    return this.cardKeys.length;
  }

  idOf(i: number): string {
    const seq = this.seqOf[i]!;
    return seq < 0 ? this.otherIds.get(i)! : `${this.devices[this.deviceOf[i]!]!}:${seq}`;
  }

  /**
   * The answers grouped by card (a counting sort), each card's in replay order: by time, then by
   * id as text (compareLines). Calls `each` with the card's key and its answers' indexes.
   */
  byCard(each: (card: string, answers: Uint32Array) => void): void {
    const cards = this.cardKeys.length;
    const starts = new Uint32Array(cards + 1);
    for (let i = 0; i < this.n; i++) starts[this.cardOf[i]! + 1]!++;
    for (let c = 0; c < cards; c++) starts[c + 1]! += starts[c]!;
    const order = new Uint32Array(this.n);
    const next = starts.slice(0, cards);
    for (let i = 0; i < this.n; i++) order[next[this.cardOf[i]!]!++] = i;
    const at = this.atOf;
    const byTime = (a: number, b: number) => {
      const d = at[a]! - at[b]!;
      if (d !== 0) return d;
      const x = this.idOf(a);
      const y = this.idOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    };
    for (let c = 0; c < cards; c++) {
      const group = order.subarray(starts[c]!, starts[c + 1]!);
      group.sort(byTime);
      each(this.cardKeys[c]!, group);
    }
  }

  /** Whether the card has answers among the lines. */
  hasAnswers(card: string): boolean {
    return this.cardIndex.has(card);
  }

  at(i: number): Date {
    return new Date(this.atOf[i]!);
  }
  rating(i: number): Rating {
    return RATINGS[this.ratingOf[i]!]!;
  }
  source(i: number): JournalSource {
    return JOURNAL_SOURCES[this.sourceOf[i]! & ~PRACTICE]!;
  }
  practice(i: number): boolean {
    return (this.sourceOf[i]! & PRACTICE) !== 0;
  }
  durationMs(i: number): number | null {
    const d = this.durationOf[i]!;
    return Number.isNaN(d) ? null : d;
  }
  device(i: number): string {
    return this.devices[this.deviceOf[i]!]!;
  }
  state(i: number): MemoryState | undefined {
    return this.states.get(i);
  }
}

/** Replay every card of `lines` into a database that knows nothing of the journal. */
export function rebuildFromLines(ctx: AppContext, lines: RebuildLines): { report: HistoryReport; read: number } {
  const h = ctx.store.history;
  const undone = new Set<string>();
  const flagsOf = new Map<string, ActionLine[]>();
  for (const l of lines.actions) {
    h.insertAction(l);
    if (l.action === 'undo') undone.add(l.answer!);
    else {
      let list = flagsOf.get(l.card);
      if (!list) flagsOf.set(l.card, (list = []));
      list.push(l);
    }
  }
  if (lines.ownSeq > 0) ctx.store.journal.raiseSeq(lines.ownSeq);
  const scheduler = schedulerFor(ctx.settings);
  const leech = leechRuleOf(ctx.settings);
  const bulk = lines.answers >= BULK_ANSWERS ? h.beginBulkAnswers() : null;
  // Cards with answers, then those with only suspend/unsuspend/bury lines.
  const total = [...flagsOf.keys()].filter((c) => !lines.hasAnswers(c)).length + lines.cards;
  let done = 0;
  const replay = (key: string, answers: readonly number[]) => {
    const flags = flagsOf.get(key) ?? [];
    if (answers.length === 0 && flags.length === 0) return;
    if (++done % PROGRESS_EVERY === 0) ctx.env.onReplayProgress?.(done, total);
    let card = ctx.store.cards.get(key);
    if (!card) {
      if (!h.ensureCard(key, parseCardKey(key), ctx.now)) return;
      card = ctx.store.cards.get(key)!;
    }
    const byId = new Map<string, number>();
    const events: ReplayEvent[] = [];
    for (const i of answers) {
      const id = lines.idOf(i);
      byId.set(id, i);
      const given = lines.state(i);
      events.push({ kind: 'answer', id, at: lines.at(i), rating: lines.rating(i), ...(given ? { given } : {}) });
    }
    for (const l of flags) {
      if (l.action === 'bury') events.push({ kind: 'bury', id: l.id, at: l.at, until: l.until! });
      else events.push({ kind: l.action as 'suspend' | 'unsuspend', id: l.id, at: l.at });
    }
    const result = replayCard(events, scheduler, leech, {
      memory: card.memory,
      flags: { suspended: card.suspended, leech: card.leech, buriedUntil: card.buriedUntil },
    });
    for (const a of result.answers) {
      const i = byId.get(a.id)!;
      const source = lines.source(i);
      ctx.store.revlog.insertReplayed({
        card: key,
        note: card.note,
        deck: card.deck,
        at: a.at,
        rating: a.rating,
        source: lines.practice(i) ? 'practice' : source === 'quiz' ? 'quiz' : 'review',
        durationMs: lines.durationMs(i),
        uid: a.id,
        device: lines.device(i),
        origin: source,
        given: lines.state(i) !== undefined,
        elapsedDays: a.elapsedDays,
        before: a.before,
        beforeFlags: a.beforeFlags,
        after: a.after,
      });
    }
    ctx.store.cards.writeState(key, result.memory, result.flags);
  };
  lines.byCard((key, group) => {
    const answers: number[] = [];
    for (const i of group) if (undone.size === 0 || !undone.has(lines.idOf(i))) answers.push(i);
    replay(key, answers);
  });
  for (const key of flagsOf.keys()) if (!lines.hasAnswers(key)) replay(key, []);
  bulk?.();
  if (total >= PROGRESS_EVERY) ctx.env.onReplayProgress?.(total, total);
  return { report: { lines: lines.foreign, cards: done }, read: lines.fresh };
}
