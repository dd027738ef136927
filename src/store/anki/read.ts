/**
 * Reading an Anki collection from a package: legacy collections (schema 11, note types and decks as
 * JSON in the `col` row) and current ones (schema 15 to 18, note types, fields, templates and decks
 * in their own tables with protobuf settings). The database is opened in memory from the package's
 * bytes, read-only and with untrusted schema features off, and checked before it is read.
 */
import type { AnkiNoteRow } from './write.js';
import { decodeProto, protoMessage, protoNumber, protoString } from '../../formats/protobuf.js';
import { UserError } from '../../errors.js';
import { openMemoryDb, type AnkiDb } from './open.js';

export interface AnkiNotetypeData {
  id: number;
  name: string;
  /** Anki's kind: 0 standard, 1 cloze */
  kind: number;
  fields: string[];
  templates: { name: string; qfmt: string; afmt: string }[];
}

export interface AnkiDeckData {
  id: number;
  /** with `::` between levels */
  name: string;
  desc: string;
  /** what an llmcards export keeps in the deck (title, tags…), when there */
  llmcards: unknown;
}

/** A note as read: the row of a written one without the fields Anki derives (sfld, csum). */
export type AnkiNoteData = Omit<AnkiNoteRow, 'sfld' | 'csum'>;

export interface AnkiCardData {
  id: number;
  nid: number;
  did: number;
  /** the card's home deck when it is in a filtered deck, else 0 */
  odid: number;
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning */
  type: number;
  /** -3/-2 buried, -1 suspended, 0 new, 1/3 learning, 2 review */
  queue: number;
  /** review cards: days since the collection's creation; learning cards: epoch seconds */
  due: number;
  ivl: number;
  reps: number;
  lapses: number;
  /** JSON: Anki's FSRS memory state (`s`, `d`) when FSRS was on */
  data: string;
}

/**
 * Anki's review log as columns (a package may hold millions of rows: typed arrays hold them in a
 * fraction of the memory objects would), ordered by card and then time.
 */
export interface AnkiRevlogColumns {
  length: number;
  /** epoch milliseconds of each answer */
  id: Float64Array;
  cid: Float64Array;
  ease: Int8Array;
  ivl: Int32Array;
  time: Int32Array;
  type: Int8Array;
}

/** One answer in Anki's review log. */
export interface AnkiRevlogData {
  /** epoch milliseconds of the answer */
  id: number;
  cid: number;
  /** 1 again … 4 easy; 0 for a manual change */
  ease: number;
  ivl: number;
  /** milliseconds spent */
  time: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled */
  type: number;
}

export interface AnkiCollectionData {
  /** the collection's schema version (11 for legacy packages, 18 for current ones) */
  version: number;
  notetypes: Map<number, AnkiNotetypeData>;
  decks: Map<number, AnkiDeckData>;
  notes: AnkiNoteData[];
  cards: AnkiCardData[];
  /** by card, then oldest first */
  revlog: AnkiRevlogColumns;
  /** the collection's creation time, epoch seconds (review cards' due days count from it) */
  crt: number;
}

/** Schema versions this reader knows (rslib/src/storage/upgrades: 11 … 18). */
export const KNOWN_VERSIONS = [11, 14, 15, 16, 17, 18];

/**
 * Read the collection in `bytes` (an SQLite file). `what` names it in errors. Throws UserError when
 * it is not an SQLite database, is damaged, lacks Anki's tables, or has an unknown schema version.
 */
export function readAnkiCollection(bytes: Uint8Array, what: string): AnkiCollectionData {
  if (bytes.length < 100 || new TextDecoder().decode(bytes.subarray(0, 15)) !== 'SQLite format 3') {
    throw new UserError(`${what} is not an Anki collection (not an SQLite database)`);
  }
  let db: AnkiDb;
  let rewritten: string[];
  try {
    ({ db, rewritten } = openCollectionCopy(bytes));
  } catch (err) {
    throw new UserError(`${what} is not a readable Anki collection (${(err as Error).message})`);
  }
  try {
    try {
      db.pragma('trusted_schema = OFF');
      db.pragma('query_only = ON');
      // Before quick_check, which computes every generated column of every row and reads every value.
      checkBudget(db, what);
      // Tables whose collation was rewritten may hold names in unicase order, which nocase does not
      // share: their own order is not checked (they are small, and every value read is checked).
      const tablesToCheck =
        rewritten.length === 0
          ? null
          : (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((t) => !rewritten.includes(t));
      for (const t of tablesToCheck ?? [null]) {
        const check = db.pragma(t === null ? 'quick_check' : `quick_check("${t.replace(/"/g, '""')}")`, { simple: true }) as string;
        if (check !== 'ok') throw new UserError(`${what} is damaged (${check})`);
      }
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError(`${what} is damaged (${(err as Error).message})`);
    }
    const tables = new Map(
      (db.prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string; type: string }[]).map((r) => [
        r.name,
        r.type,
      ]),
    );
    for (const t of ['col', 'notes', 'cards']) {
      if (tables.get(t) !== 'table') throw new UserError(`${what} is not an Anki collection (no ${t} table)`);
    }
    const col = db.prepare('SELECT ver, crt, models, decks FROM col LIMIT 1').get() as { ver: number; crt: number; models: string; decks: string } | undefined;
    if (!col) throw new UserError(`${what} is not an Anki collection (empty col table)`);
    if (!KNOWN_VERSIONS.includes(col.ver)) {
      throw new UserError(
        `${what} has collection schema version ${col.ver}, which this llmcards does not know (it reads 11 to 18); export it from Anki with "Support older Anki versions" ticked`,
      );
    }
    const current = col.ver >= 15;
    if (current)
      for (const t of ['notetypes', 'fields', 'templates', 'decks']) {
        if (tables.get(t) !== 'table') throw new UserError(`${what} is not an Anki collection (no ${t} table)`);
      }
    const data: AnkiCollectionData = {
      version: col.ver,
      notetypes: current ? notetypesFromTables(db) : notetypesFromJson(col.models, what),
      decks: current ? decksFromTables(db) : decksFromJson(col.decks, what),
      notes: db.prepare('SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id').all() as AnkiNoteData[],
      cards: db.prepare('SELECT id, nid, did, odid, ord, type, queue, due, ivl, reps, lapses, data FROM cards ORDER BY nid, ord').all() as AnkiCardData[],
      revlog: tables.get('revlog') === 'table' ? readRevlog(db) : readRevlogRows([], 0),
      crt: typeof col.crt === 'number' ? col.crt : 0,
    };
    for (const c of data.cards) c.data = typeof c.data === 'string' ? c.data : '';
    for (const n of data.notes) {
      if (typeof n.flds !== 'string' || typeof n.guid !== 'string') throw new UserError(`${what} is damaged (note ${n.id} has no text)`);
      n.tags = typeof n.tags === 'string' ? n.tags : '';
    }
    return data;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${what} could not be read (${(err as Error).message})`);
  } finally {
    db.close();
  }
}

const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function readRevlogRows(rows: Iterable<unknown[]>, count: number): AnkiRevlogColumns {
  const out: AnkiRevlogColumns = {
    length: 0,
    id: new Float64Array(count),
    cid: new Float64Array(count),
    ease: new Int8Array(count),
    ivl: new Int32Array(count),
    time: new Int32Array(count),
    type: new Int8Array(count),
  };
  for (const r of rows) {
    if (out.length >= count) break;
    const i = out.length++;
    out.id[i] = int(r[0]);
    out.cid[i] = int(r[1]);
    out.ease[i] = Math.max(-1, Math.min(9, int(r[2])));
    out.ivl[i] = Math.max(-2e9, Math.min(2e9, int(r[3])));
    out.time[i] = Math.max(0, Math.min(2e9, int(r[4])));
    out.type[i] = Math.max(-1, Math.min(9, int(r[5])));
  }
  return out;
}

function readRevlog(db: AnkiDb): AnkiRevlogColumns {
  const count = db.prepare('SELECT count(*) FROM revlog').pluck().get() as number;
  // One pass in card order (Anki's index on cid): batches of LIMIT n WHERE cid > ? OR … scanned the
  // index from its start each time (the OR takes no range), and each batch's rows outlived the young
  // generation. A million rows: 3.3 -> 1.3 s.
  return readRevlogRows(db.prepare('SELECT id, cid, ease, ivl, time, type FROM revlog ORDER BY cid, id').raw().iterate() as Iterable<unknown[]>, count);
}

/** What reading a package may cost at most: a package is other people's data, and SQLite builds values only when they are read. */
export const ANKI_BUDGET = {
  /** notes, or cards */
  rows: 2_000_000,
  /** one value (a note's fields, the note types' JSON): no deck file may hold more (deckfile MAX_DECK_BYTES) */
  valueBytes: 8 * 1024 * 1024,
  /** all the text read */
  totalBytes: 256 * 1024 * 1024,
};

/** The tables whose columns are read. */
const READ_TABLES = ['col', 'notes', 'cards', 'notetypes', 'fields', 'templates', 'decks'];

/**
 * Refuse computed columns in the tables we read: `GENERATED ALWAYS AS (hex(zeroblob(50e6)))` builds
 * 100 MB per row whenever the row is read (or checked), which no size limit on the file can see.
 */
function checkBudget(db: AnkiDb, what: string): void {
  const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const tables = READ_TABLES.filter((t) => present.has(t));
  for (const t of tables) {
    const columns = db.pragma(`table_xinfo(${t})`) as { name: string; hidden: number }[];
    const computed = columns.find((c) => c.hidden === 2 || c.hidden === 3);
    if (computed)
      throw new UserError(`${what} is not an Anki collection as Anki writes it (the column ${t}.${computed.name} is computed); nothing was imported`);
  }
  checkSizes(db, what, tables);
}

/**
 * Refuse, before reading a row, a collection that would cost more than ANKI_BUDGET: too many rows,
 * or a value larger than a deck file may be. Sizes are read with octet_length, which SQLite answers
 * from the record header without loading the value.
 */
function checkSizes(db: AnkiDb, what: string, tables: readonly string[]): void {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  let total = 0;
  const sized: [string, string][] = [
    ['notes', 'flds'],
    ['notes', 'tags'],
    ['col', 'models'],
    ['col', 'decks'],
    ['templates', 'config'],
    ['decks', 'kind'],
    ['notetypes', 'config'],
  ];
  for (const [t, column] of sized) {
    if (!tables.includes(t)) continue;
    const names = (db.pragma(`table_xinfo(${t})`) as { name: string }[]).map((c) => c.name);
    if (!names.includes(column)) continue;
    const r = db.prepare(`SELECT count(*) AS n, max(octet_length(${column})) AS biggest, total(octet_length(${column})) AS sum FROM ${t}`).get() as {
      n: number;
      biggest: number | null;
      sum: number;
    };
    if (r.n > ANKI_BUDGET.rows) throw new UserError(`${what} has ${r.n} rows in ${t}, more than the import limit of ${ANKI_BUDGET.rows}; nothing was imported`);
    if ((r.biggest ?? 0) > ANKI_BUDGET.valueBytes)
      throw new UserError(
        `${what} holds a value of ${mb(r.biggest ?? 0)} in ${t}.${column}, more than a deck file may hold (${mb(ANKI_BUDGET.valueBytes)}); nothing was imported`,
      );
    total += r.sum;
  }
  if (tables.includes('cards')) {
    const n = (db.prepare('SELECT count(*) AS n FROM cards').get() as { n: number }).n;
    if (n > ANKI_BUDGET.rows) throw new UserError(`${what} has ${n} cards, more than the import limit of ${ANKI_BUDGET.rows}; nothing was imported`);
  }
  if (total > ANKI_BUDGET.totalBytes)
    throw new UserError(`${what} holds ${mb(total)} of text, more than the import limit of ${mb(ANKI_BUDGET.totalBytes)}; nothing was imported`);
}

/**
 * A private, writable copy of the collection in memory, made readable: a file in WAL mode (as Anki
 * leaves its collections, and as it packs them into collection.anki21b) has its header set back to
 * the rollback journal, since an in-memory database cannot have a WAL; and Anki's own `unicase`
 * collation, which SQLite does not know, is rewritten to NOCASE in the copy's schema so the tables
 * that use it can be read. Returns the tables so rewritten.
 */
function openCollectionCopy(bytes: Uint8Array): { db: AnkiDb; rewritten: string[] } {
  // Bytes 18 and 19 of the header: file format write and read versions, 2 for WAL. Only then is
  // a copy made: opening the database copies the bytes itself (100 MB: 0.4 s for a copy unused).
  let copy = bytes;
  if (bytes[18] === 2 || bytes[19] === 2) {
    copy = Buffer.from(bytes);
    copy[18] = 1;
    copy[19] = 1;
  }
  let db = openMemoryDb(copy);
  const rows = db.prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE sql LIKE '%unicase%'").all() as {
    type: string;
    name: string;
    tbl: string;
    sql: string;
  }[];
  if (rows.length === 0) return { db, rewritten: [] };
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  const update = db.prepare('UPDATE sqlite_master SET sql = ? WHERE type = ? AND name = ?');
  for (const r of rows) update.run(r.sql.replace(/\bcollate\s+"?unicase"?/gi, 'COLLATE NOCASE'), r.type, r.name);
  const rewritten = [...new Set(rows.map((r) => r.tbl))];
  const fixed = db.serialize();
  db.close();
  db = openMemoryDb(fixed);
  return { db, rewritten };
}

function parseJsonObject(text: string, what: string, part: string): Record<string, Record<string, unknown>> {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, Record<string, unknown>>;
  } catch {
    // reported below
  }
  throw new UserError(`${what} is damaged (its ${part} are not valid JSON)`);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN);

function notetypesFromJson(text: string, what: string): Map<number, AnkiNotetypeData> {
  const out = new Map<number, AnkiNotetypeData>();
  for (const [key, m] of Object.entries(parseJsonObject(text, what, 'note types'))) {
    if (!m || typeof m !== 'object') continue;
    const id = Number.isFinite(num(m.id)) ? num(m.id) : num(key);
    // A note type without an id or a list of fields is no note type: said, not left for its notes to be "missing" it.
    if (!Number.isFinite(id) || !Array.isArray(m.flds)) {
      const name = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
      throw new UserError(`${what} is damaged (its note type ${name} has no ${Number.isFinite(id) ? 'list of fields' : 'id'})`);
    }
    const byOrd = <T extends { ord?: unknown }>(list: unknown) =>
      (Array.isArray(list) ? (list as T[]).filter((x) => x && typeof x === 'object') : []).sort((a, b) => (num(a.ord) || 0) - (num(b.ord) || 0));
    out.set(id, {
      id,
      name: str(m.name),
      kind: num(m.type) === 1 ? 1 : 0,
      fields: byOrd<{ name?: unknown; ord?: unknown }>(m.flds).map((f) => str(f.name)),
      templates: byOrd<{ name?: unknown; ord?: unknown; qfmt?: unknown; afmt?: unknown }>(m.tmpls).map((t) => ({
        name: str(t.name),
        qfmt: str(t.qfmt),
        afmt: str(t.afmt),
      })),
    });
  }
  return out;
}

function decksFromJson(text: string, what: string): Map<number, AnkiDeckData> {
  const out = new Map<number, AnkiDeckData>();
  for (const [key, d] of Object.entries(parseJsonObject(text, what, 'decks'))) {
    if (!d || typeof d !== 'object') continue;
    const id = Number.isFinite(num(d.id)) ? num(d.id) : num(key);
    out.set(id, { id, name: str(d.name), desc: str(d.desc), llmcards: d.llmcards ?? null });
  }
  return out;
}

function notetypesFromTables(db: AnkiDb): Map<number, AnkiNotetypeData> {
  const out = new Map<number, AnkiNotetypeData>();
  for (const r of db.prepare('SELECT id, name, config FROM notetypes ORDER BY id').all() as { id: number; name: string; config: Uint8Array }[]) {
    const config = decodeProto(r.config ?? new Uint8Array());
    out.set(r.id, { id: r.id, name: r.name, kind: protoNumber(config, 1) === 1 ? 1 : 0, fields: [], templates: [] });
  }
  for (const f of db.prepare('SELECT ntid, name FROM fields ORDER BY ntid, ord').all() as { ntid: number; name: string }[])
    out.get(f.ntid)?.fields.push(f.name);
  for (const t of db.prepare('SELECT ntid, name, config FROM templates ORDER BY ntid, ord').all() as { ntid: number; name: string; config: Uint8Array }[]) {
    const config = decodeProto(t.config ?? new Uint8Array());
    out.get(t.ntid)?.templates.push({ name: t.name, qfmt: protoString(config, 1), afmt: protoString(config, 2) });
  }
  return out;
}

function decksFromTables(db: AnkiDb): Map<number, AnkiDeckData> {
  const out = new Map<number, AnkiDeckData>();
  for (const r of db.prepare('SELECT id, name, kind FROM decks ORDER BY id').all() as { id: number; name: string; kind: Uint8Array }[]) {
    // Current collections separate deck levels with U+001F (rslib NativeDeckName).
    const normal = protoMessage(decodeProto(r.kind ?? new Uint8Array()), 1);
    out.set(r.id, { id: r.id, name: r.name.split('\u001f').join('::'), desc: protoString(normal, 4), llmcards: null });
  }
  return out;
}
