/**
 * Anki's cloze syntax as Anki 2.1.56+ reads it (rslib/src/cloze.rs): gaps may nest
 * (`{{c1::outer {{c2::inner}} text}}`) and one gap may belong to several cards (`{{c1,2::text}}`).
 * Our cloze syntax (core/cloze.ts) has flat gaps with one number each, so a note that uses either
 * is split by `flattenAnkiCloze` into notes whose gaps do not overlap, each giving the cards of its
 * numbers exactly as Anki shows them: card cN hides the whole of gap N (inner gaps included) and
 * shows every other gap as its text.
 */

export interface AnkiCloze {
  /** the card numbers of the gap (`c1,2::` → [1, 2]), ascending, no repeats */
  ordinals: number[];
  nodes: AnkiClozeNode[];
  hint?: string;
}

export type AnkiClozeNode = string | AnkiCloze;

const OPEN = /^\{\{c([\d,]+)::/;

/** Rust's parse_text_with_clozes: at most 10 open gaps deep; a stray `}}` is text. */
export function parseAnkiCloze(text: string): AnkiClozeNode[] {
  const open: AnkiCloze[] = [];
  const out: AnkiClozeNode[] = [];
  const push = (node: AnkiClozeNode) => {
    const into = open.length > 0 ? (open[open.length - 1] as AnkiCloze).nodes : out;
    if (typeof node === 'string' && typeof into[into.length - 1] === 'string') into[into.length - 1] += node;
    else into.push(node);
  };
  let i = 0;
  let run = '';
  const flush = () => {
    if (!run) return;
    let t = run;
    run = '';
    const cloze = open[open.length - 1];
    if (cloze) {
      const sep = t.indexOf('::');
      if (sep >= 0) {
        cloze.hint = t.slice(sep + 2);
        t = t.slice(0, sep);
      }
      cloze.nodes.push(t);
    } else push(t);
  };
  while (i < text.length) {
    if (text.startsWith('{{c', i)) {
      const m = OPEN.exec(text.slice(i, i + 64));
      const ordinals = m
        ? [
            ...new Set(
              (m[1] as string)
                .split(',')
                .filter((s) => s !== '')
                .map(Number),
            ),
          ].sort((a, b) => a - b)
        : [];
      if (m && ordinals.length > 0) {
        flush();
        if (open.length < 10) open.push({ ordinals, nodes: [] });
        i += m[0].length;
        continue;
      }
    }
    if (text.startsWith('}}', i)) {
      flush();
      const cloze = open.pop();
      if (cloze) push(cloze);
      else push('}}');
      i += 2;
      continue;
    }
    run += text[i];
    i++;
  }
  flush();
  // An unclosed gap: Anki drops it from the card; here the text stays as it is, for the flat
  // syntax's checks to report where the gap is never closed (nothing of the note is lost).
  if (open.length > 0) return [text];
  return out;
}

/** The text of a gap with every inner gap shown (Anki's clozed_text). */
function clozedText(c: AnkiCloze): string {
  return c.nodes.map((n) => (typeof n === 'string' ? n : clozedText(n))).join('');
}

/** Whether the text uses what our syntax lacks: a gap inside a gap, or a gap of several cards. */
export function needsFlattening(nodes: AnkiClozeNode[], depth = 0): boolean {
  return nodes.some((n) => typeof n !== 'string' && (depth > 0 || n.ordinals.length > 1 || needsFlattening(n.nodes, depth + 1)));
}

/** Pairs of card numbers that cannot share a note: one's gap within (or the same as) the other's. */
function conflicts(nodes: AnkiClozeNode[], outer: number[], out: Set<string>): void {
  for (const n of nodes) {
    if (typeof n === 'string') continue;
    for (const a of n.ordinals) {
      for (const b of [...outer, ...n.ordinals]) if (a !== b) out.add(`${Math.min(a, b)},${Math.max(a, b)}`);
    }
    conflicts(n.nodes, [...outer, ...n.ordinals], out);
  }
}

/** The text for the cards `group`: their gaps kept, flat, every other gap shown as its text. */
function flatText(nodes: AnkiClozeNode[], group: Set<number>): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return n;
      const mine = n.ordinals.find((o) => group.has(o));
      if (mine === undefined) return flatText(n.nodes, group);
      const answer = clozedText(n);
      return `{{c${mine}::${answer}${n.hint !== undefined && n.hint.trim() !== '' ? `::${n.hint}` : ''}}}`;
    })
    .join('');
}

export interface FlatCloze {
  /** the card numbers this text asks, ascending */
  ordinals: number[];
  /** cloze text in our syntax (flat gaps, one number each) */
  text: string;
}

/**
 * The notes a cloze text becomes in our syntax: one when it has neither nested gaps nor gaps of
 * several cards (the text as it is), else the fewest greedy groups of card numbers whose gaps do
 * not overlap, lowest numbers first (the first group holds c1, or the lowest number).
 */
export function flattenAnkiCloze(text: string): FlatCloze[] {
  const nodes = parseAnkiCloze(text);
  const all = new Set<number>();
  const collect = (ns: AnkiClozeNode[]) => {
    for (const n of ns) {
      if (typeof n === 'string') continue;
      for (const o of n.ordinals) all.add(o);
      collect(n.nodes);
    }
  };
  collect(nodes);
  const ordinals = [...all].sort((a, b) => a - b);
  if (!needsFlattening(nodes)) return [{ ordinals, text }];
  const clash = new Set<string>();
  conflicts(nodes, [], clash);
  const groups: number[][] = [];
  for (const o of ordinals) {
    const g = groups.find((members) => members.every((m) => !clash.has(`${Math.min(m, o)},${Math.max(m, o)}`)));
    if (g) g.push(o);
    else groups.push([o]);
  }
  return groups.map((g) => ({ ordinals: g, text: flatText(nodes, new Set(g)) }));
}

/** The text of a cloze with every gap shown (for naming the note). */
export function ankiClozeShown(text: string): string {
  const shown = (ns: AnkiClozeNode[]): string => ns.map((n) => (typeof n === 'string' ? n : shown(n.nodes))).join('');
  return shown(parseAnkiCloze(text));
}
