/**
 * `import --with-state` of a JSON export made with `--with-state`: each card's scheduling state and
 * review history restored, in one transaction, onto cards that have no history in this collection
 * (a card studied here is never overwritten).
 */
import type { MemoryState } from '../../core/scheduler.js';
import { RATINGS, STATES, type Rating, type StateName } from '../../core/states.js';
import type { ReviewSource } from '../../store/revlog.js';
import { UserError } from '../../errors.js';
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

// Dates a state may hold: no card was studied before 1970, nor is one due after year 9999.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const inRange = (v: unknown) => {
  const d = date(v);
  return d !== null && d.getTime() >= EARLIEST && d.getTime() <= LATEST;
};
const optional = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || v === null || ok(v);

/** What is wrong with a memory state's JSON, or undefined: every value the scheduler will trust. */
function memoryProblem(v: Record<string, unknown>): string | undefined {
  if (!(STATES as readonly string[]).includes(v.state as string)) return `"state" must be one of ${STATES.join(', ')}, not ${JSON.stringify(v.state)}`;
  const isNew = v.state === 'new';
  if (!isNew && !inRange(v.due)) return `"due" must be a date between 1970 and 9999, not ${JSON.stringify(v.due)}`;
  if (isNew && !optional(v.due, inRange)) return `"due" must be a date between 1970 and 9999, not ${JSON.stringify(v.due)}`;
  const stability = v.stability;
  if (typeof stability !== 'number' || !Number.isFinite(stability) || (isNew ? stability < 0 : stability <= 0) || stability > 1e6)
    return `"stability" must be a number of days above 0, not ${JSON.stringify(stability)}`;
  const difficulty = v.difficulty;
  if (
    typeof difficulty !== 'number' ||
    !Number.isFinite(difficulty) ||
    (isNew ? !(difficulty === 0 || (difficulty >= 1 && difficulty <= 10)) : difficulty < 1 || difficulty > 10)
  )
    return `"difficulty" must be a number from 1 to 10, not ${JSON.stringify(difficulty)}`;
  for (const key of ['reps', 'lapses', 'learning_steps', 'scheduled_days']) {
    if (!optional(v[key], count)) return `"${key}" must be a whole number of at least 0, not ${JSON.stringify(v[key])}`;
  }
  if (!optional(v.last_review, inRange)) return `"last_review" must be a date between 1970 and 9999, not ${JSON.stringify(v.last_review)}`;
  return undefined;
}

/**
 * Check every value of `cards` (card key → the card's JSON) before anything is written, so that an
 * import either restores states the scheduler can use or writes nothing: a stability of -1 or a
 * difficulty of 99 stored once made every later review of the collection fail. Throws UserError
 * naming the card and the value.
 */
export function checkStates(cards: ReadonlyMap<string, unknown>, file: string): void {
  const fail = (key: string, what: string) => {
    throw new UserError(`${file}: the state of card "${key}" cannot be restored: ${what}; nothing was imported`);
  };
  for (const [key, json] of cards) {
    if (!isObject(json)) fail(key, 'it is not a map');
    const j = json as Record<string, unknown>;
    const problem = memoryProblem(j);
    if (problem) fail(key, problem);
    for (const flag of ['suspended', 'leech']) if (!optional(j[flag], (x) => typeof x === 'boolean')) fail(key, `"${flag}" must be true or false`);
    if (!optional(j.buried_until, inRange)) fail(key, `"buried_until" must be a date between 1970 and 9999`);
    if (!optional(j.history, Array.isArray)) fail(key, '"history" must be a list');
    ((j.history as unknown[] | undefined) ?? []).forEach((h, i) => {
      const at = `history[${i}]`;
      if (!isObject(h)) return fail(key, `${at} is not a map`);
      if (!(RATINGS as readonly string[]).includes(h.rating as string))
        fail(key, `${at}: "rating" must be one of ${RATINGS.join(', ')}, not ${JSON.stringify(h.rating)}`);
      if (!inRange(h.at)) fail(key, `${at}: "at" must be a date between 1970 and 9999, not ${JSON.stringify(h.at)}`);
      const after = memoryProblem(h);
      if (after) fail(key, `${at}: ${after}`);
      if (!isObject(h.before)) fail(key, `${at}: "before" must be a map`);
      const before = memoryProblem(h.before as Record<string, unknown>);
      if (before) fail(key, `${at}: before: ${before}`);
      if (!optional(h.duration_ms, count)) fail(key, `${at}: "duration_ms" must be a whole number of milliseconds, not ${JSON.stringify(h.duration_ms)}`);
      if (!optional(h.elapsed_days, (x) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1e6))
        fail(key, `${at}: "elapsed_days" must be a number of days of at least 0, not ${JSON.stringify(h.elapsed_days)}`);
      if (!optional(h.source, (x) => ['review', 'quiz', 'practice'].includes(x as string)))
        fail(key, `${at}: "source" must be review, quiz or practice, not ${JSON.stringify(h.source)}`);
    });
  }
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
