import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { startPty } from '../support/pty.js';
import { runJson } from '../support/run.js';

const DECK = `cards:
  - id: rlhf
    front: Walk through RLHF.
    back: SFT, then a reward model from preference rankings, then PPO.
    keypoints: [supervised fine-tuning first, reward model from preference rankings, PPO against the reward model]
  - id: rag
    front: Walk through RAG.
    back: Embed documents, retrieve by similarity, generate with the passages in the prompt.
    keypoints: [embed and index the documents, retrieve passages by vector similarity, generate with retrieved passages in the prompt]
`;

describe('llmcards interview, interactive', () => {
  it('asks two questions, marks key points, takes the corrections and ratings, and reports', async () => {
    const home = tempHome({ 'qa.yaml': DECK });
    const s = startPty(['--home', home, 'interview', '--minutes', '10', '--now', '2026-03-01T08:00:00Z'], { cwd: home });
    let at = await s.waitFor('Question 1');
    at = await s.waitFor('> ', at);
    const first = s.text().slice(0, at).includes('Walk through RLHF.') ? 'rlhf' : 'rag';
    s.send(first === 'rlhf' ? 'a reward model trained on preference rankings\r' : 'we retrieve passages by vector similarity\r');
    s.send('\r');
    at = await s.waitFor('Correct the marks', at);
    s.send('\r');
    at = await s.waitFor('How did it go?', at);
    s.send('\r');
    at = await s.waitFor('Question 2', at);
    at = await s.waitFor('> ', at);
    s.send('no idea\r\r');
    at = await s.waitFor('Correct the marks', at);
    s.send(' \r'); // tick the first key point by hand
    at = await s.waitFor('How did it go?', at);
    s.send('\r');
    at = await s.waitFor('Interview report', at);
    await s.waitFor('Saved to', at);
    expect(await s.exited).toBe(0);
    const shown = runJson(home, ['show', `${first}:forward`, '--now', '2026-03-01T08:00:00Z']);
    expect(shown.history).toMatchObject([{ rating: 'hard', source: 'quiz' }]);
    expect(s.text()).toMatch(/1\/3 · again/);
  });

  it('shows the model answer and every key point with its matched words before the rating; the clock ticks; Ctrl-C keeps the answers (exit 130)', async () => {
    const home = tempHome({ 'qa.yaml': DECK });
    const s = startPty(['--home', home, 'interview', '--minutes', '10', '--now', '2026-03-01T08:00:00Z'], { cwd: home });
    let at = await s.waitFor('[10:00] > ');
    // The clock in the prompt counts down without a key press.
    at = await s.waitFor(/\[9:5\d\] > /, at);
    const first = s.text().includes('Walk through RLHF.') ? 'rlhf' : 'rag';
    s.send(first === 'rlhf' ? 'a reward model trained on preference rankings\r\r' : 'we retrieve passages by vector similarity\r\r');
    at = await s.waitFor('Model answer:', at);
    at = await s.waitFor('matched:', at);
    const marks = s.text().slice(at);
    at = await s.waitFor('Correct the marks', at);
    expect(s.text().indexOf('Model answer:')).toBeLessThan(s.text().indexOf('How did it go?') < 0 ? Infinity : s.text().indexOf('How did it go?'));
    expect(marks.length).toBeGreaterThan(0);
    s.send('\r');
    at = await s.waitFor('How did it go?', at);
    s.send('\r');
    at = await s.waitFor('Question 2', at);
    at = await s.waitFor('> ', at);
    s.send('half an answer');
    s.send('\u0003');
    at = await s.waitFor('Interview report', at);
    expect(await s.exited).toBe(130);
    const report = s.text().slice(at);
    expect(report).toMatch(/1\. .*\n[\s\S]*2\. /);
    expect(runJson(home, ['stats', '--now', '2026-03-01T08:00:00Z']).interview.answers).toBe(2);
  });
});
