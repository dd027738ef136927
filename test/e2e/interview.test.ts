import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';
// The model answer's key points (issue 15 made them six): this answer covers five, the second none.
const ANSWERS = `The goal is alignment with human values (helpful, honest, harmless). Start with supervised fine-tuning on demonstrations, then train a reward model on human
preference rankings of several outputs, then optimise the policy with PPO against the reward model
with a KL penalty to the SFT model.
---
I do not know.
`;

describe('interview --answers', () => {
  it('marks key points, suggests ratings, saves a Markdown report, and picks weak topics first', () => {
    const home = bundledHome();
    const r = runJson(home, ['interview', '--answers', '-', '--tag', 'rlhf', '--lang', 'en', '--now', NOW], { input: ANSWERS });
    expect(r.questions).toHaveLength(2);
    expect(r.questions[0]).toMatchObject({ n: 1, question: 'Walk through RLHF end to end.', rating: 'good' });
    expect(r.questions[0].covered).toBe(5);
    expect(r.questions[1]).toMatchObject({ covered: 0, rating: 'again' });
    expect(r.coverage).toBeGreaterThan(0);
    expect(r.study_next.length).toBeGreaterThan(0);
    expect(existsSync(r.report_file)).toBe(true);
    const md = readFileSync(r.report_file, 'utf8');
    expect(md).toContain('## 1. Walk through RLHF end to end.');
    expect(md).toMatch(/- \[x\] /);
    // Nothing scheduled without --schedule.
    expect(runJson(home, ['show', r.questions[0].card, '--now', NOW]).history).toEqual([]);
  });

  it('--schedule records the ratings as reviews with source quiz', () => {
    const home = bundledHome();
    const r = runJson(home, ['interview', '--answers', '-', '--tag', 'rlhf', '--schedule', '--now', NOW], { input: ANSWERS });
    expect(runJson(home, ['show', r.questions[1].card, '--now', NOW]).history).toMatchObject([{ rating: 'again', source: 'quiz' }]);
  });

  it('needs a terminal unless scripted, and a selection with key points', () => {
    const home = bundledHome();
    expect(runBin(home, ['interview']).code).toBe(2);
    expect(runBin(home, ['interview', '--answers', '-', '--tag', 'no-such-tag'], { input: 'x' })).toMatchObject({
      code: 1,
      stderr: 'llmcards: no notes match the selection (check --deck and --tag)\n'.replace(
        'no notes match the selection',
        'no notes with keypoints match the selection',
      ),
    });
  });
});
