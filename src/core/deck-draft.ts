/**
 * A deck as it will be written to a deck file: plain values in the order a person reads them, with
 * defaults left out. Imports build drafts; deckfile/write.ts turns a draft into YAML text.
 */
import type { Deck, DeckOptions, Distractors, Note } from './notes.js';
import type { Localized } from './text.js';

/** A note as written: `id`, then the kind's fields, then the optional ones that are set. */
export type NoteDraft = Record<string, unknown> & { id: string };

export interface DeckDraft {
  /** the deck's name (the file is decks/<name>.yaml) */
  name: string;
  title?: Localized;
  description?: Localized;
  tags: string[];
  /** the deck's place in the new-card order (deck field `order:`) */
  order?: number;
  options: DeckOptions;
  notes: NoteDraft[];
}

function isEmptyDistractors(d: Distractors): boolean {
  return Array.isArray(d) ? d.length === 0 : Object.keys(d).length === 0;
}

/** A validated note as a draft: fields in the usual order, empty lists and default `reverse` left out. */
export function noteDraft(note: Note): NoteDraft {
  const out: NoteDraft = { id: note.id };
  switch (note.kind) {
    case 'glossary':
      out.term = note.term;
      out.definition = note.definition;
      if (!note.reverse) out.reverse = false;
      break;
    case 'question':
      out.front = note.front;
      out.back = note.back;
      if (note.reverse) out.reverse = true;
      break;
    case 'cloze':
      out.cloze = note.cloze;
      break;
  }
  if (note.answers.length > 0) out.answers = [...note.answers];
  if (note.keypoints.length > 0) out.keypoints = [...note.keypoints];
  if (!isEmptyDistractors(note.distractors)) out.distractors = note.distractors;
  if (note.explanation !== undefined) out.explanation = note.explanation;
  if (note.tags.length > 0) out.tags = [...note.tags];
  if (note.related.length > 0) out.related = [...note.related];
  if (note.notConfusedWith?.length) out.not_confused_with = [...note.notConfusedWith];
  if (note.source !== undefined) out.source = note.source;
  if (note.guid !== undefined) out.guid = note.guid;
  return out;
}

/** A validated deck as a draft under `name`. */
export function deckDraft(deck: Deck, name = deck.name): DeckDraft {
  return {
    name,
    ...(deck.title !== undefined ? { title: deck.title } : {}),
    ...(deck.description !== undefined ? { description: deck.description } : {}),
    tags: [...deck.tags],
    ...(deck.order !== undefined ? { order: deck.order } : {}),
    options: { ...deck.options },
    notes: deck.notes.map(noteDraft),
  };
}

/**
 * Note ids made unique within a deck: a repeated id gets `-2`, `-3`, … (the first keeps it), so a
 * file written from the drafts never has duplicate ids.
 */
export function uniqueIds(notes: NoteDraft[]): NoteDraft[] {
  const seen = new Set<string>();
  return notes.map((n) => {
    let id = n.id;
    for (let k = 2; seen.has(id); k++) id = `${n.id}-${k}`;
    seen.add(id);
    return id === n.id ? n : { ...n, id };
  });
}
