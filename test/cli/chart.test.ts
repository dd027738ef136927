import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { heatmapGrid, horizontalBars, verticalBars, weekdayAxis } from '../../src/cli/render/chart.js';
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
    expect(lines[1]!.startsWith('Mon ')).toBe(true);
    expect(lines.at(-1)).toContain('less ·░▒▓█ more');
    expect(widest(lines)).toBeLessThanOrEqual(40);
  });

  it('horizontal bars draw no data as a dotted track', () => {
    const lines = horizontalBars(
      [
        { label: 'w1', share: null, text: 'no reviews' },
        { label: 'w2', share: 0.5, text: '50%' },
      ],
      t,
      40,
    );
    expect(lines[0]).toMatch(/^ {2}w1 ·+ no reviews$/);
    expect(lines[1]).toMatch(/^ {2}w2 █+░+ 50%$/);
  });
});

describe('charts people read at a glance (issue 20)', () => {
  const daysFrom = (start: string, n: number) =>
    Array.from({ length: n }, (_, i) => new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

  it.each([40, 80, 200])('the heatmap names each month over its first week, at %i columns', (columns) => {
    // 2026-06-01 is a Monday: the weeks of June, July, August… start their months' columns.
    const lines = heatmapGrid(
      daysFrom('2026-06-01', 182).map((date) => ({ date, reviews: 1 })),
      t,
      columns,
    );
    const months = lines[0]!;
    expect(months.trim().split(/\s+/)).toEqual(['Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov']);
    // July's first Monday (2026-07-06) is the sixth week: its column is 4 (labels) + 5.
    expect(months.indexOf('Jul')).toBe(4 + 5);
    expect(widest(lines)).toBeLessThanOrEqual(columns);
  });

  it('the forecast has a weekday under each day and the dates of the Mondays', () => {
    const dates = daysFrom('2026-03-14', 30); // a Saturday
    const [letters, under] = weekdayAxis(dates, 1, 0, t, 40);
    expect(letters).toBe('SSMTWTFSSMTWTFSSMTWTFSSMTWTFSS');
    expect(under).toBe('today    03-23  03-30  04-06');
    const lines = verticalBars(
      dates.map((_, i) => i % 5),
      { first: 'today', last: '04-12', dates },
      t,
      70,
    );
    expect(lines.at(-2)).toContain('S S M T W T F');
    expect(widest(lines)).toBeLessThanOrEqual(70);
  });

  it('horizontal bars can mark a target on every bar', () => {
    const lines = horizontalBars(
      [
        { label: 'w1', share: 1, text: '100%' },
        { label: 'w2', share: 0.5, text: '50%' },
        { label: 'w3', share: null, text: 'no reviews' },
      ],
      t,
      40,
      0.9,
    );
    const bars = lines.map((l) => l.slice(5, l.lastIndexOf(' ')));
    const at = bars[0]!.indexOf('│');
    expect(at).toBeGreaterThan(0);
    for (const b of bars) expect(b.indexOf('│')).toBe(at);
    expect(bars[1]!.replace('│', '').match(/█/g)!.length).toBe(Math.round(bars[1]!.length / 2));
    expect(widest(lines)).toBeLessThanOrEqual(40);
  });
});
