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

describe('a filter that matches nothing (issue 13)', () => {
  const decks = {
    'llm/training.yaml': glossaryDeck([{ id: 'rlhf', term: 'RLHF', definition: 'reward from people', extra: '    tags: [rlhf, alignment]\n' }]),
    'llm/agents.yaml': glossaryDeck(1),
  };

  it.each([['due'], ['next'], ['decks'], ['stats']])('%s --deck with a typo exits 1 with the nearest deck, changing nothing', (command) => {
    const home = tempHome(decks);
    const r = runBin(home, [command, '--deck', 'llm/trainig', '--now', NOW]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'llmcards: no deck matches "llm/trainig" (did you mean "llm/training"?)\n' });
  });

  it('names a tag typo, a deck parent, and no guess when nothing is near', () => {
    const home = tempHome(decks);
    expect(runBin(home, ['due', '--tag', 'rlfh', '--now', NOW]).stderr).toBe('llmcards: no tag matches "rlfh" (did you mean "rlhf"?)\n');
    expect(runBin(home, ['next', '--deck', 'lm', '--now', NOW]).stderr).toBe('llmcards: no deck matches "lm" (did you mean "llm"?)\n');
    expect(runBin(home, ['stats', '--tag', 'zzzzqq', '--now', NOW])).toMatchObject({ code: 1, stderr: 'llmcards: no tag matches "zzzzqq"\n' });
    expect(runBin(home, ['due', '--deck', 'llm/training', '--deck', 'nope', '--now', NOW]).code).toBe(1);
  });

  it('accepts prefixes, tags in any case, and the leech tag with no leeches', () => {
    const home = tempHome(decks);
    expect(runBin(home, ['due', '--short', '--deck', 'llm/', '--now', NOW]).stdout).toBe('4 new\n');
    expect(runBin(home, ['due', '--short', '--tag', 'RLHF', '--now', NOW]).stdout).toBe('2 new\n');
    expect(runBin(home, ['due', '--tag', 'leech', '--now', NOW])).toMatchObject({ code: 0, stdout: 'Nothing due today.\n' });
    expect(runBin(home, ['decks', '--names', '--deck', 'nope', '--now', NOW])).toMatchObject({ code: 0, stdout: '' });
  });
});
