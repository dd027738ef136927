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

/** The deck file text of a draft. The `deck:` key is left out: the file's path names the deck. */
export function deckToYaml(draft: DeckDraft, opts: WriteOptions = {}): string {
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
