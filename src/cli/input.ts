/**
 * Text a command reads from the user's files or standard input (`--answers FILE|-`).
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';

/** The whole of FILE, or of standard input for `-`. Throws UserError naming a file it cannot read. */
export async function readTextInput(path: string, stdin: NodeJS.ReadStream): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/** One answer per line (a final newline does not make an extra empty answer; CR LF is fine). */
export function answerLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
