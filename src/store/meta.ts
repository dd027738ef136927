/**
 * Small cached values kept in the database (SPEC §2 "settings cache"): the parsed config.yaml with
 * the fingerprint of the file it came from, the day of the last automatic backup.
 */
import { Queries } from './queries.js';

export class MetaQueries extends Queries {
  get(key: string): string | undefined {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  set(key: string, value: string): void {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Set `key` unless it has a value; returns the value it has now (another process's, if it was first). */
  setIfAbsent(key: string, value: string): string {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value);
    return this.get(key)!;
  }

  delete(key: string): void {
    this.sql('DELETE FROM meta WHERE key = ?').run(key);
  }
}
