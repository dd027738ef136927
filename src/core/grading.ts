/**
 * Grading a typed answer against the expected answer and its aliases: compared after Unicode NFKC
 * (full-width letters become half-width), case folding, and with punctuation and spacing ignored;
 * small typos are accepted in proportion to the answer's length, none in short ones ("SFT" is not
 * "RFT"). A Chinese answer is also accepted in toneless pinyin, given a converter (pinyin-pro is
 * heavy, so the caller loads it only when a Latin reply meets a Chinese answer).
 */
import { distance } from 'fastest-levenshtein';

export type Verdict = 'exact' | 'close' | 'wrong';

export interface TypedGrade {
  verdict: Verdict;
  /** the expected answer (or alias) the reply came closest to */
  closest: string;
  /** edits between the folded reply and that answer */
  edits: number;
  /** a long answer, graded by its key words (core/keypoints.ts gradeReply): those found, those missed, how many make it right */
  keywords?: { matched: string[]; missed: string[]; needed: number };
}

/** The comparable form of an answer: NFKC, lower case, no punctuation, symbols or spaces. */
export function foldAnswer(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, '');
}

/** Typos accepted for an answer of this many characters (after folding). */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  if (length <= 16) return 2;
  return Math.floor(length / 8);
}

export type ToPinyin = (chinese: string) => string;

const CJK = /[\u3400-\u9fff]/;

/** Whether grading this reply could use pinyin: a reply without Chinese, an answer with it. */
export function needsPinyin(given: string, accepted: readonly string[]): boolean {
  return !CJK.test(given) && /[a-z]/i.test(given) && accepted.some((a) => CJK.test(a));
}

/** Grade a reply against every accepted answer (and their pinyin, if given); the best match decides. */
export function gradeTyped(given: string, accepted: readonly string[], toPinyin?: ToPinyin): TypedGrade {
  const reply = foldAnswer(given);
  let best: TypedGrade = { verdict: 'wrong', closest: accepted[0] ?? '', edits: Number.POSITIVE_INFINITY };
  if (!reply) return best;
  const targets = accepted.flatMap((a) =>
    toPinyin && CJK.test(a) && !CJK.test(reply) ? [[a, foldAnswer(toPinyin(a))] as const, [a, foldAnswer(a)] as const] : [[a, foldAnswer(a)] as const],
  );
  for (const [answer, target] of targets) {
    if (!target) continue;
    const edits = reply === target ? 0 : distance(reply, target);
    const verdict: Verdict = edits === 0 ? 'exact' : edits <= allowedEdits([...target].length) ? 'close' : 'wrong';
    if (edits < best.edits) best = { verdict, closest: answer, edits };
    if (verdict === 'exact') break;
  }
  return best;
}
