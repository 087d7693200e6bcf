/**
 * The ensemble's sampling: distribution transforms against known values, sample moments
 * converging to the distributions' own, Latin-hypercube stratification, truncation, and
 * reproducibility from the seed.
 */
import { describe, expect, it } from 'vitest';
import { unitDesign } from '../../workers/ensemble/design.ts';
import { keptMass, lognormal, normal, normalCdf, normalQuantile, sampleAt, triangular, uniform, type Distribution } from '../../scenarios/distributions.ts';
import { planMembers } from '../../workers/ensemble/members.ts';
import { mulberry32 } from '../../workers/ensemble/prng.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const draw = (d: Distribution, n: number, seed: number, kind: 'lhs' | 'random', bounds?: { low?: number; high?: number }) =>
  unitDesign(n, 1, kind, seed).map((row) => sampleAt(d, row[0], bounds));

describe('normal distribution functions', () => {
  it('match tabulated values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 7);
  });
  it('Φ(Φ⁻¹(p)) = p across the range', () => {
    for (const p of [1e-6, 0.01, 0.2, 0.5, 0.77, 0.99, 1 - 1e-6]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 7);
  });
});

describe('sample moments converge to the distribution', () => {
  // Exact moments: normal (μ, σ); lognormal mean m·e^{s²/2}; uniform (a+b)/2, (b−a)/√12;
  // triangular (a+c+b)/3, sd² = (a²+b²+c²−ab−ac−bc)/18.
  const cases: [string, Distribution, number, number][] = [
    ['normal', normal(10, 2), 10, 2],
    ['lognormal', lognormal(3, 0.4), 3 * Math.exp(0.08), 3 * Math.exp(0.08) * Math.sqrt(Math.exp(0.16) - 1)],
    ['uniform', uniform(-1, 5), 2, 6 / Math.sqrt(12)],
    ['triangular', triangular(0, 1, 4), 5 / 3, Math.sqrt((0 + 16 + 1 - 0 - 0 - 4) / 18)],
  ];
  for (const [name, d, m, s] of cases) {
    it(`${name}: error shrinks with n (random design), and LHS is tighter`, () => {
      const err = (n: number, kind: 'lhs' | 'random') => {
        let e = 0;
        for (let seed = 1; seed <= 8; seed++) e += Math.abs(mean(draw(d, n, seed, kind)) - m);
        return e / 8;
      };
      expect(err(4096, 'random')).toBeLessThan(err(64, 'random') / 3); // expected ratio 8 (1/√n)
      expect(err(4096, 'random')).toBeLessThan((4 * s) / Math.sqrt(4096));
      expect(err(1024, 'lhs')).toBeLessThan(err(1024, 'random') / 2);
      const x = draw(d, 4096, 3, 'lhs');
      expect(Math.abs(sd(x) - s) / s).toBeLessThan(0.02);
    });
  }
});

describe('truncation', () => {
  it('keeps samples within bounds and matches the truncated normal mean', () => {
    // Truncated to [0, ∞): mean μ + σ·φ(α)/(1 − Φ(α)) with α = −μ/σ.
    const d = normal(1, 2);
    const x = draw(d, 4096, 5, 'lhs', { low: 0 });
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    const a = -0.5;
    const phi = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
    expect(mean(x)).toBeCloseTo(1 + (2 * phi) / (1 - normalCdf(a)), 2);
    expect(keptMass(d, { low: 0 })).toBeCloseTo(1 - normalCdf(-0.5), 7);
  });
  it('zero-width distributions return their value exactly', () => {
    for (const d of [normal(0.1 + 0.2, 0), uniform(7.25, 7.25), triangular(3, 3, 3), lognormal(2500, 0)])
      for (const u of [0, 0.3, 0.999999]) expect(sampleAt(d, u)).toBe(d.point);
  });
});

describe('designs', () => {
  it('a Latin hypercube hits every stratum of every axis exactly once', () => {
    const n = 97;
    const rows = unitDesign(n, 5, 'lhs', 11);
    for (let d = 0; d < 5; d++) {
      const strata = rows.map((r) => Math.floor(r[d] * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
  it('random samples do not stratify (the check above can fail)', () => {
    const n = 97;
    const strata = new Set(unitDesign(n, 1, 'random', 11).map((r) => Math.floor(r[0] * n)));
    expect(strata.size).toBeLessThan(n);
  });
  it('the same seed gives the same members; another seed others', () => {
    const u = { inputs: [{ path: 'tissue.perfusion_w_m3k', distribution: 'normal' as const, mean: 2500, sd: 500 }], placement_error_mm: [1, 0, 2] as [number, number, number], samples: 50, seed: 42, design: 'lhs' as const };
    expect(planMembers(u)).toEqual(planMembers(structuredClone(u)));
    expect(planMembers({ ...u, seed: 43 })).not.toEqual(planMembers(u));
    expect(planMembers(u).every((m) => m.offset_mm[1] === 0)).toBe(true);
    const r = mulberry32(1);
    const first = [r(), r(), r()];
    const again = mulberry32(1);
    expect([again(), again(), again()]).toEqual(first);
  });
});
