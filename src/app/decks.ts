/**
 * `decks`: each deck with its size and what is due today (SPEC §4).
 */
import { pickLang, type Lang } from '../core/text.js';
import type { AppContext } from './context.js';
import { dayQueue } from './due.js';

export interface DeckRow {
  deck: string;
  title: string | null;
  file: string;
  notes: number;
  cards: number;
  new: number;
  learning: number;
  review: number;
  suspended: number;
}

export function listDecks(ctx: AppContext, lang: Lang, decks?: readonly string[]): { decks: DeckRow[] } {
  const totals = new Map(ctx.store.cards.deckTotals().map((t) => [t.deck, t]));
  const queue = new Map(dayQueue(ctx, ctx.now, { filter: decks?.length ? { decks } : undefined }).decks.map((d) => [d.deck, d.counts]));
  const rows: DeckRow[] = [];
  for (const d of ctx.store.notes.decks()) {
    const counts = queue.get(d.name);
    if (!counts) continue;
    const t = totals.get(d.name);
    rows.push({
      deck: d.name,
      title: d.title === null ? null : pickLang(d.title, lang),
      file: d.file,
      notes: t?.notes ?? 0,
      cards: t?.cards ?? 0,
      new: counts.new,
      learning: counts.learning,
      review: counts.review,
      suspended: t?.suspended ?? 0,
    });
  }
  return { decks: rows };
}
