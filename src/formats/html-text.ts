/**
 * Plain text ⇄ the HTML that Anki keeps in note fields. Our deck text is plain (newlines are line
 * breaks); Anki's fields are HTML. Exports escape text into HTML; imports turn field HTML back into
 * plain text with its line breaks kept, and list the media files a field refers to (we import no
 * media, so they are reported rather than silently dropped).
 */

/** Text as an HTML fragment: `&`, `<`, `>` escaped, newlines as `<br>`, indentation as no-break spaces. */
export function textToHtml(text: string): string {
  return linesToHtml(escapeHtml(text));
}

/** Already-escaped text's lines as HTML: newlines as `<br>`, indentation as no-break spaces. */
export function linesToHtml(escaped: string): string {
  return escaped
    .split(/\r?\n/)
    .map((line) => line.replace(/^ +/, (spaces) => '&nbsp;'.repeat(spaces.length)))
    .join('<br>');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Field HTML comes from other people's packages and CSV files, so every pass over it is linear: no
// regular expression here may scan to the end of the text from more than one place (`<style>` 4,000
// times over made the old patterns, `<style.*?>.*?<\/style>` and friends, run for minutes). One
// tokenizer finds tags; searches for a closing `-->`, `</style>` or `>` remember where the next one
// is, so a text with no closing at all is searched once, not once per opening.

/** `indexOf` that remembers, per needle, where the next occurrence is: repeated forward searches cost one pass in all. */
function finder(hay: string): (needle: string, from: number) => number {
  const last = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const c = last.get(needle);
    if (c && c.from <= from && (c.at < 0 || c.at >= from)) return c.at;
    const at = hay.indexOf(needle, from);
    last.set(needle, { from, at });
    return at;
  };
}

/** ASCII letters lowered, nothing else: the same length as the input, so positions carry over. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

type Piece = { text: string } | { tag: string };

/**
 * Field HTML cut into text and tags, the way Anki's patterns read it (rslib/src/text.rs HTML):
 * comments and style and script elements are dropped whole, any other `<…>` up to the first `>` is a
 * tag, and a `<` that no `>` follows is text.
 */
function* pieces(html: string): Generator<Piece> {
  const lower = asciiLower(html);
  const next = finder(lower);
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (lt > i) yield { text: html.slice(i, lt) };
    const skipTo = elementEnd(lower, lt, next);
    if (skipTo >= 0) {
      i = skipTo;
      continue;
    }
    const gt = next('>', lt + 1);
    if (gt < 0) {
      i = lt;
      break;
    }
    yield { tag: html.slice(lt, gt + 1) };
    i = gt + 1;
  }
  if (i < html.length) yield { text: html.slice(i) };
}

/** Where a comment, style or script element starting at `lt` ends, or -1 (not one, or never closed). */
function elementEnd(lower: string, lt: number, next: (needle: string, from: number) => number): number {
  if (lower.startsWith('<!--', lt)) {
    const close = next('-->', lt + 4);
    return close < 0 ? -1 : close + 3;
  }
  for (const name of ['style', 'script']) {
    if (!lower.startsWith(name, lt + 1)) continue;
    const gt = next('>', lt + 1 + name.length);
    const close = gt < 0 ? -1 : next(`</${name}>`, gt + 1);
    return close < 0 ? -1 : close + name.length + 3;
  }
  return -1;
}

const MEDIA_NAME = /^<(?:img|audio|video|object|source)\b/i;

/**
 * The file a media tag (Anki's HTML_MEDIA_TAGS: img, audio, video, object, source) refers to, by its
 * src or data attribute, double-, single- or un-quoted; undefined for any other tag. One pass over
 * the tag.
 */
function mediaSource(tag: string): string | undefined {
  const m = MEDIA_NAME.exec(tag);
  if (!m) return undefined;
  let i = m[0].length;
  const end = tag.length - 1; // the closing '>'
  while (i < end) {
    const ch = tag[i] as string;
    if (/[\s/]/.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && !/[\s=/]/.test(tag[j] as string)) j++;
    const name = tag.slice(i, j).toLowerCase();
    while (j < end && /\s/.test(tag[j] as string)) j++;
    if (tag[j] !== '=') {
      i = j;
      continue;
    }
    j++;
    while (j < end && /\s/.test(tag[j] as string)) j++;
    let value: string;
    const quote = tag[j];
    if (quote === '"' || quote === "'") {
      const close = tag.indexOf(quote, j + 1);
      const stop = close < 0 ? end : close;
      value = tag.slice(j + 1, stop);
      i = stop + 1;
    } else {
      let k = j;
      while (k < end && !/[\s"'=]/.test(tag[k] as string)) k++;
      value = tag.slice(j, k);
      i = k;
    }
    if ((name === 'src' || name === 'data') && value) return value;
  }
  return undefined;
}

/** The media files a field refers to (images, audio, video, `[sound:…]`), in order, without repeats. */
export function mediaReferences(html: string): string[] {
  const out: string[] = [];
  for (const p of pieces(html)) if ('tag' in p) out.push(decodeEntities(mediaSource(p.tag) ?? ''));
  for (let at = html.indexOf('[sound:'); at >= 0; ) {
    const close = html.indexOf(']', at + 7);
    if (close < 0) break;
    if (close > at + 7) out.push(html.slice(at + 7, close));
    at = html.indexOf('[sound:', close + 1);
  }
  return [...new Set(out.filter(Boolean))];
}

/**
 * Anki's `strip_html_preserving_media_filenames` (rslib/src/text.rs): media tags become their file
 * names between spaces, other markup is removed, entities are decoded (a no-break space becomes a
 * space). Not trimmed: this is exactly the text Anki's sort field and checksum are made from.
 */
export function stripHtmlPreservingMediaFilenames(html: string): string {
  let out = '';
  for (const p of pieces(html)) {
    if ('text' in p) out += p.text;
    else {
      const src = mediaSource(p.tag);
      if (src !== undefined) out += ` ${src} `;
    }
  }
  return decodeEntities(out);
}

const BLOCK = new RegExp('^</?(?:address|article|aside|blockquote|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|li|main|nav|ol|pre|section|table|tbody|thead|tfoot|tr|ul)\\b', 'i');
const BREAK = '\u0000';
const PARAGRAPH = '\u0001';

/** What a tag stands for in plain text: a line break, a block boundary, an image's name, or nothing. */
function tagAsText(tag: string): string {
  const src = mediaSource(tag);
  if (src !== undefined) return `[${/^<img/i.test(tag) ? 'image' : 'media'}: ${src}]`;
  if (/^<br\s*\/?>$/i.test(tag)) return '\n';
  if (/^<hr\b/i.test(tag)) return `${BREAK}---${BREAK}`;
  if (/^<li\b/i.test(tag)) return `${BREAK}- `;
  if (/^<\/?p\b/i.test(tag)) return PARAGRAPH;
  if (BLOCK.test(tag)) return BREAK;
  return '';
}

/** Whitespace with a line break in it is one space in HTML (each run matched once: linear). */
const collapseNewlines = (text: string) => text.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws));

/**
 * Field HTML as plain text, the way a browser lays it out: `<br>` ends a line, block elements
 * (`<div>`, `<li>`, …) start a new line unless one was just started, paragraphs are separated by a
 * blank line, list items get "- ", images become `[image: file]`, other tags are dropped and
 * entities decoded. Whitespace HTML would not show (raw newlines, spaces starting a line) goes.
 * Linear in the length of the HTML, whatever it holds.
 */
export function htmlToText(html: string): string {
  let s = '';
  for (const p of pieces(html)) s += 'text' in p ? collapseNewlines(p.text) : tagAsText(p.tag);
  const lines: string[] = [];
  let line = '';
  let blankBefore = false;
  const end = () => {
    let stop = line.length;
    while (stop > 0 && (line[stop - 1] === ' ' || line[stop - 1] === '\t')) stop--;
    lines.push(decodeEntities(line.slice(0, stop)));
    line = '';
  };
  for (const ch of s) {
    if (ch === BREAK || ch === PARAGRAPH) {
      if (line.trim()) end();
      else line = '';
      if (ch === PARAGRAPH && lines.length > 0) blankBefore = true;
    } else if (ch === '\n') {
      end();
      blankBefore = false;
    } else {
      if (line === '' && (ch === ' ' || ch === '\t')) continue;
      if (blankBefore) {
        if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
        blankBefore = false;
      }
      line += ch;
    }
  }
  end();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  middot: '·', bull: '•', times: '×', divide: '÷', deg: '°', plusmn: '±', copy: '©', reg: '®', trade: '™',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', rArr: '⇒', lArr: '⇐', hArr: '⇔', le: '≤', ge: '≥', ne: '≠',
  asymp: '≈', infin: '∞', minus: '−', sum: '∑', prod: '∏', radic: '√', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ',
  epsilon: 'ε', theta: 'θ', lambda: 'λ', mu: 'μ', pi: 'π', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω', eacute: 'é',
  egrave: 'è', aacute: 'á', agrave: 'à', ouml: 'ö', uuml: 'ü', auml: 'ä', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ', shy: '',
  zwj: '\u200d', zwnj: '\u200c', sect: '§', para: '¶', euro: '€', pound: '£', yen: '¥', cent: '¢',
};

/** HTML entities decoded (named ones Anki's editor writes, and every numeric one); a no-break space becomes a space. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (m, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : m;
      }
      return NAMED[body] ?? NAMED[body.toLowerCase()] ?? m;
    })
    .replace(/\u00a0/g, ' ');
}
