/**
 * Text folding for matching: Unicode NFKC (which also turns full-width letters and digits into
 * half-width ones), lower case, and runs of white space as one space.
 */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(SPACE_TO_FOLD, ' ').trim();
}

/**
 * White space that folding changes: a run of two or more, or one that is not a plain space. (The
 * same result as replacing every run of \s with a space, but text with single spaces only, the
 * usual case, is left as it is without being copied.)
 */
const SPACE_TO_FOLD = /\s{2,}|[^\S ]/g;
