/**
 * The review journal on every command (SPEC §8): find journal lines not read yet — other machines'
 * lines brought by a `git pull`, or all of them when data/ was deleted — and replay them into the
 * database. When nothing is new this costs a read of history/ and a stat per file; the reading and
 * replaying code is loaded only when there is something to do.
 */
import type { AppContext } from './context.js';

/** The `sync --json` "history" member: foreign lines read, cards replayed. */
export interface HistoryReport {
  lines: number;
  cards: number;
}

export interface HistoryOptions {
  /** add problems (bad lines) and the rebuild notice to ctx.warnings */
  warn: boolean;
}

/**
 * Bring the database up to date with history/: read the lines appended since the last time (per
 * file), apply them by replaying each affected card, and write the journal for answers recorded
 * before this version (once). Returns what was read.
 */
export async function syncHistory(ctx: AppContext, opts: HistoryOptions): Promise<HistoryReport> {
  const files = ctx.store.journal.files();
  const marks = ctx.store.journal.marks();
  const changed = files.filter((f) => (marks.get(f.path)?.offset ?? 0) !== f.size);
  const unjournaled = ctx.store.revlog.hasUnjournaled();
  if (changed.length === 0 && !unjournaled) return { lines: 0, cards: 0 };
  const { applyHistory } = await import('./history-apply.js');
  return applyHistory(ctx, changed, opts);
}
