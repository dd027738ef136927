/**
 * Regressions from the code review of the core (each test names its finding).
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeKeys } from '../../src/cli/terminal.js';
import { tempHome, writeDeck } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';
import { questionDeck } from '../support/builders.js';

const N = ['--now', '2026-03-01T10:00:00Z'];
const deck1 = 'cards:\n  - id: n\n    front: F\n    back: B\n';

describe('review findings', () => {
  it("#1 a note key names that note, even once removed, never another deck's note ending the same way", () => {
    const home = tempHome({ 'd.yaml': deck1, 'x/d.yaml': deck1 });
    expect(runJson(home, ['answer', 'd/n', 'good', ...N]).card).toBe('d/n:forward');
    writeDeck(home, 'd.yaml', 'cards:\n  - id: other\n    front: O\n    back: O\n');
    expect(runBin(home, ['answer', 'd/n', 'good', ...N]).stderr).toBe(
      'llmcards: card d/n:forward is no longer in any deck file; put its note back to study it\n',
    );
    expect(runJson(home, ['show', 'x/d/n:forward', ...N]).reps).toBe(0);
  });

  it('#3 a "deck name already used" error clears when the other file goes', () => {
    const home = tempHome({ 'b.yaml': `deck: alpha\n${deck1}` });
    runJson(home, ['sync']);
    writeDeck(home, 'c.yaml', `deck: alpha\n${deck1}`);
    expect(runJson(home, ['sync']).errors[0].message).toBe('deck name "alpha" is already used by b.yaml; set a different `deck:`');
    writeDeck(home, 'b.yaml', 'cards: []\n'); // b gives the name up...
    writeDeck(home, 'b.yaml', `deck: beta\n${deck1}`);
    expect(runJson(home, ['sync'])).toMatchObject({ errors: [], decks: 2 });
    expect(runJson(home, ['decks']).decks.map((d: { deck: string }) => d.deck)).toEqual(['alpha', 'beta']);
  });

  it('#4 extra arguments are a usage error', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    for (const args of [
      ['undo', 'extra'],
      ['answer', 'q1:forward', 'good', 'easy'],
      ['next', 'foo'],
      ['config', 'set', 'lang', 'zh', 'extra'],
    ]) {
      expect(runBin(home, args).code, args.join(' ')).toBe(2);
    }
    expect(runJson(home, ['show', 'q1:forward']).reps).toBe(0);
  });

  it("#5 the dashboard counts today's answers, the streak and the last weeks", () => {
    const home = tempHome({ 'q.yaml': questionDeck(3) });
    runJson(home, ['answer', 'q1:forward', 'good', '--now', '2026-02-28T10:00:00Z']);
    for (const q of ['q2', 'q3']) runJson(home, ['answer', `${q}:forward`, 'good', ...N]);
    const d = runJson(home, [...N]);
    expect(d).toMatchObject({ reviewed_today: 2, streak_days: 2 });
    expect(d.recent.slice(-2)).toEqual([
      { date: '2026-02-28', reviews: 1 },
      { date: '2026-03-01', reviews: 2 },
    ]);
  });

  it('#6 init keeps an existing .gitignore and adds data/ to it (and keeps decks/, history/, config.yaml: issue 19)', () => {
    const dir = join(tempHome(), 'repo');
    mkdirSync(dir);
    writeFileSync(join(dir, '.gitignore'), 'node_modules');
    expect(runBin(dir, ['init', dir]).code).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules\ndata/\n!decks/\n!history/\n!config.yaml\n');
  });

  it('#8 sync reads a file exactly as lint does (YAML 1.2 numbers, multi-line quotes)', () => {
    const home = tempHome({ 'a.yaml': 'cards:\n  - id: b\n    front: 1_000\n    back: 0b11\n  - id: c\n    front: 0x1F\n    back: "2018"\n' });
    expect(runJson(home, ['lint'])).toEqual({ ok: true, problems: [] });
    const cards = runJson(home, ['search', '', ...N]).cards.map((c: { front: string; back: string }) => [c.front, c.back]);
    expect(cards).toEqual([
      ['1_000', '0b11'],
      ['31', '2018'],
    ]);
    writeDeck(home, 'a.yaml', 'cards:\n  - id: a\n    front: "long \\\n    text"\n    back: y\n');
    const lint = runBin(home, ['lint']);
    const sync = runJson(home, ['sync']);
    expect(lint.code === 1).toBe(sync.errors.length > 0);
  });

  it('#9 escape sequences in YAML keys are printed inert', () => {
    const home = tempHome({ 'a.yaml': 'cards:\n  - front: a\n    back: b\n    "\\e]0;PWNED\\a\\e[2J": 1\n' });
    const lint = runBin(home, ['lint']);
    const due = runBin(home, ['due']);
    for (const out of [lint.stdout, lint.stderr, due.stderr]) expect(out).not.toMatch(/[\u0007\u001b]/);
    expect(lint.stdout).toContain('unknown field "\\u001b]0;PWNED\\u0007\\u001b[2J" in note');
  });

  it('#10 restore goes through SQLite: a process with the collection open keeps writing into the restored data', async () => {
    const home = tempHome({ 'q.yaml': questionDeck(2) });
    runJson(home, ['answer', 'q1:forward', 'good', ...N]);
    const { file } = runJson(home, ['backup', ...N]);
    runJson(home, ['answer', 'q2:forward', 'good', ...N]);
    const held = new Database(join(home, 'data', 'llmcards.db'));
    held.prepare('SELECT count(*) FROM revlog').get();
    expect(runBin(home, ['restore', file, ...N]).code).toBe(0);
    expect(runBin(home, ['restore', file, ...N]).code).toBe(0); // a second restore at the same moment
    held.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'written after the restore')").run();
    held.close();
    const db = new Database(join(home, 'data', 'llmcards.db'), { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({ value: 'written after the restore' });
    expect((db.prepare('SELECT count(*) AS n FROM revlog').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('#11 undo takes back the answer, not a suspension made since', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    runJson(home, ['answer', 'q1:forward', 'good', ...N]);
    runJson(home, ['suspend', 'q1:forward', ...N]);
    runJson(home, ['undo', ...N]);
    expect(runJson(home, ['show', 'q1:forward', ...N])).toMatchObject({ reps: 0, suspended: true });
  });

  it('#12 --tag leech finds the leeches', () => {
    const home = tempHome({ 'q.yaml': questionDeck(2) });
    writeFileSync(join(home, 'config.yaml'), 'leech_threshold: 1\nleech_action: tag\n');
    runJson(home, ['answer', 'q1:forward', 'easy', '--now', '2026-03-01T10:00:00Z']);
    runBin(home, ['answer', 'q1:forward', 'again', '--now', '2026-03-20T10:00:00Z']);
    expect(runJson(home, ['search', '', '--tag', 'leech']).cards.map((c: { card: string }) => c.card)).toEqual(['q/q1:forward']);
  });

  it('#13 JavaScript object names are no settings and no fields', () => {
    const home = tempHome({ 'a.yaml': 'toString: 1\ncards:\n  - id: a\n    front: x\n    back: y\n    constructor: 1\n' });
    writeFileSync(join(home, 'config.yaml'), '__proto__: {}\n');
    expect(runBin(home, ['due']).stderr).toMatch(/^llmcards: config\.yaml:1:1: unknown setting "__proto__"/);
    writeFileSync(join(home, 'config.yaml'), '');
    expect(runBin(home, ['config', 'get', 'constructor']).stderr).toBe('llmcards: unknown setting "constructor"\n');
    expect(JSON.parse(runBin(home, ['lint', '--json']).stdout).problems.map((p: { message: string }) => p.message)).toEqual([
      'unknown field "toString" in deck file',
      'unknown field "constructor" in note',
    ]);
  });

  it('#14 a huge --duration is a usage error', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    expect(runBin(home, ['answer', 'q1:forward', 'good', '--duration', '99999999999999999999']).code).toBe(2);
  });

  it('#15 decks/ as a file, and a symbolic link loop, give clear answers', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    symlinkSync('.', join(home, 'decks', 'loop'));
    expect(runJson(home, ['sync']).added).toBe(1);
    const flat = tempHome();
    writeFileSync(join(flat, 'decks-file'), '');
    const r = runBin(flat, ['--home', flat, 'due']);
    expect(r.code).toBe(0);
    const broken = tempHome();
    require('node:fs').rmSync(join(broken, 'decks'), { recursive: true });
    writeFileSync(join(broken, 'decks'), 'not a folder');
    expect(runBin(broken, ['due'])).toMatchObject({
      code: 1,
      stderr: `llmcards: ${join(broken, 'decks')} is not a folder: deck files go in a folder named decks\n`,
    });
  });

  it('#16 lint of a missing collection says so', () => {
    expect(runBin('/nonexistent/llmcards-x', ['lint'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^llmcards: collection folder \/nonexistent\/llmcards-x does not exist/),
    });
  });

  it('#17 config set repairs a config.yaml no other command accepts', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    writeFileSync(join(home, 'config.yaml'), 'new_per_day: -5\n');
    expect(runBin(home, ['due']).code).toBe(1);
    expect(runJson(home, ['config', 'set', 'new_per_day', '5'])).toEqual({ key: 'new_per_day', value: 5 });
    expect(runJson(home, ['due', ...N]).new).toBe(1);
  });

  it('#18 a search of too many words is refused plainly', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(runBin(home, ['search', words])).toMatchObject({ code: 1, stderr: 'llmcards: the search has 100 different words; give at most 64\n' });
    // A query past 1,000 characters is refused by its length before it is split into words (issue 17).
    const long = Array.from({ length: 1100 }, (_, i) => `w${i}`).join(' ');
    expect(runBin(home, ['search', long])).toMatchObject({ code: 1, stderr: `llmcards: the search is ${long.length} characters long; give at most 1000\n` });
  });

  it('#20 function keys and Alt+key do nothing in the review', () => {
    expect(decodeKeys('\u001bOP')).toEqual([]);
    expect(decodeKeys('\u001bx')).toEqual([]);
    expect(decodeKeys('\u001b')).toEqual([{ name: 'escape', ctrl: false }]);
  });

  it('#21 changing tags or links is no "edited" card', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    runJson(home, ['answer', 'q1:forward', 'good', ...N]);
    writeDeck(home, 'q.yaml', 'tags: [new]\ncards:\n  - id: q1\n    front: "Question 1?"\n    back: "Answer 1"\n    source: somewhere\n');
    expect(runJson(home, ['show', 'q1:forward', '--now', '2026-03-02T10:00:00Z'])).toMatchObject({ edited: false, tags: ['new'] });
    writeDeck(home, 'q.yaml', 'cards:\n  - id: q1\n    front: "Question 1, rewritten?"\n    back: "Answer 1"\n');
    expect(runJson(home, ['show', 'q1:forward', '--now', '2026-03-02T10:00:00Z']).edited).toBe(true);
  });

  it('#22 a YAML key that is a list is a located error, with no Node warning on stderr', () => {
    const home = tempHome({ 'x.yaml': 'cards:\n  - ? [a, b]\n    : 5\n    id: x\n    front: a\n    back: b\n' });
    const lint = runBin(home, ['lint']);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('x.yaml:2:5: error: unknown field');
    expect(lint.stderr).not.toMatch(/Warning|node:/);
    writeFileSync(join(home, 'config.yaml'), '? [1m, 10m]\n: 5\n');
    const due = runBin(home, ['due']);
    expect(due.code).toBe(1);
    expect(due.stderr).toMatch(/^llmcards: config\.yaml:1:1: unknown setting "\[ 1m, 10m \]"/);
    expect(due.stderr.trim().split('\n')).toHaveLength(1);
  });
});
