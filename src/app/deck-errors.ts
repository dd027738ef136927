/**
 * How a deck file skipped as invalid is told to the user (SPEC §7: reported and skipped). Three
 * sizes for three places: one warning per file on stderr (most commands, after their output), one
 * line naming the first problem for the screens a person reads (the dashboard, the first screen of
 * a review), and a marker of a few characters for a shell prompt (`due --short`), which runs at
 * every command and must not fill the terminal with the same warning.
 */
import type { SyncError } from './sync.js';

/** The problems grouped by file, files in the order they were reported. */
function byFile(errors: readonly SyncError[]): SyncError[][] {
  const files = new Map<string, SyncError[]>();
  for (const e of errors) {
    const list = files.get(e.file);
    if (list) list.push(e);
    else files.set(e.file, [e]);
  }
  return [...files.values()];
}

/** One stderr warning per skipped file: its first problem, how many more, and where to look. */
export function deckErrorWarnings(errors: readonly SyncError[]): string[] {
  return byFile(errors).map((problems) => {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return `warning: ${first.file}:${first.line}:${first.col}: ${first.message}${more}; the file was skipped (see llmcards lint)`;
  });
}

/**
 * The one line for a screen: `1 deck file has errors: decks/x.yaml:12:5 duplicate id "a" — run
 * llmcards lint` (the first problem of the first file, and how many other files), or null when
 * every deck file loaded.
 */
export function deckErrorsNotice(errors: readonly SyncError[]): string | null {
  const files = byFile(errors);
  const first = files[0]?.[0];
  if (!first) return null;
  const n = files.length;
  const others = n > 1 ? ` (and ${n - 1} other file${n > 2 ? 's' : ''})` : '';
  return `${n} deck file${n === 1 ? ' has' : 's have'} errors: ${first.file}:${first.line}:${first.col} ${first.message}${others} — run llmcards lint`;
}

/** `!N` for N skipped deck files, for a shell prompt; empty when there are none. */
export function deckErrorsMarker(errors: readonly SyncError[]): string {
  const n = byFile(errors).length;
  return n > 0 ? `!${n}` : '';
}
