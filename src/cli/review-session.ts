/**
 * The interactive review loop: one key per action, every answer committed before the next card
 * appears (SPEC §7). The session's use cases are app/review-session.ts; this is keys and screens
 * only. Two views of the same loop: the full screen (issue 13: the alternate screen, one card per
 * screen, the answer scrolling under the question) and --inline (the scrolling log).
 */
import type { ReviewSession, SessionCard, SessionSummary, SessionUndo } from '../app/review-session.js';
import type { TypedGrade } from '../core/grading.js';
import type { Rating } from '../core/states.js';
import { CancelledError, CardChangedError, UserError } from '../errors.js';
import { layoutCard, type Frame } from './render/review-screen.js';
import { REVIEW_MARKS, renderBack, renderFront, renderHelp, renderMessage, renderTyped, type ScreenOptions } from './render/review.js';
import type { Key, Terminal } from './terminal.js';

export interface ReviewUi {
  term: Terminal;
  screen: () => ScreenOptions;
  /** the full-screen view (the default on a terminal of 10 rows or more); else the scrolling log */
  fullScreen: boolean;
  /** the session's clock: the system clock, or the fixed --now */
  now: () => Date;
  /** milliseconds, for durations (monotonic) */
  elapsed: () => number;
  /** type-in mode: ask for the answer before revealing; null when given up (Escape) */
  askAnswer?: (card: SessionCard) => Promise<string | null>;
  /** open the card's note in the editor and sync; returns a message to show */
  edit: (card: SessionCard) => Promise<string>;
  /** open the media the card shows (its front, and its back once shown); returns a message */
  openMedia?: (card: SessionCard, withBack: boolean) => Promise<string>;
  /** warnings gathered by the app (broken deck files, leeches…), taken and cleared */
  takeWarnings: () => string[];
  /** shown once, on the first screen: the deck files skipped as invalid (app/deck-errors.ts) */
  notice?: string | null;
}

export interface SessionResult {
  summary: SessionSummary;
  /** ended by Ctrl-C (exit 130) rather than q or the end of the queue */
  cancelled: boolean;
}

interface Current {
  card: SessionCard;
  position: number;
  stage: 'front' | 'typing' | 'back';
  shownAt: number;
  typed?: string;
  grade?: TypedGrade;
}

/** What the loop tells the screen; each view draws it its own way. */
interface View {
  /** a new card */
  show(c: Current): void;
  /** the current card changed: its answer is shown */
  update(): void;
  message(text: string, tone?: 'info' | 'warn'): void;
  help(): void;
  /** a key the view handles itself (scrolling, leaving the help); true when it did */
  key(k: Key): boolean;
  /** draw what changed; called before waiting for a key */
  flush(): void;
  /** put the cursor where a typed answer goes */
  beforePrompt(): void;
  resize(): void;
  /** the session is over (the terminal itself is restored by its owner) */
  close(): void;
}

const RATING_KEYS: Record<string, Rating> = { '1': 'again', '2': 'hard', '3': 'good', '4': 'easy' };

export async function runReviewSession(session: ReviewSession, ui: ReviewUi): Promise<SessionResult> {
  const { term } = ui;
  const started = ui.elapsed();
  let cancelled = false;
  const view: View = ui.fullScreen ? fullScreenView(ui) : inlineView(ui);
  const stopResize = term.onResize(() => view.resize());
  const flushWarnings = () => {
    for (const w of ui.takeWarnings()) view.message(w.replace(/^llmcards: (warning: )?/, ''), 'warn');
  };
  // Broken deck files (app/deck-errors.ts) and the like: said on the first screen, once.
  if (ui.notice) view.message(ui.notice, 'warn');
  flushWarnings();

  try {
    loop: for (;;) {
      const card = session.next(ui.now(), REVIEW_MARKS);
      if (!card) break;
      const current: Current = { card, position: session.count + 1, stage: ui.askAnswer ? 'typing' : 'front', shownAt: ui.elapsed() };
      view.show(current);
      if (ui.askAnswer) {
        view.flush();
        view.beforePrompt();
        let typed: string | null;
        try {
          typed = await ui.askAnswer(card);
        } catch (err) {
          // Ctrl-C at the prompt ends the session like everywhere else: with its summary.
          if (!(err instanceof CancelledError)) throw err;
          cancelled = true;
          break;
        }
        if (typed === null) break;
        current.typed = typed;
        current.grade = await session.grade(card, typed);
        current.stage = 'back';
        view.update();
      }
      for (;;) {
        view.flush();
        const key: Key = await term.readKey();
        if (key.ctrl && (key.name === 'c' || key.name === 'd')) {
          cancelled = key.name === 'c';
          break loop;
        }
        if (view.key(key)) continue;
        if (key.name === 'q' || key.name === 'escape') break loop;
        if (key.name === '?' || key.name === 'h') {
          view.help();
          continue;
        }
        if (key.name === 'u') {
          try {
            view.message(describeUndo(session.undo(ui.now())));
            continue loop;
          } catch (err) {
            if (!(err instanceof UserError)) throw err;
            view.message(err.message, 'warn');
            continue;
          }
        }
        if (key.name === 's') {
          session.suspend(card, ui.now());
          view.message(`suspended ${card.key} (u takes it back; later: llmcards unsuspend ${card.key})`);
          continue loop;
        }
        if (key.name === 'b') {
          session.bury(card, ui.now());
          view.message(`buried ${card.key} until tomorrow (u takes it back)`);
          continue loop;
        }
        if (key.name === 'o') {
          view.message(ui.openMedia ? await ui.openMedia(card, current.stage === 'back') : 'this card shows no image or sound');
          continue;
        }
        if (key.name === 'e') {
          view.message(await ui.edit(card));
          session.showAgain(card.key);
          continue loop;
        }
        if (current.stage !== 'back') {
          if (key.name === 'space' || key.name === 'enter') {
            current.stage = 'back';
            view.update();
          }
          continue;
        }
        // The back is shown: a rating (space and Enter take the suggestion, or Good).
        const rating = RATING_KEYS[key.name] ?? (key.name === 'space' || key.name === 'enter' ? (suggestion(current.grade) ?? 'good') : undefined);
        if (!rating) continue;
        try {
          const result = session.answer(card, rating, ui.elapsed() - current.shownAt, ui.now());
          if (result && result.state !== 'review') view.message(`${rating} · back in ${card.intervals[rating]}`);
        } catch (err) {
          // Another process answered the card, or removed it from its deck file, meanwhile.
          if (!(err instanceof UserError)) throw err;
          session.skip(card.key);
          const why = err instanceof CardChangedError ? `${card.key} was answered elsewhere meanwhile` : err.message;
          view.message(`${why}; this answer was not recorded, moving on`, 'warn');
        }
        flushWarnings();
        continue loop;
      }
    }
  } finally {
    stopResize();
    view.close();
  }
  return { summary: session.summary(ui.elapsed() - started, ui.now()), cancelled };
}

function describeUndo(u: SessionUndo): string {
  if (u.kind === 'answer') return `undid "${u.rating}" on ${u.card}`;
  return u.kind === 'suspend' ? `undid the suspension of ${u.card}: it is back in the queue` : `undid the burial of ${u.card}: it is back in the queue`;
}

/** The rating a typed answer suggests: exact Good, a typo Hard, wrong Again. */
function suggestion(grade: TypedGrade | undefined): Rating | undefined {
  if (!grade) return undefined;
  return grade.verdict === 'exact' ? 'good' : grade.verdict === 'close' ? 'hard' : 'again';
}

/** The scrolling log (--inline, and terminals under 10 rows): everything appended, nothing erased. */
function inlineView(ui: ReviewUi): View {
  const show = (text: string) => ui.term.write(`${text}\n`);
  let current: Current | null = null;
  const back = (c: Current) => {
    const o = ui.screen();
    if (c.grade) show(renderTyped(c.typed ?? '', c.grade, o));
    show(renderBack(c.card, o, suggestion(c.grade)));
  };
  const draw = (c: Current) => {
    const o = ui.screen();
    show(renderFront(c.card, c.position, o));
    if (c.stage === 'back') back(c);
    else if (c.position === 1 && c.stage === 'front') show(renderMessage('space:\u00a0show\u00a0the\u00a0answer   ?:\u00a0help   q:\u00a0quit', o)); // each hint kept whole on a narrow terminal
  };
  return {
    show(c) {
      current = c;
      draw(c);
    },
    update() {
      if (current) back(current);
    },
    message: (text, tone = 'info') => show(renderMessage(text, ui.screen(), tone)),
    help: () => show(renderHelp(ui.screen())),
    key: () => false,
    flush() {},
    beforePrompt() {},
    // A resized terminal gets the current card again, laid out for the new width.
    resize() {
      if (current) draw(current);
    },
    close() {},
  };
}

/**
 * The full screen: the alternate screen (entered with the first card, so a session with nothing to
 * show never flashes), every row rewritten on each draw — erased first, so no stale line survives a
 * resize — and drawn only when something changed, just before the next key is awaited.
 */
function fullScreenView(ui: ReviewUi): View {
  const { term } = ui;
  let current: Current | null = null;
  let scroll = 0;
  let help = false;
  /** where the card was scrolled to when the help was opened */
  let cardScroll = 0;
  let messages: { text: string; tone: 'info' | 'warn' }[] = [];
  /** the messages on screen belong to the previous key: the next thing said or shown replaces them */
  let stale = false;
  let dirty = false;
  let entered = false;
  let frame: Frame | null = null;
  const fresh = () => {
    if (stale) messages = [];
    stale = false;
  };
  const draw = () => {
    dirty = false;
    if (!current) return;
    if (!entered) {
      term.enterFullScreen();
      entered = true;
    }
    // Nothing is written in the last column: a terminal that reflows on resize (tmux) may take a
    // full line for a wrapped one and carry the alternate screen's lines into the normal one.
    const screen = ui.screen();
    const o = { ...screen, columns: Math.max(20, screen.columns - 1), rows: term.rows() };
    frame = layoutCard(
      {
        card: current.card,
        position: current.position,
        stage: current.stage,
        ...(current.typed === undefined ? {} : { typed: current.typed }),
        ...(current.grade ? { grade: current.grade } : {}),
        ...(current.stage === 'back' && suggestion(current.grade) ? { suggested: suggestion(current.grade)! } : {}),
        scroll,
        help,
        messages,
      },
      o,
    );
    scroll = frame.scroll;
    term.write(frame.lines.map((l, i) => `\u001b[${i + 1};1H\u001b[2K${l}`).join(''));
  };
  const scrollBy = (n: number) => {
    if (!frame) return;
    const to = Math.max(0, Math.min(frame.maxScroll, scroll + n));
    if (to !== scroll) {
      scroll = to;
      dirty = true;
    }
  };
  return {
    show(c) {
      fresh();
      current = c;
      scroll = 0;
      help = false;
      dirty = true;
    },
    update() {
      fresh();
      scroll = 0;
      dirty = true;
    },
    message(text, tone = 'info') {
      fresh();
      messages.push({ text, tone });
      dirty = true;
    },
    help() {
      fresh();
      if (!help) cardScroll = scroll;
      help = true;
      scroll = 0;
      dirty = true;
    },
    key(k) {
      stale = true;
      if (k.ctrl) return false;
      const more = frame !== null && scroll < frame.maxScroll;
      const page = frame?.page ?? 1;
      switch (k.name) {
        case 'j':
        case 'down':
          scrollBy(1);
          return true;
        case 'k':
        case 'up':
          scrollBy(-1);
          return true;
        case 'pagedown':
          scrollBy(page);
          return true;
        case 'pageup':
          scrollBy(-page);
          return true;
        case 'home':
          scrollBy(-Number.MAX_SAFE_INTEGER);
          return true;
        case 'end':
          scrollBy(Number.MAX_SAFE_INTEGER);
          return true;
        case 'space':
          // Space pages on through a long answer; at its end it rates (or reveals) as usual.
          if ((help || current?.stage === 'back') && more) {
            scrollBy(page);
            return true;
          }
          break;
      }
      if (help) {
        // Any other key leaves the help (q and Escape too: they close it, not the session).
        help = false;
        scroll = cardScroll;
        dirty = true;
        return true;
      }
      return false;
    },
    flush() {
      if (dirty) draw();
    },
    beforePrompt() {
      // The last row is left empty for the prompt: the cursor goes there, visible.
      term.write(`\u001b[${term.rows()};1H\u001b[2K\u001b[?25h`);
    },
    resize() {
      if (current) draw();
    },
    close() {
      // Nothing was ever shown (nothing due): what there was to say goes to the normal screen.
      if (!entered) for (const m of messages) term.write(`${renderMessage(m.text, ui.screen(), m.tone)}\n`);
    },
  };
}
