/**
 * Interactive prompts (SPEC §1: @inquirer/prompts), behind small functions so that the rest of the
 * CLI never sees inquirer and Ctrl-C means the same everywhere: CancelledError (exit 130, answers
 * already given stay saved). A time limit or Escape ends a prompt with `null` instead.
 */
import { checkbox, confirm, editor, input, select } from '@inquirer/prompts';
import { CancelledError } from '../errors.js';
import type { TtyStreams } from './terminal.js';

export interface PromptOptions {
  /** give up after this many milliseconds (the answer is then null) */
  timeoutMs?: number;
}

async function run<T>(streams: TtyStreams, opts: PromptOptions, ask: (context: object) => Promise<T>): Promise<T | null> {
  const controller = new AbortController();
  const onKey = (data: Buffer | string) => {
    if (data.toString() === '\u001b') controller.abort();
  };
  const timer = opts.timeoutMs ? setTimeout(() => controller.abort(), opts.timeoutMs) : null;
  streams.input.on('data', onKey);
  try {
    return await ask({ input: streams.input, output: streams.output, signal: controller.signal, clearPromptOnDone: false });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'ExitPromptError') throw new CancelledError();
    if (name === 'AbortPromptError' || name === 'CancelPromptError') return null;
    throw err;
  } finally {
    if (timer) clearTimeout(timer);
    streams.input.off('data', onKey);
  }
}

/** A line of text; null on Escape or when the time is up. */
export function askLine(message: string, streams: TtyStreams, opts: PromptOptions = {}): Promise<string | null> {
  return run(streams, opts, (context) => input({ message, theme: { prefix: '' } }, context));
}

export async function askConfirm(message: string, streams: TtyStreams, defaultValue = false): Promise<boolean> {
  return (await run(streams, {}, (context) => confirm({ message, default: defaultValue, theme: { prefix: '' } }, context))) ?? false;
}

/** Several lines of text in the person's editor ($VISUAL/$EDITOR); null when cancelled. */
export function askInEditor(message: string, streams: TtyStreams): Promise<string | null> {
  return run(streams, {}, (context) => editor({ message, theme: { prefix: '' }, waitForUserInput: false }, context));
}

/** Tick boxes, some ticked already; the ticked indexes, or null. */
export function askChecks(message: string, items: readonly { name: string; checked: boolean }[], streams: TtyStreams): Promise<number[] | null> {
  return run(streams, {}, (context) =>
    checkbox(
      {
        message,
        theme: { prefix: '' },
        choices: items.map((it, value) => ({ name: it.name, value, checked: it.checked })),
        // Every point at once, however many lines each takes, and no wrapping round (issue 14).
        pageSize: Math.max(
          4,
          items.reduce((n, it) => n + it.name.split('\n').length, 0),
        ),
        loop: false,
      },
      context,
    ),
  );
}

/** One of the choices with a preselected default; its index, or null. */
export function askChoiceWithDefault(message: string, choices: readonly string[], defaultIndex: number, streams: TtyStreams): Promise<number | null> {
  return run(streams, {}, (context) =>
    select({ message, theme: { prefix: '' }, default: defaultIndex, choices: choices.map((name, value) => ({ name, value })) }, context),
  );
}
