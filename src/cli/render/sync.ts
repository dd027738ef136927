/**
 * Text for `sync`, `lint` and `config`.
 */
import type { LintReport } from '../../app/lint.js';
import type { SyncReport } from '../../app/sync.js';
import type { ConfigEntry } from '../../app/config.js';
import { countProblems, formatProblem, type Problem } from '../../deckfile/problem.js';
import { inert } from '../safe-output.js';
import type { Theme } from './theme.js';
import type { GitReport } from '../git-sync.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One `file:line:col: severity: message` line; the file name and the message come from outside. */
const problemLine = (p: Problem) => formatProblem({ ...p, file: inert(p.file), message: inert(p.message) });

export function renderSync(r: SyncReport, t: Theme): string {
  const lines = [`Synced ${plural(r.decks, 'deck')}: ${r.added} added, ${r.updated} updated, ${r.removed} removed, ${r.unchanged} unchanged (cards).`];
  if (r.history.lines > 0 || r.history.cards > 0)
    lines.push(`History: ${plural(r.history.lines, 'line')} from other devices read, ${plural(r.history.cards, 'card')} replayed.`);
  for (const e of r.errors) lines.push(t.c.red(problemLine({ ...e, severity: 'error' })));
  if (r.errors.length > 0) {
    const files = new Set(r.errors.map((e) => e.file)).size;
    lines.push(t.c.yellow(`${plural(files, 'file')} skipped until fixed; their cards keep their state.`));
  }
  return lines.join('\n');
}

/** The git half of `sync --git`: what was committed, pulled and pushed, and what was left alone. */
export function renderGitSync(g: GitReport, t: Theme): string {
  const lines = [
    g.commit ? `Committed ${plural(g.committed.length, 'journal file')} of this device (${g.commit.slice(0, 7)}).` : 'Nothing new of this device to commit.',
    `Pulled ${plural(g.pulled, 'commit')} from ${inert(g.remote)}/${inert(g.branch)}; pushed ${plural(g.pushed, 'commit')}.`,
  ];
  if (g.uncommitted.length > 0) {
    const shown = g.uncommitted.slice(0, 5).map(inert).join(', ');
    const more = g.uncommitted.length > 5 ? ` and ${g.uncommitted.length - 5} more` : '';
    lines.push(t.c.yellow(`Not committed (your own changes, yours to commit): ${shown}${more}.`));
  }
  return lines.join('\n');
}

export function renderLint(r: LintReport, t: Theme): string {
  const lines = r.problems.map((p) => {
    const line = problemLine(p);
    return p.severity === 'error' ? t.c.red(line) : t.c.yellow(line);
  });
  const { errors, warnings } = countProblems(r.problems);
  if (r.problems.length === 0) lines.push(t.c.green('No problems found.'));
  else lines.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  return lines.join('\n');
}

export function renderConfig(entries: readonly ConfigEntry[]): string {
  return entries.map((e) => `${e.key}: ${formatValue(e.value)}`).join('\n');
}

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
