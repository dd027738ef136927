/**
 * Text for the card commands: `next`, `answer`, `undo`, `show`, `search`, `suspend`/`bury`.
 */
import type { CardActionResult } from '../../app/card-actions.js';
import type { AnswerResult, NextCard, UndoResult } from '../../app/answer.js';
import type { SearchResult } from '../../app/search.js';
import type { ShowResult } from '../../app/show.js';
import { formatInterval } from '../../core/intervals.js';
import { RATINGS } from '../../core/states.js';
import { table, truncate, wrap } from './layout.js';
import { queueColors, type Theme } from './theme.js';

export function renderNext(r: NextCard | null, t: Theme): string {
  if (!r) return 'Nothing left to study today.';
  const q = queueColors(t);
  const intervals = RATINGS.map((rating, i) => `${i + 1} ${rating} ${t.c.dim(r.intervals[rating])}`).join('   ');
  return [`${t.c.dim(r.card)}  ${q[r.queue](r.queue)}`, '', t.c.bold(r.front), '', r.back, '', intervals].join('\n');
}

export function renderAnswer(r: AnswerResult, t: Theme, now: Date): string {
  const due = formatInterval(Date.parse(r.due) - now.getTime());
  return `${r.card}: ${r.rating} → ${r.state}, due in ${t.c.bold(due)} (${r.due})`;
}

export function renderUndo(r: UndoResult, _t: Theme): string {
  // Only answers are undone: a suspension or burial made since stays, and is said, not left silent.
  const kept = r.suspended
    ? ` It stays suspended (undo takes back answers only; llmcards unsuspend ${r.card} brings it back).`
    : r.buried_until
      ? ` It stays buried until ${r.buried_until} (undo takes back answers only).`
      : '';
  return `Took back "${r.rating}" on ${r.card} (answered ${r.answered_at}); it is ${r.state} again${r.due ? `, due ${r.due}` : ''}.${kept}`;
}

export function renderShow(r: ShowResult, t: Theme, columns: number): string {
  const w = Math.max(20, Math.min(columns, 100));
  const lines = [
    `${t.c.bold(r.card)}  ${t.c.dim(`${r.file}:${r.line}`)}${r.edited ? t.c.yellow('  edited') : ''}${r.present ? '' : t.c.red('  (removed from its deck file)')}`,
    '',
    ...wrap(r.front, w).map((l) => t.c.bold(l)),
    t.c.dim('─'.repeat(Math.min(w, 40))),
    ...wrap(r.back, w),
  ];
  if (r.explanation) lines.push('', ...wrap(r.explanation, w).map((l) => t.c.italic(l)));
  if (r.keypoints.length) lines.push('', 'Key points:', ...r.keypoints.flatMap((k) => wrap(`- ${k}`, w)));
  lines.push('');
  const state = [
    `state ${r.state}`,
    r.due ? `due ${r.due}` : null,
    r.state !== 'new' ? `stability ${r.stability.toFixed(2)}d` : null,
    r.state !== 'new' ? `difficulty ${r.difficulty.toFixed(2)}` : null,
    r.retrievability !== null ? `recall ${(r.retrievability * 100).toFixed(0)}%` : null,
    `reps ${r.reps}`,
    `lapses ${r.lapses}`,
    r.suspended ? t.c.yellow('suspended') : null,
    r.buried_until ? t.c.yellow(`buried until ${r.buried_until}`) : null,
    r.leech ? t.c.red('leech') : null,
  ].filter(Boolean);
  lines.push(state.join(' · '));
  if (r.tags.length) lines.push(`tags: ${r.tags.join(' ')}`);
  if (r.history.length) {
    lines.push('', 'History:');
    const rows = [['answered', 'rating', 'state', 'interval', 'stability', 'difficulty', 'device'].map((h) => t.c.dim(h))];
    for (const h of r.history) {
      rows.push([
        h.at.replace('T', ' ').slice(0, 16),
        h.rating,
        h.state,
        `${h.scheduled_days}d`,
        h.stability.toFixed(2),
        h.difficulty.toFixed(2),
        h.device ?? '',
      ]);
    }
    lines.push(...table(rows, new Set([3, 4, 5])).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

export function renderSearch(r: SearchResult, t: Theme, columns: number): string {
  if (r.cards.length === 0) return 'No cards match.';
  const q = queueColors(t);
  const keyWidth = Math.min(48, Math.max(...r.cards.map((c) => c.card.length)));
  const lines = r.cards.map((c) => {
    const state = c.suspended ? t.c.yellow('susp') : q[c.state === 'relearning' ? 'learning' : (c.state as 'new' | 'learning' | 'review')](c.state.slice(0, 5));
    const front = truncate(c.front.replace(/\n/g, ' / '), Math.max(10, columns - keyWidth - 10));
    return `${c.card.padEnd(keyWidth)}  ${state.padEnd(5)}  ${front}`;
  });
  lines.push(t.c.dim(`${r.cards.length} card${r.cards.length === 1 ? '' : 's'}`));
  return lines.join('\n');
}

export function renderCardAction(action: string, r: CardActionResult, _t: Theme): string {
  const verb = action === 'suspend' ? 'Suspended' : action === 'unsuspend' ? 'Unsuspended' : `Buried until ${r.buried_until}:`;
  return `${verb} ${r.cards.join(', ')}`;
}
