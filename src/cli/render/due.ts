/**
 * Text for `due`, `decks` and the dashboard.
 */
import type { Dashboard } from '../../app/dashboard.js';
import type { DeckRow } from '../../app/decks.js';
import type { DueReport } from '../../app/due.js';
import { table } from './layout.js';
import { queueColors, type Theme } from './theme.js';

export function renderDue(r: DueReport, t: Theme): string {
  const q = queueColors(t);
  const rows = [[t.c.bold('deck'), t.c.bold('new'), t.c.bold('learn'), t.c.bold('review')]];
  for (const d of r.decks) {
    if (d.new + d.learning + d.review === 0) continue;
    rows.push([d.deck, q.new(String(d.new)), q.learning(String(d.learning)), q.review(String(d.review))]);
  }
  rows.push([t.c.bold('total'), q.new(String(r.new)), q.learning(String(r.learning)), q.review(String(r.review))]);
  const lines = r.total === 0 ? ['Nothing due today.'] : table(rows, new Set([1, 2, 3]));
  return lines.join('\n');
}

export function renderDecks(r: { decks: DeckRow[] }, t: Theme): string {
  if (r.decks.length === 0) return 'No decks. Add YAML files under decks/ (see llmcards init).';
  const q = queueColors(t);
  const rows = [['deck', 'title', 'notes', 'cards', 'new', 'learn', 'review', 'suspended'].map((h) => t.c.bold(h))];
  for (const d of r.decks) {
    rows.push([
      d.deck,
      (d.title ?? '').replace(/\n/g, ' · '),
      String(d.notes),
      String(d.cards),
      q.new(String(d.new)),
      q.learning(String(d.learning)),
      q.review(String(d.review)),
      String(d.suspended),
    ]);
  }
  return table(rows, new Set([2, 3, 4, 5, 6, 7])).join('\n');
}

/** The dashboard; `notice` is the line naming the deck files skipped as invalid, shown under the header. */
export function renderDashboard(d: Dashboard, t: Theme, notice: string | null = null): string {
  const q = queueColors(t);
  const r = d.due;
  const lines = [
    `${t.c.bold('llmcards')}  ${d.cards} cards · ${d.reviewed_today} reviewed today · streak ${d.streak_days} day${d.streak_days === 1 ? '' : 's'}`,
    `last 4 weeks ${heatLine(
      d.recent.map((x) => x.reviews),
      t,
    )} today`,
    ...(notice ? [t.c.yellow(`! ${notice}`)] : []),
    '',
  ];
  if (r.total === 0 && d.reviews_held_back > 0) {
    lines.push(`Done for today: the daily review limit is reached; ${d.reviews_held_back} more review${d.reviews_held_back === 1 ? ' is' : 's are'} due.`);
    lines.push(`To do more: ${t.c.bold(`llmcards config set reviews_per_day ${d.reviews_per_day * 2}`)}`);
  } else if (r.total === 0) {
    lines.push('Nothing due today. All caught up.');
  } else {
    lines.push(`Due today: ${q.new(`${r.new} new`)} · ${q.learning(`${r.learning} learning`)} · ${q.review(`${r.review} review`)}`);
    const rows = [['', 'new', 'learn', 'review'].map((h) => t.c.dim(h))];
    rows.push(
      ...r.decks
        .filter((x) => x.new + x.learning + x.review > 0)
        .map((x) => [`  ${x.deck}`, q.new(String(x.new)), q.learning(String(x.learning)), q.review(String(x.review))]),
    );
    lines.push(...table(rows, new Set([1, 2, 3])));
    lines.push('', `Start with: ${t.c.bold('llmcards review')}`);
  }
  for (const a of d.advice) lines.push(t.c.dim(`→ ${a.text}`));
  return lines.join('\n');
}

const LEVELS = ['·', '▁', '▃', '▅', '▇'];

/** One character a day, taller for more reviews (relative to the busiest day shown). */
function heatLine(counts: readonly number[], t: Theme): string {
  const max = Math.max(1, ...counts);
  return counts
    .map((n) => {
      if (n === 0) return t.c.dim(LEVELS[0]!);
      return t.c.green(LEVELS[Math.min(LEVELS.length - 1, 1 + Math.floor(((n - 1) / max) * (LEVELS.length - 1)))]!);
    })
    .join('');
}
