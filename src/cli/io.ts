/**
 * The terminal as the CLI sees it: where data goes (stdout), where messages for people go
 * (stderr), and what the terminal can do. main.ts supplies the real one; tests a fake.
 */
import { jsonSafe } from './safe-output.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal */
  isTTY: boolean;
  /** stdin is a terminal (interactive commands need it) */
  stdinIsTTY: boolean;
  /** stderr is a terminal (progress bars) */
  stderrIsTTY: boolean;
  /** width of the terminal, or 80 */
  columns: number;
  /** the program's own terminal controls on stderr (a progress bar's redraw), past the output filter */
  control?(text: string): void;
}

/** Print a value as JSON, the --json form of every command (with terminal-unsafe characters escaped). */
export function printJson(io: Io, value: unknown): void {
  io.out(`${jsonSafe(JSON.stringify(value, null, 2))}\n`);
}
