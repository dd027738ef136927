/**
 * The deck file's fields as data: one table read by the validator (validate.ts) and by the JSON
 * Schema generator (schema.ts), so that what editors check and what `lint` checks cannot drift.
 */

export type FieldType =
  /** a string or a map of language -> string */
  | 'text'
  /** text that may be empty (`back: ""`: Anki needs only a front) */
  | 'answer'
  /** a list of text */
  | 'texts'
  /** a plain string (numbers are accepted and turned into strings) */
  | 'string'
  /** a list of plain strings */
  | 'strings'
  /** a list of tags: strings without spaces */
  | 'tags'
  /** a note id */
  | 'id'
  /** a deck name */
  | 'deck'
  /** a list of note refs: `id` or `deck/id` */
  | 'refs'
  /** a list of text, or a map from cloze gap (`c1`) to a list of text */
  | 'distractors'
  | 'bool'
  /** a map of per-deck limits */
  | 'options'
  /** the list of notes */
  | 'notes'
  /** a non-negative whole number */
  | 'count';

export interface FieldSpec {
  type: FieldType;
  description: string;
}

export const DECK_FIELDS = {
  deck: { type: 'deck', description: "The deck's name; default: the file's path under decks/ without .yaml." },
  title: { type: 'text', description: 'Title shown in deck lists.' },
  description: { type: 'text', description: 'What the deck is about.' },
  tags: { type: 'tags', description: 'Tags added to every card of the deck.' },
  options: { type: 'options', description: 'Daily limits for this deck, overriding config.yaml.' },
  order: {
    type: 'count',
    description: "The deck's place in the order new cards come in (new_order: deck): lower first; decks without one come after, by name.",
  },
  cards: { type: 'notes', description: 'The notes of the deck; each note generates one or more cards.' },
} as const satisfies Record<string, FieldSpec>;

export const OPTION_FIELDS = {
  new_per_day: { type: 'count', description: 'New cards a day from this deck.' },
  reviews_per_day: { type: 'count', description: 'Reviews a day from this deck.' },
} as const satisfies Record<string, FieldSpec>;

export const NOTE_FIELDS = {
  id: { type: 'id', description: 'Stable key of the note within the deck; its review history follows it.' },
  term: { type: 'text', description: 'Glossary note: the term (with definition).' },
  definition: { type: 'text', description: 'Glossary note: what the term means (with term).' },
  front: { type: 'text', description: 'Question note: the question (with back).' },
  back: { type: 'answer', description: 'Question note: the answer (with front); may be empty ("").' },
  cloze: { type: 'text', description: 'Cloze note: text with {{gaps}} or {{c1::gaps}}; one card per gap number.' },
  answers: { type: 'strings', description: 'Accepted answers and aliases for typed quizzes.' },
  keypoints: { type: 'texts', description: 'What a complete spoken answer covers (interview mode).' },
  related: { type: 'refs', description: 'Notes to study with this one: an id in this deck, or deck/id.' },
  not_confused_with: {
    type: 'refs',
    description:
      'Broader, narrower or equivalent notes (an id in this deck, or deck/id): quizzes never use their answers as wrong options or their definitions as false statements for this note.',
  },
  distractors: { type: 'distractors', description: 'Plausible wrong answers for multiple choice.' },
  explanation: { type: 'text', description: 'Why the answer is what it is; shown after a quiz answer.' },
  source: { type: 'string', description: 'Where the note comes from.' },
  reverse: { type: 'bool', description: 'Glossary: false drops the reverse card. Question: true adds one.' },
  tags: { type: 'tags', description: 'Tags of this note (added to the deck tags).' },
  guid: { type: 'string', description: "The note's Anki GUID, kept from an Anki import so that exports and re-imports update the same Anki note." },
} as const satisfies Record<string, FieldSpec>;

export type NoteField = keyof typeof NOTE_FIELDS;

/** The three note kinds and the pair of fields that makes each (SPEC §3). */
export const KIND_FIELDS = {
  glossary: ['term', 'definition'],
  question: ['front', 'back'],
  cloze: ['cloze'],
} as const;

/** Language codes accepted as keys of a text map. */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A note id: letters, digits, `-`, `_`, `.`; no `/` or `:` (they separate the parts of a card key). */
export const NOTE_ID = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

/** A deck name: path-like segments of the same characters, separated by `/`. */
export const DECK_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*(\/[\p{L}\p{N}][\p{L}\p{N}_.-]*)*$/u;

/** A tag: no spaces. */
export const TAG = /^[^\s,]+$/u;

/** Deck files larger than this are refused before parsing (a deck is text a person edits). */
export const MAX_DECK_BYTES = 8 * 1024 * 1024;
