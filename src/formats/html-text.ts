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

// How our text shows an imported media file (htmlToText with a `media` option writes these).
const OUR_MEDIA = /\[(image|sound|media): media\/([^\]\n]+)\]/g;

/**
 * Field HTML with our media references as Anki's markup: `[image: media/x.png]` becomes
 * `<img src="x.png">`, `[sound: media/x.mp3]` becomes `[sound:x.mp3]`, so Anki shows and plays
 * them from the package's media.
 */
export function mediaToAnki(html: string): string {
  if (!html.includes(': media/')) return html;
  return html.replace(OUR_MEDIA, (_m, kind: string, name: string) => (kind === 'image' ? `<img src="${name.replace(/"/g, '&quot;')}">` : `[sound:${name}]`));
}

/** The media files our text refers to (`[image: media/x.png]`…), by their names in media/. */
export function ourMediaReferences(text: string): string[] {
  if (!text.includes(': media/')) return [];
  return [...new Set([...text.matchAll(OUR_MEDIA)].map((m) => decodeEntities(m[2] as string)))];
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

/** Every `[sound:NAME]` replaced by `to(NAME)`, in one pass (a `[sound:` never closed is text). */
function renameSounds(text: string, to: (name: string) => string): string {
  let out = '';
  let i = 0;
  for (let at = text.indexOf('[sound:'); at >= 0; at = text.indexOf('[sound:', i)) {
    const close = text.indexOf(']', at + 7);
    if (close < 0) break;
    out += text.slice(i, at) + (close > at + 7 ? to(text.slice(at + 7, close)) : text.slice(at, close + 1));
    i = close + 1;
  }
  return out + text.slice(i);
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

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'caption',
  'center',
]);
const SKIPPED = new Set(['style', 'script', 'head', 'title', 'template']);
const MEDIA_ELEMENTS = new Set(['img', 'audio', 'video', 'source', 'object', 'embed']);

export interface HtmlTextOptions {
  /**
   * How a media file a field names is shown (`x.png` → `media/x.png` once imported); null or
   * absent keeps the name as it is.
   */
  media?: (name: string) => string | null;
  /** false drops emphasis instead of marking it (cloze text, where markers would enter the answers) */
  emphasis?: boolean;
}

/** A tag's attributes: lower-cased names, raw values (entities not yet decoded). */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of text.matchAll(re)) out.set((m[1] as string).toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** The marker an inline element's style gives its text: `**` for bold or colour, `*` italic, `_` underline. */
function styleMarker(tag: string, attrs: Map<string, string>): string {
  if (tag === 'b' || tag === 'strong') return '**';
  if (tag === 'i' || tag === 'em') return '*';
  if (tag === 'u' || tag === 'ins') return '_';
  if (tag === 'font' && attrs.has('color')) return '**';
  const style = (attrs.get('style') ?? '').toLowerCase();
  if (!style) return '';
  if (/font-weight\s*:\s*(bold|[6-9]00)/.test(style) || /(^|;)\s*color\s*:/.test(style) || /background(-color)?\s*:/.test(style)) return '**';
  if (/font-style\s*:\s*italic/.test(style)) return '*';
  if (/text-decoration[^;]*underline/.test(style)) return '_';
  return '';
}

/**
 * Field HTML as plain text, the way a browser lays it out, in one pass over the input (no pattern
 * that can backtrack, so a hostile field costs time in proportion to its length): `<br>` ends a
 * line, block elements start a new line unless one was just started, paragraphs are separated by
 * a blank line, list items get "- " or their number, table cells are separated by " | " with one
 * row a line, emphasis is kept as `**bold**` (colour too), `*italic*` and `_underline_`, images
 * become `[image: file]` and sounds `[sound: file]`, other tags are dropped and entities decoded.
 * MathJax (`\( \)`, `\[ \]`) is text and stays as it is. Whitespace HTML would not show (raw
 * newlines, spaces starting a line) goes.
 */
export function htmlToText(html: string, opts: HtmlTextOptions = {}): string {
  const lower = html.toLowerCase();
  const shownMedia = (name: string) => opts.media?.(name) ?? name;
  const lines: string[] = [];
  let line = '';
  let blankBefore = false;
  /** an emphasis marker opened but not yet written: it is written before the next visible text */
  let pendingOpen = '';
  const lists: { ordered: boolean; n: number }[] = [];
  let cellsInRow = 0;
  /** what each open inline element wrote when it opened ('' for nothing), closed in order */
  const inline: { tag: string; marker: string; written: boolean }[] = [];

  const end = () => {
    // (By hand: /[ \t]+$/ rescans every run of spaces inside a long line.)
    let stop = line.length;
    while (stop > 0 && (line[stop - 1] === ' ' || line[stop - 1] === '\t')) stop--;
    lines.push(decodeEntities(line.slice(0, stop)));
    line = '';
  };
  const block = (paragraph = false) => {
    if (line.trim()) end();
    else line = '';
    if (paragraph && lines.length > 0) blankBefore = true;
  };
  const write = (text: string) => {
    for (const ch of text) {
      if (line === '' && (ch === ' ' || ch === '\t')) continue;
      if (blankBefore) {
        if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
        blankBefore = false;
      }
      if (pendingOpen && ch !== ' ') {
        line += pendingOpen;
        pendingOpen = '';
        for (const e of inline) if (e.marker && !e.written) e.written = true;
      }
      line += ch;
    }
  };
  const text = (raw: string) => {
    // Whitespace with a line break in it is one space; each run is matched once (linear), where
    // /\s*\r?\n\s*/ rescanned every run of spaces from each of its characters.
    const collapsed = raw.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws));
    write(opts.media ? renameSounds(collapsed, (name) => `[sound: ${shownMedia(decodeEntities(name))}]`) : collapsed);
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    // Not a tag ("a < b"): the '<' is text. Decided before looking for the '>', so that many
    // such '<' cost no more than one scan each.
    if (!/[a-zA-Z/!?]/.test(html[lt + 1] ?? '')) {
      text('<');
      i = lt + 1;
      continue;
    }
    // The tag runs to the first '>' outside quotes.
    let j = lt + 1;
    let quote = '';
    while (j < html.length) {
      const c = html[j] as string;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        if (/[=\s]/.test(html[j - 1] ?? '') || html[j - 1] === '=') quote = c;
      } else if (c === '>') break;
      j++;
    }
    const body = html.slice(lt + 1, j);
    i = j + 1;
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(body);
    if (!m) continue; // <!DOCTYPE …>, <?xml …?>, </ >
    const closing = m[1] === '/';
    const tag = (m[2] as string).toLowerCase();
    if (!closing && SKIPPED.has(tag)) {
      const close = lower.indexOf(`</${tag}`, i);
      i = close < 0 ? html.length : lower.indexOf('>', close) + 1 || html.length;
      continue;
    }
    const attrs = closing ? new Map<string, string>() : attributes(body.slice(m[0].length));
    if (MEDIA_ELEMENTS.has(tag) && !closing) {
      const src = attrs.get('src') ?? attrs.get('data');
      if (src) write(`[${tag === 'img' ? 'image' : tag === 'audio' ? 'sound' : 'media'}: ${shownMedia(decodeEntities(src))}]`);
      continue;
    }
    switch (tag) {
      case 'br':
        end();
        blankBefore = false;
        continue;
      case 'p':
        block(true);
        continue;
      case 'hr':
        block();
        write('---');
        block();
        continue;
      case 'ul':
      case 'ol':
        block();
        if (closing) lists.pop();
        else lists.push({ ordered: tag === 'ol', n: Number.parseInt(attrs.get('start') ?? '1', 10) || 1 });
        continue;
      case 'li': {
        block();
        if (closing) continue;
        const list = lists[lists.length - 1];
        // (At most eight levels deep: lists nested thousands deep must not write megabytes of indentation.)
        const indent = '  '.repeat(Math.min(8, Math.max(0, lists.length - 1)));
        // Indentation is written as no-break spaces, so it survives the trimming of line starts.
        if (indent) line += '&nbsp;'.repeat(indent.length);
        write(list?.ordered ? `${list.n++}. ` : '- ');
        continue;
      }
      case 'tr':
        block();
        cellsInRow = 0;
        continue;
      case 'td':
      case 'th':
        if (!closing && cellsInRow++ > 0) line += ' | ';
        continue;
      case 'anki-mathjax':
        write(closing ? (attrs.get('block') === 'true' ? ' \\]' : '\\)') : attrs.get('block') === 'true' ? '\\[ ' : '\\(');
        continue;
    }
    if (BLOCK.has(tag)) {
      block();
      continue;
    }
    if (closing) {
      const at = inline.map((e) => e.tag).lastIndexOf(tag);
      if (at < 0) continue;
      for (const e of inline.splice(at).reverse()) {
        if (!e.marker) continue;
        if (!e.written) {
          pendingOpen = pendingOpen.slice(0, Math.max(0, pendingOpen.length - e.marker.length));
          continue;
        }
        let stop = line.length;
        while (stop > 0 && (line[stop - 1] === ' ' || line[stop - 1] === '\t')) stop--;
        line = line.slice(0, stop) + e.marker + line.slice(stop);
      }
      continue;
    }
    if (/^(area|base|col|input|link|meta|param|track|wbr)$/.test(tag) || body.endsWith('/')) continue;
    const marker = opts.emphasis === false ? '' : styleMarker(tag, attrs);
    // Emphasis inside emphasis of the same kind adds nothing.
    const repeated = marker !== '' && inline.some((e) => e.marker === marker);
    inline.push({ tag, marker: repeated ? '' : marker, written: false });
    if (marker && !repeated) pendingOpen += marker;
    if (inline.length > 256) inline.shift();
  }
  end();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  copy: '©',
  reg: '®',
  trade: '™',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  rArr: '⇒',
  lArr: '⇐',
  hArr: '⇔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  minus: '−',
  sum: '∑',
  prod: '∏',
  radic: '√',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  ouml: 'ö',
  uuml: 'ü',
  auml: 'ä',
  szlig: 'ß',
  ccedil: 'ç',
  ntilde: 'ñ',
  shy: '',
  zwj: '\u200d',
  zwnj: '\u200c',
  sect: '§',
  para: '¶',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
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
