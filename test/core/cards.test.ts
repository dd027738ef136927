import { describe, expect, it } from 'vitest';
import { cardKey, expectedAnswers, facesOf, keyHasSuffix, parseCardKey, templatesOf } from '../../src/core/cards.js';
import type { Note } from '../../src/core/notes.js';
import { slugify } from '../../src/core/notes.js';

const common = { idGiven: true, tags: [], answers: [], keypoints: [], related: [], distractors: [], line: 1 };
const glossary: Note = {
  ...common,
  id: 'rlhf',
  kind: 'glossary',
  term: { en: 'RLHF', zh: '基于人类反馈的强化学习' },
  definition: 'training with human feedback',
  reverse: true,
  answers: ['reinforcement learning from human feedback'],
};
const question: Note = { ...common, id: 'q', kind: 'question', front: 'Q?', back: 'A', reverse: false };
const cloze: Note = { ...common, id: 'c', kind: 'cloze', cloze: { en: '{{c1::a}} {{c3::b}}', zh: '{{c1::甲}} {{c3::乙}}' } };

describe('cards of a note (SPEC §3)', () => {
  it.each([
    ['glossary', glossary, ['forward', 'reverse']],
    ['glossary without reverse', { ...glossary, reverse: false } as Note, ['forward']],
    ['question', question, ['forward']],
    ['question with reverse', { ...question, reverse: true } as Note, ['forward', 'reverse']],
    ['cloze', cloze, ['c1', 'c3']],
  ])('%s', (_name, note, templates) => {
    expect(templatesOf(note)).toEqual(templates);
  });

  it('turns the glossary note around for the reverse card', () => {
    expect(facesOf(glossary, 'forward')).toEqual({ front: glossary.term, back: 'training with human feedback' });
    expect(facesOf(glossary, 'reverse')).toEqual({ front: 'training with human feedback', back: glossary.term });
  });

  it('grades a reverse card against the term and its aliases', () => {
    expect(expectedAnswers(glossary, 'reverse')).toEqual(['RLHF', '基于人类反馈的强化学习', 'reinforcement learning from human feedback']);
    expect(expectedAnswers(cloze, 'c3')).toEqual(['b', '乙']);
  });

  it('grades in the language shown: --lang en leaves out the Chinese (issue 13)', () => {
    expect(expectedAnswers(glossary, 'reverse', 'en')).toEqual(['RLHF', 'reinforcement learning from human feedback']);
    expect(expectedAnswers(glossary, 'reverse', 'zh')).toEqual(['基于人类反馈的强化学习', 'reinforcement learning from human feedback']);
    expect(expectedAnswers(cloze, 'c3', 'en')).toEqual(['b']);
    expect(expectedAnswers(cloze, 'c3', 'both')).toEqual(['b', '乙']);
  });
});

describe('card keys', () => {
  it('formats and parses deck/id:template, decks with folders included', () => {
    expect(cardKey('llm/training', 'rlhf', 'reverse')).toBe('llm/training/rlhf:reverse');
    expect(parseCardKey('llm/training/rlhf:reverse')).toEqual({ deck: 'llm/training', note: 'rlhf', template: 'reverse' });
    expect(parseCardKey('rlhf:reverse')).toBeNull();
    expect(parseCardKey('llm/rlhf')).toBeNull();
  });

  it.each([
    ['llm/training/rlhf:reverse', 'rlhf:reverse', true],
    ['llm/training/rlhf:reverse', 'training/rlhf:reverse', true],
    ['llm/training/rlhf:reverse', 'llm/training/rlhf:reverse', true],
    ['llm/training/xrlhf:reverse', 'rlhf:reverse', false],
    ['llm/training/rlhf:reverse', 'hf:reverse', false],
  ])('%s has suffix %s: %s', (key, suffix, expected) => {
    expect(keyHasSuffix(key, suffix)).toBe(expected);
  });

  it('derives ids from text', () => {
    expect(slugify('What are the three steps of RLHF?')).toBe('what-are-the-three-steps-of-rlhf');
    expect(slugify('基于人类反馈的强化学习')).toBe('基于人类反馈的强化学习');
    expect(slugify('Café au lait')).toBe('cafe-au-lait');
  });
});
