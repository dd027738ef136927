/**
 * `stats` (issue 7) on a scripted history whose figures are worked out by hand below, and its
 * charts at 80 and 40 columns with colour off.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';
import { questionDeck } from '../support/builders.js';

/*
 * The history (UTC, day starts at 4am): four question cards q1..q4.
 *   Mar 01 10:00  q1 easy, q2 easy, q3 easy         3 answers, new cards (no retention counted)
 *   Mar 10 10:00  q1 good, q2 again                  2 answers of review cards: 1 recalled of 2
 *   Mar 10 10:20  q2 good                            relearning (not a review-state answer)
 *   Mar 14 10:00  q3 good, q4 good                   q3 review recalled; q4 new
 * "now" is Mar 14 12:00, so: today = Mar 14 (2 answers), last 7 days = Mar 08..14 (5 answers),
 * last 30 days = all 8. Retention: 7 days = Mar 10 and 14 reviews: q1 good, q2 again, q3 good =
 * 2/3; 30 days: same three (Mar 01 answers were of new cards) = 2/3. Streak: Mar 14 only (Mar 13
 * has none) = 1.
 */
function history(): string {
  const home = tempHome({ 'q.yaml': questionDeck(4) });
  const at = (iso: string, ...answers: [string, string][]) => {
    for (const [card, rating] of answers) runJson(home, ['answer', `q/${card}:forward`, rating, '--duration', '10000', '--now', iso]);
  };
  at('2026-03-01T10:00:00Z', ['q1', 'easy'], ['q2', 'easy'], ['q3', 'easy']);
  at('2026-03-10T10:00:00Z', ['q1', 'good'], ['q2', 'again']);
  at('2026-03-10T10:20:00Z', ['q2', 'good']);
  at('2026-03-14T10:00:00Z', ['q3', 'good'], ['q4', 'good']);
  return home;
}

const NOW = ['--now', '2026-03-14T12:00:00Z'];

describe('stats', () => {
  const home = history();
  const r = runJson(home, ['stats', ...NOW]);

  it('has the SPEC fields with the figures worked out by hand', () => {
    expect(r.cards).toEqual({ total: 4, new: 0, learning: 1, review: 3, suspended: 0 });
    expect(r.reviews).toEqual({ today: 2, last_7_days: 5, last_30_days: 8 });
    expect(r.retention).toEqual({ last_7_days: 2 / 3, last_30_days: 2 / 3 });
    expect(r.streak_days).toBe(1);
    expect(r.heatmap).toHaveLength(182);
    expect(r.heatmap.at(-1)).toEqual({ date: '2026-03-14', reviews: 2 });
    expect(r.heatmap.filter((d: { reviews: number }) => d.reviews > 0)).toEqual([
      { date: '2026-03-01', reviews: 3 },
      { date: '2026-03-10', reviews: 3 },
      { date: '2026-03-14', reviews: 2 },
    ]);
    expect(r.forecast).toHaveLength(30);
    expect(r.forecast[0].date).toBe('2026-03-14');
    // Each card counted on the day it falls due, if within the 30 days.
    const dues = ['q1', 'q2', 'q3', 'q4'].map((q) => runJson(home, ['show', `q/${q}:forward`, ...NOW]).due as string);
    const inWindow = dues.filter((d) => Date.parse(d) < Date.parse('2026-04-13T04:00:00Z')).length;
    expect(r.forecast.reduce((n: number, f: { due: number }) => n + f.due, 0)).toBe(inWindow);
    expect(r.time_spent_ms).toEqual({ today: 20000, last_7_days: 50000, last_30_days: 80000 });
  });

  it('knows retention by week, mastery, the hardest cards', () => {
    expect(r.retention_by_week.at(-1)).toEqual({ week: '2026-03-08', reviews: 3, retention: 2 / 3 });
    expect(r.mastery_by_tag).toEqual([]); // the test deck has no tags
    // q2 was failed once in 3 answers: too few answers (fewer than 4) to rank it by failure rate.
    expect(r.hardest).toEqual([]);
  });

  it('filters by deck', () => {
    // A deck that does not exist is an error, not empty statistics (issue 13).
    expect(runBin(home, ['stats', '--deck', 'nothing', ...NOW])).toMatchObject({ code: 1, stderr: 'llmcards: no deck matches "nothing"\n' });
  });

  it.each([80, 40])('draws readable charts at %i columns without colour', (columns) => {
    const out = runBin(home, ['stats', ...NOW], { env: { COLUMNS: String(columns) } });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatchSnapshot();
  });
});
