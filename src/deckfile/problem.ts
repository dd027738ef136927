/**
 * A located problem in a deck file: the value `parseDeck` and `lint` return, never an exception,
 * so that a sync can report a file and skip it (SPEC §7).
 */
export type Severity = 'error' | 'warning';

/**
 * What kind of problem it is, for the code that acts on problems (the message is for people and may
 * change). `deck-name-taken`: the file's deck name belongs to another file, so the problem depends
 * on that other file too, and a sync reads this one again whenever deck files change.
 */
export type ProblemCode = 'deck-name-taken';

export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  message: string;
  code?: ProblemCode;
}

/** A file's deck name is already the deck of another file (`owner`): only one of them is loaded. */
export function deckNameTaken(file: string, deck: string, owner: string, hint = ''): Problem {
  return { file, line: 1, col: 1, severity: 'error', code: 'deck-name-taken', message: `deck name "${deck}" is already used by ${owner}${hint}` };
}

/** `file:line:col: severity: message`, the format of `llmcards lint` (SPEC §4). */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Errors first by position, then warnings by position. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
