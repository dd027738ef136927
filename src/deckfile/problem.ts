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
  /** set on the line that closes a capped list: how many more problems the file has */
  omitted?: number;
  code?: ProblemCode;
}

/**
 * A file reports at most this many problems, then how many more it has: a generated file with a
 * third of a million mistakes must not take gigabytes to list, nor megabytes to remember.
 */
export const MAX_PROBLEMS_PER_FILE = 100;

/** The line that stands for `count` problems left out, at `at` (where the first of them is). */
export function omittedProblems(file: string, at: { line: number; col: number }, count: number, anyError: boolean): Problem {
  return {
    file,
    ...at,
    severity: anyError ? 'error' : 'warning',
    message: `${count} more problem${count === 1 ? '' : 's'} in this file not listed; fix these first`,
    omitted: count,
  };
}

/** A file's problems in order, the first MAX_PROBLEMS_PER_FILE of them and one line counting the rest. */
export function capProblems(problems: readonly Problem[], max = MAX_PROBLEMS_PER_FILE): Problem[] {
  const kept: Problem[] = [];
  let omitted = 0;
  let anyError = false;
  let at: Problem | undefined;
  for (const p of problems) if (!p.omitted) kept.push(p);
  sortProblems(kept);
  for (const p of [...kept.splice(max), ...problems.filter((q) => q.omitted)]) {
    omitted += p.omitted ?? 1;
    anyError ||= p.severity === 'error';
    if (!at || p.line < at.line || (p.line === at.line && p.col < at.col)) at = p;
  }
  if (at) kept.push(omittedProblems(at.file, at, omitted, anyError));
  return kept;
}

/** A file's deck name is already the deck of another file (`owner`): only one of them is loaded. */
export function deckNameTaken(file: string, deck: string, owner: string, hint = ''): Problem {
  return { file, line: 1, col: 1, severity: 'error', code: 'deck-name-taken', message: `deck name "${deck}" is already used by ${owner}${hint}` };
}

/** `file:line:col: severity: message`, the format of `llmcards lint` (SPEC §4). */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`;
}

/** How many errors and warnings a list stands for, counting the ones a capped list left out. */
export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const p of problems) {
    if (p.severity === 'error') errors += p.omitted ?? 1;
    else warnings += p.omitted ?? 1;
  }
  return { errors, warnings };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Errors first by position, then warnings by position. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
