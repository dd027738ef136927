/**
 * `export --format csv|tsv`: one record per note for Anki's text importer, with the file headers
 * that let Anki import it without any manual mapping (`#separator`, `#html`, `#guid column`,
 * `#notetype column`, `#deck column`, `#tags column`). Notes use Anki's stock note types, which
 * every collection has: "Basic", "Basic (and reversed card)" and "Cloze". A last column, which Anki
 * ignores, holds the note as JSON so that `llmcards import` gets every field back.
 */
import { ankiDeckName, clozeToAnki, clozeToAnkiHtml, guidForNote, joinedText, orderedVariants } from '../../formats/anki.js';
import { delimitedRecord, separatorName, type Separator } from '../../formats/delimited.js';
import { mediaToAnki, textToHtml } from '../../formats/html-text.js';
import { effectiveTags, type Deck, type Note } from '../../core/notes.js';
import type { ExportDeck } from './gather.js';
import { noteJson } from './json.js';

export interface CsvOptions {
  separator: Separator;
  /** fields as HTML (`#html:true`, the default) or as plain text */
  html: boolean;
}

/** The header of our columns, and the column numbers Anki's headers name (1-based). */
export const CSV_COLUMNS = ['guid', 'notetype', 'deck', 'Front', 'Back', 'tags', 'llmcards'] as const;

/** Anki's stock note type for a note. */
export function stockNotetype(note: Note): string {
  if (note.kind === 'cloze') return 'Cloze';
  return note.reverse ? 'Basic (and reversed card)' : 'Basic';
}

/**
 * The two visible fields of a note as the file holds them (made inert for spreadsheets): front and
 * back (term/definition), or cloze text and back extra. The import compares a record's fields
 * with these to tell whether they were edited.
 */
export function csvFields(note: Note, html: boolean): [string, string] {
  const [front, back] = visibleFields(note, html);
  return [inertCell(front, html), inertCell(back, html)];
}

function visibleFields(note: Note, html: boolean): [string, string] {
  const text = (t: Parameters<typeof joinedText>[0]) => (html ? mediaToAnki(textToHtml(joinedText(t))) : joinedText(t));
  switch (note.kind) {
    case 'glossary':
      return [text(note.term), text(note.definition)];
    case 'question':
      return [text(note.front), text(note.back)];
    case 'cloze': {
      // Anki's syntax numbers every gap; each language on its own line.
      const cloze = typeof note.cloze === 'string' ? [note.cloze] : orderedVariants(note.cloze);
      const body = html ? cloze.map(clozeToAnkiHtml).join('<br>') : cloze.map((c) => clozeToAnki(c)).join('\n');
      return [body, text(note.explanation)];
    }
  }
}

/** The file's header lines; `#llmcards deck:` lines (which Anki ignores) keep each deck's title, description, tags and options. */
export function csvHeader(opts: CsvOptions, decks: readonly Deck[] = []): string {
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name) + 1;
  return [
    `#separator:${separatorName(opts.separator)}`,
    `#html:${opts.html}`,
    `#columns:${CSV_COLUMNS.join(opts.separator)}`,
    `#guid column:${col('guid')}`,
    `#notetype column:${col('notetype')}`,
    `#deck column:${col('deck')}`,
    `#tags column:${col('tags')}`,
    ...decks.map(
      (d) => `#llmcards deck:${JSON.stringify({ deck: d.name, title: d.title ?? null, description: d.description ?? null, tags: d.tags, options: d.options })}`,
    ),
    '',
  ].join('\n');
}

/** What a spreadsheet takes as the start of a formula (`=cmd|' /C calc'!A0`, `+1+1`, `@SUM(…)`), or a cell it would shift. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A field that a spreadsheet opening the file would run as a formula made inert, in a way Anki's
 * importer reads back as the same text: as HTML, the first character becomes its numeric entity
 * (`&#61;cmd…`, which Anki shows as `=cmd…`); as plain text, a space goes first (which HTML, and so
 * Anki's card, does not show). `llmcards import` reads every field back exactly from the JSON column.
 */
export function inertCell(text: string, html: boolean): string {
  if (!FORMULA_START.test(text)) return text;
  return html ? `&#${text.charCodeAt(0)};${text.slice(1)}` : ` ${text}`;
}

/** One note's record. */
export function csvRecord(deck: Deck, note: Note, key: string, opts: CsvOptions): string {
  const [front, back] = csvFields(note, opts.html);
  // Tags are split at spaces by Anki, so a leading space makes a tag like `=1+1` inert and changes nothing.
  const tags = effectiveTags(deck, note).join(' ');
  return delimitedRecord(
    [
      note.guid ?? guidForNote(key),
      stockNotetype(note),
      ankiDeckName(deck.name),
      front,
      back,
      FORMULA_START.test(tags) ? ` ${tags}` : tags,
      JSON.stringify({ deck: deck.name, ...noteJson(note, key) }),
    ],
    opts.separator,
  );
}

/** The whole file, calling `progress` after each note. */
export function exportDelimited(decks: readonly ExportDeck[], opts: CsvOptions, progress: (done: number) => void = () => {}): string {
  const parts = [
    csvHeader(
      opts,
      decks.map((d) => d.deck),
    ),
  ];
  let done = 0;
  for (const d of decks) {
    for (const n of d.notes) {
      parts.push(csvRecord(d.deck, n.note, n.key, opts));
      progress(++done);
    }
  }
  return parts.join('');
}
