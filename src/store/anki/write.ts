/**
 * Writing an Anki collection (schema 11, the collection.anki2 of a legacy .apkg) from rows prepared
 * by the export (core/anki.ts makes them by Anki's rules). Built in memory and returned as the bytes
 * of the SQLite file.
 */
import type { AnkiSchedule } from '../../formats/anki.js';
import { openMemoryDb } from './open.js';
import { SCHEMA11_SQL } from './schema11.js';

export interface AnkiNoteRow {
  id: number;
  guid: string;
  mid: number;
  /** seconds */
  mod: number;
  tags: string;
  flds: string;
  sfld: string;
  csum: number;
}

/** A card row: its place (note, deck, template) and its scheduling in Anki's terms (core/anki.ts). */
export interface AnkiCardRow extends AnkiSchedule {
  id: number;
  nid: number;
  did: number;
  ord: number;
  /** seconds */
  mod: number;
}

export interface AnkiRevlogRow {
  id: number;
  cid: number;
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: number;
}

export interface AnkiCollectionRows {
  /** creation time, seconds */
  crt: number;
  /** modification time, milliseconds (the col row counts in ms, notes and cards in seconds) */
  modMs: number;
  conf: unknown;
  models: Record<string, unknown>;
  decks: Record<string, unknown>;
  dconf: Record<string, unknown>;
  tags: Record<string, number>;
  notes: readonly AnkiNoteRow[];
  cards: readonly AnkiCardRow[];
  revlog: readonly AnkiRevlogRow[];
}

/**
 * The schema's tables, and its indexes apart: these are built after the rows are in (one sort each
 * instead of 100,000 inserts into the middle of B-trees keyed by checksum, deck and queue).
 */
const SCHEMA_LINES = SCHEMA11_SQL.split('\n');
const TABLES_SQL = SCHEMA_LINES.filter((l) => !l.startsWith('CREATE INDEX')).join('\n');
const INDEXES_SQL = SCHEMA_LINES.filter((l) => l.startsWith('CREATE INDEX')).join('\n');

/** The SQLite file of a schema-11 collection holding `rows`. Every usn is -1 (changed, not yet synced). */
export function writeAnkiCollection(rows: AnkiCollectionRows): Buffer {
  const db = openMemoryDb();
  try {
    db.exec(TABLES_SQL);
    db.transaction(() => {
      db.prepare(
        `INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
         VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)`,
      ).run(
        rows.crt,
        rows.modMs,
        rows.modMs,
        JSON.stringify(rows.conf),
        JSON.stringify(rows.models),
        JSON.stringify(rows.decks),
        JSON.stringify(rows.dconf),
        JSON.stringify(rows.tags),
      );
      const note = db.prepare(
        `INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
         VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')`,
      );
      // Values by position: binding by name reads each object's properties through V8's API (a
      // third of the insert's time for 100,000 notes).
      for (const n of rows.notes) note.run(n.id, n.guid, n.mid, n.mod, n.tags, n.flds, n.sfld, n.csum);
      const card = db.prepare(
        `INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
         VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`,
      );
      for (const c of rows.cards) card.run(c.id, c.nid, c.did, c.ord, c.mod, c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses, c.left, c.data);
      const rev = db.prepare(
        `INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
         VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)`,
      );
      for (const r of rows.revlog) rev.run(r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type);
      db.exec(INDEXES_SQL);
    })();
    return db.serialize();
  } finally {
    db.close();
  }
}
