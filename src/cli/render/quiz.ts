/**
 * Text for quizzes: the printed questions, feedback after each answer, and the result with a bar
 * per tag and the missed questions.
 */
import type { QuizNotice } from '../../app/quiz.js';
import type { Question } from '../../core/quiz.js';
import { foldAnswer } from '../../core/grading.js';
import { expectedAnswer, letterOf, parsePairs, type GradedItem, type QuizResult } from '../../core/quiz-grade.js';
import { padEnd, width, wrap } from './layout.js';
import type { Theme } from './theme.js';

export interface PrintedQuiz {
  seed: number;
  questions: { n: number; card: string; kind: string; prompt: string; choices: string[] }[];
}

const indent = (lines: string[], by = '   ') => lines.map((l) => (l ? `${by}${l}` : l));

export function choiceLines(kind: string, choices: readonly string[], columns: number): string[] {
  if (kind === 'tf') return ['true / false'];
  return choices.flatMap((c, i) => {
    const label = kind === 'match' ? `${letterOf(i, false)})` : `${letterOf(i)})`;
    const [first = '', ...rest] = wrap(c, Math.max(20, columns - 10));
    return [`${label} ${first}`, ...rest.map((r) => `   ${r}`)];
  });
}

export function renderPrinted(q: PrintedQuiz, t: Theme, columns: number): string {
  const out = [t.c.dim(`quiz · seed ${q.seed} · ${q.questions.length} questions`), ''];
  for (const x of q.questions) {
    const [head = '', ...body] = wrap(x.prompt, Math.max(20, columns - 6));
    out.push(`${t.c.bold(`${x.n}.`)} ${head} ${t.c.dim(`[${x.kind}]`)}`, ...indent(body), ...indent(choiceLines(x.kind, x.choices, columns)), '');
  }
  return out.join('\n');
}

/** An example of the pairs answer that fits the item count: "1b 2a 3d 4c". */
export function matchExample(count: number): string {
  const order = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? Math.min(i + 1, count - 1) : i - 1));
  return order.map((c, i) => `${i + 1}${letterOf(c, false)}`).join(' ');
}

/**
 * After an answer: right or wrong with the right answer (also when a typo or an alias was
 * accepted), whose definition a false statement showed, each pair of a matching question, the
 * card's back, and the note's explanation.
 */
export function renderFeedback(q: Question, item: GradedItem, t: Theme, columns: number): string {
  const w = Math.max(20, columns - 4);
  const lines: string[] = [];
  const s = q.solution;
  if (item.correct) {
    const typed = s.kind === 'typed' || s.kind === 'cloze';
    // "✓ right (langchain)": the spelling the grader forgave, or the canonical form of an alias.
    const shown = typed && !s.open && foldAnswer(item.given) !== foldAnswer(s.display) ? ` (${s.display})` : '';
    lines.push(`${t.c.green('✓ right')}${shown}${item.overridden ? t.c.dim(' (you overruled the grade)') : ''}`);
  } else {
    const partial = item.score > 0 ? ` (${Math.round(item.score * 100)}%)` : '';
    const answer = s.kind === 'typed' && s.open ? '' : ` — the answer: ${t.c.bold(answerText(q))}`;
    lines.push(...wrap(`${t.c.red('✗ wrong')}${partial}${answer}`, w));
  }
  if (q.swapped) {
    const term = q.swapped.asked;
    lines.push(...wrap(`That is the definition of ${t.c.bold(q.swapped.term)}. ${t.c.bold(term)} is: ${q.swapped.own}`, w));
  }
  if (s.kind === 'match' && q.pairs) lines.push(...matchPairs(q, item, t, w));
  if (q.back) lines.push(...wrap(q.back, w));
  if (q.explanation) lines.push(...wrap(q.explanation, w).map((l) => t.c.dim(l)));
  return indent(lines, '  ').join('\n');
}

/** Each pair of a matching question: right, or what was given and what is right. */
function matchPairs(q: Question, item: GradedItem, t: Theme, w: number): string[] {
  const s = q.solution as Extract<Question['solution'], { kind: 'match' }>;
  const given = parsePairs(item.given);
  const lines: string[] = [];
  if (given.size > 0 && given.size < s.pairs.length) lines.push(t.c.yellow(`you gave ${given.size} of ${s.pairs.length} pairs`));
  s.pairs.forEach((c, i) => {
    const pair = q.pairs![i]!;
    const mine = given.get(i);
    const head = `${i + 1}${letterOf(c, false)} ${pair.term}`;
    if (mine === c) lines.push(`${t.c.green('✓')} ${head}`);
    else {
      const yours = mine === undefined ? 'no answer' : `you: ${i + 1}${letterOf(mine, false)}`;
      lines.push(...wrap(`${t.c.red('✗')} ${head} (${yours}): ${pair.definition.split('\n')[0]}`, w));
    }
  });
  return lines;
}

/** The right answer spelled out: as it would be typed, with a multiple-choice option's text. */
export function answerText(q: Question): string {
  const typed = expectedAnswer(q);
  return q.solution.kind === 'mc' ? `${typed}) ${q.choices[q.solution.index]}` : typed;
}

export function renderResult(r: QuizResult, questions: readonly Question[], t: Theme, columns: number, durationMs?: number): string {
  const pct = Math.round(r.percent * 10) / 10;
  const color = pct >= 80 ? t.c.green : pct >= 50 ? t.c.yellow : t.c.red;
  const time = durationMs === undefined ? '' : ` in ${Math.round(durationMs / 1000)} s`;
  const lines = ['', `${t.c.bold('Score')} ${color(`${fmt(r.score)}/${r.total} (${pct}%)`)}${time} · seed ${r.seed}`];
  const tags = Object.entries(r.by_tag).sort((a, b) => a[1].score / a[1].total - b[1].score / b[1].total);
  if (tags.length > 0) {
    lines.push('', t.c.bold('By tag'));
    const nameWidth = Math.min(20, Math.max(...tags.map(([k]) => width(k))));
    const barWidth = Math.max(10, Math.min(30, columns - nameWidth - 20));
    for (const [tag, s] of tags) {
      const share = s.total ? s.score / s.total : 0;
      const filled = Math.round(share * barWidth);
      const bar = (share >= 0.8 ? t.c.green : share >= 0.5 ? t.c.yellow : t.c.red)('█'.repeat(filled)) + t.c.dim('░'.repeat(barWidth - filled));
      lines.push(`  ${padEnd(tag.slice(0, 20), nameWidth)}  ${bar} ${fmt(s.score)}/${s.total}`);
    }
  }
  const missed = r.items.filter((it) => !it.correct);
  if (missed.length > 0) {
    lines.push('', t.c.bold('Missed'));
    for (const it of missed) {
      const q = questions[it.n - 1]!;
      const prompt = q.prompt.split('\n').slice(-1)[0] ?? '';
      lines.push(...wrap(`${it.n}. ${prompt}`, Math.max(20, columns - 4)).map((l) => `  ${l}`));
      lines.push(`     ${t.c.dim('you:')} ${it.given || '—'}   ${t.c.dim('answer:')} ${t.c.bold(answerText(q))}`);
    }
  }
  return lines.join('\n');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** What a quiz tells the person beside its result. */
export function quizNotice(n: QuizNotice): string {
  const cards = (k: number) => `${k} card${k === 1 ? '' : 's'}`;
  switch (n.kind) {
    case 'nothing-answered':
      return 'No question was answered; nothing saved.\n';
    case 'stopped':
      return `Stopped after ${n.asked} of ${n.of} questions; the answers given are saved.\n`;
    case 'relearned': {
      let text = n.due > 0 ? `${cards(n.due)} will come up in today's review.\n` : '';
      // A card never studied has no schedule to move: say what happens to it instead.
      if (n.new > 0)
        text += `${cards(n.new)} never studied ${n.new === 1 ? 'stays a new card' : 'stay new cards'}: ${n.new === 1 ? 'it comes' : 'they come'} up among the new cards, in deck order, as the daily new-card limit allows.\n`;
      return text;
    }
  }
}
