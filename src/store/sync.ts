/**
 * The database side of a sync: what is known about deck files, notes and cards, and applying a
 * plan in one transaction (SPEC §7: a sync is all or nothing).
 */
import type { Deck } from '../core/notes.js';
import type { KnownCard, KnownNote, SyncPlan } from '../core/sync-plan.js';
import type { Db } from './open.js';

export interface DeckFileRow {
  path: string;
  size: number;
  mtimeUs: number;
  hash: string;
  deck: string | null;
  /** JSON problems when the file is invalid */
  errors: string | null;
}

export interface FileUpdate {
  row: DeckFileRow;
  /** the deck parsed from it, when valid and changed */
  deck?: Deck;
}

export class SyncQueries {
  constructor(private readonly db: Db) {}

  deckFiles(): Map<string, DeckFileRow> {
    const rows = this.db.prepare('SELECT path, size, mtime_us AS mtimeUs, hash, deck, errors FROM deck_files').all() as DeckFileRow[];
    return new Map(rows.map((r) => [r.path, r]));
  }

  /** Notes of these files, and notes with these keys (wherever they were), with their cards. */
  known(files: readonly string[], noteKeys: readonly string[]): { notes: Map<string, KnownNote>; cards: Map<string, KnownCard> } {
    const notes = new Map<string, KnownNote>();
    const noteRows = this.db
      .prepare(
        `SELECT key, file, content, present, changed_at AS changedAt FROM notes
         WHERE file IN (SELECT value FROM json_each(@files)) OR key IN (SELECT value FROM json_each(@keys))`,
      )
      .all({ files: JSON.stringify(files), keys: JSON.stringify(noteKeys) }) as { key: string; file: string; content: string; present: number; changedAt: number }[];
    for (const r of noteRows) notes.set(r.key, { key: r.key, file: r.file, content: r.content, present: r.present === 1, changedAt: r.changedAt });
    const cards = new Map<string, KnownCard>();
    const cardRows = this.db
      .prepare('SELECT key, note, present FROM cards WHERE note IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...notes.keys()])) as { key: string; note: string; present: number }[];
    for (const r of cardRows) cards.set(r.key, { key: r.key, note: r.note, present: r.present === 1 });
    return { notes, cards };
  }

  /** Cards present in deck files: the collection's size after a sync. */
  presentCardCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM cards WHERE present = 1').get() as { n: number }).n;
  }

  /**
   * Apply a plan and record the files' new fingerprints, all in one transaction. `removedFiles`
   * are deck files that no longer exist.
   */
  apply(plan: SyncPlan, files: readonly FileUpdate[], removedFiles: readonly string[]): void {
    const db = this.db;
    const upsertFile = db.prepare(
      `INSERT INTO deck_files (path, size, mtime_us, hash, deck, errors) VALUES (@path, @size, @mtimeUs, @hash, @deck, @errors)
       ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_us = excluded.mtime_us, hash = excluded.hash,
         deck = excluded.deck, errors = excluded.errors`,
    );
    const deleteFile = db.prepare('DELETE FROM deck_files WHERE path = ?');
    const upsertDeck = db.prepare(
      `INSERT INTO decks (name, file, title, description, tags, options, present) VALUES (?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (name) DO UPDATE SET file = excluded.file, title = excluded.title, description = excluded.description,
         tags = excluded.tags, options = excluded.options, present = 1`,
    );
    const dropDecksOfFile = db.prepare('UPDATE decks SET present = 0 WHERE file = ?');
    const upsertNote = db.prepare(
      `INSERT INTO notes (key, deck, id, kind, file, line, ord, content, tags, search_text, present, changed_at)
       VALUES (@key, @deck, @id, @kind, @file, @line, @ord, @content, @tags, @searchText, 1, @changedAt)
       ON CONFLICT (key) DO UPDATE SET deck = excluded.deck, kind = excluded.kind, file = excluded.file,
         line = excluded.line, ord = excluded.ord, content = excluded.content, tags = excluded.tags,
         search_text = excluded.search_text, present = 1, changed_at = excluded.changed_at`,
    );
    const noteGone = db.prepare('UPDATE notes SET present = 0 WHERE key = ?');
    const insertCard = db.prepare('INSERT INTO cards (key, note, deck, template, ord) VALUES (@key, @note, @deck, @template, @ord)');
    const keepCard = db.prepare('UPDATE cards SET present = 1, ord = @ord, deck = @deck WHERE key = @key');
    const cardGone = db.prepare('UPDATE cards SET present = 0 WHERE key = ?');

    db.transaction(() => {
      for (const path of removedFiles) {
        deleteFile.run(path);
        dropDecksOfFile.run(path);
      }
      for (const f of files) {
        upsertFile.run(f.row);
        if (f.deck) {
          dropDecksOfFile.run(f.row.path);
          const d = f.deck;
          upsertDeck.run(
            d.name,
            d.file,
            d.title === undefined ? null : JSON.stringify(d.title),
            d.description === undefined ? null : JSON.stringify(d.description),
            JSON.stringify(d.tags),
            JSON.stringify(d.options),
          );
        }
      }
      for (const n of plan.notes) upsertNote.run(n);
      for (const key of plan.notesGone) noteGone.run(key);
      for (const c of plan.cardsAdded) insertCard.run(c);
      for (const c of plan.cardsKept) keepCard.run({ key: c.key, ord: c.ord, deck: c.deck });
      for (const key of plan.cardsGone) cardGone.run(key);
    }).immediate();
  }
}
