/**
 * `suspend`, `unsuspend`, `bury` (SPEC §4): take cards out of the queues for good, bring them back,
 * or hide them until the next study day. A note key applies to all of its cards.
 */
import { today, type AppContext } from './context.js';
import { resolveCards } from './resolve.js';

export interface CardActionResult {
  cards: string[];
  suspended?: boolean;
  buried_until?: string;
}

/** Suspend or unsuspend at `at` (the command's moment unless given), journaled. */
export function setSuspended(ctx: AppContext, ref: string, suspended: boolean, at: Date = ctx.now): CardActionResult {
  const keys = resolveCards(ctx, ref, { wholeNote: true });
  ctx.store.writeTransaction(() => {
    for (const key of keys) ctx.store.cards.setSuspended(key, suspended, at);
  });
  return { cards: keys, suspended };
}

/** Bury until the study day after the one `at` falls in (the command's moment unless given). */
export function buryCards(ctx: AppContext, ref: string, at: Date = ctx.now): CardActionResult {
  const keys = resolveCards(ctx, ref, { wholeNote: true });
  const until = today(ctx, at).nextDayAt;
  ctx.store.writeTransaction(() => {
    for (const key of keys) ctx.store.cards.setBuriedUntil(key, until, at);
  });
  return { cards: keys, buried_until: until.toISOString() };
}
