/**
 * The terminal as the CLI sees it: where data goes (stdout), where messages for people go
 * (stderr), and what the terminal can do. main.ts supplies the real one; tests a fake.
 */
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
}

/** Print a value as JSON, the --json form of every command. */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
