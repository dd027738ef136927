/**
 * `stats` reports quiz and interview results as their own section, and `simulate` forecasts the
 * workload under the settings (issue 7).
 */
import { describe, expect, it } from 'vitest';
import { bundledHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';

describe('stats: quizzes and interviews', () => {
  const home = bundledHome();
  const quiz = runJson(home, ['quiz', '--seed', '5', '--count', '4', '--mode', 'tf', '--answers', '-', '--now', NOW], { input: 'true\ntrue\ntrue\ntrue\n' });
  // One good answer and one blank one: every key point of the second question is missed.
  const interview = runJson(home, ['interview', '--answers', '-', '--tag', 'rlhf', '--lang', 'en', '--now', NOW], {
    input: 'SFT on demonstrations, a reward model from human preference rankings, then PPO with a KL penalty.\n---\nno idea\n',
  });
  const r = runJson(home, ['stats', '--now', NOW]);

  it('counts the quiz runs and scores by tag', () => {
    expect(r.quiz.runs).toBe(1);
    expect(r.quiz.average_percent_last_30_days).toBeCloseTo(quiz.percent, 6);
    // The same scores by tag as the quiz's own report.
    const byTag = Object.fromEntries(r.quiz.by_tag.map((t: { tag: string; score: number; total: number }) => [t.tag, { score: t.score, total: t.total }]));
    expect(byTag).toEqual(quiz.by_tag);
  });

  it('lists the interview key points missed most', () => {
    expect(r.interview.answers).toBe(2);
    const missedInSecond = interview.questions[1].total - interview.questions[1].covered;
    expect(missedInSecond).toBeGreaterThan(0);
    expect(r.interview.most_missed.length).toBeGreaterThanOrEqual(Math.min(10, missedInSecond));
    expect(r.interview.most_missed[0]).toMatchObject({ missed: 1, asked: 1 });
  });

  it('shows them on the screen', () => {
    const out = runBin(home, ['stats', '--now', NOW], { env: { COLUMNS: '60' } });
    expect(out.stdout).toContain('Quizzes and interviews');
    expect(out.stdout).toContain('1 quiz · last 30 days 1');
    expect(out.stdout).toContain('2 interview answers; key points missed most:');
  });
});

describe('simulate', () => {
  const home = bundledHome();
  const at = (retention: string) => runJson(home, ['simulate', '--days', '120', '--retention', retention, '--now', NOW]);

  it('forecasts each day, and a higher retention costs more reviews', () => {
    const low = at('0.8');
    const high = at('0.95');
    expect(low.daily).toHaveLength(120);
    expect(low.desired_retention).toBe(0.8);
    expect(high.total_reviews).toBeGreaterThan(low.total_reviews);
    expect(low.learned).toBeLessThanOrEqual(120 * low.new_per_day);
    expect(low.average_reviews_per_day).toBeCloseTo(low.total_reviews / 120, 6);
  });

  it('is the same for the same seed', () => {
    expect(at('0.9')).toEqual(at('0.9'));
  });

  it('rejects a retention outside 0.70-0.99 as a usage error', () => {
    const out = runBin(home, ['simulate', '--retention', '1.5']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--retention "1.5"/);
  });
});
