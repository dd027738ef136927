/**
 * Delimited text (CSV, TSV) as Anki's text importer reads it (rslib import_export/text/csv): RFC 4180
 * quoting with `"`, and a line starting with `#` is a comment, so a field that starts with `#` is
 * quoted too (otherwise a record whose first field starts with `#` would vanish as a comment).
 */

export type Separator = ',' | '\t';

/** Anki's name for a separator in the `#separator:` header. */
export function separatorName(sep: Separator): string {
  return sep === ',' ? 'comma' : 'tab';
}

/** One field, quoted when it must be. */
export function delimitedField(value: string, sep: Separator): string {
  const needs = value.includes(sep) || value.includes('"') || value.includes('\n') || value.includes('\r') || value.startsWith('#') || /^\s|\s$/.test(value);
  return needs ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, ending with a newline. */
export function delimitedRecord(values: readonly string[], sep: Separator): string {
  return `${values.map((v) => delimitedField(v, sep)).join(sep)}\n`;
}
