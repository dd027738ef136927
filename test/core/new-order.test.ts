/**
 * The order new cards come in (issue 13): deck by deck in the decks' `order:`, as added, or
 * shuffled by a seed; on plain data through the same rules the store's source follows.
 */
import { describe, expect, it } from 'vitest';
import { arraySource, buildQueue, decksInOrder, pickNext, type NewOrderRule, type PickCandidate, type QueueInput } from '../../src/core/queue.js';
import { seededRank } from '../../src/core/random.js';

const H = 3_600_000;
const m = { dayStart: 4 * H, at: 10 * H, nextDayAt: 28 * H };
const limits = { newPerDay: 20, reviewsPerDay: 200 };

function card(key: string, ord: number, added = 0): PickCandidate {
  const [deck, rest] = key.split('/');
  return { key, deck: deck!, note: `${deck}/${rest!.split(':')[0]}`, ord, added, state: 'new', due: null, present: true, suspended: false, buriedUntil: null };
}

/** The new cards a day shows in this order, answering each (its siblings then wait). */
function day(cards: PickCandidate[], order: NewOrderRule, max = 20): string[] {
  const left = [...cards];
  const answered = new Set<string>();
  const shown: string[] = [];
  const decks = [...new Set(cards.map((c) => c.deck))];
  for (let i = 0; i < max; i++) {
    const input: QueueInput = {
      limits,
      decks: decks.map((deck) => ({ deck, limits, done: { newDone: 0, reviewDone: 0 } })),
      done: { newDone: 0, reviewDone: 0 },
      answeredToday: answered,
    };
    const src = arraySource(left);
    const next = pickNext(buildQueue(input, src, m), src, m, answered, new Set(), order);
    if (!next) break;
    shown.push(next.key);
    left.splice(left.indexOf(next), 1);
    answered.add(next.note);
  }
  return shown;
}

// Added: the agents deck first (its file came in first), then foundations.
const cards = [
  card('agents/plugin:forward', 0, 1),
  card('agents/plugin:reverse', 1, 2),
  card('agents/tool:forward', 2, 3),
  card('foundations/llm:forward', 0, 4),
  card('foundations/token:forward', 2, 5),
  card('foundations/llm:reverse', 1, 6),
];

describe('new_order', () => {
  it('deck: decks by their order (none after, by name), each in file order; siblings wait', () => {
    const order: NewOrderRule = {
      by: 'deck',
      deckOrder: new Map([
        ['foundations', 10],
        ['agents', 20],
      ]),
    };
    expect(day(cards, order)).toEqual(['foundations/llm:forward', 'foundations/token:forward', 'agents/plugin:forward', 'agents/tool:forward']);
    expect(day(cards, { by: 'deck', deckOrder: new Map() })[0]).toBe('agents/plugin:forward');
    expect(
      decksInOrder(
        ['c', 'b', 'a', 'z'],
        new Map([
          ['z', 1],
          ['c', 5],
          ['b', null],
        ]),
      ),
    ).toEqual(['z', 'c', 'a', 'b']);
  });

  it('added: in the order the cards came in', () => {
    expect(day(cards, { by: 'added' })).toEqual(['agents/plugin:forward', 'agents/tool:forward', 'foundations/llm:forward', 'foundations/token:forward']);
  });

  it('random: the same seed gives the same order, another seed another', () => {
    const many = Array.from({ length: 30 }, (_, i) => card(`d${i % 3}/n${i}:forward`, i));
    const a = day(many, { by: 'random', seed: 1 });
    expect(a).toHaveLength(20);
    expect(day(many, { by: 'random', seed: 1 })).toEqual(a);
    expect(day(many, { by: 'random', seed: 2 })).not.toEqual(a);
    // Not the file order, and ranked by the seed alone.
    expect(a).not.toEqual(day(many, { by: 'position' }));
    const ranks = a.map((k) => seededRank(1, k));
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
  });

  it('position (no order given): by position in the files, the decks taking turns', () => {
    expect(day(cards, { by: 'position' }).slice(0, 2)).toEqual(['agents/plugin:forward', 'foundations/llm:forward']);
  });

  it('seededRank depends on the seed and the key only, within [0, 1)', () => {
    expect(seededRank(5, 'a/b:forward')).toBe(seededRank(5, 'a/b:forward'));
    expect(seededRank(5, 'a/b:forward')).not.toBe(seededRank(6, 'a/b:forward'));
    for (let i = 0; i < 100; i++) expect(seededRank(i, `k${i}`)).toBeGreaterThanOrEqual(0);
  });
});
