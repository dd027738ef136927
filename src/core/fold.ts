/**
 * Text folding for matching: Unicode NFKC (which also turns full-width letters and digits into
 * half-width ones), lower case, and runs of white space as one space.
 */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
