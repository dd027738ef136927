import { expect, it } from 'vitest';
import { formatInterval } from '../../src/core/intervals.js';

const m = 60_000;
const h = 60 * m;
const d = 24 * h;

it.each([
  [0, '0s'],
  [45_000, '45s'],
  [1 * m, '1m'],
  [10 * m, '10m'],
  [90 * m, '1.5h'],
  [23 * h, '23h'],
  [3 * d, '3d'],
  [29 * d, '29d'],
  [63 * d, '2.1mo'],
  [400 * d, '1.1y'],
  [-5 * m, '0s'],
])('formatInterval(%d) = %s', (ms, label) => {
  expect(formatInterval(ms)).toBe(label);
});
