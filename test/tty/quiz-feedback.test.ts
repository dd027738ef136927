/**
 * Issue 14 in a pseudo-terminal: an "I was right" overrule kept in the result, a countdown that
 * ticks, Ctrl-C keeping the answers given, matching at 40 columns with the terms on screen.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { startPty } from '../support/pty.js';
import { runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';
const GREEK = `cards:
${['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'].map((t, i) => `  - id: n${i}\n    term: ${t}\n    definition: Greek letter number ${i + 1}, the one after ${i}\n`).join('')}`;

describe('quiz feedback and control, interactive', () => {
  it('shows the right answer after a wrong one and takes "I was right", recorded as such', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    const s = startPty(['--home', home, 'quiz', '--seed', '4', '--count', '1', '--mode', 'typed', '--lang', 'en', '--now', NOW, '--json'], { cwd: home });
    let at = await s.waitFor('Your answer:');
    s.send('alfa-ish\r');
    at = await s.waitFor('✗ wrong — the answer:', at);
    at = await s.waitFor('r: I was right', at);
    s.send('r');
    at = await s.waitFor('counted as right', at);
    at = await s.waitFor('"overridden": true', at);
    expect(await s.exited).toBe(0);
    const result = JSON.parse(s.text().slice(s.text().indexOf('{')));
    expect(result).toMatchObject({ score: 1, total: 1, items: [{ given: 'alfa-ish', correct: true, overridden: true }] });
  });

  it('names the spelling it forgave', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    const q = runJson(home, ['quiz', '--seed', '4', '--count', '1', '--mode', 'typed', '--print', '--lang', 'en']);
    const term = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'][Number(/number (\d)/.exec(q.questions[0].prompt)![1]) - 1]!;
    const typo = `${term}${term.at(-1)}`.toLowerCase(); // one letter too many: forgiven in a word of five or more
    const s = startPty(['--home', home, 'quiz', '--seed', '4', '--count', '1', '--mode', 'typed', '--lang', 'en', '--now', NOW], { cwd: home });
    const at = await s.waitFor('Your answer:');
    s.send(`${typo}\r`);
    await s.waitFor(`✓ right (${term})`, at);
    await s.waitFor('Score 1/1', at);
    expect(await s.exited).toBe(0);
  });

  it('counts down the time left under --time-limit', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    const s = startPty(['--home', home, 'quiz', '--seed', '2', '--count', '1', '--mode', 'mc', '--time-limit', '3', '--now', NOW], { cwd: home });
    let at = await s.waitFor('⏱ 0:03 left');
    at = await s.waitFor('⏱ 0:02 left', at);
    at = await s.waitFor('time is up', at);
    await s.waitFor('Score 0/1', at);
    const offered = await Promise.race([
      s.waitFor('missed card', at).then(
        () => true,
        () => false,
      ),
      s.exited.then(() => false),
    ]);
    if (offered) s.send('n\r');
    expect(await s.exited).toBe(0);
  });

  it('keeps the answers given when Ctrl-C ends the quiz: result saved, summary printed, exit 130', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    const s = startPty(['--home', home, 'quiz', '--seed', '2', '--count', '3', '--mode', 'mc', '--now', NOW], { cwd: home });
    let at = await s.waitFor('Question 1/3');
    at = await s.waitFor('A) ', at);
    s.send('\r');
    at = await s.waitFor(/✓ right|✗ wrong/, at);
    at = await s.waitFor('Question 2/3', at);
    at = await s.waitFor('A) ', at);
    s.send('\u0003');
    at = await s.waitFor('Score', at);
    await s.waitFor('Stopped after 1 of 3 questions', at);
    expect(await s.exited).toBe(130);
    expect(s.text()).toMatch(/Score [01]\/1/);
    expect(runJson(home, ['stats', '--now', NOW]).quiz.runs).toBe(1);
  });

  it('matching at 40 columns: the terms stay on screen above the prompt, the example fits, pairs are judged one by one', async () => {
    const home = tempHome({ 'greek.yaml': GREEK });
    const q = runJson(home, ['quiz', '--seed', '3', '--count', '1', '--mode', 'match', '--print']);
    const n = q.questions[0].choices.length;
    const s = startPty(['--home', home, 'quiz', '--seed', '3', '--count', '1', '--mode', 'match', '--now', NOW], { cwd: home, cols: 40, rows: 20 });
    const at = await s.waitFor('Pairs (e.g.');
    const screen = s.text().slice(0, at);
    // The last lines before the prompt are the numbered terms.
    const before = screen
      .split('\n')
      .slice(-n - 1, -1)
      .map((l) => l.trim());
    expect(
      before.every((l, i) => l.startsWith(`${i + 1}. `)),
      before.join('|'),
    ).toBe(true);
    const example = /Pairs \(e\.g\. ([^)]*)\)/.exec(s.text().slice(at - 20))?.[1] ?? '';
    expect(example.split(' ')).toHaveLength(n);
    s.send('1a\r');
    const fb = await s.waitFor(`you gave 1 of ${n} pairs`, at);
    await s.waitFor('Score', fb);
    const offered = await Promise.race([
      s.waitFor('missed card', fb).then(
        () => true,
        () => false,
      ),
      s.exited.then(() => false),
    ]);
    if (offered) s.send('n\r');
    expect(await s.exited).toBe(0);
    expect(s.text()).toMatch(/[✓✗] 1[a-e] /);
    const quizText = s.text().slice(0, s.text().indexOf('Score'));
    for (const line of quizText.split('\n')) expect(line.length, line).toBeLessThanOrEqual(40);
  });
});
