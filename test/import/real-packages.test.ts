/**
 * Import of real packages made by Anki and AnkiDroid (test/fixtures/anki/README.md says where each
 * comes from): every format read, history and media brought along, GUIDs kept for re-imports.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';

const NOW = '2026-03-01T08:00:00Z';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'anki');
const fixture = (name: string) => join(FIXTURES, name);

describe('real packages', () => {
  it('templates.apkg (AnkiDroid): every note type, one card per template, its review log as history', () => {
    const home = tempHome();
    const run = runBin(home, ['--now', NOW, 'import', fixture('templates.apkg'), '--json']);
    expect(run.code).toBe(0);
    // The one template that sets other mustache delimiters ({{=<% %>=}}) is said to be left out.
    expect(run.stderr).toContain('1 card of note type "reassign" card "Card 1" left out: the template shows no field of the note');
    const r = JSON.parse(run.stdout);
    expect(r.decks.length).toBeGreaterThan(3);
    // Every Anki card with a template that shows a field has a card here.
    expect(r.cards).toBeGreaterThan(130);
    // 102 answers in the log: all but those of the card whose template is left out (1) and of the
    // second gap of a nested cloze, which our cloze syntax does not have (7).
    expect(r.answers).toBe(94);
    expect(r.states).toBeGreaterThan(0);
    const stats = runJson(home, ['--now', NOW, 'stats']);
    expect(stats.cards.learning + stats.cards.review).toBe(r.states);
    // --no-state: the notes only.
    const plain = tempHome();
    const p = JSON.parse(runBin(plain, ['--now', NOW, 'import', fixture('templates.apkg'), '--no-state', '--json']).stdout);
    expect(p.answers).toBeUndefined();
    expect(runJson(plain, ['--now', NOW, 'stats']).cards.new).toBe(p.cards);
  });

  it('media.apkg (Anki): the sound goes to media/ and the card shows where', () => {
    const home = tempHome();
    const r = runJson(home, ['--now', NOW, 'import', fixture('media.apkg')]);
    expect(r.media).toBe(1);
    expect(readdirSync(join(home, 'media'))).toEqual(['foo.wav']);
    const card = runJson(home, ['--now', NOW, 'search', '']).cards[0];
    expect(`${card.front}\n${card.back}`).toContain('[sound: media/foo.wav]');
  });

  it('update1 → update2 → update3 (one GUID): re-import with --force updates the same note', () => {
    const home = tempHome();
    runJson(home, ['--now', NOW, 'import', fixture('update1.apkg'), '--deck', 'u']);
    const first = runJson(home, ['--now', NOW, 'search', '']).cards;
    for (const next of ['update2.apkg', 'update3.apkg']) {
      const r = runJson(home, ['--now', NOW, 'import', fixture(next), '--deck', 'u', '--force']);
      expect(r.notes).toBe(1);
      const now = runJson(home, ['--now', NOW, 'search', '']).cards;
      expect(now.map((c: { card: string }) => c.card)).toEqual(first.map((c: { card: string }) => c.card));
    }
    expect(readFileSync(join(home, 'decks', 'u.yaml'), 'utf8')).toMatch(/guid: /);
  });

  it('schema16.anki2 (AnkiDroid, WAL mode, unicase collation) is read; having no notes, it says so', () => {
    const home = tempHome();
    const r = runBin(home, ['import', fixture('schema16.anki2')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('llmcards: schema16.anki2 has no notes to import: the package holds no notes\n');
  });

  it('a bare collection (mediacheck.anki2) imports, and says how to bring its media', () => {
    const home = tempHome();
    const r = runBin(home, ['--now', NOW, 'import', fixture('mediacheck.anki2'), '--deck', 'm']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('export an .apkg from Anki');
    expect(existsSync(join(home, 'decks', 'm.yaml'))).toBe(true);
  });

  it('a schema-1 collection from Anki 2.0 alphas is refused with what to do', () => {
    const home = tempHome();
    const r = runBin(home, ['import', fixture('anki2-alpha.anki2')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/schema version 1, which this llmcards does not know/);
  });
});
