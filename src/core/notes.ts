/**
 * Decks and notes as the rest of the program sees them once a deck file has been read (SPEC §3).
 * A note is one list item of a deck file; its kind is decided by the fields it has.
 */
import type { Localized } from './text.js';

export const NOTE_KINDS = ['glossary', 'question', 'cloze'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Wrong options for multiple choice: a list, or per cloze gap (`c1: [...]`). */
export type Distractors = readonly Localized[] | Readonly<Record<string, readonly Localized[]>>;

export interface NoteCommon {
  /** stable key of the note within its deck */
  id: string;
  /** whether the id was written in the file or derived from the text */
  idGiven: boolean;
  /** the note's own tags (the deck's are added by `effectiveTags`) */
  tags: readonly string[];
  answers: readonly string[];
  keypoints: readonly Localized[];
  /** note refs: an id in the same deck or `deck/id` */
  related: readonly string[];
  /**
   * note refs (as `related`) of broader, narrower or equivalent terms: never offered as a wrong
   * option or a false statement for this note, nor this note for them. Absent when not written.
   */
  notConfusedWith?: readonly string[];
  distractors: Distractors;
  explanation?: Localized;
  source?: string;
  /** the Anki note's GUID, for a note imported from Anki */
  guid?: string;
  /** 1-based line of the note in its file */
  line: number;
}

export interface GlossaryNote extends NoteCommon {
  kind: 'glossary';
  term: Localized;
  definition: Localized;
  /** false drops the reverse card */
  reverse: boolean;
}

export interface QuestionNote extends NoteCommon {
  kind: 'question';
  front: Localized;
  back: Localized;
  /** true adds a reverse card */
  reverse: boolean;
}

export interface ClozeNote extends NoteCommon {
  kind: 'cloze';
  cloze: Localized;
}

export type Note = GlossaryNote | QuestionNote | ClozeNote;

export interface DeckOptions {
  new_per_day?: number;
  reviews_per_day?: number;
}

export interface Deck {
  /** the deck's name: `deck:` or the file's path under decks/ without .yaml */
  name: string;
  /** path of the deck file relative to the collection's decks/ folder */
  file: string;
  title?: Localized;
  description?: Localized;
  tags: readonly string[];
  options: DeckOptions;
  /** its place in the order new cards come in (`new_order: deck`): lower first; none comes after */
  order?: number;
  notes: readonly Note[];
}

/** `<deck>/<note id>` */
export function noteKey(deck: string, id: string): string {
  return `${deck}/${id}`;
}

/** The deck's tags and the note's own, without duplicates, deck tags first. */
export function effectiveTags(deck: Pick<Deck, 'tags'>, note: Pick<Note, 'tags'>): string[] {
  const tags: string[] = [];
  for (const list of [deck.tags, note.tags]) for (const tag of list) if (!tags.includes(tag)) tags.push(tag);
  return tags;
}

/**
 * The full note key a `related` entry points to: entries with a `/` name another deck's note
 * (`deck/id`, the deck part may itself contain `/`), others a note of the same deck.
 */
export function resolveRelated(deck: string, ref: string): string {
  return ref.includes('/') ? ref : noteKey(deck, ref);
}

/**
 * The deck name a file gets when it does not say `deck:`: its path under decks/ without .yaml, in
 * composed form (NFC; macOS file systems may give names decomposed).
 */
export function deckNameFromFile(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/\.ya?ml$/i, '')
    .normalize('NFC');
}

/** A slug usable as a note id, from a term or question text. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'note';
}
