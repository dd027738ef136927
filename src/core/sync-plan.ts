/**
 * Planning a sync (SPEC §3, "Editing a note's text keeps its cards' history…"): what the freshly
 * parsed deck files mean for the notes and cards in the database. Pure; the store applies the plan
 * in one transaction.
 */
import { templatesOf, cardKey } from './cards.js';
import { clozePlain } from './cloze.js';
import { foldText } from './fold.js';
import { effectiveTags, noteKey, type Deck, type Note } from './notes.js';
import { allVariants, type Localized } from './text.js';

/** A note as the database knows it. */
export interface KnownNote {
  key: string;
  file: string;
  content: string;
  present: boolean;
  changedAt: number;
}

/** A card as the database knows it. */
export interface KnownCard {
  key: string;
  note: string;
  present: boolean;
}

export interface NoteWrite {
  key: string;
  deck: string;
  id: string;
  kind: Note['kind'];
  file: string;
  line: number;
  ord: number;
  content: string;
  tags: string;
  searchText: string;
  changedAt: number;
}

export interface CardWrite {
  key: string;
  note: string;
  deck: string;
  template: string;
  ord: number;
}

export interface SyncPlan {
  notes: NoteWrite[];
  notesGone: string[];
  cardsAdded: CardWrite[];
  /** cards that exist and stay or come back: present again, position refreshed */
  cardsKept: CardWrite[];
  cardsGone: string[];
  counts: { added: number; updated: number; removed: number; keptUnchanged: number };
}

export interface SyncInput {
  /** decks parsed now from changed, valid files */
  decks: readonly Deck[];
  /** files whose notes leave the queues unless they reappear in `decks` (deleted or changed files) */
  replacedFiles: ReadonlySet<string>;
  /** the database's notes of the replaced files and of every note key in `decks` */
  knownNotes: ReadonlyMap<string, KnownNote>;
  /** the database's cards of those notes */
  knownCards: ReadonlyMap<string, KnownCard>;
  now: number;
}

/** Positions: note n of a file, template t of the note. New cards are studied in this order. */
const TEMPLATE_SLOTS = 100;

/** The stored form of a note: every field but its position, with the deck's tags included. */
export function noteContent(deck: Deck, note: Note): string {
  const { line: _line, idGiven: _idGiven, ...fields } = note;
  return JSON.stringify({ ...fields, tags: effectiveTags(deck, note) });
}

/** Folded text of every field of a note, for search. */
export function searchTextOf(note: Note): string {
  const texts: (Localized | undefined)[] = [note.explanation, ...note.keypoints];
  switch (note.kind) {
    case 'glossary':
      texts.push(note.term, note.definition);
      break;
    case 'question':
      texts.push(note.front, note.back);
      break;
    case 'cloze':
      texts.push(typeof note.cloze === 'string' ? clozePlain(note.cloze) : Object.fromEntries(Object.entries(note.cloze).map(([k, v]) => [k, clozePlain(v)])));
      break;
  }
  const all = [note.id, ...texts.flatMap((t) => allVariants(t)), ...note.answers, ...note.tags];
  return foldText(all.join('\n'));
}

export function planSync(input: SyncInput): SyncPlan {
  const plan: SyncPlan = { notes: [], notesGone: [], cardsAdded: [], cardsKept: [], cardsGone: [], counts: { added: 0, updated: 0, removed: 0, keptUnchanged: 0 } };
  const seenNotes = new Set<string>();
  const seenCards = new Set<string>();

  for (const deck of input.decks) {
    deck.notes.forEach((note, index) => {
      const key = noteKey(deck.name, note.id);
      seenNotes.add(key);
      const content = noteContent(deck, note);
      const known = input.knownNotes.get(key);
      const edited = known !== undefined && known.content !== content;
      const tags = effectiveTags(deck, note);
      plan.notes.push({
        key,
        deck: deck.name,
        id: note.id,
        kind: note.kind,
        file: deck.file,
        line: note.line,
        ord: index * TEMPLATE_SLOTS,
        content,
        tags: ` ${tags.join(' ')} `,
        searchText: searchTextOf(note),
        changedAt: known && !edited ? known.changedAt : input.now,
      });
      templatesOf(note).forEach((template, t) => {
        const card: CardWrite = { key: cardKey(deck.name, note.id, template), note: key, deck: deck.name, template, ord: index * TEMPLATE_SLOTS + Math.min(t, TEMPLATE_SLOTS - 1) };
        seenCards.add(card.key);
        const knownCard = input.knownCards.get(card.key);
        if (!knownCard) {
          plan.cardsAdded.push(card);
          plan.counts.added++;
        } else {
          plan.cardsKept.push(card);
          if (!knownCard.present) plan.counts.added++;
          else if (edited) plan.counts.updated++;
          else plan.counts.keptUnchanged++;
        }
      });
    });
  }

  // What the replaced files held and no longer do leaves the queues (history kept).
  for (const note of input.knownNotes.values()) {
    if (!seenNotes.has(note.key) && note.present && input.replacedFiles.has(note.file)) plan.notesGone.push(note.key);
  }
  const gone = new Set(plan.notesGone);
  for (const card of input.knownCards.values()) {
    if (seenCards.has(card.key) || !card.present) continue;
    // A card leaves when its note left, or when its note stays but no longer makes it
    // (a cloze gap removed, `reverse: false`).
    if (gone.has(card.note) || seenNotes.has(card.note)) {
      plan.cardsGone.push(card.key);
      plan.counts.removed++;
    }
  }
  return plan;
}
