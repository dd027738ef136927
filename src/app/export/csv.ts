/**
 * `export --format csv|tsv`: one record per note for Anki's text importer. Anki resolves a
 * `#notetype` (or a notetype column) by name, and its stock note types are named in the language of
 * the Anki that made the collection ("Basic" is "Einfach" in German, "基础" in Chinese): a file
 * naming English ones has every row refused elsewhere (rslib import_export/text/import.rs,
 * missing_notetype). So the file names no note type: Anki imports it with the one picked in its
 * import dialog (the user's default, preselected), and maps the columns that are not metadata to
 * its fields in order, as it does for a file without `#columns` labels (text/csv/metadata.rs,
 * map_field_columns_by_index): front, back. `#guid column` makes a re-import update the notes,
 * `#deck column` and `#tags column` put them in their decks with their tags. A last column, which
 * Anki ignores for a two-field note type, holds the note as JSON so that `llmcards import` gets
 * every field back (`#llmcards column`, a header Anki ignores).
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

/** Our columns, in order (1-based in the headers). */
export const CSV_COLUMNS = ['guid', 'deck', 'front', 'back', 'tags', 'llmcards'] as const;

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

/**
 * The file's header lines. No `#columns` labels: with them Anki maps fields by name, and its stock
 * fields are named in its UI language too. `#llmcards deck:` lines (which Anki ignores) keep each
 * deck's title, description, tags and options.
 */
export function csvHeader(opts: CsvOptions, decks: readonly Deck[] = []): string {
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name) + 1;
  return [
    `#separator:${separatorName(opts.separator)}`,
    `#html:${opts.html}`,
    `#guid column:${col('guid')}`,
    `#deck column:${col('deck')}`,
    `#tags column:${col('tags')}`,
    `#llmcards column:${col('llmcards')}`,
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
