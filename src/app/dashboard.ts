/**
 * `llmcards` with no command: what is due, today's progress, the streak, and how to start.
 */
import { adviceFor, type Advice } from '../core/stats.js';
import { streakDays } from '../core/streak.js';
import { dateOfDayNumber, studyDay, studyDayNumber } from '../core/timing.js';
import type { CardFilter } from '../store/filter.js';
import type { AppContext } from './context.js';
import type { SyncError } from './sync.js';
import { dueReport, reviewsHeldBack, type DueReport } from './due.js';

export interface Dashboard {
  due: DueReport;
  reviewed_today: number;
  streak_days: number;
  cards: number;
  /** answers per study day over the last four weeks, oldest first */
  recent: { date: string; reviews: number }[];
  /** review cards due today that the daily limits hold back (counted only when nothing is due) */
  reviews_held_back: number;
  reviews_per_day: number;
  /** the collection's daily new-card limit (an addition): per-deck rows count a deck alone, the totals within it */
  new_per_day: number;
  /** what to do next, from the figures that are cheap to count at start (leeches, tomorrow's load) */
  advice: Advice[];
  /** the deck files skipped as invalid, one entry per problem (an addition to SPEC §4's shape) */
  deck_errors: SyncError[];
}

const DAY = 86_400_000;
const RECENT_DAYS = 28;
const WINDOW_DAYS = 400;
const QUARTER_HOUR = 900_000;

/** The dashboard at ctx.now; `deckErrors` are the problems of the files the sync skipped. */
export function dashboard(ctx: AppContext, deckErrors: SyncError[] = []): Dashboard {
  const due = dueReport(ctx, ctx.now);
  const today = studyDayNumber(ctx.now, ctx.settings.day_starts_at, ctx.env.offsetAt);
  const { counts, streak } = studyHistory(ctx, today);
  const recent = Array.from({ length: RECENT_DAYS }, (_, i) => today - RECENT_DAYS + 1 + i).map((day) => ({
    date: dateOfDayNumber(day),
    reviews: counts.get(day) ?? 0,
  }));
  return {
    due,
    reviewed_today: counts.get(today) ?? 0,
    streak_days: streak,
    cards: ctx.store.sync.presentCardCount(),
    recent,
    reviews_held_back: due.total === 0 ? reviewsHeldBack(ctx, ctx.now) : 0,
    reviews_per_day: ctx.settings.reviews_per_day,
    new_per_day: ctx.settings.new_per_day,
    advice: dashboardAdvice(ctx, counts.get(today) ?? 0),
    deck_errors: deckErrors,
  };
}

/** The advice `stats` would give that needs no pass over the review log: leeches and tomorrow's load. */
function dashboardAdvice(ctx: AppContext, reviewedToday: number): Advice[] {
  const { nextDayAt } = studyDay(ctx.now, ctx.settings.day_starts_at, ctx.env.offsetAt);
  const dayAfter = studyDay(nextDayAt, ctx.settings.day_starts_at, ctx.env.offsetAt).nextDayAt;
  const st = ctx.store.stats;
  const leeches = st.leechCount();
  return adviceFor(
    {
      leeches,
      activeLeeches: leeches,
      retention30: null,
      retentionAnswers30: 0,
      desiredRetention: ctx.settings.fsrs.desired_retention,
      reviewsToday: reviewedToday,
      dueTomorrow: st.dueBetween(nextDayAt, dayAfter),
      hardest: null,
      studiedCards: 1,
    },
    1,
  );
}

/** Answers per study day since `since` (of the cards the filter selects). */
export function answersPerStudyDay(ctx: AppContext, since: Date, filter?: CardFilter): Map<number, number> {
  const out = new Map<number, number>();
  for (const { q, n } of ctx.store.stats.answersPerQuarterHour(since, filter)) {
    const day = studyDayNumber(new Date(q * QUARTER_HOUR), ctx.settings.day_starts_at, ctx.env.offsetAt);
    out.set(day, (out.get(day) ?? 0) + n);
  }
  return out;
}

/**
 * Answers per study day over the last 400 days, and the streak: looked for further back only
 * when it reaches the start of the window, so a streak of years is counted whole.
 */
export function studyHistory(ctx: AppContext, today: number, filter?: CardFilter): { counts: Map<number, number>; streak: number } {
  let span = WINDOW_DAYS;
  const counts = answersPerStudyDay(ctx, new Date(ctx.now.getTime() - span * DAY), filter);
  let streak = streakDays(new Set(counts.keys()), today);
  while (streak >= span - 2 && span < 100 * 365) {
    span *= 4;
    streak = streakDays(new Set(answersPerStudyDay(ctx, new Date(ctx.now.getTime() - span * DAY), filter).keys()), today);
  }
  return { counts, streak };
}
