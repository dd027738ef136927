/**
 * Whether a spoken (typed) answer covers a key point (interview mode, issue 5): the share of the key
 * point's content words found in the answer — English words with small typos and inflections
 * forgiven, Chinese by two-character pieces — in any of the key point's languages; Chinese also
 * through pinyin when the answer is written in Latin letters.
 */
import { distance } from 'fastest-levenshtein';
import type { ToPinyin } from './grading.js';
import { allVariants, type Localized } from './text.js';

/** A key point counts as covered when at least this share of its content words is in the answer. */
export const COVERED_SHARE = 0.5;

const STOPWORDS = new Set(
  'the a an and or of to in on for with by from as at is are was were be been being it its this that these those which who whom what when where why how than then into onto over under via per each every any all some such not no can could may might must should would will shall do does did has have had their there they them its our your his her we you i e.g i.e etc vs'.split(' '),
);

const CJK = /[\u3400-\u9fff]/;

export interface Coverage {
  covered: boolean;
  /** 0..1: share of the key point's content words found */
  share: number;
}

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** The content words of a text: English words (no stop words) and Chinese two-character pieces. */
export function contentWords(text: string): string[] {
  const t = fold(text);
  const words = (t.match(/[a-z0-9][a-z0-9+#.-]*/g) ?? []).map((w) => w.replace(/[.-]+$/, '')).filter((w) => w.length >= 2 && !STOPWORDS.has(w));
  const pieces: string[] = [];
  for (const run of t.match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) pieces.push(run);
    for (let i = 0; i + 1 < run.length; i++) pieces.push(run.slice(i, i + 2));
  }
  return [...new Set([...words, ...pieces])];
}

function wordFound(word: string, answerWords: readonly string[], answer: string): boolean {
  if (CJK.test(word)) return answer.includes(word);
  if (answer.includes(word)) return true;
  // "rankings" for "ranking", "optimise" for "optimize", a letter off in a long word.
  return answerWords.some((a) => (word.length >= 5 && a.length >= 5 && (a.startsWith(word.slice(0, 5)) || word.startsWith(a.slice(0, 5))) && distance(a, word) <= 3) || (word.length >= 6 && distance(a, word) <= 1));
}

/** How much of one key point (in any of its languages) the answer covers. */
export function keypointCoverage(answer: string, keypoint: Localized, toPinyin?: ToPinyin): Coverage {
  const a = fold(answer);
  const answerWords = a.match(/[a-z0-9][a-z0-9+#.-]*/g) ?? [];
  const answerPinyin = toPinyin && !CJK.test(a) ? a.replace(/[^a-z0-9]/g, '') : null;
  let best = 0;
  for (const variant of allVariants(keypoint)) {
    const words = contentWords(variant);
    if (words.length === 0) continue;
    const found = words.filter((w) => wordFound(w, answerWords, a) || (answerPinyin !== null && CJK.test(w) && answerPinyin.includes(toPinyin!(w)))).length;
    best = Math.max(best, found / words.length);
  }
  return { covered: best >= COVERED_SHARE, share: best };
}

/** The rating an answer's coverage suggests: most key points good, half hard, fewer again. */
export function suggestedRating(covered: number, total: number): 'again' | 'hard' | 'good' {
  const share = total === 0 ? 0 : covered / total;
  return share >= 0.8 ? 'good' : share >= 0.5 ? 'hard' : 'again';
}
