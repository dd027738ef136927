/**
 * Running the built CLI as a child process, the way users and scripts do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BIN } from './home.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
}

/** Environment for a child: a fixed time zone, no colour, no inherited llmcards settings. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The inherited variables go first and the caller's after, so that a test asking for
  // LLMCARDS_HOME gets it (and one that does not never falls back to the checkout's own collection).
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
  delete env.LLMCARDS_HOME;
  delete env.LLMCARDS_NOW;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

/** Run `llmcards --home HOME args…` and wait for it. */
export function runBin(home: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, '--home', home, ...args], {
    input: opts.input ?? '',
    env: childEnv(opts.env),
    cwd: opts.cwd ?? (existsSync(home) ? home : tmpdir()),
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run and parse stdout as JSON, failing loudly (with stderr) when the command failed. */
export function runJson<T = any>(home: string, args: readonly string[], opts: RunOptions = {}): T {
  const r = runBin(home, [...args, '--json'], opts);
  if (r.code !== 0) throw new Error(`llmcards ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  if (r.stderr) throw new Error(`llmcards ${args.join(' ')} wrote to stderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Start `llmcards` without waiting (for kill and concurrency tests). */
export function startBin(home: string, args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, '--home', home, ...args], {
    env: childEnv(env),
    cwd: existsSync(home) ? home : tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
