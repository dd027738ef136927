import { FSRSAlgorithm, generatorParameters, get_fuzz_range } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { aleaFirst } from '../../src/core/fuzz-factor.js';

/**
 * ts-fsrs does not export its generator, but apply_fuzz is public: for a seed and an interval it
 * gives floor(alea(seed)() × (max − min + 1) + min). Many intervals pin the drawn number down.
 */
describe('aleaFirst draws the number ts-fsrs draws to fuzz an interval', () => {
  const algorithm = new FSRSAlgorithm(generatorParameters({ enable_fuzz: true, maximum_interval: 36500 }));
  const theirs = (seed: string, ivl: number, elapsed: number) => {
    algorithm.seed = seed;
    return algorithm.apply_fuzz(ivl, elapsed);
  };
  const ours = (seed: string, ivl: number, elapsed: number) => {
    const { min_ivl, max_ivl } = get_fuzz_range(ivl, elapsed, 36500);
    return Math.floor(aleaFirst(seed) * (max_ivl - min_ivl + 1) + min_ivl);
  };

  it('on the seeds an answer makes (time, reps, difficulty × stability), over intervals of 3 days to 100 years', () => {
    let compared = 0;
    for (let i = 0; i < 4000; i++) {
      // The seed's form: `${time}_${reps}_${difficulty * stability}`, with a stability of 0 for a new card.
      const d = 1 + ((i * 7919) % 900) / 100;
      const s = i % 9 === 0 ? 0 : ((i * 104729) % 100_000) / 37;
      const seed = `${1_700_000_000_000 + i * 86_400_123}_${(i % 40) + 1}_${d * s}`;
      for (const ivl of [3, 7, 20, 45, 180, 1000, 36500]) {
        const elapsed = i % 5 === 0 ? ivl + 3 : Math.floor(ivl / 2);
        if (ours(seed, ivl, elapsed) !== theirs(seed, ivl, elapsed))
          expect({ seed, ivl, elapsed, got: ours(seed, ivl, elapsed) }).toEqual({ seed, ivl, elapsed, got: theirs(seed, ivl, elapsed) });
        compared++;
      }
    }
    expect(compared).toBe(28_000);
  });

  it('on odd seeds: empty, one character, non-ASCII, long', () => {
    for (const seed of ['', ' ', '0', '_', 'é', '中文', 'x'.repeat(5000), '1e+21_1_NaN', '-1_0_-0']) {
      for (const ivl of [3, 50, 36500]) expect(ours(seed, ivl, 0)).toBe(theirs(seed, ivl, 0));
    }
  });

  it('is a number in [0, 1)', () => {
    for (let i = 0; i < 1000; i++) {
      const x = aleaFirst(`seed ${i}`);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
