/**
 * The terminal for the interactive review: single key presses in raw mode (no Enter, no menus),
 * the width, resizes, and a guaranteed way back to a sane terminal (raw mode off, cursor shown)
 * however the session ends.
 */

export interface Key {
  /** `a`, `3`, `space`, `enter`, `escape`, `up`, `backspace`, … */
  name: string;
  ctrl: boolean;
}

export interface Terminal {
  columns(): number;
  /** the terminal's height in rows (24 when it does not say) */
  rows(): number;
  write(text: string): void;
  /** The next key press. */
  readKey(): Promise<Key>;
  /** Call `onResize` when the window changes size; returns the unsubscribe function. */
  onResize(cb: () => void): () => void;
  /**
   * Run `fn` with the terminal in its normal (cooked) mode: an editor, a line prompt. In the full
   * screen, the normal screen comes back for `fn` (an editor draws its own) unless `keepScreen`.
   */
  cooked<T>(fn: () => Promise<T>, opts?: { keepScreen?: boolean }): Promise<T>;
  /** Switch to the alternate screen (the normal one, with its scrollback, comes back on close). */
  enterFullScreen(): void;
  /** Restore the terminal (the normal screen, raw mode off, the cursor). Safe to call twice. */
  close(): void;
}

export interface TtyStreams {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';
const ALT_SCREEN_ON = '\u001b[?1049h';
const ALT_SCREEN_OFF = '\u001b[?1049l';

const SEQUENCES: Record<string, string> = {
  '\u001b[A': 'up',
  '\u001b[B': 'down',
  '\u001b[C': 'right',
  '\u001b[D': 'left',
  '\u001bOA': 'up',
  '\u001bOB': 'down',
  '\u001bOC': 'right',
  '\u001bOD': 'left',
  '\u001b[5~': 'pageup',
  '\u001b[6~': 'pagedown',
  '\u001b[H': 'home',
  '\u001b[F': 'end',
  '\u001b[1~': 'home',
  '\u001b[4~': 'end',
};

/** Split what the terminal sent into key presses (several may arrive at once). */
export function decodeKeys(data: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < data.length) {
    const rest = data.slice(i);
    const seq = Object.keys(SEQUENCES).find((s) => rest.startsWith(s));
    if (seq) {
      keys.push({ name: SEQUENCES[seq]!, ctrl: false });
      i += seq.length;
      continue;
    }
    if (rest.startsWith('\u001b[')) {
      // Another CSI sequence (function keys…): skip it whole.
      const m = /^\u001b\[[0-?]*[ -/]*[@-~]/.exec(rest);
      i += m ? m[0].length : 2;
      continue;
    }
    if (rest.startsWith('\u001bO') && rest.length >= 3) {
      i += 3; // F1-F4 and keypad keys (SS3): nothing to do
      continue;
    }
    if (rest.startsWith('\u001b') && rest.length >= 2) {
      i += 1 + String.fromCodePoint(rest.codePointAt(1)!).length; // Alt+key: not one of ours
      continue;
    }
    const ch = String.fromCodePoint(rest.codePointAt(0)!);
    i += ch.length;
    const code = ch.codePointAt(0)!;
    if (ch === '\r' || ch === '\n') keys.push({ name: 'enter', ctrl: false });
    else if (ch === ' ') keys.push({ name: 'space', ctrl: false });
    else if (ch === '\u001b') keys.push({ name: 'escape', ctrl: false });
    else if (ch === '\u007f' || ch === '\b') keys.push({ name: 'backspace', ctrl: false });
    else if (code < 27) keys.push({ name: String.fromCharCode(code + 96), ctrl: true });
    else keys.push({ name: ch.toLowerCase(), ctrl: false });
  }
  return keys;
}

export function openTerminal({ input, output }: TtyStreams): Terminal {
  const pending: Key[] = [];
  let waiting: ((k: Key) => void) | null = null;
  let closed = false;
  let fullScreen = false;
  const onData = (data: Buffer | string) => {
    for (const key of decodeKeys(data.toString())) {
      if (waiting) {
        const w = waiting;
        waiting = null;
        w(key);
      } else pending.push(key);
    }
  };
  const raw = (on: boolean) => {
    if (input.isTTY) input.setRawMode(on);
  };
  const restore = () => {
    raw(false);
    output.write(SHOW_CURSOR);
  };
  const leaveFullScreen = () => {
    if (fullScreen) output.write(ALT_SCREEN_OFF);
  };
  // A terminal left in raw mode (or on the alternate screen) is unusable: restore it on the way
  // out, whatever the way.
  const onExit = () => {
    leaveFullScreen();
    restore();
  };
  process.once('exit', onExit);

  raw(true);
  input.setEncoding('utf8');
  input.on('data', onData);
  input.resume();
  output.write(HIDE_CURSOR);

  return {
    columns: () => Math.max(20, output.columns || 80),
    rows: () => output.rows || 24,
    write: (text) => void output.write(text),
    readKey: () =>
      new Promise<Key>((resolve) => {
        const next = pending.shift();
        if (next) resolve(next);
        else waiting = resolve;
      }),
    onResize(cb) {
      output.on('resize', cb);
      return () => void output.off('resize', cb);
    },
    async cooked<T>(fn: () => Promise<T>, opts: { keepScreen?: boolean } = {}): Promise<T> {
      const leave = fullScreen && !opts.keepScreen;
      input.off('data', onData);
      input.pause();
      if (leave) output.write(ALT_SCREEN_OFF);
      restore();
      try {
        return await fn();
      } finally {
        raw(true);
        output.write(leave ? ALT_SCREEN_ON + HIDE_CURSOR : HIDE_CURSOR);
        input.on('data', onData);
        input.resume();
      }
    },
    enterFullScreen() {
      if (fullScreen) return;
      fullScreen = true;
      output.write(ALT_SCREEN_ON + HIDE_CURSOR);
    },
    close() {
      if (closed) return;
      closed = true;
      input.off('data', onData);
      input.pause();
      leaveFullScreen();
      fullScreen = false;
      restore();
      process.off('exit', onExit);
    },
  };
}
