/**
 * The review loop driven by a scripted terminal (no pty): what happens when the world changes
 * between keys — review findings #2 and #19.
 */
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../src/app/context.js';
import { ReviewSession } from '../../src/app/review-session.js';
import { syncDecks } from '../../src/app/sync.js';
import { runReviewSession } from '../../src/cli/review-session.js';
import { makeTheme } from '../../src/cli/render/theme.js';
import type { Key, Terminal } from '../../src/cli/terminal.js';
import { tempHome, writeDeck } from '../support/home.js';
import { questionDeck } from '../support/builders.js';
import { answerCard } from '../../src/app/answer.js';

const NOW = new Date('2026-03-01T10:00:00Z');

/** A terminal whose keys come from a script; `before` runs just before a key is handed over. */
function scripted(keys: { key: string; before?: () => Promise<void> | void }[]) {
  const output: string[] = [];
  const term: Terminal = {
    columns: () => 80,
    rows: () => 24,
    enterFullScreen: () => {},
    write: (t) => void output.push(t),
    async readKey(): Promise<Key> {
      const next = keys.shift();
      if (!next) return { name: 'q', ctrl: false };
      await next.before?.();
      return { name: next.key, ctrl: false };
    },
    onResize: () => () => {},
    cooked: (fn) => fn(),
    close: () => {},
  };
  return { term, text: () => output.join('') };
}

async function session(home: string) {
  const ctx = await openCollection({ home, now: NOW, offsetAt: () => 0, cwd: home });
  await syncDecks(ctx, { warn: false });
  return { ctx, session: new ReviewSession(ctx, { filter: {} }) };
}

const ui = (term: Terminal) => ({
  term,
  screen: () => ({ theme: makeTheme(false), lang: 'en' as const, columns: 80 }),
  fullScreen: false,
  now: () => NOW,
  elapsed: () => 0,
  edit: async () => '',
  takeWarnings: () => [],
});

describe('the review loop', () => {
  it('#2 moves on when the card on screen leaves its deck file meanwhile', async () => {
    const home = tempHome({ 'q.yaml': questionDeck(2) });
    const { ctx, session: s } = await session(home);
    const { term, text } = scripted([
      { key: 'space' },
      {
        key: '3',
        before: async () => {
          // Another process syncs a deck file without the card now on screen.
          writeDeck(home, 'q.yaml', 'cards:\n  - id: q2\n    front: "Question 2?"\n    back: "Answer 2"\n');
          const other = await openCollection({ home, now: NOW, offsetAt: () => 0, cwd: home });
          await syncDecks(other, { warn: false });
          other.store.close();
        },
      },
    ]);
    const result = await runReviewSession(s, ui(term));
    expect(text().replace(/\s+/g, ' ')).toContain(
      'card q/q1:forward is no longer in any deck file; put its note back to study it; this answer was not recorded, moving on',
    );
    expect(text()).toContain('Question 2?');
    expect(result.summary.reviewed).toBe(0);
    ctx.store.close();
  });

  it('#19 an answer refused because another process answered first is not counted', async () => {
    const home = tempHome({ 'q.yaml': questionDeck(1) });
    const { ctx, session: s } = await session(home);
    const { term } = scripted([
      { key: 'space' },
      {
        key: '3',
        before: async () => {
          const other = await openCollection({ home, now: NOW, offsetAt: () => 0, cwd: home });
          answerCard(other, 'q1:forward', 'good');
          other.store.close();
        },
      },
    ]);
    const result = await runReviewSession(s, ui(term));
    expect(result.summary).toMatchObject({ reviewed: 0, again: 0, new_learned: 0 });
    ctx.store.close();
  });
});
