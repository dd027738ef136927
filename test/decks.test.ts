/**
 * The bundled decks (issue 4): lint-clean, bilingual, and covering every concept of the notes'
 * checklist (test/fixtures/notes-checklist/*.yaml); and (issue 15) fair as a drill: no card shows its
 * answer, every reverse card has one right term, multiple choice has real distractors, one Chinese
 * term per concept (the table in decks/README.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import {
  ambiguousReverses,
  bilingualProblems,
  clozeGiveaways,
  distractorProblems,
  glossedGaps,
  keyedNotes,
  keypointProblems,
  punctuationProblems,
  terminologyProblems,
  terminologyTable,
} from './support/deck-quality.js';

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
        if ((term.length >= 3 || /^[\u3400-\u9fff]{2}$/.test(term)) && definition.includes(term.toLowerCase()))
          problems.push(`${key}: definition contains "${term}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the bundled decks as a drill (issue 15)', () => {
  const all = keyedNotes(decks);
  const readme = readFileSync(join(decksDir, 'README.md'), 'utf8');
  const table = terminologyTable(readme);
  const gates: Record<string, () => string[]> = {
    'no cloze card shows its answer, in either language': () => clozeGiveaways(all),
    'no cloze gap holds a gloss in brackets': () => glossedGaps(all),
    'glossary and cloze notes have 3+ distractors that look like the answer and are not aliases of it': () => distractorProblems(all),
    'every note with keypoints has 3 or more': () => keypointProblems(all),
    'every reverse card has one right term: no two definitions share most of their key words': () => ambiguousReverses(all),
    'every shown text, distractors included, has en and zh': () => bilingualProblems(all, decks),
    "Chinese text uses the terminology table's term, not a rejected variant": () => terminologyProblems(all, decks, table),
    'Chinese text uses full-width punctuation': () => punctuationProblems(all, decks),
  };

  // DECK_REPORT=file writes every gate's problems to one file, to work through them deck by deck.
  if (process.env.DECK_REPORT) {
    writeFileSync(
      process.env.DECK_REPORT,
      Object.entries(gates)
        .flatMap(([name, gate]) => [`## ${name}`, ...gate().sort()])
        .join('\n') + '\n',
    );
  }

  it('are counted in decks/README.md and README.md (UPDATE_DECK_COUNTS=1 rewrites both)', () => {
    const rows = decks
      .map((d) => ({
        deck: d.name,
        topic: typeof d.title === 'string' ? d.title : (d.title?.en ?? d.name),
        notes: d.notes.length,
        cards: d.notes.reduce((n, note) => n + templatesOf(note).length, 0),
        interview: d.notes.filter((n) => n.keypoints.length > 0).length,
      }))
      .sort((a, b) => a.deck.localeCompare(b.deck));
    const total = rows.reduce((t, r) => ({ notes: t.notes + r.notes, cards: t.cards + r.cards, interview: t.interview + r.interview }), {
      notes: 0,
      cards: 0,
      interview: 0,
    });
    const table = [
      '| deck | topic | notes | cards | interview questions |',
      '| --- | --- | ---: | ---: | ---: |',
      ...rows.map((r) => `| \`${r.deck}\` | ${r.topic} | ${r.notes} | ${r.cards} | ${r.interview} |`),
      `| **total** | ${rows.length} decks | ${total.notes} | ${total.cards} | ${total.interview} |`,
    ].join('\n');
    const block = /(<!-- deck-counts:start -->\n)[\s\S]*?(<!-- deck-counts:end -->)/;
    const sentence = /\d+ notes, \d+ cards, \d+ interview questions/;
    const stated = `${total.notes} notes, ${total.cards} cards, ${total.interview} interview questions`;
    const mainPath = join(REPO, 'README.md');
    const decksPath = join(decksDir, 'README.md');
    if (process.env.UPDATE_DECK_COUNTS) {
      writeFileSync(decksPath, readFileSync(decksPath, 'utf8').replace(block, `$1${table}\n$2`));
      writeFileSync(mainPath, readFileSync(mainPath, 'utf8').replace(sentence, stated));
    }
    expect(readFileSync(decksPath, 'utf8').match(block)?.[0]).toBe(`<!-- deck-counts:start -->\n${table}\n<!-- deck-counts:end -->`);
    expect(readFileSync(mainPath, 'utf8').replace(/\s+/g, ' ').match(sentence)?.[0]).toBe(stated);
  });

  it('has a terminology table', () => {
    expect(table.length).toBeGreaterThanOrEqual(10);
    expect(table.filter((r) => r.concept === 'token').map((r) => r.zh)).toEqual(['词元']);
  });

  it.each(Object.keys(gates))('%s', (name) => {
    expect(gates[name]!()).toEqual([]);
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
