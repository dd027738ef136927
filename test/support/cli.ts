/**
 * The CLI in this process, through its argv seam (`runCli(argv, deps)`, as main.ts calls it), with
 * everything main.ts would take from the process given here instead: captured output, a fixed
 * time zone (UTC), no colour, standard input from a string. The same commands as the built binary,
 * without starting a process per command; tests of exit codes by signal, real terminals and the
 * bundle itself still spawn it (support/run.ts, support/pty.ts).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';
import { REPO } from './home.js';
import type { RunOptions, RunResult } from './run.js';

/** `llmcards --home HOME args…`, in process. */
export async function runHere(home: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const env: Record<string, string | undefined> = { NO_COLOR: '1', ...opts.env };
  const code = await runCli(['--home', home, ...args], {
    io: {
      out: (s) => void (stdout += s),
      err: (s) => void (stderr += s),
      isTTY: false,
      stdinIsTTY: false,
      stderrIsTTY: false,
      columns: Number(env.COLUMNS) || 80,
    },
    cwd: opts.cwd ?? (existsSync(home) ? home : tmpdir()),
    env,
    packageHome: REPO,
    systemNow: () => new Date(),
    offsetAt: () => 0,
    stdin: Readable.from([opts.input ?? '']) as unknown as NodeJS.ReadStream,
    stdout: new Writable({ write: (chunk, _enc, done) => void ((stdout += String(chunk)), done()) }) as unknown as NodeJS.WriteStream,
    elapsedMs: () => performance.now(),
    randomSeed: () => 1,
    version: '0.0.0-test',
  });
  return { code, stdout, stderr };
}

/** In process, parsing stdout as JSON; fails loudly (with stderr) when the command failed. */
export async function runJsonHere<T = any>(home: string, args: readonly string[], opts: RunOptions = {}): Promise<T> {
  const r = await runHere(home, [...args, '--json'], opts);
  if (r.code !== 0) throw new Error(`llmcards ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  if (r.stderr) throw new Error(`llmcards ${args.join(' ')} wrote to stderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
