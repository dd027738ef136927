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
import { ankiClozeShown, flattenAnkiCloze } from './anki-cloze.js';
import type { NoteDraft } from '../core/deck-draft.js';
import { decodeEntities, htmlToText, mediaReferences, mediaToAnki, textToHtml } from './html-text.js';
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
  cards: { id?: number; nid: number; did: number; odid: number; ord: number }[];
}

export interface AnkiImport {
  decks: SourceDeck[];
  /** messages for the user: media missing, notes skipped or simplified */
  warnings: string[];
  /** Anki card id → the note (by origin) and template it became */
  cards: Map<number, AnkiCardPlace>;
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
  /** more templates than the kind keeps (0 now: such note types are split by template) */
  droppedTemplates: number;
  /**
   * For a note type of several templates that is not front-and-reverse: each template's own
   * question and answer fields, so each card Anki made becomes a question note of its own.
   */
  perTemplate?: { name: string; front: string[]; back: string[] }[];
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
  const sides = (t: { qfmt: string; afmt: string }) => {
    const q = templateRefs(t.qfmt);
    const front = known(unique(q.filter((r) => !r.filters.includes('type')).map((r) => r.field)));
    const back = known(unique([...q.filter((r) => r.filters.includes('type')), ...templateRefs(t.afmt)].map((r) => r.field))).filter((f) => !front.includes(f));
    return { front, back };
  };
  const { front, back } = sides(t0);
  const q = front.length > 0 ? front : nt.fields.slice(0, 1);
  const a = back.length > 0 ? back : nt.fields.filter((f) => !q.includes(f));
  if (nt.templates.length === 2) {
    const t1 = nt.templates[1] as { qfmt: string; afmt: string };
    const q1 = known(
      unique(
        templateRefs(t1.qfmt)
          .filter((r) => !r.filters.includes('type'))
          .map((r) => r.field),
      ),
    );
    const reversed = q1.length > 0 && q1.every((f) => a.includes(f)) && templateRefs(t1.afmt).some((r) => q.includes(r.field));
    if (reversed) return { kind: 'glossary', front: q, back: a, reversible: true, droppedTemplates: 0 };
  }
  const shape: NotetypeShape = { kind: 'question', front: q, back: a, reversible: false, droppedTemplates: 0 };
  if (nt.templates.length > 1) shape.perTemplate = nt.templates.map((t) => ({ name: t.name, ...sides(t) }));
  return shape;
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
function ourNote(
  kind: NoteKind,
  f: (name: string) => string,
  meta: NoteMeta | null,
  ankiTags: string[],
  deckTags: string[],
  toText: ToText,
): { draft: NoteDraft; exactId: boolean } | null {
  const exact = meta && meta.kind === kind ? meta : null;
  const role = (name: string, mainField: string, zhField: string, cloze = false): Localized | undefined => {
    const kept = exact?.text[name];
    const render = cloze ? clozeToAnkiHtml : (t: string) => mediaToAnki(textToHtml(t));
    if (isLocalized(kept) && render(mainText(kept)) === f(mainField) && render(zhText(kept)) === f(zhField)) return kept;
    return localizedFrom(toText(f(mainField), !cloze), toText(f(zhField), !cloze));
  };
  const single = (name: string, field: string): Localized | undefined => {
    const kept = exact?.text[name];
    if (isLocalized(kept) && mediaToAnki(textToHtml(joinedText(kept))) === f(field)) return kept;
    return toText(f(field)) || undefined;
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
  if (exact && (Array.isArray(exact.distractors) ? exact.distractors.length : Object.keys(exact.distractors ?? {}).length))
    draft.distractors = exact.distractors;
  const explanation = single('explanation', kind === 'cloze' ? 'Back Extra' : 'Explanation');
  if (explanation !== undefined) draft.explanation = explanation;
  const effective = new Set([...deckTags, ...(exact?.tags ?? [])]);
  const own =
    exact && ankiTags.length === effective.size && ankiTags.every((t) => effective.has(t)) ? exact.tags : ankiTags.filter((t) => !deckTags.includes(t));
  if (own.length) draft.tags = own;
  if (exact?.related?.length) draft.related = exact.related;
  const source = toText(f('Source'));
  if (source) draft.source = source;
  const first = draft.term ?? draft.front ?? draft.cloze;
  if (first === undefined || (kind !== 'cloze' && (draft.definition ?? draft.back) === undefined)) return null;
  const id = exact ? exact.key.slice(exact.key.lastIndexOf('/') + 1) : derivedId(first as Localized);
  draft.id = id;
  return { draft: draft as NoteDraft, exactId: exact !== null };
}

type ToText = (html: string, emphasis?: boolean) => string;

/** The plain text of fields, one a line, empty ones left out. */
const fieldsText = (fields: string[], f: (name: string) => string, toText: ToText, emphasis = true) =>
  fields
    .map((x) => toText(f(x), emphasis))
    .filter(Boolean)
    .join('\n');

const CLOZE_GAP = /\{\{c\d+::([^}]*?)(::[^}]*)?\}\}/g;

/** A note of any other note type, by its shape. An empty back is fine: Anki needs only a front. */
function shapedNote(shape: NotetypeShape, f: (name: string) => string, ankiTags: string[], hasReverseCard: boolean, toText: ToText): NoteDraft | null {
  const front = fieldsText(shape.front, f, toText, shape.kind !== 'cloze');
  const back = fieldsText(shape.back, f, toText);
  const tags = ankiTags.length ? { tags: ankiTags } : {};
  if (shape.kind === 'cloze') {
    if (!front || !parseCloze(front).segments.some((s) => typeof s !== 'string')) return null;
    return { id: derivedId(front.replace(CLOZE_GAP, '$1')), cloze: front, ...(back ? { explanation: back } : {}), ...tags };
  }
  if (!front) return null;
  // A reverse card asks for the back: with no back, Anki makes none, and neither do we.
  if (shape.kind === 'glossary' && back) return { id: derivedId(front), term: front, definition: back, ...(hasReverseCard ? {} : { reverse: false }), ...tags };
  return { id: derivedId(front), front, back, ...tags };
}

/** Anki tags as ours: no commas (Anki allows them, our tags do not). */
function cleanTags(text: string): string[] {
  return [
    ...new Set(
      splitTags(text)
        .map((t) => t.replace(/,+/g, '-'))
        .filter(Boolean),
    ),
  ];
}

/** Image Occlusion notes hold their masks as cloze gaps of this form (rslib image_occlusion). */
export const IMAGE_OCCLUSION = /\{\{c\d+::image-occlusion:/;

/** The message for Image Occlusion notes left out, the same for every importer. */
export function imageOcclusionWarning(n: number, where: string): string {
  return `${n} Image Occlusion note${n === 1 ? '' : 's'} ${where} left out: llmcards shows cards as text and cannot hide parts of an image; study ${n === 1 ? 'it' : 'them'} in Anki`;
}

/** Where an Anki card lands: the note it became (by origin) and our template name. */
export interface AnkiCardPlace {
  origin: string;
  template: string;
}

export interface AnkiImportOptions {
  /** how an imported media file is shown (`x.png` → `media/x.png`); null keeps the name */
  media?: (name: string) => string | null;
}

/** The notes of an Anki collection as source decks, grouped by the deck of each note's first card. */
export function importAnkiCollection(col: AnkiCollectionInput, opts: AnkiImportOptions = {}): AnkiImport {
  const warnings: string[] = [];
  const toText: ToText = (html, emphasis = true) => htmlToText(html, { ...(opts.media ? { media: opts.media } : {}), emphasis });
  const cardsOf = new Map<number, { id: number; did: number; ord: number }[]>();
  for (const c of col.cards) {
    const list = cardsOf.get(c.nid) ?? [];
    // A card in a filtered deck belongs to its home deck.
    list.push({ id: c.id ?? 0, did: c.odid || c.did, ord: c.ord });
    cardsOf.set(c.nid, list);
  }
  const places = new Map<number, AnkiCardPlace>();
  const decks = new Map<number, SourceDeck>();
  const deckOf = (did: number): SourceDeck => {
    let d = decks.get(did);
    if (d) return d;
    const anki = col.decks.get(did);
    const meta = anki?.llmcards as { deck?: unknown; title?: unknown; description?: unknown; tags?: unknown; options?: unknown } | null | undefined;
    const ours = meta && typeof meta.deck === 'string' ? meta : null;
    const desc = anki ? toText(anki.desc) : '';
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
  const occlusions = new Map<string, number>();
  const untemplated = new Map<string, number>();
  const shapes = new Map<number, NotetypeShape>();
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const note of col.notes) {
    const nt = col.notetypes.get(note.mid);
    const cards = (cardsOf.get(note.id) ?? []).sort((a, b) => a.ord - b.ord);
    if (!nt) {
      count(skipped, '(missing note type)');
      continue;
    }
    const values = note.flds.split(FIELD_SEPARATOR);
    if (nt.kind === 1 && values.some((v) => IMAGE_OCCLUSION.test(v))) {
      count(occlusions, nt.name);
      continue;
    }
    for (const v of values) for (const m of mediaReferences(v)) media.add(m);
    const f = (name: string) => {
      const i = nt.fields.indexOf(name);
      return i >= 0 ? (values[i] ?? '') : '';
    };
    const deck = deckOf(cards[0]?.did ?? 1);
    const tags = cleanTags(note.tags);
    const origin = String(note.id);
    const ours = isOurs(nt);
    if (ours) {
      const r = ourNote(ours, f, parseMeta(f(META_FIELD)), tags, deck.tags, toText);
      if (!r) {
        count(skipped, nt.name);
        continue;
      }
      deck.notes.push({ ...r, origin });
      for (const c of cards) places.set(c.id, { origin, template: ours === 'cloze' ? `c${c.ord + 1}` : c.ord === 1 ? 'reverse' : 'forward' });
      continue;
    }
    let shape = shapes.get(nt.id);
    if (!shape) shapes.set(nt.id, (shape = notetypeShape(nt)));
    if (shape.perTemplate) {
      // One question note per card Anki made from this note: each template asks its own fields.
      let first = true;
      let baseId = '';
      for (const c of cards) {
        const t = shape.perTemplate[c.ord];
        const draft = t ? shapedNote({ ...shape, kind: 'question', front: t.front, back: t.back }, f, tags, false, toText) : null;
        if (!draft) {
          count(untemplated, `${nt.name}" card "${t?.name ?? c.ord + 1}`);
          continue;
        }
        const pieceOrigin = `${origin}/${c.ord}`;
        // The first card's note is named by its text; the others by it and their template's name.
        if (first) {
          baseId = draft.id;
          draft.guid = note.guid;
        } else draft.id = `${baseId}-${derivedId(t?.name ?? String(c.ord + 1))}`;
        first = false;
        deck.notes.push({ draft, exactId: false, origin: pieceOrigin });
        places.set(c.id, { origin: pieceOrigin, template: 'forward' });
      }
      if (first) count(skipped, nt.name);
      continue;
    }
    if (shape.kind === 'cloze') {
      // Nested gaps, or gaps of several cards (Anki 2.1.56+): one note per group of card numbers
      // whose gaps do not overlap, each card as Anki shows it (formats/anki-cloze.ts).
      const text = fieldsText(shape.front, f, toText, false);
      const flat = flattenAnkiCloze(text);
      if (flat.length > 1 || flat[0]?.text !== text) {
        const back = fieldsText(shape.back, f, toText);
        const baseId = derivedId(ankiClozeShown(text));
        const made = flat.map((g, i) => {
          const pieceOrigin = `${origin}/c${g.ordinals[0]}`;
          const draft: NoteDraft = {
            id: i === 0 ? baseId : `${baseId}-c${g.ordinals[0]}`,
            cloze: g.text,
            ...(back ? { explanation: back } : {}),
            ...(tags.length ? { tags } : {}),
            ...(i === 0 && note.guid ? { guid: note.guid } : {}),
          };
          deck.notes.push({ draft, exactId: false, origin: pieceOrigin });
          return { ordinals: g.ordinals, origin: pieceOrigin };
        });
        for (const c of cards) {
          const piece = made.find((m) => m.ordinals.includes(c.ord + 1));
          if (piece) places.set(c.id, { origin: piece.origin, template: `c${c.ord + 1}` });
        }
        continue;
      }
    }
    const draft = shapedNote(
      shape,
      f,
      tags,
      cards.some((c) => c.ord === 1),
      toText,
    );
    if (!draft) {
      count(skipped, nt.name);
      continue;
    }
    if (typeof note.guid === 'string' && note.guid) draft.guid = note.guid;
    deck.notes.push({ draft, exactId: false, origin });
    for (const c of cards) {
      const template = draft.cloze !== undefined ? `c${c.ord + 1}` : c.ord === 0 ? 'forward' : c.ord === 1 && draft.term !== undefined ? 'reverse' : null;
      if (template) places.set(c.id, { origin, template });
    }
  }
  for (const [name, n] of untemplated) warnings.push(`${n} card${n === 1 ? '' : 's'} of note type "${name}" left out: the template shows no field of the note`);
  for (const [name, n] of skipped)
    warnings.push(
      `${n} note${n === 1 ? '' : 's'} of note type "${name}" skipped: ${name === '(missing note type)' ? 'the package lacks their note type' : 'empty front, or a cloze without gaps'}`,
    );
  for (const [name, n] of occlusions) warnings.push(imageOcclusionWarning(n, `of note type "${name}"`));
  const missing = opts.media ? [...media].filter((m) => opts.media?.(m) == null) : [...media];
  if (missing.length > 0) {
    warnings.push(
      `the notes refer to ${missing.length} media file${missing.length === 1 ? '' : 's'} that the package does not hold (the notes keep their names as text): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? `, and ${missing.length - 10} more` : ''}`,
    );
  }
  return { decks: [...decks.values()].filter((d) => d.notes.length > 0), warnings, cards: places };
}
