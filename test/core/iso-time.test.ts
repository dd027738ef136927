import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/core/iso-time.js';

describe('isoTime writes what toISOString writes', () => {
  const same = (ms: number) => {
    const want = new Date(ms).toISOString();
    if (isoTime(ms) !== want) expect({ ms, got: isoTime(ms) }).toEqual({ ms, got: want });
  };

  it('at the edges: 1970, leap days, centuries, the first and last times of years 0000 and 9999', () => {
    for (const t of [
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00.000Z',
      '1900-02-28T23:59:59.999Z',
      '1900-03-01T00:00:00.000Z',
      '2100-03-01T00:00:00.001Z',
      '2024-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      '0000-02-29T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ])
      same(Date.parse(t));
  });

  it('on 600,000 times, every millisecond of a day, and days over the whole range', () => {
    let seed = 20_261_202;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let i = 0; i < 300_000; i++) same(Math.floor(-62_167_219_200_000 + random() * 315_569_520_000_000));
    for (let i = 0; i < 300_000; i++) same(Date.parse('2026-06-01T00:00:00.000Z') + Math.floor(random() * 40 * 86_400_000));
  });

  it('outside years 0000-9999 as Date writes it, and throws as Date does for no time', () => {
    for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 8.64e15, -8.64e15]) same(ms);
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
