/**
 * A located problem in a deck file: the value `parseDeck` and `lint` return, never an exception,
 * so that a sync can report a file and skip it (SPEC §7).
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  message: string;
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
