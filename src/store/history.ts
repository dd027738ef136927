/**
 * What a replay of the journal reads and writes (SPEC §8): which line ids are known, the journal's
 * suspend/unsuspend/bury/undo lines, a card's answers to recompute, and a stand-in for a card that
 * another machine studied but whose note is in no deck file here.
 */
import type { ActionLine, JournalAction } from '../core/journal.js';
import type { CardKeyParts } from '../core/cards.js';
import { Queries } from './queries.js';

export interface StoredAction {
  uid: string;
  at: Date;
  device: string;
  card: string;
  action: JournalAction;
  answer: string | null;
  until: Date | null;
}

export class HistoryQueries extends Queries {
  /** Of these line ids, those the database has already (answers and other actions): one query for a batch. */
  knownOf(uids: readonly string[]): Set<string> {
    const json = JSON.stringify(uids);
    const rows = this.sql(
      `SELECT uid FROM revlog WHERE uid IN (SELECT value FROM json_each(@json))
       UNION ALL SELECT uid FROM journal_actions WHERE uid IN (SELECT value FROM json_each(@json))`,
    ).all({ json }) as { uid: string }[];
    return new Set(rows.map((r) => r.uid));
  }

  /**
   * For a rebuild's million rows: drop the review log's indexes and the cards' queue indexes now,
   * and build them again with the function returned (in the same transaction), several times
   * quicker than keeping them up to date row by row. Their definitions are read back from the
   * schema. Kept: the partial index of answers without a line (no replayed answer is in it), and
   * the cards' key and note indexes, which the replay reads.
   */
  beginBulkAnswers(): () => void {
    const indexes = this.db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('revlog', 'cards') AND sql IS NOT NULL
         AND name NOT IN ('revlog_unjournaled', 'cards_note')`,
      )
      .all() as { name: string; sql: string }[];
    for (const ix of indexes) this.db.exec(`DROP INDEX "${ix.name}"`);
    return () => {
      for (const ix of indexes) this.db.exec(ix.sql);
    };
  }

  /** Whether the database knows anything from the journal yet (a rebuild when not). */
  isEmpty(): boolean {
    return (
      this.sql('SELECT 1 FROM revlog WHERE uid IS NOT NULL LIMIT 1').get() === undefined &&
      this.sql('SELECT 1 FROM journal_actions LIMIT 1').get() === undefined
    );
  }

  insertAction(l: ActionLine): void {
    this.sql('INSERT OR IGNORE INTO journal_actions (uid, at, device, card, action, answer, until) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      l.id,
      l.at.getTime(),
      l.device,
      l.card,
      l.action,
      l.answer ?? null,
      l.until ? l.until.getTime() : null,
    );
  }

  /** A card's suspend, unsuspend and bury lines, from every device. */
  flagActionsOf(card: string): StoredAction[] {
    const rows = this.sql(`SELECT uid, at, device, card, action, answer, until FROM journal_actions WHERE card = ? AND action <> 'undo' ORDER BY at, uid`).all(
      card,
    ) as {
      uid: string;
      at: number;
      device: string;
      card: string;
      action: JournalAction;
      answer: string | null;
      until: number | null;
    }[];
    return rows.map((r) => ({ ...r, at: new Date(r.at), until: r.until === null ? null : new Date(r.until) }));
  }

  /** Whether an undo line names this answer. */
  isUndone(answerUid: string): boolean {
    return this.sql(`SELECT 1 FROM journal_actions WHERE answer = ? AND action = 'undo'`).get(answerUid) !== undefined;
  }

  /** The card and row of the answer with this line id, if it is recorded. */
  answerByUid(uid: string): { id: number; card: string } | undefined {
    return this.sql('SELECT id, card FROM revlog WHERE uid = ?').get(uid) as { id: number; card: string } | undefined;
  }

  deleteAnswer(id: number): void {
    this.sql('DELETE FROM revlog WHERE id = ?').run(id);
  }

  deleteAnswersOf(card: string): void {
    this.sql('DELETE FROM revlog WHERE card = ?').run(card);
  }

  /**
   * The time of the card's latest answer or flag change (null when it has none): two index seeks
   * (`revlog_card` and `journal_actions_card` are on (card, at)), no sort.
   */
  lastEventAt(card: string): number | null {
    const a = (this.sql('SELECT max(at) AS at FROM revlog WHERE card = ?').get(card) as { at: number | null }).at;
    const b = (this.sql(`SELECT max(at) AS at FROM journal_actions WHERE card = ? AND action <> 'undo'`).get(card) as { at: number | null }).at;
    return a === null ? b : b === null ? a : Math.max(a, b);
  }

  /**
   * `lastEventAt` for a batch of cards, by card (cards with no event are left out): the same index
   * seeks, two queries for the batch.
   */
  lastEventsAt(cards: readonly string[]): Map<string, number> {
    const json = JSON.stringify(cards);
    const out = new Map<string, number>();
    const answers = this.sql('SELECT card, max(at) AS at FROM revlog WHERE card IN (SELECT value FROM json_each(?)) GROUP BY card').all(json) as {
      card: string;
      at: number;
    }[];
    for (const r of answers) out.set(r.card, r.at);
    const actions = this.sql(
      `SELECT card, max(at) AS at FROM journal_actions WHERE card IN (SELECT value FROM json_each(?)) AND action <> 'undo' GROUP BY card`,
    ).all(json) as { card: string; at: number }[];
    for (const r of actions) out.set(r.card, Math.max(out.get(r.card) ?? r.at, r.at));
    return out;
  }

  /** Of these answers' line ids, those an undo line names: one query for a batch. */
  undoneOf(answerUids: readonly string[]): Set<string> {
    const rows = this.sql(`SELECT answer FROM journal_actions WHERE answer IN (SELECT value FROM json_each(?)) AND action = 'undo'`)
      .pluck()
      .all(JSON.stringify(answerUids)) as string[];
    return new Set(rows);
  }

  /**
   * Make sure a card row exists for `key`: a card studied elsewhere whose note is in no deck file
   * here gets a note and card that are not present (`parts`: the key's parts, null when it is not a card key) (out of the queues, keeping their history),
   * which a sync fills in when the note appears. Returns false when there is no card.
   */
  ensureCard(key: string, parts: CardKeyParts | null, now: Date): boolean {
    if (this.sql('SELECT 1 FROM cards WHERE key = ?').get(key)) return true;
    if (!parts) return false;
    const note = `${parts.deck}/${parts.note}`;
    const kind = /^c\d+$/.test(parts.template) ? 'cloze' : 'question';
    // A note of the kind with empty text (not '{}', which `show` and every other reader of a note's
    // fields could not use): the card's history and state are shown, its text is not known here.
    const common = { id: parts.note, tags: [], answers: [], keypoints: [], related: [], distractors: [] };
    const content = JSON.stringify(
      kind === 'cloze' ? { ...common, kind, cloze: '' } : { ...common, kind, front: '', back: '', reverse: parts.template === 'reverse' },
    );
    this.sql(
      `INSERT OR IGNORE INTO notes (key, deck, id, kind, file, line, ord, content, tags, search_text, present, changed_at)
       VALUES (?, ?, ?, ?, '', 0, 0, ?, ' ', '', 0, ?)`,
    ).run(note, parts.deck, parts.note, kind, content, now.getTime());
    this.sql('INSERT INTO cards (key, note, deck, template, ord, present) VALUES (?, ?, ?, ?, 2147483647, 0)').run(key, note, parts.deck, parts.template);
    return true;
  }

  /** Answers recorded before the journal existed, oldest first, `limit` at a time. */
  unjournaled(limit: number): { id: number; at: number; card: string; rating: string; source: string; duration_ms: number | null }[] {
    return this.sql('SELECT id, at, card, rating, source, duration_ms FROM revlog WHERE uid IS NULL ORDER BY at, id LIMIT ?').all(limit) as {
      id: number;
      at: number;
      card: string;
      rating: string;
      source: string;
      duration_ms: number | null;
    }[];
  }

  setLine(id: number, uid: string, device: string, origin: string): void {
    this.sql('UPDATE revlog SET uid = ?, device = ?, origin = ? WHERE id = ?').run(uid, device, origin, id);
  }

  /** Cards suspended now, and leeches the rule would suspend that are not (unsuspended by hand). */
  flaggedCards(): { key: string; suspended: number; leech: number }[] {
    return this.sql('SELECT key, suspended, leech FROM cards WHERE suspended = 1 OR leech = 1').all() as { key: string; suspended: number; leech: number }[];
  }

  /** The highest sequence number of this device's own lines in the database. */
  maxSeqOf(device: string): number {
    const prefix = `${device}:`;
    const rows = this.sql(
      `SELECT uid FROM revlog WHERE device = @device AND substr(uid, 1, length(@prefix)) = @prefix
       UNION ALL SELECT uid FROM journal_actions WHERE device = @device AND substr(uid, 1, length(@prefix)) = @prefix`,
    ).all({ device, prefix }) as { uid: string }[];
    let max = 0;
    for (const r of rows) {
      const n = Number(r.uid.slice(prefix.length));
      if (Number.isSafeInteger(n) && n > max) max = n;
    }
    return max;
  }

  /** Answers per device (for stats). */
  answersByDevice(): { device: string; reviews: number }[] {
    return this.sql(`SELECT coalesce(device, '') AS device, count(*) AS reviews FROM revlog GROUP BY device ORDER BY device`).all() as {
      device: string;
      reviews: number;
    }[];
  }
}
