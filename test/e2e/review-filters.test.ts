/**
 * Issue 13, around the review screen: the skipped deck file named where it matters (dashboard,
 * first screen of a review) and only marked in `due --short`; filters that match nothing.
 */
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { runBin } from '../support/run.js';
import { glossaryDeck } from '../support/builders.js';

const NOW = '2026-03-01T08:00:00Z';
const BROKEN = 'cards:\n  - id: a\n    term: A\n    definition: first\n  - id: a\n    term: B\n    definition: second\n';

describe('a deck file skipped as invalid', () => {
  it('is named once on the dashboard, with no stderr copy', () => {
    const home = tempHome({ 'good.yaml': glossaryDeck(2), 'x.yaml': BROKEN });
    const r = runBin(home, ['--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const notice = r.stdout.split('\n').filter((l) => l.includes('deck file'));
    expect(notice).toEqual(['! 1 deck file has errors: decks/x.yaml:5:9 duplicate id "a" (first at line 2) — run llmcards lint']);
  });

  it('is listed in the dashboard JSON, and still warned on stderr there', () => {
    const home = tempHome({ 'good.yaml': glossaryDeck(2), 'x.yaml': BROKEN });
    const r = runBin(home, ['--now', NOW, '--json']);
    expect(JSON.parse(r.stdout).deck_errors).toEqual([{ file: 'decks/x.yaml', line: 5, col: 9, message: 'duplicate id "a" (first at line 2)' }]);
    expect(r.stderr).toContain('the file was skipped (see llmcards lint)');
  });

  it('is only a marker in due --short, even when nothing is due', () => {
    const home = tempHome({ 'good.yaml': glossaryDeck(2), 'x.yaml': BROKEN });
    const r = runBin(home, ['due', '--short', '--now', NOW]);
    expect(r).toMatchObject({ code: 0, stdout: '4 new !1\n', stderr: '' });
    const empty = tempHome({ 'x.yaml': BROKEN });
    expect(runBin(empty, ['due', '--short', '--now', NOW])).toMatchObject({ code: 0, stdout: '!1\n', stderr: '' });
    const fine = tempHome({ 'good.yaml': glossaryDeck(2) });
    expect(runBin(fine, ['due', '--short', '--now', NOW])).toMatchObject({ stdout: '4 new\n', stderr: '' });
  });

  it('keeps the per-file warning on stderr for other commands', () => {
    const home = tempHome({ 'good.yaml': glossaryDeck(2), 'x.yaml': BROKEN });
    const r = runBin(home, ['due', '--now', NOW]);
    expect(r.stderr).toBe('llmcards: warning: decks/x.yaml:5:9: duplicate id "a" (first at line 2); the file was skipped (see llmcards lint)\n');
  });
});
