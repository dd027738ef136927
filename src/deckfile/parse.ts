/**
 * The precise deck parser: the `yaml` package's document model gives every value its line and
 * column, so each problem is reported where it is. Used by `lint`, and by sync whenever the fast
 * parser (fast-parse.ts) finds anything wrong. Pure: text in, data out.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { capProblems, type Problem } from './problem.js';
import { validateDeck, type Locator, type Path, type Position, type ValidatedDeck } from './validate.js';

/** Aliases beyond this many are refused (a "billion laughs" file expands exponentially). */
const MAX_ALIASES = 100;

/**
 * Parse and validate one deck file. `file` is its path under decks/ (it names the deck);
 * `shownAs` is how problems name the file.
 */
export function parseDeck(text: string, file: string, shownAs: string): ValidatedDeck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', logLevel: 'error' });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const yamlProblems: Problem[] = [];
  for (const e of doc.errors) {
    // An unclosed quote is detected at the end of the file; point at where the quote opens.
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message)?.[1] : undefined;
    const opened = quote ? openingQuote(text, e.pos[0], quote) : -1;
    yamlProblems.push(
      opened >= 0
        ? { file: shownAs, ...at(opened), severity: 'error', message: `invalid YAML: the text in quotes starting here is never closed with ${quote}` }
        : { file: shownAs, ...at(e.pos[0]), severity: 'error', message: yamlMessage(e.message) },
    );
  }
  if (yamlProblems.length > 0) return { deck: null, problems: capProblems(yamlProblems), related: [] };
  for (const w of doc.warnings) {
    yamlProblems.push({ file: shownAs, ...at(w.pos[0]), severity: 'warning', message: yamlMessage(w.message) });
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    // Excessive aliasing, or an alias to an undefined anchor.
    return { deck: null, problems: [{ file: shownAs, line: 1, col: 1, severity: 'error', message: yamlMessage((err as Error).message) }], related: [] };
  }
  const result = validateDeck(value, file, shownAs, documentLocator(doc, text, at));
  // (Not unshift(...): a spread of 100,000 problems overflows the stack.)
  if (yamlProblems.length > 0) result.problems = capProblems(yamlProblems.concat(result.problems));
  return result;
}

/** Offset of the unescaped quote that opens the unclosed scalar ending at `end`, or -1. */
function openingQuote(text: string, end: number, quote: string): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] === quote && text[i - 1] !== '\\' && (i === 0 || /[\s:[{,-]/.test(text[i - 1] ?? ''))) return i;
  }
  return -1;
}

/** The yaml package's message without its own position suffix and excerpt, lower-cased. */
function yamlMessage(message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
  return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

function documentLocator(doc: Document, text: string, at: (offset: number) => Position): Locator {
  return {
    at(path: Path, part = 'value', offset?: number): Position {
      let node: Node | null | undefined = doc.contents as Node | null;
      let keyNode: Node | undefined;
      let last: Node | undefined = node ?? undefined;
      for (const seg of path) {
        keyNode = undefined;
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
          keyNode = pair?.key as Node | undefined;
          node = pair?.value as Node | null | undefined;
        } else if (isSeq(node) && typeof seg === 'number') {
          node = node.items[seg] as Node | undefined;
        } else {
          node = undefined;
        }
        if (!node && !keyNode) break;
        last = node ?? keyNode ?? last;
      }
      const target = part === 'key' && keyNode ? keyNode : (node ?? keyNode ?? last);
      if (!target?.range) return { line: 1, col: 1 };
      const start = target.range[0];
      if (offset !== undefined && isScalar(target) && typeof target.value === 'string') {
        return at(start + offsetInSource(text.slice(start, target.range[1]), target.value, offset));
      }
      return at(start);
    },
  };
}

/**
 * Where character `offset` of a scalar's value lies in its source text, found by searching for
 * the characters there (quotes, escapes and block indentation make the two differ).
 */
function offsetInSource(source: string, value: string, offset: number): number {
  const probe = value.slice(offset, offset + 12);
  const found = probe ? source.indexOf(probe) : -1;
  return found >= 0 ? found : 0;
}
