/**
 * CSV/TSV import as Anki's text files come: separators sniffed when no header names one,
 * `--columns` to say what each column holds, note types recognised in any UI language, GUIDs
 * matched first on re-import, empty backs kept, and "no notes" always saying why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffSeparator } from '../../src/app/import/delimited.js';
import { tempHome } from '../support/home.js';
import { runBin, runJson } from '../support/run.js';

const write = (home: string, name: string, text: string) => {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
};
const cards = (home: string) => runJson(home, ['search', '']).cards.map((c: { card: string }) => c.card);

describe('text import', () => {
  it('sniffs the separator of a headerless file: tab, comma, semicolon, pipe', () => {
    expect(sniffSeparator('a;b;c\nd;e;f\n', ',')).toBe(';');
    expect(sniffSeparator('a|b\nc|d\n', '\t')).toBe('|');
    expect(sniffSeparator('a\tb, c, d\ne\tf\n', ',')).toBe('\t');
    expect(sniffSeparator('"x;y",b\nc,d\n', ',')).toBe(',');
    expect(sniffSeparator('one column\n', ',')).toBe(',');
    const home = tempHome();
    runJson(home, ['import', write(home, 'words.csv', 'chat;cat;noun\nchien;dog;noun\n'), '--deck', 'fr']);
    expect(cards(home)).toEqual(['fr/chat:forward', 'fr/chien:forward']);
    expect(readFileSync(join(home, 'decks', 'fr.yaml'), 'utf8')).toContain('    front: chat\n    back: cat\n    tags: [noun]\n');
  });

  it('--columns says what each column holds; a first row of column names is said and skipped', () => {
    const home = tempHome();
    const r = runBin(home, ['import', write(home, 'w.tsv', 'Tags\tBack\tFront\nverb\tto eat\tmanger\n'), '--deck', 'fr', '--columns', 'tags,back,front']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('llmcards: warning: w.tsv: record 1 (Tags, Back, Front) looks like column names: taken as such, not as a note\n');
    expect(readFileSync(join(home, 'decks', 'fr.yaml'), 'utf8')).toContain('    front: manger\n    back: to eat\n    tags: [verb]\n');
    const bad = runBin(home, ['import', write(home, 'x.csv', 'a,b\n'), '--columns', 'front,answer']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --columns entry "answer"');
  });

  it('knows note types by what they are, in any UI language; an empty back is fine', () => {
    const home = tempHome();
    const text = [
      '#separator:tab',
      '#notetype column:1',
      'Einfach (mit umgekehrter Karte)\tder Hund\tthe dog',
      'Lückentext\t{{c1::Berlin}} ist die Hauptstadt.\t',
      '基础\t只有正面\t',
      '',
    ].join('\n');
    runJson(home, ['import', write(home, 'de.txt', text), '--deck', 'de']);
    expect(cards(home)).toEqual(['de/der-hund:forward', 'de/der-hund:reverse', 'de/berlin-ist-die-hauptstadt:c1', 'de/只有正面:forward']);
    expect(readFileSync(join(home, 'decks', 'de.yaml'), 'utf8')).toContain('    front: 只有正面\n    back: ""\n');
  });

  it('re-import matches notes by their GUID first, whatever their text became', () => {
    const home = tempHome();
    const v1 = ['#separator:comma', '#guid column:1', 'Gx1,old front,answer', ''].join('\n');
    runJson(home, ['import', write(home, 'g.csv', v1), '--deck', 'g']);
    runJson(home, ['answer', 'g/old-front:forward', 'good']);
    const v2 = ['#separator:comma', '#guid column:1', 'Gx1,a new front,another answer', ''].join('\n');
    runJson(home, ['import', write(home, 'g.csv', v2), '--deck', 'g', '--force']);
    expect(cards(home)).toEqual(['g/old-front:forward']);
    expect(runJson(home, ['show', 'g/old-front:forward']).history).toHaveLength(1);
    expect(readFileSync(join(home, 'decks', 'g.yaml'), 'utf8')).toContain('    front: a new front\n');
  });

  it('"no notes to import" says which records and why; Image Occlusion notes are explained', () => {
    const home = tempHome();
    const r = runBin(home, ['import', write(home, 'e.csv', ',only a back\n,another\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('llmcards: e.csv has no notes to import: e.csv: record 1 skipped: its front is empty; e.csv: record 2 skipped: its front is empty\n');
    const io = runBin(home, [
      'import',
      write(home, 'io.txt', '#separator:tab\n{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2:oi=1}}\t<img src="x.png">\n'),
    ]);
    expect(io.code).toBe(1);
    expect(io.stderr).toContain('1 Image Occlusion note in io.txt left out: llmcards shows cards as text and cannot hide parts of an image; study it in Anki');
    const empty = runBin(home, ['import', write(home, 'h.csv', '#separator:comma\n#html:false\n')]);
    expect(empty.stderr).toBe('llmcards: h.csv has no notes to import: h.csv has no records after its header lines\n');
  });
});
