/**
 * deckToYaml writes simple notes itself instead of through the yaml library (an import's speed):
 * its text must be the library's, character for character, for every kind of value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckDraft, type DeckDraft, type NoteDraft } from '../../src/core/deck-draft.js';
import { parseDeck } from '../../src/deckfile/parse.js';
import { deckToYaml, deckToYamlByLibrary } from '../../src/deckfile/write.js';

/** mulberry32, seeded: a failure can be run again. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

// Characters that change how YAML writes a string: indicators, quotes, spaces, line breaks, tabs,
// numbers, words the core schema reads as other types, control and non-BMP characters.
const PIECES = [
  'a',
  'Z',
  'word',
  ' ',
  '  ',
  ': ',
  ':',
  '#',
  ' #',
  '-',
  '- ',
  '?',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  '\\',
  '\n',
  '\n\n',
  '\t',
  '1',
  '0.5',
  '1e3',
  '0x1F',
  '0o7',
  '.inf',
  '~',
  'null',
  'true',
  'False',
  'NULL',
  '---',
  '...',
  '第一',
  '，',
  'é',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u0007',
  '😀',
  '**bold**',
  '{{c1::x}}',
  '<br>',
];

function randomText(rnd: () => number): string {
  const n = 1 + Math.floor(rnd() * 6);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

function randomNote(rnd: () => number, i: number): NoteDraft {
  const text = () => (rnd() < 0.4 ? `Question ${i}: what is ${randomText(rnd)}` : randomText(rnd));
  const n: Record<string, unknown> = { id: rnd() < 0.8 ? `note-${i}` : randomText(rnd) };
  if (rnd() < 0.7) {
    n.front = text();
    n.back = rnd() < 0.3 ? `${text()}\n${text()}` : text();
  } else {
    n.term = text();
    n.definition = text();
    if (rnd() < 0.5) n.reverse = rnd() < 0.5;
  }
  if (rnd() < 0.6) n.tags = Array.from({ length: Math.floor(rnd() * 4) }, () => (rnd() < 0.7 ? `tag${Math.floor(rnd() * 9)}` : randomText(rnd)));
  if (rnd() < 0.2) n.keypoints = [text()];
  if (rnd() < 0.1) n.explanation = { en: text(), zh: text() };
  if (rnd() < 0.1) n.order = rnd() < 0.5 ? 3 : 2.5;
  if (rnd() < 0.5) n.guid = `g${i.toString(36)}${rnd() < 0.1 ? randomText(rnd) : ''}`;
  if (rnd() < 0.1) n.source = undefined;
  return n as unknown as NoteDraft;
}

describe('deckToYaml, writing simple notes itself', () => {
  it('gives the yaml library`s text for 300 random decks of random notes', () => {
    const rnd = random(16);
    for (let d = 0; d < 300; d++) {
      const draft: DeckDraft = {
        name: 'random',
        ...(rnd() < 0.3 ? { title: randomText(rnd) } : {}),
        tags: rnd() < 0.5 ? ['x'] : [],
        options: {},
        notes: Array.from({ length: 50 + Math.floor(rnd() * 30) }, (_, i) => randomNote(rnd, i)),
      } as DeckDraft;
      const opts = rnd() < 0.5 ? { schemaPath: '../schema/deck.schema.json', comment: ['Imported from x.apkg by llmcards import.'] } : {};
      const fast = deckToYaml(draft, opts);
      const lib = deckToYamlByLibrary(draft, opts);
      if (fast !== lib) expect({ deck: d, text: fast }).toEqual({ deck: d, text: lib });
    }
  });

  it('gives the library`s text for the bundled decks (their notes taken 50 or more at a time)', () => {
    const dir = join(__dirname, '..', '..', 'decks', 'llm');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const parsed = parseDeck(readFileSync(join(dir, f), 'utf8'), f, f).deck!;
      const draft = deckDraft(parsed);
      const big = { ...draft, notes: Array.from({ length: Math.ceil(50 / draft.notes.length) }, () => draft.notes).flat() };
      expect(deckToYaml(big, {})).toBe(deckToYamlByLibrary(big, {}));
    }
  });

  it('writes most plain notes itself (a note with a colon in its question, two-line answers, tags)', () => {
    const notes = Array.from({ length: 60 }, (_, i) => ({ id: `q${i}`, front: `Question ${i}: what?`, back: 'one\ntwo', tags: ['bench'], guid: `g${i}` }));
    const text = deckToYaml({ name: 'n', tags: [], options: {}, notes } as unknown as DeckDraft, {});
    expect(text).toContain('  - id: q1\n    front: "Question 1: what?"\n    back: |-\n      one\n      two\n    tags: [bench]\n    guid: g1\n\n  - id: q2\n');
  });
});
