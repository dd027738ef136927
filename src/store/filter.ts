/**
 * The common filters of SPEC §4 (`--deck` prefix, `--tag`) as an SQL condition on `cards c`.
 */

export interface CardFilter {
  /** deck name prefixes: `llm` matches `llm/training` (any of them) */
  decks?: readonly string[];
  /** tags (any of them) */
  tags?: readonly string[];
  /** templates such as `forward`, `reverse` (any of them) */
  templates?: readonly string[];
}

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** Escape `%`, `_` and `\` for a LIKE pattern with ESCAPE '\'. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** ` AND …` conditions on `c` (cards) for the filter; empty when the filter is empty. */
export function filterSql(filter: CardFilter | undefined): SqlPart {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter?.decks?.length) {
    // substr rather than LIKE: deck names are case-sensitive.
    parts.push(`(${filter.decks.map(() => 'substr(c.deck, 1, ?) = ?').join(' OR ')})`);
    for (const d of filter.decks) params.push([...d].length, d);
  }
  if (filter?.tags?.length) {
    // `leech` is also the tag of cards made leeches by their lapses (a flag on the card).
    const leech = filter.tags.some((t) => t.toLowerCase() === 'leech') ? 'c.leech = 1 OR ' : '';
    parts.push(`(${leech}c.note IN (SELECT key FROM notes WHERE ${filter.tags.map(() => `tags LIKE ? ESCAPE '\\'`).join(' OR ')}))`);
    for (const t of filter.tags) params.push(`% ${likeEscape(t)} %`);
  }
  if (filter?.templates?.length) {
    parts.push(`c.template IN (${filter.templates.map(() => '?').join(', ')})`);
    params.push(...filter.templates);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

/** Whether a deck name passes the filter's deck prefixes. */
export function deckMatches(deck: string, filter: CardFilter | undefined): boolean {
  return !filter?.decks?.length || filter.decks.some((d) => deck.startsWith(d));
}
