/**
 * How fair a set of quizzes is (issue 14, `npm run quiz-quality` and its test): over many seeds and
 * every mode, count the multiple-choice questions with fewer than four distinct options, with an
 * option from another top-level deck, with two options that say the same thing, the prompts that
 * name their own answer, how often the right option is the longest, and the cloze prompts that
 * show their answer. Pure: the caller reads the decks.
 */
import { answerKeys, equivalent, mentions } from './answer-forms.js';
import { gapAnswers, gapNumbers } from './cloze.js';
import type { Note } from './notes.js';
import { buildQuiz, topDeck, QUIZ_MODES, type PoolNote, type Question, type QuizMode } from './quiz.js';
import { createRng } from './random.js';
import { allVariants, type Lang, type Localized } from './text.js';

export interface QualityFigures {
  quizzes: number;
  questions: number;
  mc: number;
  /** multiple-choice questions with fewer than 4 distinct options */
  fewerThanFour: number;
  /** multiple-choice questions with an option found only in another top-level deck */
  mixingDecks: number;
  /** multiple-choice questions with two options that are aliases, expansions or abbreviations of each other */
  equivalentOptions: number;
  /** questions whose prompt names their own answer */
  answerInPrompt: number;
  /** multiple-choice questions whose right option is strictly the longest */
  rightLongest: number;
  /** cloze questions asked under --lang both */
  clozeBoth: number;
  /** of those, prompts that show the gap's answer in either language */
  clozeShown: number;
  /** the first few offending questions, to look at */
  examples: string[];
}

export interface QualityRun {
  pool: readonly PoolNote[];
  seeds: number;
  count: number;
  modes?: readonly QuizMode[];
  langs?: readonly Lang[];
  /** the quiz builder to judge (by default this program's) */
  build?: typeof buildQuiz;
}

const texts = (l: Localized | undefined) => allVariants(l);

/** Every answer-like text a note holds: what an option could have been taken from. */
function noteTexts(n: Note): string[] {
  const own = Array.isArray(n.distractors) ? n.distractors : Object.values(n.distractors as Record<string, Localized[]>).flat();
  const out = [...n.answers, ...own.flatMap(texts)];
  if (n.kind === 'glossary') out.push(...texts(n.term));
  if (n.kind === 'question') out.push(...texts(n.back));
  if (n.kind === 'cloze') for (const v of texts(n.cloze)) for (const g of gapNumbers(v)) out.push(...gapAnswers(v, g));
  return out;
}

const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3400-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);

export function quizQuality(run: QualityRun): QualityFigures {
  const byKey = new Map(run.pool.map((p) => [p.key, p]));
  // Which top-level decks hold each answer form.
  const owners = new Map<string, Set<string>>();
  for (const p of run.pool) {
    for (const t of noteTexts(p.note)) {
      for (const k of answerKeys(t)) (owners.get(k) ?? owners.set(k, new Set()).get(k)!).add(topDeck(p.deck));
    }
  }
  const f: QualityFigures = {
    quizzes: 0,
    questions: 0,
    mc: 0,
    fewerThanFour: 0,
    mixingDecks: 0,
    equivalentOptions: 0,
    answerInPrompt: 0,
    rightLongest: 0,
    clozeBoth: 0,
    clozeShown: 0,
    examples: [],
  };
  const flag = (q: Question, what: string) => {
    if (f.examples.length < 20) f.examples.push(`${q.card} [${q.kind}] ${what}: ${q.prompt.replace(/\s+/g, ' ').slice(0, 90)} | ${q.choices.join(' | ')}`);
  };
  for (const mode of run.modes ?? QUIZ_MODES) {
    for (const lang of run.langs ?? (['both', 'en', 'zh'] as const)) {
      for (let seed = 1; seed <= run.seeds; seed++) {
        const quiz = (run.build ?? buildQuiz)(run.pool, { count: run.count, mode, lang }, createRng(seed), seed);
        f.quizzes++;
        for (const q of quiz.questions) {
          f.questions++;
          const p = byKey.get(q.card.slice(0, q.card.lastIndexOf(':')));
          if (!p) continue;
          check(q, p, lang);
        }
      }
    }
  }
  return f;

  function check(q: Question, p: PoolNote, lang: Lang) {
    const s = q.solution;
    const note = p.note;
    if (s.kind === 'mc') {
      f.mc++;
      const right = q.choices[s.index] ?? '';
      const distinct = new Set(q.choices.map((c) => [...answerKeys(c)][0] ?? c));
      if (q.choices.length < 4 || distinct.size < 4) f.fewerThanFour++, flag(q, 'fewer than 4 options');
      const top = topDeck(p.deck);
      const foreign = q.choices.filter((c) => {
        const holders = new Set([...answerKeys(c)].flatMap((k) => [...(owners.get(k) ?? [])]));
        return holders.size > 0 && !holders.has(top);
      });
      if (foreign.length > 0) f.mixingDecks++, flag(q, `from another deck: ${foreign.join(', ')}`);
      const aliases = [...note.answers, ...(note.kind === 'glossary' ? texts(note.term) : note.kind === 'question' ? texts(note.back) : [])];
      let same = false;
      q.choices.forEach((c, i) => {
        q.choices.forEach((d, j) => {
          if (j > i && equivalent(c, d)) same = true;
        });
        if (i !== s.index && aliases.some((a) => equivalent(a, c))) same = true;
      });
      if (same) f.equivalentOptions++, flag(q, 'two equivalent options');
      if (mentions(q.prompt, right)) f.answerInPrompt++, flag(q, 'names its answer');
      if (q.choices.every((c, i) => i === s.index || width(c) < width(right))) f.rightLongest++;
    } else if ((s.kind === 'typed' || s.kind === 'cloze') && !s.open) {
      if (mentions(q.prompt, s.display)) f.answerInPrompt++, flag(q, 'names its answer');
    }
    if (note.kind === 'cloze' && lang === 'both') {
      f.clozeBoth++;
      const gap = Number(/:c(\d+)$/.exec(q.card)?.[1]);
      const answers = texts(note.cloze).flatMap((v) => gapAnswers(v, gap));
      if (answers.some((a) => mentions(q.prompt, a))) f.clozeShown++, flag(q, 'shows the gap');
    }
  }
}

/** The figures as lines of text, each with its target. */
export function qualityLines(f: QualityFigures): string[] {
  const pct = (n: number, of: number) => (of === 0 ? '0%' : `${Math.round((1000 * n) / of) / 10}%`);
  return [
    `${f.quizzes} quizzes, ${f.questions} questions, ${f.mc} multiple choice, ${f.clozeBoth} cloze under --lang both`,
    `multiple choice with fewer than 4 distinct options  ${f.fewerThanFour}   (target 0)`,
    `multiple choice mixing top-level decks              ${f.mixingDecks}   (target 0)`,
    `multiple choice with two equivalent options         ${f.equivalentOptions}   (target 0)`,
    `prompts naming their own answer                     ${f.answerInPrompt}   (target 0)`,
    `right option the longest                            ${pct(f.rightLongest, f.mc)}   (target at most 40%)`,
    `cloze prompts showing their answer (--lang both)    ${f.clozeShown}   (target 0)`,
  ];
}

/** Whether the figures meet issue 14's targets. */
export function qualityOk(f: QualityFigures): boolean {
  return (
    f.fewerThanFour === 0 && f.mixingDecks === 0 && f.equivalentOptions === 0 && f.answerInPrompt === 0 && f.clozeShown === 0 && f.rightLongest <= 0.4 * f.mc
  );
}
