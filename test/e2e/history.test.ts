/**
 * Several machines, one history (SPEC §8, issue 19): collections cloned from one bare git
 * repository, studied on both, committed, pulled and pushed both ways with Debian's git.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLine, type AnswerLine } from '../../src/core/journal.js';
import { replayCard } from '../../src/core/replay.js';
import { createScheduler } from '../../src/core/scheduler.js';
import { BIN, writeDeck } from '../support/home.js';
import { childEnv, runBin, runJson } from '../support/run.js';

const DECK = `cards:
  - id: alpha
    front: What is the first letter?
    back: Alpha
  - id: beta
    term: Beta
    definition: the second letter
  - id: gamma
    front: What is the third letter?
    back: Gamma
`;
const X = 'greek/alpha:forward';
const Y = 'greek/beta:forward';
const Z = 'greek/gamma:forward';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): { code: number; out: string } {
  const r = spawnSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'pull.rebase=true', ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
  );
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function gitOk(cwd: string, ...args: string[]): string {
  const r = git(cwd, ...args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.out}`);
  return r.out;
}

/** Commit what study changed and push it, pulling (with rebase) first: what the README tells people to do. */
function share(home: string, message: string): void {
  gitOk(home, 'add', '-A');
  if (git(home, 'diff', '--cached', '--quiet').code !== 0) gitOk(home, 'commit', '-qm', message);
  const pull = git(home, 'pull', '--rebase', '-q', 'origin', 'main');
  expect(pull.code, pull.out).toBe(0);
  expect(pull.out).not.toMatch(/CONFLICT/);
  gitOk(home, 'push', '-q', 'origin', 'HEAD:main');
}

function pull(home: string): void {
  const r = git(home, 'pull', '--rebase', '-q', 'origin', 'main');
  expect(r.code, r.out).toBe(0);
  expect(r.out).not.toMatch(/CONFLICT/);
}

/** A bare origin, and machine A's collection pushed to it. Returns the origin and A's folder. */
function origin(): { bare: string; a: string } {
  const root = mkdtempSync(join(tmpdir(), 'llmcards-git-'));
  dirs.push(root);
  const bare = join(root, 'origin.git');
  gitOk(root, 'init', '-q', '--bare', bare);
  const a = join(root, 'laptop');
  const init = spawnSync(process.execPath, [BIN, 'init', a, '--empty'], { env: childEnv(), encoding: 'utf8' });
  expect(init.status, init.stderr).toBe(0);
  writeDeck(a, 'greek.yaml', DECK);
  gitOk(a, 'init', '-q');
  gitOk(a, 'remote', 'add', 'origin', bare);
  gitOk(a, 'add', '-A');
  gitOk(a, 'commit', '-qm', 'decks');
  gitOk(a, 'push', '-q', 'origin', 'HEAD:main');
  return { bare, a };
}

function clone(bare: string, name: string): string {
  const dir = join(bare, '..', name);
  gitOk(join(bare, '..'), 'clone', '-q', bare, dir);
  return dir;
}

const A_ENV = { env: { LLMCARDS_DEVICE: 'laptop' } };
const B_ENV = { env: { LLMCARDS_DEVICE: 'server' } };
const answer = (home: string, card: string, rating: string, now: string, env = A_ENV) => runJson(home, ['answer', card, rating, '--now', now], env);
const show = (home: string, card: string, now: string, env = A_ENV) => runJson(home, ['show', card, '--now', now], env);
/** What must be equal on both machines: the state and the history, not the device's own name. */
const studied = (s: any) => ({
  state: s.state,
  due: s.due,
  stability: s.stability,
  difficulty: s.difficulty,
  reps: s.reps,
  lapses: s.lapses,
  suspended: s.suspended,
  history: s.history,
});

function journalLines(home: string): AnswerLine[] {
  const out: AnswerLine[] = [];
  for (const device of readdirSync(join(home, 'history'))) {
    for (const f of readdirSync(join(home, 'history', device))) {
      for (const text of readFileSync(join(home, 'history', device, f), 'utf8').split('\n')) {
        if (!text) continue;
        const p = parseLine(text);
        if (p.ok && p.line.kind === 'answer') out.push(p.line);
      }
    }
  }
  return out;
}

describe('two machines sharing a collection through git', { timeout: 300_000 }, () => {
  it('answers on both, the same card on both the same day: identical histories and states, equal to a direct replay', () => {
    const { bare, a } = origin();
    answer(a, X, 'good', '2026-03-01T09:00:00Z');
    answer(a, Y, 'again', '2026-03-01T09:01:00Z');
    answer(a, X, 'good', '2026-03-01T09:12:00Z');
    share(a, 'study on the laptop');

    const b = clone(bare, 'server');
    // A fresh clone has no data/: its first command builds the state from history/.
    const first = runBin(b, ['due', '--json', '--now', '2026-03-01T20:00:00Z'], B_ENV);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('llmcards: rebuilt the study state of 2 cards from 3 lines in history/\n');
    expect(studied(show(b, X, '2026-03-01T20:00:00Z', B_ENV))).toEqual(studied(show(a, X, '2026-03-01T20:00:00Z')));
    // The same card the same day on the server, and another card.
    answer(b, X, 'hard', '2026-03-01T20:00:00Z', B_ENV);
    answer(b, Z, 'easy', '2026-03-01T20:01:00Z', B_ENV);
    // Meanwhile the laptop studied on, later than the server (pushed after it).
    answer(a, X, 'easy', '2026-03-01T21:00:00Z');
    share(b, 'study on the server');
    share(a, 'more study on the laptop');
    pull(b);

    const now = '2026-03-02T08:00:00Z';
    const sync = runJson(b, ['sync', '--now', now], B_ENV);
    expect(sync.history).toEqual({ lines: 1, cards: 1 });
    runJson(a, ['sync', '--now', now]);
    for (const card of [X, Y, Z]) expect(studied(show(a, card, now))).toEqual(studied(show(b, card, now, B_ENV)));
    const onA = show(a, X, now);
    expect(onA.history.map((h: any) => [h.at, h.rating, h.device])).toEqual([
      ['2026-03-01T09:00:00.000Z', 'good', 'laptop'],
      ['2026-03-01T09:12:00.000Z', 'good', 'laptop'],
      ['2026-03-01T20:00:00.000Z', 'hard', 'server'],
      ['2026-03-01T21:00:00.000Z', 'easy', 'laptop'],
    ]);
    // A direct replay of the journal's lines for X (default settings: fuzz on) gives the same.
    const scheduler = createScheduler({
      desiredRetention: 0.9,
      maximumInterval: 36500,
      enableFuzz: true,
      learningSteps: ['1m', '10m'],
      relearningSteps: ['10m'],
      weights: null,
    });
    const lines = journalLines(a).filter((l) => l.card === X);
    const replay = replayCard(
      lines.map((l) => ({ kind: 'answer', id: l.id, at: l.at, rating: l.rating })),
      scheduler,
      { threshold: 8, action: 'suspend' },
    );
    expect({ state: onA.state, due: onA.due, stability: onA.stability, difficulty: onA.difficulty, reps: onA.reps }).toEqual({
      state: replay.memory.state,
      due: replay.memory.due!.toISOString(),
      stability: replay.memory.stability,
      difficulty: replay.memory.difficulty,
      reps: replay.memory.reps,
    });
    expect(onA.history.map((h: any) => h.stability)).toEqual(replay.answers.map((r) => r.after.stability));

    // Statistics are of the merged history, on either machine.
    for (const [home, env] of [
      [a, A_ENV],
      [b, B_ENV],
    ] as const) {
      const stats = runJson(home, ['stats', '--now', now], env);
      expect(stats.reviews.last_7_days).toBe(6);
      expect(stats.devices.map((d: any) => [d.device, d.reviews])).toEqual([
        ['laptop', 4],
        ['server', 2],
      ]);
    }
    // Each machine wrote only its own folder.
    expect(readdirSync(join(a, 'history')).sort()).toEqual(['laptop', 'server']);
    expect(git(a, 'status', '--porcelain').out).toBe('');

    // data/ deleted: the next command rebuilds the same counts and states.
    const due = runJson(a, ['due', '--now', now]);
    const states = [X, Y, Z].map((c) => studied(show(a, c, now)));
    rmSync(join(a, 'data'), { recursive: true, force: true });
    const again = runBin(a, ['due', '--json', '--now', now], A_ENV);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^llmcards: rebuilt the study state of 3 cards from 6 lines in history\/\n$/);
    expect(JSON.parse(again.stdout)).toEqual(due);
    expect([X, Y, Z].map((c) => studied(show(a, c, now)))).toEqual(states);
    // A rebuilt machine of the same name continues its ids: no line id is given twice.
    answer(a, Y, 'good', '2026-03-02T08:05:00Z');
    const ids = readFileSync(join(a, 'history', 'laptop', '2026-03.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('an undo on one machine undoes on the other after a pull, and suspend/bury resolve by time', () => {
    const { bare, a } = origin();
    const b = clone(bare, 'server');
    answer(a, X, 'good', '2026-03-01T09:00:00Z');
    share(a, 'one answer');
    pull(b);
    expect(runBin(b, ['sync', '--now', '2026-03-01T10:00:00Z'], B_ENV).stderr).toBe('llmcards: rebuilt the study state of 1 card from 1 line in history/\n');
    expect(show(b, X, '2026-03-01T10:00:00Z', B_ENV).reps).toBe(1);
    runJson(a, ['undo', '--now', '2026-03-01T10:00:00Z']);
    // Suspended on the laptop, unsuspended later on the server: the later one wins on both.
    runJson(a, ['suspend', Y, '--now', '2026-03-01T10:01:00Z']);
    runJson(b, ['unsuspend', Y, '--now', '2026-03-01T10:05:00Z'], B_ENV);
    share(a, 'undo');
    share(b, 'unsuspend');
    pull(a);
    for (const home of [a, b]) {
      const env = home === a ? A_ENV : B_ENV;
      const x = show(home, X, '2026-03-01T11:00:00Z', env);
      expect(x).toMatchObject({ state: 'new', reps: 0, history: [] });
      expect(show(home, Y, '2026-03-01T11:00:00Z', env).suspended).toBe(false);
    }
  });

  it('a malformed line and one from a newer version are reported (file:line) and skipped, nothing else lost', () => {
    const { bare, a } = origin();
    const b = clone(bare, 'server');
    const good = (n: number, card: string, at: string) =>
      JSON.stringify({ v: 1, id: `tablet:${n}`, at, device: 'tablet', card, rating: 'good', duration_ms: 1200, source: 'review' });
    const dir = join(b, 'history', 'tablet');
    mkdirSync(dir, { recursive: true });
    appendFileSync(
      join(dir, '2026-03.jsonl'),
      `${good(1, X, '2026-03-01T09:00:00Z')}\n{"v":1,"id":"tablet:2",oops\n${JSON.stringify({ v: 2, id: 'tablet:3', at: '2026-03-01T09:02:00Z', device: 'tablet', card: Y, thing: 'new' })}\n${good(4, Z, '2026-03-01T09:03:00Z')}\n`,
    );
    const r = runBin(b, ['sync', '--json', '--now', '2026-03-01T10:00:00Z'], B_ENV);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'llmcards: warning: history/tablet/2026-03.jsonl:2: journal line not JSON; skipped\n' +
        'llmcards: warning: history/tablet/2026-03.jsonl:3: journal line written by a newer llmcards (journal version 2; this one reads 1); skipped\n' +
        'llmcards: rebuilt the study state of 2 cards from 2 lines in history/\n',
    );
    expect(JSON.parse(r.stdout).history).toEqual({ lines: 2, cards: 2 });
    expect(show(b, X, '2026-03-01T10:00:00Z', B_ENV).history).toMatchObject([{ rating: 'good', device: 'tablet' }]);
    expect(show(b, Z, '2026-03-01T10:00:00Z', B_ENV).reps).toBe(1);
    expect(show(b, Y, '2026-03-01T10:00:00Z', B_ENV).reps).toBe(0);
    // Read once: the next command says nothing more.
    expect(runBin(b, ['due', '--json', '--now', '2026-03-01T10:00:00Z'], B_ENV).stderr).toBe('');
    expect(existsSync(join(a, 'history', 'tablet'))).toBe(false);
  });
});

describe('applying foreign lines incrementally', { timeout: 300_000 }, () => {
  it('carried forward, replayed from the start, undone, and for a card in no deck here: the same as a rebuild from history/', () => {
    const { a } = origin();
    answer(a, X, 'good', '2026-03-01T09:00:00Z');
    answer(a, Y, 'good', '2026-03-01T09:00:00Z');
    const line = (n: number, at: string, card: string, rest: string) => `{"v":1,"id":"desk:${n}","at":"${at}","device":"desk","card":"${card}",${rest}}\n`;
    const ans = (rating: string) => `"rating":"${rating}","duration_ms":4000,"source":"review"`;
    const W = 'greek/omega:forward';
    mkdirSync(join(a, 'history', 'desk'), { recursive: true });
    writeFileSync(
      join(a, 'history', 'desk', '2026-03.jsonl'),
      [
        line(1, '2026-03-01T08:00:00.000Z', X, ans('again')), // before this machine's answer: X is replayed from the start
        line(2, '2026-03-01T10:00:00.000Z', Y, ans('again')), // after everything Y had: carried forward
        line(3, '2026-03-01T10:01:00.000Z', W, ans('good')), // a card of a note in no deck file here
        line(4, '2026-03-01T10:02:00.000Z', Z, ans('good')),
        line(5, '2026-03-01T10:03:00.000Z', Z, '"action":"undo","answer":"desk:4"'), // taken back in the same read
        line(6, '2026-03-01T10:04:00.000Z', Y, ans('good')),
      ].join(''),
    );
    const synced = runJson(a, ['sync', '--now', '2026-03-01T11:00:00Z'], A_ENV);
    expect(synced.history).toEqual({ lines: 6, cards: 3 });
    const now = '2026-03-02T08:00:00Z';
    const states = () => [X, Y, Z, W].map((card) => studied(show(a, card, now)));
    const incremental = states();
    expect(incremental[0]!.history).toHaveLength(2);
    expect(incremental[1]!.history).toHaveLength(3);
    expect(incremental[2]!.history).toHaveLength(0);
    expect(incremental[3]!.history).toHaveLength(1);
    rmSync(join(a, 'data'), { recursive: true, force: true });
    expect(runBin(a, ['sync', '--now', '2026-03-01T11:00:00Z'], A_ENV).stderr).toBe('llmcards: rebuilt the study state of 3 cards from 8 lines in history/\n');
    expect(states()).toEqual(incremental);
  });
});

describe('the journal on one machine', { timeout: 300_000 }, () => {
  it('writes every path: answer, review source, suspend, unsuspend, bury, undo; and the device command', () => {
    const { a } = origin();
    expect(runJson(a, ['device'], A_ENV)).toMatchObject({ device: 'laptop', folder: 'history/laptop/' });
    answer(a, X, 'good', '2026-03-01T09:00:00Z');
    runJson(a, ['suspend', Y, '--now', '2026-03-01T09:01:00Z']);
    runJson(a, ['unsuspend', Y, '--now', '2026-03-01T09:02:00Z']);
    runJson(a, ['bury', Z, '--now', '2026-03-01T09:03:00Z']);
    runJson(a, ['undo', '--now', '2026-03-01T09:04:00Z']);
    const text = readFileSync(join(a, 'history', 'laptop', '2026-03.jsonl'), 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { v: 1, id: 'laptop:1', at: '2026-03-01T09:00:00.000Z', device: 'laptop', card: X, rating: 'good', duration_ms: null, source: 'answer' },
      { v: 1, id: 'laptop:2', at: '2026-03-01T09:01:00.000Z', device: 'laptop', card: Y, action: 'suspend' },
      { v: 1, id: 'laptop:3', at: '2026-03-01T09:02:00.000Z', device: 'laptop', card: Y, action: 'unsuspend' },
      { v: 1, id: 'laptop:4', at: '2026-03-01T09:03:00.000Z', device: 'laptop', card: Z, action: 'bury', until: '2026-03-02T04:00:00.000Z' },
      { v: 1, id: 'laptop:5', at: '2026-03-01T09:04:00.000Z', device: 'laptop', card: X, action: 'undo', answer: 'laptop:1' },
    ]);
    // Renamed: new lines go to the new folder; the old ones stay where they are.
    expect(runJson(a, ['device', 'work-desktop'], A_ENV)).toMatchObject({ device: 'work-desktop', previous: 'laptop' });
    answer(a, X, 'good', '2026-03-01T10:00:00Z');
    expect(readFileSync(join(a, 'history', 'work-desktop', '2026-03.jsonl'), 'utf8')).toContain('"id":"work-desktop:6"');
    expect(runJson(a, ['show', X, '--now', '2026-03-01T10:00:00Z']).device).toBe('work-desktop');
    expect(runBin(a, ['device', '../x']).code).toBe(2);
    const stats = runJson(a, ['stats', '--now', '2026-03-01T10:00:00Z']);
    expect(stats.devices).toEqual([{ device: 'work-desktop', reviews: 1, this_device: true }]);
  });

  it('init writes a .gitignore that ignores data/ and keeps decks/, history/ and config.yaml', () => {
    const { a } = origin();
    expect(
      readFileSync(join(a, '.gitignore'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
    ).toEqual(['data/', '!decks/', '!history/', '!config.yaml']);
    answer(a, X, 'good', '2026-03-01T09:00:00Z');
    gitOk(a, 'add', '-A');
    const staged = gitOk(a, 'diff', '--cached', '--name-only').trim().split('\n');
    expect(staged).toEqual(['history/laptop/2026-03.jsonl']);
  });
});

describe('llmcards sync --git', { timeout: 300_000 }, () => {
  const ID = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
  const onA = { env: { LLMCARDS_DEVICE: 'laptop', ...ID } };
  const onB = { env: { LLMCARDS_DEVICE: 'server', ...ID } };
  const gitSync = (home: string, now: string, env: { env: Record<string, string> }) => runBin(home, ['sync', '--git', '--json', '--now', now], env);

  it("commits only this device's history, pulls with rebase, replays, pushes: both machines end equal; the user's own edits are left alone", () => {
    const { bare, a } = origin();
    const b = clone(bare, 'server');
    answer(a, X, 'good', '2026-03-01T09:00:00Z', onA);
    answer(b, X, 'again', '2026-03-01T09:05:00Z', onB);
    answer(b, Y, 'good', '2026-03-01T09:06:00Z', onB);
    // An edit of the user's own on A, not to be committed.
    appendFileSync(join(a, 'decks', 'greek.yaml'), '  - id: delta\n    front: What is the fourth letter?\n    back: Delta\n');

    const ra = gitSync(a, '2026-03-01T10:00:00Z', onA);
    expect(ra.code, ra.stderr).toBe(0);
    const ja = JSON.parse(ra.stdout);
    expect(ja.git).toMatchObject({
      remote: 'origin',
      branch: 'main',
      committed: ['history/laptop/2026-03.jsonl'],
      pulled: 0,
      pushed: 1,
      uncommitted: ['decks/greek.yaml'],
    });
    expect(ja.history).toEqual({ lines: 0, cards: 0 });
    expect(gitOk(a, 'show', '--name-only', '--format=%s', 'HEAD').trim().split('\n')).toEqual([
      'llmcards: study history of laptop',
      '',
      'history/laptop/2026-03.jsonl',
    ]);
    expect(gitOk(a, 'status', '--porcelain')).toBe(' M decks/greek.yaml\n');

    const rb = gitSync(b, '2026-03-01T10:01:00Z', onB);
    expect(rb.code, rb.stderr).toBe(0);
    const jb = JSON.parse(rb.stdout);
    expect(jb.git).toMatchObject({ committed: ['history/server/2026-03.jsonl'], pulled: 1, pushed: 1, uncommitted: [] });
    expect(jb.history).toEqual({ lines: 1, cards: 1 });

    const ra2 = gitSync(a, '2026-03-01T10:02:00Z', onA);
    expect(ra2.code, ra2.stderr).toBe(0);
    const ja2 = JSON.parse(ra2.stdout);
    expect(ja2.git).toMatchObject({ committed: [], commit: null, pulled: 1, pushed: 0, uncommitted: ['decks/greek.yaml'] });
    expect(ja2.history).toEqual({ lines: 2, cards: 2 });
    for (const card of [X, Y]) expect(studied(show(a, card, '2026-03-01T11:00:00Z', onA))).toEqual(studied(show(b, card, '2026-03-01T11:00:00Z', onB)));
    expect(show(a, X, '2026-03-01T11:00:00Z', onA).history.map((h: { device: string }) => h.device)).toEqual(['laptop', 'server']);
    // The user's edit is still theirs, uncommitted; the text form says so.
    expect(gitOk(a, 'status', '--porcelain')).toBe(' M decks/greek.yaml\n');
    const text = runBin(a, ['sync', '--git', '--now', '2026-03-01T10:03:00Z'], onA);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Nothing new of this device to commit.');
    expect(text.stdout).toContain('Not committed (your own changes, yours to commit): decks/greek.yaml.');
  });

  it('a push rejected because someone pushed first: the second pull is replayed by this sync, not left for the next command', () => {
    const { bare, a } = origin();
    const b = clone(bare, 'server');
    answer(a, X, 'good', '2026-03-01T09:00:00Z', onA);
    answer(b, Y, 'good', '2026-03-01T09:05:00Z', onB);
    answer(b, X, 'again', '2026-03-01T09:06:00Z', onB);
    gitOk(b, 'add', '-A');
    gitOk(b, 'commit', '-qm', 'server study');
    // The server pushes while the laptop's sync is between its pull and its push: A's pre-push hook
    // pushes B's commit (once), so A's push is refused and its sync must pull again.
    const flag = join(a, '..', 'hook-ran');
    writeFileSync(
      join(a, '.git', 'hooks', 'pre-push'),
      `#!/bin/sh\n[ -e '${flag}' ] && exit 0\ntouch '${flag}'\nenv -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE git -C '${b}' push -q origin HEAD:main >&2\n`,
    );
    chmodSync(join(a, '.git', 'hooks', 'pre-push'), 0o755);

    const ra = gitSync(a, '2026-03-01T10:00:00Z', onA);
    expect(ra.code, ra.stderr).toBe(0);
    expect(existsSync(flag)).toBe(true);
    const ja = JSON.parse(ra.stdout);
    expect(ja.git).toMatchObject({ committed: ['history/laptop/2026-03.jsonl'], pulled: 1, pushed: 1 });
    // The server's two lines came with the second pull and were applied by this very sync.
    expect(ja.history).toEqual({ lines: 2, cards: 2 });
    expect(runJson(a, ['sync', '--now', '2026-03-01T10:01:00Z'], onA).history).toEqual({ lines: 0, cards: 0 });
    expect(gitOk(bare, 'rev-parse', 'main')).toBe(gitOk(a, 'rev-parse', 'HEAD'));

    pull(b);
    for (const card of [X, Y]) expect(studied(show(a, card, '2026-03-01T11:00:00Z', onA))).toEqual(studied(show(b, card, '2026-03-01T11:00:00Z', onB)));
  });

  it('says in one line why it cannot: not a repository, no remote, a conflict in the decks (taken back, nothing pushed)', () => {
    const root = mkdtempSync(join(tmpdir(), 'llmcards-git-'));
    dirs.push(root);
    const plain = join(root, 'plain');
    expect(spawnSync(process.execPath, [BIN, 'init', plain, '--empty'], { env: childEnv(), encoding: 'utf8' }).status).toBe(0);
    const notRepo = gitSync(plain, '2026-03-01T10:00:00Z', onA);
    expect(notRepo.code).toBe(1);
    expect(notRepo.stderr).toMatch(/^llmcards: sync --git: .* is not in a git repository \(.*\)\n$/);
    gitOk(plain, 'init', '-q');
    const noRemote = gitSync(plain, '2026-03-01T10:00:00Z', onA);
    expect(noRemote.code).toBe(1);
    expect(noRemote.stderr).toBe('llmcards: sync --git: the repository has no remote to share with (add one: git remote add origin URL)\n');

    // Both machines commit their own edit of the same deck line: a real conflict, outside history/.
    const { bare, a } = origin();
    const b = clone(bare, 'server');
    const edit = (home: string, back: string) => {
      writeDeck(home, 'greek.yaml', DECK.replace('back: Alpha', `back: ${back}`));
      gitOk(home, 'commit', '-qam', `deck edit ${back}`);
    };
    edit(b, 'Alpha (server)');
    const rb = gitSync(b, '2026-03-01T10:00:00Z', onB);
    expect(rb.code, rb.stderr).toBe(0);
    edit(a, 'Alpha (laptop)');
    answer(a, X, 'good', '2026-03-01T10:05:00Z', onA);
    const before = gitOk(bare, 'rev-parse', 'main');
    const conflict = gitSync(a, '2026-03-01T10:06:00Z', onA);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toBe(
      'llmcards: sync --git: pulling origin/main conflicts in decks/greek.yaml; nothing was pulled or pushed (resolve it with git pull --rebase yourself)\n',
    );
    expect(existsSync(join(a, '.git', 'rebase-merge'))).toBe(false);
    expect(gitOk(a, 'status', '--porcelain')).toBe('');
    expect(gitOk(bare, 'rev-parse', 'main')).toBe(before);
    // The journal was committed locally and stays.
    expect(gitOk(a, 'log', '-1', '--format=%s')).toBe('llmcards: study history of laptop\n');
  });
});
