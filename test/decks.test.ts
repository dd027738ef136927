/**
 * The bundled decks (issue 4): lint-clean, bilingual, and covering every concept of the notes'
 * checklist (test/fixtures/notes-checklist/*.yaml).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintDecks } from '../src/app/lint.js';
import { listDeckFiles, readDeckText } from '../src/deckfile/load.js';
import { parseDeckText } from '../src/deckfile/parse-text.js';
import { noteKey, type Note } from '../src/core/notes.js';
import { allVariants, type Localized } from '../src/core/text.js';
import { templatesOf } from '../src/core/cards.js';
import { REPO } from './support/home.js';

const decksDir = join(REPO, 'decks');
const decks = listDeckFiles(decksDir).map((f) => parseDeckText(readDeckText(f.abs), f.file, f.file, true).deck!);
const notes = new Map<string, Note>();
for (const d of decks) for (const n of d.notes) notes.set(noteKey(d.name, n.id), n);

function textsOf(n: Note): Localized[] {
  const base: Localized[] = [...n.keypoints, ...(n.explanation ? [n.explanation] : [])];
  if (n.kind === 'glossary') return [n.term, n.definition, ...base];
  if (n.kind === 'question') return [n.front, n.back, ...base];
  return [n.cloze, ...base];
}

describe('the bundled decks', () => {
  it('pass lint with no errors and no warnings', () => {
    const report = lintDecks(REPO, REPO, []);
    expect(report.problems).toEqual([]);
  });

  it('are big enough to study from: 150+ notes, 300+ cards, 40+ interview questions', () => {
    const cards = [...notes.values()].reduce((n, note) => n + templatesOf(note).length, 0);
    const interview = [...notes.values()].filter((n) => n.kind === 'question' && n.keypoints.length >= 3 && n.keypoints.length <= 6);
    expect(notes.size).toBeGreaterThanOrEqual(150);
    expect(cards).toBeGreaterThanOrEqual(300);
    expect(interview.length).toBeGreaterThanOrEqual(40);
  });

  it('are bilingual: every text field has en and zh', () => {
    const missing: string[] = [];
    for (const [key, n] of notes) {
      for (const t of textsOf(n)) if (typeof t === 'string' || !t.en || !t.zh) missing.push(key);
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('give every note tags, related links and a source', () => {
    const bare = [...notes].filter(([, n]) => n.tags.length === 0 || n.related.length === 0 || !n.source).map(([k]) => k);
    expect(bare).toEqual([]);
  });

  it('give glossary notes aliases, and never give the term away on the reverse card', () => {
    const problems: string[] = [];
    for (const [key, n] of notes) {
      if (n.kind !== 'glossary') continue;
      if (n.answers.length === 0) problems.push(`${key}: no answers`);
      if (!n.reverse) continue;
      const definition = allVariants(n.definition).join('\n').toLowerCase();
      for (const term of allVariants(n.term)) {
        // A term shown whole in its own definition makes the reverse card trivial.
        if (term.length >= 3 && definition.includes(term.toLowerCase())) problems.push(`${key}: definition contains "${term}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the notes checklist', () => {
  const dir = join(REPO, 'test', 'fixtures', 'notes-checklist');
  const items = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => (parse(readFileSync(join(dir, f), 'utf8')) as { concept: string; notes: string[]; mentions: string[] }[]).map((i) => ({ ...i, file: f })));

  it('is substantial', () => {
    expect(items.length).toBeGreaterThanOrEqual(250);
  });

  it.each(items.map((i) => [`${i.file}: ${i.concept}`, i] as const))('%s is covered', (_name, item) => {
    const covering = item.notes.map((k) => notes.get(k));
    expect(covering.map((n, i) => (n ? item.notes[i] : `missing note ${item.notes[i]}`))).toEqual(item.notes);
    const text = covering
      .flatMap((n) => [...textsOf(n!), ...n!.answers])
      .flatMap((t) => allVariants(t))
      .join('\n')
      .toLowerCase();
    for (const m of item.mentions) expect(text, `"${m}" should appear in ${item.notes.join(', ')}`).toContain(String(m).toLowerCase());
  });
});
