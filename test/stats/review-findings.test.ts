/**
 * Findings of the review of `stats` and `simulate` (issue 7), each with its regression test.
 */
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../src/app/context.js';
import { dashboard } from '../../src/app/dashboard.js';
import { answerCard } from '../../src/app/answer.js';
import { statsReport } from '../../src/app/stats.js';
import { syncDecks } from '../../src/app/sync.js';
import { bundledHome, tempHome } from '../support/home.js';
import { runJson } from '../support/run.js';
import { questionDeck } from '../support/builders.js';

const DAY = 86_400_000;

describe('stats review findings', () => {
  it('a streak of 200 days is counted whole, the same by stats and the dashboard', async () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    const start = Date.parse('2026-01-01T13:00:00Z');
    const ctx = await openCollection({ home, now: new Date(start), offsetAt: () => 0, cwd: home });
    await syncDecks(ctx, { warn: false });
    for (let d = 0; d < 200; d++) {
      answerCard(ctx, 'q/q1:forward', 'good', { at: new Date(start + d * DAY) });
    }
    const lastDay = { ...ctx, now: new Date(start + 199 * DAY) };
    expect(statsReport(lastDay).streak_days).toBe(200);
    expect(dashboard(lastDay).streak_days).toBe(200);
    ctx.store.close();
  });

  it('the forecast counts a buried card on the day it comes back', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    runJson(home, ['answer', 'q/q1:forward', 'easy', '--now', '2026-03-01T10:00:00Z']);
    const due = runJson(home, ['show', 'q/q1:forward', '--now', '2026-03-01T10:00:00Z']).due as string;
    const then = new Date(Date.parse(due) + 3_600_000).toISOString();
    runJson(home, ['bury', 'q/q1:forward', '--now', then]);
    const forecast = runJson(home, ['stats', '--now', then]).forecast as { date: string; due: number }[];
    expect(forecast[0]!.due).toBe(0);
    expect(forecast[1]!.due).toBe(1);
  });

  it('quiz and interview figures follow --deck, and tag scores are exact', () => {
    const home = bundledHome();
    const NOW = '2026-03-01T08:00:00Z';
    const quiz = runJson(home, ['quiz', '--seed', '2', '--count', '6', '--mode', 'tf', '--deck', 'llm/embeddings-rag', '--answers', '-', '--now', NOW], {
      input: 'true\nfalse\ntrue\nfalse\ntrue\nfalse\n',
    });
    const rag = runJson(home, ['stats', '--deck', 'llm/embeddings-rag', '--now', NOW]).quiz;
    expect(rag.runs).toBe(1);
    for (const t of rag.by_tag) expect(Number.isInteger(t.score)).toBe(true);
    expect(Object.fromEntries(rag.by_tag.map((t: { tag: string; score: number; total: number }) => [t.tag, { score: t.score, total: t.total }]))).toEqual(
      quiz.by_tag,
    );
    expect(rag.average_percent_last_30_days).toBeCloseTo(quiz.percent, 6);
    const other = runJson(home, ['stats', '--deck', 'llm/agents', '--now', NOW]).quiz;
    expect(other).toMatchObject({ runs: 0, by_tag: [] });
    // Nothing from after --now.
    expect(runJson(home, ['stats', '--now', '2026-02-01T08:00:00Z']).quiz.runs).toBe(0);
  });
});
