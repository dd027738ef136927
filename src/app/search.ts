/**
 * `search QUERY`: cards whose note text contains every word of the query, after folding case and
 * width (SPEC §4). An empty query lists every card of the notes present in the deck files.
 */
import { foldText } from '../core/fold.js';
import type { Lang } from '../core/text.js';
import { UserError } from '../errors.js';
import type { CardFilter } from '../store/filter.js';
import { cardText, iso } from './card-view.js';
import type { AppContext } from './context.js';
import { MAX_QUERY_LENGTH } from './resolve.js';

const MAX_WORDS = 64;

export interface SearchHit {
  card: string;
  deck: string;
  front: string;
  back: string;
  state: string;
  due: string | null;
  suspended: boolean;
}

export interface SearchResult {
  cards: SearchHit[];
}

export function searchCards(ctx: AppContext, query: string, lang: Lang, filter?: CardFilter, limit = Number.MAX_SAFE_INTEGER): SearchResult {
  if (query.length > MAX_QUERY_LENGTH) throw new UserError(`the search is ${query.length} characters long; give at most ${MAX_QUERY_LENGTH}`);
  const words = [...new Set(foldText(query).split(' ').filter(Boolean))];
  if (words.length > MAX_WORDS) throw new UserError(`the search has ${words.length} different words; give at most ${MAX_WORDS}`);
  const hits = ctx.store.notes.searchCards(words, filter, limit);
  const notes = ctx.store.notes.getMany([...new Set(hits.map((h) => h.note))]);
  const cards: SearchHit[] = [];
  for (const h of hits) {
    const note = notes.get(h.note);
    if (!note) continue;
    const text = cardText(note, h.template, lang);
    cards.push({
      card: h.card,
      deck: h.deck,
      front: text.front,
      back: text.back,
      state: h.state,
      due: iso(h.due === null ? null : new Date(h.due)),
      suspended: h.suspended === 1,
    });
  }
  return { cards };
}
