/**
 * Grading a typed answer against the expected answer and its aliases: compared after Unicode NFKC
 * (full-width letters become half-width), case folding, and with punctuation and spacing ignored;
 * small typos are accepted in proportion to the answer's length, none in short ones ("SFT" is not
 * "RFT").
 */
import { distance } from 'fastest-levenshtein';

export type Verdict = 'exact' | 'close' | 'wrong';

export interface TypedGrade {
  verdict: Verdict;
  /** the expected answer (or alias) the reply came closest to */
  closest: string;
  /** edits between the folded reply and that answer */
  edits: number;
}

/** The comparable form of an answer: NFKC, lower case, no punctuation, symbols or spaces. */
export function foldAnswer(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, '');
}

/** Typos accepted for an answer of this many characters (after folding). */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  if (length <= 16) return 2;
  return Math.floor(length / 8);
}

/** Grade a reply against every accepted answer; the best match decides. */
export function gradeTyped(given: string, accepted: readonly string[]): TypedGrade {
  const reply = foldAnswer(given);
  let best: TypedGrade = { verdict: 'wrong', closest: accepted[0] ?? '', edits: Number.POSITIVE_INFINITY };
  if (!reply) return best;
  for (const answer of accepted) {
    const target = foldAnswer(answer);
    if (!target) continue;
    const edits = reply === target ? 0 : distance(reply, target);
    const verdict: Verdict = edits === 0 ? 'exact' : edits <= allowedEdits([...target].length) ? 'close' : 'wrong';
    if (edits < best.edits) best = { verdict, closest: answer, edits };
    if (verdict === 'exact') break;
  }
  return best;
}
