/**
 * Text as it comes from decks: a plain string or a map from language code to string (SPEC §3),
 * and the choice of which language to show (`--lang en|zh|both`).
 */

export type Localized = string | Readonly<Record<string, string>>;

export const LANGS = ['en', 'zh', 'both'] as const;
export type Lang = (typeof LANGS)[number];

/** Preferred order when a requested language is missing. */
const FALLBACK = ['en', 'zh'];

/** The languages present in a text, in display order (en, zh, then others alphabetically). */
export function languagesOf(text: Localized): string[] {
  if (typeof text === 'string') return [];
  const keys = Object.keys(text).filter((k) => (text[k] ?? '').length > 0);
  return keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function rank(lang: string): number {
  const i = FALLBACK.indexOf(lang);
  return i < 0 ? FALLBACK.length : i;
}

/**
 * The text to show for `lang`: the requested language, else the first available one; for `both`,
 * every language on its own line (a plain string is shown as is).
 */
export function pickLang(text: Localized | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const langs = languagesOf(text);
  if (langs.length === 0) return '';
  if (lang === 'both') {
    const parts = langs.map((l) => text[l] as string);
    return parts.filter((p, i) => parts.indexOf(p) === i).join('\n');
  }
  return text[lang] || (text[langs[0] as string] as string);
}

/** Every string of a text, whatever the language: for search and grading. */
export function allVariants(text: Localized | undefined): string[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return [text];
  return languagesOf(text).map((l) => text[l] as string);
}

/** Apply `fn` to every language of a text, keeping its shape. */
export function mapText(text: Localized, fn: (s: string) => string): Localized {
  if (typeof text === 'string') return fn(text);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(text)) out[k] = fn(v);
  return out;
}

// Characters a terminal obeys or that make text read differently from what it is (SPEC §7), shared by
// the cleaning of deck text at sync and by the CLI's output gate (cli/safe-output.ts).
//
// ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC (… ST), and
// two-character escapes; then C1 CSI and the C1 string introducers.
export const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?|\u001b[ -~]?|\u009b[0-?]*[ -/]*[@-~]|[\u0090\u0098\u009d-\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
// Lone C0 controls but tab and newline, DEL and C1; bidirectional marks, embeddings, overrides and
// isolates (with U+061C, the Arabic letter mark); zero-width spaces and joiners, the Mongolian vowel
// separator, the word joiner, invisible operators and the byte-order mark.
const INVISIBLE_CLASS = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';
export const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'g');
/** Line and paragraph separators, which some terminals and editors show as line breaks. */
export const LINE_SEPARATOR = /[\u2028\u2029]/g;
/** A run of combining marks longer than any script needs ("Zalgo" text drawn over the lines around it). */
export const MARK_FLOOD = /(\p{M}{8})\p{M}+/gu;
/** Whether a text holds anything the cleaning would change (the common case, nothing, stays quick). */
export const NEEDS_CLEANING = new RegExp(`[${INVISIBLE_CLASS}\\u2028\\u2029\\t\\r]|\\p{M}{9}`, 'u');

/**
 * Text from decks and imports with terminal control characters and escape sequences removed
 * (SPEC §7), so that printing a card can never move the cursor, retitle the window or reorder text:
 * bidirectional controls and zero-width characters go too, line separators become newlines and
 * combining-mark floods are cut short. Tabs become spaces; newlines are kept; CR LF becomes LF.
 */
export function stripControlChars(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(ESCAPE_SEQUENCE, '')
    .replace(INVISIBLE, '')
    .replace(LINE_SEPARATOR, '\n')
    .replace(MARK_FLOOD, '$1');
}
