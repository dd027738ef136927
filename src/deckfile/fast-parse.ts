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
const ANCHOR_OR_ALIAS = /(^|[\s[{,])[&*][^\s,\]}]/m;

/**
 * YAML 1.2's core schema, as the `yaml` package reads it. js-yaml's own CORE_SCHEMA still knows
 * YAML 1.1 forms (1_000, 0b11, 014 as octal): with it a file could mean one thing to sync and
 * another to lint.
 */
const CORE_1_2 = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsyaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (d: string) => /^(?:~|null|Null|NULL)?$/.test(d), construct: () => null }),
    new jsyaml.Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (d: string) => /^(?:true|True|TRUE|false|False|FALSE)$/.test(d), construct: (d: string) => d.toLowerCase() === 'true' }),
    new jsyaml.Type('tag:yaml.org,2002:int', {
      kind: 'scalar',
      resolve: (d: string) => /^[-+]?[0-9]+$/.test(d) || /^0o[0-7]+$/.test(d) || /^0x[0-9a-fA-F]+$/.test(d),
      construct: (d: string) => (d.startsWith('0o') ? parseInt(d.slice(2), 8) : d.startsWith('0x') ? parseInt(d.slice(2), 16) : Number(d)),
    }),
    new jsyaml.Type('tag:yaml.org,2002:float', {
      kind: 'scalar',
      resolve: (d: string) => /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(d) || /^[-+]?\.(?:inf|Inf|INF)$/.test(d) || /^\.(?:nan|NaN|NAN)$/.test(d),
      construct: (d: string) => (/nan$/i.test(d) ? Number.NaN : /inf$/i.test(d) ? (d.startsWith('-') ? -Infinity : Infinity) : Number(d)),
    }),
  ],
});

/** A double-quoted text that goes on over several lines: its indentation rules differ between
 * the two parsers, so such files go to the precise one. */
function hasMultilineQuote(text: string): boolean {
  for (const line of text.split('\n')) {
    const quotes = line.replace(/\\./g, '').replace(/'[^']*'/g, '').replace(/#.*$/, '').match(/"/g);
    if (quotes && quotes.length % 2 === 1) return true;
  }
  return false;
}

/** Parse and validate a deck file quickly; null when the file needs the precise parser. */
export function parseDeckFast(text: string, file: string, shownAs: string): ValidatedDeck | null {
  if (ANCHOR_OR_ALIAS.test(text) || hasMultilineQuote(text)) return null;
  const positions = new WeakMap<object, Position>();
  const open: Position[] = [];
  let value: unknown;
  try {
    value = jsyaml.load(text, {
      schema: CORE_1_2,
      filename: file,
      listener(event, state) {
        if (event === 'open') open.push({ line: state.line + 1, col: state.position - state.lineStart + 1 });
        else {
          const p = open.pop();
          if (p && typeof state.result === 'object' && state.result !== null) positions.set(state.result, p);
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
