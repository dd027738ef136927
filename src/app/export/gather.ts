/**
 * What an export contains: the decks and notes chosen by `--deck` and `--tag`, read from the deck
 * files exactly as written (their own tags, their order), with what the database knows of each note
 * (when it last changed) and, for `--with-state`, each card's scheduling state and history.
 */
import { templatesOf, cardKey } from '../../core/cards.js';
import { effectiveTags, noteKey, type Deck, type Note } from '../../core/notes.js';
import { listDeckFiles, readDeckText } from '../../deckfile/load.js';
import { parseDeckText } from '../../deckfile/parse-text.js';
import { UserError } from '../../errors.js';
import type { StoredCard } from '../../store/cards.js';
import type { ReviewEntry } from '../../store/revlog.js';
import type { AppContext } from '../context.js';

export interface ExportFilter {
  /** deck name prefixes (none: every deck) */
  decks: readonly string[];
  /** tags; a note is kept when it has any of them (none: every note) */
  tags: readonly string[];
}

export interface ExportCard {
  key: string;
  template: string;
  /** present with --with-state */
  state?: StoredCard;
  history?: ReviewEntry[];
}

export interface ExportNote {
  key: string;
  note: Note;
  /** when the note's text last changed (null when the database has not seen it) */
  changedAt: Date | null;
  cards: ExportCard[];
}

export interface ExportDeck {
  deck: Deck;
  notes: ExportNote[];
}

export interface GatherOptions extends ExportFilter {
  withState: boolean;
}

/**
 * The decks to export, by name, each with its notes in file order. Invalid deck files are left out
 * (the implicit sync has already warned about them). Throws UserError when `--deck` matches no deck.
 */
export function gatherExport(ctx: AppContext, opts: GatherOptions): ExportDeck[] {
  const decks: Deck[] = [];
  for (const f of listDeckFiles(ctx.decksDir)) {
    let text: string;
    try {
      text = readDeckText(f.abs);
    } catch {
      continue;
    }
    const parsed = parseDeckText(text, f.file, f.file);
    if (!parsed.deck || parsed.problems.some((p) => p.severity === 'error')) continue;
    decks.push(parsed.deck);
  }
  const chosen = decks
    .filter((d) => opts.decks.length === 0 || opts.decks.some((p) => d.name.startsWith(p)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (opts.decks.length > 0 && chosen.length === 0) {
    throw new UserError(`no deck matches --deck ${opts.decks.map((d) => `"${d}"`).join(', ')} (see llmcards decks)`);
  }
  const out: ExportDeck[] = [];
  for (const deck of chosen) {
    const notes = deck.notes.filter((n) => opts.tags.length === 0 || effectiveTags(deck, n).some((t) => opts.tags.includes(t)));
    if (notes.length === 0 && opts.tags.length > 0) continue;
    const keys = notes.map((n) => noteKey(deck.name, n.id));
    const stored = ctx.store.notes.getMany(keys);
    out.push({
      deck,
      notes: notes.map((note, i) => {
        const key = keys[i] as string;
        const cards = templatesOf(note).map((template): ExportCard => {
          const ck = cardKey(deck.name, note.id, template);
          if (!opts.withState) return { key: ck, template };
          const state = ctx.store.cards.get(ck);
          return { key: ck, template, ...(state ? { state, history: ctx.store.revlog.history(ck) } : {}) };
        });
        return { key, note, changedAt: stored.get(key)?.changedAt ?? null, cards };
      }),
    });
  }
  return out;
}

/** Notes and cards in an export, for the report. */
export function exportCounts(decks: readonly ExportDeck[]): { decks: number; notes: number; cards: number } {
  return {
    decks: decks.length,
    notes: decks.reduce((n, d) => n + d.notes.length, 0),
    cards: decks.reduce((n, d) => n + d.notes.reduce((m, x) => m + x.cards.length, 0), 0),
  };
}
