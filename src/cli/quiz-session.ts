/**
 * The interactive quiz: each question through a prompt (arrow-key choices, or typed text), right
 * or wrong at once with the answer and the note's explanation, a progress line, an optional time
 * limit per question.
 */
import type { Question, Quiz } from '../core/quiz.js';
import { gradeItem, letterOf } from '../core/quiz-grade.js';
import { needsPinyin } from '../core/grading.js';
import { loadPinyin } from '../app/pinyin.js';
import { askChoice, askLine } from './prompts.js';
import { choiceLines, renderFeedback } from './render/quiz.js';
import type { Theme } from './render/theme.js';
import type { TtyStreams } from './terminal.js';

export interface QuizUi {
  streams: TtyStreams;
  theme: Theme;
  columns: () => number;
  /** per question, in milliseconds */
  timeLimitMs?: number;
}

/** Ask every question; the answers as `--answers` lines would give them. Stops early on Escape. */
export async function runQuizSession(quiz: Quiz, ui: QuizUi): Promise<string[]> {
  const answers: string[] = [];
  let right = 0;
  const out = (s: string) => ui.streams.output.write(`${s}\n`);
  for (const q of quiz.questions) {
    const progress = ui.theme.c.dim(`Question ${q.n}/${quiz.questions.length} · ${right} right${ui.timeLimitMs ? ` · ${Math.round(ui.timeLimitMs / 1000)} s each` : ''}`);
    out(`\n${progress}`);
    const given = await ask(q, ui);
    if (given === undefined) break;
    const s = q.solution;
    const pinyin = (s.kind === 'typed' || s.kind === 'cloze') && needsPinyin(given ?? '', s.accepted) ? await loadPinyin() : undefined;
    const item = gradeItem(q, given ?? '', pinyin);
    if (given === null) out(ui.theme.c.yellow('  time is up'));
    if (item.correct) right++;
    answers.push(given ?? '');
    out(renderFeedback(q, item, ui.theme, ui.columns()));
  }
  return answers;
}

/** The answer text; null when the time ran out; undefined when the person left (Escape). */
async function ask(q: Question, ui: QuizUi): Promise<string | null | undefined> {
  const opts = ui.timeLimitMs ? { timeoutMs: ui.timeLimitMs } : {};
  if (q.kind === 'mc' || q.kind === 'tf') {
    const choices = q.kind === 'tf' ? ['true', 'false'] : q.choices.map((c, i) => `${letterOf(i)}) ${c}`);
    const index = await askChoice(q.prompt, choices, ui.streams, opts);
    return index === null ? null : q.kind === 'tf' ? (index === 0 ? 'true' : 'false') : letterOf(index);
  }
  if (q.kind === 'match') {
    ui.streams.output.write(`${q.prompt}\n${choiceLines('match', q.choices, ui.columns()).map((l) => `  ${l}`).join('\n')}\n`);
    return askLine('Pairs (e.g. 1c 2a 3b 4d):', ui.streams, opts);
  }
  return askLine(q.prompt, ui.streams, opts);
}
