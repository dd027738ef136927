/**
 * Laying text out in a terminal by display width: CJK characters take two columns, colour codes
 * none. Wrapping keeps the deck's paragraphs and list items (with a hanging indent).
 */
import { eastAsianWidth } from 'get-east-asian-width';

// Display width from the Unicode East Asian Width tables (get-east-asian-width, the engine inside
// string-width). string-width itself also segments graphemes and matches every RGI emoji sequence,
// which costs some 35 ms at start-up (its emoji regular expression and Intl.Segmenter) — more than
// the whole review screen may take to appear. Card text needs: escape sequences and zero-width
// characters take no columns, wide and full-width characters and pictographic emoji take two.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cc}\p{Cf}\u200b\ufe00-\ufe0f]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** Columns `s` takes in a terminal. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s.includes('\u001b') ? s.replace(ANSI, '') : s) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) w += 1;
    else if (ZERO_WIDTH.test(ch)) continue;
    else if (code > 0x2000 && PICTOGRAPHIC.test(ch)) w += 2;
    else w += eastAsianWidth(code);
  }
  return w;
}

/** Pad (or leave) `s` to `cols` display columns. */
export function padEnd(s: string, cols: number): string {
  const w = width(s);
  return w >= cols ? s : s + ' '.repeat(cols - w);
}

export function padStart(s: string, cols: number): string {
  const w = width(s);
  return w >= cols ? s : ' '.repeat(cols - w) + s;
}

/** Cut `s` to at most `cols` columns, ending with an ellipsis when cut (plain text only). */
export function truncate(s: string, cols: number): string {
  if (width(s) <= cols) return s;
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > cols - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const LIST_MARKER = /^(\s*)([-*•]|\d+[.)]|[a-z][.)])\s+/;

/**
 * Break plain text into lines of at most `cols` columns. Latin text breaks at spaces (a word
 * longer than a line is split); CJK text may break between any two characters. Each input line
 * stays its own paragraph; list items continue under their text.
 */
export function wrap(text: string, cols: number): string[] {
  const max = Math.max(8, cols);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      out.push('');
      continue;
    }
    const marker = LIST_MARKER.exec(line);
    const indent = marker ? ' '.repeat(width(marker[0])) : (/^\s*/.exec(line)?.[0] ?? '');
    for (const l of wrapParagraph(line, max, indent.length < max / 2 ? indent : '')) out.push(l);
  }
  return out;
}

function wrapParagraph(line: string, max: number, hanging: string): string[] {
  const tokens = tokenize(line);
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  const flush = () => {
    lines.push(current.trimEnd());
    current = hanging;
    currentWidth = width(hanging);
  };
  for (const token of tokens) {
    const w = width(token);
    if (currentWidth + w <= max) {
      current += token;
      currentWidth += w;
      continue;
    }
    if (token.trim() === '') {
      flush();
      continue;
    }
    if (currentWidth > width(hanging)) flush();
    if (w <= max - currentWidth) {
      current += token;
      currentWidth += w;
      continue;
    }
    // A single word wider than the line: split it by characters.
    for (const ch of token) {
      const cw = width(ch);
      if (currentWidth + cw > max) flush();
      current += ch;
      currentWidth += cw;
    }
  }
  if (current.trim() !== '' || lines.length === 0) lines.push(current.trimEnd());
  return lines;
}

/** Punctuation that must not begin a line (CJK line-breaking rules): it stays with what precedes it. */
const NO_LINE_START = /[，。、；：？！）」』】》〉’”…,.;:?!)\]}]/;

/** Words with their following space, and single wide characters (each a break opportunity). */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let word = '';
  for (const ch of line) {
    if (NO_LINE_START.test(ch) && !word && tokens.length > 0 && !tokens[tokens.length - 1]!.endsWith(' ')) {
      tokens[tokens.length - 1] += ch;
    } else if (WIDE.test(ch)) {
      if (word) tokens.push(word);
      word = '';
      tokens.push(ch);
    } else if (ch === ' ') {
      tokens.push(word + ch);
      word = '';
    } else {
      word += ch;
    }
  }
  if (word) tokens.push(word);
  return tokens;
}

/** A simple table: columns padded by display width; `right` marks right-aligned columns. */
export function table(rows: string[][], right: ReadonlySet<number> = new Set(), gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 && !right.has(i) ? cell : right.has(i) ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!)))
      .join(' '.repeat(gap))
      .trimEnd(),
  );
}

/** Cut plain `s` to at most `cols` columns in its middle, keeping both ends (a card key's deck and template). */
export function truncateMiddle(s: string, cols: number): string {
  if (width(s) <= cols) return s;
  const chars = [...s];
  let head = '';
  let tail = '';
  let i = 0;
  let j = chars.length - 1;
  // Grow the tail and the head in turn, the tail a little more: the note id and template are at the end.
  while (i <= j) {
    const next = width(head) <= width(tail) / 2 ? chars[i]! : chars[j]!;
    if (width(head) + width(tail) + width(next) > cols - 1) break;
    if (next === chars[i] && width(head) <= width(tail) / 2) {
      head += next;
      i++;
    } else {
      tail = next + tail;
      j--;
    }
  }
  return `${head}…${tail}`;
}

/** Cut `s`, which may carry colour escapes, to at most `cols` columns (an ellipsis when cut). */
export function truncateStyled(s: string, cols: number): string {
  if (width(s) <= cols) return s;
  if (!s.includes('\u001b')) return truncate(s, cols);
  let out = '';
  let w = 0;
  let styled = false;
  for (const part of s.split(/(\u001b\[[0-?]*[ -/]*[@-~])/)) {
    if (part.startsWith('\u001b')) {
      out += part;
      styled = true;
      continue;
    }
    for (const ch of part) {
      const cw = width(ch);
      if (w + cw > cols - 1) return `${out}…${styled ? '\u001b[0m' : ''}`;
      out += ch;
      w += cw;
    }
  }
  return out;
}

export interface FitOptions {
  /** the terminal's width */
  width: number;
  /** right-aligned columns */
  right?: ReadonlySet<number>;
  /** columns that may be cut (with an ellipsis), the first given cut first; each keeps at least `minWidth` (or its own: `[column, min]`) */
  shrink?: readonly (number | readonly [number, number])[];
  /** columns that may be left out when cutting is not enough, the first given first */
  drop?: readonly number[];
  /** columns cut only once every column in `drop` is left out (the ones that matter most) */
  shrinkLast?: readonly (number | readonly [number, number])[];
  /** plain-text columns cut in the middle rather than at the end (names whose end tells them apart) */
  middle?: ReadonlySet<number>;
  /** the narrowest a cut column becomes (default 8) */
  minWidth?: number;
  gap?: number;
}

/**
 * A table that fits the terminal: as `table`, but when it is wider than `width` the columns in
 * `shrink` are cut, then those in `drop` left out, and a line still too wide is cut at the edge.
 * The first row is the header (it is cut like the others).
 */
export function fitTable(rows: string[][], o: FitOptions): string[] {
  const gap = o.gap ?? 2;
  const min = o.minWidth ?? 8;
  let keep = rows[0]?.map((_, i) => i) ?? [];
  const widthsOf = (cols: number[]) => cols.map((i) => Math.max(0, ...rows.map((r) => width(r[i] ?? ''))));
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0) + gap * Math.max(0, ws.length - 1);
  let widths = widthsOf(keep);
  const drops = [undefined, ...(o.drop ?? [])];
  for (const [stage, d] of drops.entries()) {
    if (d !== undefined) {
      keep = keep.filter((i) => i !== d);
      widths = widthsOf(keep);
    }
    for (const s of [...(o.shrink ?? []), ...(stage === drops.length - 1 ? (o.shrinkLast ?? []) : [])]) {
      const [col, least] = typeof s === 'number' ? [s, min] : s;
      const at = keep.indexOf(col);
      if (at < 0) continue;
      const over = total(widths) - o.width;
      if (over <= 0) break;
      widths[at] = Math.max(Math.min(least, widths[at]!), widths[at]! - over);
    }
    if (total(widths) <= o.width) break;
  }
  const right = o.right ?? new Set<number>();
  const lines = rows.map((row) =>
    keep
      .map((i, k) => {
        const raw = row[i] ?? '';
        const cell = o.middle?.has(i) && !raw.includes('\u001b') ? truncateMiddle(raw, widths[k]!) : truncateStyled(raw, widths[k]!);
        const last = k === keep.length - 1;
        return right.has(i) ? padStart(cell, widths[k]!) : last ? cell : padEnd(cell, widths[k]!);
      })
      .join(' '.repeat(gap))
      .trimEnd(),
  );
  return lines.map((l) => truncateStyled(l, o.width));
}

/** Lines of text (which may carry colour escapes only as whole-line styles) wrapped to `cols`. */
export function wrapLines(lines: readonly string[], cols: number): string[] {
  return lines.flatMap((l) => (width(l) <= cols ? [l] : wrap(l, cols)));
}
