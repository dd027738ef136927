/**
 * Quality gates for the bundled decks (issue 15): what makes a card a fair drill, checked over every
 * deck file so that new decks meet the same bar. Each gate returns its problems as
 * `deck/note[:card]: message` lines, so a failing test lists exactly what to fix.
 */
import { clozeFront, gapAnswers, gapNumbers } from '../../src/core/cloze.js';
import { foldAnswer } from '../../src/core/grading.js';
import type { Deck, Note } from '../../src/core/notes.js';
import { noteKey } from '../../src/core/notes.js';
import { shapeOf } from '../../src/core/quiz.js';
import { allVariants, type Localized } from '../../src/core/text.js';

const CJK = /[\u3400-\u9fff]/;
const hasCjk = (s: string) => CJK.test(s);

function en(t: Localized | undefined): string {
  return t === undefined ? '' : typeof t === 'string' ? t : (t.en ?? '');
}
function zh(t: Localized | undefined): string {
  return t === undefined ? '' : typeof t === 'string' ? '' : (t.zh ?? '');
}

/** Every wrong option a note lists, whatever gap it belongs to. */
export function allDistractors(n: Note): Localized[] {
  const d = n.distractors;
  return Array.isArray(d) ? [...d] : Object.values(d as Record<string, Localized[]>).flat();
}

/** The wrong options offered for one slot: a gap `cN` of a cloze, or the note's list. */
export function distractorsFor(n: Note, slot: string): readonly Localized[] {
  const d = n.distractors;
  return Array.isArray(d) ? d : ((d as Record<string, Localized[]>)[slot] ?? []);
}

/** Every text a learner reads on the note's cards, in both languages (not `answers` or `source`). */
export function shownTexts(n: Note): Localized[] {
  const base: Localized[] = [...n.keypoints, ...(n.explanation ? [n.explanation] : []), ...allDistractors(n)];
  if (n.kind === 'glossary') return [n.term, n.definition, ...base];
  if (n.kind === 'question') return [n.front, n.back, ...base];
  return [n.cloze, ...base];
}

/**
 * Whether `text` shows `answer`: a Latin answer as a whole word (a plural counts, "chunk" is shown by
 * "chunks"), a Chinese one as a substring. Compared case- and width-insensitively.
 */
export function shows(text: string, answer: string): boolean {
  const a = answer.normalize('NFKC').toLowerCase().trim();
  const t = text.normalize('NFKC').toLowerCase();
  if (!a) return false;
  if (hasCjk(a)) return a.length >= 2 && t.includes(a);
  const escaped = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?:s|es)?(?![\\p{L}\\p{N}])`, 'u').test(t);
}

export interface Keyed {
  key: string;
  deck: Deck;
  note: Note;
}

export function keyedNotes(decks: readonly Deck[]): Keyed[] {
  return decks.flatMap((deck) => deck.notes.map((note) => ({ key: noteKey(deck.name, note.id), deck, note })));
}

/** Each cloze card's front (both languages, other gaps shown) must not show the gap's answer in either language. */
export function clozeGiveaways(notes: readonly Keyed[]): string[] {
  const out: string[] = [];
  for (const { key, note } of notes) {
    if (note.kind !== 'cloze') continue;
    const variants = allVariants(note.cloze);
    const gaps = new Set(variants.flatMap((v) => gapNumbers(v)));
    for (const g of gaps) {
      const front = variants.map((v) => clozeFront(v, g)).join('\n');
      for (const a of new Set(variants.flatMap((v) => gapAnswers(v, g)))) {
        if (shows(front, a)) out.push(`${key}:c${g}: the card shows its answer "${a}"`);
      }
    }
  }
  return out;
}

/**
 * A gap holds one canonical answer: a gloss in brackets inside it ("查询(query)") makes the plain answer
 * wrong when typed. The other language's line already accepts the translation.
 */
export function glossedGaps(notes: readonly Keyed[]): string[] {
  const out: string[] = [];
  for (const { key, note } of notes) {
    if (note.kind !== 'cloze') continue;
    for (const v of allVariants(note.cloze)) {
      for (const g of gapNumbers(v)) {
        for (const a of gapAnswers(v, g)) if (/[(（]/.test(a)) out.push(`${key}:c${g}: gloss inside the gap "${a}"`);
      }
    }
  }
  return out;
}

/** The answers a wrong option must not equal: the right answer, its aliases, and their bracketed or slashed parts. */
function aliasForms(answers: readonly string[]): Set<string> {
  const forms = new Set<string>();
  for (const a of answers) {
    forms.add(foldAnswer(a));
    for (const part of a.split(/[()（）/／]/)) if (foldAnswer(part).length >= 2) forms.add(foldAnswer(part));
    const initials = a
      .split(/[\s-]+/)
      .filter((w) => /^[a-z]/i.test(w))
      .map((w) => w[0])
      .join('');
    if (initials.length >= 2 && /\s|-/.test(a.trim())) forms.add(initials.toLowerCase());
  }
  forms.delete('');
  return forms;
}

/** Whether a text has a bracketed expansion or gloss: options must agree on it, or the odd one out is the answer. */
const bracketed = (s: string) => /[(（][^)）]+[)）]/.test(s);

/**
 * Glossary and cloze notes give at least 3 wrong options per question, in both languages, that are not
 * the answer or an alias of it, and look like it (same shape, brackets on all or none, similar length).
 */
export function distractorProblems(notes: readonly Keyed[]): string[] {
  const out: string[] = [];
  const check = (where: string, answers: readonly string[], rightEn: string, list: readonly Localized[]) => {
    if (list.length < 3) out.push(`${where}: ${list.length} distractors, need 3`);
    const forms = aliasForms(answers);
    for (const d of list) {
      if (typeof d === 'string' || !d.en || !d.zh) {
        out.push(`${where}: distractor ${JSON.stringify(d)} needs en and zh`);
        continue;
      }
      for (const v of allVariants(d)) if (forms.has(foldAnswer(v))) out.push(`${where}: distractor "${v}" is the answer or an alias of it`);
      if (bracketed(d.en) !== bracketed(rightEn)) out.push(`${where}: distractor "${d.en}" and answer "${rightEn}" differ in brackets`);
      // Numbers among numbers: a count or a year offered next to words is no puzzle.
      const numeric = (s: string) => ['year', 'number'].includes(shapeOf(s));
      if (numeric(rightEn) && !numeric(d.en)) out.push(`${where}: distractor "${d.en}" is not a number like the answer "${rightEn}"`);
    }
    const lengths = list.map((d) => en(d).length).filter((l) => l > 0);
    if (lengths.length > 0 && rightEn.length > 0) {
      const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
      const ratio = rightEn.length / mean;
      // Short answers are allowed some slack: "9" among "8, 10, 12", or "BM25" among "TF-IDF", is fine.
      if (Math.max(rightEn.length, mean) > 8 && (ratio > 3 || ratio < 1 / 3))
        out.push(`${where}: answer "${rightEn}" is ${ratio.toFixed(1)}× the distractors' mean length`);
    }
  };
  for (const { key, note } of notes) {
    if (note.kind === 'glossary') check(key, [...allVariants(note.term), ...note.answers], en(note.term), distractorsFor(note, 'term'));
    if (note.kind !== 'cloze') continue;
    const variants = allVariants(note.cloze);
    for (const g of gapNumbers(en(note.cloze) || variants[0]!)) {
      const answers = variants.flatMap((v) => gapAnswers(v, g));
      check(`${key}:c${g}`, answers, gapAnswers(en(note.cloze), g).join(' / '), distractorsFor(note, `c${g}`));
    }
  }
  return out;
}

/** Notes with key points have at least 3, each bilingual. */
export function keypointProblems(notes: readonly Keyed[]): string[] {
  const out: string[] = [];
  for (const { key, note } of notes) {
    if (note.keypoints.length > 0 && note.keypoints.length < 3) out.push(`${key}: ${note.keypoints.length} keypoints, need 3`);
    if (note.tags.includes('interview') && note.kind === 'question' && note.keypoints.length === 0) out.push(`${key}: interview question without keypoints`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reverse cards: definition -> term must have one answer.

const STOP = new Set(
  `a an the and or of to in on for by with as at from into onto over under than then that this these those which who whom whose what when where why how is are was were be been being it its it's itself their them they there here not no nor but so such can could may might must shall should will would do does did done doing has have had having also only just very more most less least much many some any each every all both either neither other another same own one two three first second new used using use uses usually often typically e.g i.e etc like way ways kind form part model models llm llms language text based without within through while whether instead rather about after before between during per via because since until up down out off again further once model's e g i e`.split(
    /\s+/,
  ),
);

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The content words of an English definition, stemmed. */
export function keyWords(text: string): Set<string> {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w));
  return new Set(words.map(stem));
}

export interface Overlap {
  a: string;
  b: string;
  score: number;
  shared: string[];
}

/**
 * How much two definitions share of what distinguishes them: the IDF-weighted Jaccard index of their
 * key words, IDF taken over every glossary definition. Common words ("token", "training") weigh
 * little; two definitions built from the same rare words score high, and a learner shown one of them
 * could rightly answer with the other's term.
 */
export function definitionOverlaps(notes: readonly Keyed[]): Overlap[] {
  const defs = notes.flatMap(({ key, note }): { key: string; note: Note; words: Set<string>; reverse: boolean }[] =>
    note.kind === 'glossary'
      ? [{ key, note, words: keyWords(en(note.definition)), reverse: note.reverse }]
      : note.kind === 'question' && note.reverse
        ? [{ key, note, words: keyWords(en(note.back)), reverse: true }]
        : [],
  );
  const df = new Map<string, number>();
  for (const d of defs) for (const w of d.words) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((defs.length + 1) / (df.get(w) ?? 1));
  const weight = (ws: Iterable<string>) => [...ws].reduce((s, w) => s + idf(w), 0);
  const out: Overlap[] = [];
  for (let i = 0; i < defs.length; i++) {
    for (let j = i + 1; j < defs.length; j++) {
      const a = defs[i]!;
      const b = defs[j]!;
      if (!a.reverse && !b.reverse) continue;
      const shared = [...a.words].filter((w) => b.words.has(w));
      if (shared.length === 0) continue;
      const union = new Set([...a.words, ...b.words]);
      out.push({ a: a.key, b: b.key, score: weight(shared) / weight(union), shared });
    }
  }
  return out.sort((x, y) => y.score - x.score);
}

/** Above this share of distinctive words, two definitions are too alike for a reverse card. */
export const OVERLAP_LIMIT = 0.18;

/** Whether note `a`'s answers accept note `b`'s term (then either term is right for a's reverse). */
function accepts(a: Note, b: Note): boolean {
  if (b.kind !== 'glossary') return false;
  const forms = new Set([...allVariants(a.kind === 'glossary' ? a.term : undefined), ...a.answers].map(foldAnswer));
  return allVariants(b.term).some((t) => forms.has(foldAnswer(t)));
}

export function ambiguousReverses(notes: readonly Keyed[]): string[] {
  const byKey = new Map(notes.map((k) => [k.key, k.note]));
  const out: string[] = [];
  for (const o of definitionOverlaps(notes)) {
    if (o.score <= OVERLAP_LIMIT) break;
    const a = byKey.get(o.a)!;
    const b = byKey.get(o.b)!;
    const aAmbiguous = a.kind !== 'question' && (a as { reverse: boolean }).reverse && !accepts(a, b);
    const bAmbiguous = (b as { reverse: boolean }).reverse && !accepts(b, a);
    if (aAmbiguous || bAmbiguous) out.push(`${o.a} ~ ${o.b}: definitions share ${(o.score * 100).toFixed(0)}% of their key words (${o.shared.join(', ')})`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Chinese: one term per concept, full-width punctuation.

export interface TermRow {
  concept: string;
  zh: string;
  rejected: string[];
}

/** The terminology table of decks/README.md: `| concept | 中文 | not |` rows after a "## Terminology" heading. */
export function terminologyTable(readme: string): TermRow[] {
  const section = readme.split(/^## /m).find((s) => /^Terminology/i.test(s)) ?? '';
  const rows: TermRow[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || /^-+$/.test(cells[1]!) || cells[1] === 'concept') continue;
    const rejected = cells[3]!
      .split(/[、,，]/)
      .map((s) => s.replace(/`/g, '').trim())
      .filter((s) => s && s !== '—');
    rows.push({ concept: cells[1]!, zh: cells[2]!.replace(/`/g, ''), rejected });
  }
  return rows;
}

export function terminologyProblems(notes: readonly Keyed[], decks: readonly Deck[], table: readonly TermRow[]): string[] {
  const out: string[] = [];
  const scan = (where: string, texts: readonly Localized[]) => {
    for (const t of texts) {
      const z = zh(t);
      for (const row of table) for (const r of row.rejected) if (z.includes(r)) out.push(`${where}: "${r}" for ${row.concept}; the table says ${row.zh}`);
    }
  };
  for (const d of decks)
    scan(
      d.name,
      [d.title, d.description].filter((t): t is Localized => t !== undefined),
    );
  for (const { key, note } of notes) {
    // A question's first Chinese alias is what multiple choice shows as its answer.
    const shownAnswer = note.kind === 'question' ? note.answers.find(hasCjk) : undefined;
    scan(key, [...shownTexts(note), ...(shownAnswer ? [{ en: '', zh: shownAnswer }] : [])]);
  }
  return [...new Set(out)];
}

/**
 * Half-width punctuation next to Chinese: a bracket that opens or closes on a Chinese character or
 * holds Chinese, and , ; : ? ! after a Chinese character. Brackets inside formulas and code
 * ("softmax(QKᵀ)") are left alone.
 */
export function halfWidthPunctuation(s: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(') {
      const close = s.indexOf(')', i);
      const inner = close > 0 ? s.slice(i + 1, close) : '';
      // Chinese right before it, or Chinese prose inside it (not a formula that quotes a Chinese word).
      const prose = hasCjk(inner) && !/[A-Za-z0-9_=+\-−·\/^|]/.test(inner.replace(/[（(][^)）]*[)）]/g, ''));
      const spacedAfterChinese = s[i - 1] === ' ' && hasCjk(s[i - 2] ?? '') && hasCjk(inner);
      if (hasCjk(s[i - 1] ?? '') || spacedAfterChinese || prose) found.push(s.slice(Math.max(0, i - 6), close + 2));
    } else if (',;:?!'.includes(c) && hasCjk(s[i - 1] ?? '')) found.push(s.slice(Math.max(0, i - 6), i + 3));
  }
  return found;
}

export function punctuationProblems(notes: readonly Keyed[], decks: readonly Deck[]): string[] {
  const out: string[] = [];
  const scan = (where: string, texts: readonly Localized[]) => {
    for (const t of texts) for (const f of halfWidthPunctuation(zh(t))) out.push(`${where}: half-width punctuation in Chinese "${f}"`);
  };
  for (const d of decks)
    scan(
      d.name,
      [d.title, d.description].filter((t): t is Localized => t !== undefined),
    );
  for (const { key, note } of notes) scan(key, shownTexts(note));
  return out;
}

/** Every text a note shows, its distractors included, has en and zh. */
export function bilingualProblems(notes: readonly Keyed[], decks: readonly Deck[]): string[] {
  const out: string[] = [];
  const check = (where: string, t: Localized) => {
    if (typeof t === 'string' || !t.en?.trim() || !t.zh?.trim()) out.push(`${where}: ${JSON.stringify(t).slice(0, 60)} lacks en or zh`);
  };
  for (const d of decks) for (const t of [d.title, d.description]) if (t !== undefined) check(d.name, t);
  for (const { key, note } of notes) for (const t of shownTexts(note)) check(key, t);
  return out;
}
