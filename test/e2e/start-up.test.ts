/**
 * bin/llmcards on Node 20: the bundle run as vm.Script with the code cache the build made
 * (scripts/code-cache.mjs). The cache must be there and accepted for the files every command loads,
 * each file must run once (a chunk that names the entry as `../llmcards.cjs` once ran it a second
 * time, and every line came out twice), and a copy of the package without a cache must work the same.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/home.js';
import { childEnv } from '../support/run.js';

const DIST = join(REPO, 'dist', 'bin');
const hasOwnCompileCache = typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const scratch = mkdtempSync(join(tmpdir(), 'llmcards-start-up-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (bin: string, home: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, '--home', home, ...args], { env: childEnv(), encoding: 'utf8' });

describe.skipIf(hasOwnCompileCache)('start-up with the build’s code cache (Node 20)', () => {
  it('has an accepted cache for the entry and the common chunk', () => {
    const common = readdirSync(join(DIST, 'chunks')).find((f) => f.startsWith('common-'))!;
    for (const [name, file] of [
      ['llmcards.cjs', join(DIST, 'llmcards.cjs')],
      [common, join(DIST, 'chunks', common)],
    ] as const) {
      const cacheFile = join(DIST, 'code-cache', `${name}.v8`);
      expect(existsSync(cacheFile), cacheFile).toBe(true);
      const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
        filename: file,
        cachedData: readFileSync(cacheFile),
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
      expect(script.cachedDataRejected, name).toBe(false);
    }
  });

  it('runs each file once, with the cache and without it', () => {
    const home = join(scratch, 'home');
    expect(run(join(REPO, 'bin', 'llmcards'), home, 'init', home).status).toBe(0);
    // A copy of the package with no cache at all (as if V8 had refused it).
    const pkg = join(scratch, 'pkg');
    cpSync(join(REPO, 'bin'), join(pkg, 'bin'), { recursive: true });
    cpSync(DIST, join(pkg, 'dist', 'bin'), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(pkg, 'package.json'));
    cpSync(join(REPO, 'decks'), join(pkg, 'decks'), { recursive: true });
    rmSync(join(pkg, 'dist', 'bin', 'code-cache'), { recursive: true });
    cpSync(join(REPO, 'node_modules', 'better-sqlite3'), join(pkg, 'node_modules', 'better-sqlite3'), { recursive: true });
    const outputs = [join(REPO, 'bin', 'llmcards'), join(pkg, 'bin', 'llmcards')].map((bin) => {
      // lint loads the chunk that requires the entry by its relative path
      const lint = run(bin, home, 'lint');
      expect(lint.status, lint.stderr).toBe(0);
      expect(lint.stdout).toBe('No problems found.\n');
      const due = run(bin, home, 'due', '--json', '--now', '2026-06-01T08:00:00Z');
      expect(due.status, due.stderr).toBe(0);
      return due.stdout;
    });
    expect(outputs[1]).toBe(outputs[0]);
    expect(JSON.parse(outputs[0]!).new).toBeGreaterThan(0);
  });
});

describe('the bundle’s chunk graph', () => {
  /** The bundle's files `file` loads, itself included, by their relative requires. */
  const loadedBy = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/require\("(\.\.?\/[^"]+\.cjs)"\)/g)) loadedBy(join(file, '..', m[1]!), seen);
    return seen;
  };

  it('never has the deck reader thread load the entry', () => {
    // The thread is loaded by Node's own loader: a chunk there that requires `../llmcards.cjs` runs
    // the whole CLI inside the thread, half loaded (a build once put a module of the common chunk in
    // the entry, and every large sync and rebuild failed with an internal error).
    const files = [...loadedBy(join(DIST, 'read-worker.cjs'))].map((f) => f.slice(DIST.length + 1));
    expect(files).toContain('read-worker.cjs');
    expect(files.length).toBeGreaterThan(1);
    expect(files).not.toContain('llmcards.cjs');
  });

  it('is ASCII only (rolldown.config.mjs charset), so V8 holds each file as a one-byte string', () => {
    const files = [...readdirSync(DIST).filter((f) => f.endsWith('.cjs')), ...readdirSync(join(DIST, 'chunks')).map((f) => join('chunks', f))];
    const wide = files.filter((f) => /[^\x00-\x7f]/.test(readFileSync(join(DIST, f), 'utf8')));
    expect(wide).toEqual([]);
  });
});
