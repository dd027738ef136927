/**
 * The interactive quiz in a pseudo-terminal: arrow-key choices and typed answers, feedback after
 * each question, the result, and the offer to study the missed cards.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { startPty } from '../support/pty.js';
import { runJson } from '../support/run.js';

const DECK = `cards:
${['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'].map((t, i) => `  - id: n${i}\n    term: ${t}\n    definition: Greek letter number ${i + 1}\n`).join('')}`;

describe('llmcards quiz, interactive', () => {
  it('asks two questions with feedback, then shows the score', async () => {
    const home = tempHome({ 'greek.yaml': DECK });
    const s = startPty(['--home', home, 'quiz', '--seed', '2', '--count', '2', '--mode', 'mc', '--now', '2026-03-01T08:00:00Z'], { cwd: home });
    let at = await s.waitFor('Question 1/2');
    at = await s.waitFor('Which term is this?', at);
    s.send('\r'); // the first choice
    at = await s.waitFor(/✓ right|✗ wrong/, at);
    at = await s.waitFor('Question 2/2', at);
    s.send('\u001b[B\r'); // down, then the second choice
    at = await s.waitFor(/✓ right|✗ wrong/, at);
    at = await s.waitFor('Score', at);
    // With a wrong answer the quiz offers to study the missed cards today: decline.
    const offered = await Promise.race([
      s.waitFor('missed card', at).then(
        () => true,
        () => false,
      ),
      s.exited.then(() => false),
    ]);
    if (offered) s.send('n\r');
    expect(await s.exited).toBe(0);
    expect(s.text()).toMatch(/Score \d\/2/);
  });

  it('takes a typed answer', async () => {
    const home = tempHome({ 'greek.yaml': DECK });
    const q = runJson(home, ['quiz', '--seed', '4', '--count', '1', '--mode', 'typed', '--print', '--lang', 'en']);
    const number = Number(/number (\d)/.exec(q.questions[0].prompt)![1]);
    const term = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'][number - 1]!;
    const s = startPty(['--home', home, 'quiz', '--seed', '4', '--count', '1', '--mode', 'typed', '--lang', 'en'], { cwd: home });
    const at = await s.waitFor('Name the term');
    s.send(`${term.toLowerCase()}\r`);
    await s.waitFor('✓ right', at);
    await s.waitFor('Score 1/1 (100%)', at);
    expect(await s.exited).toBe(0);
  });
});
