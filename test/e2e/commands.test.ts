/**
 * The commands of SPEC §4 run as a user runs them: the built bin/llmcards on a temporary --home,
 * checking --json shapes, exit codes and stderr.
 */
import { existsSync, readFileSync, writeFileSync, chmodSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, bundledHome, tempHome, writeDeck } from '../support/home.js';
import { childEnv, runBin, runJson } from '../support/run.js';
import { glossaryDeck } from '../support/builders.js';

const NOW = '2026-03-01T08:00:00Z';
const DECK = `title: {en: Alignment, zh: 人类对齐}
tags: [alignment]
cards:
  - id: rlhf
    term: {en: RLHF, zh: 基于人类反馈的强化学习}
    definition: {en: Training a model with rewards learned from human preferences., zh: 用从人类偏好中学到的奖励训练模型。}
    answers: [reinforcement learning from human feedback]
    tags: [training]
  - id: steps
    front: {en: What are the three steps of RLHF?, zh: RLHF 的三个步骤是什么？}
    back: {en: "SFT, reward model, RL", zh: 监督微调、奖励模型、强化学习}
  - id: gpt1
    cloze: {en: "GPT-1 has about {{c1::117 million}} parameters ({{c2::2018}}).", zh: "GPT-1 约有 {{c1::1.17 亿}} 个参数（{{c2::2018}}）。"}
`;

function home(): string {
  return tempHome({ 'llm-alignment.yaml': DECK });
}

describe('sync', () => {
  it('loads the decks, then finds nothing changed', () => {
    const h = home();
    expect(runJson(h, ['sync', '--now', NOW])).toEqual({
      decks: 1,
      added: 5,
      updated: 0,
      removed: 0,
      unchanged: 0,
      errors: [],
      history: { lines: 0, cards: 0 },
    });
    expect(runJson(h, ['sync', '--now', NOW])).toEqual({
      decks: 1,
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 5,
      errors: [],
      history: { lines: 0, cards: 0 },
    });
  });

  it('a renamed file that names its deck keeps its cards and reports them unchanged', () => {
    const h = tempHome({ 'old-name.yaml': `deck: llm/alignment\n${DECK}` });
    runJson(h, ['sync', '--now', NOW]);
    runJson(h, ['answer', 'llm/alignment/rlhf:forward', 'good', '--now', NOW]);
    renameSync(join(h, 'decks', 'old-name.yaml'), join(h, 'decks', 'new-name.yaml'));
    expect(runJson(h, ['sync', '--now', NOW])).toEqual({
      decks: 1,
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 5,
      errors: [],
      history: { lines: 0, cards: 0 },
    });
    expect(runJson(h, ['show', 'llm/alignment/rlhf:forward', '--now', NOW]).history).toHaveLength(1);
  });

  it('reports an invalid file, skips it, and still exits 0', () => {
    const h = home();
    writeDeck(h, 'broken.yaml', 'cards:\n  - id: a\n    term: x\n');
    const r = runBin(h, ['sync', '--json', '--now', NOW]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      decks: 1,
      added: 5,
      updated: 0,
      removed: 0,
      unchanged: 0,
      errors: [{ file: 'decks/broken.yaml', line: 2, col: 5, message: 'a note with `term` needs `definition` too' }],
      history: { lines: 0, cards: 0 },
    });
  });
});

describe('lint', () => {
  it('prints file:line:col: severity: message and exits 1 on errors', () => {
    const h = home();
    writeDeck(h, 'broken.yaml', 'cards:\n  - term: x\n    definition: y\n  - id: b\n    front: q\n');
    const r = runBin(h, ['lint']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'decks/broken.yaml:2:5: warning: note has no id; add `id: x` so its history survives edits to its text\n' +
        'decks/broken.yaml:4:5: error: a note with `front` needs `back` too\n' +
        '1 error, 1 warning.\n',
    );
    expect(r.stderr).toBe('llmcards: 1 error in deck files\n');
  });

  it('answers --json with ok and problems, and checks links between decks', () => {
    const h = home();
    writeDeck(h, 'other.yaml', 'cards:\n  - id: o\n    term: x\n    definition: y\n    related: [llm-alignment/rlhf, llm-alignment/nope]\n');
    const r = runBin(h, ['lint', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      problems: [{ file: 'decks/other.yaml', line: 5, col: 35, severity: 'error', message: 'related note "llm-alignment/nope" does not exist' }],
    });
  });

  it('lints given files and is happy with good ones', () => {
    const h = home();
    expect(runJson(h, ['lint', 'decks/llm-alignment.yaml'])).toEqual({ ok: true, problems: [] });
    expect(runBin(h, ['lint', 'nope.yaml']).stderr).toBe('llmcards: no such file or folder: nope.yaml\n');
  });
});

describe('decks and due', () => {
  it('lists decks with their counts', () => {
    expect(runJson(home(), ['decks', '--now', NOW, '--lang', 'en'])).toEqual({
      decks: [{ deck: 'llm-alignment', title: 'Alignment', file: 'llm-alignment.yaml', notes: 3, cards: 5, new: 5, learning: 0, review: 0, suspended: 0 }],
    });
  });

  it('counts what is due today, in all and per deck', () => {
    expect(runJson(home(), ['due', '--now', NOW])).toEqual({
      now: '2026-03-01T08:00:00.000Z',
      new: 5,
      learning: 0,
      review: 0,
      total: 5,
      decks: [{ deck: 'llm-alignment', new: 5, learning: 0, review: 0 }],
    });
  });
});

describe('next, answer, undo, show', () => {
  it('shows the next card with the interval of each rating', () => {
    expect(runJson(home(), ['next', '--now', NOW, '--lang', 'en'])).toEqual({
      card: 'llm-alignment/rlhf:forward',
      deck: 'llm-alignment',
      note: 'llm-alignment/rlhf',
      template: 'forward',
      queue: 'new',
      front: 'RLHF',
      back: 'Training a model with rewards learned from human preferences.',
      due: null,
      intervals: { again: '1m', hard: '6m', good: '10m', easy: expect.stringMatching(/^\d+d$/) },
    });
  });

  it('records an answer, shows it in the history, and undoes it exactly', () => {
    const h = home();
    const before = runJson(h, ['show', 'rlhf:forward', '--now', NOW]);
    const a = runJson(h, ['answer', 'rlhf:forward', 'good', '--now', NOW, '--duration', '4200']);
    expect(a).toEqual({
      card: 'llm-alignment/rlhf:forward',
      rating: 'good',
      state: 'learning',
      due: '2026-03-01T08:10:00.000Z',
      stability: 2.3065,
      difficulty: expect.any(Number),
      scheduled_days: 0,
      reps: 1,
      lapses: 0,
    });
    const shown = runJson(h, ['show', 'llm-alignment/rlhf:forward', '--now', NOW, '--lang', 'zh']);
    expect(shown).toMatchObject({
      card: 'llm-alignment/rlhf:forward',
      deck: 'llm-alignment',
      front: '基于人类反馈的强化学习',
      back: '用从人类偏好中学到的奖励训练模型。',
      tags: ['alignment', 'training'],
      state: 'learning',
      due: '2026-03-01T08:10:00.000Z',
      stability: 2.3065,
      reps: 1,
      lapses: 0,
      suspended: false,
      history: [{ at: '2026-03-01T08:00:00.000Z', rating: 'good', state: 'learning', scheduled_days: 0, stability: 2.3065, difficulty: a.difficulty }],
    });
    const undo = runJson(h, ['undo', '--now', NOW]);
    expect(undo).toMatchObject({ card: 'llm-alignment/rlhf:forward', rating: 'good', state: 'new', reps: 0 });
    expect(runJson(h, ['show', 'rlhf:forward', '--now', NOW])).toEqual(before);
    expect(runBin(h, ['undo', '--now', NOW]).stderr).toBe('llmcards: nothing to undo: no answer has been recorded on this device\n');
  });

  it('undo takes back the answer and says that a suspension made since stays (issue 13)', () => {
    const h = tempHome({ 'g.yaml': glossaryDeck(1) });
    runJson(h, ['answer', 'n1:forward', 'good', '--now', NOW]);
    runJson(h, ['suspend', 'n1:forward', '--now', NOW]);
    const undo = runJson(h, ['undo', '--now', NOW]);
    expect(undo).toMatchObject({ card: 'g/n1:forward', rating: 'good', state: 'new', suspended: true, buried_until: null });
    runJson(h, ['answer', 'n1:forward', 'easy', '--now', NOW]);
    expect(runBin(h, ['undo', '--now', NOW]).stdout).toMatch(
      /^Took back "easy" on g\/n1:forward \(answered .*\); it is new again\. It stays suspended \(undo takes back answers only; llmcards unsuspend g\/n1:forward brings it back\)\.\n$/,
    );
  });

  it('accepts ratings as words or 1..4, and the card by note key when it has one card', () => {
    const h = home();
    expect(runJson(h, ['answer', 'llm-alignment/steps', '3', '--now', NOW]).rating).toBe('good');
    expect(runJson(h, ['answer', 'gpt1:c2', 'EASY', '--now', NOW]).rating).toBe('easy');
  });

  it('returns null when nothing is left', () => {
    const h = tempHome({ 'a.yaml': 'cards: []\n' });
    const r = runBin(h, ['next', '--json', '--now', NOW]);
    expect(r).toEqual({ code: 0, stdout: 'null\n', stderr: '' });
  });
});

describe('search, suspend, bury', () => {
  it('finds cards by words, case and width folded; an empty query lists them all', () => {
    const h = home();
    expect(runJson(h, ['search', 'ＲＬＨＦ steps', '--lang', 'en', '--now', NOW])).toEqual({
      cards: [
        {
          card: 'llm-alignment/steps:forward',
          deck: 'llm-alignment',
          front: 'What are the three steps of RLHF?',
          back: 'SFT, reward model, RL',
          state: 'new',
          due: null,
          suspended: false,
        },
      ],
    });
    expect(runJson(h, ['search', '奖励', '--now', NOW]).cards.map((c: { card: string }) => c.card)).toEqual([
      'llm-alignment/rlhf:forward',
      'llm-alignment/rlhf:reverse',
      'llm-alignment/steps:forward',
    ]);
    expect(runJson(h, ['search', '', '--now', NOW]).cards).toHaveLength(5);
  });

  it('suspends a whole note, and brings it back', () => {
    const h = home();
    expect(runJson(h, ['suspend', 'llm-alignment/rlhf', '--now', NOW])).toEqual({
      cards: ['llm-alignment/rlhf:forward', 'llm-alignment/rlhf:reverse'],
      suspended: true,
    });
    expect(runJson(h, ['due', '--now', NOW]).new).toBe(3);
    expect(runJson(h, ['decks', '--now', NOW]).decks[0]).toMatchObject({ cards: 3, suspended: 2 });
    expect(runJson(h, ['search', '', '--now', NOW]).cards.filter((c: { suspended: boolean }) => c.suspended)).toHaveLength(2);
    runJson(h, ['unsuspend', 'rlhf', '--now', NOW]);
    expect(runJson(h, ['due', '--now', NOW]).new).toBe(5);
  });

  it('buries a card until the next study day', () => {
    const h = home();
    expect(runJson(h, ['bury', 'rlhf:forward', '--now', NOW])).toEqual({ cards: ['llm-alignment/rlhf:forward'], buried_until: '2026-03-02T04:00:00.000Z' });
    expect(runJson(h, ['due', '--now', NOW]).new).toBe(4);
    expect(runJson(h, ['due', '--now', '2026-03-02T04:00:00Z']).new).toBe(5);
  });
});

describe('config', () => {
  it('gets and sets settings, refusing unknown keys and bad values', () => {
    const h = home();
    expect(runJson(h, ['config', 'get', 'new_per_day'])).toEqual({ key: 'new_per_day', value: 20 });
    expect(runJson(h, ['config', 'set', 'new_per_day', '2'])).toEqual({ key: 'new_per_day', value: 2 });
    expect(runJson(h, ['due', '--now', NOW]).new).toBe(2);
    expect(runBin(h, ['config', 'set', 'new_per_dya', '2'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'llmcards: unknown setting "new_per_dya" (did you mean "new_per_day"?)\n',
    });
    expect(runBin(h, ['config', 'set', 'fsrs.desired_retention', '1.5']).stderr).toBe(
      'llmcards: setting "fsrs.desired_retention" must be a number from 0.70 to 0.99, not 1.5\n',
    );
    expect(readFileSync(join(h, 'config.yaml'), 'utf8')).toBe('new_per_day: 2\n');
  });

  it('refuses to run with a bad config.yaml, naming the line', () => {
    const h = home();
    writeFileSync(join(h, 'config.yaml'), 'new_per_day: 20\nleech_action: delete\n');
    expect(runBin(h, ['due'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'llmcards: config.yaml:2:1: setting "leech_action" must be one of suspend, tag, not "delete"\n',
    });
  });
});

describe('init and the dashboard', () => {
  it('makes a collection from the bundled decks, and refuses to make one twice', () => {
    const h = join(tempHome(), 'new');
    const r = runJson(h, ['init', h]);
    expect(r.decks).toBeGreaterThanOrEqual(10);
    expect(existsSync(join(h, 'schema', 'deck.schema.json'))).toBe(true);
    expect(runJson(h, ['sync']).errors).toEqual([]);
    expect(runBin(h, ['init', h]).stderr).toBe(`llmcards: ${h} already holds a collection (it has decks/, data/ or config.yaml)\n`);
  });

  it('prints a dashboard with no command', () => {
    const r = runBin(home(), ['--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Due today: 5 new · 0 learning · 0 review');
    expect(r.stdout).toContain('llmcards review');
  });
});

describe('bad input: a clear one-line error, the right exit code, nothing changed', () => {
  it.each([
    [['answer', 'rlhf:forward', 'great'], 2, 'llmcards: invalid rating "great": use again, hard, good, easy or 1-4\n'],
    [['answer', 'rlhf:forward', '5'], 2, 'llmcards: invalid rating "5": use again, hard, good, easy or 1-4\n'],
    [['due', '--now', 'tomorrow'], 2, 'llmcards: invalid --now "tomorrow": give an ISO-8601 date such as 2026-03-01T08:00:00Z\n'],
    [['due', '--now', '2026-02-30T00:00:00Z'], 2, 'llmcards: invalid --now "2026-02-30T00:00:00Z": give an ISO-8601 date such as 2026-03-01T08:00:00Z\n'],
    [['due', '--bogus'], 2, "llmcards: unknown option '--bogus' (see llmcards --help)\n"],
    [['revew'], 2, 'llmcards: unknown command "revew" (did you mean "review"?)\n'],
    [['answer', 'nope', 'good'], 1, 'llmcards: unknown card "nope" (find keys with: llmcards search "nope")\n'],
    [['answer', 'rlhf', 'good'], 1, 'llmcards: ambiguous card "rlhf": it matches llm-alignment/rlhf:forward, llm-alignment/rlhf:reverse\n'],
    [['show', 'gpt1'], 1, 'llmcards: ambiguous card "gpt1": it matches llm-alignment/gpt1:c1, llm-alignment/gpt1:c2\n'],
    [['answer', 'rlhf:forward', 'good', '--duration', 'long'], 2, 'llmcards: invalid --duration "long": give a whole number\n'],
    [['due', '--lang', 'fr'], 2, "llmcards: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, zh, both. (see llmcards --help)\n"],
  ])('%j exits %i', (args, code, stderr) => {
    const h = home();
    runJson(h, ['sync', '--now', NOW]);
    const r = runBin(h, args as string[]);
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code, stderr, stdout: '' });
    expect(runJson(h, ['due', '--now', NOW]).new).toBe(5);
  });

  it('refuses answering at a time before the last answer', () => {
    const h = home();
    runJson(h, ['answer', 'rlhf:forward', 'good', '--now', NOW]);
    expect(runBin(h, ['answer', 'rlhf:forward', 'good', '--now', '2026-02-01T00:00:00Z']).stderr).toBe(
      'llmcards: cannot answer llm-alignment/rlhf:forward at 2026-02-01T00:00:00.000Z: it was last answered later, at 2026-03-01T08:00:00.000Z\n',
    );
  });

  it('names a missing --home folder', () => {
    const r = runBin('/nonexistent/llmcards-home', ['due']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'llmcards: collection folder /nonexistent/llmcards-home does not exist (create one with: llmcards init /nonexistent/llmcards-home)\n',
    });
  });

  it('refuses a database that is not SQLite, without touching it', () => {
    const h = home();
    mkdirSync(join(h, 'data'));
    writeFileSync(join(h, 'data', 'llmcards.db'), 'this is not a database, it is a note to self\n');
    const r = runBin(h, ['due']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^llmcards: cannot use .*llmcards\.db: the file is not an SQLite database\n$/);
    expect(readFileSync(join(h, 'data', 'llmcards.db'), 'utf8')).toBe('this is not a database, it is a note to self\n');
  });

  // root writes anywhere, so as root the command runs as nobody — which needs to reach this checkout.
  const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  const nobodyCanRun =
    process.getuid?.() !== 0 ||
    spawnSync(asNobody[0]!, [...asNobody.slice(1), process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`]).status === 0;
  it.runIf(nobodyCanRun)('reports a read-only data folder clearly, changing nothing', () => {
    const h = home();
    runJson(h, ['sync']);
    const db = join(h, 'data', 'llmcards.db');
    const before = readFileSync(db);
    const asUser = process.getuid?.() === 0 ? asNobody : [];
    chmodSync(h, 0o755);
    chmodSync(join(h, 'data'), 0o555);
    chmodSync(db, 0o444);
    try {
      const r = spawnSync(
        asUser[0] ?? process.execPath,
        [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), BIN, '--home', h, 'answer', 'rlhf:forward', 'good'],
        { env: childEnv(), encoding: 'utf8' },
      );
      expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 1, stderr: `llmcards: cannot use ${db}: permission denied or read-only file system\n` });
      expect(readFileSync(db).equals(before)).toBe(true);
    } finally {
      chmodSync(join(h, 'data'), 0o755);
      chmodSync(db, 0o644);
    }
  });

  it('writes nothing to stderr when a command succeeds', () => {
    const h = bundledHome();
    for (const args of [['sync'], ['due'], ['decks'], ['next'], ['search', 'token']]) {
      expect(runBin(h, [...args, '--json']).stderr).toBe('');
    }
  });
});

it('a --help for every command, with an example', () => {
  const h = home();
  const listed = runBin(h, ['--help'])
    .stdout.split('Commands:')[1]!
    .split('\n')
    .map((l) => /^  ([a-z]+)/.exec(l)?.[1])
    .filter((c): c is string => Boolean(c));
  expect(listed.length).toBeGreaterThanOrEqual(20);
  for (const cmd of listed) {
    const r = runBin(h, [cmd, '--help']);
    expect(r.code, cmd).toBe(0);
    expect(r.stdout, cmd).toMatch(/Example/);
  }
  expect(runBin(h, ['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
});

it('every glossary deck builder deck syncs (sanity of the test builders)', () => {
  const h = tempHome({ 'g.yaml': glossaryDeck(3) });
  expect(runJson(h, ['sync']).added).toBe(6);
});

describe('the database file', () => {
  it('refuses a database from a newer llmcards without touching it', async () => {
    const h = home();
    runJson(h, ['sync']);
    const Database = (await import('better-sqlite3')).default;
    const path = join(h, 'data', 'llmcards.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(path);
    const r = runBin(h, ['due']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `llmcards: ${path} was written by a newer llmcards (schema 99; this one knows up to 3): upgrade llmcards; the file was not changed\n`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
