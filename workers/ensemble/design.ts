/**
 * Points in the unit hypercube [0, 1)^dims, one row per member: plain Monte Carlo
 * ('random') or a Latin hypercube ('lhs': each axis cut into n equal strata, every stratum
 * hit exactly once, strata paired at random), which estimates means and shares with less
 * variance than random sampling for the same n. The whole design is drawn from the seed in a
 * fixed order, so every shard of an ensemble computes the same rows. 'sobol' is a digitally
 * shifted Sobol sequence (sobol.ts): lower discrepancy still, best at n a power of two.
 */
import { mulberry32 } from './prng.ts';
import { sobolPoints } from './sobol.ts';

export type DesignKind = 'lhs' | 'random' | 'sobol';
// ('saltelli' lays out blocks of members rather than one point per row: saltelli.ts)

export function unitDesign(n: number, dims: number, kind: DesignKind, seed: number): number[][] {
  if (kind === 'sobol') return sobolPoints(n, dims, seed);
  const rng = mulberry32(seed);
  const rows = Array.from({ length: n }, () => new Array<number>(dims).fill(0));
  for (let d = 0; d < dims; d++) {
    if (kind === 'random') {
      for (let i = 0; i < n; i++) rows[i][d] = rng();
      continue;
    }
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    for (let i = 0; i < n; i++) rows[i][d] = (strata[i] + rng()) / n;
  }
  return rows;
}
