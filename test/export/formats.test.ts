/**
 * `export --format json|csv|tsv|md` (issue 6): round trips back to YAML through `import`, Anki's
 * CSV headers and quoting, the Markdown study guide, and the output rules (stdout by default,
 * `-o FILE` written atomically, the format from the file name).
 */
import { parse } from 'csv-parse/sync';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { delimitedRecord } from '../../src/formats/delimited.js';
import { deckDraft } from '../../src/core/deck-draft.js';
import { parseDeck } from '../../src/deckfile/parse.js';
import { deckToYaml } from '../../src/deckfile/write.js';
import { bundledHome, tempHome } from '../support/home.js';
import { runBin } from '../support/run.js';
import { DECK } from '../fixtures/import/decks.js';

const NOW = '2026-03-01T08:00:00Z';

/** Edge cases of text: quotes, commas, tabs (as spaces), newlines, `#` first, Chinese, markup. */
const TRICKY = `tags: [edge]
cards:
  - id: quote
    front: 'He said "hi", then left'
    back: "#1 answer, with a comma"
  - id: multi
    front: {en: "line one\\nline two", zh: 第一行，逗号}
    back: "a\\tb  and <b>not bold</b> & more"
    reverse: true
    keypoints: [{en: first, zh: 第一}, second]
    distractors: [x, {en: y, zh: 乙}]
  - id: hash
    term: "#hashtag"
    definition: "; semicolon | pipe : colon"
    source: book, p. 3
  - id: gaps
    cloze: {en: "A {{c1::cat}} sat on {{c2::the mat::where}}.", zh: "一只{{c1::猫}}坐在{{c2::垫子::哪里}}上。"}
    distractors: {c1: [dog], c2: [chair]}
    explanation: |-
      Two lines
      of explanation
`;

const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'line' || k === 'idGiven' || k === 'file' ? undefined : x)));

/** Every deck of a collection, parsed from its files, by name. */
function decksOf(home: string) {
  const out: Record<string, unknown> = {};
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else if (e.name.endsWith('.yaml')) {
        const r = parseDeck(readFileSync(join(dir, e.name), 'utf8'), `${prefix}${e.name}`, e.name);
        expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
        out[r.deck!.name] = strip(r.deck);
      }
    }
  };
  walk(join(home, 'decks'), '');
  return out;
}

function roundTrip(source: string, format: string) {
  const out = tempHome();
  const file = join(out, `export.${format}`);
  const e = runBin(source, ['--now', NOW, 'export', '--format', format, '-o', file]);
  expect(e.stderr).toBe('');
  expect(e.code).toBe(0);
  const target = tempHome();
  const i = runBin(target, ['--now', NOW, 'import', file]);
  expect(i.stderr).toBe('');
  expect(i.code).toBe(0);
  return target;
}

describe('round trips', () => {
  it.each(['json', 'csv', 'tsv', 'apkg'])('bundled decks: YAML → %s → YAML gives identical decks', (format) => {
    const home = bundledHome();
    // A deck's `order:` (its place in the new-card order) is ours alone: our JSON keeps it; a CSV row
    // or an Anki deck has no place for it, so those round trips are compared without it.
    const withoutOrder = (decks: Record<string, unknown>) =>
      format === 'json' ? decks : Object.fromEntries(Object.entries(decks).map(([k, d]) => [k, { ...(d as object), order: undefined }]));
    expect(withoutOrder(decksOf(roundTrip(home, format)))).toEqual(withoutOrder(decksOf(home)));
  });

  it.each(['json', 'csv', 'tsv', 'apkg'])('tricky text: YAML → %s → YAML gives identical decks', (format) => {
    const home = tempHome({ 'edge.yaml': TRICKY, 'llm/alignment.yaml': DECK });
    expect(decksOf(roundTrip(home, format))).toEqual(decksOf(home));
  });

  it('the same notes and cards come back, keyed as before', () => {
    const home = tempHome({ 'edge.yaml': TRICKY, 'llm/alignment.yaml': DECK });
    const target = roundTrip(home, 'apkg');
    const cards = (h: string) =>
      JSON.parse(runBin(h, ['--now', NOW, 'search', '', '--json']).stdout).cards.map((c: { card: string; front: string; back: string }) => [
        c.card,
        c.front,
        c.back,
      ]);
    expect(cards(target)).toEqual(cards(home));
  });

  it('writes readable YAML: language maps inline, multi-line text as block scalars, the schema comment', () => {
    const draft = deckDraft(parseDeck(TRICKY, 'edge.yaml', 'edge.yaml').deck!);
    const text = deckToYaml(draft, { schemaPath: '../schema/deck.schema.json' });
    expect(text).toContain('# yaml-language-server: $schema=../schema/deck.schema.json\ntags: [edge]\n');
    expect(text).toContain('    keypoints:\n      - {en: first, zh: 第一}\n      - second\n');
    expect(text).toContain('    explanation: |-\n      Two lines\n      of explanation\n');
    expect(text).toContain('\n\n  - id: multi\n');
  });
});

describe('csv and tsv', () => {
  it("starts with Anki's headers, naming no note type (Anki's are named in its UI language) and no column labels", () => {
    const r = runBin(tempHome({ 'edge.yaml': TRICKY }), ['export', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual([
      '#separator:comma',
      '#html:true',
      '#guid column:1',
      '#deck column:2',
      '#tags column:5',
      '#llmcards column:6',
    ]);
    // Anki resolves #notetype and a notetype column by name ("Basic" is "Einfach" in a German
    // Anki), and maps #columns labels to field names ("Front" is "Vorderseite"): neither is there,
    // so it imports with the note type picked in its dialog, fields in column order.
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('#') && !l.startsWith('#llmcards deck:'));
    expect(headers.some((l) => /^#(notetype|columns)/i.test(l))).toBe(false);
    expect(r.stdout).not.toMatch(/(^|,)(Basic|Cloze)(,|$)/m);
    const tsv = runBin(tempHome({ 'edge.yaml': TRICKY }), ['export', '--format', 'tsv', '--no-html']);
    expect(tsv.stdout.split('\n').slice(0, 3)).toEqual(['#separator:tab', '#html:false', '#guid column:1']);
  });

  it("has front and back as the first two columns that are not metadata, as Anki maps a label-less file's fields", () => {
    const r = runBin(tempHome({ 'edge.yaml': TRICKY }), ['export', '--format', 'csv']);
    const meta = new Set(
      r.stdout
        .split('\n')
        .map((l) => /^#(guid|deck|tags|notetype) column:(\d+)$/.exec(l))
        .flatMap((m) => (m ? [Number(m[2])] : [])),
    );
    const rows = parse(r.stdout, { delimiter: ',', comment: '#', comment_no_infix: true, relax_column_count: true }) as string[][];
    const quote = rows.find((row) => JSON.parse(row[5]!).id === 'quote')!;
    const fields = quote.filter((_, i) => !meta.has(i + 1));
    expect(fields.slice(0, 2)).toEqual(['He said "hi", then left', '#1 answer, with a comma']);
  });

  it.each([
    ['csv', ','],
    ['tsv', '\t'],
  ])('%s: quotes commas, quotes, tabs, newlines and a leading #; escapes HTML', (format, delimiter) => {
    const r = runBin(tempHome({ 'edge.yaml': TRICKY }), ['export', '--format', format]);
    const rows = parse(r.stdout, { delimiter, comment: '#', comment_no_infix: true, relax_column_count: true }) as string[][];
    const byId = Object.fromEntries(rows.map((row) => [JSON.parse(row[5]!).id, row]));
    expect(byId.quote!.slice(1, 5)).toEqual(['edge', 'He said "hi", then left', '#1 answer, with a comma', 'edge']);
    expect(byId.multi!.slice(1, 4)).toEqual(['edge', 'line one<br>line two<br>第一行，逗号', 'a    b  and &lt;b&gt;not bold&lt;/b&gt; &amp; more']);
    expect(byId.hash![2]).toBe('#hashtag');
    expect(byId.gaps!.slice(1, 4)).toEqual([
      'edge',
      'A {{c1::cat}} sat on {{c2::the mat::where}}.<br>一只{{c1::猫}}坐在{{c2::垫子::哪里}}上。',
      'Two lines<br>of explanation',
    ]);
    // a record whose first field starts with # would be a comment to Anki: it is quoted
    const lines = r.stdout.split('\n').filter((l) => !l.startsWith('#'));
    expect(lines.every((l) => !l.startsWith('#'))).toBe(true);
  });

  it('quotes by RFC 4180, and a field starting with # always', () => {
    expect(delimitedRecord(['plain', 'a,b', 'say "x"', 'two\nlines', '#tag', '中文，逗号'], ',')).toBe(
      'plain,"a,b","say ""x""","two\nlines","#tag",中文，逗号\n',
    );
    expect(delimitedRecord(['a\tb', 'a,b', '#'], '\t')).toBe('"a\tb"\ta,b\t"#"\n');
  });

  it('--no-html writes plain text fields (#html:false) that import back the same', () => {
    const home = tempHome({ 'edge.yaml': TRICKY });
    const file = join(home, 'plain.csv');
    expect(runBin(home, ['export', '--format', 'csv', '--no-html', '-o', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"line one\nline two\n第一行，逗号"');
    const target = tempHome();
    expect(runBin(target, ['import', file]).code).toBe(0);
    expect(decksOf(target)).toEqual(decksOf(home));
  });
});

describe('md', () => {
  it('is a study guide per deck, grouped by tag, in both languages', () => {
    const r = runBin(tempHome({ 'llm/alignment.yaml': DECK, 'edge.yaml': TRICKY }), ['export', '--format', 'md']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('# Alignment · 人类对齐\n');
    expect(md).toContain('## training\n\n### RLHF · 基于人类反馈的强化学习\n');
    expect(md).toContain('- GPT-1 has about **117 million** parameters (**2018**).\n- GPT-1 约有 **1.17 亿** 个参数（**2018**）。');
    expect(md).toContain('### #hashtag\n');
    expect(md).toContain('a    b  and \\<b\\>not bold\\</b\\> & more');
    expect(md.indexOf('# edge')).toBeGreaterThan(-1);
  });

  it('--lang en keeps one language', () => {
    const md = runBin(tempHome({ 'llm/alignment.yaml': DECK }), ['--lang', 'en', 'export', '--format', 'md']).stdout;
    expect(md).toContain('### RLHF\n');
    expect(md).not.toContain('人类对齐');
  });
});

describe('output', () => {
  it('writes -o FILE atomically, leaving no temporary file, and reports', () => {
    const home = tempHome({ 'a.yaml': DECK });
    const file = join(home, 'out.json');
    writeFileSync(file, 'old');
    const r = runBin(home, ['--now', NOW, 'export', '-o', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ format: 'json', file, decks: 1, notes: 5, cards: 8, bytes: readFileSync(file).length });
    expect(JSON.parse(readFileSync(file, 'utf8')).decks[0].deck).toBe('a');
    expect(readdirSync(home).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('leaves an existing file as it was when the export fails', () => {
    const home = tempHome({ 'a.yaml': DECK });
    const r = runBin(home, ['export', '--format', 'json', '-o', join(home, 'no-such-dir', 'x.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^llmcards: cannot write .*x\.json: the folder .* does not exist\n$/);
  });

  it('filters by --deck prefix and --tag, and refuses a --deck that matches nothing', () => {
    const home = tempHome({ 'llm/alignment.yaml': DECK, 'edge.yaml': TRICKY });
    const json = JSON.parse(runBin(home, ['export', '--format', 'json', '--deck', 'llm']).stdout);
    expect(json.decks.map((d: { deck: string }) => d.deck)).toEqual(['llm/alignment']);
    const tagged = JSON.parse(runBin(home, ['export', '--format', 'json', '--tag', 'training']).stdout);
    expect(tagged.decks[0].notes.map((n: { id: string }) => n.id)).toEqual(['rlhf']);
    const r = runBin(home, ['export', '--format', 'json', '--deck', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('llmcards: no deck matches --deck "nope" (see llmcards decks)\n');
  });

  it('needs a format: from --format or the file name (usage error otherwise)', () => {
    const home = tempHome({ 'a.yaml': DECK });
    expect(runBin(home, ['export']).code).toBe(2);
    expect(runBin(home, ['export', '-o', 'x.unknown']).stderr).toContain('cannot tell the format from "x.unknown"');
    expect(runBin(home, ['export', '--format', 'pdf']).code).toBe(2);
    expect(existsSync(join(home, 'x.unknown'))).toBe(false);
  });

  it('json with --with-state has each card state and history', () => {
    const home = tempHome({ 'a.yaml': DECK });
    runBin(home, ['--now', '2026-02-20T08:00:00Z', 'answer', 'rlhf:forward', 'good']);
    const json = JSON.parse(runBin(home, ['--now', NOW, 'export', '--format', 'json', '--with-state']).stdout);
    const card = json.decks[0].notes[0].cards[0];
    expect(card).toMatchObject({ card: 'a/rlhf:forward', template: 'forward', state: 'learning', reps: 1, suspended: false });
    expect(card.history).toHaveLength(1);
    expect(card.history[0]).toMatchObject({ at: '2026-02-20T08:00:00.000Z', rating: 'good', state: 'learning', before: { state: 'new' } });
    const plain = JSON.parse(runBin(home, ['export', '--format', 'json']).stdout);
    expect(plain.decks[0].notes[0].cards[0]).toEqual({ card: 'a/rlhf:forward', template: 'forward' });
  });
});
