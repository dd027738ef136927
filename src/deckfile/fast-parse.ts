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

/** Parse and validate a deck file quickly; null when the file needs the precise parser. */
export function parseDeckFast(text: string, file: string, shownAs: string): ValidatedDeck | null {
  if (ANCHOR_OR_ALIAS.test(text)) return null;
  const positions = new WeakMap<object, Position>();
  const open: Position[] = [];
  let value: unknown;
  try {
    value = jsyaml.load(text, {
      schema: jsyaml.CORE_SCHEMA,
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
