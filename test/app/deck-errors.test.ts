import { describe, expect, it } from 'vitest';
import { deckErrorsMarker, deckErrorsNotice, deckErrorWarnings } from '../../src/app/deck-errors.js';

const e = (file: string, line: number, message = 'duplicate id "a" (first at line 2)') => ({ file, line, col: 5, message });

describe('telling the skipped deck files (issue 13)', () => {
  it('says nothing when every file loaded', () => {
    expect(deckErrorsNotice([])).toBeNull();
    expect(deckErrorsMarker([])).toBe('');
    expect(deckErrorWarnings([])).toEqual([]);
  });

  it('names the first problem of one file on one line', () => {
    const errors = [e('decks/x.yaml', 12), e('decks/x.yaml', 20, 'missing definition')];
    expect(deckErrorsNotice(errors)).toBe('1 deck file has errors: decks/x.yaml:12:5 duplicate id "a" (first at line 2) — run llmcards lint');
    expect(deckErrorsMarker(errors)).toBe('!1');
    expect(deckErrorWarnings(errors)).toEqual([
      'warning: decks/x.yaml:12:5: duplicate id "a" (first at line 2) (and 1 more); the file was skipped (see llmcards lint)',
    ]);
  });

  it('counts files, not problems', () => {
    const errors = [e('decks/x.yaml', 12), e('decks/y.yaml', 3), e('decks/y.yaml', 4), e('decks/z.yaml', 1)];
    expect(deckErrorsNotice(errors)).toBe(
      '3 deck files have errors: decks/x.yaml:12:5 duplicate id "a" (first at line 2) (and 2 other files) — run llmcards lint',
    );
    expect(deckErrorsNotice(errors.slice(0, 2))).toMatch(/^2 deck files have errors: .* \(and 1 other file\) — run llmcards lint$/);
    expect(deckErrorsMarker(errors)).toBe('!3');
    expect(deckErrorWarnings(errors)).toHaveLength(3);
  });
});
