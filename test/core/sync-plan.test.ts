import { describe, expect, it } from 'vitest';
import { type KnownCard, type KnownNote, type PreparedDeck, planSync } from '../../src/core/sync-plan.js';

/** A deck of two glossary notes as prepareDeck makes it, and the database rows of the same. */
const deck = (lineOfB = 7): PreparedDeck => ({
  header: { name: 'd', file: 'd.yaml', tags: [], options: {} } as unknown as PreparedDeck['header'],
  notes: [
    { key: 'd/a', id: 'a', kind: 'glossary', line: 3, ord: 0, content: '{"a":1}', tags: '  ', searchText: 'a', templates: ['forward', 'reverse'] },
    { key: 'd/b', id: 'b', kind: 'glossary', line: lineOfB, ord: 100, content: '{"b":1}', tags: '  ', searchText: 'b', templates: ['forward'] },
  ],
});
const stored = (key: string, line: number, ord: number, content: string, over: Partial<KnownNote> = {}): KnownNote => ({
  key,
  file: 'd.yaml',
  content,
  present: true,
  changedAt: 5,
  stored: { deck: 'd', id: key.slice(2), kind: 'glossary', line, ord, tags: '  ', searchText: key.slice(2) },
  ...over,
});
const card = (key: string, note: string, ord: number, over: Partial<KnownCard> = {}): KnownCard => ({
  key,
  note,
  present: true,
  stored: { deck: 'd', ord },
  ...over,
});
const plan = (d: PreparedDeck, notes: KnownNote[], cards: KnownCard[]) =>
  planSync({
    decks: [d],
    replacedFiles: new Set(['d.yaml']),
    knownNotes: new Map(notes.map((n) => [n.key, n])),
    knownCards: new Map(cards.map((c) => [c.key, c])),
    now: 9,
  });
const cards = [card('d/a:forward', 'd/a', 0), card('d/a:reverse', 'd/a', 1), card('d/b:forward', 'd/b', 100)];

describe('a sync leaves out the writes that would change nothing', () => {
  it('marks a note and its cards `same` when every stored column is what would be written', () => {
    const p = plan(deck(), [stored('d/a', 3, 0, '{"a":1}'), stored('d/b', 7, 100, '{"b":1}')], cards);
    expect(p.notes.map((n) => n.same ?? false)).toEqual([true, true]);
    expect(p.cardsKept.map((c) => c.same ?? false)).toEqual([true, true, true]);
    expect(p.counts).toEqual({ added: 0, updated: 0, removed: 0, keptUnchanged: 3 });
  });

  it('writes a note that moved a line, was edited, came back, or whose search text or tags differ', () => {
    expect(plan(deck(8), [stored('d/a', 3, 0, '{"a":1}'), stored('d/b', 7, 100, '{"b":1}')], cards).notes.map((n) => n.same ?? false)).toEqual([true, false]);
    const edited = plan(deck(), [stored('d/a', 3, 0, '{"a":0}'), stored('d/b', 7, 100, '{"b":1}')], cards);
    expect(edited.notes.map((n) => n.same ?? false)).toEqual([false, true]);
    expect(edited.counts.updated).toBe(2);
    const gone = plan(deck(), [stored('d/a', 3, 0, '{"a":1}', { present: false }), stored('d/b', 7, 100, '{"b":1}')], cards);
    expect(gone.notes[0]!.same ?? false).toBe(false);
    const search = stored('d/a', 3, 0, '{"a":1}');
    search.stored!.searchText = 'a old';
    expect(plan(deck(), [search, stored('d/b', 7, 100, '{"b":1}')], cards).notes[0]!.same ?? false).toBe(false);
    const tags = stored('d/a', 3, 0, '{"a":1}');
    tags.stored!.tags = ' x ';
    expect(plan(deck(), [tags, stored('d/b', 7, 100, '{"b":1}')], cards).notes[0]!.same ?? false).toBe(false);
    // Read without its stored columns (an older caller): always written.
    const bare = stored('d/a', 3, 0, '{"a":1}');
    delete bare.stored;
    expect(plan(deck(), [bare, stored('d/b', 7, 100, '{"b":1}')], cards).notes[0]!.same ?? false).toBe(false);
  });

  it('writes a kept card that moved, changed deck or comes back, and every new card', () => {
    const moved = [card('d/a:forward', 'd/a', 0), card('d/a:reverse', 'd/a', 2), card('d/b:forward', 'd/b', 100, { present: false })];
    const p = plan(deck(), [stored('d/a', 3, 0, '{"a":1}'), stored('d/b', 7, 100, '{"b":1}')], moved);
    expect(p.cardsKept.map((c) => [c.key, c.same ?? false])).toEqual([
      ['d/a:forward', true],
      ['d/a:reverse', false],
      ['d/b:forward', false],
    ]);
    expect(p.counts.added).toBe(1);
    const fresh = plan(
      deck(),
      [stored('d/a', 3, 0, '{"a":1}'), stored('d/b', 7, 100, '{"b":1}')],
      [card('d/a:forward', 'd/a', 0, { stored: { deck: 'e', ord: 0 } })],
    );
    expect(fresh.cardsKept[0]!.same ?? false).toBe(false);
    expect(fresh.cardsAdded.map((c) => c.key)).toEqual(['d/a:reverse', 'd/b:forward']);
  });
});
