/**
 * Importing CSV and TSV as Anki's text importer reads them (rslib import_export/text/csv): header
 * lines `#key:value` at the top (`separator`, `html`, `columns`, `notetype`, `deck`, `tags`, and the
 * `… column` ones), then records, where a line starting with `#` is a comment. Without headers the
 * first two columns are the front and back of question notes, and a third their tags. The column
 * that `#llmcards column` names (or, in older exports, the one labelled `llmcards`) holds each note
 * as JSON: fields edited since are taken from the visible columns.
 */
import { parse } from 'csv-parse/sync';
import { ankiDeckName } from '../../formats/anki.js';
import { deckNameFromAnki, derivedId, type SourceDeck, type SourceNote } from '../../formats/import-source.js';
import { htmlToText, mediaReferences } from '../../formats/html-text.js';
import { ankiClozeShown, flattenAnkiCloze } from '../../formats/anki-cloze.js';
import { IMAGE_OCCLUSION, imageOcclusionWarning } from '../../formats/anki-import.js';
import type { NoteDraft } from '../../core/deck-draft.js';
import type { DeckOptions, Note } from '../../core/notes.js';
import { stripControlChars, type Localized } from '../../core/text.js';
import { UsageError, UserError } from '../../errors.js';
import { csvFields, inertCell } from '../export/csv.js';
import { draftFromJson } from './json.js';

export interface DelimitedImport {
  decks: SourceDeck[];
  warnings: string[];
}

interface Header {
  separator?: string;
  html?: boolean;
  columns?: string[];
  notetype?: string;
  deck?: string;
  tags: string[];
  notetypeColumn?: number;
  /** `#llmcards column`: our exports' column of each note as JSON */
  jsonColumn?: number;
  deckColumn?: number;
  tagsColumn?: number;
  guidColumn?: number;
  /** deck settings an llmcards export keeps in `#llmcards deck:` lines */
  decks: Map<string, Record<string, unknown>>;
  /** `--columns`: what each column holds */
  roles?: string[];
}

const SEPARATORS: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', space: ' ', pipe: '|', colon: ':' };

function separatorOf(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (SEPARATORS[v]) return SEPARATORS[v];
  return Object.values(SEPARATORS).find((s) => value === s || value.startsWith(s));
}

/** The header lines at the top of the file, and where the records start. */
function readHeader(text: string): { header: Header; body: string } {
  const header: Header = { tags: [], decks: new Map() };
  let pos = 0;
  let first = true;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end < 0 ? text.length : end).replace(/\r$/, '');
    if (first && line.startsWith('tags:')) header.tags = line.slice(5).split(/\s+/).filter(Boolean);
    else if (!line.startsWith('#')) break;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) {
        const key = line.slice(1, colon).trim().toLowerCase();
        const value = line.slice(colon + 1);
        const n = Number.parseInt(value.trim(), 10);
        switch (key) {
          case 'separator':
            header.separator = separatorOf(value) ?? header.separator;
            break;
          case 'html':
            if (/^\s*(true|false)/i.test(value)) header.html = /^\s*true/i.test(value);
            break;
          case 'columns':
            header.columns = value.split(header.separator ?? ',').map((s) => s.trim());
            break;
          case 'notetype':
            header.notetype = value.trim();
            break;
          case 'deck':
            header.deck = value.trim();
            break;
          case 'tags':
            header.tags = value.split(/\s+/).filter(Boolean);
            break;
          case 'notetype column':
            if (n > 0) header.notetypeColumn = n;
            break;
          case 'deck column':
            if (n > 0) header.deckColumn = n;
            break;
          case 'tags column':
            if (n > 0) header.tagsColumn = n;
            break;
          case 'guid column':
            if (n > 0) header.guidColumn = n;
            break;
          case 'llmcards column':
            if (n > 0) header.jsonColumn = n;
            break;
          case 'llmcards deck':
            try {
              const d = JSON.parse(value) as Record<string, unknown>;
              if (d && typeof d.deck === 'string') header.decks.set(d.deck, d);
            } catch {
              // not ours: ignored, as Anki ignores it
            }
            break;
        }
      }
    }
    first = false;
    pos = end < 0 ? text.length : end + 1;
  }
  return { header, body: text.slice(pos) };
}

/**
 * What a note type's name says, in any of Anki's UI languages: its stock "Basic (and reversed
 * card)" is named by the language of the Anki that made the collection, so the word for "reversed"
 * is looked for in the languages Anki ships. Cloze notes need no name: their text shows their gaps.
 */
const REVERSED =
  /revers|glossary|umgekehrt|invers|invertid|omgekeerd|omvänd|omvendt|käänte|odwróc|obrácen|обратн|зворотн|ters|fordított|inversat|逆|反向|反转|反轉|역방향|ย้อนกลับ|đảo ngược|معکوس|عكس|הפוך/i;

function kindOfNotetype(name: string | undefined): { kind: 'glossary' | 'question' | 'cloze'; reverse: boolean } {
  const n = name ?? '';
  if (/cloze|lückentext|texte à trous|完形|穴埋め|填空|빈칸/i.test(n)) return { kind: 'cloze', reverse: false };
  // "Basic (optional reversed card)" makes the reverse card only when asked: a question note.
  if (REVERSED.test(n) && !/optional|optionn?el|facultati|wahlweise|可选|任意|선택/i.test(n)) return { kind: 'glossary', reverse: true };
  return { kind: 'question', reverse: false };
}

const SNIFFED = ['\t', ';', ',', '|'] as const;

/**
 * The separator of a file without a `#separator:` header, as Anki guesses it: the candidate (tab,
 * semicolon, comma, pipe) found the same number of times on most of the first lines, quotes
 * aside; the extension's default when none is.
 */
export function sniffSeparator(body: string, fallback: string): string {
  const lines = body
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .slice(0, 20)
    .map((l) => l.replace(/"[^"]*"/g, '""'));
  if (lines.length === 0) return fallback;
  let best = fallback;
  let bestScore = 0;
  for (const sep of SNIFFED) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    const first = counts[0] as number;
    if (first === 0) continue;
    const score = counts.filter((c) => c === first).length / lines.length + (sep === fallback ? 0.01 : 0);
    if (score > bestScore + 1e-9 && score >= 0.5) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

/** `--columns front,back,tags,…`: the columns by what they hold, as Anki's headers would say. */
const COLUMN_ROLES = ['front', 'back', 'extra', 'tags', 'deck', 'guid', 'notetype', 'skip', 'ignore'] as const;

function applyColumns(header: Header, columns: readonly string[]): void {
  for (const c of columns) {
    if (!(COLUMN_ROLES as readonly string[]).includes(c)) throw new UsageError(`invalid --columns entry "${c}": use ${COLUMN_ROLES.join(', ')}`, 'import');
  }
  if (!columns.includes('front')) throw new UsageError('--columns needs a front column', 'import');
  const at = (role: string) => columns.indexOf(role) + 1 || undefined;
  header.columns = [...columns];
  header.roles = [...columns];
  if (at('tags')) header.tagsColumn = at('tags');
  if (at('deck')) header.deckColumn = at('deck');
  if (at('guid')) header.guidColumn = at('guid');
  if (at('notetype')) header.notetypeColumn = at('notetype');
}

/** Column names a spreadsheet puts on its first row; without Anki headers that row is not a note. */
const COLUMN_NAMES = new Set([
  'front',
  'back',
  'question',
  'answer',
  'term',
  'definition',
  'tags',
  'text',
  'extra',
  '正面',
  '背面',
  '问题',
  '答案',
  '术语',
  '定义',
  '标签',
]);
const isColumnNameRow = (record: readonly string[]) => record.length >= 2 && record.slice(0, 2).every((c) => COLUMN_NAMES.has(c.trim().toLowerCase()));

const looksLikeHtml = (s: string) => /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+);/i.test(s);

/**
 * The notes of a CSV/TSV file. `defaultSeparator` comes from the file's extension; `defaultDeck`
 * names the deck when the file has no deck column. Throws UserError for text that is not valid CSV.
 */
export function importDelimited(text: string, file: string, defaultSeparator: ',' | '\t', defaultDeck: string, columns?: readonly string[]): DelimitedImport {
  const { header, body } = readHeader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const sep = header.separator ?? sniffSeparator(body, defaultSeparator);
  if (columns) applyColumns(header, columns);
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: sep,
      comment: '#',
      comment_no_infix: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
  } catch (err) {
    const e = err as { message: string; lines?: number };
    throw new UserError(
      `${file} is not valid ${sep === '\t' ? 'TSV' : 'CSV'}: ${e.message
        .replace(/^Invalid Record Length: |^CsvError: /, '')
        .split('\n')[0]!
        .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
        .slice(0, 160)}`,
    );
  }
  const labels = header.columns?.map((c) => c.toLowerCase()) ?? [];
  // Our exports say where the note's JSON is (`#llmcards column`); older ones labelled it in `#columns`.
  const jsonColumn = header.jsonColumn ?? (labels.indexOf('llmcards') + 1 || undefined);
  const meta = new Set(
    [header.notetypeColumn, header.deckColumn, header.tagsColumn, header.guidColumn, jsonColumn].filter((n): n is number => n !== undefined),
  );
  const html = header.html ?? records.some((r) => r.some(looksLikeHtml));
  const headerless = header.columns === undefined && meta.size === 0;
  const toText = (s: string, emphasis?: boolean) => (html ? htmlToText(s, emphasis === false ? { emphasis } : {}) : s.replace(/\r\n?/g, '\n').trim());

  const warnings: string[] = [];
  const decks = new Map<string, SourceDeck>();
  const deckNamed = (name: string): SourceDeck => {
    let d = decks.get(name);
    if (d) return d;
    const kept = header.decks.get(name);
    const text = (v: unknown) => (typeof v === 'string' || (v && typeof v === 'object' && !Array.isArray(v)) ? { value: v as Localized } : null);
    const title = text(kept?.title);
    const description = text(kept?.description);
    d = {
      name,
      ...(title ? { title: title.value } : {}),
      ...(description ? { description: description.value } : {}),
      tags: Array.isArray(kept?.tags) ? kept.tags.filter((t): t is string => typeof t === 'string') : [],
      options: kept?.options && typeof kept.options === 'object' ? (kept.options as DeckOptions) : {},
      notes: [],
    };
    decks.set(name, d);
    return d;
  };
  const media = new Set<string>();
  let skipped = 0;
  let occlusions = 0;
  if (records.length === 0) warnings.push(`${file} has no records after its header lines`);
  for (const [i, record] of records.entries()) {
    const col = (n: number | undefined) => (n === undefined ? '' : (record[n - 1] ?? ''));
    const fields = record.filter((_, j) => !meta.has(j + 1));
    if (fields.every((x) => !x.trim())) continue;
    if ((headerless || header.roles) && i === 0 && isColumnNameRow(record)) {
      warnings.push(`${file}: record 1 (${record.slice(0, 3).join(', ')}) looks like column names: taken as such, not as a note`);
      continue;
    }
    if (html) for (const fld of fields) for (const m of mediaReferences(fld)) media.add(m);
    const ours = jsonColumn ? fromOurColumn(col(jsonColumn), fields, html) : null;
    const ankiDeck = col(header.deckColumn) || header.deck;
    // Our own records name their deck exactly, unless the deck column was changed since.
    const deck = deckNamed(ours?.deck && (!ankiDeck || ankiDeck === ankiDeckName(ours.deck)) ? ours.deck : ankiDeck ? deckNameFromAnki(ankiDeck) : defaultDeck);
    const tags = [
      ...new Set(
        [...header.tags, ...(header.tagsColumn ? col(header.tagsColumn).split(/\s+/) : headerless ? (record[2] ?? '').split(/\s+/) : [])]
          // A tag that is only control characters or escape sequences is no tag (not an "empty tag" that refuses the import).
          .map((t) => stripControlChars(t.replace(/,+/g, '-')).trim())
          .filter(Boolean),
      ),
    ];

    if (ours) {
      deck.notes.push(ours.note);
      continue;
    }
    let front: string;
    let back: string;
    if (header.roles) {
      // --columns: front and back by their columns, extra columns added to the back.
      const byRole = (role: string) =>
        record
          .filter((_, j) => header.roles?.[j] === role)
          .map((c) => toText(c))
          .filter(Boolean);
      front = byRole('front').join('\n');
      back = [...byRole('back'), ...byRole('extra')].join('\n');
    } else {
      front = toText(fields[0] ?? '');
      back = toText(
        headerless
          ? (record[1] ?? '')
          : fields
              .slice(1)
              .map((x) => toText(x))
              .filter(Boolean)
              .join('\n'),
      );
    }
    const { kind, reverse } = kindOfNotetype(col(header.notetypeColumn) || header.notetype);
    const guid = header.guidColumn ? col(header.guidColumn).trim() : '';
    let draft: NoteDraft | null = null;
    let why = 'its front is empty';
    if (IMAGE_OCCLUSION.test(front)) {
      occlusions++;
      continue;
    }
    // A cloze is told by its gaps, whatever its note type is called in the Anki that wrote the file.
    if (/\{\{c[\d,]+::/.test(front) && (kind === 'cloze' || !header.notetype || !col(header.notetypeColumn))) {
      const text = html ? toText(fields[0] ?? '', false) : front;
      draft = { id: derivedId(text.replace(/\{\{c\d+::([^}]*?)(::[^}]*)?\}\}/g, '$1')), cloze: text, ...(back ? { explanation: back } : {}) };
    } else if (kind === 'cloze' && front) why = 'its note type is a cloze, but its text has no {{c1::…}} gap';
    // An empty back is fine, as in Anki; a reverse card would ask nothing, so there is none.
    else if (front)
      draft =
        kind === 'glossary' && back
          ? { id: derivedId(front), term: front, definition: back, ...(reverse ? {} : { reverse: false }) }
          : { id: derivedId(front), front, back };
    if (!draft) {
      skipped++;
      if (skipped <= 3) warnings.push(`${file}: record ${i + 1} skipped: ${why}`);
      continue;
    }
    if (tags.length) draft.tags = tags;
    if (guid) draft.guid = guid;
    const clozeText = typeof draft.cloze === 'string' ? draft.cloze : undefined;
    const flat = clozeText === undefined ? [] : flattenAnkiCloze(clozeText);
    if (clozeText !== undefined && (flat.length > 1 || flat[0]?.text !== clozeText)) {
      // Nested gaps or gaps of several cards (Anki 2.1.56+): one note per group of card numbers
      // whose gaps do not overlap, each card as Anki shows it (formats/anki-cloze.ts).
      const base = derivedId(ankiClozeShown(clozeText));
      flat.forEach((g, k) => {
        const piece: NoteDraft = { ...draft, id: k === 0 ? base : `${base}-c${g.ordinals[0]}`, cloze: g.text };
        if (k > 0) delete piece.guid;
        deck.notes.push({ draft: piece, exactId: false });
      });
      continue;
    }
    deck.notes.push({ draft, exactId: false });
  }
  if (skipped > 3) warnings.push(`${file}: ${skipped - 3} more records skipped`);
  if (occlusions > 0) warnings.push(imageOcclusionWarning(occlusions, `in ${file}`));
  if (media.size > 0) {
    const list = [...media];
    warnings.push(
      `${file} refers to ${list.length} media file${list.length === 1 ? '' : 's'}, which llmcards does not import (the notes keep their names as text): ${list.slice(0, 10).join(', ')}${list.length > 10 ? `, and ${list.length - 10} more` : ''}`,
    );
  }
  return { decks: [...decks.values()].filter((d) => d.notes.length > 0), warnings };
}

/**
 * A record of our own export: the note from its JSON column, with any visible field edited since
 * the export taken from the field instead. Null when the column is not our JSON.
 */
function fromOurColumn(json: string, fields: string[], html: boolean): { note: SourceNote; deck?: string } | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const draft = draftFromJson(value);
  if (!draft) return null;
  const obj = value as { deck?: unknown; kind: string };
  let expected: [string, string] | null = null;
  try {
    // As the export wrote them: a field that starts like a spreadsheet formula was made inert.
    const [f, b] = csvFields({ ...(value as object), tags: [], answers: [], keypoints: [], related: [], distractors: [] } as unknown as Note, html);
    expected = [inertCell(f, html), inertCell(b, html)];
  } catch {
    expected = null;
  }
  const toText = (s: string) => (html ? htmlToText(s) : s.trim());
  const [front, back] = [fields[0] ?? '', fields[1] ?? ''];
  if (expected && front !== expected[0]) {
    const key = obj.kind === 'glossary' ? 'term' : obj.kind === 'question' ? 'front' : 'cloze';
    if (toText(front)) draft[key] = toText(front);
  }
  if (expected && back !== expected[1]) {
    const key = obj.kind === 'glossary' ? 'definition' : obj.kind === 'question' ? 'back' : 'explanation';
    if (toText(back)) draft[key] = toText(back);
    else if (key === 'explanation') delete draft.explanation;
  }
  return { note: { draft, exactId: true }, ...(typeof obj.deck === 'string' ? { deck: obj.deck } : {}) };
}
