import { describe, expect, it } from 'vitest';
import {
  arraySource,
  buildQueue,
  heldBack,
  nextKind,
  pickNext,
  remainingToday,
  totalCounts,
  type PickCandidate,
  type QueueInput,
} from '../../src/core/queue.js';
import { streakDays } from '../../src/core/streak.js';

describe('daily limits', () => {
  it('counts down from the limits by what was done today, never below zero', () => {
    expect(remainingToday({ newPerDay: 20, reviewsPerDay: 200 }, { newDone: 5, reviewDone: 250 })).toEqual({ new: 15, review: 0 });
  });

  it('caps the sum of the decks by the collection limit; learning is never capped', () => {
    const perDeck = [
      { new: 20, learning: 3, review: 150 },
      { new: 20, learning: 1, review: 100 },
    ];
    expect(totalCounts(perDeck, { new: 20, review: 200 })).toEqual({ new: 20, learning: 4, review: 200 });
  });
});

describe('new cards are mixed evenly into the reviews', () => {
  /** Simulate a day: the sequence of kinds shown. */
  function day(newCards: number, reviews: number): string {
    const done = { newDone: 0, reviewDone: 0 };
    let out = '';
    for (;;) {
      const kind = nextKind({ new: newCards - done.newDone, review: reviews - done.reviewDone }, done);
      if (!kind) return out;
      out += kind === 'new' ? 'N' : 'R';
      if (kind === 'new') done.newDone++;
      else done.reviewDone++;
    }
  }

  it.each([
    [2, 6, 'RRRNRRRN'],
    [3, 3, 'RNRNRN'],
    [0, 3, 'RRR'],
    [3, 0, 'NNN'],
    [1, 9, 'RRRRRRRRRN'],
  ])('%i new among %i reviews: %s', (n, r, expected) => {
    expect(day(n, r)).toBe(expected);
  });
});

// The rules on plain data: a day from 04:00 to 04:00, at 10:00.
const H = 3_600_000;
const m = { dayStart: 4 * H, at: 10 * H, nextDayAt: 28 * H };
function card(key: string, over: Partial<PickCandidate> = {}): PickCandidate {
  const [deck, rest] = key.split('/');
  return {
    key,
    deck: deck!,
    note: `${deck}/${rest!.split(':')[0]}`,
    ord: 0,
    state: 'new',
    due: null,
    present: true,
    suspended: false,
    buriedUntil: null,
    ...over,
  };
}
const limits = { newPerDay: 20, reviewsPerDay: 200 };
function input(decks: string[], over: Partial<QueueInput> = {}): QueueInput {
  return {
    limits,
    decks: decks.map((deck) => ({ deck, limits, done: { newDone: 0, reviewDone: 0 } })),
    done: { newDone: 0, reviewDone: 0 },
    answeredToday: new Set(),
    ...over,
  };
}
/** The keys a day shows, in order, answering each one: it leaves the queue, and counts as done today. */
function session(cards: PickCandidate[], inp: QueueInput, max = 50): string[] {
  const shown: string[] = [];
  const left = [...cards];
  const answered = new Set(inp.answeredToday);
  const done = { ...inp.done };
  const decks = inp.decks.map((d) => ({ ...d, done: { ...d.done } }));
  for (let i = 0; i < max; i++) {
    const src = arraySource(left);
    const now = { ...inp, decks, done, answeredToday: answered };
    const next = pickNext(buildQueue(now, src, m), src, m, answered);
    if (!next) break;
    shown.push(next.key);
    left.splice(left.indexOf(next), 1);
    answered.add(next.note);
    const field = next.state === 'new' ? 'newDone' : next.state === 'review' ? 'reviewDone' : null;
    if (field) {
      done[field]++;
      decks.find((d) => d.deck === next.deck)!.done[field]++;
    }
  }
  return shown;
}

describe('the queue rules (SPEC §5) on plain data', () => {
  it('due learning cards come first, soonest first; then reviews most overdue first', () => {
    const cards = [
      card('a/r1:forward', { state: 'review', due: 9 * H }),
      card('a/r2:forward', { state: 'review', due: 2 * H }),
      card('a/l1:forward', { state: 'learning', due: 9.5 * H }),
      card('a/l2:forward', { state: 'relearning', due: 8 * H }),
      card('a/r3:forward', { state: 'review', due: 30 * H }), // due tomorrow
    ];
    expect(session(cards, input(['a']))).toEqual(['a/l2:forward', 'a/l1:forward', 'a/r2:forward', 'a/r1:forward']);
    expect(buildQueue(input(['a']), arraySource(cards), m).totals).toEqual({ new: 0, learning: 2, review: 2 });
  });

  it('learning cards due later today count, and show only within the learn-ahead window', () => {
    const cards = [card('a/l1:forward', { state: 'learning', due: 10 * H + 15 * 60_000 }), card('a/l2:forward', { state: 'learning', due: 12 * H })];
    expect(buildQueue(input(['a']), arraySource(cards), m).totals.learning).toBe(2);
    expect(session(cards, input(['a']))).toEqual(['a/l1:forward']);
  });

  it('new cards are mixed into the reviews, in note order then deck', () => {
    const cards = [
      ...[1, 2, 3, 4, 5, 6].map((i) => card(`a/r${i}:forward`, { state: 'review', due: i * 60_000 })),
      card('b/n1:forward', { ord: 1 }),
      card('a/n2:forward', { ord: 2 }),
      card('a/n1:forward', { ord: 1 }),
    ];
    expect(
      session(cards, input(['a', 'b']))
        .map((k) => (k.includes('/n') ? 'N' : 'R'))
        .join(''),
    ).toBe('RRNRRNRRN');
    expect(session(cards, input(['a', 'b'])).filter((k) => k.includes('/n'))).toEqual(['a/n1:forward', 'b/n1:forward', 'a/n2:forward']);
  });

  it('the siblings of a note answered today wait, except its learning cards', () => {
    const cards = [
      card('a/x:reverse', { ord: 1 }),
      card('a/y:forward', { state: 'review', due: H }),
      card('a/x:forward', { state: 'learning', due: 9 * H }),
      card('a/z:forward', { ord: 2 }),
    ];
    const inp = input(['a'], { answeredToday: new Set(['a/x']) });
    expect(buildQueue(inp, arraySource(cards), m).totals).toEqual({ new: 1, learning: 1, review: 1 });
    expect(session(cards, inp)).toEqual(['a/x:forward', 'a/y:forward', 'a/z:forward']);
  });

  it('suspended, buried and removed cards are not shown; a bury ends at its time', () => {
    const cards = [
      card('a/s:forward', { suspended: true }),
      card('a/p:forward', { present: false }),
      card('a/b:forward', { buriedUntil: 28 * H }),
      card('a/c:forward', { buriedUntil: 9 * H }),
    ];
    expect(session(cards, input(['a']))).toEqual(['a/c:forward']);
  });

  it("a deck's limits and the collection's both hold; what the deck did today counts", () => {
    const cards = [
      ...Array.from({ length: 5 }, (_, i) => card(`a/n${i}:forward`, { ord: i })),
      ...Array.from({ length: 5 }, (_, i) => card(`b/n${i}:forward`, { ord: i })),
    ];
    const inp = input(['a', 'b'], { limits: { newPerDay: 6, reviewsPerDay: 200 }, done: { newDone: 1, reviewDone: 0 } });
    inp.decks = [
      { deck: 'a', limits: { newPerDay: 3, reviewsPerDay: 200 }, done: { newDone: 1, reviewDone: 0 } },
      { deck: 'b', limits, done: { newDone: 0, reviewDone: 0 } },
    ];
    const q = buildQueue(inp, arraySource(cards), m);
    expect(q.decks.map((d) => [d.deck, d.counts.new])).toEqual([
      ['a', 2],
      ['b', 5],
    ]);
    expect(q.totals.new).toBe(5);
    expect(session(cards, inp)).toHaveLength(5);
    expect(buildQueue({ ...inp, newCap: 1 }, arraySource(cards), m).totals.new).toBe(1);
  });

  it('counts the reviews the limits hold back once a limit is used up', () => {
    const cards = Array.from({ length: 5 }, (_, i) => card(`a/r${i}:forward`, { state: 'review', due: i * H }));
    const two = { newPerDay: 20, reviewsPerDay: 2 };
    const fresh = input(['a'], { limits: two });
    expect(buildQueue(fresh, arraySource(cards), m).totals.review).toBe(2);
    expect(heldBack(buildQueue(fresh, arraySource(cards), m), arraySource(cards), m, fresh.answeredToday)).toBe(0);
    const spent = input(['a'], { limits: two, done: { newDone: 0, reviewDone: 2 } });
    spent.decks[0]!.done = { newDone: 0, reviewDone: 2 };
    expect(buildQueue(spent, arraySource(cards), m).totals.review).toBe(0);
    expect(heldBack(buildQueue(spent, arraySource(cards), m), arraySource(cards), m, spent.answeredToday)).toBe(5);
  });

  it('cards a session passed over are left out', () => {
    const cards = [card('a/r1:forward', { state: 'review', due: H }), card('a/r2:forward', { state: 'review', due: 2 * H })];
    const src = arraySource(cards);
    const inp = input(['a']);
    expect(pickNext(buildQueue(inp, src, m), src, m, inp.answeredToday, new Set(['a/r1:forward']))?.key).toBe('a/r2:forward');
  });
});

describe('streak', () => {
  it.each([
    [[10, 9, 8], 10, 3],
    [[9, 8], 10, 2], // not yet studied today: yesterday's streak still stands
    [[10, 8, 7], 10, 1],
    [[8], 10, 0],
    [[], 10, 0],
  ])('days %j, today %i: %i', (days, today, n) => {
    expect(streakDays(new Set(days), today)).toBe(n);
  });
});
