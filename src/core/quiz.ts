/**
 * Building a quiz from notes (SPEC §4 "Quiz scripting", issues 5 and 14): multiple choice,
 * true/false, typed, cloze and matching questions. Pure and seeded: the same seed and notes give the
 * same quiz.
 *
 * What makes a question fair (issue 14): the options of a multiple-choice question are four answers
 * of the same kind — the note's own distractors first, then answers of its `related` notes, of notes
 * of the same kind in the same deck, then of notes sharing one of its own tags — never from another
 * top-level deck, never an alias, expansion or abbreviation of the right answer, and formatted alike.
 * A card that cannot get three such distractors is asked another way, never padded. A false
 * statement borrows the definition of a sibling, not of a broader, narrower or equivalent term. No
 * prompt names its own answer.
 */
import { answerVariants, equivalent, hasCjk, hasGlossTail, maskMentions, mentions, splitGloss, stripGlossTail } from './answer-forms.js';
import { clozeBack, gapAnswers, gapNumbers, parseCloze, PLAIN_MARKS } from './cloze.js';
import { resolveRelated, type ClozeNote, type GlossaryNote, type Note, type QuestionNote } from './notes.js';
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
  /**
   * `open`: the answer is an explanation, not a phrase. A reply is right when it names one of
   * `accepted` (the note's key words) or covers half the key points; the person may overrule.
   */
  | { kind: 'typed' | 'cloze'; accepted: string[]; display: string; open?: { keypoints: Localized[] } }
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
  /** what the card teaches, shown after the answer: the term and its definition, the back, the whole cloze */
  back?: string;
  /** a false statement: whose definition was shown, and the term's own */
  swapped?: { term: string; definition: string; asked: string; own: string };
  /** a matching question: the terms and their definitions in the order asked, for per-pair feedback */
  pairs?: { term: string; definition: string }[];
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
/** A question's back up to this long (one line, not a sentence) is a short answer, asked as multiple choice or typed. */
const SHORT_ANSWER = 60;

/** Prompts in each language. */
const WORDS = {
  whichTerm: { en: 'Which term is this?', zh: '这是哪个术语？' },
  trueFalse: { en: 'True or false?', zh: '判断对错：' },
  nameTerm: { en: 'Name the term:', zh: '写出术语：' },
  fillGap: { en: 'Fill in the gap:', zh: '填空：' },
  match: { en: 'Match each term with its definition:', zh: '把每个术语与它的定义配对：' },
} as const;

/** The top-level deck: a user's `mine/...` and the bundled `llm/...` never lend each other options. */
export const topDeck = (deck: string): string => deck.split('/')[0] ?? deck;

/** Build a quiz of up to `opts.count` questions. Throws nothing: an empty pool gives no questions. */
export function buildQuiz(pool: readonly PoolNote[], opts: QuizOptions, rng: Rng, seed: number): Quiz {
  const ctx = new Builder(pool, opts.lang, rng, opts.mode !== 'mixed');
  const questions: Question[] = [];
  const kindsFor = (p: PoolNote): QuestionKind[] => {
    const fits = ctx.fittingKinds(p);
    return opts.mode === 'mixed' ? fits : fits.filter((k) => k === opts.mode);
  };
  if (opts.mode === 'match') {
    const groups = matchGroups(pool, rng);
    for (const glossary of groups) {
      while (questions.length < opts.count && glossary.length >= MATCH_SIZE.min) {
        const size = Math.min(glossary.length, MATCH_SIZE.min + rng.int(MATCH_SIZE.max - MATCH_SIZE.min + 1));
        questions.push(ctx.match(glossary.splice(0, size), questions.length + 1));
      }
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
      // The terms of one matching question come from one top-level deck.
      const terms = glossary.filter((g) => !used.has(g.key) && topDeck(g.deck) === topDeck(p.deck)).slice(0, MATCH_SIZE.min);
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

/** Glossary notes grouped by top-level deck (largest first), each group shuffled. */
function matchGroups(pool: readonly PoolNote[], rng: Rng): PoolNote[][] {
  const groups = new Map<string, PoolNote[]>();
  for (const p of pool) if (p.note.kind === 'glossary') (groups.get(topDeck(p.deck)) ?? groups.set(topDeck(p.deck), []).get(topDeck(p.deck))!).push(p);
  return [...groups.values()].sort((a, b) => b.length - a.length).map((g) => rng.shuffle(g));
}

type Shape = 'year' | 'number' | 'yesno' | 'list' | 'term' | 'sentence';

/** What an answer looks like, so distractors can look the same: a year among years, a list among lists. */
export function shapeOf(s: string): Shape {
  const t = s.trim();
  if (/^(1[5-9]|20)\d\d(年)?$/.test(t)) return 'year';
  if (/^[~≈约]?\s*[\d.,]+/.test(t) && t.length <= 30) return 'number';
  if (/^(yes|no|true|false|是|否|不|对|错|不是|不能|能|可以|不可以)\b/i.test(t) && t.length <= 12) return 'yesno';
  if ((t.match(/[,，、;；]/g)?.length ?? 0) >= 1 && t.length <= 120) return 'list';
  if (t.length <= 40 && !/[.。!?！？]$/.test(t)) return 'term';
  return 'sentence';
}

/** Display length, counting a CJK character as two (as a terminal does). */
function visualLength(s: string): number {
  let n = 0;
  for (const ch of s) n += hasCjk(ch) ? 2 : 1;
  return n;
}

/** Lengths close enough that the length gives nothing away. */
function comparableLength(a: string, b: string): boolean {
  const la = visualLength(a);
  const lb = visualLength(b);
  if (Math.max(la, lb) <= 8) return true;
  return Math.min(la, lb) / Math.max(la, lb) >= 0.45;
}

/** Words naming the kind of a thing rather than the thing: "attention" and "attention mechanism" are one term. */
const FILLER = new Set([
  'mechanism',
  'model',
  'models',
  'architecture',
  'method',
  'methods',
  'technique',
  'approach',
  'the',
  'a',
  'an',
  'of',
  'for',
  'and',
  'in',
  'llm',
  'llms',
]);

function termWords(s: string): Set<string> {
  const words = splitGloss(s)
    .core.toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !FILLER.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
  return new Set(words);
}

const subset = (a: Set<string>, b: Set<string>) => a.size > 0 && [...a].every((w) => b.has(w));

/** What the sibling test needs of a glossary note, made once per note. */
interface TermFacts {
  forms: string[];
  words: Set<string>[];
  definitions: string[];
}
const FACTS = new WeakMap<GlossaryNote, TermFacts>();
const SIBLINGS = new WeakMap<GlossaryNote, WeakMap<GlossaryNote, boolean>>();

function factsOf(n: GlossaryNote): TermFacts {
  let f = FACTS.get(n);
  if (!f) {
    const forms = [...new Set([...allVariants(n.term), ...n.answers])];
    FACTS.set(n, (f = { forms, words: forms.map(termWords), definitions: allVariants(n.definition) }));
  }
  return f;
}

/**
 * Whether two terms are siblings rather than one broader, narrower or equivalent to the other:
 * neither names the other (as an alias or in its definition), and neither's words contain the
 * other's ("attention" / "self-attention"). A pure function of the two notes, so kept.
 */
function siblings(a: GlossaryNote, b: GlossaryNote): boolean {
  const known = SIBLINGS.get(a)?.get(b);
  if (known !== undefined) return known;
  const fa = factsOf(a);
  const fb = factsOf(b);
  const result =
    !fa.forms.some((x) => fb.forms.some((y) => equivalent(x, y))) &&
    !fb.forms.some((f) => fa.definitions.some((d) => mentions(d, f))) &&
    !fa.forms.some((f) => fb.definitions.some((d) => mentions(d, f))) &&
    !fa.words.some((x) => fb.words.some((y) => subset(x, y) || subset(y, x)));
  (SIBLINGS.get(a) ?? SIBLINGS.set(a, new WeakMap()).get(a)!).set(b, result);
  return result;
}

class Builder {
  private readonly primary: 'en' | 'zh';
  private readonly byKey: Map<string, PoolNote>;
  private readonly byTop = new Map<string, PoolNote[]>();

  constructor(
    private readonly pool: readonly PoolNote[],
    private readonly lang: Lang,
    private readonly rng: Rng,
    /** a fixed mode: a question that must be asked another way is dropped, not turned into another kind */
    private readonly strict: boolean,
  ) {
    this.primary = lang === 'zh' ? 'zh' : 'en';
    this.byKey = new Map(pool.map((p) => [p.key, p]));
    for (const p of pool) {
      const top = topDeck(p.deck);
      (this.byTop.get(top) ?? this.byTop.set(top, []).get(top)!).push(p);
    }
  }

  /** Text in the quiz's language (choices are always in one language). */
  private t(text: Localized | undefined): string {
    return text === undefined ? '' : pickLang(text, this.primary);
  }

  /** The languages a prompt shows. */
  private get langs(): ('en' | 'zh')[] {
    return this.lang === 'both' ? ['en', 'zh'] : [this.primary];
  }

  /** A prompt in the quiz's language; under --lang both, the English and then the Chinese. */
  private say(compose: (lang: 'en' | 'zh') => string): string {
    const parts = this.langs.map(compose);
    return parts.filter((p, i) => parts.indexOf(p) === i).join('\n');
  }

  /**
   * The kinds of question a note can make. Cheap by design (it is asked of every note): whether
   * multiple choice really finds distractors is settled when the question is built, which falls
   * back to another kind when it does not.
   */
  fittingKinds(p: PoolNote): QuestionKind[] {
    const n = p.note;
    if (n.kind === 'glossary') return this.glossaryIn(p) > 1 ? ['mc', 'tf', 'typed'] : ['typed'];
    if (n.kind === 'question') return this.isShort(n) ? ['mc', 'typed'] : this.isOpen(n) ? ['typed'] : [];
    return ['cloze', 'mc'];
  }

  private glossaryCounts = new Map<string, number>();
  private glossaryIn(p: PoolNote): number {
    const top = topDeck(p.deck);
    let n = this.glossaryCounts.get(top);
    if (n === undefined) this.glossaryCounts.set(top, (n = (this.byTop.get(top) ?? []).filter((o) => o.note.kind === 'glossary').length));
    return n;
  }

  /** A back that is a phrase (a name, a number, a date), not an explanation. */
  private isShort(n: Note): boolean {
    return n.kind === 'question' && allVariants(n.back).every((b) => b.length <= SHORT_ANSWER && !b.includes('\n') && shapeOf(b) !== 'sentence');
  }

  /** An open question that can still be graded from a script: it has key words or key points. */
  private isOpen(n: Note): boolean {
    return n.kind === 'question' && !this.isShort(n) && (n.answers.length > 0 || n.keypoints.length > 0);
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
    const base = { n, tags: [...p.tags], ...(note.explanation ? { explanation: pickLang(note.explanation, this.lang) } : {}) };
    if (note.kind === 'glossary') return this.glossary(p, note, kind, base);
    if (note.kind === 'question') return this.questionNote(p, note, kind, base);
    return this.cloze(p, note, kind, base);
  }

  private glossary(p: PoolNote, note: GlossaryNote, kind: QuestionKind, base: Pick<Question, 'n' | 'tags' | 'explanation'>): Question | null {
    const aliases = [...allVariants(note.term), ...note.answers];
    // A definition that names its own term gives the answer away: the name is blanked out.
    const definition = (l: 'en' | 'zh') => maskMentions(pickLang(note.definition, l), aliases);
    const reverseCard = this.cardOf(p, note.reverse ? 'reverse' : 'forward');
    if (kind === 'mc') {
      const prompt = this.say((l) => `${WORDS.whichTerm[l]}\n${definition(l)}`);
      const options = this.options(p, this.t(note.term), aliases, 'term', prompt);
      if (options)
        return { ...base, card: reverseCard, kind, prompt, choices: options.choices, solution: { kind: 'mc', index: options.index }, cards: [reverseCard] };
    }
    if (kind === 'tf') {
      const other = this.falseDefinitionFor(p);
      const truth = other === null || this.rng.next() < 0.5;
      const shown = truth || !other ? note.definition : other.definition;
      const card = this.cardOf(p, 'forward');
      const q: Question = {
        ...base,
        card,
        kind,
        prompt: this.say((l) => `${WORDS.trueFalse[l]}\n${pickLang(note.term, l)} — ${pickLang(shown, l)}`),
        choices: ['true', 'false'],
        solution: { kind: 'tf', value: truth },
        cards: [card],
      };
      if (!truth && other)
        q.swapped = {
          term: this.t(other.term),
          definition: pickLang(other.definition, this.lang),
          asked: this.t(note.term),
          own: pickLang(note.definition, this.lang),
        };
      return q;
    }
    const accepted = [...new Set(aliases.flatMap(answerVariants))];
    const prompt = this.say((l) => `${WORDS.nameTerm[l]}\n${definition(l)}`);
    return {
      ...base,
      card: reverseCard,
      kind: 'typed',
      prompt,
      choices: [],
      solution: { kind: 'typed', accepted, display: this.t(note.term) },
      cards: [reverseCard],
    };
  }

  private questionNote(p: PoolNote, note: QuestionNote, kind: QuestionKind, base: Pick<Question, 'n' | 'tags' | 'explanation'>): Question | null {
    const card = this.cardOf(p, 'forward');
    const prompt = pickLang(note.front, this.lang);
    const back = pickLang(note.back, this.lang);
    if (!this.isShort(note)) {
      if (!this.isOpen(note)) return null;
      // An explanation is not a multiple choice: typed, graded by its key words and key points. A
      // key word the question itself says ("What is the memory wall?") proves nothing.
      const keyWords = note.answers.filter((a) => !mentions(prompt, a));
      if (keyWords.length === 0 && note.keypoints.length === 0) return null;
      // The expected answer, as one line a script can give back: a key word, or the key points.
      const display = keyWords[0] ?? note.keypoints.map((k) => this.t(k)).join('; ');
      const solution: Solution = { kind: 'typed', accepted: [...keyWords, ...allVariants(note.back)], display, open: { keypoints: [...note.keypoints] } };
      return { ...base, card, kind: 'typed', prompt, choices: [], solution, cards: [card], back };
    }
    const correct = this.t(note.back);
    const aliases = [...allVariants(note.back), ...note.answers];
    // A question that names its own answer teaches nothing, whatever its kind.
    if (aliases.some((a) => mentions(prompt, a))) return null;
    if (kind === 'mc') {
      const options = this.options(p, correct, aliases, 'back', prompt);
      if (options) return { ...base, card, kind, prompt, choices: options.choices, solution: { kind: 'mc', index: options.index }, cards: [card], back };
    }
    const accepted = [...new Set(aliases.flatMap(answerVariants))];
    return { ...base, card, kind: 'typed', prompt, choices: [], solution: { kind: 'typed', accepted, display: correct }, cards: [card], back };
  }

  private cloze(p: PoolNote, note: ClozeNote, kind: QuestionKind, base: Pick<Question, 'n' | 'tags' | 'explanation'>): Question | null {
    const gaps = this.rng.shuffle(gapNumbers(this.t(note.cloze)));
    for (const gap of gaps) {
      const answers = allVariants(note.cloze).flatMap((v) => gapAnswers(v, gap));
      const prompt = this.clozePrompt(note, gap, answers);
      if (prompt === null) continue;
      const card = this.cardOf(p, `c${gap}`);
      const correct = gapAnswers(this.t(note.cloze), gap).join(' / ');
      const back = this.say((l) => clozeBack(pickLang(note.cloze, l), gap, PLAIN_MARKS));
      if (kind === 'mc' && gapAnswers(this.t(note.cloze), gap).length === 1) {
        const options = this.options(p, correct, answers, `c${gap}`, prompt);
        if (options) return { ...base, card, kind, prompt, choices: options.choices, solution: { kind: 'mc', index: options.index }, cards: [card], back };
      }
      // The gap with or without a gloss inside it ("key" for "key（键）"), in any language; the note's
      // aliases when it has only the one gap.
      const aliases = gapNumbers(this.t(note.cloze)).length === 1 ? note.answers : [];
      const accepted = [...new Set([...answers, ...aliases].flatMap(answerVariants))];
      return { ...base, card, kind: 'cloze', prompt, choices: [], solution: { kind: 'cloze', accepted, display: correct }, cards: [card], back };
    }
    return null;
  }

  /**
   * The front of a cloze card in the quiz's languages, with the gloss of the gap in the other
   * language taken out ("和[...]（Harmlessness）"). A language whose text still shows the answer
   * elsewhere is left out; null when every language does.
   */
  private clozePrompt(note: ClozeNote, gap: number, answers: readonly string[]): string | null {
    const lines: string[] = [];
    for (const l of this.langs) {
      const text = pickLang(note.cloze, l);
      const hidden = parseCloze(text)
        .segments.map((s) => (typeof s === 'string' ? s : s.n === gap ? '\u0000' : s.answer))
        .join('')
        .replace(/\u0000\s*[（(][^()（）]*[)）]/g, '\u0000');
      const visible = hidden.replace(/\u0000/g, ' ');
      if (answers.some((a) => mentions(visible, a))) continue;
      const hint = parseCloze(text).segments.find((s) => typeof s !== 'string' && s.n === gap && s.hint);
      const front = hidden.replace(/\u0000/g, PLAIN_MARKS.hidden(typeof hint === 'object' ? hint.hint : undefined));
      const line = `${WORDS.fillGap[l]}\n${front}`;
      if (!lines.includes(line)) lines.push(line);
    }
    return lines.length > 0 ? lines.join('\n') : null;
  }

  match(terms: PoolNote[], n: number): Question {
    const notes = terms.map((p) => p.note as GlossaryNote);
    const order = this.rng.shuffle(notes.map((_, i) => i));
    // A definition that names its term pairs itself: the name is blanked out.
    const definitionOf = (note: GlossaryNote) => maskMentions(pickLang(note.definition, this.lang), [...allVariants(note.term), ...note.answers]);
    // Under --lang both a term shows in both languages, as its definition does.
    const termOf = (note: GlossaryNote) => (this.lang === 'both' ? [...new Set(allVariants(note.term))].join(' / ') : this.t(note.term));
    const choices = order.map((i) => definitionOf(notes[i]!));
    const pairs = notes.map((_, i) => order.indexOf(i));
    const words = this.say((l) => WORDS.match[l])
      .split('\n')
      .join(' / ');
    const prompt = [words, ...notes.map((note, i) => `${i + 1}. ${termOf(note)}`)].join('\n');
    const cards = terms.map((p) => this.cardOf(p, 'forward'));
    return {
      n,
      card: cards[0]!,
      kind: 'match',
      prompt,
      choices,
      solution: { kind: 'match', pairs },
      cards,
      tags: [...new Set(terms.flatMap((p) => p.tags))],
      pairs: notes.map((note) => ({ term: termOf(note), definition: pickLang(note.definition, this.lang) })),
    };
  }

  /**
   * Four options formatted alike — all with a "(…)" expansion or none — the right one among them;
   * null when three good distractors cannot be found (the card is then asked another way).
   */
  private options(p: PoolNote, correct: string, aliases: readonly string[], slot: string, prompt: string): { choices: string[]; index: number } | null {
    const distractors = this.distractors(p, correct, aliases, slot, prompt);
    if (distractors.length < 3) return null;
    let all = [correct, ...distractors];
    const tails = all.map(hasGlossTail);
    if (tails.some(Boolean) && !tails.every(Boolean)) all = all.map(stripGlossTail);
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (equivalent(all[i]!, all[j]!)) return null;
    if (mentions(prompt, all[0]!)) return null;
    const order = this.rng.shuffle([0, 1, 2, 3]);
    return { choices: order.map((i) => all[i]!), index: order.indexOf(0) };
  }

  private related(p: PoolNote): PoolNote[] {
    const top = topDeck(p.deck);
    return p.note.related.flatMap((r) => {
      const o = this.byKey.get(resolveRelated(p.deck, r));
      return o && o.key !== p.key && topDeck(o.deck) === top ? [o] : [];
    });
  }

  /** Notes that must never lend this one a wrong answer: `not_confused_with`, either way. */
  private isBlocked(p: PoolNote, o: PoolNote): boolean {
    const names = (a: PoolNote) => (a.note.notConfusedWith ?? []).map((r) => resolveRelated(a.deck, r));
    return names(p).includes(o.key) || names(o).includes(p.key);
  }

  /**
   * Three plausible wrong answers for `correct`, best first: the note's own distractors, then
   * answers of related notes, of notes of the same kind in the same deck, then of notes sharing one
   * of the note's own tags — all in its top-level deck, of the same shape, language and a
   * comparable length, never equivalent to each other, to the right answer or one of its aliases,
   * and not shown in the prompt. `slot` is what is asked: 'term', 'back', or a cloze gap 'cN'.
   * Fewer than three when there are not enough good ones.
   */
  distractors(p: PoolNote, correct: string, aliases: readonly string[], slot: string, prompt: string): string[] {
    const note = p.note;
    const right = [correct, ...aliases];
    const shape = shapeOf(correct);
    const out: string[] = [];
    const take = (candidates: readonly string[], loose: boolean) => {
      for (const c of this.rng.shuffle(candidates)) {
        if (out.length >= 3) return;
        if (!c.trim() || hasCjk(c) !== hasCjk(correct)) continue;
        if (right.some((a) => equivalent(a, c)) || out.some((o) => equivalent(o, c))) continue;
        if (mentions(prompt, c)) continue;
        if (!loose && (shapeOf(c) !== shape || !comparableLength(c, correct))) continue;
        out.push(c);
      }
    };
    // 1. The note's own distractors (for a cloze, those of the gap asked): the author chose them.
    const d = note.distractors;
    const own: readonly Localized[] = Array.isArray(d) ? d : ((d as Readonly<Record<string, readonly Localized[]>>)[slot] ?? []);
    take(
      own.map((x) => this.t(x)),
      true,
    );
    if (out.length >= 3) return out;
    const usable = (o: PoolNote) => o.key !== p.key && !this.isBlocked(p, o);
    // 2. Answers of related notes: the same kind of thing, by the author's own links.
    take(
      this.related(p)
        .filter(usable)
        .flatMap((o) => this.answersOf(o.note, note.kind, true)),
      false,
    );
    const top = this.byTop.get(topDeck(p.deck)) ?? [];
    const ownTags = new Set(note.tags);
    const sharesTag = (o: PoolNote) => o.note.tags.some((t) => ownTags.has(t));
    // Notes of one deck on another subject (capitals and landforms) are not of the same kind: a
    // shared tag decides, unless neither note has tags of its own. A gap's phrase depends on its
    // sentence, so other gaps lend only numbers and years.
    const numeric = shape === 'number' || shape === 'year';
    const alike = (o: PoolNote) => o.note.kind === note.kind && usable(o) && (note.kind !== 'cloze' || numeric);
    const sameDeck = top.filter((o) => o.deck === p.deck && alike(o) && (sharesTag(o) || (ownTags.size === 0 && o.note.tags.length === 0)));
    // 3. Answers of notes of the same kind in the same deck; 4. of notes sharing one of its own tags.
    take(
      sameDeck.flatMap((o) => this.answersOf(o.note, note.kind, false)),
      false,
    );
    take(
      top.filter((o) => o.deck !== p.deck && alike(o) && sharesTag(o)).flatMap((o) => this.answersOf(o.note, note.kind, false)),
      false,
    );
    return out;
  }

  /** The answers a note gives for a slot of this kind; a related note may lend a term to a cloze gap. */
  private answersOf(n: Note, kind: Note['kind'], anyKind: boolean): string[] {
    if (n.kind === 'glossary') return kind === 'glossary' || (anyKind && kind === 'cloze') ? [this.t(n.term)] : [];
    if (n.kind === 'question') return (kind === 'question' || (anyKind && kind === 'cloze')) && this.isShort(n) ? [this.t(n.back)] : [];
    if (kind !== 'cloze') return [];
    const text = this.t(n.cloze);
    const gaps = gapNumbers(text).flatMap((g) => gapAnswers(text, g));
    // Another sentence's gap is a phrase of that sentence: only its numbers and years travel.
    return anyKind ? gaps.filter((g) => shapeOf(g) === 'number' || shapeOf(g) === 'year') : gaps;
  }

  /**
   * A glossary note whose definition makes a fair false statement about `p`: a sibling in the same
   * top-level deck (preferably the same deck and one of its own tags), never a related note, one
   * named in `not_confused_with`, or a broader, narrower or equivalent term — one whose term is named
   * in the other's definition, or whose words contain the other's ("attention" / "self-attention").
   */
  private falseDefinitionFor(p: PoolNote): GlossaryNote | null {
    const note = p.note as GlossaryNote;
    const related = new Set(note.related.map((r) => resolveRelated(p.deck, r)));
    const fair = (o: PoolNote) => {
      if (o.key === p.key || o.note.kind !== 'glossary' || this.isBlocked(p, o)) return false;
      if (related.has(o.key) || o.note.related.some((r) => resolveRelated(o.deck, r) === p.key)) return false;
      return siblings(note, o.note);
    };
    const candidates = (this.byTop.get(topDeck(p.deck)) ?? []).filter(fair);
    if (candidates.length === 0) return null;
    const ownTags = new Set(note.tags);
    const sameTag = (o: PoolNote) => o.note.tags.some((t) => ownTags.has(t));
    for (const tier of [
      candidates.filter((o) => o.deck === p.deck && sameTag(o)),
      candidates.filter(sameTag),
      candidates.filter((o) => o.deck === p.deck),
      candidates,
    ]) {
      if (tier.length > 0) return this.rng.pick(tier).note as GlossaryNote;
    }
    return null;
  }
}
