/**
 * The quiz's own prompts (issue 14): options word-wrapped by display width, a countdown that ticks
 * while the person thinks, single keys after the feedback. Inquirer's prompts redraw only on a key
 * press and break lines themselves, so a quiz question is drawn here, on the raw terminal.
 */
import { createInterface } from 'node:readline';
import { CancelledError } from '../errors.js';
import { formatClock } from './multiline.js';
import { wrap } from './render/layout.js';
import type { Terminal, TtyStreams } from './terminal.js';

/** How a prompt ended: an index or text, the time running out, or Escape (leave the quiz). */
export type Asked<T> = { value: T } | { timeUp: true } | { left: true };

export interface Clock {
  /** milliseconds since some fixed moment */
  elapsed: () => number;
  /** the time allowed, in milliseconds; none means no countdown */
  limitMs?: number;
}

const TICK_MS = 1000;
const ERASE_DOWN = '\u001b[J';
const up = (n: number) => (n > 0 ? `\u001b[${n}F` : '\r');

/** "⏱ 0:17 left", for the line under a question. */
export function countdownText(msLeft: number): string {
  return `⏱ ${formatClock(msLeft)} left`;
}

/**
 * Pick one of `options` with ↑/↓ (or j/k), a letter (or t/f for true/false), Enter to choose.
 * Each option is wrapped under its label; a countdown line ticks below when there is a limit.
 */
export async function chooseOption(t: Terminal, labels: readonly string[], options: readonly string[], clock: Clock, initial = 0): Promise<Asked<number>> {
  const deadline = clock.limitMs ? clock.elapsed() + clock.limitMs : null;
  let at = initial;
  let height = 0;
  const draw = (final = false) => {
    const width = t.columns();
    const lines: string[] = [];
    options.forEach((o, i) => {
      const label = `${labels[i]}) `;
      const pad = ' '.repeat(label.length + 2);
      const [first = '', ...rest] = wrap(o, Math.max(12, width - pad.length - 1));
      const mark = i === at ? (final ? '✔ ' : '❯ ') : '  ';
      if (final && i !== at) return;
      lines.push(`${mark}${label}${first}`, ...rest.map((r) => `${pad}${r}`));
    });
    if (deadline !== null && !final) lines.push(`  ${countdownText(deadline - clock.elapsed())}`);
    t.write(`${up(height - 1)}${ERASE_DOWN}${lines.join('\n')}`);
    height = lines.length;
  };
  draw();
  for (;;) {
    const left = deadline === null ? null : deadline - clock.elapsed();
    if (left !== null && left <= 0) {
      t.write('\n');
      return { timeUp: true };
    }
    const key = await nextKey(t, left === null ? null : Math.min(TICK_MS, left));
    if (key === null) {
      draw();
      continue;
    }
    if (key.ctrl && key.name === 'c') {
      t.write('\n');
      throw new CancelledError();
    }
    if (key.name === 'escape') {
      t.write('\n');
      return { left: true };
    }
    if (key.name === 'enter' || key.name === 'space') {
      draw(true);
      t.write('\n');
      return { value: at };
    }
    if (key.name === 'up' || key.name === 'k') at = (at + options.length - 1) % options.length;
    else if (key.name === 'down' || key.name === 'j') at = (at + 1) % options.length;
    else {
      // A letter picks its option: A-D, or t/f for true/false.
      const starting = labels.flatMap((l, i) => (key.name.length === 1 && l.toLowerCase().startsWith(key.name) ? [i] : []));
      if (starting.length === 1) at = starting[0]!;
    }
    draw();
  }
}

/** The next key, or null when `timeoutMs` passes first (a key pressed later still reaches the next read). */
function nextKey(t: Terminal, timeoutMs: number | null): Promise<{ name: string; ctrl: boolean } | null> {
  if (timeoutMs === null) return t.readKey();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), Math.max(1, timeoutMs));
    void t.readKey().then((k) => {
      clearTimeout(timer);
      resolve(k);
    });
  });
}

/**
 * A line of text with readline's editing, the prompt showing the time left and ticking. Ctrl-C
 * throws CancelledError (with what was typed so far).
 */
export function askTimedLine(streams: TtyStreams, label: string, clock: Clock): Promise<Asked<string>> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: streams.input, output: streams.output, terminal: true });
    const deadline = clock.limitMs ? clock.elapsed() + clock.limitMs : null;
    const promptText = () => (deadline === null ? `${label} ` : `${label} [${formatClock(deadline - clock.elapsed())}] `);
    let settled = false;
    const finish = (result: Asked<string> | Error) => {
      if (settled) return;
      settled = true;
      if (ticker) clearInterval(ticker);
      rl.close();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const ticker =
      deadline === null
        ? null
        : setInterval(() => {
            if (deadline - clock.elapsed() <= 0) {
              streams.output.write('\n');
              const typed = (rl as unknown as { line?: string }).line ?? '';
              return finish(typed.trim() ? { value: typed } : { timeUp: true });
            }
            rl.setPrompt(promptText());
            rl.prompt(true);
          }, TICK_MS);
    rl.on('line', (line) => finish({ value: line }));
    rl.on('SIGINT', () => {
      streams.output.write('\n');
      finish(new CancelledError());
    });
    rl.on('close', () => finish({ left: true }));
    rl.setPrompt(promptText());
    rl.prompt();
  });
}

/** Wait for one key: the name of the key pressed. Ctrl-C throws CancelledError. */
export async function waitKey(t: Terminal): Promise<string> {
  const key = await t.readKey();
  if (key.ctrl && key.name === 'c') throw new CancelledError();
  return key.name;
}
