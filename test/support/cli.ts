/**
 * The CLI from the source, in the test's own thread, through its argv seam (`runCli(argv, deps)`,
 * as main.ts calls it), with everything main.ts would take from the process given here instead
 * (support/in-process.mjs): captured output, the time zone of TZ (UTC when unset), no colour,
 * standard input from a string, a fixed seed. support/run.ts runs the build the same way, but
 * synchronously; tests of signals, real terminals and other processes spawn bin/llmcards.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from '../../src/cli/run.js';
import { REPO } from './home.js';
import { testDeps } from './in-process.mjs';
import type { RunOptions, RunResult } from './run.js';

/** `llmcards --home HOME args…`, in process. */
export async function runHere(home: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const { deps, captured } = testDeps({
    env: { NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd ?? (existsSync(home) ? home : tmpdir()),
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    packageHome: REPO,
    version: '0.0.0-test',
    randomSeed: () => 1,
  });
  const code = await runCli(['--home', home, ...args], deps);
  return { code, ...captured };
}
/** In process, parsing stdout as JSON; fails loudly (with stderr) when the command failed. */
export async function runJsonHere<T = any>(home: string, args: readonly string[], opts: RunOptions = {}): Promise<T> {
  const r = await runHere(home, [...args, '--json'], opts);
  if (r.code !== 0) throw new Error(`llmcards ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  if (r.stderr) throw new Error(`llmcards ${args.join(' ')} wrote to stderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
