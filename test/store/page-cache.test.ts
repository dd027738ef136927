/**
 * A pass that reads pages once (counting today's queues) runs with a small page cache and gives the
 * usual one back after, also when it throws; inside a write transaction the cache is not touched,
 * for the pages the transaction changed must stay in it until COMMIT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/open.js';
import { CACHE_KIB, SCAN_CACHE_KIB, SPILL_CACHE_KIB } from '../../src/store/page-cache.js';
import { openStore, type Store } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'llmcards-page-cache-'));
  dirs.push(dir);
  return openStore(dir, { now: new Date('2026-03-01T00:00:00Z') });
}
// The connection itself, to read the pragma: the store keeps it private.
const cacheSize = (s: Store) => (s as unknown as { db: Db }).db.pragma('cache_size', { simple: true });

describe('Store.readingOnce', () => {
  it('reads with the small cache and gives the usual one back, also after an error', () => {
    const s = store();
    expect(cacheSize(s)).toBe(-CACHE_KIB);
    expect(s.readingOnce(() => cacheSize(s))).toBe(-SCAN_CACHE_KIB);
    expect(cacheSize(s)).toBe(-CACHE_KIB);
    expect(() =>
      s.readingOnce(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(cacheSize(s)).toBe(-CACHE_KIB);
    s.close();
  });

  it('leaves the cache of a write transaction alone', () => {
    const s = store();
    expect(s.writeTransaction(() => s.readingOnce(() => cacheSize(s)))).toBe(-CACHE_KIB);
    s.close();
  });
});

describe('Store.writingOnce', () => {
  it('writes with its own cache inside the transaction, and gives the usual one back', () => {
    const s = store();
    expect(s.writeTransaction(() => s.writingOnce(() => cacheSize(s)))).toBe(-SPILL_CACHE_KIB);
    expect(cacheSize(s)).toBe(-CACHE_KIB);
    s.close();
  });
});
