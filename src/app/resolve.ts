/**
 * Turning what a user typed into card keys (SPEC §3): a full card key, a note key where that is
 * unambiguous, or a unique suffix such as `rlhf:reverse`.
 */
import { UserError } from '../errors.js';
import type { AppContext } from './context.js';

export interface ResolveOptions {
  /** a note key may stand for all of its cards (suspend, bury) */
  wholeNote?: boolean;
}

/** The card keys `ref` names. Throws UserError when it names none, or several when one is needed. */
/** Longer card references and search queries than this are refused (no key or text search needs them). */
export const MAX_QUERY_LENGTH = 1000;

export function resolveCards(ctx: AppContext, ref: string, opts: ResolveOptions = {}): string[] {
  // Keys are stored composed (NFC): "café" typed with a combining accent finds the card too.
  const trimmed = ref.trim().normalize('NFC');
  if (!trimmed) throw new UserError('no card given: name one by its key, e.g. llm/training/rlhf:forward');
  // No key is this long; SQLite refuses LIKE patterns past 50,000 bytes ("pattern too complex").
  if (trimmed.length > MAX_QUERY_LENGTH) throw new UserError(`unknown card "${trimmed.slice(0, 40)}…": a card key is never ${trimmed.length} characters long`);
  const matches = ctx.store.cards.resolve(trimmed);
  if (matches.length === 0) {
    throw new UserError(`unknown card "${trimmed}" (find keys with: llmcards search ${JSON.stringify(trimmed.split(/[/:]/).pop() ?? trimmed)})`);
  }
  if (matches.length === 1) return [matches[0]!.key];
  const notes = new Set(matches.map((m) => m.key.slice(0, m.key.lastIndexOf(':'))));
  if (opts.wholeNote && notes.size === 1) return matches.map((m) => m.key);
  const shown = matches
    .slice(0, 4)
    .map((m) => m.key)
    .join(', ');
  const more = matches.length > 4 ? ` and ${matches.length - 4} more` : '';
  throw new UserError(`ambiguous card "${trimmed}": it matches ${shown}${more}`);
}

/** The one card `ref` names. */
export function resolveCard(ctx: AppContext, ref: string): string {
  return resolveCards(ctx, ref)[0]!;
}
