/**
 * Study days (Anki's `timing.rs`): a day starts at `day_starts_at` o'clock local time, so a review at
 * 1am still counts for the evening before. The local offset is passed in, never read from the machine.
 */

/** Minutes east of UTC in force at a moment (e.g. +480 for China, +60 for Paris in winter). */
export type UtcOffset = (at: Date) => number;

export const UTC: UtcOffset = () => 0;

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface StudyDay {
  /** the local calendar date the study day is named after, `YYYY-MM-DD` */
  date: string;
  /** when this study day began */
  start: Date;
  /** when the next study day begins: cards due before this are due today */
  nextDayAt: Date;
}

/** Days since 1970-01-01 of the study day containing `at`. */
export function studyDayNumber(at: Date, dayStartsAt: number, offsetAt: UtcOffset): number {
  const local = at.getTime() + offsetAt(at) * 60_000;
  return Math.floor((local - dayStartsAt * HOUR) / DAY);
}

/** The moment study day number `day` begins, in the local time of that moment. */
function dayStart(day: number, dayStartsAt: number, offsetAt: UtcOffset): Date {
  const localStart = day * DAY + dayStartsAt * HOUR;
  // The offset at the start may differ from today's (daylight saving): look it up at a first guess.
  const guess = new Date(localStart - offsetAt(new Date(localStart)) * 60_000);
  return new Date(localStart - offsetAt(guess) * 60_000);
}

/** The study day containing `now`. */
export function studyDay(now: Date, dayStartsAt: number, offsetAt: UtcOffset): StudyDay {
  const day = studyDayNumber(now, dayStartsAt, offsetAt);
  return {
    date: dateOfDayNumber(day),
    start: dayStart(day, dayStartsAt, offsetAt),
    nextDayAt: dayStart(day + 1, dayStartsAt, offsetAt),
  };
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
