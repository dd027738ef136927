/**
 * Anki notes as our notes. Note types of a basic shape (one template: front → back) become
 * question notes, of a basic-and-reverse shape (a second template asking the back for the front)
 * glossary notes, cloze note types cloze notes; any other shape becomes a question note made of
 * its first template's question and answer fields. Field HTML becomes plain text with its line
 * breaks. Notes written by an llmcards export are read back exactly from their metadata field,
 * except for the parts edited in Anki since.
 */
import { clozeToAnkiHtml, FIELD_SEPARATOR, joinedText, mainText, META_FIELD, MODELS, splitTags, zhText, type NoteMeta } from './anki.js';
import { parseCloze } from '../core/cloze.js';
import type { NoteDraft } from '../core/deck-draft.js';
import { decodeEntities, htmlToText, mediaReferences, textToHtml } from './html-text.js';
import { deckNameFromAnki, derivedId, type SourceDeck, type SourceNote } from './import-source.js';
import type { DeckOptions, NoteKind } from '../core/notes.js';
import type { Localized } from '../core/text.js';

export interface AnkiNotetypeInput {
  id: number;
  name: string;
  kind: number;
  fields: string[];
  templates: { name: string; qfmt: string; afmt: string }[];
}

export interface AnkiCollectionInput {
  notetypes: Map<number, AnkiNotetypeInput>;
  decks: Map<number, { id: number; name: string; desc: string; llmcards: unknown }>;
  notes: { id: number; guid: string; mid: number; tags: string; flds: string }[];
  cards: { nid: number; did: number; odid: number; ord: number }[];
}

export interface AnkiImport {
  decks: SourceDeck[];
  /** messages for the user: media not imported, notes skipped or simplified */
  warnings: string[];
}

const SPECIAL = new Set(['FrontSide', 'Card', 'CardFlag', 'Deck', 'Subdeck', 'Tags', 'Type', 'CardID']);

interface FieldRef {
  field: string;
  filters: string[];
}

/** The fields a card template shows (not conditionals, not special fields), in order of appearance. */
export function templateRefs(template: string): FieldRef[] {
  const out: FieldRef[] = [];
  for (const m of template.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const body = (m[1] as string).trim();
    if (/^[#^/!]/.test(body)) continue;
    const parts = body.split(':');
    const field = (parts.pop() as string).trim();
    if (!SPECIAL.has(field)) out.push({ field, filters: parts.map((p) => p.trim()) });
  }
  return out;
}

const unique = (xs: string[]) => [...new Set(xs)];

/** The shape of a note type, as our kind and which fields play which part. */
export interface NotetypeShape {
  kind: NoteKind;
  /** question / term / cloze text fields */
  front: string[];
  /** answer / definition / extra fields */
  back: string[];
  /** a reverse card comes from template 1 (glossary) */
  reversible: boolean;
  /** more templates than the kind keeps */
  droppedTemplates: number;
}

/** How a note type maps to our kinds (see the file comment). */
export function notetypeShape(nt: AnkiNotetypeInput): NotetypeShape {
  const t0 = nt.templates[0] ?? { name: '', qfmt: '', afmt: '' };
  const q0 = templateRefs(t0.qfmt);
  const a0 = templateRefs(t0.afmt);
  const known = (xs: string[]) => xs.filter((f) => nt.fields.includes(f));
  if (nt.kind === 1) {
    const cloze = known(unique(q0.filter((r) => r.filters.includes('cloze')).map((r) => r.field)));
    const front = cloze.length > 0 ? cloze : nt.fields.slice(0, 1);
    return { kind: 'cloze', front, back: known(unique(a0.map((r) => r.field))).filter((f) => !front.includes(f)), reversible: false, droppedTemplates: 0 };
  }
  const front = known(unique(q0.filter((r) => !r.filters.includes('type')).map((r) => r.field)));
  const back = known(unique([...q0.filter((r) => r.filters.includes('type')), ...a0].map((r) => r.field))).filter((f) => !front.includes(f));
  const q = front.length > 0 ? front : nt.fields.slice(0, 1);
  const a = back.length > 0 ? back : nt.fields.filter((f) => !q.includes(f));
  if (nt.templates.length === 2) {
    const t1 = nt.templates[1] as { qfmt: string; afmt: string };
    const q1 = known(unique(templateRefs(t1.qfmt).filter((r) => !r.filters.includes('type')).map((r) => r.field)));
    const reversed = q1.length > 0 && q1.every((f) => a.includes(f)) && templateRefs(t1.afmt).some((r) => q.includes(r.field));
    if (reversed) return { kind: 'glossary', front: q, back: a, reversible: true, droppedTemplates: 0 };
  }
  return { kind: 'question', front: q, back: a, reversible: false, droppedTemplates: Math.max(0, nt.templates.length - 1) };
}

function isOurs(nt: AnkiNotetypeInput): NoteKind | null {
  for (const spec of Object.values(MODELS)) {
    if (nt.name.startsWith(spec.name) && spec.fields.every((f) => nt.fields.includes(f))) return spec.kind;
  }
  return null;
}

function parseMeta(text: string): NoteMeta | null {
  for (const candidate of [decodeEntities(text), htmlToText(text).replace(/\n/g, ' ')]) {
    try {
      const m = JSON.parse(candidate) as NoteMeta;
      if (m && m.v === 1 && typeof m.key === 'string' && m.text && typeof m.text === 'object') return m;
    } catch {
      // not this form
    }
  }
  return null;
}

/** A text from a main-language field and a Chinese one: a plain string, or `{en, zh}`. */
function localizedFrom(main: string, zh: string): Localized | undefined {
  if (main && zh) return { en: main, zh };
  if (zh) return { zh };
  return main || undefined;
}

const isLocalized = (v: unknown): v is Localized =>
  typeof v === 'string' || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'));

/** A note written by our export: the metadata's exact text where the fields still show it. */
function ourNote(kind: NoteKind, f: (name: string) => string, meta: NoteMeta | null, ankiTags: string[], deckTags: string[]): { draft: NoteDraft; exactId: boolean } | null {
  const exact = meta && meta.kind === kind ? meta : null;
  const role = (name: string, mainField: string, zhField: string, cloze = false): Localized | undefined => {
    const kept = exact?.text[name];
    const render = cloze ? clozeToAnkiHtml : textToHtml;
    if (isLocalized(kept) && render(mainText(kept)) === f(mainField) && render(zhText(kept)) === f(zhField)) return kept;
    return localizedFrom(htmlToText(f(mainField)), htmlToText(f(zhField)));
  };
  const single = (name: string, field: string): Localized | undefined => {
    const kept = exact?.text[name];
    if (isLocalized(kept) && textToHtml(joinedText(kept)) === f(field)) return kept;
    return htmlToText(f(field)) || undefined;
  };
  const draft: Record<string, unknown> = { id: '' };
  if (kind === 'cloze') {
    draft.cloze = role('cloze', 'Text', 'Text (zh)', true);
  } else {
    const [a, b, ka, kb] = kind === 'glossary' ? ['Term', 'Definition', 'term', 'definition'] : ['Front', 'Back', 'front', 'back'];
    draft[ka] = role(ka, a, `${a} (zh)`);
    draft[kb] = role(kb, b, `${b} (zh)`);
    const reverse = f('Reverse').trim() !== '';
    if (kind === 'glossary' && !reverse) draft.reverse = false;
    if (kind === 'question' && reverse) draft.reverse = true;
  }
  if (exact?.answers?.length) draft.answers = exact.answers;
  if (exact?.keypoints?.length) draft.keypoints = exact.keypoints;
  if (exact && (Array.isArray(exact.distractors) ? exact.distractors.length : Object.keys(exact.distractors ?? {}).length)) draft.distractors = exact.distractors;
  const explanation = single('explanation', kind === 'cloze' ? 'Back Extra' : 'Explanation');
  if (explanation !== undefined) draft.explanation = explanation;
  const effective = new Set([...deckTags, ...(exact?.tags ?? [])]);
  const own = exact && ankiTags.length === effective.size && ankiTags.every((t) => effective.has(t)) ? exact.tags : ankiTags.filter((t) => !deckTags.includes(t));
  if (own.length) draft.tags = own;
  if (exact?.related?.length) draft.related = exact.related;
  const source = htmlToText(f('Source'));
  if (source) draft.source = source;
  const first = draft.term ?? draft.front ?? draft.cloze;
  if (first === undefined || (kind !== 'cloze' && (draft.definition ?? draft.back) === undefined)) return null;
  const id = exact ? exact.key.slice(exact.key.lastIndexOf('/') + 1) : derivedId(first as Localized);
  draft.id = id;
  return { draft: draft as NoteDraft, exactId: exact !== null };
}

/** A note of any other note type, by its shape. */
function shapedNote(shape: NotetypeShape, f: (name: string) => string, ankiTags: string[], hasReverseCard: boolean): NoteDraft | null {
  const text = (fields: string[]) => fields.map((x) => htmlToText(f(x))).filter(Boolean).join('\n');
  const front = text(shape.front);
  const back = text(shape.back);
  const tags = ankiTags.length ? { tags: ankiTags } : {};
  if (shape.kind === 'cloze') {
    if (!front || !parseCloze(front).segments.some((s) => typeof s !== 'string')) return null;
    return { id: derivedId(front.replace(/\{\{c\d+::([^}]*?)(::[^}]*)?\}\}/g, '$1')), cloze: front, ...(back ? { explanation: back } : {}), ...tags };
  }
  if (!front || !back) return null;
  if (shape.kind === 'glossary') return { id: derivedId(front), term: front, definition: back, ...(hasReverseCard ? {} : { reverse: false }), ...tags };
  return { id: derivedId(front), front, back, ...tags };
}

/** Anki tags as ours: no commas (Anki allows them, our tags do not). */
function cleanTags(text: string): string[] {
  return [...new Set(splitTags(text).map((t) => t.replace(/,+/g, '-')).filter(Boolean))];
}

/** The notes of an Anki collection as source decks, grouped by the deck of each note's first card. */
export function importAnkiCollection(col: AnkiCollectionInput): AnkiImport {
  const warnings: string[] = [];
  const cardsOf = new Map<number, { did: number; ord: number }[]>();
  for (const c of col.cards) {
    const list = cardsOf.get(c.nid) ?? [];
    // A card in a filtered deck belongs to its home deck.
    list.push({ did: c.odid || c.did, ord: c.ord });
    cardsOf.set(c.nid, list);
  }
  const decks = new Map<number, SourceDeck>();
  const deckOf = (did: number): SourceDeck => {
    let d = decks.get(did);
    if (d) return d;
    const anki = col.decks.get(did);
    const meta = anki?.llmcards as { deck?: unknown; title?: unknown; description?: unknown; tags?: unknown; options?: unknown } | null | undefined;
    const ours = meta && typeof meta.deck === 'string' ? meta : null;
    const desc = anki ? htmlToText(anki.desc) : '';
    d = {
      name: ours ? (ours.deck as string) : deckNameFromAnki(anki?.name ?? 'Default'),
      ...(ours && isLocalized(ours.title) ? { title: ours.title } : {}),
      ...(ours && isLocalized(ours.description) ? { description: ours.description } : desc ? { description: desc } : {}),
      tags: ours && Array.isArray(ours.tags) ? ours.tags.filter((t): t is string => typeof t === 'string') : [],
      options: ours && ours.options && typeof ours.options === 'object' ? (ours.options as DeckOptions) : {},
      notes: [],
    };
    decks.set(did, d);
    return d;
  };
  const media = new Set<string>();
  const skipped = new Map<string, number>();
  const simplified = new Map<string, number>();
  const shapes = new Map<number, NotetypeShape>();
  for (const note of col.notes) {
    const nt = col.notetypes.get(note.mid);
    const cards = (cardsOf.get(note.id) ?? []).sort((a, b) => a.ord - b.ord);
    if (!nt) {
      skipped.set('(missing note type)', (skipped.get('(missing note type)') ?? 0) + 1);
      continue;
    }
    const values = note.flds.split(FIELD_SEPARATOR);
    for (const v of values) for (const m of mediaReferences(v)) media.add(m);
    const f = (name: string) => {
      const i = nt.fields.indexOf(name);
      return i >= 0 ? (values[i] ?? '') : '';
    };
    const deck = deckOf(cards[0]?.did ?? 1);
    const tags = cleanTags(note.tags);
    const ours = isOurs(nt);
    let result: SourceNote | null = null;
    if (ours) {
      const r = ourNote(ours, f, parseMeta(f(META_FIELD)), tags, deck.tags);
      result = r;
    } else {
      let shape = shapes.get(nt.id);
      if (!shape) shapes.set(nt.id, (shape = notetypeShape(nt)));
      const draft = shapedNote(shape, f, tags, cards.some((c) => c.ord === 1));
      if (draft) result = { draft, exactId: false };
      if (draft && shape.droppedTemplates > 0) simplified.set(nt.name, (simplified.get(nt.name) ?? 0) + 1);
    }
    if (!result) {
      skipped.set(nt.name, (skipped.get(nt.name) ?? 0) + 1);
      continue;
    }
    deck.notes.push(result);
  }
  for (const [name, n] of simplified) warnings.push(`${n} note${n === 1 ? '' : 's'} of note type "${name}" became question notes with one card (the note type has more card templates than a question note)`);
  for (const [name, n] of skipped) warnings.push(`${n} note${n === 1 ? '' : 's'} of note type "${name}" skipped: empty question or answer, or a cloze without gaps`);
  if (media.size > 0) {
    const list = [...media];
    warnings.push(`the package refers to ${list.length} media file${list.length === 1 ? '' : 's'}, which llmcards does not import (the notes keep their names as text): ${list.slice(0, 10).join(', ')}${list.length > 10 ? `, and ${list.length - 10} more` : ''}`);
  }
  return { decks: [...decks.values()].filter((d) => d.notes.length > 0), warnings };
}
