import { describe, expect, it } from 'vitest';
import { clozeBack, clozeFront, gapAnswers, gapNumbers, parseCloze } from '../../src/core/cloze.js';

describe('parseCloze', () => {
  it.each([
    // text                                 gap numbers   problems
    ['{{a}} and {{b}}', [1, 2], []],
    ['{{c2::a}} and {{c1::b}}', [1, 2], []],
    ['{{c1::a}} and {{c1::b}}', [1], []],
    ['{{c1::answer::hint}}', [1], []],
    ['no gaps', [], []],
    ['{{}}', [], ['cloze gap is empty']],
    ['{{ unclosed', [], ['cloze gap "{{" is never closed with "}}"']],
    ['{{a {{b}} c}}', [], ['cloze gaps cannot be nested']],
    ['{{c0::zero}}', [0], ['cloze gap number c0 must be c1 or more']],
  ] as const)('%s', (text, numbers, problems) => {
    const parsed = parseCloze(text);
    expect(gapNumbers(text)).toEqual(numbers);
    expect(parsed.problems.map((p) => p.message)).toEqual(problems);
  });

  it('keeps the offset of each gap for error positions', () => {
    expect(parseCloze('ab {{}}').problems[0]!.offset).toBe(3);
  });
});

describe('cloze faces', () => {
  const text = 'GPT-1 has {{c1::117 million}} parameters and was released in {{c2::2018::year}}.';
  it('hides the asked gap and shows the others', () => {
    expect(clozeFront(text, 1)).toBe('GPT-1 has [...] parameters and was released in 2018.');
    expect(clozeFront(text, 2)).toBe('GPT-1 has 117 million parameters and was released in [year].');
  });
  it('fills every gap on the back, marking the asked one', () => {
    expect(clozeBack(text, 2, { hidden: () => '', revealed: (a) => `*${a}*` })).toBe('GPT-1 has 117 million parameters and was released in *2018*.');
  });
  it('lists the answers of a gap', () => {
    expect(gapAnswers('{{c1::a}} {{c2::b}} {{c1::c}}', 1)).toEqual(['a', 'c']);
  });
});
