/**
 * A Sobol low-discrepancy sequence in up to 57 dimensions (SOBOL_MAX_DIMS, scenarios/uncertainty-design.ts), 32-bit, with Joe and
 * Kuo's direction numbers (2008, file `new-joe-kuo-6.21201`, S. Joe & F. Y. Kuo, "Constructing
 * Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30:2635–2654).
 * A data table, not a dependency. The points are scrambled the way SciPy's `scramble=True` is (its random numbers differ):
 * a random linear matrix scramble (Matoušek 1998: each dimension's digits mixed by a seeded
 * lower-triangular binary matrix with unit diagonal) and a random digital shift. Both keep every
 * net property (each dimension of the first 2^k points still hits each of 2^k strata once) and
 * give the seed a meaning, as for the other designs. They cannot undo a poor two-dimensional
 * projection: at small n some pairs of dimensions stay strongly correlated (dimensions 1 and 12:
 * |r| ≈ 0.7 at n = 16 and 32, < 0.01 at n = 64), which would make rank sensitivity confuse the
 * two inputs; hence the advice to use Sobol with n ≥ 64 (docs/method.md §5a).
 */
import { mulberry32 } from './prng.ts';

/** Dimensions 2…57, one row each as `s a m_1 … m_s`; dimension 1 is van der Corput. */
const JOE_KUO =
  '1 0 1|2 1 1 3|3 1 1 3 1|3 2 1 1 1|4 1 1 1 3 3|4 4 1 3 5 13|5 2 1 1 5 5 17|5 4 1 1 5 5 5|5 7 1 1 7 11 19|5 11 1 1 5 1 1|' +
  '5 13 1 1 1 3 11|5 14 1 3 5 5 31|6 1 1 3 3 9 7 49|6 13 1 1 1 15 21 21|6 16 1 3 1 13 27 49|6 19 1 1 1 15 7 5|6 22 1 3 1 15 13 25|' +
  '6 25 1 1 5 5 19 61|7 1 1 3 7 11 23 15 103|7 4 1 3 7 13 13 15 69|7 7 1 1 3 13 7 35 63|7 8 1 3 5 9 1 25 53|7 14 1 3 1 13 9 35 107|' +
  '7 19 1 3 1 5 27 61 31|7 21 1 1 5 11 19 41 61|7 28 1 3 5 3 3 13 69|7 31 1 1 7 13 1 19 1|7 32 1 3 7 5 13 19 59|7 37 1 1 3 9 25 29 41|' +
  '7 41 1 3 5 13 23 1 55|7 42 1 3 7 3 13 59 17|7 50 1 3 1 3 5 53 69|7 55 1 1 5 5 23 33 13|7 56 1 1 7 7 1 61 123|7 59 1 1 7 9 13 61 49|' +
  '7 62 1 3 3 5 3 55 33|8 14 1 3 1 15 31 13 49 245|8 21 1 3 5 15 31 59 63 97|8 22 1 3 1 11 11 11 77 249|8 38 1 3 1 11 27 43 71 9|' +
  '8 47 1 1 7 15 21 11 81 45|8 49 1 3 7 3 25 31 65 79|8 50 1 3 1 1 19 11 3 205|8 52 1 1 5 9 19 21 29 157|8 56 1 3 7 11 1 33 89 185|' +
  '8 67 1 3 3 3 15 9 79 71|8 70 1 3 7 11 15 39 119 27|8 84 1 1 3 1 11 31 97 225|8 97 1 1 1 3 23 43 57 177|8 103 1 3 7 7 17 17 37 71|' +
  '8 115 1 3 1 5 27 63 123 213|8 122 1 1 3 5 11 43 53 133|9 8 1 3 5 5 29 17 47 173 479|9 13 1 3 3 11 3 1 109 9 69|' +
  '9 16 1 1 1 5 17 39 23 5 343|9 22 1 3 1 5 25 15 31 103 499';

const BITS = 32;
const ROWS = JOE_KUO.split('|').map((row) => row.split(' ').map(Number));

/** Direction numbers v[k] (k = 0…31, already shifted to 32-bit fractions) of dimension d (0-based). */
function directions(d: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (d === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  const [s, a, ...m] = ROWS[d - 1];
  for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k] * 2 ** (BITS - 1 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    let x = (v[k - s] ^ (v[k - s] >>> s)) >>> 0;
    for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) x = (x ^ v[k - j]) >>> 0;
    v[k] = x;
  }
  return v;
}

/** Parity of the set bits of a 32-bit word. */
function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/** Digits (most significant first) of every direction number mixed by one random lower-triangular matrix. */
function scrambled(v: Uint32Array, rng: () => number): Uint32Array {
  // Row i of L: unit diagonal, random bits for the more significant digits j < i.
  const rows = Array.from({ length: BITS }, (_, i) => {
    const above = i === 0 ? 0 : (Math.floor(rng() * 2 ** BITS) >>> (BITS - i)) << (BITS - i);
    return (above | (2 ** (BITS - 1 - i))) >>> 0;
  });
  return v.map((vk) => {
    let out = 0;
    for (let i = 0; i < BITS; i++) if (parity((rows[i] & vk) >>> 0)) out = (out | (2 ** (BITS - 1 - i))) >>> 0;
    return out;
  });
}

/**
 * The first n points of the scrambled sequence, one row per point, in [0, 1).
 * scramble = false gives the plain sequence (point 0 is the origin).
 */
export function sobolPoints(n: number, dims: number, seed: number, scramble = true): number[][] {
  // The table's own size: tests/ensemble/sobol.test.ts checks it against SOBOL_MAX_DIMS.
  if (dims > ROWS.length + 1) throw new RangeError(`a Sobol design has at most ${ROWS.length + 1} dimensions, asked for ${dims}`);
  const rng = mulberry32(seed);
  const v = Array.from({ length: dims }, (_, d) => (scramble ? scrambled(directions(d), rng) : directions(d)));
  const shifts = Array.from({ length: dims }, () => (scramble ? Math.floor(rng() * 2 ** BITS) >>> 0 : 0));
  const rows: number[][] = [];
  // Gray-code order (Antonov–Saleev): point i+1 differs from point i by one direction number.
  const x = new Uint32Array(dims);
  for (let i = 0; i < n; i++) {
    rows.push(Array.from(x, (xi, d) => ((xi ^ shifts[d]) >>> 0) / 2 ** BITS));
    let c = 0;
    while (((i >>> c) & 1) === 1) c++;
    for (let d = 0; d < dims; d++) x[d] = (x[d] ^ v[d][c]) >>> 0;
  }
  return rows;
}
