/**
 * The calibration minimisers on functions with known minima: Brent's method from a given
 * start, Nelder–Mead inside box bounds, both within their evaluation budget.
 */
import { describe, expect, it } from 'vitest';
import { brent, nelderMead } from '../../workers/calibration/minimize.ts';

describe('brent', () => {
  it('finds the minimum of a smooth valley from an off-centre start in few evaluations', () => {
    let calls = 0;
    const f = (u: number) => {
      calls++;
      return (Math.exp(u) - 3) ** 2; // minimum at ln 3, steep on one side, flat on the other
    };
    const r = brent(f, -2, 4, 3, { maxEvals: 40, tol: 1e-4 });
    expect(r.x[0]).toBeCloseTo(Math.log(3), 3);
    expect(r.evals).toBe(calls);
    expect(r.evals).toBeLessThan(25);
  });

  it('ends at the bound when the minimum lies beyond it, and respects the budget', () => {
    const r = brent((u) => (u - 10) ** 2, 0, 5, 1, { maxEvals: 40, tol: 1e-3 });
    expect(r.x[0]).toBeGreaterThan(5 - 2e-3);
    const capped = brent((u) => Math.abs(u - 2.3), 0, 5, 1, { maxEvals: 6, tol: 1e-9 });
    expect(capped.evals).toBe(6);
  });
});

describe('nelderMead', () => {
  it('finds the minimum of a tilted, coupled quadratic in two dimensions', () => {
    const f = ([x, y]: number[]) => (x - 1.5) ** 2 + 3 * (y + 0.5) ** 2 + (x - 1.5) * (y + 0.5);
    const r = nelderMead(f, [-10, -10], [10, 10], [4, 3], { maxEvals: 200, tol: 1e-4 });
    expect(r.x[0]).toBeCloseTo(1.5, 3);
    expect(r.x[1]).toBeCloseTo(-0.5, 3);
  });

  it('stays inside the box and stops at the budget', () => {
    const seen: number[][] = [];
    const f = (x: number[]) => {
      seen.push(x);
      return (x[0] - 5) ** 2 + (x[1] - 0.2) ** 2;
    };
    const r = nelderMead(f, [0, 0], [2, 1], [1, 0.9], { maxEvals: 30, tol: 1e-6 });
    expect(seen.length).toBeLessThanOrEqual(30);
    for (const [x, y] of seen) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(2);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
    expect(r.x[0]).toBeCloseTo(2, 2);
    expect(r.x[1]).toBeCloseTo(0.2, 1);
  });
});
