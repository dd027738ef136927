/**
 * The error vocabulary of llmcards and the one mapping from error to exit code (SPEC §4):
 * 0 done, 1 the command could not do what was asked, 2 usage error, 130 cancelled at a prompt.
 * Messages are user-facing sentences: lower-case, no trailing period, naming the file:line:col,
 * key or value at fault.
 */

export interface Location {
  file: string;
  line: number;
  col: number;
}

/** The command could not do what was asked (exit 1): bad deck, unknown card, bad setting… */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly at?: Location,
  ) {
    super(at ? `${at.file}:${at.line}:${at.col}: ${message}` : message);
  }
}

/** The command line itself is wrong (exit 2): unknown option, malformed value, no terminal. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    /** the command whose --help the user should read, when known */
    readonly command?: string,
  ) {
    super(message);
  }
}

/** The person pressed Ctrl-C at a prompt; answers already given stay committed. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}

/** Another process answered this card after it was shown (SPEC §7): the answer is not recorded. */
export class CardChangedError extends UserError {
  override name = 'CardChangedError';
  constructor(readonly card: string) {
    super(`card ${card} was answered by another process since it was shown; this answer was not recorded`);
  }
}

/** Exit code for anything thrown out of a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError) return 2;
  if (err instanceof CancelledError) return 130;
  return 1;
}
