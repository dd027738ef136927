import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDeck } from '../../src/deckfile/parse.js';
import { hasMultilineQuote, parseDeckFast } from '../../src/deckfile/fast-parse.js';
import { formatProblem } from '../../src/deckfile/problem.js';

const lint = (text: string, file = 'x.yaml') => parseDeck(text, file, `decks/${file}`).problems.map(formatProblem);

describe('parseDeck: valid decks', () => {
  it('reads the three kinds and the deck fields', () => {
    const r = parseDeck(
      `title: {en: Alignment, zh: 人类对齐}
tags: [alignment]
options: {new_per_day: 5}
cards:
  - id: rlhf
    term: {en: RLHF, zh: 基于人类反馈的强化学习}
    definition: {en: "Training with human preferences.", zh: 用人类偏好训练。}
    answers: [RLHF]
    related: [steps]
    tags: [training]
  - id: steps
    front: What are the three steps of RLHF?
    back: |
      - SFT
      - reward model
      - RL
    reverse: true
  - id: gpt1
    cloze: {en: "GPT-1 has about {{117 million}} parameters.", zh: "GPT-1 约有 {{1.17 亿}} 个参数。"}
`,
      'llm-alignment.yaml',
      'decks/llm-alignment.yaml',
    );
    expect(r.problems).toEqual([]);
    const deck = r.deck!;
    expect(deck.name).toBe('llm-alignment');
    expect(deck.title).toEqual({ en: 'Alignment', zh: '人类对齐' });
    expect(deck.options).toEqual({ new_per_day: 5 });
    expect(deck.notes.map((n) => [n.id, n.kind, n.line])).toEqual([
      ['rlhf', 'glossary', 5],
      ['steps', 'question', 11],
      ['gpt1', 'cloze', 18],
    ]);
    const steps = deck.notes[1]!;
    expect(steps.kind === 'question' && steps.back).toBe('- SFT\n- reward model\n- RL');
    expect(steps.kind === 'question' && steps.reverse).toBe(true);
  });

  it('names the deck after its path unless deck: says otherwise', () => {
    expect(parseDeck('cards: []', 'llm/training.yaml', 'x').deck!.name).toBe('llm/training');
    expect(parseDeck('deck: mine\ncards: []', 'llm/training.yaml', 'x').deck!.name).toBe('mine');
  });

  it('derives a missing id from the term, with a warning', () => {
    const r = parseDeck('cards:\n  - term: Reward Model\n    definition: scores outputs\n', 'x.yaml', 'decks/x.yaml');
    expect(r.deck!.notes[0]!.id).toBe('reward-model');
    expect(r.problems.map(formatProblem)).toEqual([
      'decks/x.yaml:2:5: warning: note has no id; add `id: reward-model` so its history survives edits to its text',
    ]);
  });

  it('removes terminal escape sequences and control characters from text', () => {
    const r = parseDeck('cards:\n  - id: a\n    term: "bad\\u001b[31mred\\u001b]0;title\\u0007\\u202e"\n    definition: ok\n', 'x.yaml', 'x');
    const note = r.deck!.notes[0]!;
    expect(note.kind === 'glossary' && note.term).toBe('badred');
  });
});

describe('parseDeck: problems, each with its position and a message a person understands', () => {
  it.each([
    // deck text                                                         expected problems
    [
      'cards:\n  - id: a\n    term: x\n    definitoin: y\n',
      [
        'decks/x.yaml:4:5: error: unknown field "definitoin" in note (did you mean "definition"?)',
        'decks/x.yaml:2:5: error: a note with `term` needs `definition` too',
      ],
    ],
    ['cards:\n  - id: a\n    term: x\n', ['decks/x.yaml:2:5: error: a note with `term` needs `definition` too']],
    ['cards:\n  - id: a\n    tags: [x]\n', ['decks/x.yaml:2:5: error: a note needs `term` and `definition`, `front` and `back`, or `cloze`']],
    [
      'cards:\n  - id: a\n    term: x\n    definition: y\n    front: q\n    back: b\n',
      ['decks/x.yaml:2:5: error: a note is one kind only, but this one has term/definition and front/back'],
    ],
    [
      'cards:\n  - id: a\n    term: x\n    definition: y\n  - id: a\n    term: z\n    definition: w\n',
      ['decks/x.yaml:5:9: error: duplicate id "a" (first at line 2)'],
    ],
    ['cards:\n  - id: a\n    cloze: no gaps here\n', ['decks/x.yaml:3:12: error: cloze has no gaps: mark the part to recall as {{answer}} or {{c1::answer}}']],
    ['cards:\n  - id: a\n    cloze: "open {{gap never closed"\n', ['decks/x.yaml:3:18: error: cloze gap "{{" is never closed with "}}"']],
    ['cards:\n  - id: a\n    cloze: "empty {{}} gap"\n', ['decks/x.yaml:3:19: error: cloze gap is empty']],
    [
      'cards:\n  - id: a\n    cloze: {en: "{{c1::a}} {{c2::b}}", zh: "{{c1::甲}}"}\n',
      ['decks/x.yaml:3:12: error: the languages of a cloze must have the same gaps (en: c1,c2; zh: c1)'],
    ],
    ['cards:\n  - id: a\n    term: x\n    definition: y\n    related: [b]\n', ['decks/x.yaml:5:15: error: related id "b" is not a note of this deck']],
    [
      'cards:\n  - id: a\n    term: x\n    definition: y\n    not_confused_with: [b]\n',
      ['decks/x.yaml:5:25: error: not_confused_with id "b" is not a note of this deck'],
    ],
    ['cards:\n  - id: a\n    term: ""\n    definition: y\n', ['decks/x.yaml:3:11: error: `term` is empty']],
    ['cards:\n  - id: a\n    term: {en: "", zh: 词}\n    definition: y\n', ['decks/x.yaml:3:16: error: `term.en` is empty']],
    [
      'cards:\n  - id: a\n    term: [x]\n    definition: y\n',
      ['decks/x.yaml:3:11: error: `term` must be text or a map of language to text (en: ..., zh: ...), not a list'],
    ],
    [
      'cards:\n  - id: a\n    term: x\n    definition: y\n    reverse: maybe\n',
      ['decks/x.yaml:5:14: error: `reverse` must be true or false, not the text "maybe"'],
    ],
    [
      'cards:\n  - id: a b\n    term: x\n    definition: y\n',
      ['decks/x.yaml:2:9: error: invalid id "a b": use letters, digits, "-", "_" and "." (no spaces, "/" or ":"), e.g. "a-b"'],
    ],
    [
      'cards:\n  - id: a\n    term: x\n    definition: y\n    tags: [two words]\n',
      ['decks/x.yaml:5:12: error: tag "two words" contains a space or comma: use one word per tag, e.g. "two-words"'],
    ],
    [
      'titel: x\ncards: []\n',
      ['decks/x.yaml:1:1: error: unknown field "titel" in deck file (did you mean "title"?)', 'decks/x.yaml:2:8: warning: the deck has no notes'],
    ],
    [
      'options: {new_per_day: -1}\ncards: []\n',
      [
        'decks/x.yaml:1:24: error: `options.new_per_day` must be a whole number 0 or more, not the number -1',
        'decks/x.yaml:2:8: warning: the deck has no notes',
      ],
    ],
    ['cards: {a: 1}\n', ['decks/x.yaml:1:8: error: `cards` must be a list of notes, not a map']],
    ['- just\n- a list\n', ['decks/x.yaml:1:1: error: a deck file must be a map with a `cards:` list, not a list']],
    ['', ['decks/x.yaml:1:1: error: the deck file is empty: it needs a `cards:` list']],
    ['title: x\n', ['decks/x.yaml:1:1: error: the deck file has no `cards:` list']],
  ] as const)('%j', (text, expected) => {
    expect(lint(text)).toEqual(expected);
  });

  it('reports YAML syntax errors where they are', () => {
    expect(lint('cards:\n  - id: a\n    term: "unclosed\n    definition: y\n')).toEqual([
      'decks/x.yaml:3:11: error: invalid YAML: the text in quotes starting here is never closed with "',
    ]);
    expect(lint('cards:\n  - id: a\n  term: x\n   bad indent: y\n')[0]).toMatch(/^decks\/x\.yaml:\d+:\d+: error: invalid YAML: /);
  });

  it('refuses duplicate keys and alias bombs', () => {
    expect(lint('cards: []\ncards: []\n')[0]).toMatch(/^decks\/x\.yaml:2:1: error: invalid YAML: map keys must be unique/);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    bomb.push('cards: []');
    const started = performance.now();
    const problems = lint(bomb.join('\n'));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(problems[0]).toMatch(/error: invalid YAML: .*alias/i);
  });
});

describe('parseDeckFast agrees with parseDeck', () => {
  const good = 'title: {en: T, zh: 题}\ncards:\n  - id: a\n    term: x\n    definition: y\n  - id: b\n    cloze: "{{c1::one}} and {{c2::two}}"\n';

  it('gives the same deck for a valid file', () => {
    expect(parseDeckFast(good, 'x.yaml', 'x')).toEqual(parseDeck(good, 'x.yaml', 'x'));
  });

  it('hands files with errors, anchors or several documents to the precise parser', () => {
    expect(parseDeckFast('cards:\n  - id: a\n    term: x\n', 'x.yaml', 'x')).toBeNull();
    expect(parseDeckFast('x: &a 1\ncards: []\n', 'x.yaml', 'x')).toBeNull();
    expect(parseDeckFast('cards: []\n---\ncards: []\n', 'x.yaml', 'x')).toBeNull();
  });

  it('leaves a comment with no space before it to the precise parser, which rejects it', () => {
    // Found by the mutation property of test/hostile.test.ts: js-yaml read `"B"#` as "B".
    const text = 'cards:\n  - id: a\n    term:\n      en: "BIG-Bench"#\n    definition: y\n';
    expect(parseDeckFast(text, 'x.yaml', 'x')).toBeNull();
    expect(parseDeck(text, 'x.yaml', 'x').deck).toBeNull();
  });

  it('reads plain YAML 1.2 scalars as text the way the precise parser does', () => {
    const text = 'cards:\n  - id: a\n    front: Is it?\n    back: no\n    answers: [no, 2018, 1.17]\n';
    expect(parseDeckFast(text, 'x.yaml', 'x')).toEqual(parseDeck(text, 'x.yaml', 'x'));
    const note = parseDeck(text, 'x.yaml', 'x').deck!.notes[0]!;
    expect(note.kind === 'question' && note.back).toBe('no');
    expect(note.answers).toEqual(['no', '2018', '1.17']);
  });
});

describe('hasMultilineQuote', () => {
  /**
   * The rule line by line with regular expressions, as first written (but with `s`: the first version
   * did not cut a comment before a CR, which only sent CRLF files with quotes in comments to the
   * slower parser). The one-pass scan must agree with it.
   */
  const byLines = (text: string) =>
    text.split('\n').some(
      (line) =>
        (line
          .replace(/\\./gs, '')
          .replace(/'[^']*'/g, '')
          .replace(/#.*$/s, '')
          .match(/"/g)?.length ?? 0) %
          2 ===
        1,
    );

  it('finds a double-quoted text left open at the end of a line', () => {
    expect(hasMultilineQuote('a: "one\n  two"\n')).toBe(true);
    expect(hasMultilineQuote('a: "one two"\nb: \'it"s\'\nc: x # "note\nd: "\\"" \n')).toBe(false);
    expect(hasMultilineQuote("a: 'x' \"y\n")).toBe(true);
  });

  it('agrees with the line-by-line rule on any text made of quotes, escapes and comments', () => {
    const piece = fc.constantFrom('"', "'", '\\', '#', '\n', ' ', 'a', '中', '\r', '\u2028', '\\n', "''");
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((a) => a.join('')),
        (text) => hasMultilineQuote(text) === byLines(text),
      ),
      { numRuns: 5000 },
    );
  });
});
