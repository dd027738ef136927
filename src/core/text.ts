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

// ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC (… ESC \),
// and two-character escapes. Then lone C0/C1 controls (but tab and newline), DEL, and the Unicode
// bidirectional overrides that can make text display differently from what it is.
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007\u009c]*[\u0007\u009c]?/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from decks and imports with terminal control characters and escape sequences removed
 * (SPEC §7), so that printing a card can never move the cursor, retitle the window or reorder text.
 * Tabs become spaces; newlines are kept; CR LF becomes LF.
 */
const NEEDS_CLEANING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\t\r]/;

export function stripControlChars(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return s.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
