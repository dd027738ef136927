/**
 * Temporary collections for tests: a fresh --home with the deck files a test writes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

export const REPO = join(import.meta.dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'llmcards');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new empty collection folder (removed after the test file). */
export function tempHome(decks: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'llmcards-test-'));
  made.push(home);
  mkdirSync(join(home, 'decks'), { recursive: true });
  for (const [file, text] of Object.entries(decks)) writeDeck(home, file, text);
  return home;
}

/** A collection holding a copy of the bundled decks. */
export function bundledHome(): string {
  const home = tempHome();
  cpSync(join(REPO, 'decks'), join(home, 'decks'), { recursive: true });
  return home;
}

export function writeDeck(home: string, file: string, text: string): void {
  const path = join(home, 'decks', file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
