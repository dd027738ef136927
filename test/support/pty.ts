/**
 * Driving the CLI in a real pseudo-terminal, the way a person types at it.
 */
import pty from 'node-pty';
import { BIN } from './home.js';
import { childEnv } from './run.js';

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-Za-z]|\u001b[=>]/g;

export interface PtySession {
  /** everything printed so far, without escape sequences */
  text(): string;
  /** everything printed so far, as sent */
  raw(): string;
  /** resolves when `pattern` has appeared after `from` (a text offset), else fails after a while */
  waitFor(pattern: string | RegExp, from?: number): Promise<number>;
  send(keys: string): void;
  exited: Promise<number>;
  kill(): void;
}

export function startPty(
  args: readonly string[],
  opts: { cols?: number; rows?: number; cwd: string; env?: Record<string, string>; file?: string },
): PtySession {
  const file = opts.file ?? process.execPath;
  const argv = opts.file ? [...args] : [BIN, ...args];
  const proc = pty.spawn(file, argv, {
    name: 'xterm-256color',
    cols: opts.cols ?? 80,
    rows: opts.rows ?? 30,
    cwd: opts.cwd,
    env: childEnv({ TERM: 'xterm-256color', ...opts.env }) as Record<string, string>,
  });
  let raw = '';
  const listeners = new Set<() => void>();
  proc.onData((d) => {
    raw += d;
    for (const l of listeners) l();
  });
  const exited = new Promise<number>((resolve) => proc.onExit(({ exitCode }) => resolve(exitCode)));
  const text = () => raw.replace(ANSI, '').replace(/\r/g, '');
  return {
    text,
    raw: () => raw,
    send: (keys) => proc.write(keys),
    kill: () => proc.kill(),
    exited,
    waitFor(pattern, from = 0) {
      const find = () => {
        const t = text().slice(from);
        const i = typeof pattern === 'string' ? t.indexOf(pattern) : t.search(pattern);
        return i < 0 ? -1 : from + i;
      };
      return new Promise<number>((resolve, reject) => {
        const check = () => {
          const i = find();
          if (i >= 0) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(i + (typeof pattern === 'string' ? pattern.length : 1));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)}; screen so far:\n${text().slice(from)}`));
        }, 15_000);
        listeners.add(check);
        check();
      });
    },
  };
}
