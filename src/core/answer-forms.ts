/**
 * The forms one answer takes, for quizzes (issue 14): "supervised fine-tuning (SFT)" is also
 * "supervised fine-tuning" and "SFT"; "查询(query)" is also "查询" and "query". Two options that
 * share a form say the same thing, and a prompt that mentions any form gives the answer away.
 */
import { foldAnswer } from './grading.js';

/** A parenthesised gloss, in ASCII or full-width brackets, without nested brackets. */
const GLOSS = /\s*[（(]([^()（）]*)[)）]/g;
const GLOSS_TAIL = /\s*[（(][^()（）]*[)）]\s*$/;
const CJK = /[\u3400-\u9fff]/;
/** Words an acronym skips ("reinforcement learning from human feedback" is RLHF). */
const ACRONYM_SKIP = new Set(['of', 'the', 'from', 'for', 'and', 'with', 'to', 'in', 'on', 'a', 'an', 'by']);

export const hasCjk = (s: string): boolean => CJK.test(s);

/** The text without its parenthesised glosses, and the glosses. */
export function splitGloss(s: string): { core: string; glosses: string[] } {
  const glosses: string[] = [];
  const core = s
    .replace(GLOSS, (_, g: string) => {
      if (g.trim()) glosses.push(g.trim());
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return { core: core || s.trim(), glosses };
}

/** Whether the answer ends with a "(…)" expansion or gloss. */
export function hasGlossTail(s: string): boolean {
  return GLOSS_TAIL.test(s) && s.replace(GLOSS_TAIL, '').trim() !== '';
}

export function stripGlossTail(s: string): string {
  return hasGlossTail(s) ? s.replace(GLOSS_TAIL, '').trim() : s;
}

/** The answer as written, without its glosses, and each gloss: what a person may type or recognise. */
const VARIANTS = new Map<string, string[]>();

export function answerVariants(s: string): string[] {
  let v = VARIANTS.get(s);
  if (v === undefined) {
    const { core, glosses } = splitGloss(s);
    v = [...new Set([s.trim(), core, ...glosses].filter((x) => x !== ''))];
    if (VARIANTS.size > 20_000) VARIANTS.clear();
    VARIANTS.set(s, v);
  }
  return v;
}

const ACRONYMS = new Map<string, string[]>();

function acronyms(s: string): string[] {
  let a = ACRONYMS.get(s);
  if (a === undefined) {
    a = makeAcronyms(s);
    if (ACRONYMS.size > 20_000) ACRONYMS.clear();
    ACRONYMS.set(s, a);
  }
  return a;
}

function makeAcronyms(s: string): string[] {
  if (hasCjk(s)) return [];
  const out: string[] = [];
  for (const split of [/\s+/, /[\s\-–_/]+/]) {
    const words = s
      .toLowerCase()
      .split(split)
      .filter((w) => /[a-z0-9]/.test(w) && !ACRONYM_SKIP.has(w));
    if (words.length >= 2) out.push(words.map((w) => w.replace(/[^a-z0-9]/g, '')[0] ?? '').join(''));
  }
  return out;
}

/** Folded forms of an answer: as written, its core and glosses, and the singular of a plural. */
const KEYS = new Map<string, Set<string>>();

export function answerKeys(s: string): Set<string> {
  let keys = KEYS.get(s);
  if (keys === undefined) {
    keys = makeKeys(s);
    if (KEYS.size > 20_000) KEYS.clear();
    KEYS.set(s, keys);
  }
  return keys;
}

function makeKeys(s: string): Set<string> {
  const keys = new Set<string>();
  for (const v of answerVariants(s)) {
    const f = foldAnswer(v);
    if (!f) continue;
    keys.add(f);
    // "LLMs" is the plural of "LLM"; "models" of "model".
    if (f.length >= 3 && f.endsWith('s')) keys.add(f.slice(0, -1));
  }
  return keys;
}

/**
 * Whether two answers say the same thing: one an alias, expansion, abbreviation or plural of the
 * other. An acronym is compared with the other's written forms only: "self-attention" and "cross
 * attention" are both "sa"/"ca"-shaped but neither abbreviates the other.
 */
export function equivalent(a: string, b: string): boolean {
  const ka = answerKeys(a);
  const kb = answerKeys(b);
  for (const k of kb) if (ka.has(k)) return true;
  for (const acr of acronyms(splitGloss(a).core)) if (kb.has(acr)) return true;
  for (const acr of acronyms(splitGloss(b).core)) if (ka.has(acr)) return true;
  return false;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase's pattern and a piece of it that must be in any text it matches (a cheap first test). */
interface Phrase {
  re: RegExp;
  needle: string;
}

/** Patterns made so far: a quiz asks about the same few hundred phrases many times. */
const PATTERNS = new Map<string, Phrase | null>();

/** A pattern finding `phrase` as whole words (Latin) or as characters (Chinese), case-insensitive. */
function phrasePattern(phrase: string): Phrase | null {
  let p = PATTERNS.get(phrase);
  if (p === undefined) {
    p = makePattern(phrase);
    if (PATTERNS.size > 20_000) PATTERNS.clear();
    PATTERNS.set(phrase, p);
  }
  if (p) p.re.lastIndex = 0;
  return p;
}

function makePattern(phrase: string): Phrase | null {
  const norm = phrase.normalize('NFKC').toLowerCase();
  const tokens = norm.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (tokens.length === 0) return null;
  const needle = tokens.reduce((a, b) => (b.length > a.length ? b : a));
  const body = tokens.map(escape).join('[^\\p{L}\\p{N}]*');
  if (hasCjk(norm)) return [...tokens.join('')].length >= 2 ? { re: new RegExp(body, 'giu'), needle } : null;
  // A single letter or digit is too common to count ("a", "9" inside "GPT-4 has 9 layers" does).
  if (tokens.join('').length < 2 && !/^\d$/.test(tokens.join(''))) return null;
  return { re: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:e?s)?(?![\\p{L}\\p{N}])`, 'giu'), needle };
}

const NORMALISED = new Map<string, string>();
const MENTIONS = new Map<string, boolean>();

function normalised(text: string): string {
  let t = NORMALISED.get(text);
  if (t === undefined) {
    t = text.normalize('NFKC').toLowerCase();
    if (NORMALISED.size > 20_000) NORMALISED.clear();
    NORMALISED.set(text, t);
  }
  return t;
}

/** Whether `text` mentions `answer` (as written, without its glosses, or a gloss). */
export function mentions(text: string, answer: string): boolean {
  const key = `${answer}\u0000${text}`;
  let known = MENTIONS.get(key);
  if (known === undefined) {
    known = findMention(normalised(text), answer);
    if (MENTIONS.size > 100_000) MENTIONS.clear();
    MENTIONS.set(key, known);
  }
  return known;
}

function findMention(t: string, answer: string): boolean {
  for (const v of answerVariants(answer)) {
    const p = phrasePattern(v);
    if (p && t.includes(p.needle) && p.re.test(t)) return true;
  }
  return false;
}

/**
 * `text` with every mention of the answers replaced by a blank, so that a definition does not name
 * the term it defines. Works on the normalised text only where it must (NFKC keeps Latin and CJK
 * positions for ordinary deck text).
 */
const MASKED = new Map<string, string>();

export function maskMentions(text: string, answers: readonly string[], blank = '___'): string {
  const key = `${answers.join('\u0001')}\u0000${blank}\u0000${text}`;
  let masked = MASKED.get(key);
  if (masked === undefined) {
    masked = mask(text, answers, blank);
    if (MASKED.size > 20_000) MASKED.clear();
    MASKED.set(key, masked);
  }
  return masked;
}

function mask(text: string, answers: readonly string[], blank: string): string {
  let out = text.normalize('NFKC');
  const forms = [...new Set(answers.flatMap(answerVariants))].sort((a, b) => b.length - a.length);
  for (const f of forms) {
    const p = phrasePattern(f);
    if (!p || !out.toLowerCase().includes(p.needle)) continue;
    out = out.replace(p.re, blank);
  }
  return out;
}
