/**
 * The interactive mock interview: one question at a time with the time left, a typed multi-line
 * answer, the key points marked covered or not (the person confirms or corrects them), a rating.
 */
import { itemFor, markAnswer, type InterviewItem, type InterviewQuestion } from '../app/interview.js';
import { loadPinyin } from '../app/pinyin.js';
import { suggestedRating } from '../core/keypoints.js';
import { RATINGS } from '../core/states.js';
import type { Lang } from '../core/text.js';
import { CancelledError } from '../errors.js';
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

export interface InterviewSession {
  items: InterviewItem[];
  /** ended with Ctrl-C: the answers so far are kept */
  interrupted: boolean;
}

export async function runInterview(questions: readonly InterviewQuestion[], ui: InterviewUi): Promise<InterviewSession> {
  const c = ui.theme.c;
  const out = (s: string) => ui.streams.output.write(`${s}\n`);
  const deadline = ui.elapsed() + ui.budgetMs;
  const timeLeft = () => deadline - ui.elapsed();
  const items: InterviewItem[] = [];
  const width = () => Math.max(20, ui.columns() - 4);
  out(c.dim(`Answer each question as you would aloud; an empty line ends your answer. ${formatClock(ui.budgetMs)} in all.`));
  let interrupted = false;
  for (const q of questions) {
    if (timeLeft() <= 0) break;
    const n = items.length + 1;
    out(`\n${c.bold(`Question ${n}`)} ${c.dim(`· ${formatClock(timeLeft())} left · ${q.deck}`)}`);
    for (const line of wrap(q.question, Math.max(20, ui.columns() - 2))) out(`  ${c.bold(line)}`);
    let answer: string;
    try {
      answer = await readAnswer(ui.streams, timeLeft);
    } catch (err) {
      if (!(err instanceof CancelledError)) throw err;
      // Ctrl-C while answering: the answer typed so far counts, marked automatically.
      const partial = (err as CancelledError & { partial?: string }).partial ?? '';
      if (partial.trim()) items.push(itemFor(n, q, partial, await marksFor(q, partial, ui.lang)));
      interrupted = true;
      break;
    }
    const marks = await marksFor(q, answer, ui.lang);
    // The model answer first, then the marks: the person judges with both in view.
    out(c.dim('  Model answer:'));
    for (const line of wrap(q.answer, width())) out(`  ${line}`);
    out(c.dim('  Key points (✓ found in your answer, with the words that matched):'));
    for (const m of marks) {
      const why = m.matched.length > 0 ? c.dim(` — matched: ${m.matched.join(', ')}`) : '';
      const [first = '', ...rest] = wrap(`${m.text.split('\n').join(' / ')}`, width() - 4);
      out(`  ${m.covered ? c.green('✓') : c.red('✗')} ${first}${rest.length === 0 ? why : ''}`);
      rest.forEach((l, i) => out(`    ${l}${i === rest.length - 1 ? why : ''}`));
    }
    try {
      const ticked = await askChecks(
        'Correct the marks (space toggles, enter confirms):',
        marks.map((m) => ({ name: m.text.split('\n').join('\n   '), checked: m.covered })),
        ui.streams,
      );
      const confirmed = marks.map((m, i) => ({ ...m, covered: ticked ? ticked.includes(i) : m.covered }));
      const covered = confirmed.filter((m) => m.covered).length;
      const suggested = suggestedRating(covered, confirmed.length);
      const choice = await askChoiceWithDefault(
        `How did it go? (${covered}/${confirmed.length} key points)`,
        [...RATINGS],
        RATINGS.indexOf(suggested),
        ui.streams,
      );
      items.push(itemFor(n, q, answer, confirmed, choice === null ? suggested : RATINGS[choice]));
    } catch (err) {
      if (!(err instanceof CancelledError)) throw err;
      items.push(itemFor(n, q, answer, marks));
      interrupted = true;
      break;
    }
  }
  if (!interrupted && timeLeft() <= 0) out(c.yellow('\nTime is up.'));
  return { items, interrupted };
}

async function marksFor(q: InterviewQuestion, answer: string, lang: Lang) {
  const pinyin = /[a-z]/i.test(answer) ? await loadPinyin() : undefined;
  return markAnswer(q, answer, lang, pinyin);
}
