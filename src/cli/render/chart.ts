/**
 * Terminal charts that read without colour: a GitHub-style heatmap (weeks as columns), vertical
 * bars of partial-block characters, and horizontal bars. Width-aware from 40 to 200 columns.
 */
import { padEnd, padStart, truncate, width } from './layout.js';
import type { Theme } from './theme.js';

const SHADES = ['·', '░', '▒', '▓', '█'];
const EIGHTHS = ['', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** The level (0-4) of a count among positive counts: quartiles of the busiest day. */
function level(n: number, max: number): number {
  if (n <= 0) return 0;
  return Math.min(4, 1 + Math.floor((3 * (n - 1)) / Math.max(1, max - 1) + 0.0001));
}

/**
 * Days as a grid: one column a week (oldest left), one row a weekday (Monday on top). `days` must be
 * consecutive dates, oldest first; as many weeks are shown as fit in `columns`.
 */
export function heatmapGrid(days: readonly { date: string; reviews: number }[], t: Theme, columns: number): string[] {
  if (days.length === 0) return [];
  const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const labelWidth = 4;
  const maxWeeks = Math.max(4, columns - labelWidth - 1);
  // Pad the first week so that columns start on Mondays.
  const cells: ({ date: string; reviews: number } | null)[] = [...Array(weekday(days[0]!.date)).fill(null), ...days];
  let weeks: (typeof cells)[] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  // A leading partial week would be a column of blanks: start on the first whole week instead.
  if (weeks.length > 1 && weeks[0]![0] === null) weeks.shift();
  weeks = weeks.slice(-maxWeeks);
  const max = Math.max(1, ...days.map((d) => d.reviews));
  const colours = [t.c.dim, t.c.green, t.c.green, t.c.greenBright, t.c.greenBright];
  const names = ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'];
  const rows = [
    monthLabels(
      weeks.map((w) => w.find((c) => c)?.date ?? ''),
      labelWidth,
      t,
    ),
  ];
  rows.push(
    ...names.map(
      (name, r) =>
        `${padEnd(name, labelWidth)}${weeks
          .map((w) => {
            const cell = w[r];
            if (!cell) return ' ';
            const l = level(cell.reviews, max);
            return colours[l]!(SHADES[l]!);
          })
          .join('')}`,
    ),
  );
  const first = weeks[0]?.find((c) => c)?.date ?? '';
  rows.push(`${' '.repeat(labelWidth)}${t.c.dim(truncate(`${first} → today`, Math.max(8, columns - labelWidth)))}`);
  rows.push(`${' '.repeat(labelWidth)}less ${SHADES.map((s, i) => colours[i]!(s)).join('')} more   (max ${max}/day)`);
  return rows;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The line above the heatmap: each month's name over the first week column that starts in it,
 * left out where the previous name would run into it.
 */
function monthLabels(weekStarts: readonly string[], labelWidth: number, t: Theme): string {
  let line = '';
  let lastMonth = -1;
  weekStarts.forEach((date, col) => {
    if (!date) return;
    const month = Number(date.slice(5, 7)) - 1;
    if (month === lastMonth) return;
    lastMonth = month;
    // The first column is labelled only when its week starts the month, or nothing else would be.
    if (col === 0 && Number(date.slice(8, 10)) > 7 && weekStarts.length > 4) return;
    if (line.length > col) return;
    line = line.padEnd(col) + MONTHS[month];
  });
  return `${' '.repeat(labelWidth)}${t.c.dim(line)}`.trimEnd();
}

const WEEKDAY_LETTERS = ['M', 'T', 'W', 'T', 'F', 'S', 'S'];

/** Monday = 0 … Sunday = 6, of a `YYYY-MM-DD` date. */
const weekdayOf = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * The axis under a day-per-bar chart: a weekday letter under every bar (when the bars are not
 * averaged), then the dates of the Mondays where they fit, so a week reads at a glance.
 */
export function weekdayAxis(dates: readonly string[], barWidth: number, indent: number, t: Theme, columns: number): string[] {
  if (dates.length === 0) return [];
  const letters = dates.map((d) => WEEKDAY_LETTERS[weekdayOf(d)]!.padEnd(barWidth)).join('');
  let under = '';
  dates.forEach((d, i) => {
    const col = i * barWidth;
    const label = i === 0 ? 'today' : weekdayOf(d) === 0 ? d.slice(5) : '';
    if (!label || under.length > col || col + label.length > columns - indent) return;
    under = under.padEnd(col) + label;
  });
  return [`${' '.repeat(indent)}${t.c.dim(letters)}`, `${' '.repeat(indent)}${t.c.dim(under)}`];
}

/**
 * Vertical bars, `height` rows tall, one to four columns per value as the width allows. When there
 * are more values than columns, neighbours are averaged so that the chart still spans first to last.
 */
export function verticalBars(
  values: readonly number[],
  labels: { first: string; last: string; dates?: readonly string[] },
  t: Theme,
  columns: number,
  height = 6,
): string[] {
  const axis = String(Math.ceil(Math.max(1, ...values))).length + 1;
  const room = Math.max(1, columns - axis - 1);
  const shown = values.length <= room ? [...values] : squeeze(values, room);
  const max = Math.max(1, ...shown);
  const barWidth = Math.max(1, Math.min(4, Math.floor(room / Math.max(1, shown.length))));
  const lines: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    const label = row === height - 1 ? String(Math.round(max)) : row === 0 ? '0' : '';
    const cells = shown.map((v) => {
      const eighths = Math.round((v / max) * height * 8) - row * 8;
      const ch = eighths >= 8 ? EIGHTHS[8]! : eighths > 0 ? EIGHTHS[eighths]! : v > 0 && row === 0 ? EIGHTHS[1]! : ' ';
      return t.c.cyan(ch.repeat(barWidth));
    });
    lines.push(`${padStart(label, axis - 1)} ${cells.join('')}`);
  }
  // One bar a day: the weekday axis; averaged bars keep the first/last labels only.
  if (labels.dates && labels.dates.length === shown.length) return [...lines, ...weekdayAxis(labels.dates, barWidth, axis, t, columns)];
  const span = shown.length * barWidth;
  const under = `${labels.first}${' '.repeat(Math.max(1, span - width(labels.first) - width(labels.last)))}${labels.last}`;
  lines.push(`${' '.repeat(axis)}${t.c.dim(truncate(under, Math.max(8, columns - axis)))}`);
  return lines;
}

/** `values` averaged into `n` consecutive groups of (nearly) equal size. */
function squeeze(values: readonly number[], n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const from = Math.floor((i * values.length) / n);
    const to = Math.max(from + 1, Math.floor(((i + 1) * values.length) / n));
    const part = values.slice(from, to);
    return part.reduce((a, b) => a + b, 0) / part.length;
  });
}

/**
 * One bar per item: `label  ████████░░░░ text`. `share` is 0..1; null draws a dotted track (no
 * data). `mark` (0..1) draws a `│` at that share on every bar: a target such as the desired retention.
 */
export function horizontalBars(items: readonly { label: string; share: number | null; text: string }[], t: Theme, columns: number, mark?: number): string[] {
  if (items.length === 0) return [];
  const labelWidth = Math.min(20, Math.max(...items.map((i) => width(i.label))), Math.max(6, Math.floor(columns / 3)));
  const textWidth = Math.max(...items.map((i) => width(i.text)));
  const barWidth = Math.max(5, Math.min(40, columns - labelWidth - textWidth - 5));
  const markAt = mark === undefined ? -1 : Math.min(barWidth - 1, Math.round(Math.max(0, Math.min(1, mark)) * barWidth));
  // The bar's cells, with the mark drawn over the one it falls on.
  const run = (from: number, to: number, filled: number, fill: (s: string) => string, track: string) => {
    const full = Math.max(0, Math.min(to, filled) - from);
    return fill('█'.repeat(full)) + t.c.dim(track.repeat(Math.max(0, to - from - full)));
  };
  const cells = (filled: number, fill: (s: string) => string, track: string) =>
    markAt < 0 ? run(0, barWidth, filled, fill, track) : run(0, markAt, filled, fill, track) + t.c.bold('│') + run(markAt + 1, barWidth, filled, fill, track);
  return items.map((i) => {
    if (i.share === null) return `  ${padEnd(truncate(i.label, labelWidth), labelWidth)} ${cells(0, t.c.dim, '·')} ${t.c.dim(i.text)}`;
    const filled = Math.round(Math.max(0, Math.min(1, i.share)) * barWidth);
    const colour = i.share >= 0.85 ? t.c.green : i.share >= 0.6 ? t.c.yellow : t.c.red;
    return `  ${padEnd(truncate(i.label, labelWidth), labelWidth)} ${cells(filled, colour, '░')} ${i.text}`;
  });
}
