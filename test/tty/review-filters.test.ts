/**
 * The first screen of a review names a deck file skipped as invalid (issue 13), once.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { startPty } from '../support/pty.js';
import { glossaryDeck } from '../support/builders.js';
import { runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';

describe('review with a broken deck file', () => {
  it('names it on the first screen and not again at the end', async () => {
    const home = tempHome({ 'good.yaml': glossaryDeck(1), 'x.yaml': 'cards:\n  - id: a\n    term: [broken\n' });
    const s = startPty(['--home', home, 'review', '--now', NOW], { cwd: home, cols: 40, rows: 20 });
    // The full screen: the card, and the notice on its bottom lines, whole.
    const screen = (await s.waitForScreen('Term 1')).join('\n');
    expect(screen).toMatch(/1 deck file has errors:\s+decks\/x\.yaml:4:1[\s\S]*run\s+llmcards\s+lint/);
    s.send('q');
    await s.waitFor('due tomorrow');
    expect(await s.exited).toBe(0);
    expect(s.text().match(/deck file has errors/g)).toHaveLength(1);
    expect(s.text()).not.toContain('the file was skipped');
  });
});

describe('review filters (issue 13)', () => {
  it('exits 1 on a --deck typo before the review starts', async () => {
    const home = tempHome({ 'llm/training.yaml': glossaryDeck(1) });
    const s = startPty(['--home', home, 'review', '--deck', 'llm/trainig', '--now', NOW], { cwd: home });
    await s.waitFor('no deck matches "llm/trainig" (did you mean "llm/training"?)');
    expect(await s.exited).toBe(1);
    expect(s.text()).not.toContain('caught up');
  });

  it('practises the new cards of a tag that has only new ones, recording nothing', async () => {
    const tagged = glossaryDeck([{ id: 'rlhf', term: 'RLHF', definition: 'reward from people', extra: '    tags: [rlhf]\n    reverse: false\n' }]);
    const home = tempHome({ 'training.yaml': tagged });
    const s = startPty(['--home', home, 'review', '--practice', '--tag', 'rlhf', '--now', NOW], { cwd: home });
    let at = await s.waitFor('RLHF');
    s.send(' ');
    at = await s.waitFor('reward from people', at);
    s.send('3');
    await s.waitFor(/caught up|due tomorrow|cards? in/, at);
    expect(await s.exited).toBe(0);
    expect(runJson(home, ['show', 'rlhf:forward', '--now', NOW])).toMatchObject({ state: 'new', history: [] });
  });
});
