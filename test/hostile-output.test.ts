/**
 * Hostile audit, finding 1, 2 and 2.9 (issue 17): a hostile string in every place text from outside
 * can come from (a deck file's name, a YAML directive, the deck title, tags, note text, an imported
 * package's media names, an unknown card asked for) goes through every command's human and JSON
 * output, and nothing a terminal obeys comes out: no escape or control character, no bidi control,
 * no zero-width character, no line separator; and JSON keeps the exact value, escaped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cleanOutput, inert, jsonSafe } from '../src/cli/safe-output.js';
import { tempHome } from './support/home.js';
import { runBin } from './support/run.js';

/** OSC 52 (clipboard), OSC 0 (title), CSI clear screen, C1 CSI, bidi override, zero-width space, line separator, BEL, CR. */
const EVIL = '\u001b]52;c;cm0gLXJmIH4K\u0007\u001b]0;OWNED\u0007\u001b[2J\u009b31m\u202eevil\u200b\u2028forged\r\u0007';
/** Anything a terminal could obey or that makes text read differently, in any output. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function hostileHome(): string {
  const home = tempHome({
    'good.yaml': `title: "T${yamlEscaped(EVIL)}"\ntags: ["t\\u200bag"]\ncards:\n  - id: a\n    front: "q${yamlEscaped(EVIL)}"\n    back: "b${yamlEscaped(EVIL)}"\n    tags: ["x\\u202ey"]\n  - id: c\n    cloze: "the {{c1::answer${yamlEscaped(EVIL)}}} here"\n`,
    // A YAML directive carrying escapes (finding 1).
    'directive.yaml': `%YAML 1.2\n%${EVIL.replace(/[\r\u2028]/g, '')}\n---\ncards:\n  - id: d\n    front: q\n    back: b\n`,
  });
  // A file name carrying escapes and a newline (finding 2): an invalid deck name, reported by sync and lint.
  writeFileSync(join(home, 'decks', `notes${EVIL.replace(/\r/g, '')}\nx.yaml`), 'cards:\n  - id: a\n    front: q\n    back: b\n');
  return home;
}

function yamlEscaped(s: string): string {
  return [...s]
    .map((c) =>
      c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) || /[\u2028\u202e\u200b]/.test(c)
        ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
        : c,
    )
    .join('');
}

/** An Anki package whose media names and deck name carry the hostile string. */
function hostilePackage(dir: string): string {
  const path = join(dir, 'evil.apkg');
  writeFileSync(path, zipSync({ 'collection.anki2': legacyCollection(), media: new TextEncoder().encode(JSON.stringify({ 0: `m${EVIL}.png` })) }));
  return path;
}

/** A legacy Anki collection with one Basic note referring to a hostile media file. */
function legacyCollection(): Uint8Array {
  {
    {
      const db = new Database(':memory:');
      db.exec(`CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer, dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
        CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, flds text, sfld text, csum integer, flags integer, data text);
        CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer, type integer, queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer, left integer, odue integer, odid integer, flags integer, data text);`);
      const models = {
        1: {
          id: 1,
          name: 'Basic',
          type: 0,
          flds: [
            { name: 'Front', ord: 0 },
            { name: 'Back', ord: 1 },
          ],
          tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{Back}}' }],
        },
      };
      db.prepare(`INSERT INTO col VALUES (1,0,0,0,11,0,0,0,'{}',?,?,'{}','{}')`).run(
        JSON.stringify(models),
        JSON.stringify({ 1: { id: 1, name: `Deck${EVIL}`, desc: '' } }),
      );
      db.prepare(`INSERT INTO notes VALUES (1,'g1',1,0,0,?,?,'',0,0,'')`).run(
        ` tag${EVIL.replace(/\s/g, '')} `,
        `front <img src="m${EVIL}.png">\u001fback [sound:s${EVIL}.mp3]`,
      );
      db.prepare(`INSERT INTO cards VALUES (1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,'')`).run();
      return db.serialize();
    }
  }
}

describe('one output gate', () => {
  it("cleans what a terminal obeys, keeps the program's own colours, and escapes JSON losslessly", () => {
    expect(cleanOutput(`a${EVIL}b`)).toBe('aevil\nforgedb');
    expect(inert(`a${EVIL}b`)).toBe('aevil forgedb');
    expect(cleanOutput('\u001b[31mred\u001b[39m \u001b[8mhidden\u001b[0m', { styles: true })).toBe('\u001b[31mred\u001b[39m hidden\u001b[0m');
    expect(cleanOutput('e\u0301'.padEnd(40, '\u0301'))).toBe(`e${'\u0301'.repeat(8)}`);
    const json = jsonSafe(JSON.stringify({ v: EVIL }));
    expect(json).not.toMatch(UNSAFE);
    expect(JSON.parse(json).v).toBe(EVIL);
  });

  it("lets nothing through, in any command's human or JSON output", () => {
    const home = hostileHome();
    mkdirSync(join(home, 'in'));
    const apkg = hostilePackage(join(home, 'in'));
    const commands: string[][] = [
      ['sync'],
      ['lint'],
      ['due'],
      ['decks'],
      ['next'],
      ['show', 'good/a:forward'],
      ['show', `nothing${EVIL}`],
      ['search', 'q'],
      ['search', 'evil'],
      ['stats'],
      ['simulate', '--days', '3'],
      ['quiz', '--print', '--seed', '1'],
      ['quiz', '--answers', '--seed', '1', '--count', '1'],
      ['export', '--format', 'md'],
      ['export', '--format', 'csv'],
      ['export', '--format', 'tsv'],
      ['export', '--format', 'json'],
      ['config', 'list'],
      ['config', 'set', `new${EVIL}`, '1'],
      ['answer', 'good/a:forward', 'good'],
      ['undo'],
      ['suspend', `x${EVIL}`],
      ['import', apkg, '--deck', 'shared'],
      ['import', join(home, 'in', `no${EVIL}.csv`)],
      [],
    ];
    for (const args of commands) {
      for (const json of [false, true]) {
        const r = runBin(home, json ? [...args, '--json'] : args, { input: '' });
        const where = `llmcards ${args.join(' ')}${json ? ' --json' : ''}`;
        expect(r.stdout, `${where} (stdout)`).not.toMatch(UNSAFE);
        expect(r.stderr, `${where} (stderr)`).not.toMatch(UNSAFE);
        expect(r.stderr, `${where}: no internal error`).not.toMatch(/internal error/);
        // Every message for people is one line each: a forged line cannot appear.
        for (const line of r.stderr.split('\n').filter(Boolean)) expect(line, where).toMatch(/^llmcards: /);
      }
    }
  });
});
