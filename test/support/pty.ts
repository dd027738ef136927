/**
 * Driving the CLI in a real pseudo-terminal, the way a person types at it.
 */
import pty from 'node-pty';
import { BIN } from './home.js';
import { childEnv } from './run.js';

// The terminal emulator that reads the screen back (a devDependency since issue 13): a checkout whose
// node_modules predates it still runs the tests that only read the printed text.
const xterm = await import('@xterm/headless').then(
  (m) => m.default,
  () => null,
);

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-Za-z]|\u001b[=>]/g;

export interface PtySession {
  /** everything printed so far, without escape sequences */
  text(): string;
  /** everything printed so far, as sent */
  raw(): string;
  /** resolves when `pattern` has appeared after `from` (a text offset), else fails after a while */
  waitFor(pattern: string | RegExp, from?: number): Promise<number>;
  send(keys: string): void;
  /** resize the pseudo-terminal (SIGWINCH) and the emulated screen with it */
  resize(cols: number, rows: number): void;
  /**
   * What a terminal shows now (an xterm emulator fed everything printed): its rows, right-trimmed,
   * and which buffer is showing (the alternate screen of a full-screen program, or the normal one).
   */
  screen(): Promise<{ rows: string[]; alternate: boolean; scrollback: string[] }>;
  /** resolves when the emulated screen matches `pattern`, else fails after a while */
  waitForScreen(pattern: string | RegExp): Promise<string[]>;
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
  const emulator = xterm ? new xterm.Terminal({ cols: opts.cols ?? 80, rows: opts.rows ?? 30, allowProposedApi: true, scrollback: 1000 }) : null;
  const fed = (d: string, then: () => void) => (emulator ? emulator.write(d, then) : then());
  proc.onData((d) => {
    raw += d;
    fed(d, () => {
      for (const l of listeners) l();
    });
  });
  const screenNow = () => {
    if (!emulator) throw new Error('reading the screen needs @xterm/headless: run npm ci');
    const b = emulator.buffer.active;
    const line = (y: number) => (b.getLine(y)?.translateToString(true, 0, emulator.cols) ?? '').trimEnd();
    return {
      rows: Array.from({ length: emulator.rows }, (_, i) => line(b.baseY + i)),
      alternate: b.type === 'alternate',
      scrollback: Array.from({ length: b.baseY }, (_, i) => line(i)),
    };
  };
  const exited = new Promise<number>((resolve) => proc.onExit(({ exitCode }) => resolve(exitCode)));
  const text = () => raw.replace(ANSI, '').replace(/\r/g, '');
  return {
    text,
    raw: () => raw,
    send: (keys) => proc.write(keys),
    resize(cols, rows) {
      emulator?.resize(cols, rows);
      proc.resize(cols, rows);
    },
    screen: () =>
      new Promise((resolve, reject) =>
        fed('', () => (emulator ? resolve(screenNow()) : reject(new Error('reading the screen needs @xterm/headless: run npm ci')))),
      ),
    waitForScreen(pattern) {
      const matches = () => {
        const t = screenNow().rows.join('\n');
        return typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t);
      };
      return new Promise<string[]>((resolve, reject) => {
        const check = () => {
          if (!matches()) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(screenNow().rows);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${String(pattern)} on screen; it shows:\n${screenNow().rows.join('\n')}`));
        }, 15_000);
        listeners.add(check);
        fed('', check);
      });
    },
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
