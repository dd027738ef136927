/**
 * `import --with-state` of a JSON export made with `--with-state`: each card's scheduling state and
 * review history restored, in one transaction, onto cards that have no history in this collection
 * (a card studied here is never overwritten).
 */
import type { MemoryState } from '../../core/scheduler.js';
import { RATINGS, STATES, type Rating, type StateName } from '../../core/states.js';
import type { ReviewSource } from '../../store/revlog.js';
import type { AppContext } from '../context.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const date = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** A memory state from its JSON (export/json.ts `memoryJson`); null when it is not one. */
function memoryFrom(v: unknown): MemoryState | null {
  if (!isObject(v) || !(STATES as readonly string[]).includes(v.state as string)) return null;
  const due = date(v.due);
  if (v.state !== 'new' && !due) return null;
  return {
    state: v.state as StateName,
    due,
    stability: num(v.stability),
    difficulty: num(v.difficulty),
    scheduledDays: num(v.scheduled_days),
    learningSteps: num(v.learning_steps),
    reps: num(v.reps),
    lapses: num(v.lapses),
    lastReview: date(v.last_review),
  };
}

/**
 * Restore the states of `cards` (card key → the card's JSON), keys already mapped to this
 * collection. Returns how many cards were restored.
 */
export function restoreStates(ctx: AppContext, cards: ReadonlyMap<string, unknown>): number {
  let restored = 0;
  ctx.store.writeTransaction(() => {
    for (const [key, json] of cards) {
      const memory = memoryFrom(json);
      const card = ctx.store.cards.get(key);
      if (!memory || !card || card.memory.reps > 0 || card.memory.state !== 'new' || ctx.store.revlog.lastOfCard(key)) continue;
      const j = json as Record<string, unknown>;
      const flags = { suspended: j.suspended === true, leech: j.leech === true, buriedUntil: date(j.buried_until) };
      // A new card is only worth writing for its flags (suspended, buried), when they differ.
      if (memory.state === 'new' && flags.suspended === card.suspended && flags.buriedUntil?.getTime() === card.buriedUntil?.getTime()) continue;
      const history = Array.isArray(j.history) ? j.history : [];
      for (const h of history) {
        if (!isObject(h) || !(RATINGS as readonly string[]).includes(h.rating as string)) continue;
        const at = date(h.at);
        const after = memoryFrom(h);
        const before = memoryFrom(h.before);
        if (!at || !after || !before) continue;
        ctx.store.revlog.insert({
          card: key,
          note: card.note,
          deck: card.deck,
          at,
          rating: h.rating as Rating,
          source: (['review', 'quiz', 'practice'].includes(h.source as string) ? h.source : 'review') as ReviewSource,
          durationMs: typeof h.duration_ms === 'number' ? h.duration_ms : null,
          elapsedDays: num(h.elapsed_days),
          after: { ...after, lastReview: at },
          before,
          beforeFlags: { suspended: false, leech: false, buriedUntil: null },
          // The journal line carries the imported state, so that a replay elsewhere keeps it.
          origin: 'import',
          given: true,
        });
      }
      ctx.store.cards.writeState(key, memory, { ...flags, suspended: false, buriedUntil: null });
      // Through the store's journaled setters, so that other machines see them too (SPEC §8).
      if (flags.suspended) ctx.store.cards.setSuspended(key, true, ctx.now);
      if (flags.buriedUntil && flags.buriedUntil > ctx.now) ctx.store.cards.setBuriedUntil(key, flags.buriedUntil, ctx.now);
      // The note's text came with its history: it was not edited after its last review.
      if (memory.lastReview) ctx.store.notes.markUnchangedSince(card.note, memory.lastReview);
      restored++;
    }
  });
  return restored;
}
