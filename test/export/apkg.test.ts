/**
 * `export --format apkg` (issue 6): the written package opened as Anki opens it, and checked
 * against Anki's own rules (ankitects/anki rslib): the schema-11 tables, the keys its schema-11
 * parsers require in the `col` JSON, `csum`/`sfld`, GUIDs, integer-second `mod`, card ordinals and
 * deck references.
 */
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../support/home.js';
import { runBin } from '../support/run.js';
import { DECK } from '../fixtures/import/decks.js';

const NOW = '2026-03-01T08:00:00Z';

function exportApkg(home: string, args: string[] = [], now = NOW) {
  const r = runBin(home, ['--now', now, 'export', '-o', 'out.apkg', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const files = unzipSync(readFileSync(join(home, 'out.apkg')));
  return { files, db: new Database(Buffer.from(files['collection.anki2'] as Uint8Array)) };
}

// rslib/src/storage/schema11.sql
const SCHEMA11_COLUMNS: Record<string, string[]> = {
  col: ['id', 'crt', 'mod', 'scm', 'ver', 'dty', 'usn', 'ls', 'conf', 'models', 'decks', 'dconf', 'tags'],
  notes: ['id', 'guid', 'mid', 'mod', 'usn', 'tags', 'flds', 'sfld', 'csum', 'flags', 'data'],
  cards: ['id', 'nid', 'did', 'ord', 'mod', 'usn', 'type', 'queue', 'due', 'ivl', 'factor', 'reps', 'lapses', 'left', 'odue', 'odid', 'flags', 'data'],
  revlog: ['id', 'cid', 'usn', 'ease', 'ivl', 'lastIvl', 'factor', 'time', 'type'],
  graves: ['usn', 'oid', 'type'],
};

// Keys Anki's schema-11 parsers require (no serde default): rslib/src/notetype/schema11.rs,
// decks/schema11.rs, deckconfig/schema11.rs.
const MODEL_KEYS = ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css', 'latexPre', 'latexPost', 'req'];
const FIELD_KEYS = ['name', 'ord', 'sticky', 'rtl', 'font', 'size'];
const TEMPLATE_KEYS = ['name', 'ord', 'qfmt', 'afmt', 'bqfmt', 'bafmt', 'did'];
const DECK_KEYS = ['id', 'mod', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'desc', 'dyn', 'conf'];
const DCONF_KEYS = ['id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'new', 'rev', 'lapse'];

/** Anki's strip_html_preserving_media_filenames for the HTML we write (tags, entities). */
const stripHtml = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** Anki's field_checksum: first 8 hex digits of SHA-1, as an integer. */
const csum = (s: string) => parseInt(createHash('sha1').update(s, 'utf8').digest('hex').slice(0, 8), 16);

describe('export --format apkg', () => {
  it('writes a zip with the legacy collection and an empty media map, as Anki does', () => {
    const { files } = exportApkg(tempHome({ 'llm/alignment.yaml': DECK }));
    expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
    expect(new TextDecoder().decode(files.media)).toBe('{}');
  });

  it("has Anki's schema-11 tables and col row", () => {
    const { db } = exportApkg(tempHome({ 'llm/alignment.yaml': DECK }));
    for (const [table, columns] of Object.entries(SCHEMA11_COLUMNS)) {
      expect((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)).toEqual(columns);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const col = db.prepare('SELECT * FROM col').get() as Record<string, number | string>;
    expect(col.ver).toBe(11);
    expect(col.id).toBe(1);
    // crt in seconds (the study day's start: 4am UTC), mod and scm in milliseconds
    expect(col.crt).toBe(Date.parse('2026-03-01T04:00:00Z') / 1000);
    expect(col.mod).toBe(Date.parse(NOW));
    expect(col.scm).toBe(Date.parse(NOW));
    const conf = JSON.parse(col.conf as string);
    expect(conf.schedVer).toBe(2);
    expect(conf.nextPos).toBe(6);
    expect(JSON.parse(col.tags as string)).toEqual({ alignment: -1, training: -1 });
  });

  it('writes note types, decks and deck options with every key Anki requires', () => {
    const { db } = exportApkg(tempHome({ 'llm/alignment.yaml': DECK }));
    const col = db.prepare('SELECT models, decks, dconf FROM col').get() as Record<string, string>;
    const models = JSON.parse(col.models as string) as Record<string, Record<string, any>>;
    expect(
      Object.values(models)
        .map((m) => m.name)
        .sort(),
    ).toEqual(['llmcards Cloze', 'llmcards Glossary', 'llmcards Question']);
    for (const [id, m] of Object.entries(models)) {
      for (const k of MODEL_KEYS) expect(m, `${m.name} lacks ${k}`).toHaveProperty(k);
      expect(String(m.id)).toBe(id);
      expect(Number.isInteger(m.mod) && m.mod < 1e10).toBe(true); // seconds, not ms
      m.flds.forEach((f: Record<string, unknown>, i: number) => {
        for (const k of FIELD_KEYS) expect(f).toHaveProperty(k);
        expect(f.ord).toBe(i);
      });
      m.tmpls.forEach((t: Record<string, unknown>, i: number) => {
        for (const k of TEMPLATE_KEYS) expect(t).toHaveProperty(k);
        expect(t.ord).toBe(i);
      });
      // every field a template names exists
      for (const t of m.tmpls) {
        for (const ref of `${t.qfmt}${t.afmt}`.matchAll(/\{\{[#^/]?(?:[a-z]+:)*([^}:]+)\}\}/g)) {
          if (ref[1] !== 'FrontSide') expect(m.flds.map((f: { name: string }) => f.name)).toContain(ref[1]);
        }
      }
      expect(m.type).toBe(m.name === 'llmcards Cloze' ? 1 : 0);
      if (m.type === 1) expect(m.tmpls[0].qfmt).toContain('{{cloze:Text}}');
    }
    const decks = JSON.parse(col.decks as string) as Record<string, Record<string, any>>;
    expect(
      Object.values(decks)
        .map((d) => d.name)
        .sort(),
    ).toEqual(['Default', 'llm', 'llm::alignment']);
    for (const [id, d] of Object.entries(decks)) {
      for (const k of DECK_KEYS) expect(d, `deck ${d.name} lacks ${k}`).toHaveProperty(k);
      expect(String(d.id)).toBe(id);
      expect(d.dyn).toBe(0);
      expect(Number.isInteger(d.mod) && d.mod < 1e10).toBe(true);
    }
    const alignment = Object.values(decks).find((d) => d.name === 'llm::alignment')!;
    expect(alignment.newLimit).toBe(5);
    expect(alignment.desc).toBe('How models are aligned.<br>模型如何对齐。');
    const dconf = JSON.parse(col.dconf as string) as Record<string, Record<string, any>>;
    for (const k of DCONF_KEYS) expect(dconf['1']).toHaveProperty(k);
    for (const k of ['delays', 'initialFactor', 'ints', 'order', 'perDay']) expect(dconf['1']!.new).toHaveProperty(k);
    for (const k of ['ease4', 'ivlFct', 'maxIvl', 'perDay']) expect(dconf['1']!.rev).toHaveProperty(k);
    for (const k of ['delays', 'leechAction', 'leechFails', 'minInt', 'mult']) expect(dconf['1']!.lapse).toHaveProperty(k);
  });

  it('writes notes by Anki rules: fields, sfld, csum, guid, mod in seconds, usn -1, tags', () => {
    const { db } = exportApkg(tempHome({ 'llm/alignment.yaml': DECK }));
    const models = JSON.parse((db.prepare('SELECT models FROM col').get() as { models: string }).models) as Record<string, { flds: unknown[]; sortf: number }>;
    const notes = db.prepare('SELECT * FROM notes ORDER BY id').all() as Record<string, any>[];
    expect(notes).toHaveLength(5);
    for (const n of notes) {
      const fields = (n.flds as string).split('\u001f');
      expect(fields).toHaveLength(models[n.mid]!.flds.length);
      expect(String(n.sfld)).toBe(stripHtml(fields[models[n.mid]!.sortf]!));
      expect(n.csum).toBe(csum(stripHtml(fields[0]!)));
      expect(n.usn).toBe(-1);
      expect(Number.isInteger(n.mod) && n.mod < 1e10).toBe(true);
      expect(n.guid).toMatch(/^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{1,11}$/);
      expect(n.flags).toBe(0);
      expect(n.data).toBe('');
    }
    expect(new Set(notes.map((n) => n.guid)).size).toBe(5);
    const [rlhf, steps, gpt1, , plain] = notes;
    expect(rlhf!.tags).toBe(' alignment training ');
    expect(steps!.tags).toBe(' alignment ');
    expect(rlhf!.flds.split('\u001f').slice(0, 4)).toEqual([
      'RLHF',
      '基于人类反馈的强化学习',
      'Training with rewards learned from human preferences &amp; &lt;rankings&gt;.',
      '用从人类偏好中学到的奖励训练模型。',
    ]);
    expect(steps!.flds.split('\u001f')[2]).toBe('SFT<br>reward model<br>RL');
    expect(gpt1!.flds.split('\u001f').slice(0, 2)).toEqual([
      'GPT-1 has about {{c1::117 million}} parameters ({{c2::2018}}).',
      'GPT-1 约有 {{c1::1.17 亿}} 个参数（{{c2::2018}}）。',
    ]);
    expect(plain!.flds.split('\u001f')[0]).toBe('The {{c1::transformer}} was introduced in {{c2::2017}}.');
    // the metadata field carries the note key (escaped as HTML)
    expect(JSON.parse(stripHtml(rlhf!.flds.split('\u001f').at(-1)!)).key).toBe('llm/alignment/rlhf');
  });

  it('writes cards with the right ordinals, decks and new-card positions', () => {
    const { db } = exportApkg(tempHome({ 'llm/alignment.yaml': DECK }));
    const decks = JSON.parse((db.prepare('SELECT decks FROM col').get() as { decks: string }).decks) as Record<string, { name: string }>;
    const rows = db.prepare('SELECT n.flds, n.mid, c.* FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.id, c.ord').all() as Record<string, any>[];
    const ords = rows.map((r) => [
      JSON.parse(stripHtml(r.flds.split('\u001f').at(-1)))
        .key.split('/')
        .at(-1),
      r.ord,
      r.due,
    ]);
    expect(ords).toEqual([
      ['rlhf', 0, 1],
      ['rlhf', 1, 1],
      ['steps', 0, 2],
      ['gpt1', 0, 3],
      ['gpt1', 1, 3],
      ['only-forward', 0, 4],
      ['plain-gaps', 0, 5],
      ['plain-gaps', 1, 5],
    ]);
    for (const r of rows) {
      expect(decks[String(r.did)]?.name).toBe('llm::alignment');
      expect([r.type, r.queue, r.ivl, r.reps, r.lapses, r.usn, r.odid, r.odue]).toEqual([0, 0, 0, 0, 0, -1, 0, 0]);
    }
    expect(db.prepare('SELECT count(*) AS n FROM cards c LEFT JOIN notes n ON n.id = c.nid WHERE n.id IS NULL').get()).toEqual({ n: 0 });
    expect((db.prepare('SELECT count(DISTINCT id) AS n FROM cards').get() as { n: number }).n).toBe(rows.length);
  });

  it('gives a note the same GUID in every export, so Anki updates it instead of duplicating it', () => {
    const home = tempHome({ 'llm/alignment.yaml': DECK });
    const first = exportApkg(home).db.prepare('SELECT guid FROM notes ORDER BY guid').all();
    const later = exportApkg(home, [], '2026-04-01T08:00:00Z').db.prepare('SELECT guid FROM notes ORDER BY guid').all();
    expect(later).toEqual(first);
  });

  it('with --with-state, exports card states and the review log in Anki terms', () => {
    const home = tempHome({ 'llm/alignment.yaml': DECK });
    expect(runBin(home, ['--now', '2026-02-20T08:00:00Z', 'answer', 'rlhf:forward', 'good']).code).toBe(0);
    expect(runBin(home, ['--now', '2026-02-20T08:05:00Z', 'answer', 'rlhf:forward', 'good']).code).toBe(0);
    expect(runBin(home, ['--now', '2026-02-20T08:06:00Z', 'answer', 'steps', 'again']).code).toBe(0);
    expect(runBin(home, ['suspend', 'gpt1:c2']).code).toBe(0);
    const { db } = exportApkg(home, ['--with-state']);
    const card = (key: string, ord: number) =>
      db.prepare(`SELECT c.* FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE ? AND c.ord = ?`).get(`%"llm/alignment/${key}"%`, ord) as Record<
        string,
        any
      >;
    const rlhf = card('rlhf', 0);
    expect([rlhf.type, rlhf.queue, rlhf.reps]).toEqual([2, 2, 2]);
    expect(rlhf.ivl).toBeGreaterThanOrEqual(1);
    const crt = Date.parse('2026-03-01T04:00:00Z') / 1000;
    expect(Number.isInteger(rlhf.due)).toBe(true);
    expect(rlhf.due).toBeLessThan(1000); // days from crt, not a timestamp
    const data = JSON.parse(rlhf.data);
    expect(data.s).toBeGreaterThan(0);
    expect(data.d).toBeGreaterThanOrEqual(1);
    expect(data.lrt).toBe(Date.parse('2026-02-20T08:05:00Z') / 1000);
    const steps = card('steps', 0);
    expect([steps.type, steps.queue]).toEqual([1, 1]); // learning, due in seconds
    expect(steps.due).toBeGreaterThan(crt - 30 * 86400);
    expect(card('gpt1', 1).queue).toBe(-1);
    expect(card('gpt1', 0).queue).toBe(0);
    const revlog = db.prepare('SELECT * FROM revlog ORDER BY id').all() as Record<string, any>[];
    expect(revlog.map((r) => [r.id, r.ease, r.type, r.usn])).toEqual([
      [Date.parse('2026-02-20T08:00:00Z'), 3, 0, -1],
      [Date.parse('2026-02-20T08:05:00Z'), 3, 0, -1],
      [Date.parse('2026-02-20T08:06:00Z'), 1, 0, -1],
    ]);
    expect(revlog[1]!.cid).toBe(rlhf.id);
    expect(revlog[1]!.ivl).toBe(rlhf.ivl);
  });

  it('refuses to write a package to stdout (usage error, exit 2)', () => {
    const r = runBin(tempHome({ 'a.yaml': DECK }), ['export', '--format', 'apkg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('llmcards: an Anki package is binary: give -o FILE.apkg (see llmcards export --help)\n');
    expect(r.stdout).toBe('');
  });
});
