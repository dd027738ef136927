/**
 * Grading a quiz answered from a file or a prompt (SPEC §4): a letter or the choice text for
 * multiple choice; true/false in English or Chinese; `1c 2a 3b` pairs for matching (partial credit
 * per pair); free text for typed and cloze questions, graded by grading.ts.
 */
import { mentions } from './answer-forms.js';
import { foldAnswer, gradeTyped, needsPinyin, type ToPinyin } from './grading.js';
import { keypointCoverage } from './keypoints.js';
import type { Question, Quiz } from './quiz.js';
import type { Localized } from './text.js';

export interface GradedItem {
  n: number;
  card: string;
  kind: Question['kind'];
  given: string;
  correct: boolean;
  /** 0..1: a matching question earns a share per right pair */
  score: number;
  expected: string;
  /** a typed answer accepted with a typo: the accepted answer it was taken for */
  spelled?: string;
  /** the person said "I was right" after a wrong grade: counted right, and kept as such */
  overridden?: boolean;
}

export interface QuizResult {
  seed: number;
  score: number;
  total: number;
  percent: number;
  items: GradedItem[];
  by_tag: Record<string, { score: number; total: number }>;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '对', '是', '正确', '真']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '错', '否', '错误', '假']);

export function letterOf(index: number, upper = true): string {
  const l = LETTERS[index] ?? '?';
  return upper ? l.toUpperCase() : l;
}

/** The right answer as a person would type it. */
export function expectedAnswer(q: Question): string {
  const s = q.solution;
  switch (s.kind) {
    case 'mc':
      return letterOf(s.index);
    case 'tf':
      return s.value ? 'true' : 'false';
    case 'match':
      return s.pairs.map((c, i) => `${i + 1}${letterOf(c, false)}`).join(' ');
    default:
      return s.display;
  }
}

/** Parse `1c 2a 3-b, 4:d` into term index -> choice index. */
export function parsePairs(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  for (const m of text.toLowerCase().matchAll(/(\d+)\s*[-:.)=]?\s*([a-z])/g)) pairs.set(Number(m[1]) - 1, LETTERS.indexOf(m[2]!));
  return pairs;
}

export function gradeItem(q: Question, givenRaw: string, toPinyin?: ToPinyin): GradedItem {
  const given = givenRaw.trim();
  const s = q.solution;
  let score = 0;
  let spelled: string | undefined;
  switch (s.kind) {
    case 'mc': {
      const letter = /^([a-z])[).:]?$/i.exec(given);
      const index = letter
        ? LETTERS.indexOf(letter[1]!.toLowerCase())
        : q.choices.findIndex((c) => foldAnswer(c) === foldAnswer(given) && foldAnswer(given) !== '');
      score = index === s.index ? 1 : 0;
      break;
    }
    case 'tf': {
      const word = given.toLowerCase().replace(/[.!。！]$/, '');
      const value = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : null;
      score = value === s.value ? 1 : 0;
      break;
    }
    case 'match': {
      const pairs = parsePairs(given);
      const right = s.pairs.filter((c, i) => pairs.get(i) === c).length;
      score = right / s.pairs.length;
      break;
    }
    default: {
      const typed = gradeTyped(given, s.accepted, toPinyin);
      score = typed.verdict === 'wrong' ? 0 : 1;
      if (typed.verdict === 'close') spelled = typed.closest;
      if (score === 0 && s.open && given) score = openAnswerCovers(given, s.accepted, s.open.keypoints, toPinyin) ? 1 : 0;
    }
  }
  const item: GradedItem = { n: q.n, card: q.card, kind: q.kind, given, correct: score === 1, score, expected: expectedAnswer(q) };
  if (spelled !== undefined) item.spelled = spelled;
  return item;
}

/**
 * An answer to an open question is right when it names one of the note's key words, or covers at
 * least half of its key points (meaning-bearing words, in either language).
 */
function openAnswerCovers(given: string, keyWords: readonly string[], keypoints: readonly Localized[], toPinyin?: ToPinyin): boolean {
  // The key words are the short accepted answers; the model answer itself is matched whole.
  if (keyWords.some((k) => k.length <= 60 && mentions(given, k))) return true;
  if (keypoints.length === 0) return false;
  const covered = keypoints.filter((k) => keypointCoverage(given, k, toPinyin).covered).length;
  return covered * 2 >= keypoints.length;
}

/** The item as the person overruled it ("I was right"): right, and marked as overruled. */
export function overrule(item: GradedItem): GradedItem {
  return item.correct ? item : { ...item, correct: true, score: 1, overridden: true };
}

/**
 * Grade one answer per question, in order; missing answers are wrong. `overruled` holds the
 * numbers of questions the person declared right after a wrong grade.
 */
export function gradeQuiz(quiz: Quiz, answers: readonly string[], toPinyin?: ToPinyin, overruled: ReadonlySet<number> = new Set()): QuizResult {
  const items = quiz.questions.map((q, i) => {
    const item = gradeItem(q, answers[i] ?? '', toPinyin);
    return overruled.has(q.n) ? overrule(item) : item;
  });
  const by_tag: QuizResult['by_tag'] = {};
  quiz.questions.forEach((q, i) => {
    for (const tag of q.tags) {
      const t = (by_tag[tag] ??= { score: 0, total: 0 });
      t.score += items[i]!.score;
      t.total += 1;
    }
  });
  const score = items.reduce((n, it) => n + it.score, 0);
  const total = items.length;
  return { seed: quiz.seed, score, total, percent: total === 0 ? 0 : (100 * score) / total, items, by_tag };
}

/** Whether grading these answers could use pinyin (so the converter is worth loading). */
export function quizNeedsPinyin(quiz: Quiz, answers: readonly string[]): boolean {
  return quiz.questions.some((q, i) => (q.solution.kind === 'typed' || q.solution.kind === 'cloze') && needsPinyin(answers[i] ?? '', q.solution.accepted));
}
