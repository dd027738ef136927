/**
 * argv → what the command does, in process (the seam main.ts uses): options and their errors,
 * exit codes (SPEC §4), and the JSON a script reads, without a process per case.
 */
import { describe, expect, it } from 'vitest';
import { questionDeck } from '../support/builders.js';
import { runHere, runJsonHere } from '../support/cli.js';
import { tempHome } from '../support/home.js';

const N = ['--now', '2026-03-01T08:00:00Z'];

describe('argv to options, in process', () => {
  const home = tempHome({ 'q.yaml': questionDeck(3) });

  it.each([
    [['--version'], 0, /^0\.0\.0-test\n$/],
    [['due', '--bogus'], 2, /unknown option '--bogus'/],
    [['nosuch'], 2, /unknown command "nosuch"/],
    [['due', '--now', 'yesterday'], 2, /--now/],
    [['answer', 'q/q1:forward', 'great', ...N], 2, /great/],
    [['answer', 'q/q1:forward', 'good', 'easy', ...N], 2, /too many arguments|unexpected|extra/i],
    [['undo', 'extra'], 2, /too many arguments|unexpected|extra/i],
    [['answer', 'q/nope:forward', 'good', ...N], 1, /unknown card/],
    [['config', 'set', 'new_per_day', 'many'], 1, /new_per_day/],
  ])('%j exits %i', async (args, code, message) => {
    const r = await runHere(home, args as string[]);
    expect(r.code).toBe(code);
    expect(code === 0 ? r.stdout : r.stderr).toMatch(message as RegExp);
  });

  it('due, next and answer give the SPEC §4 shapes, and --deck narrows', async () => {
    const due = await runJsonHere(home, ['due', ...N]);
    expect(due).toMatchObject({
      now: '2026-03-01T08:00:00.000Z',
      new: 3,
      learning: 0,
      review: 0,
      total: 3,
      decks: [{ deck: 'q', new: 3, learning: 0, review: 0 }],
    });
    expect((await runJsonHere(home, ['due', '--deck', 'q', ...N])).total).toBe(3);
    // A deck that does not exist is an error, not an empty day (issue 13).
    expect(await runHere(home, ['due', '--deck', 'other', '--json', ...N])).toMatchObject({ code: 1, stderr: 'llmcards: no deck matches "other"\n' });
    const next = await runJsonHere(home, ['next', ...N]);
    expect(next).toMatchObject({ card: 'q/q1:forward', queue: 'new', front: 'Question 1?' });
    const answered = await runJsonHere(home, ['answer', next.card, 'good', ...N]);
    expect(answered).toMatchObject({ card: 'q/q1:forward', rating: 'good', state: 'learning', reps: 1 });
    expect((await runJsonHere(home, ['due', ...N])).learning).toBe(1);
  });

  it('due --short is one line for a prompt, and nothing when nothing is due', async () => {
    expect((await runHere(home, ['due', '--short', ...N])).stdout).toBe('1 due · 2 new\n');
    const empty = tempHome({});
    expect(await runHere(empty, ['due', '--short', ...N])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
