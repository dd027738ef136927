/**
 * Recomputing cards from their whole history (SPEC §8): every answer recorded for the card, from
 * every device, replayed in time order through the scheduler with the journal's suspend, unsuspend
 * and bury lines, the same step a live answer takes (core/replay.ts). Each answer keeps its row,
 * its id and its line; its states before and after are written anew.
 */
import { replayCard, type LeechRule, type ReplayEvent } from '../core/replay.js';
import type { Scheduler } from '../core/scheduler.js';
import type { Settings } from '../settings.js';
import type { AppContext } from './context.js';

/** The collection's leech rule (SPEC §6). */
export function leechRuleOf(settings: Settings): LeechRule {
  return { threshold: settings.leech_threshold, action: settings.leech_action };
}

/** Replay each of `cards` from its history in the database. Call inside a write transaction. */
export function replayCards(ctx: AppContext, cards: Iterable<string>, scheduler: Scheduler): void {
  const leech = leechRuleOf(ctx.settings);
  for (const key of cards) {
    const card = ctx.store.cards.get(key);
    if (!card) continue;
    const rows = ctx.store.revlog.history(key);
    const idOf = (r: (typeof rows)[number]) => r.uid ?? `#${r.id}`;
    const events: ReplayEvent[] = rows.map((r) => ({ kind: 'answer', id: idOf(r), at: r.at, rating: r.rating, ...(r.given ? { given: r.after } : {}) }));
    for (const a of ctx.store.history.flagActionsOf(key)) {
      if (a.action === 'bury') events.push({ kind: 'bury', id: a.uid, at: a.at, until: a.until ?? a.at });
      else if (a.action === 'suspend' || a.action === 'unsuspend') events.push({ kind: a.action, id: a.uid, at: a.at });
    }
    const result = replayCard(events, scheduler, leech);
    const byId = new Map(rows.map((r) => [idOf(r), r]));
    ctx.store.history.deleteAnswersOf(key);
    for (const a of result.answers) {
      const r = byId.get(a.id)!;
      ctx.store.revlog.insertReplayed({ ...r, elapsedDays: a.elapsedDays, before: a.before, beforeFlags: a.beforeFlags, after: a.after });
    }
    ctx.store.cards.writeState(key, result.memory, result.flags);
  }
}
