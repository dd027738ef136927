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
  /** the rest of its stored columns, when read: a write that would change none of them is skipped */
  stored?: Pick<NoteWrite, 'deck' | 'id' | 'kind' | 'line' | 'ord' | 'tags' | 'searchText'>;
}

/** A card as the database knows it. */
export interface KnownCard {
  key: string;
  note: string;
  present: boolean;
  /** its stored position and deck, when read (as for KnownNote.stored) */
  stored?: Pick<CardWrite, 'deck' | 'ord'>;
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
  /** the database holds exactly this already (a note of a changed file that did not change): nothing to write */
  same?: boolean;
}

export interface CardWrite {
  key: string;
  note: string;
  deck: string;
  template: string;
  ord: number;
  /** as NoteWrite.same: the kept card is present, in this deck, at this position already */
  same?: boolean;
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

/** A deck's own fields, without its notes. */
export type DeckHeader = Omit<Deck, 'notes'>;

/**
 * A note ready to be written: everything the database keeps of it, computed from the deck file
 * alone. (Worth its own step: a sync of a large collection prepares notes in a worker thread.)
 */
export interface PreparedNote {
  key: string;
  id: string;
  kind: Note['kind'];
  line: number;
  ord: number;
  content: string;
  tags: string;
  searchText: string;
  templates: string[];
}

export interface PreparedDeck {
  header: DeckHeader;
  notes: PreparedNote[];
}

export interface SyncInput {
  /** decks parsed now from changed, valid files */
  decks: readonly PreparedDeck[];
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
const STUDY_FIELDS = ['term', 'definition', 'front', 'back', 'cloze', 'explanation'] as const;

/** The part of a stored note a card shows, for telling an edit of the text from one of tags or links. */
export function studyText(content: string): string {
  const fields = JSON.parse(content) as Record<string, unknown>;
  return JSON.stringify(STUDY_FIELDS.map((f) => fields[f] ?? null));
}

export function noteContent(deck: Pick<Deck, 'tags'>, note: Note, tags = effectiveTags(deck, note)): string {
  // Everything but the position (line, and whether the id was written), deck tags included. (The
  // tags keep their place among the keys: the stored text of an unchanged note stays the same.)
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(note)) {
    if (key !== 'line' && key !== 'idGiven') fields[key] = key === 'tags' ? tags : value;
  }
  return JSON.stringify(fields);
}

/** Folded text of every field of a note, for search: one line per text. */
export function searchTextOf(note: Note): string {
  let all = note.id;
  const add = (text: Localized | undefined) => {
    for (const variant of allVariants(text)) all += `\n${variant}`;
  };
  add(note.explanation);
  for (const k of note.keypoints) add(k);
  switch (note.kind) {
    case 'glossary':
      add(note.term);
      add(note.definition);
      break;
    case 'question':
      add(note.front);
      add(note.back);
      break;
    case 'cloze':
      add(typeof note.cloze === 'string' ? clozePlain(note.cloze) : Object.fromEntries(Object.entries(note.cloze).map(([k, v]) => [k, clozePlain(v)])));
      break;
  }
  for (const s of note.answers) all += `\n${s}`;
  for (const s of note.tags) all += `\n${s}`;
  return foldText(all);
}

/** Everything the database keeps of a deck's notes. */
export function prepareDeck(deck: Deck): PreparedDeck {
  const { notes, ...header } = deck;
  return {
    header,
    notes: notes.map((note, index) => {
      const tags = effectiveTags(deck, note);
      return {
        key: noteKey(deck.name, note.id),
        id: note.id,
        kind: note.kind,
        line: note.line,
        ord: index * TEMPLATE_SLOTS,
        content: noteContent(deck, note, tags),
        tags: ` ${tags.join(' ')} `,
        searchText: searchTextOf(note),
        templates: templatesOf(note),
      };
    }),
  };
}

/** Whether writing `w` over the stored note would change none of its columns. */
function isSameNote(w: NoteWrite, known: KnownNote, stored: NonNullable<KnownNote['stored']>): boolean {
  return (
    known.present &&
    w.file === known.file &&
    w.content === known.content &&
    w.changedAt === known.changedAt &&
    w.deck === stored.deck &&
    w.id === stored.id &&
    w.kind === stored.kind &&
    w.line === stored.line &&
    w.ord === stored.ord &&
    w.tags === stored.tags &&
    w.searchText === stored.searchText
  );
}

export function planSync(input: SyncInput): SyncPlan {
  const plan: SyncPlan = {
    notes: [],
    notesGone: [],
    cardsAdded: [],
    cardsKept: [],
    cardsGone: [],
    counts: { added: 0, updated: 0, removed: 0, keptUnchanged: 0 },
  };
  const seenNotes = new Set<string>();
  const seenCards = new Set<string>();

  for (const { header: deck, notes } of input.decks) {
    for (const note of notes) {
      seenNotes.add(note.key);
      const known = input.knownNotes.get(note.key);
      const edited = known !== undefined && known.content !== note.content;
      const write: NoteWrite = {
        key: note.key,
        deck: deck.name,
        id: note.id,
        kind: note.kind,
        file: deck.file,
        line: note.line,
        ord: note.ord,
        content: note.content,
        tags: note.tags,
        searchText: note.searchText,
        // The "edited" mark is for the text a card shows, not for tags, links or sources.
        changedAt: known && !(edited && studyText(known.content) !== studyText(note.content)) ? known.changedAt : input.now,
      };
      // One note added to a file of 500: the other 499 and their cards are written only if a column differs.
      if (known?.stored && isSameNote(write, known, known.stored)) write.same = true;
      plan.notes.push(write);
      note.templates.forEach((template, t) => {
        const card: CardWrite = {
          key: cardKey(deck.name, note.id, template),
          note: note.key,
          deck: deck.name,
          template,
          ord: note.ord + Math.min(t, TEMPLATE_SLOTS - 1),
        };
        seenCards.add(card.key);
        const knownCard = input.knownCards.get(card.key);
        if (!knownCard) {
          plan.cardsAdded.push(card);
          plan.counts.added++;
        } else {
          const stored = knownCard.stored;
          if (knownCard.present && stored && stored.ord === card.ord && stored.deck === card.deck) card.same = true;
          plan.cardsKept.push(card);
          if (!knownCard.present) plan.counts.added++;
          else if (edited) plan.counts.updated++;
          else plan.counts.keptUnchanged++;
        }
      });
    }
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
