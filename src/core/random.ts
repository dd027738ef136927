/**
 * The program's only source of randomness: a seeded generator (mulberry32), so the same seed gives
 * the same quiz. Seeds come from --seed, or from the entry point when none is given.
 */
export interface Rng {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [0, n) */
  int(n: number): number;
  /** a shuffled copy */
  shuffle<T>(items: readonly T[]): T[];
  /** `k` distinct items, in random order */
  sample<T>(items: readonly T[], k: number): T[];
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    next,
    int,
    shuffle,
    sample: (items, k) => shuffle(items).slice(0, Math.max(0, k)),
    pick: (items) => items[int(items.length)]!,
  };
}

/**
 * A card's place in a seeded shuffle: a number in [0, 1) from the seed and the key alone (FNV-1a,
 * then mulberry32's mix), so that the same seed orders the same cards the same way whatever else
 * the collection holds, and a card added later falls somewhere among them.
 */
export function seededRank(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), 1 | t);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
