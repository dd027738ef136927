/**
 * The hostile-input audit (../shared/audits/hostile-audit.md), row by row (issue 17): each row's
 * input, run once through the built command, gives the exact exit code of SPEC §4 (0 done, 1 refused,
 * 2 usage), a one-line message naming the file and line, the key or the value at fault, and writes
 * nothing: the review log, the cards, the notes, the deck files, config.yaml and history/ are the same
 * before and after (the database compared by content when it can be opened, else byte for byte).
 * One collection per group, set up once; a row adds its hostile input, runs, and takes it away.
 */
import { execSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { CLAMP_PARAMETERS } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { WEIGHT_RANGES } from '../src/settings.js';
import { apkg, BASIC, legacyCollection } from './fixtures/import/anki-fixture.js';
import { BIN, canMount, fullDiskWithPendingSync, tempHome } from './support/home.js';
import { childEnv, runBin } from './support/run.js';

const NOW = '2026-03-02T08:00:00Z';
const GOOD = 'cards:\n  - id: a\n    front: first question?\n    back: first answer\n  - id: b\n    front: second question?\n    back: second answer\n';

/** What a command may not change: the database's content and every file of the collection but data/. */
function snapshot(home: string): string {
  const h = createHash('sha256');
  const db = join(home, 'data', 'llmcards.db');
  let summary: string;
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      summary = JSON.stringify([
        d.prepare('SELECT uid, card, at, rating FROM revlog ORDER BY id').all(),
        d.prepare('SELECT key, present, state, due, stability, difficulty, reps, lapses, suspended FROM cards ORDER BY key').all(),
        d.prepare('SELECT key, present FROM notes ORDER BY key').all(),
      ]);
    } finally {
      d.close();
    }
  } catch {
    summary = existsSync(db) ? createHash('sha256').update(readFileSync(db)).digest('hex') : 'no database';
  }
  h.update(summary);
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const r = `${rel}/${name}`;
      if (r === '/data') continue;
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) h.update(`${r} -> ${readlinkSync(abs)}\n`);
      else if (st.isDirectory()) walk(abs, r);
      else if (st.isFile() && st.size < 64 * 1024 * 1024) h.update(`${r}\n`).update(readFileSync(abs));
      else h.update(`${r} (${st.size})\n`);
    }
  };
  walk(home, '');
  return h.digest('hex');
}

interface Row {
  /** the audit's row */
  row: string;
  what: string;
  /** adds the hostile input; returns the command's arguments (after --home) */
  setup: (home: string) => string[];
  input?: string;
  env?: Record<string, string>;
  /** no --home: the arguments are the whole command line (rows about --home itself) */
  noHome?: boolean;
  code: number;
  /** the one line on stderr (or, for lint, the line on stdout) that says what is wrong and where */
  message: RegExp;
  /** where the message is: stderr (the default) or stdout (lint's problem lines) */
  on?: 'stdout';
  /** false when the command rightly changes the collection (the row then checks what it did) */
  unchanged?: boolean;
  check?: (home: string, r: { stdout: string; stderr: string }) => void;
  /** takes the input away again */
  cleanup?: (home: string) => void;
}

/** A collection with one answered card: its history is what a row must not lose. */
function baseHome(): string {
  const home = tempHome({ 'good.yaml': GOOD });
  const r = runBin(home, ['answer', 'good/a', 'good', '--now', '2026-03-01T08:00:00Z']);
  expect(r.code, r.stderr).toBe(0);
  return home;
}

function runRows(rows: readonly Row[], makeHome: () => string = baseHome): void {
  let home: string | undefined;
  for (const row of rows) {
    it(`${row.row}: ${row.what}`, () => {
      home ??= makeHome();
      const args = row.setup(home);
      const before = snapshot(home);
      const r = spawnSync(
        process.execPath,
        [BIN, ...(row.noHome ? [] : ['--home', home]), ...args, ...(row.noHome || args.includes('--now') ? [] : ['--now', NOW])],
        {
          input: row.input ?? '',
          env: childEnv(row.env),
          cwd: home,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      try {
        const out = { stdout: r.stdout, stderr: r.stderr };
        const where = row.on === 'stdout' ? r.stdout : r.stderr;
        expect(r.status, `${r.stderr}${r.stdout.slice(0, 2000)}`).toBe(row.code);
        // The message is one whole line; no escape character anywhere.
        const line = where.split('\n').find((l) => row.message.test(l));
        expect(line, `a line of ${row.on ?? 'stderr'} matching ${row.message}:\n${where}`).toBeDefined();
        expect(r.stderr + r.stdout).not.toMatch(/\u001b|internal error|\n\s+at /);
        if (row.code !== 0 && row.on !== 'stdout') expect(r.stderr.trim().split('\n')).toHaveLength(1);
        if (row.unchanged !== false) expect(snapshot(home), 'nothing was written').toBe(before);
        row.check?.(home, out);
      } finally {
        row.cleanup?.(home);
        // A row that rightly wrote (a deck file it then took away) leaves the next row a collection in step with its files.
        if (row.unchanged === false && row.cleanup && !row.noHome) runBin(home, ['sync', '--now', NOW]);
      }
    });
  }
}

const deck = (home: string, file: string, text: string | Buffer) => writeFileSync(join(home, 'decks', file), text);
const remove =
  (...files: string[]) =>
  (home: string) => {
    for (const f of files) rmSync(join(home, f), { recursive: true, force: true });
  };

describe('§1 deck files: every bad file is named with its line, skipped, and changes no card', () => {
  runRows([
    {
      row: '1.1',
      what: 'unclosed flow sequence',
      setup: (h) => {
        deck(h, 'syntax.yaml', 'cards:\n  - id: x\n    front: [unclosed\n    back: b\n');
        return ['lint'];
      },
      code: 1,
      on: 'stdout',
      message: /^decks\/syntax\.yaml:\d+:\d+: error: invalid YAML/m,
      cleanup: remove('decks/syntax.yaml'),
    },
    {
      row: '1.7',
      what: 'invalid UTF-8 (lint names the line and column of the first bad byte)',
      setup: (h) => {
        deck(h, 'bytes.yaml', Buffer.from('cards:\n  - id: x\n    front: caf\xc3\x28\n    back: b\n', 'latin1'));
        return ['lint'];
      },
      code: 1,
      on: 'stdout',
      message: /^decks\/bytes\.yaml:3:15: error: the file is not UTF-8 text \(byte 0xc3 here is not valid UTF-8\); save it as UTF-8$/m,
      cleanup: remove('decks/bytes.yaml'),
    },
    {
      row: '1.7',
      what: 'invalid UTF-8 (any command warns and skips the file, not loads U+FFFD)',
      setup: (h) => {
        deck(h, 'bytes.yaml', Buffer.from('cards:\n  - id: x\n    front: q\xff\n    back: b\n', 'latin1'));
        return ['due'];
      },
      code: 0,
      message: /^llmcards: warning: decks\/bytes\.yaml:3:13: the file is not UTF-8 text .*the file was skipped/m,
      cleanup: remove('decks/bytes.yaml'),
    },
    {
      row: '1.10',
      what: '!!binary as a front',
      setup: (h) => {
        deck(h, 'bin.yaml', 'cards:\n  - id: x\n    front: !!binary aGVsbG8=\n    back: b\n');
        return ['lint'];
      },
      code: 1,
      on: 'stdout',
      message: /^decks\/bin\.yaml:3:\d+: error: `front` must be text or a map .*not binary data \(a !!binary value\)$/m,
      cleanup: remove('decks/bin.yaml'),
    },
    {
      row: '1.9',
      what: '!!set as tags',
      setup: (h) => {
        deck(h, 'set.yaml', 'cards:\n  - id: x\n    front: q\n    back: b\n    tags: !!set {a, b}\n');
        return ['lint'];
      },
      code: 1,
      on: 'stdout',
      message: /^decks\/set\.yaml:5:\d+: error: .*a set \(a !!set value\)/m,
      cleanup: remove('decks/set.yaml'),
    },
    {
      row: '1.20',
      what: '150,000 problems in one file: the first 100 and a count, no stack overflow',
      setup: (h) => {
        deck(h, 'many.yaml', `cards: [${'1,'.repeat(150_000)}1]`);
        return ['lint'];
      },
      code: 1,
      on: 'stdout',
      message: /^decks\/many\.yaml:1:\d+: error: /m,
      check: (_h, r) => {
        expect(r.stdout.split('\n').length).toBeLessThan(110);
        expect(r.stdout).toMatch(/more/);
      },
      cleanup: remove('decks/many.yaml'),
    },
    {
      row: '1.23',
      what: 'a sparse 3 GB file given to lint is refused by its size, unread',
      setup: (h) => {
        writeFileSync(join(h, 'huge.yaml'), '');
        truncateSync(join(h, 'huge.yaml'), 3 * 1024 ** 3);
        return ['lint', 'huge.yaml'];
      },
      code: 1,
      on: 'stdout',
      message: /^huge\.yaml:1:1: error: deck file is larger than 8 MB; split it into several decks$/m,
      cleanup: remove('huge.yaml'),
    },
    {
      row: '1.25',
      what: 'a symbolic link to a folder outside decks/ is not followed',
      setup: (h) => {
        mkdirSync(join(h, 'elsewhere'));
        writeFileSync(join(h, 'elsewhere', 'x.yaml'), 'cards:\n  - id: foreign\n    front: f\n    back: g\n');
        symlinkSync(join(h, 'elsewhere'), join(h, 'decks', 'dir'));
        return ['due'];
      },
      code: 0,
      message: /^llmcards: warning: decks\/dir was skipped: it is a symbolic link out of the decks folder \(to .*elsewhere\); not followed$/,
      cleanup: remove('decks/dir', 'elsewhere'),
    },
    {
      row: '1.28',
      what: 'a loop of file links',
      setup: (h) => {
        symlinkSync('loopA', join(h, 'decks', 'la.yaml'));
        symlinkSync('la.yaml', join(h, 'decks', 'loopA'));
        return ['due'];
      },
      code: 0,
      message: /^llmcards: warning: decks\/la\.yaml was skipped: it is a loop of symbolic links$/m,
      cleanup: remove('decks/la.yaml', 'decks/loopA'),
    },
    {
      row: '1.31',
      what: 'a deck file that is /dev/zero',
      setup: (h) => {
        symlinkSync('/dev/zero', join(h, 'decks', 'zero.yaml'));
        return ['lint'];
      },
      code: 0,
      on: 'stdout',
      message: /^decks\/zero\.yaml:1:1: warning: skipped: it is a symbolic link out of the decks folder \(to \/dev\/zero\); not followed$/,
      cleanup: remove('decks/zero.yaml'),
    },
    {
      row: '1.38',
      what: 'a file name carrying escape sequences is shown inert',
      setup: (h) => {
        deck(h, 'notes\u001b]0;OWNED\u0007.yaml', 'cards:\n  - id: x\n    front: [\n');
        return ['lint'];
      },
      code: 1,
      on: 'stdout',
      message: /^decks\/notes.*\.yaml:\d+:\d+: error: invalid YAML/m,
      cleanup: remove('decks/notes\u001b]0;OWNED\u0007.yaml'),
    },
    {
      row: '1.39',
      what: 'a YAML directive carrying escape sequences',
      setup: (h) => {
        deck(h, 'dir.yaml', `%YAML 1.2\n%\u001b]52;c;ZWNobw==\u0007\u001b[2J\n---\n${GOOD.replace(/id: (\w)/g, 'id: d$1')}`);
        return ['lint'];
      },
      code: 0,
      on: 'stdout',
      message: /^decks\/dir\.yaml:2:1: warning: invalid YAML: unknown directive/m,
      unchanged: true,
      cleanup: remove('decks/dir.yaml'),
    },
  ]);
});

describe('§1 deck folder and config.yaml: refused at once, with what is wrong', () => {
  runRows([
    {
      row: '1.33',
      what: 'decks/ a link to itself',
      setup: (h) => {
        cpSync(join(h, 'decks'), join(h, 'decks.real'), { recursive: true });
        rmSync(join(h, 'decks'), { recursive: true });
        symlinkSync('decks', join(h, 'decks'));
        return ['due'];
      },
      code: 1,
      message: /^llmcards: cannot read .*decks: it is a loop of symbolic links$/,
      cleanup: (h) => {
        rmSync(join(h, 'decks'));
        cpSync(join(h, 'decks.real'), join(h, 'decks'), { recursive: true });
        rmSync(join(h, 'decks.real'), { recursive: true });
      },
    },
    {
      row: '1.54',
      what: 'config.yaml is /dev/zero',
      setup: (h) => {
        symlinkSync('/dev/zero', join(h, 'config.yaml'));
        return ['due'];
      },
      code: 1,
      message: /^llmcards: cannot read .*config\.yaml: .*not a (regular )?file/,
      cleanup: remove('config.yaml'),
    },
    {
      row: '1.55',
      what: 'config.yaml is a FIFO (no hang)',
      setup: (h) => {
        execSync(`mkfifo ${JSON.stringify(join(h, 'config.yaml'))}`);
        return ['due'];
      },
      code: 1,
      message: /^llmcards: cannot read .*config\.yaml: .*not a (regular )?file/,
      cleanup: remove('config.yaml'),
    },
    {
      row: '1.52',
      what: 'config.yaml is a folder',
      setup: (h) => {
        mkdirSync(join(h, 'config.yaml'));
        return ['due'];
      },
      code: 1,
      message: /^llmcards: cannot read .*config\.yaml: .*(folder|EISDIR|not a (regular )?file)/,
      cleanup: remove('config.yaml'),
    },
    {
      row: '1.46',
      what: 'config.yaml alias bomb',
      setup: (h) => {
        writeFileSync(
          join(h, 'config.yaml'),
          `a: &a [x,x,x,x,x,x,x,x,x]\n${Array.from(
            { length: 8 },
            (_, i) =>
              `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
                .fill(`*${String.fromCharCode(97 + i)}`)
                .join(',')}]`,
          ).join('\n')}\n`,
        );
        return ['due'];
      },
      code: 1,
      message: /^llmcards: .*config\.yaml:\d+:\d+: invalid YAML: .*alias/i,
      cleanup: remove('config.yaml'),
    },
  ]);
});

/** An Anki package of one Basic note, its collection changed by `sql` (a hostile package). */
function hostileApkg(sql: string, desc?: string): Uint8Array {
  const bytes = legacyCollection({
    notetypes: [BASIC],
    decks: [{ id: 10, name: 'Shared', ...(desc !== undefined ? { desc } : {}) }] as { id: number; name: string }[],
    notes: [{ id: 1, mid: BASIC.id, fields: ['What is x?', 'An answer'], cards: [{ ord: 0, did: 10 }] }],
  });
  const db = new Database(Buffer.from(bytes));
  db.exec(sql);
  const out = db.serialize();
  db.close();
  return apkg(out, 'anki2');
}

const JSON_HEAD = '{"format":"llmcards","version":1,"decks":[{"deck":"st","notes":[';
const jsonNote = (fields: string) => `${JSON_HEAD}{"id":"a","kind":"question","front":"q?","back":"b",${fields}}]}]}`;
/** A JSON export --with-state of one card whose stored memory is `memory` (fields of the export's card). */
const stateExport = (memory: string) =>
  `${JSON_HEAD}{"id":"a","kind":"question","front":"q?","back":"b","cards":[{"card":"st/a:forward","template":"forward","state":"review","due":"2026-03-05T00:00:00Z","scheduled_days":3,"learning_steps":0,"last_review":"2026-03-01T00:00:00Z","suspended":false,"buried_until":null,"leech":false,"history":[],${memory}}]}]}]}`;
const file = (name: string, text: string | Uint8Array) => (home: string) => {
  writeFileSync(join(home, name), text);
  return ['import', name];
};

describe('§3 imports: a refused import names the field or entry and writes nothing', () => {
  runRows([
    {
      row: '3.16',
      what: 'a generated column that builds 50 MB strings (an OOM bomb in 1 KB)',
      setup: (h) => {
        writeFileSync(
          join(h, 'bomb.apkg'),
          hostileApkg(
            "ALTER TABLE notes RENAME TO n0; CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, n integer, flds text GENERATED ALWAYS AS ('q'||char(31)||hex(zeroblob(n))) VIRTUAL, sfld text, csum integer, flags integer, data text); INSERT INTO notes (id, guid, mid, mod, usn, tags, n, sfld, csum, flags, data) SELECT id, guid, mid, mod, usn, tags, 50000000, sfld, csum, flags, data FROM n0; DROP TABLE n0;",
          ),
        );
        return ['import', 'bomb.apkg', '--deck', 'shared'];
      },
      code: 1,
      message: /^llmcards: bomb\.apkg.*(generated|not an Anki collection|damaged|limit)/,
      cleanup: remove('bomb.apkg'),
    },
    {
      row: '3.20',
      what: 'note types nested 100,000 deep',
      setup: (h) => {
        writeFileSync(join(h, 'deep.apkg'), hostileApkg(`UPDATE col SET models = '${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}'`));
        return ['import', 'deep.apkg', '--deck', 'shared'];
      },
      code: 1,
      message: /^llmcards: deep\.apkg.* is damaged \(its note type "a" has no id\)$/,
      cleanup: remove('deep.apkg'),
    },
    {
      row: '3.26',
      what: 'a deck description of only &nbsp; (Anki\u2019s editor) is no description, not a refusal',
      setup: (h) => {
        writeFileSync(join(h, 'nbsp.apkg'), hostileApkg('SELECT 1', '&nbsp;'));
        return ['import', 'nbsp.apkg', '--deck', 'nbsp'];
      },
      code: 0,
      message: /^$/,
      unchanged: false,
      check: (h) => expect(readFileSync(join(h, 'decks', 'nbsp.yaml'), 'utf8')).not.toMatch(/description/),
      cleanup: remove('nbsp.apkg', 'decks/nbsp.yaml'),
    },
    ...(
      [
        ['3.25', 'an OSC 52 escape sequence', '\u001b]52;c;aGk=\u0007'],
        ['3.27', 'a BEL', '\u0007'],
      ] as const
    ).map(
      ([row, what, desc]): Row => ({
        row,
        what: `a deck description that is only ${what} is no description, not a refusal`,
        setup: (h) => {
          writeFileSync(join(h, 'desc.apkg'), hostileApkg('SELECT 1', desc));
          return ['import', 'desc.apkg', '--deck', 'desc'];
        },
        code: 0,
        message: /^$/,
        unchanged: false,
        check: (h) => expect(readFileSync(join(h, 'decks', 'desc.yaml'), 'utf8')).not.toMatch(/description|\u001b|\u0007/),
        cleanup: remove('desc.apkg', 'decks/desc.yaml'),
      }),
    ),
    {
      row: '3.31',
      what: "'<style>' × 4000 in a field (linear HTML to text)",
      setup: (h) => {
        writeFileSync(join(h, 'style.apkg'), hostileApkg(`UPDATE notes SET flds = 'What is x?' || char(31) || '${'<style>'.repeat(4000)}'`));
        return ['import', 'style.apkg', '--deck', 'style'];
      },
      code: 0,
      message: /^$/,
      unchanged: false,
      check: (h) => expect(existsSync(join(h, 'decks', 'style.yaml'))).toBe(true),
      cleanup: remove('style.apkg', 'decks/style.yaml'),
    },
    {
      row: '3.40',
      what: 'zstd magic and random bytes',
      setup: (h) => {
        const garbage = new Uint8Array(4096);
        for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
        garbage.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58], 0);
        writeFileSync(join(h, 'z.apkg'), zipSync({ meta: new Uint8Array([8, 3]), 'collection.anki21b': garbage }));
        return ['import', 'z.apkg', '--deck', 'z'];
      },
      code: 1,
      message: /^llmcards: z\.apkg: collection\.anki21b is damaged \(zstd: /,
      cleanup: remove('z.apkg'),
    },
    {
      row: '3.44',
      what: 'a JSON deck named ../../x (an import\u2019s problem, not "rename the file")',
      setup: file('path.json', `{"format":"llmcards","version":1,"decks":[{"deck":"../../x","notes":[{"id":"a","kind":"question","front":"q","back":"b"}]}]}`),
      code: 1,
      message: /^llmcards: path\.json: the deck name "\.\.\/\.\.\/x" is not valid .*import it with --deck NAME; nothing was imported$/,
      cleanup: remove('path.json'),
    },
    {
      row: '3.48',
      what: 'a JSON deck name with an escape character is shown escaped, not cleaned to look valid',
      setup: file(
        'esc.json',
        `{"format":"llmcards","version":1,"decks":[{"deck":"x\\u001b]0;T","notes":[{"id":"a","kind":"question","front":"q","back":"b"}]}]}`,
      ),
      code: 1,
      message: /^llmcards: esc\.json: the deck name "x\\u001b\]0;T" is not valid/,
      cleanup: remove('esc.json'),
    },
    ...(
      [
        ['3.55', 'front of 100,000 nested lists', `"front":${'['.repeat(100_000)}${']'.repeat(100_000)}`, /decks\[0\]\.notes\[0\]\.front: expected text/],
        ['3.60', 'front: [1]', '"front":[1]', /decks\[0\]\.notes\[0\]\.front: expected text or \{en, zh\}/],
        ['3.60', 'front: {"en":{"x":1}}', '"front":{"en":{"x":1}}', /decks\[0\]\.notes\[0\]\.front: expected text or \{en, zh\}, not a map/],
        ['3.61', 'tags: "a b"', '"tags":"a b"', /decks\[0\]\.notes\[0\]\.tags: expected a list/],
        ['3.62', 'answers: [1,2]', '"answers":[1,2]', /decks\[0\]\.notes\[0\]\.answers\[0\]: expected text/],
        ['3.63', 'title of nested lists', null, /decks\[0\]\.title: expected text or \{en, zh\}/],
        ['3.64', 'options: {"__proto__": …}', null, /decks\[0\]\.options/],
      ] as const
    ).map(
      ([row, what, fields, message]): Row => ({
        row,
        what: `JSON ${what}`,
        setup: file(
          'types.json',
          fields !== null
            ? jsonNote(fields).replace('"front":"q?",', fields.startsWith('"front"') ? '' : '"front":"q?",')
            : row === '3.63'
              ? `{"format":"llmcards","version":1,"decks":[{"deck":"st","title":{"en":[1,2]},"notes":[{"id":"a","kind":"question","front":"q?","back":"b"}]}]}`
              : `{"format":"llmcards","version":1,"decks":[{"deck":"st","options":{"__proto__":{"new_per_day":1}},"notes":[{"id":"a","kind":"question","front":"q?","back":"b"}]}]}`,
        ),
        code: 1,
        message: new RegExp(`^llmcards: types\\.json: .*${message.source}`),
        cleanup: remove('types.json'),
      }),
    ),
    {
      row: '3.69',
      what: '--with-state with lapses 1e20: refused before any deck file is written',
      setup: (h) => [...file('st.json', stateExport('"stability":3,"difficulty":5,"reps":2,"lapses":1e20'))(h), '--with-state'],
      code: 1,
      message: /^llmcards: st\.json: .*lapses.*(whole|integer)/,
      cleanup: remove('st.json'),
    },
    {
      row: '3.71',
      what: '--with-state with stability −1 and difficulty 99',
      setup: (h) => [...file('st.json', stateExport('"stability":-1,"difficulty":99,"reps":2,"lapses":0'))(h), '--with-state'],
      code: 1,
      message: /^llmcards: st\.json: .*stability/,
      cleanup: remove('st.json'),
    },
    {
      row: '3.82',
      what: 'CSV header values that are only escape sequences',
      setup: file('h.csv', '#separator:\u001b[31m\n#tags:\u001b]0;x\u0007\nfront one,back one\n'),
      code: 0,
      message: /^(llmcards: warning: .*)?$/m,
      unchanged: false,
      cleanup: remove('h.csv', 'decks/h.yaml'),
    },
    {
      row: '3.92',
      what: "CSV field of '<style>' × 3000 (linear)",
      setup: file('s.csv', `What is x?,An answer\nsecond q,${'<style>'.repeat(3000)}\n`),
      code: 0,
      message: /^$/,
      unchanged: false,
      check: (h) => expect(readFileSync(join(h, 'decks', 's.yaml'), 'utf8')).toMatch(/What is x\?/),
      cleanup: remove('s.csv', 'decks/s.yaml'),
    },
    {
      row: '7.35',
      what: 'import of a folder',
      setup: () => ['import', 'decks'],
      code: 1,
      message: /^llmcards: cannot read decks: not a file \(it is a folder\)$/,
    },
    {
      row: '7.35',
      what: 'import from standard input needs --format',
      setup: () => ['import', '-'],
      code: 2,
      message: /^llmcards: reading standard input \(-\): give --format csv\|tsv\|apkg\|json/,
    },
    {
      row: '7.35',
      what: 'import from standard input (-)',
      setup: () => ['import', '-', '--format', 'csv', '--deck', 'piped'],
      input: 'front one,back one\nfront two,back two\n',
      code: 0,
      message: /^$/,
      unchanged: false,
      check: (h) => expect(readFileSync(join(h, 'decks', 'piped.yaml'), 'utf8')).toMatch(/front two/),
      cleanup: remove('decks/piped.yaml'),
    },
  ]);
});

describe('§4 the database: a file that is not ours is refused unchanged, with the way back', () => {
  /** Replaces the database for one row; the original comes back after. */
  const withDb = (make: (path: string) => void) => (home: string) => {
    cpSync(join(home, 'data'), join(home, 'data.saved'), { recursive: true });
    make(join(home, 'data', 'llmcards.db'));
    return ['due'];
  };
  const restoreDb = (home: string) => {
    rmSync(join(home, 'data'), { recursive: true, force: true });
    cpSync(join(home, 'data.saved'), join(home, 'data'), { recursive: true });
    rmSync(join(home, 'data.saved'), { recursive: true, force: true });
  };
  const sql = (path: string, text: string) => {
    const d = new Database(path);
    d.exec(text);
    d.close();
  };
  runRows([
    {
      row: '4.1',
      what: '100 KB of random bytes',
      setup: withDb((p) => {
        rmSync(`${p}-wal`, { force: true });
        rmSync(`${p}-shm`, { force: true });
        writeFileSync(p, Buffer.alloc(100 * 1024, 0x5a));
      }),
      code: 1,
      message: /^llmcards: cannot use .*llmcards\.db: the file is not an SQLite database/,
      cleanup: restoreDb,
    },
    {
      row: '4.3',
      what: 'a database truncated to 0 bytes is rebuilt from history/, and said so',
      setup: withDb((p) => {
        rmSync(`${p}-wal`, { force: true });
        rmSync(`${p}-shm`, { force: true });
        writeFileSync(p, '');
      }),
      code: 0,
      message: /^llmcards: .*(rebuilt|empty).*/m,
      unchanged: false,
      check: (h) => expect(runBin(h, ['show', 'good/a', '--json']).stdout).toMatch(/"reps": 1/),
      cleanup: restoreDb,
    },
    {
      row: '4.4',
      what: 'user_version 99',
      setup: withDb((p) => sql(p, 'PRAGMA user_version = 99')),
      code: 1,
      message: /^llmcards: .*written by a newer llmcards \(schema 99; .*upgrade llmcards; the file was not changed$/,
      cleanup: restoreDb,
    },
    {
      row: '4.5',
      what: 'an older user_version whose tables are already there',
      setup: withDb((p) => sql(p, 'PRAGMA user_version = 1')),
      code: 1,
      message: /^llmcards: cannot use .*: it is not an llmcards database .*the file was not changed/,
      cleanup: restoreDb,
    },
    {
      row: '4.6',
      what: 'an Anki collection as llmcards.db is refused before it is switched to WAL',
      setup: withDb((p) => {
        rmSync(`${p}-wal`, { force: true });
        rmSync(`${p}-shm`, { force: true });
        writeFileSync(p, legacyCollection({ notetypes: [BASIC], decks: [], notes: [] }));
      }),
      code: 1,
      message: /^llmcards: cannot use .*: it is not an llmcards database \(it holds tables of another program: .*\); the file was not changed/,
      check: (h) => expect(readFileSync(join(h, 'data', 'llmcards.db')).subarray(18, 20)).toEqual(Buffer.from([1, 1])),
      cleanup: restoreDb,
    },
    {
      row: '4.18',
      what: 'the revlog table dropped',
      setup: withDb((p) => sql(p, 'DROP TABLE revlog')),
      code: 1,
      message: /^llmcards: cannot use .*: it is not an llmcards database \(.*revlog.*\); the file was not changed \(restore one of data\/backups/,
      cleanup: restoreDb,
    },
    {
      row: '4.19',
      what: 'a card row edited to stability −1, difficulty 99',
      setup: (h) => [
        ...withDb((p) => sql(p, "UPDATE cards SET stability = -1, difficulty = 99 WHERE key = 'good/a:forward'"))(h).slice(1),
        'answer',
        'good/a',
        'good',
      ],
      code: 1,
      message: /^llmcards: cannot answer good\/a:forward: a card's stored memory state is damaged \(stability -1, difficulty 99;/,
      cleanup: restoreDb,
    },
    {
      row: '4.22',
      what: 'restore of a copy with a foreign trigger',
      setup: (h) => {
        const copy = join(h, 'trig.db');
        const d = new Database(join(h, 'data', 'llmcards.db'), { readonly: true });
        d.prepare('VACUUM INTO ?').run(copy);
        d.close();
        sql(copy, 'CREATE TRIGGER evil AFTER INSERT ON revlog BEGIN DELETE FROM revlog; END;');
        return ['restore', 'trig.db'];
      },
      code: 1,
      message: /^llmcards: .*trig\.db is not an llmcards database as llmcards makes it: .*trigger/,
      cleanup: remove('trig.db'),
    },
  ]);
});

describe('§7 the command line: a bad argument or setting names itself', () => {
  const weights = (x: string) => `[${Array(21).fill(x).join(', ')}]`;
  runRows([
    {
      row: '7.1',
      what: '--now that is not a date',
      setup: () => ['due', '--now', '2026-02-30T00:00:00Z'],
      code: 2,
      message: /^llmcards: invalid --now "2026-02-30T00:00:00Z": give an ISO-8601 date/,
    },
    {
      row: '7.12',
      what: 'a search of 100,000 characters',
      setup: () => ['search', 'a'.repeat(100_000)],
      code: 1,
      message: /^llmcards: the search is 100000 characters long; give at most 1000$/,
    },
    {
      row: '7.15',
      what: 'a key typed with a combining accent (NFD) finds the card written composed (NFC)',
      setup: (h) => {
        deck(h, 'fr.yaml', 'cards:\n  - id: café\n    front: coffee?\n    back: un café\n');
        return ['show', 'fr/cafe\u0301'];
      },
      code: 0,
      message: /^$/,
      unchanged: false,
      check: (_h, r) => expect(r.stdout).toMatch(/^fr\/café:forward/),
      cleanup: remove('decks/fr.yaml'),
    },
    {
      row: '1.45',
      what: 'an id written with a combining accent (NFD) is the same id as composed: one card, found either way',
      setup: (h) => {
        deck(h, 'nfd.yaml', 'cards:\n  - id: cafe\u0301\n    front: coffee?\n    back: un café\n');
        return ['show', 'nfd/café'];
      },
      code: 0,
      message: /^$/,
      unchanged: false,
      check: (_h, r) => expect(r.stdout).toMatch(/^nfd\/café:forward/),
      cleanup: remove('decks/nfd.yaml'),
    },
    {
      row: '7.17',
      what: 'config set with a YAML injection',
      setup: () => ['config', 'set', 'new_per_day', '30\nreviews_per_day: 0'],
      code: 1,
      message: /^llmcards: setting "new_per_day" must be a whole number from 0 to 9999/,
    },
    ...(['-5', '1e308', '0'] as const).map(
      (x): Row => ({
        row: '7.21',
        what: `fsrs.weights of 21 × ${x}`,
        setup: () => ['config', 'set', 'fsrs.weights', weights(x)],
        code: 1,
        message: new RegExp(`^llmcards: setting "fsrs\\.weights" must be .*; w0 is ${x === '1e308' ? '1e\\+308' : x}, outside 0\\.001 to 100`),
      }),
    ),
    {
      row: '7.21',
      what: 'fsrs.weights already in config.yaml out of range: every command says so',
      setup: (h) => {
        writeFileSync(join(h, 'config.yaml'), `fsrs:\n  weights: ${weights('0.5').replace(/^\[0\.5/, '[200')}\n`);
        return ['due'];
      },
      code: 1,
      message: /^llmcards: .*fsrs\.weights.* w0 is 200, outside 0\.001 to 100/,
      cleanup: remove('config.yaml'),
    },
    {
      row: '7.22',
      what: '--home that is a file',
      noHome: true,
      setup: () => ['--home', '/etc/passwd', 'due'],
      code: 1,
      message: /^llmcards: collection folder \/etc\/passwd is not a folder/,
    },
    {
      row: '7.23',
      what: '--home /',
      noHome: true,
      setup: () => ['--home', '/', 'due'],
      code: 1,
      message: /^llmcards: the root folder \/ cannot be a collection folder/,
      check: () => expect(existsSync('/data/llmcards.db')).toBe(false),
    },
    {
      row: '7.24',
      what: "--home ''",
      noHome: true,
      setup: () => ['--home', '', 'due'],
      code: 2,
      message: /^llmcards: --home is empty: give the collection folder$/,
    },
    {
      row: '7.28',
      what: 'LLMCARDS_HOME of 6,000 characters',
      noHome: true,
      env: { LLMCARDS_HOME: `/tmp/${'a'.repeat(6000)}` },
      setup: () => ['due'],
      code: 1,
      message: /^llmcards: cannot use the collection folder \/tmp\/a+…: the path is too long$/,
    },
    {
      row: '7.29',
      what: 'LLMCARDS_HOME=/proc/self (no endless loop)',
      noHome: true,
      env: { LLMCARDS_HOME: '/proc/self' },
      setup: () => ['due'],
      code: 1,
      message: /^llmcards: \/proc\/self is a system folder and cannot be a collection folder$/,
    },
    {
      row: '7.33',
      what: 'init FILE',
      noHome: true,
      setup: (h) => {
        writeFileSync(join(h, 'plain'), 'x');
        return ['init', join(h, 'plain')];
      },
      code: 1,
      message: /^llmcards: cannot create a collection at .*plain: it is a file, not a folder$/,
      cleanup: remove('plain'),
    },
  ]);
});

describe('§6.4 an import running in another process', () => {
  runRows([
    {
      row: '6.4',
      what: 'other commands leave its files to it: an answer goes in at once, a sync says why it loaded nothing',
      setup: (h) => {
        // This test's own process stands for the importer: alive, and not the command's.
        writeFileSync(join(h, 'data', 'import.lock'), String(process.pid));
        deck(h, 'pending.yaml', 'cards:\n  - id: p\n    front: pending?\n    back: yes\n');
        return ['sync', '--json'];
      },
      code: 0,
      message: /^llmcards: warning: an import is running in another process; its deck files are synced when it is done$/,
      check: (_h, r) => expect(JSON.parse(r.stdout)).toMatchObject({ decks: 1, added: 0 }),
      cleanup: remove('data/import.lock', 'decks/pending.yaml'),
    },
  ]);
});

describe('§3.73 undo after an import with history', () => {
  runRows([
    {
      row: '3.73',
      what: 'undo takes back your own last answer, not a row the import brought in',
      setup: (h) => {
        // History made elsewhere and brought in with --with-state: rows of the import, not answers given here.
        const other = tempHome({ 'st.yaml': 'cards:\n  - id: a\n    front: q?\n    back: b\n' });
        expect(runBin(other, ['answer', 'st/a', 'good', '--now', '2026-03-01T09:00:00Z']).code).toBe(0);
        const exported = runBin(other, ['export', '--format', 'json', '--with-state']).stdout;
        writeFileSync(join(h, 'other.json'), exported);
        const r = runBin(h, ['import', 'other.json', '--with-state', '--now', NOW]);
        expect(r.code, r.stderr).toBe(0);
        return ['undo'];
      },
      code: 0,
      message: /^$/,
      unchanged: false,
      check: (h, r) => {
        expect(r.stdout).toMatch(/good\/a:forward/);
        expect(JSON.parse(runBin(h, ['show', 'st/a', '--json', '--now', NOW]).stdout).reps).toBe(1);
      },
    },
  ]);
});

describe.runIf(canMount)('§4 file systems: read-only and full', () => {
  it('4.10: a read-only mount shows the collection (with a warning) and refuses an answer in one line, changing nothing', () => {
    const home = baseHome();
    const ro = join(tempHome(), 'ro');
    mkdirSync(ro);
    execSync(`mount --bind ${home} ${ro} && mount -o remount,ro,bind ${ro}`);
    try {
      const before = snapshot(home);
      const show = runBin(ro, ['show', 'good/a', '--now', NOW]);
      expect(show.code, show.stderr).toBe(0);
      expect(show.stdout).toMatch(/^good\/a:forward/);
      expect(show.stderr).toBe(
        'llmcards: warning: the collection is on a read-only file system: shown as it was last synced; answers and changes cannot be recorded\n',
      );
      const answer = runBin(ro, ['answer', 'good/a', 'good', '--now', NOW]);
      expect(answer.code).toBe(1);
      expect(answer.stderr).toMatch(/^llmcards: cannot write to the collection \(is it read-only\?\); nothing was changed/m);
      expect(snapshot(home)).toBe(before);
    } finally {
      execSync(`umount ${ro}`);
    }
  });

  it('4.13/4.14: on a full disk, config set leaves no temporary file, and an answer is recorded though the pending sync does not fit', () => {
    const mnt = join(tempHome(), 'disk');
    mkdirSync(mnt);
    execSync(`mount -t tmpfs -o size=2m tmpfs ${mnt}`);
    try {
      const home = fullDiskWithPendingSync(mnt, (h) => expect(runBin(h, ['answer', 'a', 'good', '--now', '2026-03-01T08:00:00Z']).code).toBe(0));
      const set = runBin(home, ['config', 'set', 'new_per_day', '30']);
      expect(set.code).toBe(1);
      expect(set.stderr).toMatch(/^llmcards: .*(disk is full|ENOSPC)/);
      expect(readdirSync(home).filter((f) => f.includes('.tmp'))).toEqual([]);
      // Some room again, less than the sync needs: the answer still goes in.
      execSync(`truncate -s -256k ${mnt}/filler`);
      const answer = runBin(home, ['answer', 'a', 'good', '--now', '2026-03-02T08:00:00Z']);
      expect(answer.code, answer.stderr).toBe(0);
      expect(answer.stderr).toMatch(/disk is full/);
      const show = runBin(home, ['show', 'a', '--json', '--now', '2026-03-02T09:00:00Z']);
      expect(JSON.parse(show.stdout).reps).toBe(2);
    } finally {
      execSync(`umount ${mnt}`);
    }
  });
});

it('the weight ranges are the ones ts-fsrs clamps to (short-term scheduling on)', () => {
  expect(WEIGHT_RANGES.map((r) => [...r])).toEqual(CLAMP_PARAMETERS(2, true));
});
