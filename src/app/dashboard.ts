/**
 * `llmcards` with no command: what is due, today's progress, the streak, and how to start.
 */
import { streakDays } from '../core/streak.js';
import { studyDayNumber } from '../core/timing.js';
import type { AppContext } from './context.js';
import { dueReport, type DueReport } from './due.js';

export interface Dashboard {
  due: DueReport;
  reviewed_today: number;
  streak_days: number;
  cards: number;
}

const DAY = 86_400_000;

export function dashboard(ctx: AppContext): Dashboard {
  const due = dueReport(ctx);
  const today = studyDayNumber(ctx.now, ctx.settings.day_starts_at, ctx.env.offsetAt);
  // The local offset of today stands for the whole year: a daylight-saving hour moves no review
  // across a day boundary that matters to a streak.
  const shiftMs = ctx.settings.day_starts_at * 3_600_000 - ctx.env.offsetAt(ctx.now) * 60_000;
  const days = ctx.store.revlog.perStudyDay(new Date(ctx.now.getTime() - 400 * DAY), shiftMs);
  const studied = new Set(days.map((d) => d.day));
  return {
    due,
    reviewed_today: days.find((d) => d.day === today)?.reviews ?? 0,
    streak_days: streakDays(studied, today),
    cards: ctx.store.sync.presentCardCount(),
  };
}
