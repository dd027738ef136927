/**
 * SQLite's page cache, sized for the work in hand. Each page SQLite caches is memory taken from the
 * system afresh, a page fault for each 4 KB of it the first time it is touched, and on the 2-core VMs
 * here a fault costs about 25 µs (touching fresh pages measured 24-25 µs each): a cache filled with
 * pages read or changed once costs more in faults than reading them again would. Passes that touch
 * each page about once therefore run with a small cache, whose pages replace one another, as a
 * database's scans use a small ring of buffers; the rest keep the large one.
 */
import type Database from 'better-sqlite3';

/** The usual page cache, in KiB: 32 MB, for a first sync writes a hundred thousand rows into several indexes. */
export const CACHE_KIB = 32_768;

/**
 * The cache of a pass that reads pages once (readingOnce). Counting `due --json` on 100,000 cards
 * filled 4 MB of the usual one: 1,000 faults, a quarter of its time above bare Node. Sixteen pages of
 * 16 KB are enough for the cursors of a query. (For every read it was too small: `stats --json`,
 * which reads the same pages again and again, went from 9 to 16 s.)
 */
export const SCAN_CACHE_KIB = 256;

/**
 * The cache of a write that changes each page it touches about once (writingOnce): what it changed
 * goes to the WAL as the cache fills, and a page changed again in the same transaction is written
 * over its own frame, so the WAL grows no more than with a cache that holds it all (measured: the
 * same WAL to the byte). A sync reading 1,000 foreign journal lines touched 3,000 pages: 11,500 ->
 * 4,250 faults, 377 -> 248 ms in process; with 30,000 lines it took as long as with the usual cache.
 */
export const SPILL_CACHE_KIB = 4096;

/**
 * Run `fn`, a pass over pages it reads once, with the small cache. Inside a write transaction the
 * cache is left as it is: the pages the transaction changed stay there until it commits.
 */
export function readingOnce<T>(db: Database.Database, fn: () => T): T {
  return db.inTransaction ? fn() : withCache(db, SCAN_CACHE_KIB, fn);
}

/** Run `fn`, a write that changes each page it touches about once, with a cache of its own size. */
export function writingOnce<T>(db: Database.Database, fn: () => T): T {
  return withCache(db, SPILL_CACHE_KIB, fn);
}

function withCache<T>(db: Database.Database, kib: number, fn: () => T): T {
  db.pragma(`cache_size = -${kib}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = -${CACHE_KIB}`);
  }
}
