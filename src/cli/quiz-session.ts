/**
 * The interactive quiz: each question word-wrapped to the terminal, options picked with the arrow
 * keys or a letter, typed answers with line editing, a countdown under a time limit; after each
 * answer what was right and why, and an "I was right" key to overrule a wrong grade. Ctrl-C ends
 * the quiz keeping the answers given (issue 14).
 */
import type { Question, Quiz } from '../core/quiz.js';
import { gradeItem, letterOf, overrule } from '../core/quiz-grade.js';
import { needsPinyin } from '../core/grading.js';
import { loadPinyin } from '../app/pinyin.js';
import { CancelledError } from '../errors.js';
import { askTimedLine, chooseOption, waitKey, type Asked, type Clock } from './quiz-prompts.js';
import { choiceLines, matchExample, renderFeedback } from './render/quiz.js';
import { wrap } from './render/layout.js';
import type { Theme } from './render/theme.js';
import { openTerminal, type Terminal, type TtyStreams } from './terminal.js';

export interface QuizUi {
  streams: TtyStreams;
  theme: Theme;
  columns: () => number;
  /** milliseconds since a fixed moment, for the countdown */
  elapsed: () => number;
  /** per question, in milliseconds */
  timeLimitMs?: number;
}

export interface QuizSession {
  /** one per question asked, in order, as `--answers` lines would give them */
  answers: string[];
  /** numbers of the questions the person declared right after a wrong grade */
  overruled: Set<number>;
  /** ended with Ctrl-C: the answers so far are kept */
  interrupted: boolean;
}

/** Ask the questions in turn; stops early on Escape or Ctrl-C, keeping the answers given. */
export async function runQuizSession(quiz: Quiz, ui: QuizUi): Promise<QuizSession> {
  const session: QuizSession = { answers: [], overruled: new Set(), interrupted: false };
  const t = openTerminal(ui.streams);
  const c = ui.theme.c;
  const out = (s: string) => t.write(`${s}\n`);
  let right = 0;
  try {
    for (const q of quiz.questions) {
      const limit = ui.timeLimitMs ? ` · ${Math.round(ui.timeLimitMs / 1000)} s each` : '';
      out(`\n${c.dim(`Question ${q.n}/${quiz.questions.length} · ${right} right${limit}`)}`);
      const asked = await ask(q, ui, t, out);
      if ('left' in asked) break;
      const given = 'value' in asked ? asked.value : '';
      if ('timeUp' in asked) out(c.yellow('  time is up'));
      const s = q.solution;
      const pinyin = (s.kind === 'typed' || s.kind === 'cloze') && needsPinyin(given, s.accepted) ? await loadPinyin() : undefined;
      let item = gradeItem(q, given, pinyin);
      session.answers.push(given);
      out(renderFeedback(q, item, ui.theme, ui.columns()));
      // A typed answer can be right in words the grader does not know: the person may say so.
      if (!item.correct && (q.kind === 'typed' || q.kind === 'cloze')) {
        out(c.dim('  r: I was right · any other key: next'));
        if ((await waitKey(t)) === 'r') {
          session.overruled.add(q.n);
          item = overrule(item);
          out(c.green('  ✓ counted as right (you overruled the grade)'));
        }
      }
      if (item.correct) right++;
    }
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    session.interrupted = true;
  } finally {
    t.close();
  }
  return session;
}

/** Show the question and take an answer: the text `--answers` would give. */
async function ask(q: Question, ui: QuizUi, t: Terminal, out: (s: string) => void): Promise<Asked<string>> {
  const clock: Clock = { elapsed: ui.elapsed, ...(ui.timeLimitMs ? { limitMs: ui.timeLimitMs } : {}) };
  const width = Math.max(20, ui.columns() - 2);
  if (q.kind === 'match') {
    // The definitions first and the short terms last, so that the terms stay on screen while typing.
    const [head = '', ...terms] = q.prompt.split('\n');
    out(ui.theme.c.bold(wrap(head, width).join('\n')));
    out(
      choiceLines('match', q.choices, ui.columns())
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    for (const term of terms)
      out(
        wrap(term, width)
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    return t.cooked(() => askTimedLine(ui.streams, `Pairs (e.g. ${matchExample(q.choices.length)}):`, clock));
  }
  out(wrap(q.prompt, width).join('\n'));
  if (q.kind === 'mc' || q.kind === 'tf') {
    const labels = q.kind === 'tf' ? ['T', 'F'] : q.choices.map((_, i) => letterOf(i));
    const options = q.kind === 'tf' ? ['true', 'false'] : q.choices;
    const picked = await chooseOption(t, labels, options, clock);
    if (!('value' in picked)) return picked;
    return { value: q.kind === 'tf' ? (picked.value === 0 ? 'true' : 'false') : letterOf(picked.value) };
  }
  return t.cooked(() => askTimedLine(ui.streams, 'Your answer:', clock));
}
