/**
 * Applying journal lines not read yet (SPEC §8), loaded only when history/ has something new: read
 * each changed file from where the last read stopped, skip lines already known (by id), and replay
 * each affected card. A card whose new lines all come after everything it had is carried forward
 * from its state (the same result as a replay from the start, for a fraction of the work: a sync
 * after a `git pull`); one that got a line from before its latest, or an undo, is replayed from its
 * first answer. Also writes, once, the journal of answers recorded before this version.
 */
import { parseCardKey } from '../core/cards.js';
import { parseLine, seqOfId, type ActionLine, type AnswerLine, type JournalLine } from '../core/journal.js';
import { NO_FLAGS, replayCard, type ReplayEvent } from '../core/replay.js';
import { NEW_CARD } from '../core/scheduler.js';
import type { Rating } from '../core/states.js';
import type { JournalFileStat } from '../store/journal.js';
import { defaultOrigin, type ReplayedReviewEntry, type ReviewSource } from '../store/revlog.js';
import { schedulerFor } from './answer.js';
import type { AppContext } from './context.js';
import { HISTORY_DIR } from './context.js';
import type { HistoryOptions, HistoryReport } from './history.js';
import { leechRuleOf, replayCards } from './history-replay.js';
import { RebuildLines, rebuildFromLines } from './history-rebuild.js';

/** Bad lines named one by one; the rest are counted. */
const MAX_PROBLEMS = 20;
/** Rows of the pre-journal review log turned into lines at a time (bounded memory on a large log). */
const MIGRATE_BATCH = 20_000;
/** Line ids looked up in the database at a time. */
const KNOWN_BATCH = 5000;
/** Cards read, decided and written at a time in a replay of new lines. */
const CARD_BATCH = 1000;
/** Report progress every this many cards. */
const PROGRESS_EVERY = 500;

/** Read and apply the new lines of `changed` files, under the write lock. */
export function applyHistory(ctx: AppContext, changed: readonly JournalFileStat[], opts: HistoryOptions): HistoryReport {
  return ctx.store.writeTransaction(() => {
    writeOldHistory(ctx);
    const own = ctx.store.journal.deviceName;
    // Nothing of the journal in the database (data/ deleted, a new clone): every line is new, and
    // there may be a million of them, kept compactly (history-rebuild.ts).
    const rebuilding = ctx.store.history.isEmpty() && ctx.store.journal.marks().size === 0;
    const compact = rebuilding ? new RebuildLines(own) : null;
    const lines: JournalLine[] = [];
    const problems: string[] = [];
    let skipped = 0;
    for (const f of changed) {
      // Under the lock now: what another process read meanwhile is not read twice.
      const mark = ctx.store.journal.markOf(f.path);
      if (f.device === own) ctx.store.journal.repairOwn(f.path);
      // A file shorter than what was read was rewritten: read it all again (known ids are skipped).
      const start = f.size < mark.offset ? { offset: 0, lines: 0 } : mark;
      // Only whole lines: a line still being written (by a file sync) is read next time.
      const end = ctx.store.journal.eachLine(f.path, start, (text, lineNo) => {
        const p = text === null ? ({ ok: false, message: 'longer than 1 MiB' } as const) : text.trim() === '' ? null : parseLine(text);
        if (!p) return;
        if (p.ok) {
          if (compact) compact.add(p.line);
          else lines.push(p.line);
        } else if (++skipped <= MAX_PROBLEMS) problems.push(`warning: ${HISTORY_DIR}/${f.path}:${lineNo}: journal line ${p.message}; skipped`);
      });
      ctx.store.journal.setMark(f.path, end);
    }
    // A rebuild writes every card and its whole log, in no order that B-trees like: the large page
    // cache. New lines are replayed card after card in key order: each page changed about once.
    const { report, read } = compact ? rebuildFromLines(ctx, compact) : ctx.store.writingOnce(() => applyLines(ctx, lines, own));
    if (opts.warn) {
      ctx.warnings.push(...problems);
      if (skipped > MAX_PROBLEMS) ctx.warnings.push(`warning: ${skipped - MAX_PROBLEMS} more journal lines skipped`);
      if (rebuilding && report.cards > 0)
        ctx.warnings.push(
          `llmcards: rebuilt the study state of ${report.cards} card${report.cards === 1 ? '' : 's'} from ${read} line${read === 1 ? '' : 's'} in ${HISTORY_DIR}/`,
        );
    }
    return report;
  });
}

interface CardNews {
  answers: AnswerLine[];
  flags: ActionLine[];
  /** an undo took back an answer it had: replay from the start */
  full: boolean;
}

/**
 * Apply parsed lines: new ones only, card by card. Returns the report (new lines from other devices,
 * cards replayed) and how many new lines there were in all.
 */
function applyLines(ctx: AppContext, lines: JournalLine[], own: string): { report: HistoryReport; read: number } {
  const h = ctx.store.history;
  const seen = new Set<string>();
  const news = new Map<string, CardNews>();
  const of = (card: string) => {
    let n = news.get(card);
    if (!n) news.set(card, (n = { answers: [], flags: [], full: false }));
    return n;
  };
  const undone = new Set<string>();
  const fresh: JournalLine[] = [];
  let foreign = 0;
  let ownSeq = 0;
  const empty = h.isEmpty();
  const known = empty ? new Set<string>() : knownIds(ctx, lines);
  for (const l of lines) {
    if (seen.has(l.id)) continue;
    seen.add(l.id);
    // This device's own lines the database does not know (a rebuild, a restored backup): the next
    // id given out must come after them.
    if (l.device === own) ownSeq = Math.max(ownSeq, seqOfId(l.id, own) ?? 0);
    if (known.has(l.id)) continue;
    if (l.device !== own) foreign++;
    fresh.push(l);
    if (l.kind === 'action' && l.action === 'undo') undone.add(l.answer!);
  }
  // Which new answers an undo line already known names (one query a batch, not one per line).
  const undoneBefore = new Set<string>();
  if (!empty) {
    const ids = fresh.filter((l) => l.kind === 'answer').map((l) => l.id);
    for (let i = 0; i < ids.length; i += CARD_BATCH) for (const id of h.undoneOf(ids.slice(i, i + CARD_BATCH))) undoneBefore.add(id);
  }
  for (const l of fresh) {
    if (l.kind === 'answer') {
      if (undone.has(l.id) || undoneBefore.has(l.id)) continue;
      of(l.card).answers.push(l);
    } else if (l.action === 'undo') {
      const target = h.answerByUid(l.answer!);
      if (target) of(target.card).full = true;
    } else {
      of(l.card).flags.push(l);
    }
  }
  // Card by card in key order, a batch at a time: the cards' rows and their log's index entries are
  // then read and written in the order they lie in their B-trees, with one query per batch.
  const keys = [...news.keys()].sort();
  // Decide, before anything is written, which cards can be carried forward from their state: those
  // whose new lines all come after everything they had (a line at the very same millisecond as the
  // last one is replayed from the start too, which is always right).
  for (let i = 0; i < keys.length; i += CARD_BATCH) {
    const lastOf = h.lastEventsAt(keys.slice(i, i + CARD_BATCH));
    for (const [card, last] of lastOf) {
      const n = news.get(card)!;
      if (n.full) continue;
      if (n.answers.some((l) => l.at.getTime() <= last) || n.flags.some((l) => l.at.getTime() <= last)) n.full = true;
    }
  }
  // Write the actions, and take back the answers undone.
  for (const l of fresh) {
    if (l.kind !== 'action') continue;
    h.insertAction(l);
    if (l.action === 'undo') {
      const target = h.answerByUid(l.answer!);
      if (target) h.deleteAnswer(target.id);
    }
  }
  if (ownSeq > 0) ctx.store.journal.raiseSeq(ownSeq);
  const scheduler = schedulerFor(ctx.settings);
  const leech = leechRuleOf(ctx.settings);
  const replayFully: string[] = [];
  let done = 0;
  const total = news.size;
  for (let i = 0; i < keys.length; i += CARD_BATCH) {
    const batch = keys.slice(i, i + CARD_BATCH);
    const cards = ctx.store.cards.getMany(batch);
    const rows: ReplayedReviewEntry[] = [];
    for (const key of batch) {
      const n = news.get(key)!;
      if (++done % PROGRESS_EVERY === 0) ctx.env.onReplayProgress?.(done, total);
      let card = cards.get(key);
      if (!card) {
        if (!h.ensureCard(key, parseCardKey(key), ctx.now)) continue;
        card = ctx.store.cards.get(key)!;
      }
      const rowOf = (l: AnswerLine) => ({
        card: key,
        note: card.note,
        deck: card.deck,
        at: l.at,
        rating: l.rating as Rating,
        source: sourceOf(l),
        durationMs: l.durationMs,
        uid: l.id,
        device: l.device,
        origin: l.source,
        given: l.state !== undefined,
      });
      if (n.full) {
        // Into the log as they are, then the whole card replayed from the start.
        for (const l of n.answers)
          rows.push({
            ...rowOf(l),
            elapsedDays: 0,
            before: NEW_CARD,
            beforeFlags: NO_FLAGS,
            after: l.state ? { ...l.state, lastReview: l.at } : { ...NEW_CARD, due: l.at },
          });
        replayFully.push(key);
        continue;
      }
      const events: ReplayEvent[] = n.answers.map((l) => ({ kind: 'answer', id: l.id, at: l.at, rating: l.rating, ...(l.state ? { given: l.state } : {}) }));
      for (const l of n.flags) {
        if (l.action === 'bury') events.push({ kind: 'bury', id: l.id, at: l.at, until: l.until! });
        else if (l.action === 'suspend' || l.action === 'unsuspend') events.push({ kind: l.action, id: l.id, at: l.at });
      }
      const result = replayCard(events, scheduler, leech, {
        memory: card.memory,
        flags: { suspended: card.suspended, leech: card.leech, buriedUntil: card.buriedUntil },
      });
      const byId = n.answers.length === 1 ? null : new Map(n.answers.map((l) => [l.id, l]));
      for (const a of result.answers) {
        const l = byId ? byId.get(a.id)! : n.answers[0]!;
        rows.push({ ...rowOf(l), elapsedDays: a.elapsedDays, before: a.before, beforeFlags: a.beforeFlags, after: a.after });
      }
      ctx.store.cards.writeState(key, result.memory, result.flags);
    }
    // (Before replayCards below, which reads the cards' answers back from the log.)
    ctx.store.revlog.insertReplayedMany(rows);
  }
  replayCards(ctx, replayFully, scheduler);
  if (total >= PROGRESS_EVERY) ctx.env.onReplayProgress?.(total, total);
  return { report: { lines: foreign, cards: news.size }, read: fresh.length };
}

/** Of the lines' ids, those the database has already, asked in batches. */
function knownIds(ctx: AppContext, lines: readonly JournalLine[]): Set<string> {
  const known = new Set<string>();
  for (let i = 0; i < lines.length; i += KNOWN_BATCH) {
    for (const uid of ctx.store.history.knownOf(lines.slice(i, i + KNOWN_BATCH).map((l) => l.id))) known.add(uid);
  }
  return known;
}

/** The review log's source of an answer read from the journal. */
function sourceOf(l: AnswerLine): ReviewSource {
  if (l.practice) return 'practice';
  return l.source === 'quiz' ? 'quiz' : 'review';
}

/**
 * The first run of this version writes the journal of the history already in the database, with
 * this device's name (once: afterwards no answer is without its line), and the suspensions that
 * a replay elsewhere could not know of. Answers an older llmcards wrote on the same database later
 * get their lines the same way.
 */
function writeOldHistory(ctx: AppContext): void {
  const h = ctx.store.history;
  const device = ctx.store.journal.deviceName;
  for (;;) {
    const rows = h.unjournaled(MIGRATE_BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      const origin = defaultOrigin(r.source as ReviewSource);
      const line = ctx.store.journal.record({
        kind: 'answer',
        at: new Date(r.at),
        card: r.card,
        rating: r.rating as Rating,
        durationMs: r.duration_ms,
        source: origin,
        ...(r.source === 'practice' ? { practice: true } : {}),
      });
      h.setLine(r.id, line.id, device, origin);
    }
    ctx.store.journal.flush();
  }
  // A suspension (by hand or as a leech) the answers alone would not give elsewhere: a suspended
  // card that is not a leech, and a leech that was unsuspended by hand. Marked by the migration.
  if (ctx.store.meta.get('journal_old_flags')) {
    const leechSuspends = ctx.settings.leech_action === 'suspend';
    for (const c of h.flaggedCards()) {
      if (c.suspended === 1 && !(c.leech === 1 && leechSuspends)) ctx.store.journal.record({ kind: 'action', at: ctx.now, card: c.key, action: 'suspend' });
      else if (c.suspended === 0 && c.leech === 1 && leechSuspends) ctx.store.journal.record({ kind: 'action', at: ctx.now, card: c.key, action: 'unsuspend' });
    }
    ctx.store.meta.delete('journal_old_flags');
  }
}
