/**
 * Reading one changed deck file for a sync: its fingerprint, and either the notes ready to write or
 * the problems that make it invalid. Runs on the main thread or in the reader worker.
 */
import { resolve } from 'node:path';
import type { Deck } from '../core/notes.js';
import { prepareDeck, type PreparedDeck } from '../core/sync-plan.js';
import { MAX_DECK_BYTES } from './fields.js';
import { contentHash, NotUtf8Error, readDeckText } from './load.js';
import { parseDeckText } from './parse-text.js';
import type { Problem } from './problem.js';

export interface ReadJob {
  /** path under decks/ */
  file: string;
  abs: string;
  size: number;
  /** the content hash seen last time, if any: equal content is not parsed again */
  prevHash: string | null;
}

export type ReadResult =
  | { kind: 'same'; hash: string }
  | { kind: 'invalid'; hash: string; problems: Problem[] }
  | { kind: 'deck'; hash: string; deck: PreparedDeck };

/**
 * Decks just parsed from the text written to them (by absolute path): an import checks every deck
 * file it writes by parsing it, and the sync that follows read the same text back and parsed it
 * again (20 files of 100,000 notes: 4-5 s of CPU over two threads). A file whose text is still
 * that text is given that deck; any other is parsed as usual. Each is taken once.
 */
const parsedAhead = new Map<string, { text: string; deck: Deck }>();

/**
 * Remember that `text`, written to `abs`, parses to `deck` (with no errors) for the next read of
 * that file. Only for a deck parsed by `parseDeckText(text, deck.file, …)`, as a sync parses it.
 */
export function rememberParsedDeck(abs: string, text: string, deck: Deck): void {
  parsedAhead.set(resolve(abs), { text, deck });
}

/** Drop the decks remembered and not read (an import that failed, or wrote over them). */
export function forgetParsedDecks(): void {
  parsedAhead.clear();
}

/** Whether the next read of `abs` may take a remembered deck (then it is best read on this thread). */
export function isParsedAhead(abs: string): boolean {
  return parsedAhead.size > 0 && parsedAhead.has(resolve(abs));
}

export function readDeckFile(job: ReadJob): ReadResult {
  const invalid = (message: string, hash = ''): ReadResult => ({
    kind: 'invalid',
    hash,
    problems: [{ file: job.file, line: 1, col: 1, severity: 'error', message }],
  });
  if (job.size > MAX_DECK_BYTES) return invalid(`deck file is larger than ${MAX_DECK_BYTES / 1024 / 1024} MB; split it into several decks`);
  let text: string;
  try {
    text = readDeckText(job.abs);
  } catch (err) {
    if (err instanceof NotUtf8Error)
      return { kind: 'invalid', hash: '', problems: [{ file: job.file, line: err.line, col: err.col, severity: 'error', message: err.message }] };
    return invalid(`cannot read the file: ${(err as Error).message}`);
  }
  const hash = contentHash(text);
  if (hash === job.prevHash) return { kind: 'same', hash };
  const ahead = parsedAhead.size > 0 ? parsedAhead.get(resolve(job.abs)) : undefined;
  if (ahead) {
    parsedAhead.delete(resolve(job.abs));
    if (ahead.text === text && ahead.deck.file === job.file) return { kind: 'deck', hash, deck: prepareDeck(ahead.deck) };
  }
  const result = parseDeckText(text, job.file, job.file);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.deck || errors.length > 0) return { kind: 'invalid', hash, problems: errors };
  return { kind: 'deck', hash, deck: prepareDeck(result.deck) };
}
