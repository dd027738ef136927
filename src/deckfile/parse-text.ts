/**
 * Choosing the parser for a deck file's text: the fast one when it can be trusted, else the precise.
 */
import { parseDeckFast } from './fast-parse.js';
import { MAX_DECK_BYTES } from './fields.js';
import { parseDeck } from './parse.js';
import type { ValidatedDeck } from './validate.js';

/**
 * Parse a deck file's text. `precise` forces the located parser (lint); otherwise the fast one is
 * tried first and the precise one is used only when the file has errors or anchors.
 */
export function parseDeckText(text: string, file: string, shownAs: string, precise = false): ValidatedDeck {
  if (Buffer.byteLength(text) > MAX_DECK_BYTES) {
    const mb = MAX_DECK_BYTES / 1024 / 1024;
    return {
      deck: null,
      problems: [{ file: shownAs, line: 1, col: 1, severity: 'error', message: `deck file is larger than ${mb} MB; split it into several decks` }],
      related: [],
    };
  }
  return (precise ? null : parseDeckFast(text, file, shownAs)) ?? parseDeck(text, file, shownAs);
}
