/**
 * Issue 13, around the review screen: the skipped deck file named where it matters (dashboard,
 * first screen of a review) and only marked in `due --short`; filters that match nothing.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledHome, tempHome, writeDeck } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';
import { glossaryDeck } from '../support/builders.js';
import stringWidth from 'string-width';

const NOW = '2026-03-01T08:00:00Z';
const BROKEN = 'cards:\n  - id: a\n    term: A\n    definition: first\n  - id: a\n    term: B\n    definition: second\n';

describe('a deck file skipped as invalid', () => {
  it('is named once on the dashboard, with no stderr copy', () => {
    const home = tempHome({ 'good.yaml': glossaryDeck(2), 'x.yaml': BROKEN });
    const r = runBin(home, ['--now', NOW], { env: { COLUMNS: '200' } });
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

  it.each([['due'], ['next'], ['decks'], ['stats'], ['review']])('%s --deck with a typo exits 1 with the nearest deck, changing nothing', (command) => {
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

describe('every table fits the terminal (issue 13)', () => {
  // Long deck names, a long title with Chinese, long keys, and one reviewed card.
  const zhTitle =
    'title: {en: "A deck whose title is long enough to push any table past the edge", zh: "一个标题很长的牌组，长到足以把任何表格推出屏幕边缘"}\n';
  const home = tempHome({
    'llm/interview/pretraining-and-tokenizers-in-considerable-depth.yaml': glossaryDeck(
      [
        {
          id: 'byte-pair-encoding-with-a-very-long-note-id',
          term: 'BPE',
          definition: 'merges the most frequent pair of symbols; the reward model is not involved',
        },
        { id: 'reward', term: 'reward model', definition: '一个根据人类偏好训练的奖励模型，为强化学习阶段的输出打分，reward model' },
      ],
      zhTitle,
    ),
    'short.yaml': glossaryDeck(3),
  });
  runBin(home, ['answer', 'short/n1:forward', 'good', '--now', '2026-02-27T08:00:00Z']);
  runBin(home, ['answer', 'short/n1:forward', 'good', '--now', '2026-02-28T08:00:00Z']);

  it.each([40, 80, 200])('at %i columns no line of decks, due, the dashboard, search, stats or help is wider', (columns) => {
    const env = { COLUMNS: String(columns) };
    const outputs = [
      ['decks'],
      ['due'],
      [],
      ['search', 'reward model'],
      ['search', ''],
      ['stats'],
      ['--help'],
      ['review', '--help'],
      ['quiz', '--help'],
      ['export', '--help'],
    ].map((args) => {
      const r = runBin(home, [...args, '--now', NOW], { env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return { args, lines: r.stdout.split('\n') };
    });
    for (const { args, lines } of outputs) for (const line of lines) expect(stringWidth(line), `${args.join(' ')}: ${line}`).toBeLessThanOrEqual(columns);
  });

  it('search shows the state in full and the matched words in the snippet', () => {
    const out = runBin(home, ['search', 'frequent pair', '--now', NOW], { env: { COLUMNS: '80' } }).stdout;
    expect(out).toContain('new');
    expect(out).toMatch(/frequent pair/);
    const reviewed = runBin(home, ['search', 'definition 1', '--now', NOW], { env: { COLUMNS: '80' } }).stdout;
    expect(reviewed).toMatch(/short\/n1:forward\s+(review|learning)\s/);
    // A match deep in the back text is shown with the words around it, not cut off before it.
    const deep = runBin(home, ['search', 'involved', '--now', NOW], { env: { COLUMNS: '40' } }).stdout;
    expect(deep).toContain('involved');
  });

  it('decks leaves out the title before it cuts a deck name', () => {
    const out = runBin(home, ['decks', '--now', NOW], { env: { COLUMNS: '80' } }).stdout;
    expect(out).not.toContain('title');
    expect(out).toMatch(/^llm\/interview\/pretra…ng-and-tokenizers-in-considerable-depth /m);
    expect(runBin(home, ['decks', '--now', NOW], { env: { COLUMNS: '120' } }).stdout).toContain(
      'llm/interview/pretraining-and-tokenizers-in-considerable-depth',
    );
    expect(runBin(home, ['decks', '--now', NOW], { env: { COLUMNS: '200' } }).stdout).toContain('一个标题很长');
  });
});

describe('the dashboard shows what the daily limits do to the per-deck rows (issue 13)', () => {
  it('adds a total row and says the rows count each deck alone when they add up to more', () => {
    const home = tempHome({ 'a.yaml': glossaryDeck(15), 'b.yaml': glossaryDeck(15) });
    const out = runBin(home, ['--now', NOW], { env: { COLUMNS: '200' } }).stdout;
    expect(out).toMatch(/^ {2}a +20 +0 +0$/m);
    expect(out).toMatch(/^ {2}b +20 +0 +0$/m);
    expect(out).toMatch(/^ {2}total today +20 +0 +0$/m);
    expect(out).toContain("Each deck row counts that deck alone; today's new total is capped by the daily limits (new_per_day 20, reviews_per_day 200).");
    const one = tempHome({ 'a.yaml': glossaryDeck(3) });
    expect(runBin(one, ['--now', NOW]).stdout).not.toContain('Each deck row');
    expect(JSON.parse(runBin(home, ['--now', NOW, '--json']).stdout)).toMatchObject({ new_per_day: 20, due: { new: 20 } });
  });
});

describe('new cards in a learning order (issue 13)', () => {
  it('a fresh collection of the bundled decks starts with the foundations, not the agents', () => {
    const home = bundledHome();
    expect(runJson(home, ['next', '--now', NOW]).card).toMatch(/^llm\/foundations\//);
  });

  it('a deck file gives its place with order:, and lint reports a bad one at its line', () => {
    const home = tempHome({ 'a.yaml': glossaryDeck(2), 'b.yaml': glossaryDeck(2, 'order: 1\n') });
    expect(runJson(home, ['next', '--now', NOW]).card).toBe('b/n1:forward');
    writeDeck(home, 'b.yaml', glossaryDeck(2, 'order: first\n'));
    const r = runBin(home, ['lint']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('decks/b.yaml:1:8: error: `order` must be a whole number 0 or more, not the text "first"');
  });

  it('new_order is validated with the key and value named', () => {
    const home = tempHome({ 'a.yaml': glossaryDeck(2) });
    expect(runBin(home, ['config', 'set', 'new_order', 'shuffled'])).toMatchObject({
      code: 1,
      stderr: 'llmcards: setting "new_order" must be one of deck, added, random, not "shuffled"\n',
    });
    writeFileSync(join(home, 'config.yaml'), 'new_order: alphabetical\n');
    expect(runBin(home, ['due']).stderr).toBe('llmcards: config.yaml:1:1: setting "new_order" must be one of deck, added, random, not "alphabetical"\n');
  });

  it('new_order: random follows --seed, and the collection keeps one seed without it', () => {
    const home = tempHome({ 'a.yaml': glossaryDeck(40), 'b.yaml': glossaryDeck(40) });
    writeFileSync(join(home, 'config.yaml'), 'new_order: random\n');
    const first = (seed: string[]) => runJson(home, ['next', ...seed, '--now', NOW]).card as string;
    const seeds = ['1', '2', '3', '4'].map((s) => first(['--seed', s]));
    expect(first(['--seed', '1'])).toBe(seeds[0]);
    expect(new Set(seeds).size).toBeGreaterThan(1);
    expect(first([])).toBe(first([]));
    writeFileSync(join(home, 'config.yaml'), 'new_order: added\n');
    expect(first([])).toBe('a/n1:forward');
  });
});
