/**
 * Importing our own JSON export (app/export/json.ts): every deck with every field of every note.
 * The shape is checked loosely here; the deck files written from it are validated like any other.
 */
import type { NoteDraft } from '../../core/deck-draft.js';
import type { SourceDeck } from '../../formats/import-source.js';
import { NOTE_KINDS } from '../../core/notes.js';
import { NOTE_FIELDS, OPTION_FIELDS, type FieldType } from '../../deckfile/fields.js';
import { UserError } from '../../errors.js';
import { JSON_FORMAT, JSON_VERSION } from '../export/json.js';

const FIELD_ORDER = [
  'term',
  'definition',
  'front',
  'back',
  'cloze',
  'reverse',
  'answers',
  'keypoints',
  'distractors',
  'explanation',
  'tags',
  'related',
  'source',
  'guid',
] as const;

/** A parser's message on one short line (it may quote the input). */
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').slice(0, 160);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/** A note of our JSON as a draft (null when it is not one): the kind's fields and the set optional ones. */
export function draftFromJson(v: unknown): NoteDraft | null {
  if (!isObject(v) || typeof v.id !== 'string' || !(NOTE_KINDS as readonly string[]).includes(v.kind as string)) return null;
  const draft: NoteDraft = { id: v.id };
  for (const key of FIELD_ORDER) {
    const value = v[key];
    if (isEmpty(value)) continue;
    if (key === 'reverse') {
      // Only a reverse that differs from the kind's default is written.
      if (v.kind === 'glossary' && value === false) draft.reverse = false;
      if (v.kind === 'question' && value === true) draft.reverse = true;
      continue;
    }
    draft[key] = value;
  }
  return draft;
}

const describe = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'a map'
        : typeof v === 'string'
          ? 'text'
          : `the ${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
const isText = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const isString = (v: unknown) => typeof v === 'string';
/** A text map holds strings only; a number stands for its digits only at the top of a field. */
const isTextMap = (v: unknown) => isObject(v) && Object.values(v).every(isString);
const isLocalized = (v: unknown) => isText(v) || isTextMap(v);
const isListText = (v: unknown) => isString(v) || isTextMap(v);

/** What a field of `type` must be, as the message says it; undefined when `v` is one. */
function typeProblem(type: FieldType, v: unknown): { expected: string; at?: string } | undefined {
  const list = (ok: (x: unknown) => boolean, expected: string, item: string) => {
    if (!Array.isArray(v)) return { expected };
    const bad = v.findIndex((x) => !ok(x));
    return bad < 0 ? undefined : { expected: item, at: `[${bad}]` };
  };
  switch (type) {
    case 'text':
      return isLocalized(v) ? undefined : { expected: 'text or {en, zh}' };
    case 'string':
    case 'id':
    case 'deck':
      return isText(v) ? undefined : { expected: 'text' };
    case 'texts':
      return list(isListText, 'a list of text or {en, zh}', 'text or {en, zh}');
    case 'strings':
    case 'tags':
    case 'refs':
      return list(isString, 'a list of text', 'text');
    case 'distractors':
      if (isObject(v)) {
        const bad = Object.entries(v).find(([, x]) => !Array.isArray(x) || !x.every(isListText));
        return bad ? { expected: 'a list of text or {en, zh}', at: `.${bad[0]}` } : undefined;
      }
      return list(isListText, 'a list of text, or a map from gap (c1) to a list of text', 'text or {en, zh}');
    case 'bool':
      return typeof v === 'boolean' ? undefined : { expected: 'true or false' };
    case 'count':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : { expected: 'a whole number' };
    default:
      return undefined;
  }
}

/** Throw a UserError naming the field's path (`decks[0].notes[3].front: expected text or {en, zh}`) when a value has the wrong type. */
function checkType(file: string, path: string, type: FieldType, v: unknown): void {
  if (v === null || v === undefined) return;
  const p = typeProblem(type, v);
  if (p) throw new UserError(`${file}: ${path}${p.at ?? ''}: expected ${p.expected}, not ${describe(p.at ? pick(v, p.at) : v)}`);
}

const pick = (v: unknown, at: string): unknown =>
  at.startsWith('[') ? (v as unknown[])[Number(at.slice(1, -1))] : (v as Record<string, unknown>)[at.slice(1)];

/** The deck's and its notes' fields have the types a deck file takes (the validator then checks the rest). */
function checkDeckTypes(file: string, d: Record<string, unknown>, i: number): void {
  checkType(file, `decks[${i}].title`, 'text', d.title);
  checkType(file, `decks[${i}].description`, 'text', d.description);
  checkType(file, `decks[${i}].tags`, 'tags', d.tags);
  checkType(file, `decks[${i}].order`, 'count', d.order);
  if (d.options !== undefined && d.options !== null) {
    if (!isObject(d.options)) throw new UserError(`${file}: decks[${i}].options: expected a map of limits, not ${describe(d.options)}`);
    for (const [key, value] of Object.entries(d.options)) {
      if (!Object.hasOwn(OPTION_FIELDS, key))
        throw new UserError(`${file}: decks[${i}].options: unknown limit ${JSON.stringify(key)} (known: ${Object.keys(OPTION_FIELDS).join(', ')})`);
      checkType(file, `decks[${i}].options.${key}`, 'count', value);
    }
  }
  (d.notes as unknown[]).forEach((n, j) => {
    if (!isObject(n)) return;
    for (const key of FIELD_ORDER) checkType(file, `decks[${i}].notes[${j}].${key}`, NOTE_FIELDS[key].type, n[key]);
  });
}

/**
 * The decks of a JSON export, and the cards' scheduling states when it has them (by card key).
 * Throws UserError when the text is not one, or is of an unknown version.
 */
export function importJson(text: string, file: string): { decks: SourceDeck[]; states: Map<string, unknown> } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new UserError(`${file} is not valid JSON (${oneLine((err as Error).message)})`);
  }
  if (!isObject(doc) || doc.format !== JSON_FORMAT) throw new UserError(`${file} is not an llmcards JSON export (no "format": "${JSON_FORMAT}")`);
  if (doc.version !== JSON_VERSION) {
    throw new UserError(
      `${file} is an llmcards export of format version ${JSON.stringify(doc.version)}; this llmcards reads version ${JSON_VERSION}${typeof doc.version === 'number' && doc.version > JSON_VERSION ? ' (upgrade llmcards)' : ''}`,
    );
  }
  if (!Array.isArray(doc.decks)) throw new UserError(`${file} has no "decks" list`);
  const states = new Map<string, unknown>();
  const decks = doc.decks.map((d: unknown, i: number): SourceDeck => {
    if (!isObject(d) || typeof d.deck !== 'string' || !Array.isArray(d.notes))
      throw new UserError(`${file}: deck ${i + 1} needs a "deck" name and a "notes" list`);
    checkDeckTypes(file, d, i);
    const notes = d.notes.map((n: unknown, j: number) => {
      const draft = draftFromJson(n);
      if (!draft) throw new UserError(`${file}: deck "${d.deck}", note ${j + 1} needs an "id" and a "kind" (glossary, question or cloze)`);
      for (const c of isObject(n) && Array.isArray(n.cards) ? n.cards : []) {
        if (isObject(c) && typeof c.template === 'string' && typeof c.state === 'string') states.set(`${d.deck}/${draft.id}:${c.template}`, c);
      }
      return { draft, exactId: true };
    });
    return {
      name: d.deck,
      ...(d.title !== null && d.title !== undefined ? { title: d.title as string } : {}),
      ...(d.description !== null && d.description !== undefined ? { description: d.description as string } : {}),
      tags: Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : [],
      ...(typeof d.order === 'number' ? { order: d.order } : {}),
      options: isObject(d.options) ? (d.options as SourceDeck['options']) : {},
      notes,
    };
  });
  return { decks, states };
}
