/**
 * The review screen: a header line, the front, the back with the four ratings and their intervals,
 * the typed-answer comparison, help, and the end-of-session summary. Everything is wrapped to the
 * terminal's width by display width; colour comes from the Theme (none under NO_COLOR).
 */
import { diffChars } from 'diff';
import type { SessionCard, SessionSummary } from '../../app/review-session.js';
import type { ClozeMarks } from '../../core/cloze.js';
import type { TypedGrade } from '../../core/grading.js';
import { formatInterval } from '../../core/intervals.js';
import { RATINGS, type Rating } from '../../core/states.js';
import { pickLang, type Lang, type Localized } from '../../core/text.js';
import { truncate, width as displayWidth, wrap } from './layout.js';
import { queueColors, type Theme } from './theme.js';

// Cloze gaps are marked with two control characters while the text is wrapped (they take no
// columns), then styled line by line, so a colour code can never be cut in half by a line break.
const MARK_OPEN = '\u0001';
const MARK_CLOSE = '\u0002';

export const REVIEW_MARKS: ClozeMarks = {
  hidden: (hint) => `${MARK_OPEN}[${hint ?? '...'}]${MARK_CLOSE}`,
  revealed: (answer) => `${MARK_OPEN}${answer}${MARK_CLOSE}`,
};

export interface ScreenOptions {
  theme: Theme;
  lang: Lang;
  columns: number;
}

/** Usable width: the terminal's, kept readable on very wide screens. */
function textWidth(columns: number): number {
  return Math.max(20, Math.min(columns, 100)) - 2;
}

function block(text: Localized | undefined, o: ScreenOptions, style: (s: string) => string = (s) => s): string[] {
  if (text === undefined) return [];
  const mark = o.theme.c.bold.cyan;
  let open = false;
  return wrap(pickLang(text, o.lang), textWidth(o.columns)).map((line) => {
    let out = '';
    for (const part of line.split(/([\u0001\u0002])/)) {
      if (part === MARK_OPEN) open = true;
      else if (part === MARK_CLOSE) open = false;
      else if (part) out += open ? mark(part) : style(part);
    }
    return `  ${out}`;
  });
}

/**
 * `llm/training · #3  12 new  3 learn  40 review`, the current queue underlined (as in Anki); on a
 * narrow terminal the counts lose their labels (`12 · 3 · 40`, in the queues' colours) before the
 * deck name is cut.
 */
export function renderHeader(card: SessionCard, position: number, o: ScreenOptions): string {
  const q = queueColors(o.theme);
  const c = card.remaining;
  const edited = card.edited ? `  ${o.theme.c.yellow('edited')}` : '';
  const left = `${card.deck} · #${position}`;
  const counts = (labels: boolean) => {
    const count = (queue: 'new' | 'learning' | 'review', n: number, label: string) => {
      const text = labels ? `${n} ${label}` : String(n);
      return queue === card.queue ? q[queue].underline(text) : q[queue](text);
    };
    const sep = labels ? '  ' : o.theme.c.dim(' · ');
    return [count('new', c.new, 'new'), count('learning', c.learning, 'learn'), count('review', c.review, 'review')].join(sep);
  };
  let shown = counts(true);
  if (displayWidth(left) + displayWidth(shown) + displayWidth(edited) + 2 > o.columns) shown = counts(false);
  const room = o.columns - displayWidth(shown) - displayWidth(edited) - 2;
  return `${o.theme.c.dim(truncate(left, Math.max(8, room)))}  ${shown}${edited}`;
}

export function renderFront(card: SessionCard, position: number, o: ScreenOptions): string {
  return ['', renderHeader(card, position, o), '', ...frontLines(card, o), ''].join('\n');
}

/** The question, wrapped. */
export function frontLines(card: SessionCard, o: ScreenOptions): string[] {
  return block(card.front, o, (s) => o.theme.c.bold(s));
}

/** The rule, the answer and the explanation, wrapped. */
export function backLines(card: SessionCard, o: ScreenOptions): string[] {
  const rule = o.theme.c.dim('─'.repeat(Math.min(textWidth(o.columns), 40)));
  const lines = [`  ${rule}`, ...block(card.back, o)];
  if (card.explanation) lines.push('', ...block(card.explanation, o, (s) => o.theme.c.dim(s)));
  return lines;
}

/** The back, the explanation, and the ratings with the interval each would give. */
export function renderBack(card: SessionCard, o: ScreenOptions, suggested?: Rating): string {
  return [...backLines(card, o), '', renderRatings(card.intervals, o, suggested, card.scheduled)].join('\n');
}

const LABELS: Record<Rating, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

/** The four ratings; with the interval each would give when the answer is scheduled (not in practice). */
export function renderRatings(intervals: Record<Rating, string>, o: ScreenOptions, suggested?: Rating, scheduled = true): string {
  const colors: Record<Rating, (s: string) => string> = { again: o.theme.c.red, hard: o.theme.c.yellow, good: o.theme.c.green, easy: o.theme.c.blue };
  const parts = RATINGS.map((r, i) => {
    const ivl = scheduled ? ` ${o.theme.c.dim(intervals[r])}` : '';
    const text = `${o.theme.c.bold(String(i + 1))} ${colors[r](LABELS[r])}${ivl}`;
    return r === suggested ? o.theme.c.inverse(` ${i + 1} ${LABELS[r]} `) + ivl : text;
  });
  const oneLine = `  ${parts.join('   ')}`;
  // Two lines of two on narrow terminals.
  if (displayWidth(oneLine) <= o.columns) return oneLine;
  return `  ${parts.slice(0, 2).join('   ')}\n  ${parts.slice(2).join('   ')}`;
}

/** The typed answer against the expected one, character by character. */
export function renderTyped(typed: string, grade: TypedGrade, o: ScreenOptions): string {
  const c = o.theme.c;
  const verdict = grade.verdict === 'exact' ? c.green('✓ correct') : grade.verdict === 'close' ? c.yellow('≈ nearly (a small typo)') : c.red('✗ not quite');
  const lines = [`  ${verdict}`];
  if (grade.keywords) {
    // A long answer: which of its key words the reply named, and which it missed.
    const k = grade.keywords;
    const said = `key words named: ${k.matched.length} (${k.needed} make it right)${k.matched.length ? ` — ${k.matched.join(', ')}` : ''}`;
    lines.push(...wrap(said, textWidth(o.columns)).map((l) => `  ${c.dim(l)}`));
    const missed = k.missed.filter((w) => !/[\u3400-\u9fff]/.test(w)).slice(0, 8);
    if (missed.length)
      lines.push(...wrap(`not named: ${missed.join(', ')}${k.missed.length > missed.length ? ', …' : ''}`, textWidth(o.columns)).map((l) => `  ${c.dim(l)}`));
  } else if (grade.verdict !== 'exact' && typed.trim()) {
    // Removed = typed but not expected; added = expected but not typed.
    const parts = diffChars(typed.trim(), grade.closest);
    const shown = parts
      .map((p) =>
        p.added
          ? c.green.underline(o.theme.enabled ? p.value : `[+${p.value}]`)
          : p.removed
            ? c.red.strikethrough(o.theme.enabled ? p.value : `[-${p.value}]`)
            : p.value,
      )
      .join('');
    lines.push(...wrap(shown, textWidth(o.columns)).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

/** The review's keys, each with what it does; `full` adds the full screen's scrolling keys. */
export function helpLines(o: ScreenOptions, full = false): string[] {
  const entries: [string, string][] = [
    ['space/enter', 'show the answer; then: Good (or what a typed answer suggests)'],
    ['1 2 3 4', 'Again  Hard  Good  Easy (any time the answer is shown)'],
    ...(full ? ([['j/k ↓/↑', 'scroll a long answer a line; PgDn/PgUp (or space) a page']] as [string, string][]) : []),
    ['u', 'undo the last answer, suspend or bury (the card comes back); again: the one before'],
    ['s', 'suspend this card (llmcards unsuspend brings it back)'],
    ['b', 'bury it until tomorrow'],
    ['e', 'edit the note in $EDITOR, then see it again'],
    ['o', "open the card's image or sound (media/…)"],
    ['? h', 'this help'],
    ['q Esc', 'quit (every answer is already saved); Ctrl-C too'],
  ];
  const width = textWidth(o.columns);
  const keyCols = 12;
  const k = (key: string) => o.theme.c.bold(key);
  return entries.flatMap(([key, what]) => {
    if (width - keyCols >= 30) {
      // Key and description side by side; the description wraps under itself.
      const lines = wrap(what, width - keyCols);
      return lines.map((l, i) => `  ${i === 0 ? k(key.padEnd(keyCols)) : ' '.repeat(keyCols)}${l}`);
    }
    // Narrow: the key on its own line, the description indented below it.
    return [`  ${k(key)}`, ...wrap(what, width - 2).map((l) => `    ${l}`)];
  });
}

export function renderHelp(o: ScreenOptions): string {
  return ['', ...helpLines(o), ''].join('\n');
}

export function renderMessage(text: string, o: ScreenOptions, tone: 'info' | 'warn' = 'info'): string {
  const style = tone === 'warn' ? o.theme.c.yellow : o.theme.c.dim;
  return wrap(text, textWidth(o.columns))
    .map((l) => `  ${style(l)}`)
    .join('\n');
}

export function renderSummary(s: SessionSummary, now: Date, o: ScreenOptions): string {
  const c = o.theme.c;
  const lines = [''];
  if (s.caught_up && s.reviews_held_back > 0) {
    // Not "all caught up": the daily limit stopped the session with cards still due.
    lines.push(
      `  ${c.yellow.bold('Done for today:')} the daily review limit is reached, and ${s.reviews_held_back} more review${s.reviews_held_back === 1 ? ' is' : 's are'} due (to do more: llmcards config set reviews_per_day ${s.reviews_per_day * 2}).${s.next_due && Date.parse(s.next_due) < Date.parse(s.day_ends) ? ` A learning card comes back in ${formatInterval(Date.parse(s.next_due) - now.getTime())}.` : ''}`,
    );
    if (s.reviewed > 0) lines.push(sessionLine(s, c));
  } else if (s.reviewed === 0 && s.caught_up) {
    lines.push(`  ${c.green.bold('All caught up.')}${s.next_due ? ` The next card is due in ${formatInterval(Date.parse(s.next_due) - now.getTime())}.` : ''}`);
  } else {
    if (s.caught_up)
      lines.push(`  ${c.green.bold('All caught up.')}${s.next_due ? ` Next card due in ${formatInterval(Date.parse(s.next_due) - now.getTime())}.` : ''}`);
    lines.push(sessionLine(s, c));
  }
  lines.push(`  ${s.due_tomorrow} due tomorrow.`, '');
  // Narrow terminals: each line wrapped at word boundaries, keeping its indent.
  return lines.flatMap((l) => (l ? wrap(l.trim(), textWidth(o.columns)).map((w) => `  ${w}`) : [l])).join('\n');
}

function sessionLine(s: SessionSummary, c: ScreenOptions['theme']['c']): string {
  const minutes = s.time_ms / 60_000;
  const time = minutes >= 1 ? `${minutes.toFixed(1)} min` : `${Math.round(s.time_ms / 1000)} s`;
  const againRate = s.reviewed > 0 ? Math.round((100 * s.again) / s.reviewed) : 0;
  return `  ${c.bold(String(s.reviewed))} card${s.reviewed === 1 ? '' : 's'} in ${time} · again ${againRate}% · ${s.new_learned} new learned`;
}
