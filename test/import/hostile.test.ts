/**
 * Hostile input to the importers: random and mutated packages, CSV and JSON never crash; each is
 * either read or refused with a UserError (a one-line reason, exit 1).
 */
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importApkg } from '../../src/app/import/apkg.js';
import { importDelimited } from '../../src/app/import/delimited.js';
import { importJson } from '../../src/app/import/json.js';
import { UserError } from '../../src/errors.js';
import { apkg, BASIC, CLOZE, currentCollection, legacyCollection } from '../fixtures/import/anki-fixture.js';

const COLLECTION = {
  notetypes: [BASIC, CLOZE],
  decks: [{ id: 10, name: 'A::B' }],
  notes: [
    { id: 1, mid: BASIC.id, fields: ['front <b>x</b>', 'back'], cards: [{ ord: 0, did: 10 }] },
    { id: 2, mid: CLOZE.id, fields: ['{{c1::gap}} here', ''], cards: [{ ord: 0, did: 10 }] },
  ],
};
const PACKAGES = [apkg(legacyCollection(COLLECTION), 'anki2'), apkg(currentCollection(COLLECTION), 'anki21b')];

/** Runs `fn`; fails the property unless it returns or throws a one-line UserError. */
function readOrRefuse(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    expect(err.message).not.toContain('\n');
  }
}

describe('importers never crash', () => {
  it('on mutated packages', () => {
    fc.assert(
      fc.property(fc.nat(1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (which, edits) => {
        const bytes = new Uint8Array(PACKAGES[which]!);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        readOrRefuse(() => importApkg(bytes, 'x.apkg'));
      }),
      { numRuns: 200 },
    );
  });

  it('on zips of random entries', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('meta', 'collection.anki2', 'collection.anki21', 'collection.anki21b', 'media', '0'), fc.uint8Array({ maxLength: 200 })),
        (files) => {
          readOrRefuse(() => importApkg(zipSync(files), 'x.apkg'));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('on random text as CSV, TSV and JSON', () => {
    const csvish = fc
      .array(
        fc.constantFrom(
          'a',
          ',',
          '\t',
          '"',
          '\n',
          '\r',
          '#',
          '#separator:tab\n',
          '#html:true\n',
          '#notetype column:1\n',
          '<br>',
          '{{c1::',
          '}}',
          '中',
          'Cloze',
          'Basic',
        ),
        { maxLength: 60 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string()), (text) => {
        readOrRefuse(() => importDelimited(text, 'x.csv', ',', 'x'));
        readOrRefuse(() => importDelimited(text, 'x.tsv', '\t', 'x'));
        readOrRefuse(() => importJson(text, 'x.json'));
      }),
      { numRuns: 300 },
    );
  });

  it('on JSON of the right format with the wrong shapes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        readOrRefuse(() => importJson(JSON.stringify({ format: 'llmcards', version: 1, decks: [{ deck: 'd', notes: [value] }] }), 'x.json'));
        readOrRefuse(() => importJson(JSON.stringify({ format: 'llmcards', version: 1, decks: value }), 'x.json'));
      }),
      { numRuns: 300 },
    );
  });
});
