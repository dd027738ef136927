/**
 * Notes' current text (as last synced), for showing cards, search and export; and decks.
 */
import type { Note } from '../core/notes.js';
import type { Localized } from '../core/text.js';
import { Queries } from './queries.js';
import { likeEscape, type CardFilter, filterSql } from './filter.js';

export interface StoredNote {
  key: string;
  deck: string;
  file: string;
  line: number;
  present: boolean;
  changedAt: Date;
  /** the note's fields; `tags` are the effective tags (deck's and note's) */
  note: Note;
}

interface NoteRow {
  key: string;
  deck: string;
  file: string;
  line: number;
  present: number;
  changed_at: number;
  content: string;
}

function noteFromRow(r: NoteRow): StoredNote {
  const parsed = JSON.parse(r.content) as Omit<Note, 'line' | 'idGiven'> | Record<string, never>;
  // '{}': the stand-in an older version wrote for a card studied elsewhere whose note is in no deck
  // file here (store/history.ts ensureCard): read as a question with no text, as it now writes them.
  const fields =
    'kind' in parsed
      ? parsed
      : ({
          id: r.key.slice(r.deck.length + 1),
          kind: 'question',
          front: '',
          back: '',
          reverse: false,
          tags: [],
          answers: [],
          keypoints: [],
          related: [],
          distractors: [],
        } as const);
  return {
    key: r.key,
    deck: r.deck,
    file: r.file,
    line: r.line,
    present: r.present === 1,
    changedAt: new Date(r.changed_at),
    note: { ...fields, line: r.line, idGiven: true } as Note,
  };
}

export interface SearchRow {
  card: string;
  note: string;
  deck: string;
  template: string;
  state: string;
  due: number | null;
  suspended: number;
}

export interface StoredDeck {
  name: string;
  file: string;
  title: Localized | null;
  description: Localized | null;
  tags: string[];
  options: { new_per_day?: number; reviews_per_day?: number };
  /** its place in the new-card order (`order:` in the deck file), or null */
  order: number | null;
}

/** The options column: the deck's limits, and its `order:` kept beside them. */
function deckOptions(json: string): { options: StoredDeck['options']; order: number | null } {
  const { order, ...options } = JSON.parse(json) as StoredDeck['options'] & { order?: number };
  return { options, order: typeof order === 'number' ? order : null };
}

export class NoteQueries extends Queries {
  get(key: string): StoredNote | undefined {
    const row = this.sql('SELECT key, deck, file, line, present, changed_at, content FROM notes WHERE key = ?').get(key) as NoteRow | undefined;
    return row && noteFromRow(row);
  }

  /** Several notes at once, by key. */
  getMany(keys: readonly string[]): Map<string, StoredNote> {
    const rows = this.sql('SELECT key, deck, file, line, present, changed_at, content FROM notes WHERE key IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(keys),
    ) as NoteRow[];
    return new Map(rows.map((r) => [r.key, noteFromRow(r)]));
  }

  /**
   * Cards (of notes present in deck files) whose note text contains every word of the folded
   * query, in deck and file order; an empty query lists them all.
   */
  searchCards(words: readonly string[], filter: CardFilter | undefined, limit: number): SearchRow[] {
    const f = filterSql(filter);
    const conditions = words.map(() => ` AND n.search_text LIKE ? ESCAPE '\\'`).join('');
    return this.sql(
      `SELECT c.key AS card, c.note AS note, c.deck AS deck, c.template AS template, c.state AS state,
                c.due AS due, c.suspended AS suspended
         FROM cards c JOIN notes n ON n.key = c.note
         WHERE c.present = 1 AND n.present = 1${conditions}${f.sql}
         ORDER BY c.deck, c.ord LIMIT ?`,
    ).all(...words.map((w) => `%${likeEscape(w)}%`), ...f.params, limit) as SearchRow[];
  }

  /** Every note present in the deck files, in key order, narrowed by deck prefixes and tags. */
  present(decks: readonly string[], tags: readonly string[]): StoredNote[] {
    const where: string[] = ['present = 1'];
    const params: unknown[] = [];
    if (decks.length) {
      where.push(`(${decks.map(() => 'substr(deck, 1, ?) = ?').join(' OR ')})`);
      for (const d of decks) params.push([...d].length, d);
    }
    if (tags.length) {
      where.push(`(${tags.map(() => `tags LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      for (const t of tags) params.push(`% ${likeEscape(t)} %`);
    }
    const rows = this.sql(`SELECT key, deck, file, line, present, changed_at, content FROM notes WHERE ${where.join(' AND ')} ORDER BY key`).all(
      ...params,
    ) as NoteRow[];
    return rows.map(noteFromRow);
  }

  /** Date a note's text as no later than `at` (its text arrived with history from an import). */
  markUnchangedSince(key: string, at: Date): void {
    this.sql('UPDATE notes SET changed_at = min(changed_at, ?) WHERE key = ?').run(at.getTime(), key);
  }

  /** The tags of the notes present in deck files (deck tags included), each once, sorted. */
  tagNames(): string[] {
    const rows = this.sql('SELECT DISTINCT tags FROM notes WHERE present = 1').all() as { tags: string }[];
    const names = new Set<string>();
    for (const r of rows) for (const t of r.tags.split(' ')) if (t) names.add(t);
    return [...names].sort();
  }

  /** Decks present in deck files, by name. */
  decks(): StoredDeck[] {
    const rows = this.sql('SELECT name, file, title, description, tags, options FROM decks WHERE present = 1 ORDER BY name').all() as {
      name: string;
      file: string;
      title: string | null;
      description: string | null;
      tags: string;
      options: string;
    }[];
    return rows.map((r) => ({
      name: r.name,
      file: r.file,
      title: r.title === null ? null : (JSON.parse(r.title) as Localized),
      description: r.description === null ? null : (JSON.parse(r.description) as Localized),
      tags: JSON.parse(r.tags) as string[],
      ...deckOptions(r.options),
    }));
  }
}
