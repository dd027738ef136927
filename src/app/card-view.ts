/**
 * A card as commands show it: its text in the chosen language, its deck file position, and its
 * scheduling state in the words of SPEC §4.
 */
import { facesOf, parseCardKey } from '../core/cards.js';
import type { ClozeMarks } from '../core/cloze.js';
import type { MemoryState } from '../core/scheduler.js';
import { pickLang, type Lang, type Localized } from '../core/text.js';
import type { StoredCard } from '../store/cards.js';
import type { StoredNote } from '../store/notes.js';
import { UserError } from '../errors.js';
import type { AppContext } from './context.js';

/** The queue a state belongs to (SPEC §4 queue names). */
export function queueOf(state: MemoryState['state']): 'new' | 'learning' | 'review' {
  return state === 'relearning' ? 'learning' : state;
}

export interface CardText {
  front: string;
  back: string;
  /** every language, for renderers that lay them out themselves */
  frontText: Localized;
  backText: Localized;
}

/** A card's faces in `lang`. */
export function cardText(note: StoredNote, template: string, lang: Lang, marks?: ClozeMarks): CardText {
  const faces = facesOf(note.note, template, marks);
  return { front: pickLang(faces.front, lang), back: pickLang(faces.back, lang), frontText: faces.front, backText: faces.back };
}

/** The stored note of a card; throws if the database lost it (it never should). */
export function noteOfCard(ctx: AppContext, card: StoredCard): StoredNote {
  const note = ctx.store.notes.get(card.note);
  if (!note) throw new UserError(`card ${card.key} has no note text in the database; run llmcards sync`);
  return note;
}

/** ISO time, or null. */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/** The note id part of a card key. */
export function noteIdOf(key: string): string {
  return parseCardKey(key)?.note ?? key;
}

/** Whether the note's text changed after the card's last answer (the "edited" mark). */
export function editedSinceReview(card: StoredCard, note: StoredNote): boolean {
  return card.memory.lastReview !== null && note.changedAt.getTime() > card.memory.lastReview.getTime();
}
