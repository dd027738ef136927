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

/** The SQLite file of a schema-11 collection holding `rows`. Every usn is -1 (changed, not yet synced). */
export function writeAnkiCollection(rows: AnkiCollectionRows): Buffer {
  const db = openMemoryDb();
  try {
    db.exec(SCHEMA11_SQL);
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
         VALUES (@id, @guid, @mid, @mod, -1, @tags, @flds, @sfld, @csum, 0, '')`,
      );
      for (const n of rows.notes) note.run(n);
      const card = db.prepare(
        `INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
         VALUES (@id, @nid, @did, @ord, @mod, -1, @type, @queue, @due, @ivl, @factor, @reps, @lapses, @left, 0, 0, 0, @data)`,
      );
      for (const c of rows.cards) card.run(c);
      const rev = db.prepare(
        `INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
         VALUES (@id, @cid, -1, @ease, @ivl, @lastIvl, @factor, @time, @type)`,
      );
      for (const r of rows.revlog) rev.run(r);
    })();
    return db.serialize();
  } finally {
    db.close();
  }
}
