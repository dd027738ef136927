/**
 * The store as the queue's data source: on random collections, what core/queue.ts decides from the
 * store's candidates equals what it decides from every card as plain data. The SQL may narrow only
 * by the rules' own terms and must hand cards over in study order; this catches either slip.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../src/app/context.js';
import { syncDecks } from '../../src/app/sync.js';
import { arraySource, buildQueue, pickNext, type NewOrderRule, type PickCandidate, type QueueInput } from '../../src/core/queue.js';
import { createRng } from '../../src/core/random.js';
import { glossaryDeck } from '../support/builders.js';
import { tempHome } from '../support/home.js';

const H = 3_600_000;
const m = { dayStart: Date.parse('2026-05-01T04:00:00Z'), at: Date.parse('2026-05-01T10:00:00Z'), nextDayAt: Date.parse('2026-05-02T04:00:00Z') };

describe('the store hands the queue the same cards as plain data would', () => {
  it.each([1, 2, 3, 4, 5, 6])('random collection, seed %i', async (seed) => {
    const home = tempHome({ 'a.yaml': glossaryDeck(30), 'b.yaml': glossaryDeck(20), 'c/d.yaml': glossaryDeck(10) });
    const ctx = await openCollection({ home, now: new Date(m.at), offsetAt: () => 0, cwd: home });
    await syncDecks(ctx, { warn: false });
    const rng = createRng(seed);
    const db = new Database(join(home, 'data', 'llmcards.db'));
    const keys = db.prepare('SELECT key FROM cards').pluck().all() as string[];
    const update = db.prepare('UPDATE cards SET state = ?, due = ?, suspended = ?, present = ?, buried_until = ? WHERE key = ?');
    let tick = 0;
    db.transaction(() => {
      for (const key of keys) {
        const state = rng.pick(['new', 'new', 'learning', 'review', 'review', 'relearning'] as const);
        // Distinct due times: cards due at the same moment may come in either order.
        const due = state === 'new' ? null : m.at - 40 * H + rng.int(80) * H + ++tick;
        update.run(state, due, rng.next() < 0.1 ? 1 : 0, rng.next() < 0.05 ? 0 : 1, rng.next() < 0.1 ? m.at + (rng.next() < 0.5 ? -H : H) : null, key);
      }
    })();
    const cards = (
      db.prepare('SELECT key, note, deck, ord, rowid AS added, state, due, present, suspended, buried_until FROM cards').all() as Record<string, unknown>[]
    ).map(
      (r): PickCandidate => ({
        key: r.key as string,
        note: r.note as string,
        deck: r.deck as string,
        ord: r.ord as number,
        added: r.added as number,
        state: r.state as PickCandidate['state'],
        due: r.due as number | null,
        present: r.present === 1,
        suspended: r.suspended === 1,
        buriedUntil: r.buried_until as number | null,
      }),
    );
    db.close();
    const answeredToday = new Set(rng.sample([...new Set(cards.map((c) => c.note))], 8));
    const limits = { newPerDay: 7, reviewsPerDay: 9 };
    const input: QueueInput = {
      limits,
      decks: ['a', 'b', 'c/d'].map((deck) => ({ deck, limits, done: { newDone: 1, reviewDone: 2 } })),
      done: { newDone: 3, reviewDone: 6 },
      answeredToday,
    };

    const store = ctx.store.cards.queueSource(undefined, m);
    const plain = arraySource(cards);
    const fromStore = buildQueue(input, store, m);
    expect(fromStore).toEqual(buildQueue(input, plain, m));
    // Every pick in order, passing over each one picked (as a session does with cards it skips).
    // In every new-card order (issue 13).
    const orders: NewOrderRule[] = [
      { by: 'position' },
      {
        by: 'deck',
        deckOrder: new Map([
          ['c/d', 1],
          ['b', 2],
          ['a', null],
        ]),
      },
      { by: 'added' },
      { by: 'random', seed: 7 },
    ];
    for (const order of orders) {
      const exclude = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const a = pickNext(fromStore, store, m, answeredToday, exclude, order);
        const b = pickNext(fromStore, plain, m, answeredToday, exclude, order);
        expect(a?.key, order.by).toBe(b?.key);
        if (!a) break;
        exclude.add(a.key);
      }
    }
    ctx.store.close();
  });
});
