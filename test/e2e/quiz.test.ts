/**
 * `llmcards quiz` scripted (SPEC §4 "Quiz scripting"): print, answer from a file or stdin, grade,
 * --min-score, --schedule.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';
const SEED = ['--seed', '1234', '--count', '8', '--now', NOW];

describe('quiz --print', () => {
  it('prints the questions without answers, the same for the same seed', () => {
    const home = bundledHome();
    const a = runJson(home, ['quiz', ...SEED, '--print']);
    expect(a.seed).toBe(1234);
    expect(a.questions).toHaveLength(8);
    for (const q of a.questions) {
      expect(Object.keys(q).sort()).toEqual(['card', 'choices', 'kind', 'n', 'prompt']);
      expect(['mc', 'tf', 'typed', 'cloze', 'match']).toContain(q.kind);
      if (q.kind === 'tf') expect(q.choices).toEqual(['true', 'false']);
      if (q.kind === 'typed' || q.kind === 'cloze') expect(q.choices).toEqual([]);
      if (q.kind === 'mc') expect(q.choices).toHaveLength(4);
    }
    expect(runJson(home, ['quiz', ...SEED, '--print'])).toEqual(a);
    expect(runJson(home, ['quiz', '--seed', '1235', '--count', '8', '--print'])).not.toEqual(a);
  });

  it('reports the random seed it used when none is given', () => {
    const home = bundledHome();
    const a = runJson(home, ['quiz', '--print', '--count', '3']);
    expect(Number.isInteger(a.seed)).toBe(true);
    expect(runJson(home, ['quiz', '--print', '--count', '3', '--seed', String(a.seed)])).toEqual(a);
  });

  it.each(['mc', 'tf', 'typed', 'cloze', 'match'])('--mode %s', (mode) => {
    const q = runJson(bundledHome(), ['quiz', '--seed', '5', '--count', '4', '--mode', mode, '--print']);
    expect(q.questions.map((x: { kind: string }) => x.kind)).toEqual([mode, mode, mode, mode]);
    if (mode === 'match') {
      for (const x of q.questions) {
        const terms = x.prompt.split('\n').filter((l: string) => /^\d+\. /.test(l));
        expect(terms.length).toBe(x.choices.length);
        expect(terms.length).toBeGreaterThanOrEqual(4);
      }
    }
  });
});

describe('quiz --answers', () => {
  it('grades everything right: 100%, exit 0; everything wrong: 0%, exit 1 under --min-score 50', () => {
    const home = bundledHome();
    const wrong = runBin(home, ['quiz', ...SEED, '--answers', '-', '--json', '--min-score', '50'], { input: 'nonsense\n'.repeat(8) });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('llmcards: score 0% is below --min-score 50\n');
    const graded = JSON.parse(wrong.stdout);
    expect(graded).toMatchObject({ seed: 1234, score: 0, total: 8, percent: 0 });
    expect(graded.items).toHaveLength(8);
    for (const it of graded.items) expect(Object.keys(it).sort()).toEqual(expect.arrayContaining(['card', 'correct', 'expected', 'given', 'kind', 'n']));
    expect(Object.keys(graded.by_tag).length).toBeGreaterThan(0);

    const file = join(home, 'answers.txt');
    writeFileSync(file, graded.items.map((it: { expected: string }) => it.expected).join('\n') + '\n');
    const right = runBin(home, ['quiz', ...SEED, '--answers', file, '--json', '--min-score', '100']);
    expect(right.code).toBe(0);
    expect(JSON.parse(right.stdout)).toMatchObject({ score: 8, total: 8, percent: 100 });
  });

  it('--schedule records each answer as a review with source quiz', () => {
    const home = bundledHome();
    const graded = runJson(home, ['quiz', ...SEED, '--mode', 'typed', '--answers', '-', '--schedule'], { input: '\n'.repeat(8) });
    const card = graded.items[0].card;
    const shown = runJson(home, ['show', card, '--now', NOW]);
    expect(shown.history).toMatchObject([{ rating: 'again', source: 'quiz' }]);
  });

  it('refuses a --min-score out of range and an unreadable answers file', () => {
    const home = bundledHome();
    expect(runBin(home, ['quiz', ...SEED, '--answers', '-', '--min-score', '150']).code).toBe(2);
    expect(runBin(home, ['quiz', ...SEED, '--answers', 'nope.txt'])).toMatchObject({ code: 1, stderr: 'llmcards: cannot read nope.txt: no such file\n' });
    expect(runBin(home, ['quiz', '--mode', 'essay'])).toMatchObject({ code: 2 });
    expect(runBin(home, ['quiz']).stderr).toBe(
      'llmcards: an interactive quiz needs a terminal; script one with --print --json and --answers FILE (see llmcards quiz --help)\n',
    );
  });
});
