/**
 * A big write transaction (an import's history) appends its journal lines as it goes instead of
 * holding them all (issue 16's million answers): the lines are the same, a failure still takes
 * them all back off the files, and a savepoint that fails still drops its own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NEW_CARD } from '../../src/core/scheduler.js';
import { openStore, type Store } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): { store: Store; history: string } {
  const dir = mkdtempSync(join(tmpdir(), 'llmcards-journal-flush-'));
  dirs.push(dir);
  const s = openStore(dir, { now: new Date('2026-03-01T00:00:00Z') });
  s.journal.attach(join(dir, 'history'), 'dev');
  return { store: s, history: join(dir, 'history') };
}

const AT = Date.parse('2026-03-01T09:00:00Z');
const answer = (i: number) => ({
  card: 'd/n:forward',
  note: 'd/n',
  deck: 'd',
  at: new Date(AT + i * 1000),
  rating: 'good' as const,
  source: 'review' as const,
  durationMs: 1000,
  elapsedDays: 0,
  after: { ...NEW_CARD, state: 'learning' as const, due: new Date(AT + i * 1000 + 60_000), reps: 1, lastReview: new Date(AT + i * 1000) },
  before: NEW_CARD,
  beforeFlags: { suspended: false, leech: false, buriedUntil: null },
});
const lines = (history: string) =>
  readFileSync(join(history, 'dev', '2026-03.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);

describe('journal of a big transaction', () => {
  it('writes every line once and in order when the lines outnumber the queue', () => {
    const { store: s, history } = store();
    const n = 20_000;
    s.writeTransaction(() =>
      s.revlog.insertMany(
        (function* () {
          for (let i = 0; i < n; i++) yield answer(i);
        })(),
        n,
      ),
    );
    const got = lines(history);
    expect(got).toHaveLength(n);
    expect(got.map((l) => JSON.parse(l).id)).toEqual(Array.from({ length: n }, (_, i) => `dev:${i + 1}`));
    expect(s.journal.marks().get('dev/2026-03.jsonl')?.lines).toBe(n);
    s.close();
  });

  it('takes every appended line back when the transaction fails', () => {
    const { store: s, history } = store();
    s.writeTransaction(() => s.revlog.insert(answer(0)));
    expect(() =>
      s.writeTransaction(() => {
        for (let i = 1; i <= 20_000; i++) s.revlog.insert(answer(i));
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(lines(history)).toHaveLength(1);
    s.close();
  });

  it('does not append inside a savepoint, so that its failure drops its lines', () => {
    const { store: s, history } = store();
    s.writeTransaction(() => {
      s.revlog.insert(answer(0));
      expect(() =>
        s.writeTransaction(() => {
          for (let i = 1; i <= 10_000; i++) s.revlog.insert(answer(i));
          throw new Error('nested failure');
        }),
      ).toThrow('nested failure');
    });
    expect(lines(history)).toHaveLength(1);
    s.close();
  });
});

describe('insertMany', () => {
  it('writes the rows and lines insert writes one by one, for imported answers (their constants written once) and others mixed', () => {
    // Runs of imported answers and of others, across the statement's 64 rows and its remainder.
    const entries = Array.from({ length: 400 }, (_, i) => {
      const kind = Math.floor(i / 37) % 3;
      const base = answer(i);
      if (kind === 0) return { ...base, origin: 'import' as const, given: true };
      if (kind === 1) return { ...base, source: 'quiz' as const };
      return { ...base, origin: 'import' as const, given: true, beforeFlags: { suspended: i % 2 === 0, leech: true, buriedUntil: new Date(AT) } };
    });
    const dump = (s: Store, history: string) => ({
      rows: s.revlog.history('d/n:forward'),
      lines: lines(history),
    });
    const one = store();
    one.store.writeTransaction(() => {
      for (const e of entries) one.store.revlog.insert(e);
    });
    const many = store();
    many.store.writeTransaction(() => many.store.revlog.insertMany(entries, entries.length));
    expect(dump(many.store, many.history)).toEqual(dump(one.store, one.history));
    one.store.close();
    many.store.close();
  });
});

describe('a row refused in the middle of a statement of many rows (OR FAIL: no statement journal)', () => {
  // Row 40 of a 64-row statement breaks the log's CHECK on `rating`.
  const bad = (i: number) => (i === 40 ? { ...answer(i), rating: 'bogus' as 'good' } : answer(i));
  const count = (s: Store) => s.revlog.history('d/n:forward').length;

  it('leaves none of the batch in the log when the transaction fails, imported answers or others', () => {
    for (const imported of [false, true]) {
      const { store: s, history } = store();
      s.writeTransaction(() => s.revlog.insert(answer(100)));
      const entries = Array.from({ length: 64 }, (_, i) => (imported ? { ...bad(i), origin: 'import' as const, given: true } : bad(i)));
      expect(() => s.writeTransaction(() => s.revlog.insertMany(entries, entries.length))).toThrow(/CHECK/);
      expect(count(s)).toBe(1);
      expect(lines(history)).toHaveLength(1);
      s.close();
    }
  });

  it('takes back only the savepoint, rows written before the refused one included', () => {
    const { store: s } = store();
    const replayed = Array.from({ length: 64 }, (_, i) => ({ ...bad(i), uid: `other:${i + 1}`, device: 'other', origin: 'review' as const, given: false }));
    s.writeTransaction(() => {
      s.revlog.insert(answer(100));
      expect(() => s.writeTransaction(() => s.revlog.insertReplayedMany(replayed))).toThrow(/CHECK/);
      s.revlog.insert(answer(101));
    });
    expect(count(s)).toBe(2);
    s.close();
  });
});
