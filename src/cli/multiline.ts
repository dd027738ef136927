/**
 * A multi-line answer typed at the terminal (interview mode): lines until an empty one, with the
 * time left shown at each line, and the answer taken as it stands when the time runs out.
 */
import { createInterface } from 'node:readline';
import { CancelledError } from '../errors.js';
import type { TtyStreams } from './terminal.js';

export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Read lines until an empty line (or the time is up); Ctrl-C throws CancelledError. */
export function readAnswer(streams: TtyStreams, timeLeft: () => number): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: streams.input, output: streams.output, terminal: true });
    const lines: string[] = [];
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(ticker);
      rl.close();
      if (err) reject(err);
      else resolve(lines.join('\n'));
    };
    const prompt = () => {
      rl.setPrompt(`[${formatClock(timeLeft())}] > `);
      rl.prompt();
    };
    // The clock in the prompt ticks while the person types (issue 14), not only at each Enter.
    const ticker = setInterval(() => {
      rl.setPrompt(`[${formatClock(timeLeft())}] > `);
      rl.prompt(true);
    }, 1000);
    const timer = setTimeout(
      () => {
        streams.output.write('\n(time is up)\n');
        const partial = (rl as unknown as { line?: string }).line;
        if (partial) lines.push(partial);
        finish();
      },
      Math.max(0, timeLeft()),
    );
    rl.on('line', (line) => {
      if (line.trim() === '' && lines.length > 0) return finish();
      if (line.trim() !== '') lines.push(line);
      prompt();
    });
    rl.on('SIGINT', () => {
      // What was typed so far is kept: an interview ended with Ctrl-C saves it.
      const partial = (rl as unknown as { line?: string }).line;
      if (partial?.trim()) lines.push(partial);
      streams.output.write('\n');
      finish(Object.assign(new CancelledError(), { partial: lines.join('\n') }));
    });
    rl.on('close', () => finish());
    prompt();
  });
}
