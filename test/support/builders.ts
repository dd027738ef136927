/**
 * Builders for deck text: small decks written the way people write them.
 */

export interface GlossaryItem {
  id?: string;
  term: string;
  definition: string;
  extra?: string;
}

/** A deck file with glossary notes `id: n1`… unless given. */
export function glossaryDeck(items: readonly GlossaryItem[] | number, header = ''): string {
  const list: readonly GlossaryItem[] =
    typeof items === 'number'
      ? Array.from({ length: items }, (_, i) => ({ id: `n${i + 1}`, term: `Term ${i + 1}`, definition: `Definition ${i + 1}` }))
      : items;
  const notes = list.map((n) => {
    const id = n.id === undefined ? '' : `  - id: ${n.id}\n`;
    const first = id ? '    ' : '  - ';
    return `${id}${first}term: ${JSON.stringify(n.term)}\n    definition: ${JSON.stringify(n.definition)}\n${n.extra ?? ''}`;
  });
  return `${header}cards:\n${notes.join('')}`;
}

/** A deck of question notes with one card each (no reverse): n of them. */
export function questionDeck(n: number, prefix = 'q'): string {
  const notes = Array.from({ length: n }, (_, i) => `  - id: ${prefix}${i + 1}\n    front: "Question ${i + 1}?"\n    back: "Answer ${i + 1}"\n`);
  return `cards:\n${notes.join('')}`;
}

/** Two question cards, alpha and beta: the review tests' smallest deck. */
export const GREEK_DECK = `cards:
  - id: alpha
    front: What is the first letter?
    back: Alpha
  - id: beta
    front: What is the second letter?
    back: Beta
`;
