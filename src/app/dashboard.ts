/**
 * `llmcards` with no command: what is due, today's progress, the streak, and how to start.
 */
import { streakDays } from '../core/streak.js';
import { dateOfDayNumber, studyDayNumber } from '../core/timing.js';
import type { AppContext } from './context.js';
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
}

const DAY = 86_400_000;
const RECENT_DAYS = 28;

export function dashboard(ctx: AppContext): Dashboard {
  const due = dueReport(ctx);
  const today = studyDayNumber(ctx.now, ctx.settings.day_starts_at, ctx.env.offsetAt);
  // The local offset of today stands for the whole year: a daylight-saving hour moves no review
  // across a day boundary that matters to a streak.
  const shiftMs = ctx.settings.day_starts_at * 3_600_000 - ctx.env.offsetAt(ctx.now) * 60_000;
  const days = ctx.store.revlog.perStudyDay(new Date(ctx.now.getTime() - 400 * DAY), shiftMs);
  const studied = new Set(days.map((d) => d.day));
  const perDay = new Map(days.map((d) => [d.day, d.reviews]));
  const recent = Array.from({ length: RECENT_DAYS }, (_, i) => today - RECENT_DAYS + 1 + i).map((day) => ({ date: dateOfDayNumber(day), reviews: perDay.get(day) ?? 0 }));
  return {
    due,
    reviewed_today: days.find((d) => d.day === today)?.reviews ?? 0,
    streak_days: streakDays(studied, today),
    cards: ctx.store.sync.presentCardCount(),
    recent,
    reviews_held_back: due.total === 0 ? reviewsHeldBack(ctx) : 0,
    reviews_per_day: ctx.settings.reviews_per_day,
  };
}
