/**
 * Unix polish (issue 8): shell completion, `due --short`, --quiet, --help and --version, backups.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, bundledHome, tempHome } from '../support/home.js';
import { childEnv, runBin, runJson } from '../support/run.js';
import { questionDeck } from '../support/builders.js';

describe('completion', () => {
  it('completes commands, options and deck names in bash', () => {
    const home = bundledHome();
    const binDir = join(home, 'bin');
    mkdirSync(binDir);
    symlinkSync(BIN, join(binDir, 'llmcards'));
    const script = runBin(home, ['completion', 'bash']).stdout;
    writeFileSync(join(home, 'completion.bash'), script);
    const complete = (words: string[]) => {
      const r = spawnSync(
        'bash',
        [
          '-c',
          `source completion.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _llmcards; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        {
          cwd: home,
          env: childEnv({ PATH: `${binDir}:${process.env.PATH}`, LLMCARDS_HOME: home }),
          encoding: 'utf8',
        },
      );
      return r.stdout.trim().split('\n');
    };
    expect(complete(['llmcards', 'rev'])).toEqual(['review']);
    expect(complete(['llmcards', 'review', '--li'])).toEqual(['--limit']);
    expect(complete(['llmcards', 'due', '--deck', 'llm/tr'])).toEqual(['llm/training', 'llm/transformer']);
  });

  it.each(['zsh', 'fish'])('prints a %s script', (shell) => {
    const r = runBin(tempHome(), ['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('review');
  });

  it('refuses an unknown shell', () => {
    expect(runBin(tempHome(), ['completion', 'tcsh']).code).toBe(2);
  });
});

describe('due --short', () => {
  it('prints one short line, and nothing when nothing is due', () => {
    const home = tempHome({ 'q.yaml': questionDeck(3) });
    runJson(home, ['answer', 'q1:forward', 'again', '--now', '2026-03-01T08:00:00Z']);
    expect(runBin(home, ['due', '--short', '--now', '2026-03-01T08:30:00Z'])).toEqual({ code: 0, stdout: '1 due · 2 new\n', stderr: '' });
    const empty = tempHome({ 'q.yaml': 'cards: []\n' });
    expect(runBin(empty, ['due', '--short'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('--quiet', () => {
  it('keeps warnings off stderr, but not errors', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1), 'broken.yaml': 'cards: [\n' });
    expect(runBin(home, ['due', '--json']).stderr).toMatch(/warning: decks\/broken\.yaml/);
    expect(runBin(home, ['due', '--json', '--quiet']).stderr).toBe('');
    expect(runBin(home, ['answer', 'nope', 'good', '--quiet']).stderr).toMatch(/unknown card/);
  });
});

describe('backups', () => {
  it('backup copies the database; restore brings a copy back, keeping the replaced one', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    runJson(home, ['answer', 'q1:forward', 'good', '--now', '2026-03-01T08:00:00Z']);
    const { file } = runJson(home, ['backup', '--now', '2026-03-01T08:00:00Z']);
    expect(existsSync(file)).toBe(true);
    runJson(home, ['answer', 'q1:forward', 'good', '--now', '2026-03-01T08:30:00Z']);
    expect(runJson(home, ['show', 'q1:forward']).reps).toBe(2);
    const r = runJson(home, ['restore', file, '--now', '2026-03-01T09:00:00Z']);
    expect(r).toMatchObject({ info: { version: 3, cards: 1, reviews: 1 } });
    expect(existsSync(r.previous)).toBe(true);
    // The journal (history/, SPEC §8) still holds the later answer: the restored database gets it back.
    expect(runJson(home, ['show', 'q1:forward']).reps).toBe(2);
  });

  it('refuses to restore a file that is not an llmcards database, changing nothing', () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    runJson(home, ['answer', 'q1:forward', 'good']);
    writeFileSync(join(home, 'junk.db'), 'junk');
    expect(runBin(home, ['restore', 'junk.db'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/junk\.db is not an llmcards database/) });
    expect(runJson(home, ['show', 'q1:forward']).reps).toBe(1);
  });

  it('keeps the last backups_keep daily copies', async () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    writeFileSync(join(home, 'config.yaml'), 'backups_keep: 2\n');
    runJson(home, ['answer', 'q1:forward', 'good', '--now', '2026-03-01T08:00:00Z']);
    const { openCollection } = await import('../../src/app/context.js');
    const { autoBackup } = await import('../../src/app/backup.js');
    for (const day of ['01', '02', '02', '03', '04']) {
      const ctx = await openCollection({ home, now: new Date(`2026-03-${day}T12:00:00Z`), offsetAt: () => 0, cwd: home });
      autoBackup(ctx);
      ctx.store.close();
    }
    expect(readdirSync(join(home, 'data', 'backups')).sort()).toEqual(['llmcards-2026-03-03.db', 'llmcards-2026-03-04.db']);
  });
});
