/**
 * Nested cloze gaps and gaps of several cards, as Anki 2.1.56+ writes them (rslib/src/cloze.rs):
 * our syntax is flat, so such a note becomes one note per group of non-overlapping card numbers,
 * each card showing what Anki shows (issue 16).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clozeFront, gapAnswers } from '../../src/core/cloze.js';
import { flattenAnkiCloze, parseAnkiCloze } from '../../src/formats/anki-cloze.js';
import { openZip } from '../../src/formats/zip.js';
import { readAnkiCollection } from '../../src/store/anki/read.js';
import { apkg, CLOZE, currentCollection, type FixtureCollection } from '../fixtures/import/anki-fixture.js';
import { tempHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';

/** What card `n` of the flattened notes asks and answers. */
function card(text: string, n: number): { front: string; answers: string[] } {
  const note = flattenAnkiCloze(text).find((g) => g.ordinals.includes(n));
  if (!note) throw new Error(`no card c${n}`);
  return { front: clozeFront(note.text, n), answers: gapAnswers(note.text, n) };
}

describe('Anki cloze syntax', () => {
  it('parses nested gaps, hints and gaps of several cards as Anki does', () => {
    expect(parseAnkiCloze('a {{c1::outer {{c2::inner::hint2}} text::hint1}} b')).toEqual([
      'a ',
      { ordinals: [1], nodes: ['outer ', { ordinals: [2], nodes: ['inner'], hint: 'hint2' }, ' text'], hint: 'hint1' },
      ' b',
    ]);
    expect(parseAnkiCloze('{{c2,1,2::x}} }} {{c::y}}')).toEqual([{ ordinals: [1, 2], nodes: ['x'] }, ' }} {{c::y}}']);
  });

  it('leaves a text with an unclosed gap as it is (the flat syntax reports it)', () => {
    const text = 'a {{c1::outer {{c2::inner}} b';
    expect(parseAnkiCloze(text)).toEqual([text]);
    expect(flattenAnkiCloze(text)).toEqual([{ ordinals: [], text }]);
  });

  it('leaves a flat cloze as it is', () => {
    const text = 'The {{c1::Transformer}} uses {{c2::attention::mechanism}}.';
    expect(flattenAnkiCloze(text)).toEqual([{ ordinals: [1, 2], text }]);
  });

  it('gives each card of a nested cloze what Anki shows on it', () => {
    const text = 'Canberra is {{c1::the capital of {{c2::Australia}}}}, {{c3::founded 1913}}.';
    expect(flattenAnkiCloze(text)).toEqual([
      { ordinals: [1, 3], text: 'Canberra is {{c1::the capital of Australia}}, {{c3::founded 1913}}.' },
      { ordinals: [2], text: 'Canberra is the capital of {{c2::Australia}}, founded 1913.' },
    ]);
    // Anki's card 1 hides the whole outer gap; card 2 shows it with the inner one hidden.
    expect(card(text, 1)).toEqual({ front: 'Canberra is [...], founded 1913.', answers: ['the capital of Australia'] });
    expect(card(text, 2)).toEqual({ front: 'Canberra is the capital of [...], founded 1913.', answers: ['Australia'] });
    expect(card(text, 3)).toEqual({ front: 'Canberra is the capital of Australia, [...].', answers: ['founded 1913'] });
  });

  it('splits a gap of several cards and keeps hints', () => {
    const text = '{{c1,2::Paris::city}} is in {{c2::France}}';
    expect(flattenAnkiCloze(text)).toEqual([
      { ordinals: [1], text: '{{c1::Paris::city}} is in France' },
      { ordinals: [2], text: '{{c2::Paris::city}} is in {{c2::France}}' },
    ]);
    expect(card(text, 2)).toEqual({ front: '[city] is in [...]', answers: ['Paris', 'France'] });
  });

  it('handles three levels', () => {
    const text = '{{c1::a {{c2::b {{c3::c}}}}}}';
    expect(flattenAnkiCloze(text).map((g) => g.text)).toEqual(['{{c1::a b c}}', 'a {{c2::b c}}', 'a b {{c3::c}}']);
  });
});

describe('import of a nested cloze note', () => {
  const col: FixtureCollection = {
    notetypes: [CLOZE],
    decks: [{ id: 10, name: 'Geo' }],
    notes: [
      {
        id: 1,
        mid: CLOZE.id,
        guid: 'Gnest1',
        fields: ['Canberra is {{c1::the capital of {{c2::Australia}}}}, {{c3::founded 1913}}.', 'A planned city'],
        cards: [
          { ord: 0, did: 10 },
          { ord: 1, did: 10 },
          { ord: 2, did: 10 },
        ],
      },
    ],
    revlog: [
      { note: 1, ord: 1, at: Date.parse('2026-02-01T09:00:00Z'), ease: 3, time: 3000, type: 0 },
      { note: 1, ord: 1, at: Date.parse('2026-02-03T09:00:00Z'), ease: 3, time: 2000, type: 1 },
    ],
  };

  it('makes one card per cloze number with its history, and exports cards Anki shows alike', () => {
    const home = tempHome();
    const file = join(home, 'geo.apkg');
    writeFileSync(file, apkg(currentCollection(col), 'anki21b'));
    const r = runJson(home, ['--now', NOW, 'import', file]);
    expect(r).toMatchObject({ notes: 2, cards: 3, answers: 2 });
    const deck = readFileSync(join(home, 'decks', 'geo.yaml'), 'utf8');
    expect(deck).toContain('cloze: Canberra is {{c1::the capital of Australia}}, {{c3::founded 1913}}.\n');
    expect(deck).toContain('cloze: Canberra is the capital of {{c2::Australia}}, founded 1913.\n');
    expect(deck).toContain('guid: Gnest1');
    // The history of Anki's card 2 is on our c2, of the note that asks it.
    const c2 = runJson(home, ['--now', NOW, 'show', 'geo/canberra-is-the-capital-of-australia-founded-1913-c2:c2']);
    expect(c2.history.map((h: { rating: string }) => h.rating)).toEqual(['good', 'good']);
    expect(c2.front).toBe('Canberra is the capital of [...], founded 1913.');
    const c1 = runJson(home, ['--now', NOW, 'show', 'geo/canberra-is-the-capital-of-australia-founded-1913:c1']);
    expect(c1.front).toBe('Canberra is [...], founded 1913.');
    expect(c1.history).toEqual([]);

    // To Anki: two cloze notes, whose cards are Anki's three cards; and back, the same notes.
    const out = join(home, 'back.apkg');
    runJson(home, ['--now', NOW, 'export', '--format', 'apkg', '-o', out]);
    const back = readAnkiCollection(openZip(readFileSync(out), 'back.apkg').read('collection.anki2'), 'back.apkg');
    expect(back.notes).toHaveLength(2);
    expect(back.cards.map((c) => c.ord).sort()).toEqual([0, 1, 2]);
    const again = tempHome();
    const r2 = runJson(again, ['--now', NOW, 'import', out]);
    expect(r2).toMatchObject({ notes: 2, cards: 3 });
    expect(readFileSync(join(again, 'decks', 'geo.yaml'), 'utf8')).toContain('{{c2::Australia}}');
  });
});

describe('text import of a nested cloze', () => {
  it('splits it as the package import does, whatever the note type is called', () => {
    const home = tempHome();
    const file = join(home, 'geo.txt');
    // As Anki's note export writes it (rslib text/csv/export.rs), from a German Anki ("Lückentext").
    writeFileSync(
      file,
      '#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\nLückentext\tGeo\tCanberra is {{c1::the capital of {{c2::Australia}}}}.\t\tcity\n',
    );
    const r = runJson(home, ['--now', NOW, 'import', file, '--format', 'tsv']);
    expect(r).toMatchObject({ notes: 2, cards: 2 });
    const deck = readFileSync(join(home, 'decks', 'geo.yaml'), 'utf8');
    expect(deck).toContain('cloze: Canberra is {{c1::the capital of Australia}}.\n');
    expect(deck).toContain('cloze: Canberra is the capital of {{c2::Australia}}.\n');
  });
});

describe('a broken nested cloze', () => {
  it('is left out with a one-line warning naming the note type, and the rest imports', () => {
    const home = tempHome();
    const file = join(home, 'geo.apkg');
    const col: FixtureCollection = {
      notetypes: [CLOZE],
      decks: [{ id: 10, name: 'Geo' }],
      notes: [
        { id: 1, mid: CLOZE.id, fields: ['Canberra is {{c1::the capital of {{c2::Australia}}.', ''], cards: [{ ord: 0, did: 10 }] },
        { id: 2, mid: CLOZE.id, fields: ['{{c1::Wellington}} is in New Zealand', ''], cards: [{ ord: 0, did: 10 }] },
      ],
    };
    writeFileSync(file, apkg(currentCollection(col), 'anki21b'));
    const r = runBin(home, ['--now', NOW, 'import', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ notes: 1, cards: 1 });
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe('llmcards: warning: 1 note of note type "Cloze" skipped: empty front, or a cloze without gaps');
  });
});
