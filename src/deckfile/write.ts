/**
 * Deck drafts as YAML text, written the way people write deck files (docs/deck-format.md): a text
 * in two languages as a flow map `{en: ..., zh: ...}` when it fits on a line, multi-line text as a
 * block scalar, short lists inline, a blank line between notes. Pure: draft in, text out.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { DeckDraft } from '../core/deck-draft.js';

/** Lines longer than this are written as block maps and lists rather than inline. */
const INLINE_MAX = 100;

export interface WriteOptions {
  /** the `$schema` path for the yaml-language-server comment, relative to the file; none when absent */
  schemaPath?: string;
  /** comment lines put under the schema line (e.g. where the deck was imported from) */
  comment?: string[];
}

/**
 * The deck file text of a draft. The `deck:` key is left out: the file's path names the deck.
 * Notes whose values are all simple (see fastNote) are written directly, as the yaml library would
 * write them, a note at a time; the rest, and the deck's own keys, by the library (an import of
 * 100,000 notes spent 3 s in it). test/deckfile/write-fast.test.ts compares the two texts.
 */
export function deckToYaml(draft: DeckDraft, opts: WriteOptions = {}): string {
  if (draft.notes.length < 50) return deckToYamlByLibrary(draft, opts);
  const head = deckToYamlByLibrary({ ...draft, notes: [] }, opts);
  // The library writes `cards: []` for no notes: the block sequence follows `cards:` instead.
  if (!head.endsWith('cards: []\n')) return deckToYamlByLibrary(draft, opts);
  const parts = [head.slice(0, -'[]\n'.length).replace(/ $/, ''), '\n'];
  for (const [i, note] of draft.notes.entries()) {
    if (i > 0) parts.push('\n');
    const fast = fastNote(note as Record<string, unknown>);
    if (fast !== null) {
      parts.push(fast);
      continue;
    }
    const text = libraryNote(note as Record<string, unknown>);
    // A text kept with its trailing line breaks (`|+`) takes the blank line after it in: the
    // library lays out the notes around it.
    if (/[|>]\d?\+/.test(text)) return deckToYamlByLibrary(draft, opts);
    parts.push(text);
  }
  return parts.join('');
}

/** The same text, every node made by the yaml library. */
export function deckToYamlByLibrary(draft: DeckDraft, opts: WriteOptions = {}): string {
  const doc = new Document(undefined, { schema: 'core' });
  const root = new YAMLMap();
  if (draft.title !== undefined) root.add(pair('title', textNode(draft.title)));
  if (draft.description !== undefined) root.add(pair('description', textNode(draft.description)));
  if (draft.tags.length > 0) root.add(pair('tags', listNode(draft.tags)));
  if (draft.order !== undefined) root.add(pair('order', new Scalar(draft.order)));
  const options = Object.entries(draft.options).filter(([, v]) => v !== undefined);
  if (options.length > 0) {
    const m = new YAMLMap();
    m.flow = true;
    for (const [k, v] of options) m.add(pair(k, new Scalar(v)));
    root.add(pair('options', m));
  }
  const cards = new YAMLSeq();
  draft.notes.forEach((note, i) => {
    const m = new YAMLMap();
    for (const [key, value] of Object.entries(note)) {
      if (value === undefined) continue;
      m.add(pair(key, valueNode(key, value)));
    }
    if (i > 0) (m as Node).spaceBefore = true;
    cards.items.push(m);
  });
  root.add(pair('cards', cards));
  doc.contents = root as unknown as typeof doc.contents;
  const comments = [...(opts.schemaPath ? [` yaml-language-server: $schema=${opts.schemaPath}`] : []), ...(opts.comment ?? []).map((c) => ` ${c}`)];
  // On the first key rather than the document, so no blank line follows the comment.
  const first = root.items[0]?.key as Node | undefined;
  if (comments.length > 0 && first) first.commentBefore = comments.join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

function pair(key: string, value: Node) {
  return doc0.createPair(new Scalar(key), value);
}
const doc0 = new Document(undefined, { schema: 'core' });

function valueNode(key: string, value: unknown): Node {
  switch (key) {
    case 'answers':
    case 'tags':
    case 'related':
    case 'not_confused_with':
      return listNode(value as string[]);
    case 'keypoints':
      return textListNode(value as unknown[]);
    case 'distractors':
      if (Array.isArray(value)) return textListNode(value);
      {
        const m = new YAMLMap();
        for (const [gap, list] of Object.entries(value as Record<string, unknown[]>)) m.add(pair(gap, textListNode(list)));
        return m;
      }
    case 'reverse':
      return new Scalar(value);
    default:
      return typeof value === 'boolean' || typeof value === 'number' ? new Scalar(value) : textNode(value as string | Record<string, string>);
  }
}

function scalar(s: string): Scalar {
  const node = new Scalar(s);
  if (s.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

/** A text field: a string, or a language map (inline when every language fits on one short line). */
function textNode(text: string | Record<string, string>): Node {
  if (typeof text === 'string') return scalar(text);
  const m = new YAMLMap();
  const entries = Object.entries(text);
  m.flow = entries.every(([, v]) => !v.includes('\n')) && entries.reduce((n, [k, v]) => n + k.length + v.length + 6, 2) <= INLINE_MAX;
  for (const [lang, s] of entries) m.add(pair(lang, m.flow ? new Scalar(s) : scalar(s)));
  return m;
}

/** A list of plain strings: inline when short. */
function listNode(items: readonly string[]): Node {
  const seq = new YAMLSeq();
  seq.flow = items.every((s) => !s.includes('\n')) && items.reduce((n, s) => n + s.length + 4, 2) <= INLINE_MAX;
  for (const s of items) seq.items.push(seq.flow ? new Scalar(s) : scalar(s));
  return seq;
}

/** A list of text fields: one per line. */
function textListNode(items: readonly unknown[]): Node {
  const seq = new YAMLSeq();
  for (const t of items) seq.items.push(textNode(t as string | Record<string, string>));
  return seq;
}

const TO_STRING = { lineWidth: 0, indentSeq: true, flowCollectionPadding: false } as const;

/** One note as the library writes it inside `cards:` (its root-level text, two spaces in). */
function libraryNote(note: Record<string, unknown>): string {
  const m = new YAMLMap();
  for (const [key, value] of Object.entries(note)) if (value !== undefined) m.add(pair(key, valueNode(key, value)));
  const seq = new YAMLSeq();
  seq.items.push(m);
  const doc = new Document(undefined, { schema: 'core' });
  doc.contents = seq as unknown as typeof doc.contents;
  return doc
    .toString(TO_STRING)
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
}

// The yaml library's rules (stringify/stringifyString.js), for the strings fastNote writes itself:
/** what its plainString refuses to write plain */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** what the core schema might read as another type (null, bool, int, float): a superset, left to the library */
const OTHER_TYPE = /^[-+.~0-9]|^(?:null|true|false)$/i;
/** characters that make it escape or force double quotes (and tabs, and any surrogate: left to it) */
const SPECIAL = /[\x00-\x1f\x7f-\x9f"\\\u2028\u2029\ufeff\ud800-\udfff]/;
/** the same for a block literal, where line breaks are lines and quotes need no escape */
const BLOCK_SPECIAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/;
const DOC_MARKER = /^(?:%|---|\.\.\.)/m;

/** A one-line string as the library writes it in block context, or null to leave it to the library. */
function inlineString(s: string, inFlow: boolean): string | null {
  if (s === '' || s.includes('\n') || SPECIAL.test(s) || DOC_MARKER.test(s)) return null;
  // Its quotedString: double quotes when the text has no double quote (none here); JSON's escaping
  // has nothing to escape in such a text.
  if (NOT_PLAIN.test(s) || (inFlow && /[[\]{},]/.test(s))) return `"${s}"`;
  return OTHER_TYPE.test(s) ? null : s;
}

/** A multi-line text as the library writes it as a block literal at this indent, or null. */
function blockLiteral(s: string, indent: string): string | null {
  if (BLOCK_SPECIAL.test(s) || DOC_MARKER.test(s) || /^[ \n]|[\n\t ]$/.test(s)) return null;
  return `|-\n${indent}${s.replace(/\n+/g, `$&${indent}`)}`;
}

/**
 * A note inside `cards:` written directly when every value is a plain or simply quoted one-line
 * string, a two-line-or-more text without edge whitespace, a short inline list of such strings, a
 * boolean or an integer; null otherwise (the library writes it).
 */
function fastNote(note: Record<string, unknown>): string | null {
  let out = '';
  let first = true;
  for (const [key, value] of Object.entries(note)) {
    if (value === undefined) continue;
    if (!/^[a-z_]+$/.test(key)) return null;
    let text: string | null;
    if (key === 'keypoints' || key === 'distractors') return null;
    if (key === 'answers' || key === 'tags' || key === 'related' || key === 'not_confused_with') {
      const items = value as string[];
      if (!Array.isArray(items) || items.length === 0 || items.reduce((n, x) => n + x.length + 4, 2) > INLINE_MAX) return null;
      const written = items.map((x) => (typeof x === 'string' ? inlineString(x, true) : null));
      if (written.some((x) => x === null)) return null;
      text = `[${written.join(', ')}]`;
    } else if (typeof value === 'boolean') text = String(value);
    else if (typeof value === 'number') text = Number.isSafeInteger(value) ? String(value) : null;
    else if (typeof value === 'string') text = value.includes('\n') ? blockLiteral(value, '      ') : inlineString(value, false);
    else return null;
    if (text === null) return null;
    out += `${first ? '  - ' : '    '}${key}: ${text}\n`;
    first = false;
  }
  return first ? null : out;
}
