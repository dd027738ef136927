/**
 * Text for the card commands: `next`, `answer`, `undo`, `show`, `search`, `suspend`/`bury`.
 */
import type { CardActionResult } from '../../app/card-actions.js';
import type { AnswerResult, NextCard, UndoResult } from '../../app/answer.js';
import type { SearchResult } from '../../app/search.js';
import type { ShowResult } from '../../app/show.js';
import { formatInterval } from '../../core/intervals.js';
import { RATINGS } from '../../core/states.js';
import { foldText } from '../../core/fold.js';
import { padEnd, table, truncate, truncateMiddle, truncateStyled, width, wrap } from './layout.js';
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

/** The state as the search lists it: the full word (`revie` said nothing), `susp` for suspended. */
function searchState(c: SearchResult['cards'][number], t: Theme): string {
  const q = queueColors(t);
  if (c.suspended) return t.c.yellow('suspended');
  return q[c.state === 'relearning' ? 'learning' : (c.state as 'new' | 'learning' | 'review')](c.state);
}

/**
 * The card's text around the first matched word, at most `cols` columns: from the start when the
 * word is near it, else from a little before the word (after an ellipsis); the words in bold.
 */
export function searchSnippet(text: string, words: readonly string[], cols: number, t: Theme): string {
  const flat = text.replace(/\s*\n\s*/g, ' / ');
  const lower = flat.toLowerCase();
  // Where the query's first word is (the others may be anywhere), else the first of them found.
  const hits = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  const own = words.length > 0 ? lower.indexOf(words[0]!) : -1;
  const first = own >= 0 ? own : hits.length > 0 ? Math.min(...hits) : 0;
  let shown = flat;
  if (width(flat.slice(0, first)) > cols / 3) {
    // Start a few words before the match, so that it is seen with what leads to it.
    let back = first;
    while (back > 0 && width(flat.slice(back - 1, first)) <= cols / 4) back--;
    // Latin text starts at a word.
    const space = flat.indexOf(' ', back);
    if (space >= 0 && space < first && /[\w-]/.test(flat[back] ?? '')) back = space + 1;
    shown = `…${flat.slice(back).trimStart()}`;
  }
  const cut = truncate(shown, Math.max(4, cols));
  if (!t.enabled || words.length === 0) return cut;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  return cut.replace(pattern, (m) => t.c.bold(m));
}

export function renderSearch(r: SearchResult, t: Theme, columns: number, query = ''): string {
  if (r.cards.length === 0) return 'No cards match.';
  const words = [...new Set(foldText(query).split(' ').filter(Boolean))];
  const text = (c: SearchResult['cards'][number]) => `${c.front}\n${c.back}`;
  const footer = t.c.dim(`${r.cards.length} card${r.cards.length === 1 ? '' : 's'}`);
  if (columns < 60) {
    // Narrow: the key and state on one line, the text under them.
    const lines = r.cards.flatMap((c) => [
      `${searchState(c, t)}  ${truncateMiddle(c.card, columns - width(searchState(c, t)) - 2)}`,
      `  ${searchSnippet(text(c), words, columns - 2, t)}`,
    ]);
    return [...lines, footer].join('\n');
  }
  const keyWidth = Math.min(Math.floor(columns * 0.45), Math.max(...r.cards.map((c) => width(c.card))));
  const stateWidth = Math.max(...r.cards.map((c) => width(searchState(c, t))));
  const textWidth = Math.max(10, columns - keyWidth - stateWidth - 4);
  const lines = r.cards.map((c) =>
    truncateStyled(
      `${padEnd(truncateMiddle(c.card, keyWidth), keyWidth)}  ${padEnd(searchState(c, t), stateWidth)}  ${searchSnippet(text(c), words, textWidth, t)}`,
      columns,
    ),
  );
  return [...lines, footer].join('\n');
}

export function renderCardAction(action: string, r: CardActionResult, _t: Theme): string {
  const verb = action === 'suspend' ? 'Suspended' : action === 'unsuspend' ? 'Unsuspended' : `Buried until ${r.buried_until}:`;
  return `${verb} ${r.cards.join(', ')}`;
}
