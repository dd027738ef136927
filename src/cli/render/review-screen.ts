/**
 * The full-screen review (issue 13): one card per screen, laid out for exactly the terminal's rows.
 * The header and the question stay at the top; the answer scrolls beneath them with a "more below"
 * marker; messages, the rating bar and the key hints are pinned to the bottom lines. Pure: a card
 * and a scroll position in, the screen's lines out (cli/review-session.ts writes them).
 */
import type { SessionCard } from '../../app/review-session.js';
import type { TypedGrade } from '../../core/grading.js';
import type { Rating } from '../../core/states.js';
import { width } from './layout.js';
import { backLines, frontLines, helpLines, renderHeader, renderMessage, renderRatings, renderTyped, type ScreenOptions } from './review.js';

export interface CardScreen {
  card: SessionCard;
  /** the card's number in this session */
  position: number;
  /** typing: the answer is being typed on the last line */
  stage: 'front' | 'typing' | 'back';
  typed?: string;
  grade?: TypedGrade;
  suggested?: Rating;
  /** the first line of the scrolling part that is shown */
  scroll: number;
  help: boolean;
  messages: readonly { text: string; tone: 'info' | 'warn' }[];
}

export interface FullScreenOptions extends ScreenOptions {
  rows: number;
}

export interface Frame {
  /** exactly `rows` lines, none wider than the terminal */
  lines: string[];
  /** the scroll position used (clamped) and the largest one */
  scroll: number;
  maxScroll: number;
  /** lines a page moves */
  page: number;
}

export function layoutCard(v: CardScreen, o: FullScreenOptions): Frame {
  const c = o.theme.c;
  const rows = Math.max(1, o.rows);
  const header = renderHeader(v.card, v.position, o);
  // Messages (what the last key did, warnings) at most a third of the screen.
  const maxMessages = Math.max(1, Math.floor(rows / 3));
  let messages = v.messages.flatMap((m) => renderMessage(m.text, o, m.tone).split('\n'));
  if (messages.length > maxMessages) messages = [...messages.slice(0, maxMessages - 1), `  ${c.dim('…')}`];
  const ratings = v.stage === 'back' && !v.help ? renderRatings(v.card.intervals, o, v.suggested, v.card.scheduled).split('\n') : [];

  let fixed: string[];
  let content: string[];
  if (v.help) {
    fixed = [header, ''];
    content = helpLines(o, true);
  } else if (v.stage === 'back') {
    // The rule stays with the question; the typed comparison and the answer scroll below it.
    const [rule = '', ...answer] = backLines(v.card, o);
    const back = [...(v.grade ? renderTyped(v.typed ?? '', v.grade, o).split('\n') : []), ...answer];
    const question = [header, '', ...frontLines(v.card, o), '', rule];
    // The question stays on screen while the answer scrolls — unless it would leave the answer too
    // little room, then the two scroll together.
    const room = rows - messages.length - ratings.length - 1;
    if (question.length <= Math.max(4, Math.floor(room * 0.6))) {
      fixed = question;
      content = back;
    } else {
      fixed = [header, ''];
      content = [...frontLines(v.card, o), '', rule, ...back];
    }
  } else {
    fixed = [header, ''];
    content = frontLines(v.card, o);
  }

  const scrollable = content.length > rows - fixed.length - messages.length - ratings.length - 1;
  const hints = hintLine(v, scrollable, o);
  const footer = [...messages, ...ratings, hints, ...(v.stage === 'typing' && !v.help ? [''] : [])];
  const height = Math.max(1, rows - fixed.length - footer.length);
  let shown: string[];
  let scroll = 0;
  let maxScroll = 0;
  let page = height;
  if (content.length <= height) {
    shown = content;
  } else {
    const view = Math.max(1, height - 1);
    maxScroll = content.length - view;
    scroll = Math.max(0, Math.min(v.scroll, maxScroll));
    page = Math.max(1, view - 1);
    const pct = Math.round((100 * (scroll + view)) / content.length);
    const marker = scroll < maxScroll ? `↓ more below · ${pct}%` : `↑ end · ${pct}%`;
    shown = [...content.slice(scroll, scroll + view), `  ${c.dim(marker)}`];
  }
  const gap = Math.max(0, rows - fixed.length - shown.length - footer.length);
  const lines = [...fixed, ...shown, ...Array<string>(gap).fill(''), ...footer];
  // A screen too short for everything keeps its bottom lines (the ratings and keys) and the header.
  if (lines.length > rows) lines.splice(Math.min(1, rows - 1), lines.length - rows);
  return { lines, scroll, maxScroll, page };
}

/** The keys that matter now, as many as fit the width. */
function hintLine(v: CardScreen, scrollable: boolean, o: FullScreenOptions): string {
  const c = o.theme.c;
  const key = (k: string, what: string) => `${c.bold(k)} ${c.dim(what)}`;
  const items = v.help
    ? [...(scrollable ? [key('j/k', 'scroll')] : []), key('any other key', 'back')]
    : v.stage === 'typing'
      ? [key('enter', 'check'), key('esc', 'quit'), key('ctrl-c', 'quit')]
      : v.stage === 'front'
        ? [key('space', 'show answer'), ...(scrollable ? [key('j/k', 'scroll')] : []), key('?', 'help'), key('q', 'quit')]
        : [
            ...(scrollable ? [key('j/k', 'scroll')] : []),
            key('u', 'undo'),
            key('?', 'help'),
            key('q', 'quit'),
            key('s', 'suspend'),
            key('b', 'bury'),
            key('e', 'edit'),
          ];
  let line = ' ';
  for (const item of items) {
    const next = line === ' ' ? ` ${item}` : `${line}  ${item}`;
    if (width(next) > o.columns - 1) break;
    line = next;
  }
  return line;
}
