/**
 * Databases from every earlier schema version (test/fixtures/db/schemaN.db, kept from each release
 * of the schema) migrate, with a backup written first, and keep their history.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/store/migrations.js';
import { REPO, tempHome } from '../support/home.js';
import { runJson } from '../support/run.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'db');
const versions = readdirSync(FIXTURES)
  .map((f) => /^schema(\d+)\.db$/.exec(f)?.[1])
  .filter((v): v is string => v !== undefined)
  .map(Number);

describe('migrations', () => {
  it('has a fixture for every earlier schema version', () => {
    expect(versions.sort()).toEqual(Array.from({ length: LATEST_VERSION - 1 }, (_, i) => i + 1));
  });

  it.each(versions)('migrates a schema %i database, backing it up first, keeping its history', (v) => {
    const home = tempHome({ 'greek.yaml': readFileSync(join(FIXTURES, 'greek.yaml'), 'utf8') });
    mkdirSync(join(home, 'data'));
    copyFileSync(join(FIXTURES, `schema${v}.db`), join(home, 'data', 'llmcards.db'));
    const before = readFileSync(join(home, 'data', 'llmcards.db'));
    const shown = runJson(home, ['show', 'greek/alpha:forward', '--now', '2026-03-02T08:00:00Z']);
    expect(shown.history).toMatchObject([{ at: '2026-03-01T08:00:00.000Z', rating: 'good' }]);
    const backups = readdirSync(join(home, 'data', 'backups'));
    expect(backups).toEqual([expect.stringMatching(new RegExp(`^llmcards-schema${v}-.*\\.db$`))]);
    const backup = new Database(join(home, 'data', 'backups', backups[0]!), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(v);
    expect((backup.prepare('SELECT count(*) AS n FROM revlog').get() as { n: number }).n).toBe(2);
    backup.close();
    const db = new Database(join(home, 'data', 'llmcards.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    expect(before.length).toBeGreaterThan(0);
  });
});
