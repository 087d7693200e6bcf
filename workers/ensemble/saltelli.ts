/**
 * The Saltelli design (`"design": "saltelli"`): members laid out so Sobol first-order and total
 * indices can be estimated from them (Saltelli et al. 2010, Table 2: Saltelli's first-order and
 * Jansen's total estimator). With K varying dimensions (inputs of non-zero width, then the
 * placement axes with sd > 0) and N = samples / (K + 2) base points:
 *   members 0…N−1 are A (random points), N…2N−1 are B (independent random points), and block
 *   2 + k is A with dimension k taken from B (A_B^k).
 * Every member is still a draw from the joint input distribution (the inputs are independent),
 * so the ensemble's probabilities and percentiles stay unbiased; they are just not independent.
 */
import { mulberry32 } from './prng.ts';

/** Rows in [0, 1)^dims for `samples` members (a multiple of K + 2: the validator checks). */
export function saltelliRows(samples: number, dims: number, varying: readonly number[], seed: number): number[][] {
  const n = Math.floor(samples / (varying.length + 2));
  const rng = mulberry32(seed);
  const A = Array.from({ length: n }, () => Array.from({ length: dims }, () => rng()));
  const B = Array.from({ length: n }, () => Array.from({ length: dims }, () => rng()));
  const rows = [...A, ...B];
  for (const d of varying)
    for (let j = 0; j < n; j++) {
      const row = [...A[j]];
      row[d] = B[j][d];
      rows.push(row);
    }
  return rows;
}

/**
 * First-order S_k = mean((f_B − f̄) · (f_ABk − f_A)) / V and total ST_k = mean((f_A − f_ABk)²) / (2V),
 * V the variance of f over A and B; base points with a missing value are left out.
 */
export function saltelliIndices(fA: readonly (number | null)[], fB: readonly (number | null)[], fAB: readonly (readonly (number | null)[])[]): { first: number | null; total: number | null; n: number }[] {
  const ok = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const both = [...fA, ...fB].filter(ok);
  const mean = both.reduce((a, b) => a + b, 0) / both.length;
  const variance = both.length > 1 ? both.reduce((a, b) => a + (b - mean) ** 2, 0) / (both.length - 1) : 0;
  return fAB.map((fk) => {
    let first = 0;
    let total = 0;
    let n = 0;
    for (let j = 0; j < fA.length; j++) {
      const a = fA[j];
      const b = fB[j];
      const ab = fk[j];
      if (!ok(a) || !ok(b) || !ok(ab)) continue;
      // Centred on the mean: the estimator is shift-invariant in expectation, but a figure far
      // from zero with little spread (skin at 30 °C) would otherwise swamp it with noise.
      first += (b - mean) * (ab - a);
      total += (a - ab) ** 2;
      n++;
    }
    if (n < 2 || !(variance > 0)) return { first: null, total: null, n };
    return { first: first / n / variance, total: total / (2 * n) / variance, n };
  });
}
