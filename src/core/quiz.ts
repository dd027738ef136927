/**
 * Building a quiz from notes (SPEC §4 "Quiz scripting", issue 5): multiple choice, true/false, typed,
 * cloze and matching questions, with distractors a person would find plausible. Pure and seeded:
 * the same seed and notes give the same quiz.
 */
import { clozeFront, gapAnswers, gapNumbers, PLAIN_MARKS } from './cloze.js';
import { foldAnswer } from './grading.js';
import type { Note } from './notes.js';
import type { Rng } from './random.js';
import { allVariants, pickLang, type Lang, type Localized } from './text.js';

export const QUIZ_MODES = ['mc', 'tf', 'typed', 'cloze', 'match', 'mixed'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];
export type QuestionKind = Exclude<QuizMode, 'mixed'>;

/** A note the quiz may ask about: its key, deck, and effective tags. */
export interface PoolNote {
  key: string;
  deck: string;
  tags: readonly string[];
  note: Note;
}

export type Solution =
  | { kind: 'mc'; index: number }
  | { kind: 'tf'; value: boolean }
  | { kind: 'typed' | 'cloze'; accepted: string[]; display: string }
  /** for term i (0-based), the index of its definition among the choices */
  | { kind: 'match'; pairs: number[] };

export interface Question {
  n: number;
  /** the card the question is about (for --schedule); a match question's first card */
  card: string;
  kind: QuestionKind;
  prompt: string;
  choices: string[];
  solution: Solution;
  /** every card the question covers (a match question covers one per term) */
  cards: string[];
  tags: string[];
  explanation?: string;
}

export interface QuizOptions {
  count: number;
  mode: QuizMode;
  lang: Lang;
}

export interface Quiz {
  seed: number;
  questions: Question[];
}

const MATCH_SIZE = { min: 4, max: 5 };
const SHORT_ANSWER = 60;

/** Prompts in each language. */
const WORDS = {
  whichTerm: { en: 'Which term is this?', zh: '这是哪个术语？' },
  trueFalse: { en: 'True or false?', zh: '判断对错：' },
  nameTerm: { en: 'Name the term:', zh: '写出术语：' },
  fillGap: { en: 'Fill in the gap:', zh: '填空：' },
  match: { en: 'Match each term with its definition:', zh: '把每个术语与它的定义配对：' },
} as const;

/** Build a quiz of up to `opts.count` questions. Throws nothing: an empty pool gives no questions. */
export function buildQuiz(pool: readonly PoolNote[], opts: QuizOptions, rng: Rng, seed: number): Quiz {
  const ctx = new Builder(pool, opts.lang, rng, opts.mode !== 'mixed');
  const questions: Question[] = [];
  const kindsFor = (p: PoolNote): QuestionKind[] => {
    const fits = ctx.fittingKinds(p);
    return opts.mode === 'mixed' ? fits : fits.filter((k) => k === opts.mode);
  };
  if (opts.mode === 'match') {
    const glossary = rng.shuffle(pool.filter((p) => p.note.kind === 'glossary'));
    while (questions.length < opts.count && glossary.length >= MATCH_SIZE.min) {
      const size = Math.min(glossary.length, MATCH_SIZE.min + rng.int(MATCH_SIZE.max - MATCH_SIZE.min + 1));
      questions.push(ctx.match(glossary.splice(0, size), questions.length + 1));
    }
    return { seed, questions };
  }
  const eligible = rng.shuffle(pool.filter((p) => kindsFor(p).length > 0));
  // Mixed quizzes of ten or more include a matching question, when there are terms enough.
  const glossary = eligible.filter((p) => p.note.kind === 'glossary');
  const wantMatch = opts.mode === 'mixed' && opts.count >= 10 && glossary.length >= MATCH_SIZE.min + 1;
  const matchAt = wantMatch ? rng.int(opts.count) : -1;
  const used = new Set<string>();
  for (const p of eligible) {
    if (questions.length >= opts.count) break;
    if (used.has(p.key)) continue;
    if (questions.length === matchAt) {
      const terms = glossary.filter((g) => !used.has(g.key)).slice(0, MATCH_SIZE.min);
      if (terms.length === MATCH_SIZE.min) {
        for (const t of terms) used.add(t.key);
        questions.push(ctx.match(terms, questions.length + 1));
        if (used.has(p.key) || questions.length >= opts.count) continue;
      }
    }
    const kind = rng.pick(kindsFor(p));
    const q = ctx.question(p, kind, questions.length + 1);
    if (!q) continue;
    used.add(p.key);
    questions.push(q);
  }
  return { seed, questions };
}

const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

type Shape = 'year' | 'number' | 'list' | 'term' | 'sentence';

/** What an answer looks like, so distractors can look the same: a year among years, a list among lists. */
export function shapeOf(s: string): Shape {
  const t = s.trim();
  if (/^(1[5-9]|20)\d\d(年)?$/.test(t)) return 'year';
  if (/^[~≈约]?\s*[\d.,]+/.test(t) && t.length <= 30) return 'number';
  if ((t.match(/[,，、;；]/g)?.length ?? 0) >= 1 && t.length <= 120) return 'list';
  if (t.length <= 40 && !/[.。!?！？]$/.test(t)) return 'term';
  return 'sentence';
}

class Builder {
  private readonly primary: 'en' | 'zh';
  private readonly byKey: Map<string, PoolNote>;

  constructor(
    private readonly pool: readonly PoolNote[],
    private readonly lang: Lang,
    private readonly rng: Rng,
    /** a fixed mode: a multiple-choice question without distractors is dropped, not turned into a typed one */
    private readonly strict: boolean,
  ) {
    this.primary = lang === 'zh' ? 'zh' : 'en';
    this.byKey = new Map(pool.map((p) => [p.key, p]));
  }

  /** Text in the quiz's language (choices are always in one language). */
  private t(text: Localized | undefined): string {
    return text === undefined ? '' : pickLang(text, this.primary);
  }

  /** Prompt text: both languages under --lang both. */
  private prompt(text: Localized): string {
    return pickLang(text, this.lang);
  }

  /** A prompt in the quiz's language; under --lang both, the English and then the Chinese. */
  private say(compose: (lang: 'en' | 'zh') => string): string {
    if (this.lang !== 'both') return compose(this.primary);
    const en = compose('en');
    const zh = compose('zh');
    return en === zh ? en : `${en}\n${zh}`;
  }

  /**
   * The kinds of question a note can make. Cheap by design (it is asked of every note): whether
   * multiple choice really finds distractors is settled when the question is built, which falls
   * back to a typed question when it does not.
   */
  fittingKinds(p: PoolNote): QuestionKind[] {
    const n = p.note;
    if (n.kind === 'glossary') return this.glossaryCount > 1 ? ['mc', 'tf', 'typed'] : ['typed'];
    if (n.kind === 'question') return this.isShort(n) ? ['mc', 'typed'] : [];
    return ['cloze', 'mc'];
  }

  private get glossaryCount(): number {
    return (this.glossaryCountCache ??= this.pool.filter((o) => o.note.kind === 'glossary').length);
  }
  private glossaryCountCache: number | undefined;

  /** A question's answer as a choice: its first `answers` alias when it has one (the back may explain), else the back. */
  private shortAnswer(n: Extract<Note, { kind: 'question' }>): string {
    const back = this.t(n.back);
    const inLanguage = [...n.answers, back].find((a) => a.length <= SHORT_ANSWER && hasCjk(a) === (this.primary === 'zh'));
    return inLanguage ?? n.answers[0] ?? back;
  }

  private isShort(n: Note): boolean {
    return n.kind === 'question' && (n.answers.length > 0 || allVariants(n.back).every((b) => b.length <= SHORT_ANSWER && !b.includes('\n')));
  }

  private cardOf(p: PoolNote, template: string): string {
    return `${p.key}:${template}`;
  }

  question(p: PoolNote, kind: QuestionKind, n: number): Question | null {
    const q = this.build(p, kind, n);
    return q && this.strict && q.kind !== kind ? null : q;
  }

  private build(p: PoolNote, kind: QuestionKind, n: number): Question | null {
    const note = p.note;
    const base = { n, tags: [...p.tags], ...(note.explanation ? { explanation: this.t(note.explanation) } : {}) };
    if (note.kind === 'glossary') {
      const definition = this.say((l) => `${WORDS.whichTerm[l]}\n${pickLang(note.definition, l)}`);
      const nameIt = this.say((l) => `${WORDS.nameTerm[l]}\n${pickLang(note.definition, l)}`);
      const reverseCard = this.cardOf(p, note.reverse ? 'reverse' : 'forward');
      const termDistractors = kind === 'mc' ? this.distractors(p, this.t(note.term), 'term', definition) : [];
      if (kind === 'mc' && termDistractors.length > 0) {
        const { choices, index } = this.options(this.t(note.term), termDistractors);
        return { ...base, card: reverseCard, kind, prompt: definition, choices, solution: { kind: 'mc', index }, cards: [reverseCard] };
      }
      if (kind === 'tf') {
        const others = this.pool.filter((o) => o.key !== p.key && o.note.kind === 'glossary');
        const truth = others.length === 0 || this.rng.next() < 0.5;
        const shown = truth ? note.definition : (this.rng.pick(this.preferRelated(p, others)).note as Extract<Note, { kind: 'glossary' }>).definition;
        const card = this.cardOf(p, 'forward');
        return { ...base, card, kind, prompt: this.say((l) => `${WORDS.trueFalse[l]}\n${pickLang(note.term, l)} — ${pickLang(shown, l)}`), choices: ['true', 'false'], solution: { kind: 'tf', value: truth }, cards: [card] };
      }
      const accepted = [...allVariants(note.term), ...note.answers];
      return { ...base, card: reverseCard, kind: 'typed', prompt: nameIt, choices: [], solution: { kind: 'typed', accepted, display: this.t(note.term) }, cards: [reverseCard] };
    }
    if (note.kind === 'question') {
      const card = this.cardOf(p, 'forward');
      const correct = this.shortAnswer(note);
      const backDistractors = kind === 'mc' ? this.distractors(p, correct, 'back', this.prompt(note.front)) : [];
      if (kind === 'mc' && backDistractors.length > 0) {
        const { choices, index } = this.options(correct, backDistractors);
        return { ...base, card, kind, prompt: this.prompt(note.front), choices, solution: { kind: 'mc', index }, cards: [card] };
      }
      return { ...base, card, kind: 'typed', prompt: this.prompt(note.front), choices: [], solution: { kind: 'typed', accepted: [...allVariants(note.back), ...note.answers], display: correct }, cards: [card] };
    }
    // A cloze: one gap, chosen at random among the note's.
    const text = this.t(note.cloze);
    const gaps = gapNumbers(text);
    if (gaps.length === 0) return null;
    const gap = kind === 'mc' ? gaps[0]! : this.rng.pick(gaps);
    const card = this.cardOf(p, `c${gap}`);
    const front = this.say((l) => `${WORDS.fillGap[l]}\n${clozeFront(pickLang(note.cloze, l), gap, PLAIN_MARKS)}`);
    const answers = allVariants(note.cloze).flatMap((v) => gapAnswers(v, gap));
    const correct = gapAnswers(text, gap).join(' / ');
    const gapDistractors = kind === 'mc' ? this.distractors(p, correct, `c${gap}`, front) : [];
    if (kind === 'mc' && gapDistractors.length > 0) {
      const { choices, index } = this.options(correct, gapDistractors);
      return { ...base, card, kind, prompt: front, choices, solution: { kind: 'mc', index }, cards: [card] };
    }
    return { ...base, card, kind: 'cloze', prompt: front, choices: [], solution: { kind: 'cloze', accepted: answers, display: correct }, cards: [card] };
  }

  match(terms: PoolNote[], n: number): Question {
    const notes = terms.map((p) => p.note as Extract<Note, { kind: 'glossary' }>);
    const order = this.rng.shuffle(notes.map((_, i) => i));
    const choices = order.map((i) => this.t(notes[i]!.definition));
    const pairs = notes.map((_, i) => order.indexOf(i));
    const prompt = [WORDS.match[this.primary], ...notes.map((note, i) => `${i + 1}. ${this.t(note.term)}`)].join('\n');
    const cards = terms.map((p) => this.cardOf(p, 'forward'));
    return { n, card: cards[0]!, kind: 'match', prompt, choices, solution: { kind: 'match', pairs }, cards, tags: [...new Set(terms.flatMap((p) => p.tags))] };
  }

  /** Correct answer and distractors, shuffled; where the correct one landed. */
  private options(correct: string, distractors: string[]): { choices: string[]; index: number } {
    const choices = this.rng.shuffle([correct, ...distractors.slice(0, 3)]);
    return { choices, index: choices.indexOf(correct) };
  }

  private preferRelated(p: PoolNote, others: PoolNote[]): PoolNote[] {
    const related = others.filter((o) => p.note.related.some((r) => (r.includes('/') ? r : `${p.deck}/${r}`) === o.key));
    const sameTag = others.filter((o) => o.tags.some((t) => p.tags.includes(t)));
    return related.length > 0 ? related : sameTag.length > 0 ? sameTag : others;
  }

  /**
   * Plausible wrong answers for `correct`, best first, at most three: the note's own distractors,
   * then answers of related notes, of notes sharing a tag, of any note — of the same shape and
   * language, never equal to each other, to the correct answer, to one of its aliases, or to the
   * prompt. `slot` is what is asked: 'term', 'back', or a cloze gap 'cN'.
   */
  distractors(p: PoolNote, correct: string, slot: string, shownPrompt: string): string[] {
    const note = p.note;
    // An option the question itself shows (a term named in the definition, another gap's answer)
    // is no puzzle: it is left out.
    const prompt = foldAnswer(shownPrompt);
    const forbidden = new Set([correct, ...note.answers, ...this.aliasesOf(note), ...this.promptTexts(note)].map(foldAnswer).filter(Boolean));
    const shape = shapeOf(correct);
    const out: string[] = [];
    const seen = new Set<string>();
    const take = (candidates: string[], sameShapeOnly: boolean) => {
      for (const c of this.rng.shuffle(candidates)) {
        if (out.length >= 3) return;
        const f = foldAnswer(c);
        if (!f || forbidden.has(f) || seen.has(f) || prompt.includes(f)) continue;
        if (sameShapeOnly && shapeOf(c) !== shape) continue;
        // The same language as the right answer: Chinese among Chinese, English among English.
        if (hasCjk(c) !== hasCjk(correct)) continue;
        seen.add(f);
        out.push(c);
      }
    };
    // 1. The note's own distractors (for a cloze, those of the gap asked).
    const d = note.distractors;
    const own: readonly Localized[] = Array.isArray(d) ? d : ((d as Readonly<Record<string, readonly Localized[]>>)[slot] ?? []);
    take(own.map((x) => this.t(x)), false);
    // 2-4. Answers of the same slot from related notes, notes sharing a tag, then any note.
    const others = this.pool.filter((o) => o.key !== p.key);
    const related = others.filter((o) => note.related.some((r) => (r.includes('/') ? r : `${p.deck}/${r}`) === o.key));
    const sameTag = others.filter((o) => o.tags.some((t) => p.tags.includes(t)));
    for (const group of [related, sameTag, others]) take(group.flatMap((o) => this.answersOf(o.note, note.kind)), true);
    return out;
  }

  /** The answers a note gives for the same kind of slot. */
  private answersOf(n: Note, kind: Note['kind']): string[] {
    if (kind === 'glossary') return n.kind === 'glossary' ? [this.t(n.term)] : [];
    if (kind === 'question') return n.kind === 'question' && this.isShort(n) ? [this.shortAnswer(n)] : [];
    if (n.kind !== 'cloze') return [];
    const text = this.t(n.cloze);
    return gapNumbers(text).flatMap((g) => gapAnswers(text, g));
  }

  private aliasesOf(n: Note): string[] {
    if (n.kind === 'glossary') return allVariants(n.term);
    if (n.kind === 'question') return [...allVariants(n.back), ...n.answers];
    return [];
  }

  private promptTexts(n: Note): string[] {
    if (n.kind === 'glossary') return allVariants(n.definition);
    if (n.kind === 'question') return allVariants(n.front);
    return [];
  }
}
