/**
 * Cloze gaps: `{{answer}}` (numbered in order of appearance) and `{{c2::answer}}` or
 * `{{c2::answer::hint}}` (Anki's syntax). A small scanner rather than a regex so that unclosed,
 * empty and nested gaps are reported where they are.
 */

export interface Gap {
  /** gap number: the N of cN */
  n: number;
  answer: string;
  hint?: string;
  /** offset of the opening `{{` in the source */
  offset: number;
  /** whether the number was written (`c2::`) or assigned by position */
  explicit: boolean;
}

export type Segment = string | Gap;

export interface ClozeProblem {
  offset: number;
  message: string;
}

export interface ParsedCloze {
  segments: Segment[];
  problems: ClozeProblem[];
}

const NUMBERED = /^c(\d+)::/;

/** Split cloze text into literal segments and gaps. Never throws: problems are returned. */
export function parseCloze(text: string): ParsedCloze {
  const segments: Segment[] = [];
  const problems: ClozeProblem[] = [];
  let plainCount = 0;
  let i = 0;
  let literal = '';
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, open);
    const close = text.indexOf('}}', open + 2);
    const nested = text.indexOf('{{', open + 2);
    if (close < 0) {
      problems.push({ offset: open, message: 'cloze gap "{{" is never closed with "}}"' });
      literal += text.slice(open);
      break;
    }
    if (nested >= 0 && nested < close) {
      problems.push({ offset: nested, message: 'cloze gaps cannot be nested' });
      literal += text.slice(open, close + 2);
      i = close + 2;
      continue;
    }
    let body = text.slice(open + 2, close);
    let n: number;
    let explicit = false;
    const m = NUMBERED.exec(body);
    if (m) {
      n = Number(m[1]);
      explicit = true;
      body = body.slice(m[0].length);
      if (n < 1) problems.push({ offset: open, message: `cloze gap number c${m[1]} must be c1 or more` });
    } else {
      n = ++plainCount;
    }
    const sep = body.indexOf('::');
    const answer = (sep >= 0 ? body.slice(0, sep) : body).trim();
    const hint = sep >= 0 ? body.slice(sep + 2).trim() : undefined;
    if (answer.length === 0) {
      problems.push({ offset: open, message: 'cloze gap is empty' });
      literal += text.slice(open, close + 2);
      i = close + 2;
      continue;
    }
    if (literal) segments.push(literal);
    literal = '';
    segments.push(hint ? { n, answer, hint, offset: open, explicit } : { n, answer, offset: open, explicit });
    i = close + 2;
  }
  if (literal) segments.push(literal);
  return { segments, problems };
}

/** The distinct gap numbers of a cloze text, ascending. */
export function gapNumbers(text: string): number[] {
  const nums = new Set<number>();
  for (const s of parseCloze(text).segments) if (typeof s !== 'string') nums.add(s.n);
  return [...nums].sort((a, b) => a - b);
}

/** The answers of gap `n`, in order (a gap number may appear more than once). */
export function gapAnswers(text: string, n: number): string[] {
  return parseCloze(text)
    .segments.filter((s): s is Gap => typeof s !== 'string' && s.n === n)
    .map((g) => g.answer);
}

export interface ClozeMarks {
  /** how the hidden gap looks on the front, given its hint */
  hidden: (hint: string | undefined) => string;
  /** how the answer of the asked gap looks on the back */
  revealed: (answer: string) => string;
}

export const PLAIN_MARKS: ClozeMarks = {
  hidden: (hint) => `[${hint ?? '...'}]`,
  revealed: (answer) => answer,
};

/** The front of card cN: gap N hidden, the other gaps shown as their answers. */
export function clozeFront(text: string, n: number, marks: ClozeMarks = PLAIN_MARKS): string {
  return parseCloze(text)
    .segments.map((s) => (typeof s === 'string' ? s : s.n === n ? marks.hidden(s.hint) : s.answer))
    .join('');
}

/** The back of card cN: the whole text with gap N's answer marked. */
export function clozeBack(text: string, n: number, marks: ClozeMarks = PLAIN_MARKS): string {
  return parseCloze(text)
    .segments.map((s) => (typeof s === 'string' ? s : s.n === n ? marks.revealed(s.answer) : s.answer))
    .join('');
}

/** The text with every gap filled in (for search and export). */
export function clozePlain(text: string): string {
  return parseCloze(text)
    .segments.map((s) => (typeof s === 'string' ? s : s.answer))
    .join('');
}
