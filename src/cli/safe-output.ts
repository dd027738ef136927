/**
 * The one gate between text and the terminal (SPEC §7). Deck files, file names, parser messages,
 * imported packages and error messages can all carry bytes that a terminal obeys: escape sequences
 * that set the clipboard or the window title, clear the screen or hide text; carriage returns and
 * line separators that forge extra lines; bidirectional overrides and zero-width characters that make
 * text read differently from what it is. Every piece of human output passes `cleanOutput` on its way
 * to stdout or stderr (`guardIo`, installed by run.ts for every command), and JSON output has the same
 * characters escaped (`jsonSafe`), so a renderer that forgets to clean a value cannot let it through.
 * The only escapes left are the colours the program itself draws. (The interactive screens, which
 * move the cursor, write through cli/terminal.ts; what they show comes from the database, whose deck
 * text was cleaned with the same character classes at sync.)
 */
import { ESCAPE_SEQUENCE, INVISIBLE, LINE_SEPARATOR, MARK_FLOOD, NEEDS_CLEANING } from '../core/text.js';
import type { Io } from './io.js';

/** Colours and weights only (no conceal, no blink): what chalk draws. */
const STYLE = /^\u001b\[(?:(?:0|1|2|3|4|7|22|23|24|27|39|49|(?:3|4|9|10)[0-7]|[34]8;(?:5;\d{1,3}|2;\d{1,3};\d{1,3};\d{1,3}))(?:;|(?=m)))*m$/;

/** INVISIBLE without NUL, which marks the colours set aside (the text's own NULs are removed first). */
const INVISIBLE_BUT_NUL = new RegExp(INVISIBLE.source.replace('\\u0000-', '\\u0001-'), 'g');

export interface CleanOptions {
  /** keep the colour escapes the program drew (whole output); off for a value from outside */
  styles?: boolean;
  /** the value goes inside one line (a file name in `file:line:col: …`): newlines and tabs become spaces */
  oneLine?: boolean;
}

/**
 * Text made inert for a terminal: escape sequences removed (but the program's own colours, when
 * asked), control characters, bidirectional controls and zero-width characters removed, line
 * separators made newlines (or spaces, in one line), combining-mark floods cut short. CR LF becomes
 * LF; a lone CR (which would let a line be drawn over itself) is removed.
 */
export function cleanOutput(text: string, opts: CleanOptions = {}): string {
  let s = text;
  if (NEEDS_CLEANING.test(s)) {
    // The colours kept are set aside, so that removing control characters leaves their ESC alone.
    const kept: string[] = [];
    s = s
      .replace(/\u0000/g, '')
      .replace(/\r\n/g, '\n')
      .replace(ESCAPE_SEQUENCE, (seq) => (opts.styles && STYLE.test(seq) ? `\u0000${kept.push(seq) - 1}\u0000` : ''));
    s = s.replace(INVISIBLE_BUT_NUL, '').replace(LINE_SEPARATOR, '\n').replace(MARK_FLOOD, '$1');
    if (kept.length > 0) s = s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)] as string);
  }
  return opts.oneLine ? s.replace(/[\n\t]/g, ' ') : s;
}

/** A value from outside (a file name, a parser's message, a deck title) for one line of output. */
export function inert(value: string): string {
  return cleanOutput(value, { oneLine: true });
}

const JSON_UNSAFE = /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * JSON text with every character a terminal could obey written as a \u escape. JSON.stringify already
 * escapes C0 controls; this adds DEL, C1, bidi and zero-width characters and the line separators.
 * They can only stand inside strings, so the value a script parses is exactly the same.
 */
export function jsonSafe(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The Io every command gets: stdout and stderr cleaned (colours kept). `control` writes the program's
 * own terminal controls (a progress bar's carriage return and line erase) unfiltered.
 */
export function guardIo(io: Io): Io {
  return {
    ...io,
    out: (text) => io.out(cleanOutput(text, { styles: true })),
    err: (text) => io.err(cleanOutput(text, { styles: true })),
    control: io.control ?? io.err,
  };
}
