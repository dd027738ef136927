/**
 * What every importer produces before deck files are written: source decks holding note drafts,
 * and the plan that names the deck files (`--deck NAME` rebases the source's deck tree onto NAME)
 * and keeps note ids stable from one import of a file to the next.
 */
import { uniqueIds, type DeckDraft, type NoteDraft } from '../core/deck-draft.js';
import { slugify, type DeckOptions } from '../core/notes.js';
import { allVariants, stripControlChars, type Localized } from '../core/text.js';

export interface SourceNote {
  draft: NoteDraft;
  /** the id came from the source (an llmcards export), rather than derived from the text */
  exactId: boolean;
  /** what the source calls it (an Anki note id), to find where it was written */
  origin?: string;
}

export interface SourceDeck {
  /** our deck name for it (`llm/training`; an Anki deck `Japanese::Vocab` is `japanese/vocab`) */
  name: string;
  title?: Localized;
  description?: Localized;
  tags: string[];
  /** the deck's place in the new-card order, where the format keeps one (our JSON export) */
  order?: number;
  options: DeckOptions;
  notes: SourceNote[];
}

const hasText = (t: Localized) => allVariants(t).some((v) => stripControlChars(v).trim() !== '');

/** Our deck name for an Anki deck name: each `::` level slugged (`Japanese Vocab::Verbs` → `japanese-vocab/verbs`). */
export function deckNameFromAnki(name: string): string {
  return name
    .split('::')
    .map((part) => (/[\p{L}\p{N}]/u.test(part) ? slugify(part) : 'deck'))
    .join('/');
}

/** A derived note id: the slug of its first text (as `lint` suggests for notes without an id). */
export function derivedId(text: Localized | undefined): string {
  return slugify(allVariants(text)[0] ?? 'note');
}

/**
 * The source decks' names moved under `target`: one deck becomes `target`; several keep their
 * names below the part they share (`a/x`, `a/y` → `target/x`, `target/y`). Without a target,
 * names are kept.
 */
export function rebaseDeckNames(names: readonly string[], target: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!target) {
    for (const n of names) out.set(n, boundedDeckName(n));
    return out;
  }
  if (names.length === 1) {
    out.set(names[0] as string, boundedDeckName(target));
    return out;
  }
  const split = names.map((n) => n.split('/'));
  let common = 0;
  while (split.every((s) => s.length > common && s[common] === split[0]?.[common])) common++;
  for (const [i, n] of names.entries()) {
    const rest = (split[i] as string[]).slice(common);
    out.set(n, boundedDeckName(rest.length === 0 ? target : `${target}/${rest.join('/')}`));
  }
  return out;
}

/** Deck names an import may make: this many levels (folders under decks/) … */
export const MAX_DECK_DEPTH = 8;
/** … of at most this many characters each (a file name must stay well under 255 bytes). */
export const MAX_DECK_PART = 60;

/**
 * A deck name within MAX_DECK_DEPTH levels of MAX_DECK_PART characters: the levels past the limit
 * are joined into the last one, and long levels cut. An Anki deck 2,000 levels deep once became a
 * folder tree that made every later command take a minute and a half.
 */
export function boundedDeckName(name: string): string {
  const parts = name.split('/');
  const kept = parts.length > MAX_DECK_DEPTH ? [...parts.slice(0, MAX_DECK_DEPTH - 1), parts.slice(MAX_DECK_DEPTH - 1).join('-')] : parts;
  return kept.map((p) => (p.length > MAX_DECK_PART ? p.slice(0, MAX_DECK_PART).replace(/[-_.]+$/, '') : p)).join('/');
}

const mainOf = (d: NoteDraft) => allVariants((d.term ?? d.front ?? d.cloze) as Localized | undefined).join('\n');
const backOf = (d: NoteDraft) => allVariants((d.definition ?? d.back ?? d.explanation) as Localized | undefined).join('\n');

/**
 * Derived ids brought in line with the deck file being replaced: a note whose first text (or,
 * failing that, its answer) matches a note already in the file takes that note's id, so its
 * history follows it even when the id the text gives has changed. Ids given by the source stay.
 */
export function reconcileIds(notes: readonly SourceNote[], existing: readonly NoteDraft[]): SourceNote[] {
  if (existing.length === 0) return [...notes];
  const byGuid = new Map<string, string>();
  const byMain = new Map<string, string>();
  const byBack = new Map<string, string>();
  for (const e of existing) {
    if (typeof e.guid === 'string' && !byGuid.has(e.guid)) byGuid.set(e.guid, e.id);
    if (mainOf(e) && !byMain.has(mainOf(e))) byMain.set(mainOf(e), e.id);
    if (backOf(e) && !byBack.has(backOf(e))) byBack.set(backOf(e), e.id);
  }
  const taken = new Set(notes.filter((n) => n.exactId).map((n) => n.draft.id));
  // The GUID first: a note edited in Anki keeps its GUID, whatever happened to its text.
  const guidOf = (n: SourceNote) => (typeof n.draft.guid === 'string' ? byGuid.get(n.draft.guid) : undefined);
  for (const n of notes) if (!n.exactId && guidOf(n) !== undefined) taken.add(guidOf(n) as string);
  return notes.map((n) => {
    if (n.exactId) return n;
    const byId = guidOf(n);
    if (byId !== undefined) return { ...n, draft: { ...n.draft, id: byId }, exactId: true };
    const id = [byMain.get(mainOf(n.draft)), byBack.get(backOf(n.draft))].find((x) => x !== undefined && !taken.has(x));
    if (!id) return n;
    taken.add(id);
    return { ...n, draft: { ...n.draft, id }, exactId: true };
  });
}

/**
 * Deck drafts for the sources (merged by final name), notes' ids unique within each deck.
 * `existing` gives the notes of a deck file about to be replaced, whose ids derived ids then take
 * (see reconcileIds).
 */
export type PlannedDeck = DeckDraft & { origins: (string | undefined)[] };

export function planDecks(
  sources: readonly SourceDeck[],
  target: string | undefined,
  existing: (name: string) => readonly NoteDraft[] = () => [],
): PlannedDeck[] {
  const names = rebaseDeckNames([...new Set(sources.map((s) => s.name))], target);
  const byName = new Map<string, DeckDraft & { sources: SourceNote[] }>();
  for (const s of sources) {
    const name = names.get(s.name) as string;
    const d = byName.get(name);
    if (d) {
      for (const n of s.notes) d.sources.push(n); // (a spread of a huge deck would overflow the stack)
      continue;
    }
    byName.set(name, {
      name,
      // A title or description that is nothing once cleaned (Anki's editor leaves `&nbsp;`; a hostile
      // one, only escapes) is left out, rather than refusing the whole deck for an empty field.
      ...(s.title !== undefined && hasText(s.title) ? { title: s.title } : {}),
      ...(s.description !== undefined && hasText(s.description) ? { description: s.description } : {}),
      tags: s.tags.filter((t) => stripControlChars(t).trim() !== ''),
      ...(s.order !== undefined ? { order: s.order } : {}),
      options: { ...s.options },
      notes: [],
      sources: [...s.notes],
    });
  }
  return [...byName.values()].map(({ sources: notes, ...d }) => {
    const reconciled = reconcileIds(notes, existing(d.name));
    return { ...d, notes: uniqueIds(reconciled.map((n) => n.draft)), origins: reconciled.map((n) => n.origin) };
  });
}

/** What a note takes in a deck file, about: its JSON (a YAML file of it is of the same order). */
const noteSize = (n: NoteDraft) => JSON.stringify(n).length + 16;

/**
 * Decks too large for one deck file split into parts, in note order: `name/part-1`, `name/part-2`,
 * … each within `maxBytes` (deck files are text a person edits, and have a size limit). Small
 * decks are kept as they are.
 */
export function splitBySize(decks: readonly PlannedDeck[], maxBytes: number): PlannedDeck[] {
  const out: PlannedDeck[] = [];
  for (const d of decks) {
    const total = d.notes.reduce((n, x) => n + noteSize(x), 0);
    if (total <= maxBytes) {
      out.push(d);
      continue;
    }
    let part: PlannedDeck | null = null;
    let size = 0;
    let n = 0;
    d.notes.forEach((note, i) => {
      const s = noteSize(note);
      if (!part || (size + s > maxBytes && part.notes.length > 0)) {
        part = { ...d, name: `${d.name}/part-${++n}`, notes: [], origins: [] };
        out.push(part);
        size = 0;
      }
      part.notes.push(note);
      part.origins.push(d.origins[i]);
      size += s;
    });
  }
  return out;
}
