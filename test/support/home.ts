/**
 * Temporary collections for tests: a fresh --home with the deck files a test writes.
 */
import { execSync, spawnSync } from 'node:child_process';
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

/** Whether the tests may mount a small file system of their own (a tmpfs; root in CI): for full and read-only disks. */
export const canMount = (() => {
  try {
    execSync('mkdir -p /tmp/llmcards-probe && mount -t tmpfs -o size=64k tmpfs /tmp/llmcards-probe && umount /tmp/llmcards-probe', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * On a small file system mounted at `mnt`: a collection with card `a` answered once, a deck of 1,500
 * more notes waiting to be synced, and the disk then filled up. Returns the collection's folder.
 */
export function fullDiskWithPendingSync(mnt: string, answer: (home: string) => void): string {
  const home = join(mnt, 'c');
  mkdirSync(join(home, 'decks'), { recursive: true });
  writeFileSync(join(home, 'decks', 'q.yaml'), 'cards:\n  - id: a\n    front: q?\n    back: a\n');
  answer(home);
  writeFileSync(
    join(home, 'decks', 'q.yaml'),
    `cards:\n${Array.from({ length: 1500 }, (_, i) => `  - id: n${i}\n    front: "question ${i}?"\n    back: "answer ${i}"\n`).join('')}  - id: a\n    front: q?\n    back: a\n`,
  );
  spawnSync('sh', ['-c', `dd if=/dev/zero of=${mnt}/filler bs=4k 2>/dev/null; true`]);
  return home;
}
