/**
 * The interactive review loop: one key per action, every answer committed before the next card
 * appears (SPEC §7). The session's use cases are app/review-session.ts; this is keys and screens only.
 */
import type { ReviewSession, SessionCard, SessionSummary } from '../app/review-session.js';
import { gradeTyped, needsPinyin, type TypedGrade } from '../core/grading.js';
import { loadPinyin } from '../app/pinyin.js';
import type { Rating } from '../core/states.js';
import { CardChangedError, UserError } from '../errors.js';
import { REVIEW_MARKS, renderBack, renderFront, renderHelp, renderMessage, renderTyped, type ScreenOptions } from './render/review.js';
import type { Key, Terminal } from './terminal.js';

export interface ReviewUi {
  term: Terminal;
  screen: () => ScreenOptions;
  /** the session's clock: the system clock, or the fixed --now */
  now: () => Date;
  /** milliseconds, for durations (monotonic) */
  elapsed: () => number;
  /** type-in mode: ask for the answer before revealing; null when cancelled */
  askAnswer?: (card: SessionCard) => Promise<string | null>;
  /** open the card's note in the editor and sync; returns a message to show */
  edit: (card: SessionCard) => Promise<string>;
  /** open the media the card shows (its front, and its back once shown); returns a message */
  openMedia?: (card: SessionCard, withBack: boolean) => string;
  /** warnings gathered by the app (leeches…), taken and cleared */
  takeWarnings: () => string[];
  /** shown once, on the first screen: the deck files skipped as invalid (app/deck-errors.ts) */
  notice?: string | null;
}

export interface SessionResult {
  summary: SessionSummary;
  /** ended by Ctrl-C (exit 130) rather than q or the end of the queue */
  cancelled: boolean;
}

type Stage = 'front' | 'back';

const RATING_KEYS: Record<string, Rating> = { '1': 'again', '2': 'hard', '3': 'good', '4': 'easy' };

export async function runReviewSession(session: ReviewSession, ui: ReviewUi): Promise<SessionResult> {
  const { term } = ui;
  const started = ui.elapsed();
  let cancelled = false;
  let current: { card: SessionCard; stage: Stage; shownAt: number; typed?: string; grade?: TypedGrade } | null = null;
  const show = (text: string) => term.write(`${text}\n`);
  const drawCurrent = () => {
    if (!current) return;
    const o = ui.screen();
    show(renderFront(current.card, session.count + 1, o));
    if (current.stage === 'back') {
      if (current.grade) show(renderTyped(current.typed ?? '', current.grade, o));
      show(renderBack(current.card, o, suggestion(current.grade)));
    } else if (session.count === 0 && !ui.askAnswer) {
      show(renderMessage('space: show the answer   ?: help   q: quit', o));
    }
  };
  // A resized terminal gets the current card again, laid out for the new width.
  const stopResize = term.onResize(() => drawCurrent());
  const flushWarnings = () => {
    for (const w of ui.takeWarnings()) show(renderMessage(w.replace(/^llmcards: /, ''), ui.screen(), 'warn'));
  };

  if (ui.notice) show(renderMessage(ui.notice, ui.screen(), 'warn'));
  try {
    loop: for (;;) {
      const card = session.next(ui.now(), REVIEW_MARKS);
      if (!card) break;
      current = { card, stage: 'front', shownAt: ui.elapsed() };
      drawCurrent();
      if (ui.askAnswer) {
        const typed = await ui.askAnswer(card);
        if (typed === null) break;
        current.typed = typed;
        current.grade = gradeTyped(typed, card.accepted, needsPinyin(typed, card.accepted) ? await loadPinyin() : undefined);
        current.stage = 'back';
        const o = ui.screen();
        show(renderTyped(typed, current.grade, o));
        show(renderBack(card, o, suggestion(current.grade)));
      }
      for (;;) {
        const key: Key = await term.readKey();
        if (key.ctrl && (key.name === 'c' || key.name === 'd')) {
          cancelled = key.name === 'c';
          break loop;
        }
        if (key.name === 'q' || key.name === 'escape') break loop;
        if (key.name === '?' || key.name === 'h') {
          show(renderHelp(ui.screen()));
          continue;
        }
        if (key.name === 'u') {
          try {
            const undone = session.undo();
            show(renderMessage(`undid "${undone.rating}" on ${undone.card}`, ui.screen()));
            continue loop;
          } catch (err) {
            if (!(err instanceof UserError)) throw err;
            show(renderMessage(err.message, ui.screen(), 'warn'));
            continue;
          }
        }
        if (key.name === 's') {
          session.suspend(card);
          show(renderMessage(`suspended ${card.key} (llmcards unsuspend ${card.key} brings it back)`, ui.screen()));
          continue loop;
        }
        if (key.name === 'b') {
          session.bury(card, ui.now());
          show(renderMessage(`buried ${card.key} until tomorrow`, ui.screen()));
          continue loop;
        }
        if (key.name === 'o') {
          show(renderMessage(ui.openMedia ? ui.openMedia(card, current.stage === 'back') : 'this card shows no image or sound', ui.screen()));
          continue;
        }
        if (key.name === 'e') {
          show(renderMessage(await ui.edit(card), ui.screen()));
          session.showAgain(card.key);
          continue loop;
        }
        if (current.stage === 'front') {
          if (key.name === 'space' || key.name === 'enter') {
            current.stage = 'back';
            show(renderBack(card, ui.screen()));
          }
          continue;
        }
        // The back is shown: a rating (space and Enter take the suggestion, or Good).
        const rating = RATING_KEYS[key.name] ?? (key.name === 'space' || key.name === 'enter' ? (suggestion(current.grade) ?? 'good') : undefined);
        if (!rating) continue;
        try {
          const result = session.answer(card, rating, ui.elapsed() - current.shownAt, ui.now());
          if (result && result.state !== 'review') show(renderMessage(`${rating} · back in ${card.intervals[rating]}`, ui.screen()));
        } catch (err) {
          // Another process answered the card, or removed it from its deck file, meanwhile.
          if (!(err instanceof UserError)) throw err;
          session.skip(card.key);
          const why = err instanceof CardChangedError ? `${card.key} was answered elsewhere meanwhile` : err.message;
          show(renderMessage(`${why}; this answer was not recorded, moving on`, ui.screen(), 'warn'));
        }
        flushWarnings();
        continue loop;
      }
    }
  } finally {
    stopResize();
  }
  return { summary: session.summary(ui.elapsed() - started, ui.now()), cancelled };
}

/** The rating a typed answer suggests: exact Good, a typo Hard, wrong Again. */
function suggestion(grade: TypedGrade | undefined): Rating | undefined {
  if (!grade) return undefined;
  return grade.verdict === 'exact' ? 'good' : grade.verdict === 'close' ? 'hard' : 'again';
}
