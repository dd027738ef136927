/**
 * The number ts-fsrs draws to fuzz an interval: the first output of Alea (Johannes Baagøe's
 * generator) seeded with the answer's seed string. ts-fsrs builds a whole generator for each interval
 * it fuzzes (three to a review answer), and the generator's hash keeps its state in a closure
 * variable, a boxed double written on every character: 3.5 µs a generator, 5 s of a rebuild's 55 s
 * from a million journal lines. The first output depends only on the hash after three spaces and one
 * pass over the seed, so that is all that is computed here, with the state in a local. The
 * arithmetic is the algorithm's own, operation for operation (test/core/fuzz-factor.test.ts holds it
 * to ts-fsrs's scheduler on thousands of seeds).
 */

/** 2^-32 */
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;
/** The hash's starting state. */
const MASH_START = 4022871197;

/** One character into the hash's state. */
function mix(n: number, code: number): number {
  let m = n + code;
  let h = 0.02519603282416938 * m;
  m = h >>> 0;
  h -= m;
  h *= m;
  m = h >>> 0;
  h -= m;
  return m + h * 4294967296;
}

/** The first number in [0, 1) of Alea seeded with `seed`: what `alea(seed)()` returns. */
export function aleaFirst(seed: string): number {
  // The generator's first word is the hash of " " less the hash of the seed, taken into [0, 1). Two
  // more " " are hashed between them (the other two words' starts, which the first output never uses).
  let n = mix(MASH_START, 32);
  let s0 = (n >>> 0) * TWO_TO_MINUS_32;
  n = mix(mix(n, 32), 32);
  for (let i = 0; i < seed.length; i++) n = mix(n, seed.charCodeAt(i));
  s0 -= (n >>> 0) * TWO_TO_MINUS_32;
  if (s0 < 0) s0 += 1;
  // next(): t = 2091639 s0 + c 2^-32 with c = 1 at the start; the output is t's fraction.
  const t = 2091639 * s0 + TWO_TO_MINUS_32;
  return t - (t | 0);
}
