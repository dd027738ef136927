/**
 * Only our own databases come in. A "backup" handed to `restore`, or a file put in place of
 * data/llmcards.db, could carry a trigger that empties the review history on the next answer, a
 * view in place of a table, or another program's tables. So a database's schema is compared with the
 * one llmcards' migrations make for its version: the same tables with the same columns, the same
 * indexes, and no trigger or view of anyone else's.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { nativeBinding } from './native.js';

type Db = Database.Database;

interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Tables, indexes, triggers and views, without SQLite's own (sqlite_stat1, autoindexes). */
function entriesOf(db: Db): SchemaEntry[] {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name")
    .all() as SchemaEntry[];
}

/** SQL text without comments or layout, so that a comment edited in a migration changes nothing. */
const normalized = (sql: string | null) =>
  (sql ?? '')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** A table's shape: its columns (name, type, not null, default, key, generated) and whether it is STRICT. */
function tableShape(db: Db, name: string): string {
  const columns = db.pragma(`table_xinfo("${name.replace(/"/g, '""')}")`) as unknown[];
  const list = db.pragma(`table_list("${name.replace(/"/g, '""')}")`) as { strict: number; wr: number }[];
  return JSON.stringify([columns, list.map((t) => [t.strict, t.wr])]);
}

/** What each part of the schema must be: a key per table, index, trigger and view. */
function fingerprint(db: Db): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entriesOf(db)) {
    out.set(`${e.type} ${e.name}`, e.type === 'table' ? tableShape(db, e.name) : `${e.tbl_name}:${normalized(e.sql)}`);
  }
  return out;
}

const expected = new Map<number, Map<string, string>>();

/** The schema llmcards' migrations make up to `version`, built once in memory. */
function expectedSchema(version: number): Map<string, string> {
  let schema = expected.get(version);
  if (!schema) {
    const addon = nativeBinding();
    const db = new Database(':memory:', addon ? { nativeBinding: addon } : {});
    try {
      for (const m of MIGRATIONS) if (m.version <= version) db.exec(m.sql);
      schema = fingerprint(db);
    } finally {
      db.close();
    }
    expected.set(version, schema);
  }
  return schema;
}

/** The names a schema of `version` has, from the migrations' text alone: the quick check on every open. */
function expectedNames(version: number): Set<string> {
  const names = new Set<string>();
  for (const m of MIGRATIONS) {
    if (m.version > version) continue;
    for (const [, verb, type, name] of m.sql.matchAll(
      /\b(CREATE|DROP)\s+(?:UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?"?(\w+)"?/gi,
    )) {
      const key = `${(type as string).toLowerCase()} ${name}`;
      if ((verb as string).toUpperCase() === 'CREATE') names.add(key);
      else names.delete(key);
    }
  }
  return names;
}

/**
 * Why the database's schema is not llmcards' schema of `version` (a sentence), or undefined when it
 * is. `quick` first compares only the names of tables, indexes, triggers and views (one read of the
 * schema table, for every command); the full comparison runs when they differ, and always when not
 * quick (restore, before a migration).
 */
export function schemaDifference(db: Db, version: number, quick = false): string | undefined {
  if (quick) {
    const want = expectedNames(version);
    const have = entriesOf(db).map((e) => `${e.type} ${e.name}`);
    if (have.length === want.size && have.every((k) => want.has(k))) return undefined;
  }
  const want = expectedSchema(version);
  const have = fingerprint(db);
  for (const [key, shape] of have) {
    const [type, name] = key.split(' ') as [string, string];
    if (!want.has(key)) return `it has a ${type} "${name}" that llmcards does not make`;
    if (want.get(key) !== shape) return `its ${type} "${name}" is not the one llmcards makes`;
  }
  for (const key of want.keys()) {
    if (!have.has(key)) {
      const [type, name] = key.split(' ') as [string, string];
      return `its ${type} "${name}" is missing`;
    }
  }
  return undefined;
}
