/**
 * Small cached values kept in the database (SPEC §2 "settings cache"): the parsed config.yaml with
 * the fingerprint of the file it came from, the day of the last automatic backup.
 */
import type { Db } from './open.js';

export class MetaQueries {
  constructor(private readonly db: Db) {}

  get(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
