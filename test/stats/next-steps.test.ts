/**
 * Statistics that tell a learner what to do next (issue 20), on a scripted history whose figures are
 * worked out by hand below; the charts at 80 and 40 columns with colour off.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';

/*
 * Nine question notes in one deck file (UTC, day starts at 4am):
 *   o1..o4 (tag old)    easy Jan 01, good Jan 09, good Jan 30: reviewed for five weeks, each last
 *                       seen six days before now with a stability of weeks, so recall now ≥ 0.9
 *   f1     (tag fresh)  easy an hour before now: recall ≈ 1
 *   f2..f4 (tag fresh)  new
 *   stuck  (tag old)    again eight times (Feb 01..Feb 03): it never leaves learning and has 0
 *                       lapses — the card a lapse ranking misses.
 * Now is Feb 05 10:00. So:
 *   hardest: stuck alone (8 of 8 answers failed, state learning); o* were never failed, f1 has one
 *            answer (fewer than the 4 a failure rate needs)
 *   mastery by tag: old = 4 mastered of 5 cards (stuck's recall is low) = 0.8; fresh = 1 of 4 = 0.25
 *   advice: stuck failed 100% over 8 answers → rewrite it, naming its file and line (line 23: the `- id: stuck` item)
 */
const DECK = `tags: [w]
cards:
  - id: o1
    front: Old one?
    back: Yes
    tags: [old]
  - id: o2
    front: Old two?
    back: Yes
    tags: [old]
  - id: o3
    front: Old three?
    back: Yes
    tags: [old]
  - id: o4
    front: Old four?
    back: Yes
    tags: [old]
  - id: f1
    front: Fresh one?
    back: Yes
    tags: [fresh]
  - id: stuck
    front: The card nobody remembers?
    back: Nobody
    tags: [old]
  - id: f2
    front: Fresh two?
    back: Yes
    tags: [fresh]
  - id: f3
    front: Fresh three?
    back: Yes
    tags: [fresh]
  - id: f4
    front: Fresh four?
    back: Yes
    tags: [fresh]
`;
const NOW = ['--now', '2026-02-05T10:00:00Z'];

function history(): string {
  const home = tempHome({ 'w.yaml': DECK });
  const answer = (card: string, rating: string, at: string) => runJson(home, ['answer', `w/${card}:forward`, rating, '--duration', '4000', '--now', at]);
  for (const o of ['o1', 'o2', 'o3', 'o4']) {
    answer(o, 'easy', '2026-01-01T10:00:00Z');
    answer(o, 'good', '2026-01-09T10:00:00Z');
    answer(o, 'good', '2026-01-30T10:00:00Z');
  }
  answer('f1', 'easy', '2026-02-05T09:00:00Z');
  for (const at of [
    '2026-02-01T10:00:00Z',
    '2026-02-01T18:00:00Z',
    '2026-02-02T09:00:00Z',
    '2026-02-02T10:00:00Z',
    '2026-02-02T19:00:00Z',
    '2026-02-03T08:00:00Z',
    '2026-02-03T09:00:00Z',
    '2026-02-03T10:00:00Z',
  ]) {
    answer('stuck', 'again', at);
  }
  return home;
}

describe('stats that say what to do next', () => {
  const home = history();
  const r = runJson(home, ['stats', ...NOW]);

  it('ranks a card stuck in learning hardest, by its failure rate, with its file and line', () => {
    expect(r.hardest).toEqual([
      expect.objectContaining({
        card: 'w/stuck:forward',
        state: 'learning',
        answers: 8,
        again: 8,
        failure_rate: 1,
        again_last_30_days: 8,
        lapses: 0,
        file: 'decks/w.yaml',
        line: 23,
      }),
    ]);
  });

  it('gives two tags with different histories different mastery, with the counts behind it', () => {
    const byTag = Object.fromEntries(r.mastery_by_tag.map((m: { tag: string }) => [m.tag, m]));
    expect(byTag.old).toMatchObject({ cards: 5, studied: 5, mastered: 4, mastered_share: 0.8 });
    expect(byTag.fresh).toMatchObject({ cards: 4, studied: 1, mastered: 1, mastered_share: 0.25 });
    expect(byTag.w).toMatchObject({ cards: 9, studied: 6, mastered: 5 });
    expect(byTag.fresh.retrievability).toBeGreaterThan(0.99);
    expect(r.mastery_by_deck).toEqual([expect.objectContaining({ deck: 'w', cards: 9, studied: 6, mastered: 5, mastered_share: 5 / 9 })]);
  });

  it('shows recall honestly: low for a card at stability ~0 after its due date, none for a new card', () => {
    const stuck = runJson(home, ['show', 'w/stuck:forward', ...NOW]);
    expect(stuck.state).toBe('learning');
    expect(Date.parse(stuck.due)).toBeLessThan(Date.parse(NOW[1]!));
    // FSRS-6's forgetting curve by hand: R = (1 + f·t/S)^(−w20), f = 0.9^(−1/w20) − 1, with the
    // default w20 = 0.1542 and t the fractional days since the last answer (2 days).
    const w20 = 0.1542;
    const f = 0.9 ** (-1 / w20) - 1;
    const expected = (1 + (f * 2) / Math.max(stuck.stability, 0.001)) ** -w20;
    expect(stuck.retrievability).toBeCloseTo(expected, 4);
    expect(stuck.retrievability).toBeLessThan(0.5);
    expect(runJson(home, ['show', 'w/f2:forward', ...NOW]).retrievability).toBeNull();
    expect(runBin(home, ['show', 'w/f2:forward', ...NOW]).stdout).not.toMatch(/recall/);
    expect(runBin(home, ['show', 'w/stuck:forward', ...NOW]).stdout).toMatch(/recall (\d|[1-4]\d)%/);
  });

  it('says what to do next, in the JSON and at the end of the screen', () => {
    expect(r.advice).toEqual([{ kind: 'rewrite', text: 'w/stuck:forward is failed 100% of the time: rewrite or split it (decks/w.yaml:23)' }]);
    const out = runBin(home, ['stats', ...NOW], { env: { COLUMNS: '80' } }).stdout;
    expect(out.trimEnd().split('\n').slice(-3)).toEqual([
      'What to do next',
      '  → w/stuck:forward is failed 100% of the time: rewrite or split it',
      '    (decks/w.yaml:23)',
    ]);
  });

  it.each([80, 40])('draws charts at %i columns without colour, none wider than the terminal', (columns) => {
    const out = runBin(home, ['stats', ...NOW], { env: { COLUMNS: String(columns) } });
    expect(out.code).toBe(0);
    for (const line of out.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(columns);
    expect(out.stdout).toMatchSnapshot();
  });
});

describe('the dashboard says what to do next when it applies', () => {
  it('names a leech waiting to be rewritten, with the command that lists it', () => {
    const home = tempHome({ 'l.yaml': 'cards:\n  - id: a\n    front: A?\n    back: B\n' });
    runBin(home, ['config', 'set', 'leech_threshold', '1']);
    runBin(home, ['config', 'set', 'leech_action', 'tag']);
    for (const [rating, at] of [
      ['good', '2026-01-01T10:00:00Z'],
      ['good', '2026-01-01T10:20:00Z'],
      ['again', '2026-01-10T10:00:00Z'],
    ]) {
      expect(runBin(home, ['answer', 'l/a:forward', rating!, '--now', at!]).code).toBe(0);
    }
    const now = ['--now', '2026-01-10T12:00:00Z'];
    expect(runJson(home, now).advice).toEqual([{ kind: 'leeches', text: '1 leech waits to be rewritten or split: llmcards search "" --tag leech' }]);
    expect(runBin(home, now).stdout.trimEnd().split('\n').at(-1)).toBe('→ 1 leech waits to be rewritten or split: llmcards search "" --tag leech');
    expect(runJson(home, ['search', '', '--tag', 'leech', ...now]).cards.map((c: { card: string }) => c.card)).toEqual(['l/a:forward']);
  });
});
