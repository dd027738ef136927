/**
 * The scheduling vocabulary shared by every layer (SPEC §4): ratings and card states as words.
 * Kept apart from scheduler.ts so that commands that only count cards never load ts-fsrs.
 */
import { UsageError } from '../errors.js';

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type Rating = (typeof RATINGS)[number];

export const STATES = ['new', 'learning', 'review', 'relearning'] as const;
export type StateName = (typeof STATES)[number];

/** A rating word (any case) or 1..4; anything else is a usage error naming the value. */
export function parseRating(input: string): Rating {
  const s = input.trim().toLowerCase();
  const n = Number(s);
  if (/^[1-4]$/.test(s)) return RATINGS[n - 1] as Rating;
  if ((RATINGS as readonly string[]).includes(s)) return s as Rating;
  throw new UsageError(`invalid rating "${input}": use again, hard, good, easy or 1-4`);
}
