/**
 * `import FILE` (issue 6): Anki packages of every version (legacy collection.anki2 and .anki21,
 * current zstd-compressed collection.anki21b), note types mapped to our kinds, CSV/TSV with and
 * without Anki's headers, stable ids on re-import, media reported, and every refusal with a
 * hostile file: one line on stderr, exit 1, nothing written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../src/formats/zip.js';
import { UserError } from '../../src/errors.js';
import { tempHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';
import {
  apkg,
  BASIC,
  BASIC_REVERSED,
  BASIC_TYPING,
  CLOZE,
  currentCollection,
  legacyCollection,
  THREE_WAY,
  type FixtureCollection,
} from '../fixtures/import/anki-fixture.js';
import { DECK } from '../fixtures/import/decks.js';

const NOW = '2026-03-01T08:00:00Z';

const FOREIGN: FixtureCollection = {
  notetypes: [BASIC, BASIC_REVERSED, BASIC_TYPING, CLOZE, THREE_WAY],
  decks: [
    { id: 10, name: 'Japanese', desc: 'Words &amp; <b>grammar</b>' },
    { id: 11, name: 'Japanese::Vocab Words' },
  ],
  notes: [
    { id: 1, mid: BASIC.id, fields: ['What is <b>ねこ</b>?', 'cat<br>a small animal'], tags: ['animals', 'n5'], cards: [{ ord: 0, did: 11 }] },
    {
      id: 2,
      mid: BASIC_REVERSED.id,
      fields: ['いぬ', 'dog'],
      cards: [
        { ord: 0, did: 11 },
        { ord: 1, did: 11 },
      ],
    },
    { id: 3, mid: BASIC_TYPING.id, fields: ['Capital of Japan', 'Tokyo'], cards: [{ ord: 0, did: 10 }] },
    {
      id: 4,
      mid: CLOZE.id,
      fields: ['{{c1::東京}} is the capital of {{c2::Japan}}.', 'extra info'],
      cards: [
        { ord: 0, did: 10 },
        { ord: 1, did: 10 },
      ],
    },
    {
      id: 5,
      mid: THREE_WAY.id,
      fields: ['水', 'みず', 'water <img src="water.png">'],
      cards: [
        { ord: 0, did: 11 },
        { ord: 1, did: 11 },
        { ord: 2, did: 11 },
      ],
    },
    { id: 6, mid: BASIC.id, fields: ['sound', '[sound:neko.mp3] meow'], cards: [{ ord: 0, did: 11 }] },
  ],
};

function write(home: string, name: string, data: Uint8Array | string): string {
  const path = join(home, name);
  writeFileSync(path, data);
  return path;
}

/** The deck files of a collection: path under decks/ → text. */
function deckFiles(home: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(dir, e.name), 'utf8');
    }
  };
  walk(join(home, 'decks'), '');
  return out;
}

const cards = (home: string) => runJson(home, ['--now', NOW, 'search', '']).cards.map((c: { card: string }) => c.card);

describe('import apkg', () => {
  it.each([
    ['collection.anki2 (legacy 1)', 'anki2' as const, legacyCollection],
    ['collection.anki21 (legacy 2)', 'anki21' as const, legacyCollection],
    ['collection.anki21b (current, zstd)', 'anki21b' as const, currentCollection],
  ])('reads %s and maps note types to our kinds', (_name, kind, build) => {
    const home = tempHome();
    const file = write(home, 'japanese.apkg', apkg(build(FOREIGN), kind));
    const r = runBin(home, ['--now', NOW, 'import', file, '--deck', 'jp']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'llmcards: warning: the notes refer to 2 media files that the package does not hold (the notes keep their names as text): water.png, neko.mp3\n',
    );
    expect(Object.keys(deckFiles(home)).sort()).toEqual(['jp.yaml', 'jp/vocab-words.yaml']);
    expect(cards(home)).toEqual([
      'jp/capital-of-japan:forward',
      'jp/東京-is-the-capital-of-japan:c1',
      'jp/東京-is-the-capital-of-japan:c2',
      'jp/vocab-words/what-is-ねこ:forward',
      'jp/vocab-words/いぬ:forward',
      'jp/vocab-words/いぬ:reverse',
      'jp/vocab-words/水:forward',
      'jp/vocab-words/水-recall:forward',
      'jp/vocab-words/水-reading:forward',
      'jp/vocab-words/sound:forward',
    ]);
    const vocab = deckFiles(home)['jp/vocab-words.yaml']!;
    // Emphasis is kept as **bold**; the GUID stays with the note, for re-imports and exports.
    expect(vocab).toContain(
      '  - id: what-is-ねこ\n    front: What is **ねこ**?\n    back: |-\n      cat\n      a small animal\n    tags: [animals, n5]\n    guid: g1\n',
    );
    expect(vocab).toContain('  - id: いぬ\n    term: いぬ\n    definition: dog\n    guid: g2\n');
    // A note type of three templates: one question note per card, each asking its template's fields.
    expect(vocab).toContain('  - id: 水\n    front: 水\n    back: |-\n      みず\n      water [image: water.png]\n');
    expect(vocab).toContain('  - id: 水-recall\n    front: "water [image: water.png]"\n    back: 水\n');
    const jp = deckFiles(home)['jp.yaml']!;
    expect(jp).toContain('description: Words & **grammar**\n');
    expect(jp).toContain('    cloze: "{{c1::東京}} is the capital of {{c2::Japan}}."\n    explanation: extra info\n');
  });

  it('reads a collection.anki21b compressed by the zstd tool', () => {
    const probe = spawnSync('zstd', ['--version']);
    if (probe.status !== 0) return; // the zstd command is not installed here; the raw-block frame test covers the format
    const home = tempHome();
    const zstd = (d: Uint8Array) => {
      const r = spawnSync('zstd', ['-q', '-c', '-19'], { input: d });
      return new Uint8Array(r.stdout);
    };
    const file = write(home, 'current.apkg', apkg(currentCollection(FOREIGN), 'anki21b', { zstd }));
    const r = runBin(home, ['import', file, '--deck', 'jp']);
    expect(r.code).toBe(0);
    expect(cards(home)).toHaveLength(10);
  });

  it('without --deck, names the deck files after the Anki decks', () => {
    const home = tempHome();
    const file = write(home, 'japanese.apkg', apkg(legacyCollection(FOREIGN), 'anki2'));
    expect(runBin(home, ['import', file, '--quiet']).code).toBe(0);
    expect(Object.keys(deckFiles(home)).sort()).toEqual(['japanese.yaml', 'japanese/vocab-words.yaml']);
  });

  it('importing the same file again with --force updates notes and keeps their history', () => {
    const home = tempHome();
    const file = write(home, 'japanese.apkg', apkg(legacyCollection(FOREIGN), 'anki2'));
    runBin(home, ['--now', NOW, 'import', file, '--deck', 'jp', '--quiet']);
    expect(runBin(home, ['--now', NOW, 'answer', 'jp/vocab-words/いぬ:forward', 'good']).code).toBe(0);
    const before = deckFiles(home);
    const again = runBin(home, ['--now', NOW, 'import', file, '--deck', 'jp', '--quiet', '--force', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).sync).toMatchObject({ added: 0, removed: 0 });
    expect(deckFiles(home)).toEqual(before);
    expect(runJson(home, ['--now', NOW, 'show', 'jp/vocab-words/いぬ:forward']).history).toHaveLength(1);

    // The card's front edited in Anki: the note keeps its id (matched by its answer) and its history.
    const edited = structuredClone(FOREIGN);
    edited.notes[1]!.fields[0] = 'いぬ (犬)';
    write(home, 'japanese.apkg', apkg(legacyCollection(edited), 'anki2'));
    const r = runBin(home, ['--now', NOW, 'import', file, '--deck', 'jp', '--quiet', '--force', '--json']);
    expect(JSON.parse(r.stdout).sync).toMatchObject({ added: 0, updated: 2, removed: 0 });
    expect(deckFiles(home)['jp/vocab-words.yaml']).toContain('  - id: いぬ\n    term: いぬ (犬)\n');
    expect(runJson(home, ['--now', NOW, 'show', 'jp/vocab-words/いぬ:forward']).history).toHaveLength(1);
  });

  it('our own package comes back exactly, and re-importing a newer export updates it', () => {
    const source = tempHome({ 'llm/alignment.yaml': DECK });
    const file = join(source, 'out.apkg');
    runBin(source, ['--now', NOW, 'export', '-o', file]);
    const home = tempHome();
    const r = runJson(home, ['--now', NOW, 'import', file]);
    expect(r.decks).toEqual([{ deck: 'llm/alignment', file: 'decks/llm/alignment.yaml', notes: 5, cards: 8, replaced: false }]);
    expect(r.sync).toMatchObject({ added: 8 });
    writeFileSync(join(source, 'decks', 'llm', 'alignment.yaml'), DECK.replace('SFT\n', 'supervised fine-tuning\n'));
    runBin(source, ['--now', NOW, 'export', '-o', file]);
    const again = runJson(home, ['--now', NOW, 'import', file, '--force']);
    expect(again.sync).toMatchObject({ added: 0, updated: 1, removed: 0 });
  });
});

describe('import json', () => {
  it('--with-state restores scheduling state and history onto cards not studied here', () => {
    const source = tempHome({ 'llm/alignment.yaml': DECK });
    runBin(source, ['--now', '2026-02-20T08:00:00Z', 'answer', 'rlhf:forward', 'good']);
    runBin(source, ['--now', '2026-02-21T08:00:00Z', 'answer', 'rlhf:forward', 'easy']);
    runBin(source, ['suspend', 'steps']);
    const file = join(source, 'backup.json');
    runBin(source, ['--now', NOW, 'export', '--format', 'json', '--with-state', '-o', file]);
    const home = tempHome();
    const r = runJson(home, ['--now', NOW, 'import', file, '--with-state', '--deck', 'moved']);
    expect(r.states).toBe(2); // rlhf:forward (studied) and steps (suspended)
    const show = (h: string, card: string) => {
      const { card: _c, deck: _d, note: _n, file: _f, line: _l, device: _v, ...rest } = runJson(h, ['--now', NOW, 'show', card]);
      // Each collection is its own device (SPEC §8): the imported answers are journaled as this one's.
      return { ...rest, history: rest.history.map(({ device: _d2, ...h2 }: { device: string }) => h2) };
    };
    expect(show(home, 'moved/rlhf:forward')).toEqual(show(source, 'llm/alignment/rlhf:forward'));
    expect(show(home, 'moved/steps:forward').suspended).toBe(true);
    // again: the cards now have history here, so nothing is overwritten
    expect(runJson(home, ['--now', NOW, 'import', file, '--with-state', '--deck', 'moved', '--force']).states).toBe(0);
    expect(runBin(home, ['import', file, '--with-state', '--format', 'json', '--deck', 'x']).code).toBe(0);
    const csv = runBin(home, ['import', write(home, 'a.csv', 'a,b\n'), '--with-state']);
    expect(csv.code).toBe(2);
  });
});

describe('import csv and tsv', () => {
  it('without headers: the first two columns are front and back, a third the tags', () => {
    const home = tempHome();
    const file = write(home, 'Words List.csv', 'apple,"苹果, a fruit"\n"multi\nline",answer,tag1 tag2\n#not a comment?,x\n');
    const r = runJson(home, ['import', file]);
    expect(r.decks).toEqual([{ deck: 'words-list', file: 'decks/words-list.yaml', notes: 2, cards: 2, replaced: false }]);
    expect(deckFiles(home)['words-list.yaml']).toBe(
      '# yaml-language-server: $schema=../schema/deck.schema.json\n'.replace(/.*\n/, '') +
        '# Imported from Words List.csv by llmcards import.\ncards:\n  - id: apple\n    front: apple\n    back: 苹果, a fruit\n\n  - id: multi-line\n    front: |-\n      multi\n      line\n    back: answer\n    tags: [tag1, tag2]\n',
    );
  });

  it('without headers: a first row of column names is not a note', () => {
    const home = tempHome();
    const r = runBin(home, ['import', write(home, 'sheet.csv', 'Front,Back,Tags\nKV cache,keys and values kept between steps,inference\n'), '--json']);
    expect(JSON.parse(r.stdout).decks[0]).toMatchObject({ deck: 'sheet', notes: 1 });
    expect(r.stderr).toMatch(/sheet\.csv: record 1 \(Front, Back, Tags\) looks like column names: taken as such/);
    const zh = runBin(home, ['import', write(home, 'zh.csv', '问题,答案\n什么是token?,文本的最小单位\n'), '--json']);
    expect(JSON.parse(zh.stdout).decks[0]).toMatchObject({ notes: 1 });
  });

  it("honours Anki's headers: separator, html, notetype, deck and tags columns", () => {
    const home = tempHome();
    const text = [
      '#separator:tab',
      '#html:true',
      '#notetype column:1',
      '#deck column:2',
      '#tags column:5',
      'Basic\tLang::French\tle chat\tthe <i>cat</i>\tnoun',
      'Basic (and reversed card)\tLang::French\tle chien\tthe dog\t',
      'Cloze\tLang::German\t{{c1::Der Hund}} bellt.\t\tverb',
      '',
    ].join('\n');
    const file = write(home, 'anki-notes.txt', text);
    const r = runJson(home, ['import', file]);
    expect(r.decks.map((d: { file: string }) => d.file)).toEqual(['decks/lang/french.yaml', 'decks/lang/german.yaml']);
    expect(cards(home)).toEqual([
      'lang/french/le-chat:forward',
      'lang/french/le-chien:forward',
      'lang/french/le-chien:reverse',
      'lang/german/der-hund-bellt:c1',
    ]);
    expect(deckFiles(home)['lang/french.yaml']).toContain('    back: the *cat*\n    tags: [noun]\n');
  });

  it.each([['text.csv', 'a,"unclosed\n', 'text.csv is not valid CSV']])('refuses malformed CSV (%s)', (name, text, message) => {
    const home = tempHome();
    const r = runBin(home, ['import', write(home, name, text)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(deckFiles(home)).toEqual({});
  });
});

describe('refusals: one line on stderr, exit 1, nothing written', () => {
  const refuse = (home: string, args: string[], message: string | RegExp) => {
    const before = deckFiles(home);
    const r = runBin(home, ['import', ...args]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    if (typeof message === 'string') expect(r.stderr).toBe(`llmcards: ${message}\n`);
    else expect(r.stderr).toMatch(message);
    expect(deckFiles(home)).toEqual(before);
  };

  it('an entry name escaping the folder (zip-slip)', () => {
    const home = tempHome();
    const zip = zipSync({ 'collection.anki2': legacyCollection(FOREIGN), '../../evil.sh': new TextEncoder().encode('rm -rf /') });
    refuse(
      home,
      [write(home, 'slip.apkg', zip)],
      'slip.apkg has an entry named "../../evil.sh", which would escape the folder it is extracted to; nothing was imported',
    );
    const abs = zipSync({ 'collection.anki2': legacyCollection(FOREIGN), '/etc/passwd': new Uint8Array(1) });
    refuse(home, [write(home, 'abs.apkg', abs)], /entry named "\/etc\/passwd", which would escape/);
  });

  it('an entry beyond the size limit, and a zip bomb whose sizes lie', () => {
    const home = tempHome();
    const zip = zipSync({ 'collection.anki2': legacyCollection(FOREIGN), media: new TextEncoder().encode('{}') });
    // Claim 600 MB uncompressed for the collection in the central directory.
    const bytes = new Uint8Array(zip);
    const view = new DataView(bytes.buffer);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50 && new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + 16)) === 'collection.anki2') {
        view.setUint32(i + 24, 600 * 1024 * 1024, true);
        break;
      }
    }
    refuse(home, [write(home, 'big.apkg', bytes)], 'big.apkg: entry "collection.anki2" is larger than the limit of 512 MB uncompressed; nothing was imported');
    // A bomb: 8 MB of zeros (a few KB compressed) that says it holds 1,000 bytes stops at byte 1,001.
    const bomb = zipSync({ 'collection.anki2': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    const view2 = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.length - 4; i++) if (view2.getUint32(i, true) === 0x02014b50) view2.setUint32(i + 24, 1000, true);
    expect(() => openZip(bomb, 'bomb.apkg', { maxEntryBytes: 1024 * 1024, maxEntries: 10 }).read('collection.anki2')).toThrow(
      new UserError('bomb.apkg is not a valid zip archive (entry "collection.anki2" is larger than the archive says)'),
    );
    // The other lie: a few bytes that claim 400 MB (within the limit) are inflated into a buffer the
    // size deflate could give them, not 400 MB, and refused for their size.
    const liar = zipSync({ 'collection.anki2': new TextEncoder().encode('tiny') });
    const view3 = new DataView(liar.buffer);
    for (let i = 0; i < liar.length - 4; i++) if (view3.getUint32(i, true) === 0x02014b50) view3.setUint32(i + 24, 400 * 1024 * 1024, true);
    expect(() => openZip(liar, 'liar.apkg').read('collection.anki2')).toThrow(
      new UserError('liar.apkg is not a valid zip archive (entry "collection.anki2" fails its checksum)'),
    );
  });

  it('a corrupt zip', () => {
    const home = tempHome();
    const good = zipSync({ 'collection.anki2': legacyCollection(FOREIGN) });
    refuse(home, [write(home, 'cut.apkg', good.subarray(0, good.length - 40))], /^llmcards: cut\.apkg is not a valid zip archive \(/);
    const flipped = new Uint8Array(good);
    flipped[200] = (flipped[200] as number) ^ 0xff;
    refuse(
      home,
      [write(home, 'flip.apkg', flipped)],
      /^llmcards: flip\.apkg is not a valid zip archive \(entry "collection\.anki2" (fails its checksum|does not decompress)\)\n$/,
    );
    refuse(
      home,
      [write(home, 'junk.apkg', zipSync({ 'collection.anki2': new TextEncoder().encode('not sqlite') }))],
      'junk.apkg: collection.anki2 is not an Anki collection (not an SQLite database)',
    );
  });

  it('an unknown package or collection version', () => {
    const home = tempHome();
    refuse(
      home,
      [write(home, 'future.apkg', apkg(currentCollection(FOREIGN), 'anki21b', { metaVersion: 9 }))],
      'future.apkg is an Anki package of an unknown version (9); export it again from Anki with "Support older Anki versions" ticked',
    );
    const v20 = legacyCollection(FOREIGN);
    // col.ver lives in the database: rewrite it through SQLite
    const Database = require('better-sqlite3');
    const db = new Database(Buffer.from(v20));
    db.prepare('UPDATE col SET ver = 20').run();
    refuse(home, [write(home, 'v20.apkg', apkg(db.serialize(), 'anki2'))], /has collection schema version 20, which this llmcards does not know/);
  });

  it('a deck file that exists, unless --force', () => {
    const home = tempHome({ 'jp.yaml': 'cards:\n  - id: mine\n    front: my own\n    back: note\n' });
    const file = write(
      home,
      'japanese.apkg',
      apkg(
        legacyCollection({
          ...FOREIGN,
          decks: [{ id: 10, name: 'Japanese' }],
          notes: FOREIGN.notes.slice(2, 4).map((n) => ({ ...n, cards: n.cards.map((c) => ({ ...c, did: 10 })) })),
        }),
        'anki2',
      ),
    );
    refuse(
      home,
      [file, '--deck', 'jp'],
      'decks/jp.yaml already exists; add --force to replace it (notes keep their history by id), or import with --deck OTHER',
    );
    expect(runBin(home, ['import', file, '--deck', 'jp', '--force']).code).toBe(0);
    expect(deckFiles(home)['jp.yaml']).not.toContain('my own');
  });

  it('input that is not what its extension says', () => {
    const home = tempHome();
    refuse(
      home,
      [write(home, 'notes.apkg', 'front,back\n')],
      'notes.apkg is not an Anki package: it is not a zip archive (it looks like text; give --format csv, tsv or json)',
    );
    refuse(
      home,
      [write(home, 'data.json', zipSync({ a: new Uint8Array(1) }))],
      'data.json is not a JSON file: it is a zip archive (an Anki package? use --format apkg)',
    );
    refuse(home, [write(home, 'words.csv', new Uint8Array([0x66, 0, 0x67, 0x0a]))], 'words.csv is not a CSV file: it is binary');
    refuse(home, [write(home, 'latin1.tsv', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x09, 0x78, 0x0a]))], 'latin1.tsv is not a TSV file: it is not UTF-8 text');
    refuse(home, [write(home, 'other.json', '{"cards": []}')], 'other.json is not an llmcards JSON export (no "format": "llmcards")');
    refuse(
      home,
      [write(home, 'newer.json', '{"format": "llmcards", "version": 2, "decks": []}')],
      'newer.json is an llmcards export of format version 2; this llmcards reads version 1 (upgrade llmcards)',
    );
  });

  it('a file that does not exist; a --deck that is not a deck name (usage error)', () => {
    const home = tempHome();
    refuse(home, [join(home, 'missing.apkg')], `cannot read ${join(home, 'missing.apkg')}: no such file`);
    const r = runBin(home, ['import', write(home, 'a.csv', 'a,b\n'), '--deck', '../escape']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('llmcards: invalid --deck "../escape": use letters, digits, "-", "_", "." and "/" between parts (see llmcards import --help)\n');
    expect(deckFiles(home)).toEqual({});
    mkdirSync(join(home, 'x'));
  });
});
