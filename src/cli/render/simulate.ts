/**
 * Text for `optimize` and `simulate`.
 */
import type { OptimizeReport } from '../../app/optimize.js';
import type { SimulateReport } from '../../app/simulate.js';
import { verticalBars } from './chart.js';
import { wrap } from './layout.js';
import type { Theme } from './theme.js';

export function renderOptimize(r: OptimizeReport, t: Theme, columns = 80): string {
  const row = (name: string, e: { log_loss: number; rmse: number }) =>
    `  ${name.padEnd(8)} log loss ${e.log_loss.toFixed(4)}   RMSE ${(e.rmse * 100).toFixed(2)}%`;
  const [colour, verdict] = !r.improved
    ? [t.c.yellow, 'The fitted weights are not better on your log: config.yaml was left as it is.']
    : r.saved
      ? [t.c.green, 'Saved the fitted weights to config.yaml (fsrs.weights).']
      : [(s: string) => s, 'The fitted weights are better; run without --dry-run to save them.'];
  return [
    ...wrap(`Fitted FSRS-6 to ${r.items} answers (${r.reviews} reviews in the log).`, columns),
    row('current', r.current),
    row('fitted', r.fitted),
    ...wrap(verdict, columns).map((l) => colour(l)),
  ].join('\n');
}

export function renderSimulate(r: SimulateReport, t: Theme, columns: number): string {
  // A bar a week when a bar a day would not fit.
  const perBar = r.daily.length * 1 + 8 > columns ? 7 : 1;
  const values: number[] = [];
  for (let i = 0; i < r.daily.length; i += perBar) {
    const part = r.daily.slice(i, i + perBar);
    values.push(part.reduce((n, d) => n + d.reviews, 0) / part.length);
  }
  return [
    ...wrap(`Simulated ${r.days} days at desired retention ${r.desired_retention} with ${r.new_per_day} new cards a day:`, columns),
    ...wrap(
      `${Math.round(r.average_reviews_per_day)} reviews a day on average (${r.total_reviews} in all); ${r.learned} cards learned at the end`,
      columns - 2,
    ).map((l) => `  ${l}`),
    '',
    t.c.bold(`Reviews a day${perBar > 1 ? ' (weekly average)' : ''}`),
    ...verticalBars(values, { first: r.daily[0]?.date ?? '', last: r.daily.at(-1)?.date ?? '' }, t, columns - 2).map((l) => `  ${l}`),
  ].join('\n');
}
