/**
 * Hostile input (issue 8): random and mutated input to the deck parser, the config loader and the
 * answer grader never crashes — always a result or a located error; terminal escapes are inert;
 * a full disk is a clear error that changes nothing.
 */
import fc from 'fast-check';
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../src/deckfile/parse.js';
import { parseDeckFast } from '../src/deckfile/fast-parse.js';
import { parseSettings } from '../src/settings-file.js';
import { gradeTyped } from '../src/core/grading.js';
import { parseCloze } from '../src/core/cloze.js';
import { stripControlChars } from '../src/core/text.js';
import { UserError } from '../src/errors.js';
import { canMount, fullDiskWithPendingSync, REPO, tempHome } from './support/home.js';
import { runBin, runJson } from './support/run.js';

const GOOD =
  readFileSync(join(REPO, 'test', 'fixtures', 'db', 'greek.yaml'), 'utf8') +
  readFileSync(join(REPO, 'decks', 'llm', 'evaluation.yaml'), 'utf8')
    .split('\ncards:\n')[1]!
    .split('\n')
    .map((l) => l)
    .join('\n');

/** Text built from YAML's own punctuation, so that random input reaches deep into the parser. */
const yamlish = fc
  .array(
    fc.constantFrom(
      'cards:',
      '\n',
      '  - ',
      'id: ',
      'term: ',
      'definition: ',
      'cloze: ',
      '{{',
      '}}',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      "'",
      '&a ',
      '*a',
      '#',
      '|',
      '>',
      '---',
      '\t',
      ' ',
      'x',
      '中',
      'en: ',
      'zh: ',
      '\u001b[31m',
      '\u0000',
      '\u202e',
      '1_000',
      '0b11',
      '0x1F',
      '0o17',
      '014',
      '1.5e3',
      '.inf',
      'True',
      'NULL',
      '~',
      'yes',
      '"a \\',
      '\n  b"',
      "'it''s'",
    ),
    { maxLength: 80 },
  )
  .map((a) => a.join(''));

/** A valid deck with a few characters changed, inserted or deleted. */
const mutated = fc.array(fc.tuple(fc.nat(GOOD.length), fc.nat(2), fc.string({ maxLength: 3 })), { maxLength: 6 }).map((edits) => {
  let s = GOOD;
  for (const [at, op, text] of edits)
    s = op === 0 ? s.slice(0, at) + text + s.slice(at) : op === 1 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + text + s.slice(at + text.length);
  return s;
});

const located = (problems: { line: number; col: number; message: string }[]) =>
  problems.every((p) => p.line >= 1 && p.col >= 1 && p.message.length > 0 && !p.message.includes('\n'));

describe('the deck parser never crashes', () => {
  it.each([
    ['random YAML-ish text', yamlish],
    ['mutated valid decks', mutated],
    ['any string', fc.string({ maxLength: 200 })],
  ])('%s: a deck or located problems', (_name, arb) => {
    fc.assert(
      fc.property(arb, (text) => {
        const r = parseDeck(text, 'x.yaml', 'x.yaml');
        expect(r.deck !== null || r.problems.some((p) => p.severity === 'error')).toBe(true);
        expect(located(r.problems)).toBe(true);
        // Whenever the fast parser accepts a file, it reads it exactly as the precise one does.
        const fast = parseDeckFast(text, 'x.yaml', 'x.yaml');
        if (fast) expect(fast.deck).toEqual(r.deck);
      }),
      { numRuns: 400 },
    );
  });

  it('the cloze scanner and the control-character filter take anything', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        parseCloze(s);
        const clean = stripControlChars(s);
        expect(clean).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the config loader never crashes', () => {
  it('a valid config, or a UserError naming the place', () => {
    const configish = fc
      .array(
        fc.constantFrom(
          'new_per_day: ',
          'fsrs:',
          '\n',
          '  ',
          'desired_retention: ',
          '20',
          '0.9',
          '-1',
          'true',
          'null',
          '[1m, 10m]',
          'lang: ',
          'zh',
          '{',
          '}',
          ':',
          '&a ',
          '*a',
          'weights: ',
          '[',
          ']',
        ),
        { maxLength: 30 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(configish, fc.string({ maxLength: 100 })), (text) => {
        try {
          parseSettings(text, 'config.yaml');
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          expect((err as UserError).message).toMatch(/^config\.yaml:\d+:\d+: /);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the answer grader never crashes', () => {
  it('takes any reply and accepts an answer typed as it is', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }), (reply, accepted) => {
        const g = gradeTyped(reply, accepted);
        expect(['exact', 'close', 'wrong']).toContain(g.verdict);
        if (accepted.length > 0 && /[\p{L}\p{N}]/u.test(accepted[0]!)) expect(gradeTyped(accepted[0]!, accepted).verdict).toBe('exact');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hostile deck files at the command line', () => {
  it('shows escape sequences, NUL and bidi controls inert', () => {
    const home = tempHome({
      'evil.yaml': 'cards:\n  - id: evil\n    front: "title\\e]0;pwned\\a red\\e[31m\\u0000 \\u202eevil"\n    back: "clear\\e[2J screen"\n',
    });
    for (const args of [
      ['show', 'evil:forward'],
      ['show', 'evil:forward', '--json'],
      ['search', 'title'],
      ['next', '--json'],
    ]) {
      const r = runBin(home, args);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000\u0007\u001b\u202e]/);
    }
    expect(runJson(home, ['show', 'evil:forward']).front).toBe('title red evil');
  });

  it('refuses a huge deck file quickly, and still works', () => {
    const home = tempHome({ 'small.yaml': 'cards:\n  - id: a\n    term: x\n    definition: y\n' });
    writeFileSync(join(home, 'decks', 'huge.yaml'), `cards:\n${'  - {id: n, term: x, definition: y}\n'.repeat(300_000)}`);
    const started = Date.now();
    const r = runJson(home, ['sync']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.errors).toEqual([{ file: 'decks/huge.yaml', line: 1, col: 1, message: 'deck file is larger than 8 MB; split it into several decks' }]);
    expect(r.decks).toBe(1);
  });

  it('refuses an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(9)
          .fill(`*${i === 1 ? 'a' : 'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    const home = tempHome({ 'bomb.yaml': `${bomb.join('\n')}\ncards: []\n` });
    const r = runJson(home, ['sync']);
    expect(r.errors[0].message).toMatch(/invalid YAML: .*alias/i);
  });
});

describe('a full disk', () => {
  // Needs a small file system of its own: a tmpfs, where the tests may mount one (root in CI).
  it.runIf(canMount)('gives a clear error and leaves the database as it was', () => {
    const mnt = join(tempHome(), 'disk');
    mkdirSync(mnt);
    // (2 MB: a new database of 16 KB pages and its WAL take some 900 KB before the first answer.)
    execSync(`mount -t tmpfs -o size=2m tmpfs ${mnt}`);
    try {
      let before: unknown;
      // A larger deck, then the disk filled up: its sync cannot be written.
      const home = fullDiskWithPendingSync(mnt, (h) => {
        runJson(h, ['answer', 'a', 'good', '--now', '2026-03-01T08:00:00Z']);
        before = runJson(h, ['show', 'a', '--now', '2026-03-02T08:00:00Z']);
      });
      const r = runBin(home, ['sync']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^llmcards: (the disk is full; nothing was changed|cannot (use|write).*)/);
      execSync(`rm -f ${mnt}/filler`);
      writeFileSync(join(home, 'decks', 'q.yaml'), 'cards:\n  - id: a\n    front: q?\n    back: a\n');
      expect(runJson(home, ['show', 'a', '--now', '2026-03-02T08:00:00Z'])).toEqual(before);
    } finally {
      execSync(`umount ${mnt}`);
    }
  });
});
