/**
 * The interactive mock interview: one question at a time with the time left, a typed multi-line
 * answer, the key points marked covered or not (the person confirms or corrects them), a rating.
 */
import { itemFor, markAnswer, type InterviewItem, type InterviewQuestion } from '../app/interview.js';
import { loadPinyin } from '../app/pinyin.js';
import { suggestedRating } from '../core/keypoints.js';
import { RATINGS } from '../core/states.js';
import type { Lang } from '../core/text.js';
import { formatClock, readAnswer } from './multiline.js';
import { askChecks, askChoiceWithDefault } from './prompts.js';
import { wrap } from './render/layout.js';
import type { Theme } from './render/theme.js';
import type { TtyStreams } from './terminal.js';

export interface InterviewUi {
  streams: TtyStreams;
  theme: Theme;
  lang: Lang;
  columns: () => number;
  elapsed: () => number;
  budgetMs: number;
}

export async function runInterview(questions: readonly InterviewQuestion[], ui: InterviewUi): Promise<InterviewItem[]> {
  const c = ui.theme.c;
  const out = (s: string) => ui.streams.output.write(`${s}\n`);
  const deadline = ui.elapsed() + ui.budgetMs;
  const timeLeft = () => deadline - ui.elapsed();
  const items: InterviewItem[] = [];
  out(c.dim(`Answer each question as you would aloud; an empty line ends your answer. ${formatClock(ui.budgetMs)} in all.`));
  for (const q of questions) {
    if (timeLeft() <= 0) break;
    const n = items.length + 1;
    out(`\n${c.bold(`Question ${n}`)} ${c.dim(`· ${formatClock(timeLeft())} left · ${q.deck}`)}`);
    for (const line of wrap(q.question, Math.max(20, ui.columns() - 2))) out(`  ${c.bold(line)}`);
    const answer = await readAnswer(ui.streams, timeLeft);
    const pinyin = /[a-z]/i.test(answer) ? await loadPinyin() : undefined;
    const marks = markAnswer(q, answer, ui.lang, pinyin);
    const ticked = await askChecks(
      'Key points you covered (space toggles, enter confirms):',
      marks.map((m) => ({ name: m.text, checked: m.covered })),
      ui.streams,
    );
    const confirmed = marks.map((m, i) => ({ ...m, covered: ticked ? ticked.includes(i) : m.covered }));
    const covered = confirmed.filter((m) => m.covered).length;
    const suggested = suggestedRating(covered, confirmed.length);
    const choice = await askChoiceWithDefault(`How did it go? (${covered}/${confirmed.length} key points)`, [...RATINGS], RATINGS.indexOf(suggested), ui.streams);
    items.push(itemFor(n, q, answer, confirmed, choice === null ? suggested : RATINGS[choice]));
    const modelLines = wrap(q.answer, Math.max(20, ui.columns() - 4)).map((l) => `  ${c.dim(l)}`);
    out(`${c.dim('  Model answer:')}\n${modelLines.join('\n')}`);
  }
  if (timeLeft() <= 0) out(c.yellow('\nTime is up.'));
  return items;
}
