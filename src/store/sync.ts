/**
 * The database side of a sync: what is known about deck files, notes and cards, and applying a
 * plan in one transaction (SPEC §7: a sync is all or nothing).
 */
import type { KnownCard, KnownNote, PreparedDeck, SyncPlan } from '../core/sync-plan.js';
import type { Db } from './open.js';
import { readingOnce } from './page-cache.js';

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
  /** the deck read from it, when valid and changed */
  deck?: PreparedDeck;
}

export class SyncQueries {
  constructor(private readonly db: Db) {}

  deckFiles(): Map<string, DeckFileRow> {
    const rows = this.db.prepare('SELECT path, size, mtime_us AS mtimeUs, hash, deck, errors FROM deck_files').all() as DeckFileRow[];
    return new Map(rows.map((r) => [r.path, r]));
  }

  /** The rows of these files (those recorded): what a batch of a sync just wrote. */
  deckFilesOf(paths: readonly string[]): DeckFileRow[] {
    return this.db
      .prepare('SELECT path, size, mtime_us AS mtimeUs, hash, deck, errors FROM deck_files WHERE path IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(paths)) as DeckFileRow[];
  }

  /** Notes of these files, and notes with these keys (wherever they were), with their cards. */
  known(files: readonly string[], noteKeys: readonly string[]): { notes: Map<string, KnownNote>; cards: Map<string, KnownCard> } {
    const notes = new Map<string, KnownNote>();
    const noteRows = this.db
      .prepare(
        `SELECT key, file, content, present, changed_at AS changedAt, deck, id, kind, line, ord, tags, search_text AS searchText FROM notes
         WHERE file IN (SELECT value FROM json_each(@files)) OR key IN (SELECT value FROM json_each(@keys))`,
      )
      .all({ files: JSON.stringify(files), keys: JSON.stringify(noteKeys) }) as {
      key: string;
      file: string;
      content: string;
      present: number;
      changedAt: number;
      deck: string;
      id: string;
      kind: NonNullable<KnownNote['stored']>['kind'];
      line: number;
      ord: number;
      tags: string;
      searchText: string;
    }[];
    for (const r of noteRows)
      notes.set(r.key, {
        key: r.key,
        file: r.file,
        content: r.content,
        present: r.present === 1,
        changedAt: r.changedAt,
        stored: { deck: r.deck, id: r.id, kind: r.kind, line: r.line, ord: r.ord, tags: r.tags, searchText: r.searchText },
      });
    const cards = new Map<string, KnownCard>();
    // Every card's note is in the notes table (neither is ever deleted): no notes, no cards.
    if (notes.size === 0) return { notes, cards };
    const cardRows = this.db
      .prepare('SELECT key, note, present, deck, ord FROM cards WHERE note IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...notes.keys()])) as { key: string; note: string; present: number; deck: string; ord: number }[];
    for (const r of cardRows) cards.set(r.key, { key: r.key, note: r.note, present: r.present === 1, stored: { deck: r.deck, ord: r.ord } });
    return { notes, cards };
  }

  /** Cards present in deck files: the collection's size after a sync. */
  presentCardCount(): number {
    // A scan of the whole table: with the small cache (100,000 cards: 12 MB of pages read once).
    return readingOnce(this.db, () => (this.db.prepare('SELECT count(*) AS n FROM cards WHERE present = 1').get() as { n: number }).n);
  }

  /** Deck files that load (a deck, no errors): the `decks` of a sync's report, counted without reading them. */
  loadedDeckCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM deck_files WHERE deck IS NOT NULL AND errors IS NULL').get() as { n: number }).n;
  }

  /** Whether the collection has no notes yet (a first sync): then nothing is known to look up. */
  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM notes LIMIT 1').get() === undefined;
  }

  /**
   * Start writing a sync. Call the writer's methods inside one `Store.writeTransaction`, so that a
   * sync is all or nothing (SPEC §7); each deck file is planned and written in turn, which keeps a
   * first sync of a large collection within a few hundred megabytes.
   */
  writer(): SyncWriter {
    return new SyncWriter(this.db);
  }
}

export class SyncWriter {
  private readonly upsertFile;
  private readonly deleteFile;
  private readonly upsertDeck;
  private readonly dropDecksOfFile;
  private readonly upsertNote;
  private readonly noteGone;
  private readonly insertCard;
  private readonly keepCard;
  private readonly cardGone;
  private bulkIndexes: { name: string; sql: string }[] = [];

  constructor(private readonly db: Db) {
    this.upsertFile = db.prepare(
      `INSERT INTO deck_files (path, size, mtime_us, hash, deck, errors) VALUES (@path, @size, @mtimeUs, @hash, @deck, @errors)
       ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_us = excluded.mtime_us, hash = excluded.hash,
         deck = excluded.deck, errors = excluded.errors`,
    );
    this.deleteFile = db.prepare('DELETE FROM deck_files WHERE path = ?');
    this.upsertDeck = db.prepare(
      `INSERT INTO decks (name, file, title, description, tags, options, present) VALUES (?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (name) DO UPDATE SET file = excluded.file, title = excluded.title, description = excluded.description,
         tags = excluded.tags, options = excluded.options, present = 1`,
    );
    this.dropDecksOfFile = db.prepare('UPDATE decks SET present = 0 WHERE file = ?');
    // Positional parameters: binding by name costs a first sync of a large collection a tenth more.
    this.upsertNote = db.prepare(
      `INSERT INTO notes (key, deck, id, kind, file, line, ord, content, tags, search_text, present, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET deck = excluded.deck, kind = excluded.kind, file = excluded.file,
         line = excluded.line, ord = excluded.ord, content = excluded.content, tags = excluded.tags,
         search_text = excluded.search_text, present = 1, changed_at = excluded.changed_at`,
    );
    this.noteGone = db.prepare('UPDATE notes SET present = 0 WHERE key = ?');
    this.insertCard = db.prepare('INSERT INTO cards (key, note, deck, template, ord) VALUES (?, ?, ?, ?, ?)');
    this.keepCard = db.prepare('UPDATE cards SET present = 1, ord = @ord, deck = @deck WHERE key = @key');
    this.cardGone = db.prepare('UPDATE cards SET present = 0 WHERE key = ?');
  }

  /**
   * For a large sync: drop the secondary indexes of notes and cards now and build them again in
   * `endBulk` (inside the same transaction), which is several times quicker than keeping them up to
   * date row by row. The index definitions are read back from the schema, so nothing is repeated
   * here. `lookups` keeps the two indexes a sync reads while it writes (notes by file, cards by
   * note); a first sync, which has nothing to look up, drops them too.
   */
  beginBulk({ lookups }: { lookups: boolean }): void {
    const kept = lookups ? "AND name NOT IN ('notes_file', 'cards_note')" : '';
    this.bulkIndexes = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('notes', 'cards') AND sql IS NOT NULL ${kept}`)
      .all() as { name: string; sql: string }[];
    for (const ix of this.bulkIndexes) this.db.exec(`DROP INDEX "${ix.name}"`);
  }

  endBulk(): void {
    for (const ix of this.bulkIndexes) this.db.exec(ix.sql);
    this.bulkIndexes = [];
  }

  /** A deck file that no longer exists. (Its notes leave through a plan.) */
  removeFile(path: string): void {
    this.deleteFile.run(path);
    this.dropDecksOfFile.run(path);
  }

  /** Record a file's fingerprint; with a deck, the deck's own fields too. */
  file(update: FileUpdate): void {
    this.upsertFile.run(update.row);
    const d = update.deck?.header;
    if (!d) return;
    this.dropDecksOfFile.run(update.row.path);
    this.upsertDeck.run(
      d.name,
      d.file,
      d.title === undefined ? null : JSON.stringify(d.title),
      d.description === undefined ? null : JSON.stringify(d.description),
      JSON.stringify(d.tags),
      // The deck's `order:` is kept with its options (one JSON column; no migration for one number).
      JSON.stringify(d.order === undefined ? d.options : { ...d.options, order: d.order }),
    );
  }

  apply(plan: SyncPlan): void {
    // (Writes that would change nothing are left out: planSync marks them `same`.)
    for (const n of plan.notes)
      if (!n.same) this.upsertNote.run(n.key, n.deck, n.id, n.kind, n.file, n.line, n.ord, n.content, n.tags, n.searchText, n.changedAt);
    for (const key of plan.notesGone) this.noteGone.run(key);
    for (const c of plan.cardsAdded) this.insertCard.run(c.key, c.note, c.deck, c.template, c.ord);
    for (const c of plan.cardsKept) if (!c.same) this.keepCard.run({ key: c.key, ord: c.ord, deck: c.deck });
    for (const key of plan.cardsGone) this.cardGone.run(key);
  }
}
