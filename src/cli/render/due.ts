/**
 * Text for `due`, `decks` and the dashboard.
 */
import type { Dashboard } from '../../app/dashboard.js';
import type { DeckRow } from '../../app/decks.js';
import type { DueReport } from '../../app/due.js';
import { fitTable, wrapLines } from './layout.js';
import { queueColors, type Theme } from './theme.js';

export function renderDue(r: DueReport, t: Theme, columns = 80): string {
  const q = queueColors(t);
  const rows = [[t.c.bold('deck'), t.c.bold('new'), t.c.bold('learn'), t.c.bold('review')]];
  for (const d of r.decks) {
    if (d.new + d.learning + d.review === 0) continue;
    rows.push([d.deck, q.new(String(d.new)), q.learning(String(d.learning)), q.review(String(d.review))]);
  }
  rows.push([t.c.bold('total'), q.new(String(r.new)), q.learning(String(r.learning)), q.review(String(r.review))]);
  const lines =
    r.total === 0
      ? ['Nothing due today.']
      : [...fitTable(rows, { width: columns, right: new Set([1, 2, 3]), shrink: [0], middle: new Set([0]) }), ...limitsNote(r, t)];
  return wrapLines(lines, columns).join('\n');
}

/**
 * A deck's row counts what that deck alone would give today; the total is what the collection's
 * daily limits let through, so the rows can add up to more (as in Anki). Said when they do.
 */
function limitsNote(r: DueReport, t: Theme, limits?: { new: number; review: number }): string[] {
  const sum = r.decks.reduce((a, d) => ({ new: a.new + d.new, review: a.review + d.review }), { new: 0, review: 0 });
  if (sum.new <= r.new && sum.review <= r.review) return [];
  const which = [sum.new > r.new ? 'new' : '', sum.review > r.review ? 'review' : ''].filter(Boolean).join(' and ');
  const named = limits ? ` (new_per_day ${limits.new}, reviews_per_day ${limits.review})` : '';
  return [t.c.dim(`Each deck row counts that deck alone; today's ${which} total is capped by the daily limits${named}.`)];
}

export function renderDecks(r: { decks: DeckRow[] }, t: Theme, columns = 80): string {
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
  // Narrower terminals lose the title first (cut, then left out), then the counts that are not today's.
  return fitTable(rows, {
    width: columns,
    right: new Set([2, 3, 4, 5, 6, 7]),
    shrink: [[1, 16]],
    drop: [7, 1, 2, 3],
    shrinkLast: [0],
    middle: new Set([0]),
    minWidth: 12,
  }).join('\n');
}

/** The dashboard; `notice` is the line naming the deck files skipped as invalid, shown under the header. */
export function renderDashboard(d: Dashboard, t: Theme, notice: string | null = null, columns = 80): string {
  const q = queueColors(t);
  const r = d.due;
  const lines = [
    `${t.c.bold('llmcards')}  ${d.cards} cards · ${d.reviewed_today} reviewed today · streak ${d.streak_days} day${d.streak_days === 1 ? '' : 's'}`,
    `${columns >= 47 ? 'last 4 weeks ' : ''}${heatLine(
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
    rows.push([t.c.bold('  total today'), q.new(String(r.new)), q.learning(String(r.learning)), q.review(String(r.review))]);
    lines.push(...fitTable(rows, { width: columns, right: new Set([1, 2, 3]), shrink: [0], middle: new Set([0]) }));
    lines.push(...limitsNote(r, t, { new: d.new_per_day, review: d.reviews_per_day }));
    lines.push('', `Start with: ${t.c.bold('llmcards review')}`);
  }
  for (const a of d.advice) lines.push(t.c.dim(`→ ${a.text}`));
  return wrapLines(lines, columns).join('\n');
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
