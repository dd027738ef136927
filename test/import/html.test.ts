/**
 * The pure conversions behind import and export: field HTML ⇄ plain text, media references,
 * Anki's checksum and GUID helpers, note type shapes, deck names, and the import plan.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base91, fieldChecksum, guidForNote, sortFieldValue } from '../../src/formats/anki.js';
import { notetypeShape, templateRefs } from '../../src/formats/anki-import.js';
import { decodeEntities, htmlToText, mediaReferences, stripHtmlPreservingMediaFilenames, textToHtml } from '../../src/formats/html-text.js';
import { deckNameFromAnki, planDecks, rebaseDeckNames, reconcileIds, splitBySize } from '../../src/formats/import-source.js';
import { decodeProto, encodeProto, protoNumber, protoString } from '../../src/formats/protobuf.js';
import { sha1Hex } from '../../src/formats/sha1.js';
import { progressBar } from '../../src/cli/render/progress.js';
import { BASIC, BASIC_REVERSED, BASIC_TYPING, CLOZE, THREE_WAY } from '../fixtures/import/anki-fixture.js';

describe('htmlToText: field HTML as plain text with its line breaks', () => {
  it.each([
    ['plain', 'plain'],
    ['a<br>b', 'a\nb'],
    ['a<br/><br />b', 'a\n\nb'],
    ['line1<div>line2</div><div><br></div><div>line4</div>', 'line1\nline2\n\nline4'],
    ['<div>a</div><div>b</div>', 'a\nb'],
    ['a<br><div>b</div>', 'a\nb'],
    ['<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['<ul><li>x</li><li>y</li></ul>', '- x\n- y'],
    ['<b>bold</b> &amp; &lt;tag&gt; &quot;q&quot; &#39;s&#39; &#x4e2d;&nbsp;x', '**bold** & <tag> "q" \'s\' 中 x'],
    ['source\n  wrapped\n  lines', 'source wrapped lines'],
    ['&nbsp;&nbsp;indented<br>next', '  indented\nnext'],
    ['<img src="a b.png"> text', '[image: a b.png] text'],
    ['<style>.x{}</style><!-- c -->kept<script>bad()</script>', 'kept'],
    ['<i>it</i> <u>un</u> <span style="color: rgb(255, 0, 0);">red</span> <b> </b>x <b>b<i>bi</i></b>', '*it* _un_ **red**  x **b*bi***'],
    ['<ol><li>one</li><li>two</li></ol><ul><li>a<ul><li>b</li></ul></li></ul>', '1. one\n2. two\n- a\n  - b'],
    ['<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>', 'k | v\na | 1'],
    ['\\(x^2\\) and <anki-mathjax>y</anki-mathjax>', '\\(x^2\\) and \\(y\\)'],
    ['a < b <<< c', 'a < b <<< c'],
    ['<img src="x.png">[sound:y.mp3]', '[image: x.png][sound:y.mp3]'],
  ])('%j → %j', (html, text) => expect(htmlToText(html)).toBe(text));

  it('drops emphasis where asked (cloze text), and shows imported media by their path', () => {
    expect(htmlToText('{{c1::<b>Tokyo</b>::city}}', { emphasis: false })).toBe('{{c1::Tokyo::city}}');
    expect(htmlToText('<img src="a&amp;b.png"> [sound:y.mp3]', { media: (n) => `media/${n}` })).toBe('[image: media/a&b.png] [sound: media/y.mp3]');
  });

  it('takes time in proportion to the input, whatever it holds', () => {
    for (const hostile of [
      '<'.repeat(200_000),
      '<a '.repeat(100_000),
      '<style'.repeat(50_000),
      '<b>'.repeat(100_000),
      '<!--'.repeat(50_000),
      '<a href="'.repeat(50_000),
    ]) {
      expect(typeof htmlToText(hostile)).toBe('string');
    }
  });

  it.each(['plain', 'two\nlines', '  indented\ncode', 'a < b && c > d', 'tabs\tand  double spaces', '中文\n第二行'])('inverts textToHtml: %j', (text) => {
    expect(htmlToText(textToHtml(text))).toBe(text);
  });

  it('finds media references, as Anki does', () => {
    expect(mediaReferences('<img src="a.png"><img src=\'b.jpg\'> <img class=x src=c.gif> [sound:d.mp3] <audio src="e.ogg">')).toEqual([
      'a.png',
      'b.jpg',
      'c.gif',
      'e.ogg',
      'd.mp3',
    ]);
    expect(stripHtmlPreservingMediaFilenames('x<img src="a.png">y')).toBe('x a.png y');
    expect(decodeEntities('&unknown; &#0; &amp;')).toBe('&unknown; &#0; &');
  });
});

describe("Anki's rules", () => {
  it('sha1 matches node:crypto', () => {
    for (const s of ['', 'abc', '中文 text', 'x'.repeat(1000)]) expect(sha1Hex(s)).toBe(createHash('sha1').update(s).digest('hex'));
  });

  it('csum is the first 8 hex digits of SHA-1 of the stripped first field; sfld is not trimmed', () => {
    expect(fieldChecksum('<b>RLHF</b>')).toBe(parseInt(createHash('sha1').update('RLHF').digest('hex').slice(0, 8), 16));
    expect(sortFieldValue(' a &amp; <i>b</i> ')).toBe(' a & b ');
  });

  it('GUIDs are base91 and stable per note key', () => {
    expect(base91(0n)).toBe('');
    expect(base91(90n)).toBe('~');
    expect(base91(91n)).toBe('ba');
    expect(guidForNote('llm/training/rlhf')).toBe(guidForNote('llm/training/rlhf'));
    expect(guidForNote('llm/training/rlhf')).not.toBe(guidForNote('llm/training/sft'));
  });

  it('reads template field references and note type shapes', () => {
    expect(templateRefs('{{#Back}}{{Front}} {{type:Back}} {{FrontSide}} {{text:furigana:Reading}}{{/Back}}')).toEqual([
      { field: 'Front', filters: [] },
      { field: 'Back', filters: ['type'] },
      { field: 'Reading', filters: ['text', 'furigana'] },
    ]);
    expect(notetypeShape({ ...BASIC, kind: 0 })).toMatchObject({ kind: 'question', front: ['Front'], back: ['Back'] });
    expect(notetypeShape({ ...BASIC_TYPING, kind: 0 })).toMatchObject({ kind: 'question', front: ['Front'], back: ['Back'] });
    expect(notetypeShape({ ...BASIC_REVERSED, kind: 0 })).toMatchObject({ kind: 'glossary', front: ['Front'], back: ['Back'] });
    expect(notetypeShape({ ...CLOZE, kind: 1 })).toMatchObject({ kind: 'cloze', front: ['Text'], back: ['Back Extra'] });
    expect(notetypeShape({ ...THREE_WAY, kind: 0 })).toMatchObject({
      kind: 'question',
      front: ['Word'],
      back: ['Reading', 'Meaning'],
      perTemplate: [
        { name: 'Recognition', front: ['Word'], back: ['Reading', 'Meaning'] },
        { name: 'Recall', front: ['Meaning'], back: ['Word'] },
        { name: 'Reading', front: ['Reading'], back: ['Word'] },
      ],
    });
  });

  it('decodes and encodes the protobuf of current collections', () => {
    const blob = encodeProto([
      [1, 1],
      [3, 'css'],
      [300, 7],
    ]);
    const m = decodeProto(blob);
    expect([protoNumber(m, 1), protoString(m, 3), protoNumber(m, 300), protoNumber(m, 2)]).toEqual([1, 'css', 7, 0]);
    expect(() => decodeProto(Uint8Array.from([0x0a, 0x05, 0x01]))).toThrow('truncated bytes');
  });
});

describe('import plan', () => {
  it.each([
    [['Japanese'], 'Japanese'],
    [['Japanese Vocab::Verbs (N5)'], 'japanese-vocab/verbs-n5'],
    [['中文::词汇'], '中文/词汇'],
    [['!!!'], 'deck'],
  ])('deck name from Anki %j', (names, expected) => expect(deckNameFromAnki(names[0]!)).toBe(expected === 'Japanese' ? 'japanese' : expected));

  it('rebases the source decks under --deck', () => {
    expect([...rebaseDeckNames(['a/x'], 'jp')]).toEqual([['a/x', 'jp']]);
    expect([...rebaseDeckNames(['a', 'a/x', 'a/y/z'], 'jp')]).toEqual([
      ['a', 'jp'],
      ['a/x', 'jp/x'],
      ['a/y/z', 'jp/y/z'],
    ]);
    expect([...rebaseDeckNames(['a', 'b'], 'jp')]).toEqual([
      ['a', 'jp/a'],
      ['b', 'jp/b'],
    ]);
    expect([...rebaseDeckNames(['a', 'b'], undefined)]).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });

  it('keeps ids unique and takes the ids of the file being replaced', () => {
    const src = [
      { draft: { id: 'cat', front: 'cat', back: 'ねこ' }, exactId: false },
      { draft: { id: 'cat', front: 'cat', back: 'another' }, exactId: false },
      { draft: { id: 'dog-edited', front: 'dog (edited)', back: 'いぬ' }, exactId: false },
    ];
    const existing = [{ id: 'dog', front: 'dog', back: 'いぬ' }];
    expect(reconcileIds(src, existing).map((n) => n.draft.id)).toEqual(['cat', 'cat', 'dog']);
    const [deck] = planDecks([{ name: 'x', tags: [], options: {}, notes: src }], 'v', () => existing);
    expect(deck!.notes.map((n) => n.id)).toEqual(['cat', 'cat-2', 'dog']);
  });

  it('matches a note by its GUID before its text', () => {
    const src = [{ draft: { id: 'new-text', front: 'new text', back: 'x', guid: 'G1' }, exactId: false }];
    const existing = [
      { id: 'old', front: 'old text', back: 'y', guid: 'G1' },
      { id: 'new-text-2', front: 'new text', back: 'x' },
    ];
    expect(reconcileIds(src, existing).map((n) => n.draft.id)).toEqual(['old']);
  });

  it('writes a large deck in parts of at most the given size, in order, each note keeping its origin', () => {
    const notes = Array.from({ length: 60_000 }, (_, i) => ({
      draft: { id: `n${i}`, front: `question ${i}`, back: `answer ${i}` },
      exactId: false,
      origin: String(i),
    }));
    const planned = planDecks(
      [
        { name: 'big', tags: [], options: {}, notes },
        { name: 'big/small', tags: [], options: {}, notes: notes.slice(0, 3) },
      ],
      undefined,
    );
    const parts = splitBySize(planned, 1024 * 1024);
    expect(parts.map((p) => p.name).slice(0, 3)).toEqual(['big/part-1', 'big/part-2', 'big/part-3']);
    expect(parts.at(-1)!.name).toBe('big/small');
    const big = parts.filter((p) => p.name.startsWith('big/part-'));
    expect(big.reduce((n, p) => n + p.notes.length, 0)).toBe(60_000);
    for (const p of big) {
      expect(JSON.stringify(p.notes).length).toBeLessThanOrEqual(1024 * 1024);
      p.notes.forEach((n, i) => expect(`n${p.origins[i]}`).toBe(n.id));
    }
  });

  it('draws a progress bar only for long exports, and clears it', () => {
    const out: string[] = [];
    const bar = progressBar((s) => out.push(s), 'Exporting');
    bar.update(5, 10);
    bar.done();
    expect(out).toEqual([]);
    for (let i = 1; i <= 400; i++) bar.update(i, 400);
    bar.done();
    expect(out[0]).toBe('\rExporting [------------------------------] 1/400');
    expect(out.at(-2)).toBe('\rExporting [##############################] 400/400');
    expect(out.at(-1)).toBe('\r\u001b[K');
    expect(out).toHaveLength(102);
  });
});
