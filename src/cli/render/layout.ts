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
