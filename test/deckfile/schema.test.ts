import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { deckJsonSchema } from '../../src/deckfile/schema.js';
import { parseDeck } from '../../src/deckfile/parse.js';
import { REPO } from '../support/home.js';

describe('schema/deck.schema.json', () => {
  it('is what the field table generates (run `npm run schema` after changing fields.ts)', () => {
    const committed = JSON.parse(readFileSync(join(REPO, 'schema', 'deck.schema.json'), 'utf8'));
    expect(committed).toEqual(deckJsonSchema());
  });

  // The schema cannot check everything lint does (duplicate ids, cloze gaps, related ids), but on the
  // structure the two must agree.
  const validate = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true }).compile(deckJsonSchema());
  it.each([
    ['a glossary note', 'cards:\n  - id: a\n    term: x\n    definition: y\n', true],
    ['a question with language maps', 'title: {en: T, zh: 题}\ncards:\n  - id: a\n    front: {en: q, zh: 问}\n    back: a\n', true],
    ['a cloze with gap distractors', 'cards:\n  - id: a\n    cloze: "{{c1::x}}"\n    distractors: {c1: [y, z]}\n', true],
    ['options', 'options: {new_per_day: 3}\ncards: []\n', true],
    [
      'not_confused_with',
      'cards:\n  - id: a\n    term: x\n    definition: y\n    not_confused_with: [b, other/c]\n  - id: b\n    term: z\n    definition: w\n',
      true,
    ],
    ['an unknown note field', 'cards:\n  - id: a\n    term: x\n    definition: y\n    colour: red\n', false],
    ['an unknown deck field', 'titel: x\ncards: []\n', false],
    ['no kind', 'cards:\n  - id: a\n    tags: [x]\n', false],
    ['two kinds', 'cards:\n  - id: a\n    term: x\n    definition: y\n    cloze: "{{z}}"\n', false],
    ['half a kind', 'cards:\n  - id: a\n    front: x\n', false],
    ['a bad id', 'cards:\n  - id: "a b"\n    term: x\n    definition: y\n', false],
    ['a bad language code', 'cards:\n  - id: a\n    term: {English: x}\n    definition: y\n', false],
    ['a tag with a space', 'cards:\n  - id: a\n    term: x\n    definition: y\n    tags: [a b]\n', false],
    ['reverse not a bool', 'cards:\n  - id: a\n    term: x\n    definition: y\n    reverse: sometimes\n', false],
    ['a negative limit', 'options: {new_per_day: -1}\ncards: []\n', false],
    ['no cards', 'title: x\n', false],
  ])('%s: valid %s', (_name, text, valid) => {
    expect(validate(parse(text))).toBe(valid);
    expect(parseDeck(text, 'x.yaml', 'x').problems.some((p) => p.severity === 'error')).toBe(!valid);
  });
});
