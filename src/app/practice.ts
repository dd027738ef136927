/**
 * What `review --practice` goes through: the cards already studied (the session puts the weakest
 * first); when the selection holds none yet (a tag of only new cards), its new cards in the order
 * they are introduced, so that practice previews them instead of saying "All caught up" (issue 13).
 */
import type { StoredCard } from '../store/cards.js';
import type { CardFilter } from '../store/filter.js';
import type { AppContext } from './context.js';

export function practiceCards(ctx: AppContext, filter: CardFilter | undefined): StoredCard[] {
  const studied = ctx.store.cards.reviewed(filter);
  return studied.length > 0 ? studied : ctx.store.cards.unstudied(filter);
}
