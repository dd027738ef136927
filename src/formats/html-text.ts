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

// Anki's media tags (rslib/src/text.rs HTML_MEDIA_TAGS): img, audio, video, object, source with a
// src or data attribute, double-, single- or un-quoted.
const MEDIA_TAG = /<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ ="'>]+?)(?:\s[^>]*)?>)/gis;
const SOUND_TAG = /\[sound:([^\]]+)\]/g;
// rslib/src/text.rs HTML: comments, style and script elements, then any tag.
const HTML = /(<!--.*?-->)|(<style.*?>.*?<\/style>)|(<script.*?>.*?<\/script>)|(<.*?>)/gis;

/** The media files a field refers to (images, audio, video, `[sound:…]`), in order, without repeats. */
export function mediaReferences(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(MEDIA_TAG)) out.push(decodeEntities(m[1] ?? m[2] ?? m[3] ?? ''));
  for (const m of html.matchAll(SOUND_TAG)) out.push(m[1] as string);
  return [...new Set(out.filter(Boolean))];
}

/**
 * Anki's `strip_html_preserving_media_filenames` (rslib/src/text.rs): media tags become their file
 * names between spaces, other markup is removed, entities are decoded (a no-break space becomes a
 * space). Not trimmed: this is exactly the text Anki's sort field and checksum are made from.
 */
export function stripHtmlPreservingMediaFilenames(html: string): string {
  const withNames = html.replace(MEDIA_TAG, (_m, a: string | undefined, b: string | undefined, c: string | undefined) => ` ${a ?? ''}${b ?? ''}${c ?? ''} `);
  return decodeEntities(withNames.replace(HTML, ''));
}

const BLOCK = 'address|article|aside|blockquote|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|li|main|nav|ol|pre|section|table|tbody|thead|tfoot|tr|ul';
const BREAK = '\u0000';
const PARAGRAPH = '\u0001';

/**
 * Field HTML as plain text, the way a browser lays it out: `<br>` ends a line, block elements
 * (`<div>`, `<li>`, …) start a new line unless one was just started, paragraphs are separated by a
 * blank line, list items get "- ", images become `[image: file]`, other tags are dropped and
 * entities decoded. Whitespace HTML would not show (raw newlines, spaces starting a line) goes.
 */
export function htmlToText(html: string): string {
  const s = html
    .replace(/<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>/gis, '')
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(MEDIA_TAG, (m: string, a: string | undefined, b: string | undefined, c: string | undefined) =>
      `[${/^<img/i.test(m) ? 'image' : 'media'}: ${a ?? b ?? c ?? ''}]`,
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<hr\b[^>]*>/gi, `${BREAK}---${BREAK}`)
    .replace(/<li\b[^>]*>/gi, `${BREAK}- `)
    .replace(/<\/?p\b[^>]*>/gi, PARAGRAPH)
    .replace(new RegExp(`</?(?:${BLOCK})\\b[^>]*>`, 'gi'), BREAK)
    .replace(/<[^>]*>/g, '');
  const lines: string[] = [];
  let line = '';
  let blankBefore = false;
  const end = () => {
    lines.push(decodeEntities(line.replace(/[ \t]+$/, '')));
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
