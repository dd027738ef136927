/**
 * The suite runs most commands in process (support/run.ts: the build's runCli in a worker thread);
 * this file checks that such a run is the binary's run: the same sample of commands, applied in
 * order to two copies of one collection, one in process and one as bin/llmcards child processes,
 * gives the same exit codes, stdout and stderr. It is also where the real binary's exit codes 0, 1
 * and 2 are seen at least once.
 */
import { describe, expect, it } from 'vitest';
import { glossaryDeck, questionDeck } from '../support/builders.js';
import { tempHome } from '../support/home.js';
import { type RunOptions, runBin, spawnBin } from '../support/run.js';

const N = ['--now', '2026-03-01T08:00:00Z'];
const LATER = ['--now', '2026-03-04T08:00:00Z'];
const decks = { 'q.yaml': questionDeck(4), 'g.yaml': glossaryDeck(6) };
const env = { LLMCARDS_DEVICE: 'test-device' };

/** argv, options and the exit code expected, in the order they run. */
const SAMPLE: [string[], RunOptions?][] = [
  [['--version']],
  [['--help']],
  [['due', '--help']],
  [['nosuch']],
  [['due', '--bogus']],
  [['due', '--now', 'yesterday']],
  [['sync', '--json', ...N]],
  [['due', ...N]],
  [['due', '--json', ...N]],
  [['due', '--short', ...N]],
  [['decks', ...N]],
  [['next', '--json', ...N]],
  [['answer', 'q/q1:forward', 'good', '--json', ...N]],
  [['answer', 'q/q1:forward', 'great', ...N]],
  [['answer', 'q/nope:forward', 'good', ...N]],
  [['answer', 'g/n1:forward', 'again', ...N]],
  [['undo', '--json', ...N]],
  [['answer', 'g/n2:forward', 'easy', ...N]],
  [['show', 'q/q1:forward', ...LATER]],
  [['show', 'q/q1:forward', '--json', ...LATER]],
  [['search', 'Term', ...N]],
  [['suspend', 'q/q2:forward', ...N]],
  [['bury', 'q/q3:forward', ...N]],
  [['due', '--json', ...N], { env: { TZ: 'Asia/Shanghai' } }],
  [['stats', ...LATER]],
  [['stats', '--json', ...LATER]],
  [['lint']],
  [['config', 'get', 'new_per_day']],
  [['config', 'set', 'new_per_day', 'many']],
  [['quiz', '--seed', '7', '--count', '3', '--print', '--json', ...N]],
  [['quiz', '--seed', '7', '--count', '3', '--answers', '-', '--json', ...N], { input: 'A\ntrue\nTerm 1\n' }],
  [['export', '--format', 'csv', ...N]],
  [['export', '--format', 'md', ...N]],
  [['device', '--json']],
  [['completion', 'bash']],
];

describe('in process and as a child process', () => {
  it('a sample of commands gives the same codes, stdout and stderr both ways', () => {
    const here = tempHome(decks);
    const there = tempHome(decks);
    const codes = new Set<number>();
    for (const [args, opts = {}] of SAMPLE) {
      const o = { ...opts, env: { ...env, ...opts.env } };
      const a = runBin(here, args, o);
      const b = spawnBin(there, args, o);
      const same = (r: typeof a, home: string) => ({ ...r, stdout: r.stdout.replaceAll(home, 'HOME'), stderr: r.stderr.replaceAll(home, 'HOME') });
      expect(same(a, here), `llmcards ${args.join(' ')}`).toEqual(same(b, there));
      codes.add(b.code);
    }
    expect([...codes].sort()).toEqual([0, 1, 2]);
  });
});
