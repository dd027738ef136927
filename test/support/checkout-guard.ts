/**
 * The suite must never touch the checkout's own collection (`<repo>/data/llmcards.db`, the default
 * home of a binary run without --home). Vitest runs this before and after every run: a database that
 * appears or changes there during the run fails it.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');
const FILES = ['llmcards.db', 'llmcards.db-wal'].map((f) => join(REPO, 'data', f));

const fingerprint = () => FILES.map((f) => (existsSync(f) ? `${statSync(f).size}:${statSync(f).mtimeMs}` : '-')).join(' ');

export default function setup(): () => void {
  const before = fingerprint();
  return () => {
    if (fingerprint() === before) return;
    // (A throw here is only logged by vitest; the exit code is what fails the run.)
    process.exitCode = 1;
    throw new Error(`a test wrote to the checkout's own collection (${join(REPO, 'data')}): give every run a temporary --home`);
  };
}
