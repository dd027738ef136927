/**
 * `simulate`: the daily workload ahead for a desired retention, from the collection's cards as
 * they are now and its settings and weights.
 */
import { createRng } from '../core/random.js';
import { simulate as run, type SimulatedDay } from '../core/simulate.js';
import { UserError } from '../errors.js';
import type { CardFilter } from '../store/filter.js';
import { studyDay } from '../core/timing.js';
import { today, type AppContext } from './context.js';
import { dayQueue } from './due.js';
import { schedulerFor } from './answer.js';
import { studyDays } from './stats.js';

export interface SimulateReport {
  days: number;
  desired_retention: number;
  new_per_day: number;
  total_reviews: number;
  average_reviews_per_day: number;
  learned: number;
  daily: (SimulatedDay & { date: string })[];
}

export function simulateWorkload(ctx: AppContext, opts: { days: number; retention?: number; seed: number; filter?: CardFilter }): SimulateReport {
  const retention = opts.retention ?? ctx.settings.fsrs.desired_retention;
  if (!(retention >= 0.7 && retention <= 0.99)) throw new UserError(`desired retention ${retention} is out of range: give 0.70 to 0.99`);
  const settings = { ...ctx.settings, fsrs: { ...ctx.settings.fsrs, desired_retention: retention, enable_fuzz: false } };
  const cards = ctx.store.cards.allStates(opts.filter);
  // Study days as the queues count them: today's session now, later ones when their day starts.
  const sessions: { at: Date; end: number }[] = [];
  let day = today(ctx);
  for (let d = 0; d < opts.days; d++) {
    sessions.push({ at: d === 0 ? ctx.now : day.start, end: day.nextDayAt.getTime() });
    day = studyDay(day.nextDayAt, ctx.settings.day_starts_at, ctx.env.offsetAt);
  }
  // Today's answers already count against today's limits.
  const left = dayQueue(ctx, ctx.now, { filter: opts.filter }).collection.remaining;
  const result = run(
    { cards, sessions, newPerDay: ctx.settings.new_per_day, reviewsPerDay: ctx.settings.reviews_per_day, today: { new: left.new, review: left.review } },
    schedulerFor(settings),
    createRng(opts.seed),
  );
  const days = studyDays(ctx);
  return {
    days: opts.days,
    desired_retention: retention,
    new_per_day: ctx.settings.new_per_day,
    total_reviews: result.total_reviews,
    average_reviews_per_day: result.total_reviews / opts.days,
    learned: result.learned,
    daily: result.daily.map((d) => ({ ...d, date: days.dateOf(days.today + d.day) })),
  };
}
