/**
 * A review session remembers the queue's per-deck counts between picks (store/cards.ts
 * SessionCounts, issue 13's key → next card). Differential: at every step of a scripted session the
 * card it shows and its header counts must be those the per-step queries give (due.ts without the
 * memory) on the same collection at the same moment.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCollection, type AppContext } from '../../src/app/context.js';
import { dayQueue, pickNext } from '../../src/app/due.js';
import { ReviewSession } from '../../src/app/review-session.js';
import { syncDecks } from '../../src/app/sync.js';
import type { Rating } from '../../src/core/states.js';
import { glossaryDeck } from '../support/builders.js';
import { tempHome } from '../support/home.js';
import { writeFileSync } from 'node:fs';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

type Step = Rating | 'suspend' | 'bury' | 'undo' | { wait: number };

async function collection(): Promise<{ ctx: AppContext; home: string }> {
  const home = tempHome({
    'a.yaml': glossaryDeck(6, 'options: {new_per_day: 2}\n'),
    'b.yaml': glossaryDeck(5),
    'c.yaml': glossaryDeck(4, 'options: {reviews_per_day: 3}\n'),
  });
  writeFileSync(join(home, 'config.yaml'), 'fsrs: {enable_fuzz: false}\nnew_per_day: 5\nreviews_per_day: 8\n');
  const first = await openCollection({ home, now: new Date(NOW), offsetAt: () => 0, cwd: home });
  await syncDecks(first, { warn: false });
  first.store.close();
  // Half of each deck's cards studied, due from five days ago to now, one due later today.
  const db = new Database(join(home, 'data', 'llmcards.db'));
  const keys = db.prepare('SELECT key FROM cards ORDER BY deck, ord').all() as { key: string }[];
  const update = db.prepare(
    `UPDATE cards SET state = 'review', due = ?, stability = 5, difficulty = 5, scheduled_days = 5, reps = 3, last_review = ? WHERE key = ?`,
  );
  keys.forEach((c, i) => {
    if (i % 2 === 0) update.run(NOW - (i % 5) * DAY + (i === 8 ? 3 * 60 * MIN : 0), NOW - 6 * DAY, c.key);
  });
  db.close();
  const ctx = await openCollection({ home, now: new Date(NOW), offsetAt: () => 0, cwd: home });
  await syncDecks(ctx, { warn: false });
  return { ctx, home };
}

describe('a review session remembering the per-deck counts', () => {
  it('shows the same cards with the same counts as the per-step queries', async () => {
    const { ctx } = await collection();
    const session = new ReviewSession(ctx, { filter: {} });
    const script: Step[] = [
      'good',
      'again',
      'bury',
      'good',
      'suspend',
      'undo',
      'hard',
      { wait: 2 },
      'again',
      'good',
      'undo',
      'undo',
      'easy',
      { wait: 11 },
      'good',
      'bury',
      'again',
      { wait: 200 },
      'good',
      'suspend',
      'good',
      'good',
      'undo',
      'good',
    ];
    let at = NOW;
    let comeBack: string | null = null;
    const shown: string[] = [];
    const queues = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const step = script[i] ?? 'good';
      if (typeof step === 'object') {
        at += step.wait * MIN;
        continue;
      }
      const when = new Date(at);
      // The per-step path, asked first: nothing below writes until the session has picked.
      const expected = comeBack
        ? { key: comeBack, remaining: dayQueue(ctx, when, { filter: {} }).totals }
        : (() => {
            const p = pickNext(ctx, when, { filter: {} });
            return p && { key: p.card.key, remaining: p.queue.totals };
          })();
      comeBack = null;
      const card = session.next(when);
      expect(card && { key: card.key, remaining: card.remaining }, `step ${i}`).toEqual(expected);
      if (!card) break;
      shown.push(card.key);
      queues.add(card.queue);
      if (step === 'undo') comeBack = session.undo(when).card;
      else if (step === 'suspend') session.suspend(card, when);
      else if (step === 'bury') session.bury(card, when);
      else session.answer(card, step, 1000, when);
      at += 5_000;
    }
    // The script went through every queue, and to the end of what the day allows.
    expect([...queues].sort()).toEqual(['learning', 'new', 'review']);
    expect(shown.length).toBeGreaterThan(20);
    expect(session.next(new Date(at))).toBeNull();
    ctx.store.close();
  });
});
