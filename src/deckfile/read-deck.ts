/**
 * Reading one changed deck file for a sync: its fingerprint, and either the notes ready to write or
 * the problems that make it invalid. Runs on the main thread or in the reader worker.
 */
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
  const result = parseDeckText(text, job.file, job.file);
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.deck || errors.length > 0) return { kind: 'invalid', hash, problems: errors };
  return { kind: 'deck', hash, deck: prepareDeck(result.deck) };
}
