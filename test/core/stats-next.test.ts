/**
 * The pure arithmetic behind issue 20: the hardest cards by failure rate, mastery per tag, and the
 * advice at the end of `stats`, on plain data.
 */
import { describe, expect, it } from 'vitest';
import { adviceFor, hardestCards, masteryBy, type AdviceInput, type CardRecord } from '../../src/core/stats.js';

const card = (key: string, answers: number, again: number, more: Partial<CardRecord> = {}): CardRecord => ({
  key,
  state: 'review',
  answers,
  again,
  recentAgain: 0,
  lapses: 0,
  stability: 10,
  retrievability: 0.9,
  ...more,
});

describe('hardestCards', () => {
  it('ranks by failure rate, so a card stuck in learning with no lapses comes first', () => {
    const cards = [card('lapser', 20, 6, { lapses: 6 }), card('stuck', 322, 306, { state: 'learning', lapses: 0 }), card('fine', 30, 1)];
    expect(hardestCards(cards, 10).map((c) => [c.key, c.failureRate])).toEqual([
      ['stuck', 306 / 322],
      ['lapser', 6 / 20],
      ['fine', 1 / 30],
    ]);
  });

  it('needs a minimum of answers, and at least one failure', () => {
    expect(hardestCards([card('once', 3, 3), card('never', 50, 0), card('four', 4, 1)], 10).map((c) => c.key)).toEqual(['four']);
  });

  it('breaks ties by recent failures, then by answers', () => {
    const cards = [card('a', 10, 5, { recentAgain: 1 }), card('b', 10, 5, { recentAgain: 4 }), card('c', 20, 10, { recentAgain: 1 })];
    expect(hardestCards(cards, 2).map((c) => c.key)).toEqual(['b', 'c']);
  });
});

describe('masteryBy', () => {
  it('counts new cards as not mastered, so a tag just begun reads low however fresh its cards are', () => {
    const items = [
      ...[0.95, 0.92, 0.91, 0.7].map((r) => ({ keys: ['weeks'], retrievability: r })),
      { keys: ['begun'], retrievability: 0.999 },
      ...[1, 2, 3].map(() => ({ keys: ['begun'], retrievability: null })),
    ];
    const m = Object.fromEntries(masteryBy(items, 0.9).map((x) => [x.key, x]));
    expect(m.weeks).toEqual({ key: 'weeks', cards: 4, studied: 4, mastered: 3, share: 0.75, retrievability: (0.95 + 0.92 + 0.91 + 0.7) / 4 });
    expect(m.begun).toEqual({ key: 'begun', cards: 4, studied: 1, mastered: 1, share: 0.25, retrievability: 0.999 });
  });

  it('has no mean recall for a key with nothing studied', () => {
    expect(masteryBy([{ keys: ['x'], retrievability: null }], 0.9)).toEqual([{ key: 'x', cards: 1, studied: 0, mastered: 0, share: 0, retrievability: null }]);
  });
});

describe('adviceFor', () => {
  const base: AdviceInput = {
    leeches: 0,
    activeLeeches: 0,
    retention30: 0.9,
    retentionAnswers30: 100,
    desiredRetention: 0.9,
    reviewsToday: 50,
    dueTomorrow: 40,
    hardest: null,
    studiedCards: 300,
  };

  it('says nothing when all is well', () => {
    expect(adviceFor(base)).toEqual([]);
  });

  it('names leeches, low retention and a heavy tomorrow, two at most, in that order', () => {
    const all = adviceFor({ ...base, leeches: 3, retention30: 0.78, reviewsToday: 46, dueTomorrow: 140 }, 5);
    expect(all.map((a) => a.text)).toEqual([
      '3 leeches wait to be rewritten or split: llmcards search "" --tag leech',
      'true retention 0.78 is below your target 0.90: consider a lower daily new-card limit (llmcards config set new_per_day …) or llmcards optimize',
      'tomorrow: 140 reviews (3× today)',
    ]);
    expect(adviceFor({ ...base, leeches: 3, retention30: 0.78, dueTomorrow: 140 })).toHaveLength(2);
  });

  it('does not judge retention on too few answers', () => {
    expect(adviceFor({ ...base, retention30: 0.5, retentionAnswers30: 49 })).toEqual([]);
  });

  it('points at the card to rewrite, with its file and line, once it has enough answers', () => {
    const hardest = { card: 'llm/x/y:forward', failureRate: 0.8, answers: 10, file: 'decks/llm/x.yaml', line: 12 };
    expect(adviceFor({ ...base, hardest })).toEqual([
      { kind: 'rewrite', text: 'llm/x/y:forward is failed 80% of the time: rewrite or split it (decks/llm/x.yaml:12)' },
    ]);
    expect(adviceFor({ ...base, hardest: { ...hardest, answers: 5 } })).toEqual([]);
  });

  it('tells a new learner how to start', () => {
    expect(adviceFor({ ...base, studiedCards: 0, retention30: null, dueTomorrow: 0 })[0]!.kind).toBe('start');
  });
});
