/**
 * Interactive prompts (SPEC §1: @inquirer/prompts), behind small functions so that the rest of the
 * CLI never sees inquirer and Ctrl-C means the same everywhere. Loaded only by the commands that
 * prompt (review --type, quiz, interview).
 */
import { input } from '@inquirer/prompts';
import type { TtyStreams } from './terminal.js';

/** A line of text; null when the person pressed Ctrl-C or Escape. */
export async function askLine(message: string, streams: TtyStreams): Promise<string | null> {
  const controller = new AbortController();
  const onKey = (data: Buffer | string) => {
    if (data.toString() === '\u001b') controller.abort();
  };
  streams.input.on('data', onKey);
  try {
    return await input({ message, theme: { prefix: '' } }, { input: streams.input, output: streams.output, signal: controller.signal, clearPromptOnDone: false });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError') return null;
    throw err;
  } finally {
    streams.input.off('data', onKey);
  }
}
