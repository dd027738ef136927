/** The .apkg's zip writer (formats/zip-write.ts): archives that our reader, fflate and unzip's rules read back. */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../src/formats/zip.js';
import { writeZip } from '../../src/formats/zip-write.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('writeZip', () => {
  const big = text('collection '.repeat(50_000));
  const entries = [
    { name: 'collection.anki2', data: big, deflate: true },
    { name: 'media', data: text('{"0":"é.png"}'), deflate: false },
    { name: '0', data: new Uint8Array([0, 1, 2, 255]), deflate: false },
    { name: 'empty', data: new Uint8Array(0), deflate: true },
    { name: 'noms/é中.txt', data: text('UTF-8 name'), deflate: false },
  ];
  const zip = writeZip(entries, new Date(2026, 5, 1, 8, 30, 10))!;

  it('is read back entry for entry by our defensive reader (CRC-32 checked) and by fflate', () => {
    const ours = openZip(zip, 'x.apkg');
    const theirs = unzipSync(zip);
    for (const e of entries) {
      expect(Buffer.from(ours.read(e.name)).equals(Buffer.from(e.data))).toBe(true);
      expect(Buffer.from(theirs[e.name]!).equals(Buffer.from(e.data))).toBe(true);
    }
    expect(zip.length).toBeLessThan(big.length / 10);
  });

  it('stamps the local time in DOS form and flags UTF-8 names', () => {
    const view = Buffer.from(zip);
    // the first local header: time at 10, date at 12
    expect(view.readUInt16LE(10)).toBe((8 << 11) | (30 << 5) | 5);
    expect(view.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (6 << 5) | 1);
    const at = view.indexOf(Buffer.from('noms/é中.txt'));
    expect(view.readUInt16LE(at - 30 + 6) & 0x0800).toBe(0x0800);
  });
});
