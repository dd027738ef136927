/**
 * Cards generated from notes (Anki's note/card model, SPEC §3) and card keys
 * `<deck>/<note id>:<template>`.
 */
import { clozeBack, clozeFront, gapAnswers, gapNumbers, type ClozeMarks, PLAIN_MARKS } from './cloze.js';
import { noteKey, type Note } from './notes.js';
import { allVariants, mapText, type Lang, type Localized } from './text.js';

/** `forward`, `reverse`, or `c1`, `c2`, … */
export type Template = string;

/** The templates a note generates, in order. */
export function templatesOf(note: Note): Template[] {
  switch (note.kind) {
    case 'glossary':
      return note.reverse ? ['forward', 'reverse'] : ['forward'];
    case 'question':
      return note.reverse ? ['forward', 'reverse'] : ['forward'];
    case 'cloze': {
      const nums = new Set<number>();
      for (const text of allVariants(note.cloze)) for (const n of gapNumbers(text)) nums.add(n);
      return [...nums].sort((a, b) => a - b).map((n) => `c${n}`);
    }
  }
}

export function cardKey(deck: string, noteId: string, template: Template): string {
  return `${noteKey(deck, noteId)}:${template}`;
}

export interface CardKeyParts {
  deck: string;
  note: string;
  template: Template;
}

/** Split a full card key; null when it is not of the form `deck/id:template`. */
export function parseCardKey(key: string): CardKeyParts | null {
  const colon = key.lastIndexOf(':');
  const slash = key.lastIndexOf('/', colon);
  if (colon < 0 || slash <= 0 || colon === key.length - 1 || colon - slash < 2) return null;
  return { deck: key.slice(0, slash), note: key.slice(slash + 1, colon), template: key.slice(colon + 1) };
}

/**
 * Whether `query` names this card: the full key, or a suffix of it that starts at a `/` boundary
 * (`rlhf:reverse` names `llm/training/rlhf:reverse`).
 */
export function keyHasSuffix(key: string, query: string): boolean {
  return key === query || (key.endsWith(query) && key[key.length - query.length - 1] === '/');
}

export interface CardFaces {
  front: Localized;
  back: Localized;
}

/** What the card asks and what it answers, in every language the note has. */
export function facesOf(note: Note, template: Template, marks: ClozeMarks = PLAIN_MARKS): CardFaces {
  switch (note.kind) {
    case 'glossary':
      return template === 'reverse' ? { front: note.definition, back: note.term } : { front: note.term, back: note.definition };
    case 'question':
      return template === 'reverse' ? { front: note.back, back: note.front } : { front: note.front, back: note.back };
    case 'cloze': {
      const n = clozeNumber(template);
      return {
        front: mapText(note.cloze, (t) => clozeFront(t, n, marks)),
        back: mapText(note.cloze, (t) => clozeBack(t, n, marks)),
      };
    }
  }
}

/**
 * The short answers a typed reply is graded against: the term (reverse glossary card), the gap's
 * answers (cloze), the back (question), plus the note's `answers` aliases where they apply. With a
 * language (`en`, `zh`), only the text in that language (when the note has it) and the aliases
 * that can be written in it: a reply in English is not compared with the Chinese definition.
 */
export function expectedAnswers(note: Note, template: Template, lang: Lang = 'both'): string[] {
  const texts = (t: Localized | undefined) => variantsIn(t, lang);
  const aliases = lang === 'en' ? note.answers.filter((a) => !CJK.test(a)) : note.answers;
  switch (note.kind) {
    case 'glossary':
      return template === 'reverse' ? [...texts(note.term), ...aliases] : texts(note.definition);
    case 'question':
      return template === 'reverse' ? texts(note.front) : [...texts(note.back), ...aliases];
    case 'cloze': {
      const n = clozeNumber(template);
      return texts(note.cloze).flatMap((t) => gapAnswers(t, n));
    }
  }
}

const CJK = /[\u3400-\u9fff]/;

/** The variants of a text in `lang` (every one for `both`, or when the text lacks that language). */
function variantsIn(text: Localized | undefined, lang: Lang): string[] {
  if (text === undefined || typeof text === 'string' || lang === 'both') return allVariants(text);
  const own = text[lang];
  return own ? [own] : allVariants(text);
}

export function clozeNumber(template: Template): number {
  return Number(template.replace(/^c/, ''));
}
