/**
 * A `--deck` or `--tag` that matches nothing is a mistake to report, not an empty day: a typo in
 * `review --deck llm/trainig` would otherwise read as "All caught up" (issue 13).
 */
import { UserError } from '../errors.js';
import type { CardFilter } from '../store/filter.js';
import type { AppContext } from './context.js';

/** Every deck name and each of its parents (`llm/interview/rag` gives `llm` and `llm/interview` too). */
function deckPrefixes(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('/'));
  }
  return [...out];
}

/** ` (did you mean "x"?)` for the nearest of `candidates` when it is near enough to be the one meant. */
async function suggestion(word: string, candidates: readonly string[]): Promise<string> {
  if (candidates.length === 0) return '';
  const { distance } = await import('fastest-levenshtein');
  const w = word.toLowerCase();
  // Nearest first; of equally near names the one of the same length (`rlfh` is a swapped `rlhf`, not a longer `rl`).
  const scored = candidates.map((c) => ({ c, d: distance(w, c.toLowerCase()), len: Math.abs(c.length - word.length) }));
  scored.sort((a, b) => a.d - b.d || a.len - b.len || (a.c < b.c ? -1 : 1));
  const best = scored[0]!;
  return best.d <= Math.max(2, Math.floor(word.length / 4)) ? ` (did you mean "${best.c}"?)` : '';
}

/**
 * Throws UserError (exit 1) naming the first `--deck` prefix that starts no deck name, or the first
 * `--tag` that no note present in the deck files carries, with the nearest name when one is close:
 * `no deck matches "llm/trainig" (did you mean "llm/training"?)`. The `leech` tag always matches (it
 * is also the mark of cards made leeches by their lapses). Reads only; changes nothing.
 */
export async function requireFilterMatches(ctx: AppContext, filter: CardFilter): Promise<void> {
  const decks = filter.decks ?? [];
  if (decks.length > 0) {
    const names = ctx.store.notes.decks().map((d) => d.name);
    for (const prefix of decks) {
      if (!names.some((n) => n.startsWith(prefix))) throw new UserError(`no deck matches "${prefix}"${await suggestion(prefix, deckPrefixes(names))}`);
    }
  }
  const tags = filter.tags ?? [];
  if (tags.length > 0) {
    const known = ctx.store.notes.tagNames();
    // Tags match regardless of letter case, as the filter's LIKE does.
    const lower = new Set(known.map((t) => t.toLowerCase()));
    for (const tag of tags) {
      if (tag.toLowerCase() !== 'leech' && !lower.has(tag.toLowerCase())) throw new UserError(`no tag matches "${tag}"${await suggestion(tag, known)}`);
    }
  }
}
