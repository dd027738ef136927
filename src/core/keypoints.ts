/**
 * Whether a spoken (typed) answer covers a key point (interview mode, issue 5): the share of the key
 * point's content words found in the answer — English words with small typos and inflections
 * forgiven, Chinese by two-character pieces — in any of the key point's languages; Chinese also
 * through pinyin when the answer is written in Latin letters.
 */
import { distance } from 'fastest-levenshtein';
import { gradeTyped, type ToPinyin, type TypedGrade } from './grading.js';
import { allVariants, type Localized } from './text.js';

/** A key point counts as covered when at least this share of its content words is in the answer. */
export const COVERED_SHARE = 0.5;

const STOPWORDS = new Set(
  'the a an and or of to in on for with by from as at is are was were be been being it its this that these those which who whom what when where why how than then into onto over under via per each every any all some such not no can could may might must should would will shall do does did has have had their there they them its our your his her we you i e.g i.e etc vs'.split(
    ' ',
  ),
);

const CJK = /[\u3400-\u9fff]/;

export interface Coverage {
  covered: boolean;
  /** 0..1: share of the key point's content words found */
  share: number;
  /** the key point's words found in the answer (of its best-matching language), so the person sees why */
  matched: string[];
}

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** The content words of a text: English words (no stop words) and Chinese two-character pieces. */
export function contentWords(text: string): string[] {
  const t = fold(text);
  const words = (t.match(/[a-z0-9][a-z0-9+#.]*/g) ?? []).map((w) => w.replace(/[.]+$/, '')).filter((w) => w.length >= 2 && !STOPWORDS.has(w));
  const pieces: string[] = [];
  for (const run of t.match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) pieces.push(run);
    for (let i = 0; i + 1 < run.length; i++) pieces.push(run.slice(i, i + 2));
  }
  return [...new Set([...words, ...pieces])];
}

/**
 * Words that carry little of a key point's meaning ("choose and call tools": the tools matter), so
 * they do not count against an answer that names what does.
 */
const WEAK = new Set(
  'use uses used using make makes made get gets give gives take takes choose chooses call calls called way ways thing things also more most less very well like e.g based basis own until'.split(
    ' ',
  ),
);

/** The same word in another spelling or form: a few synonyms an answer may use. */
const SYNONYMS: Record<string, string> = {
  app: 'application',
  apps: 'application',
  doc: 'document',
  docs: 'document',
  db: 'database',
  llm: 'llm',
  llms: 'llm',
  lm: 'language-model',
  optimise: 'optimize',
  optimize: 'optimize',
  tool: 'tool',
  plugin: 'tool',
  plugins: 'tool',
  retrieve: 'retrieval',
  retrieving: 'retrieval',
  fetch: 'retrieval',
  index: 'index',
  indexes: 'index',
  indices: 'index',
  plan: 'planning',
  planning: 'planning',
  plans: 'planning',
  loop: 'iterate',
  loops: 'iterate',
  iterative: 'iterate',
  iteratively: 'iterate',
  iterate: 'iterate',
  iteration: 'iterate',
  repeatedly: 'iterate',
};

/** A rough English stem, synonyms folded first: "rankings" → "rank", "apps" → "applicat", "reasoning" → "reason". */
export function stem(word: string): string {
  let s = SYNONYMS[word] ?? word;
  if (s.length > 4 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us')) s = s.slice(0, -1);
  for (const suffix of ['ing', 'ed', 'es', 'e', 'ly', 'ation', 'ion']) {
    if (s.length - suffix.length >= 4 && s.endsWith(suffix)) return s.slice(0, -suffix.length);
  }
  return s;
}

function wordFound(word: string, answerStems: ReadonlySet<string>, answerWords: readonly string[], answer: string): boolean {
  if (CJK.test(word)) return answer.includes(word);
  if (answerStems.has(stem(word))) return true;
  // "optimise" for "optimize", a letter off in a long word.
  return answerWords.some(
    (a) =>
      (word.length >= 5 && a.length >= 5 && (a.startsWith(word.slice(0, 5)) || word.startsWith(a.slice(0, 5))) && distance(a, word) <= 3) ||
      (word.length >= 6 && distance(a, word) <= 1),
  );
}

/** Whether a word of a key point (or of an answer) is in `answer`: by stem, small typos, pinyin. */
function matcher(answer: string, toPinyin?: ToPinyin): (word: string) => boolean {
  const a = fold(answer);
  const answerWords = (a.match(/[a-z0-9][a-z0-9+#.]*/g) ?? []).map((w) => w.replace(/[.]+$/, ''));
  // "large language model(s)" is what "LLM" abbreviates.
  const answerStems = new Set(answerWords.map(stem));
  if (/large\s+language\s+models?/.test(a)) answerStems.add('llm');
  const answerPinyin = toPinyin && !CJK.test(a) ? a.replace(/[^a-z0-9]/g, '') : null;
  return (w: string) => wordFound(w, answerStems, answerWords, a) || (answerPinyin !== null && CJK.test(w) && answerPinyin.includes(toPinyin!(w)));
}

/**
 * How much of one key point (in any of its languages) the answer covers. Covered when at least
 * half of its meaning-bearing words are found — or its head: the label of a "Memory: …" point, or
 * the words outside the parentheses of "Models (standard interface) and Prompts (…)".
 */
export function keypointCoverage(answer: string, keypoint: Localized, toPinyin?: ToPinyin): Coverage {
  const found = matcher(answer, toPinyin);
  let best: Coverage = { covered: false, share: 0, matched: [] };
  for (const variant of allVariants(keypoint)) {
    const all = contentWords(variant);
    if (all.length === 0) continue;
    const strong = all.filter((w) => !WEAK.has(w));
    const words = strong.length > 0 ? strong : all;
    const matched = words.filter(found);
    const share = matched.length / words.length;
    const label = /^([^:：]{1,40})[:：]/.exec(variant)?.[1];
    const labelWords = label ? contentWords(label) : [];
    const outside = contentWords(variant.replace(/[（(][^()（）]*[)）]/g, ' ')).filter((w) => !WEAK.has(w));
    const head = labelWords.length > 0 && labelWords.length <= 3 ? labelWords : outside.length < words.length ? outside : [];
    const headCovered = head.length > 0 && head.filter(found).length * 2 >= head.length;
    const covered = share >= COVERED_SHARE || headCovered;
    if (covered > best.covered || (covered === best.covered && share > best.share)) best = { covered, share, matched };
  }
  return best;
}
/** The rating an answer's coverage suggests: most key points good, half hard, fewer again. */
export function suggestedRating(covered: number, total: number): 'again' | 'hard' | 'good' {
  const share = total === 0 ? 0 : covered / total;
  return share >= 0.8 ? 'good' : share >= 0.5 ? 'hard' : 'again';
}

/** The words of a text that carry its meaning (content words without the weak ones). */
export function keyWords(text: string): string[] {
  const all = contentWords(text);
  const strong = all.filter((w) => !WEAK.has(w));
  return strong.length > 0 ? strong : all;
}

/**
 * A definition or a paragraph: nobody types it word for word, so a typed reply is graded by the
 * key words of it that it names (as the interview's key points are), not letter by letter.
 */
export function isLongAnswer(answer: string): boolean {
  return keyWords(answer).length >= 8;
}

/**
 * Grade a typed reply: short answers (a term, a gap, an alias) letter by letter (gradeTyped), long
 * ones by their key words — right when it names at least 40 % of them (six are always enough),
 * nearly when half that. The grade's `keywords` says which were found and which missed.
 */
export function gradeReply(given: string, accepted: readonly string[], toPinyin?: ToPinyin): TypedGrade {
  const long = accepted.filter(isLongAnswer);
  const short = accepted.filter((a) => !isLongAnswer(a));
  const letters = short.length > 0 || long.length === 0 ? gradeTyped(given, short.length > 0 ? short : accepted, toPinyin) : null;
  if (letters && (letters.verdict !== 'wrong' || long.length === 0)) return letters;
  const found = matcher(given, toPinyin);
  let best: TypedGrade | null = null;
  let bestShare = -1;
  for (const answer of long) {
    const words = keyWords(answer);
    const matched = words.filter(found);
    const need = Math.min(6, Math.ceil(words.length * 0.4));
    const verdict = matched.length >= need ? 'exact' : matched.length * 2 >= need ? 'close' : 'wrong';
    const share = matched.length / need;
    if (share > bestShare) {
      bestShare = share;
      best = {
        verdict,
        closest: answer,
        edits: need - Math.min(need, matched.length),
        keywords: { matched, missed: words.filter((w) => !matched.includes(w)), needed: need },
      };
    }
  }
  return best ?? letters!;
}
