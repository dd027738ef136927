/**
 * Anki → llmcards → Anki, for every package format: notes, cards, GUIDs, media and history
 * survive; the review log becomes llmcards history; media names cannot escape media/.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardMedia } from '../../src/app/import/media.js';
import { openZip } from '../../src/formats/zip.js';
import { readAnkiCollection } from '../../src/store/anki/read.js';
import { tempHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';
import { apkg, BASIC, BASIC_REVERSED, CLOZE, currentCollection, legacyCollection, type FixtureCollection } from '../fixtures/import/anki-fixture.js';

const NOW = '2026-03-01T08:00:00Z';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const MP3 = Uint8Array.from([0x49, 0x44, 0x33, 9, 9]);
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-10T09:00:00Z');

const STUDIED: FixtureCollection = {
  notetypes: [BASIC, BASIC_REVERSED, CLOZE],
  decks: [{ id: 10, name: 'Animals' }],
  notes: [
    { id: 1, mid: BASIC.id, guid: 'Gcat1', fields: ['<img src="cat.png">', 'cat [sound:meow.mp3]'], cards: [{ ord: 0, did: 10 }] },
    {
      id: 2,
      mid: BASIC_REVERSED.id,
      guid: 'Gdog2',
      fields: ['dog', 'Hund'],
      cards: [
        { ord: 0, did: 10 },
        { ord: 1, did: 10, queue: -1 },
      ],
    },
    { id: 3, mid: CLOZE.id, guid: 'Gcloze3', fields: ['A {{c1::cow}} says moo', ''], cards: [{ ord: 0, did: 10, queue: -2 }] },
    { id: 4, mid: BASIC.id, guid: 'Gempty4', fields: ['only a front', ''], cards: [{ ord: 0, did: 10 }] },
  ],
  revlog: [
    { note: 1, ord: 0, at: T0, ease: 3, time: 4200, type: 0 },
    { note: 1, ord: 0, at: T0 + 600_000, ease: 3, time: 3100, type: 0 },
    { note: 1, ord: 0, at: T0 + 3 * DAY, ease: 1, time: 9000, type: 1 },
    { note: 2, ord: 0, at: T0 + DAY, ease: 4, time: 1500, type: 0 },
    // Anki's "forget": the card starts over; what came before it is not its history.
    { note: 2, ord: 0, at: T0 + 2 * DAY, ease: 0, time: 0, type: 4, ivl: 0 },
    { note: 2, ord: 0, at: T0 + 5 * DAY, ease: 3, time: 2000, type: 0 },
  ],
};

const media = { 'cat.png': PNG, 'meow.mp3': MP3 };

describe.each([
  ['collection.anki2', 'anki2' as const, legacyCollection],
  ['collection.anki21', 'anki21' as const, legacyCollection],
  ['collection.anki21b (zstd, schema 18, WAL, unicase)', 'anki21b' as const, currentCollection],
])('Anki package with %s', (_name, kind, build) => {
  it('imports notes, media and history, and exports them back to Anki', () => {
    const home = tempHome();
    const file = join(home, 'animals.apkg');
    writeFileSync(file, apkg(build(STUDIED), kind, { media }));
    const r = runJson(home, ['--now', NOW, 'import', file]);
    expect(r.notes).toBe(4);
    expect(r.media).toBe(2);
    expect(r.answers).toBe(4);
    expect(readdirSync(join(home, 'media')).sort()).toEqual(['cat.png', 'meow.mp3']);
    expect(readFileSync(join(home, 'media', 'cat.png'))).toEqual(Buffer.from(PNG));
    const deck = readFileSync(join(home, 'decks', 'animals.yaml'), 'utf8');
    expect(deck).toContain('    front: "[image: media/cat.png]"\n    back: "cat [sound: media/meow.mp3]"\n');
    expect(deck).toContain('    front: only a front\n    back: ""\n');

    // `o` in a review finds the card's files in media/ (the question's, then the answer's too).
    const shown = { front: '[image: media/cat.png]', back: 'cat [sound: media/meow.mp3] [image: media/missing.png]' };
    expect(cardMedia(home, shown, false).paths).toEqual([join(home, 'media', 'cat.png')]);
    expect(cardMedia(home, shown, true)).toEqual({
      named: ['media/cat.png', 'media/meow.mp3', 'media/missing.png'],
      paths: [join(home, 'media', 'cat.png'), join(home, 'media', 'meow.mp3')],
    });

    // History: ratings, times and durations; the state is the scheduler's replay of them.
    const cat = runJson(home, ['--now', NOW, 'show', 'animals/image-media-cat-png:forward']);
    expect(cat.history.map((h: { rating: string; at: string }) => [h.rating, h.at])).toEqual([
      ['good', new Date(T0).toISOString()],
      ['good', new Date(T0 + 600_000).toISOString()],
      ['again', new Date(T0 + 3 * DAY).toISOString()],
    ]);
    expect(cat.state).toBe('relearning');
    expect(runJson(home, ['--now', NOW, 'show', 'animals/dog:forward']).history.map((h: { rating: string }) => h.rating)).toEqual(['good']);
    expect(runJson(home, ['--now', NOW, 'show', 'animals/dog:reverse']).suspended).toBe(true);
    const stats = runJson(home, ['--now', NOW, 'stats']);
    expect(stats.cards.suspended).toBe(1);

    // Back to Anki: the same GUIDs, the media in the package, the history in its review log.
    const out = join(home, 'back.apkg');
    runJson(home, ['--now', NOW, 'export', '--format', 'apkg', '--with-state', '-o', out]);
    const zip = openZip(readFileSync(out), 'back.apkg');
    const map = JSON.parse(new TextDecoder().decode(zip.read('media'))) as Record<string, string>;
    expect(Object.values(map).sort()).toEqual(['cat.png', 'meow.mp3']);
    const entry = Object.keys(map).find((k) => map[k] === 'cat.png') as string;
    expect(Buffer.from(zip.read(entry))).toEqual(Buffer.from(PNG));
    const col = readAnkiCollection(zip.read('collection.anki2'), 'back.apkg');
    expect(col.notes.map((n) => n.guid).sort()).toEqual(['Gcat1', 'Gcloze3', 'Gdog2', 'Gempty4']);
    expect(col.notes.find((n) => n.guid === 'Gcat1')?.flds).toContain('<img src="cat.png">');
    expect(col.notes.find((n) => n.guid === 'Gcat1')?.flds).toContain('[sound:meow.mp3]');
    expect(col.revlog).toHaveLength(4);
    expect(col.cards).toHaveLength(5);

    // Importing the same package again: cards studied here keep their own history.
    const again = runBin(home, ['--now', NOW, 'import', file, '--force', '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already studied here kept their own history');
    expect(runJson(home, ['--now', NOW, 'show', 'animals/image-media-cat-png:forward']).history).toHaveLength(3);
  });
});

describe('hostile media', () => {
  it('names that would leave media/ are made safe, and nothing is written outside it', () => {
    const home = tempHome();
    const file = join(home, 'evil.apkg');
    const col: FixtureCollection = {
      notetypes: [BASIC],
      decks: [],
      notes: [{ id: 1, mid: BASIC.id, fields: ['<img src="../../evil.png">', '<img src="/etc/x.png">'], cards: [{ ord: 0, did: 1 }] }],
    };
    writeFileSync(file, apkg(legacyCollection(col), 'anki2', { media: { '../../evil.png': PNG, '/etc/x.png': PNG, '.hidden': PNG, 'a\u0000b.png': PNG } }));
    const r = runBin(home, ['--now', NOW, 'import', file, '--deck', 'e']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(home, 'media')).sort()).toEqual(['_.._evil.png', '_etc_x.png', 'ab.png', 'hidden']);
    expect(existsSync(join(home, '..', 'evil.png'))).toBe(false);
    expect(readFileSync(join(home, 'decks', 'e.yaml'), 'utf8')).toContain('[image: media/_.._evil.png]');
  });

  it('a media file that is already there with other bytes is kept; the new one gets another name', () => {
    const home = tempHome();
    const file = join(home, 'm.apkg');
    const col: FixtureCollection = {
      notetypes: [BASIC],
      decks: [],
      notes: [{ id: 1, mid: BASIC.id, fields: ['<img src="cat.png">', 'x'], cards: [{ ord: 0, did: 1 }] }],
    };
    writeFileSync(file, apkg(legacyCollection(col), 'anki2', { media: { 'cat.png': PNG } }));
    runJson(home, ['--now', NOW, 'import', file, '--deck', 'a']);
    writeFileSync(file, apkg(legacyCollection(col), 'anki2', { media: { 'cat.png': MP3 } }));
    runJson(home, ['--now', NOW, 'import', file, '--deck', 'b']);
    expect(readdirSync(join(home, 'media')).sort()).toEqual(['cat-2.png', 'cat.png']);
    expect(readFileSync(join(home, 'media', 'cat.png'))).toEqual(Buffer.from(PNG));
    expect(readFileSync(join(home, 'decks', 'b.yaml'), 'utf8')).toContain('[image: media/cat-2.png]');
  });
});
