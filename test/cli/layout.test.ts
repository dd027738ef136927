import stringWidth from 'string-width';
import { expect, it } from 'vitest';
import { padEnd, table, truncate, width, wrap } from '../../src/cli/render/layout.js';

it.each(['abc', '指令微调', 'ＲＬＨＦ', 'café', 'cafe\u0301', '😀 ok', '✓ done', '\u001b[31mred\u001b[39m', 'Tab\there', '한국어', 'ｱｲｳ', '—–…', ''])(
  'width(%j) agrees with string-width',
  (s) => {
    expect(width(s)).toBe(stringWidth(s));
  },
);

it('wraps Latin text at spaces and CJK text between characters', () => {
  expect(wrap('the quick brown fox jumps over the lazy dog', 12)).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy dog']);
  expect(wrap('指令微调是一种训练过程', 8)).toEqual(['指令微调', '是一种训', '练过程']);
  for (const line of wrap('混合 mixed 文本 text 在一起 together', 10)) expect(width(line)).toBeLessThanOrEqual(10);
});

it('never starts a line with closing punctuation', () => {
  expect(wrap('一二三四，五六', 8)).toEqual(['一二三', '四，五六']);
});

it('keeps list items and paragraphs, with a hanging indent', () => {
  expect(wrap('- first item that is long\n\n- second', 14)).toEqual(['- first item', '  that is long', '', '- second']);
});

it('splits a word longer than the line', () => {
  expect(wrap('supercalifragilistic', 8)).toEqual(['supercal', 'ifragili', 'stic']);
});

it('pads and truncates by display width', () => {
  expect(padEnd('指令', 6)).toBe('指令  ');
  expect(truncate('指令微调训练', 7)).toBe('指令微…');
  expect(
    table([
      ['a', '指令'],
      ['bbb', 'x'],
    ]),
  ).toEqual(['a    指令', 'bbb  x']);
});
