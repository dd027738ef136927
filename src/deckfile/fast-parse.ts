/**
 * The fast deck parser for sync: js-yaml is about ten times quicker than the `yaml` package's
 * document model, which matters for a first sync of a large collection. It only knows where each
 * note starts, so it is trusted only with files that have no errors; for anything else it returns
 * null and the caller uses the precise parser (parse.ts), which reports every problem in place.
 */
import jsyaml from 'js-yaml';
import { hasErrors } from './problem.js';
import { validateDeck, type Locator, type Position, type ValidatedDeck } from './validate.js';

/** Anchors and aliases: left to the precise parser, which limits alias expansion. */
// Only where a node can start (a line's start, after `key: `, `- `, `? `, a flow bracket or comma,
// or a tag): `*` inside text (emphasis such as **bold**, imported from Anki) is no alias.
const ANCHOR_OR_ALIAS = /(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*|!\S*[ \t]+)[&*][^\s,\]}]/m;

/**
 * A `#` straight after a closing quote or bracket (`"BIG-Bench"#`): YAML wants a space before a
 * comment, and the precise parser reports the error that the fast one would pass over.
 */
const UNSPACED_COMMENT = /["'\]}]#/;

/** The plain scalars that are not text in YAML 1.2's core schema (made once: tested on every scalar). */
const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * YAML 1.2's core schema, as the `yaml` package reads it. js-yaml's own CORE_SCHEMA still knows
 * YAML 1.1 forms (1_000, 0b11, 014 as octal): with it a file could mean one thing to sync and
 * another to lint.
 */
const CORE_1_2 = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsyaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (d: string) => NULL.test(d), construct: () => null }),
    new jsyaml.Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (d: string) => BOOL.test(d), construct: (d: string) => d.toLowerCase() === 'true' }),
    new jsyaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (d: string) => INT.test(d),
      construct: (d: string) => (d.startsWith('0o') ? parseInt(d.slice(2), 8) : d.startsWith('0x') ? parseInt(d.slice(2), 16) : Number(d)),
    }),
    new jsyaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (d: string) => FLOAT.test(d),
      construct: (d: string) => (/nan$/i.test(d) ? Number.NaN : /inf$/i.test(d) ? (d.startsWith('-') ? -Infinity : Infinity) : Number(d)),
    }),
  ],
});

/**
 * Whether a double-quoted text goes on over several lines: its indentation rules differ between
 * the two parsers, so such files go to the precise one. A line has an unclosed double quote when it
 * has an odd number of `"` once escaped characters (`\\x`), single-quoted texts and the comment from
 * the first `#` are set aside. One pass over the text (this runs on every deck file a sync reads).
 */
export function hasMultilineQuote(text: string): boolean {
  const n = text.length;
  let quotes = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      if (quotes % 2 === 1) return true;
      quotes = 0;
      i++;
    } else if (c === BACKSLASH) {
      i += text.charCodeAt(i + 1) === NEWLINE ? 1 : 2;
    } else if (c === SINGLE_QUOTE) {
      const close = closingSingleQuote(text, i + 1);
      i = close < 0 ? i + 1 : close + 1;
    } else if (c === HASH) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else {
      if (c === DOUBLE_QUOTE) quotes++;
      i++;
    }
  }
  return quotes % 2 === 1;
}

const NEWLINE = 10;
const BACKSLASH = 92;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const HASH = 35;

/** The index of the `'` closing a single-quoted text that opens before `from`, on the same line; -1 if none. */
function closingSingleQuote(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === NEWLINE) return -1;
    if (c === BACKSLASH) {
      if (text.charCodeAt(j + 1) === NEWLINE) return -1;
      j++;
    } else if (c === SINGLE_QUOTE) return j;
  }
  return -1;
}

/** Parse and validate a deck file quickly; null when the file needs the precise parser. */
export function parseDeckFast(text: string, file: string, shownAs: string): ValidatedDeck | null {
  if (ANCHOR_OR_ALIAS.test(text) || UNSPACED_COMMENT.test(text) || hasMultilineQuote(text)) return null;
  const positions = new Map<object, Position>();
  // Line and column of each node being read, two numbers a node: a Position is made only for maps
  // and lists, not for the many scalars.
  const open: number[] = [];
  let value: unknown;
  try {
    value = jsyaml.load(text, {
      schema: CORE_1_2,
      filename: file,
      listener(event, state) {
        if (event === 'open') open.push(state.line + 1, state.position - state.lineStart + 1);
        else {
          const col = open.pop();
          const line = open.pop();
          if (line !== undefined && typeof state.result === 'object' && state.result !== null) positions.set(state.result, { line, col: col! });
        }
      },
    });
  } catch {
    return null;
  }
  const locator: Locator = {
    at(path) {
      // The nearest enclosing map or list whose start was recorded (notes are maps, so a note's
      // own line is always known).
      let node: unknown = value;
      let best: Position = { line: 1, col: 1 };
      for (const seg of path) {
        if (typeof node !== 'object' || node === null) break;
        node = (node as Record<string | number, unknown>)[seg];
        if (typeof node === 'object' && node !== null) best = positions.get(node) ?? best;
      }
      return best;
    },
  };
  const result = validateDeck(value, file, shownAs, locator);
  return hasErrors(result.problems) ? null : result;
}
