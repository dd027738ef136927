/**
 * `interview` (issue 5): open questions from notes with key points, weakest topics first; each
 * answer's key points marked covered or not; a report saved as Markdown under data/interviews/.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keypointCoverage, suggestedRating } from '../core/keypoints.js';
import type { ToPinyin } from '../core/grading.js';
import type { Rating } from '../core/states.js';
import { pickLang, type Lang, type Localized } from '../core/text.js';
import { CancelledError, UserError } from '../errors.js';
import { answerKey, schedulerFor } from './answer.js';
import { autoBackup } from './backup.js';
import type { AppContext } from './context.js';
import { loadPinyin } from './pinyin.js';

export interface InterviewQuestion {
  card: string;
  note: string;
  deck: string;
  tags: string[];
  question: string;
  /** the model answer, for the report */
  answer: string;
  keypoints: Localized[];
  /** how weak the topic is: lower comes first */
  weakness: { retrievability: number; quizScore: number };
}

/**
 * Notes with key points (question notes with 3-6 of them, usually), weakest first: lowest
 * retrievability of the note's card, then the worst quiz and interview results, then by key.
 */
export function interviewQuestions(ctx: AppContext, decks: readonly string[], tags: readonly string[], lang: Lang): InterviewQuestion[] {
  const scheduler = schedulerFor(ctx.settings);
  const quizScores = ctx.store.quiz.noteScores();
  const coverage = ctx.store.quiz.interviewCoverage();
  const out: InterviewQuestion[] = [];
  for (const stored of ctx.store.notes.present(decks, tags)) {
    const note = stored.note;
    if (note.keypoints.length === 0 || note.kind === 'cloze') continue;
    const key = `${stored.key}:forward`;
    const card = ctx.store.cards.get(key);
    if (!card || card.suspended) continue;
    const question = note.kind === 'glossary' ? note.term : note.front;
    const answer = note.kind === 'glossary' ? note.definition : note.back;
    const quiz = Math.min(quizScores.get(stored.key) ?? 1, coverage.get(stored.key) ?? 1);
    out.push({
      card: key,
      note: stored.key,
      deck: stored.deck,
      tags: [...note.tags],
      question: pickLang(question, lang),
      answer: pickLang(answer, lang),
      keypoints: [...note.keypoints],
      weakness: { retrievability: scheduler.retrievability(card.memory, ctx.now), quizScore: quiz },
    });
  }
  out.sort((a, b) => a.weakness.retrievability - b.weakness.retrievability || a.weakness.quizScore - b.weakness.quizScore || (a.card < b.card ? -1 : 1));
  if (out.length === 0) throw new UserError('no notes with keypoints match the selection (check --deck and --tag)');
  return out;
}

export interface KeypointMark {
  text: string;
  covered: boolean;
  /** the key point's words found in the answer: why it was marked covered */
  matched: string[];
}

/** Mark each key point of a question covered or not by the answer. */
export function markAnswer(q: InterviewQuestion, answer: string, lang: Lang, toPinyin?: ToPinyin): KeypointMark[] {
  return q.keypoints.map((k) => {
    const c = keypointCoverage(answer, k, toPinyin);
    return { text: pickLang(k, lang), covered: c.covered, matched: c.matched };
  });
}

export interface InterviewItem {
  n: number;
  card: string;
  question: string;
  answer: string;
  model_answer: string;
  keypoints: KeypointMark[];
  covered: number;
  total: number;
  rating: Rating;
  tags: string[];
}

export interface InterviewReport {
  started: string;
  questions: InterviewItem[];
  /** share of all key points covered (0..1) */
  coverage: number;
  /** topics (tags) to study next, weakest first, with the key points missed */
  study_next: { tag: string; covered: number; total: number }[];
  missed: { card: string; keypoint: string }[];
  report_file: string | null;
}

export function itemFor(n: number, q: InterviewQuestion, answer: string, marks: KeypointMark[], rating?: Rating): InterviewItem {
  const covered = marks.filter((m) => m.covered).length;
  return {
    n,
    card: q.card,
    question: q.question,
    answer,
    model_answer: q.answer,
    keypoints: marks,
    covered,
    total: marks.length,
    rating: rating ?? suggestedRating(covered, marks.length),
    tags: q.tags,
  };
}

/**
 * Store the answers (for statistics and the next interview's order), optionally record each rating
 * as a review of its card (source quiz), and write the Markdown report under data/interviews/.
 */
export function finishInterview(ctx: AppContext, started: Date, items: InterviewItem[], opts: { schedule: boolean; save: boolean }): InterviewReport {
  const scheduler = opts.schedule ? schedulerFor(ctx.settings) : null;
  ctx.store.writeTransaction(() => {
    for (const it of items) {
      ctx.store.quiz.recordInterview({
        session: started.toISOString(),
        at: ctx.now,
        card: it.card,
        note: it.card.slice(0, it.card.lastIndexOf(':')),
        answer: it.answer,
        keypoints: it.keypoints.map((k) => k.text),
        covered: it.keypoints.map((k) => k.covered),
        rating: it.rating,
      });
      if (scheduler) answerKey(ctx, it.card, it.rating, { source: 'quiz' }, scheduler);
    }
  });
  const byTag = new Map<string, { covered: number; total: number }>();
  for (const it of items) {
    for (const tag of it.tags) {
      const t = byTag.get(tag) ?? { covered: 0, total: 0 };
      t.covered += it.covered;
      t.total += it.total;
      byTag.set(tag, t);
    }
  }
  const total = items.reduce((n, it) => n + it.total, 0);
  const report: InterviewReport = {
    started: started.toISOString(),
    questions: items,
    coverage: total === 0 ? 0 : items.reduce((n, it) => n + it.covered, 0) / total,
    study_next: [...byTag]
      .filter(([, v]) => v.covered < v.total)
      .sort((a, b) => a[1].covered / a[1].total - b[1].covered / b[1].total || a[0].localeCompare(b[0]))
      .slice(0, 8)
      .map(([tag, v]) => ({ tag, ...v })),
    missed: items.flatMap((it) => it.keypoints.filter((k) => !k.covered).map((k) => ({ card: it.card, keypoint: k.text }))),
    report_file: null,
  };
  if (opts.save && items.length > 0) report.report_file = saveMarkdown(ctx, started, report);
  return report;
}

function saveMarkdown(ctx: AppContext, started: Date, r: InterviewReport): string {
  const dir = join(ctx.dataDir, 'interviews');
  const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.md`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.tmp`, interviewMarkdown(r));
    renameSync(`${file}.tmp`, file);
  } catch (err) {
    throw new UserError(`cannot save the interview report in ${dir}: ${(err as Error).message}`);
  }
  return file;
}

export function interviewMarkdown(r: InterviewReport): string {
  const lines = [`# Mock interview, ${r.started.slice(0, 16).replace('T', ' ')} UTC`, '', `Key points covered: ${Math.round(r.coverage * 100)}%`, ''];
  for (const q of r.questions) {
    lines.push(`## ${q.n}. ${q.question}`, '', `Rating: ${q.rating} · ${q.covered}/${q.total} key points`, '');
    for (const k of q.keypoints) lines.push(`- [${k.covered ? 'x' : ' '}] ${k.text}${k.matched?.length ? ` (matched: ${k.matched.join(', ')})` : ''}`);
    lines.push(
      '',
      '**Your answer**',
      '',
      q.answer.trim()
        ? q.answer
            .trim()
            .split('\n')
            .map((l) => `> ${l}`)
            .join('\n')
        : '> (no answer)',
      '',
      '**Model answer**',
      '',
      q.model_answer,
      '',
    );
  }
  if (r.study_next.length > 0) {
    lines.push('## Study next', '');
    for (const t of r.study_next) lines.push(`- ${t.tag}: ${t.covered}/${t.total} key points`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Where an interview's answers come from. */
export type InterviewAnswers =
  /** a scripted run: the text of the answers file, the answers separated by lines of `---` */
  | { scripted: () => Promise<string> }
  /** a person at the terminal (cli/interview-session.ts): the items, and whether Ctrl-C ended it */
  | { ask: (questions: InterviewQuestion[]) => Promise<{ items: InterviewItem[]; interrupted: boolean }> };

export interface InterviewRun {
  decks: readonly string[];
  tags: readonly string[];
  lang: Lang;
  /** at most this many questions */
  count?: number;
  /** a scripted run records its answers as reviews only when asked (an interactive one always does) */
  schedule: boolean;
}

/** The answers of a scripted interview, in order: separated by lines of `---`. */
export function scriptedAnswers(text: string): string[] {
  const answers = text
    .replace(/\r\n?/g, '\n')
    .split(/^---[ \t]*$/m)
    .map((a) => a.trim());
  if (answers.length > 0 && answers.at(-1) === '') answers.pop();
  return answers;
}

/**
 * `llmcards interview`: the questions, their answers (scripted or asked), the report stored and
 * saved, then shown. Throws CancelledError after showing it when the person stopped early.
 */
export async function conductInterview(
  ctx: AppContext,
  req: InterviewRun,
  from: InterviewAnswers,
  show: (report: InterviewReport) => Promise<void>,
): Promise<void> {
  const questions = interviewQuestions(ctx, req.decks, req.tags, req.lang);
  const started = ctx.now;
  let items: InterviewItem[];
  let interrupted = false;
  if ('scripted' in from) {
    const answers = scriptedAnswers(await from.scripted());
    const toPinyin = await loadPinyin();
    items = answers.slice(0, req.count ?? answers.length).flatMap((answer, i) => {
      const q = questions[i];
      return q ? [itemFor(i + 1, q, answer, markAnswer(q, answer, req.lang, toPinyin))] : [];
    });
  } else {
    ({ items, interrupted } = await from.ask(questions.slice(0, req.count ?? questions.length)));
    autoBackup(ctx);
  }
  const report = finishInterview(ctx, started, items, { schedule: !('scripted' in from) || req.schedule, save: true });
  await show(report);
  // Ctrl-C ended it: the answers given are saved and reported; the exit says how it ended.
  if (interrupted) throw new CancelledError();
}
