/**
 * SQLite databases held in memory for Anki packages: a new one to fill and serialize for an export,
 * or one deserialized from a package's bytes for an import. No file is touched.
 */
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';

export type AnkiDb = Database.Database;

/** The compiled addon, named directly (as store/open.ts does) so the bundle needs no `bindings` lookup. */
function nativeBinding(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

/** A new, empty in-memory database; or one opened from the bytes of an SQLite file. */
export function openMemoryDb(bytes?: Uint8Array): AnkiDb {
  const addon = nativeBinding();
  const source = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : ':memory:';
  return new Database(source, addon ? { nativeBinding: addon } : {});
}
