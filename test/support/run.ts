/**
 * Running the built CLI the way users and scripts do: `llmcards --home HOME args…`, its exit code,
 * stdout and stderr. By default in this process (the build's `runCli(argv, deps)`, the seam main.ts
 * uses, in a worker thread the test waits on), which spares a Node start per command; with
 * `{ spawn: true }` as a child process of bin/llmcards, for what needs a real one (the bundle, the
 * exit status, signals, other processes). LLMCARDS_TEST_SPAWN=1 spawns every run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BIN, REPO } from './home.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string>;
  cwd?: string;
  /** run bin/llmcards as a child process rather than in this process */
  spawn?: boolean;
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
  const cwd = opts.cwd ?? (existsSync(home) ? home : tmpdir());
  const argv = ['--home', home, ...args];
  if (!opts.spawn && !readsStdinFd(args) && process.env.LLMCARDS_TEST_SPAWN !== '1')
    return runInWorker(argv, { env: childEnv(opts.env), cwd, input: opts.input ?? '' });
  const r = spawnSync(process.execPath, [BIN, ...argv], { input: opts.input ?? '', env: childEnv(opts.env), cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `import -` reads standard input by its descriptor (app/import/run.ts), which a worker thread
 * shares with the test's process (where it would wait for ever): such a run needs its own process.
 */
const readsStdinFd = (args: readonly string[]) => args.includes('import') && args.some((a) => a === '-' || a === '/dev/stdin' || a === '/dev/fd/0');

/** Run the CLI as a child process even where runBin would not (the same as `{ spawn: true }`). */
export function spawnBin(home: string, args: readonly string[], opts: RunOptions = {}): RunResult {
  return runBin(home, args, { ...opts, spawn: true });
}

/** Longer than any test waits: a run that takes this long has hung. */
const HUNG_MS = 600_000;
let worker: Worker | undefined;

/** One run of the build's runCli in the worker thread, waited for synchronously (as spawnSync waits). */
function runInWorker(argv: string[], request: { env: NodeJS.ProcessEnv; cwd: string; input: string }): RunResult {
  if (!worker) {
    worker = new Worker(new URL('./cli-worker.mjs', import.meta.url), { workerData: { repo: REPO } });
    worker.unref();
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ argv, ...request, port: port2, signal }, [port2]);
  Atomics.wait(signal, 0, 0, HUNG_MS);
  const reply = receiveMessageOnPort(port1)?.message as (RunResult & { crash?: string }) | undefined;
  port1.close();
  const what = `llmcards ${argv.join(' ')} (in process)`;
  if (!reply || reply.crash) {
    // A hung or crashed run leaves the worker in an unknown state: the next run starts a new one.
    void worker.terminate();
    worker = undefined;
    throw new Error(reply ? `${what} crashed: ${reply.crash}` : `${what} gave no answer in ${HUNG_MS / 1000} s`);
  }
  return { code: reply.code, stdout: reply.stdout, stderr: reply.stderr };
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
