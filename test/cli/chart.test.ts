import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { heatmapGrid, horizontalBars, verticalBars } from '../../src/cli/render/chart.js';
import { makeTheme } from '../../src/cli/render/theme.js';

const t = makeTheme(false);
const widest = (lines: string[]) => Math.max(...lines.map((l) => stringWidth(l)));

describe('charts', () => {
  it.each([40, 80, 200])('vertical bars fit %i columns and span first to last', (columns) => {
    const values = Array.from({ length: 53 }, (_, i) => (i * 37) % 90);
    const lines = verticalBars(values, { first: '2026-11-28', last: '2027-11-27' }, t, columns);
    expect(widest(lines)).toBeLessThanOrEqual(columns);
    expect(lines.at(-1)).toMatch(/2026-11-28 +2027-11-27/);
    expect(lines).toHaveLength(7);
  });

  it('averages neighbours when there are more values than columns', () => {
    const lines = verticalBars([8, 8, 0, 0], { first: 'a', last: 'b' }, t, 5, 1);
    // Room for 2 bars: the first pair averages 8 (full), the second 0 (empty).
    expect(lines[0]).toBe('8 █ ');
  });

  it('heatmap: weeks as columns starting on a Monday, a legend, within the width', () => {
    const days = Array.from({ length: 182 }, (_, i) => ({ date: new Date(Date.UTC(2026, 5, 1) + i * 86_400_000).toISOString().slice(0, 10), reviews: i % 7 }));
    const lines = heatmapGrid(days, t, 40);
    expect(lines[0]!.startsWith('Mon ')).toBe(true);
    expect(lines.at(-1)).toContain('less ·░▒▓█ more');
    expect(widest(lines)).toBeLessThanOrEqual(40);
  });

  it('horizontal bars draw no data as a dotted track', () => {
    const lines = horizontalBars([{ label: 'w1', share: null, text: 'no reviews' }, { label: 'w2', share: 0.5, text: '50%' }], t, 40);
    expect(lines[0]).toMatch(/^ {2}w1 ·+ no reviews$/);
    expect(lines[1]).toMatch(/^ {2}w2 █+░+ 50%$/);
  });
});
