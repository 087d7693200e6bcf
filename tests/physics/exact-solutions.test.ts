/**
 * The solver against the exact solutions of ../shared/validation/analytic.md
 * (cases A–D, and E: the frozen annulus with the ice law; tests/validation/cases.ts), each at two spacings: errors at
 * 0.25 mm within the stated tolerance (one cell for positions, 1 °C for
 * temperatures away from the front) and smaller when the spacing halves —
 * for both kernels: f32 SIMD (production) and f64 (reference). The f32
 * runs use two-rate stepping, which must take part wherever tissue freezes.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CASES, type CaseErrors } from '../validation/cases.ts';

for (const precision of ['f32', 'f64'] as const)
for (const c of ALL_CASES) {
  describe(`${c.title} [${precision}]`, () => {
    const runs = new Map<number, CaseErrors>();
    const at = (d: number) => {
      if (!runs.has(d)) runs.set(d, c.run(d, precision));
      return runs.get(d)!;
    };

    it('meets the tolerance at 0.25 mm', () => {
      for (const [name, tol] of Object.entries(c.tolerance)) expect(at(0.25).errors[name], name).toBeLessThan(tol);
    });

    it('has a smaller error at 0.25 mm than at 0.5 mm', () => {
      for (const name of Object.keys(c.tolerance)) expect(at(0.25).errors[name], name).toBeLessThan(at(0.5).errors[name]);
    });

    if (precision === 'f32' && c.freezes) {
      it('steps the warm tissue at its own, longer time step (two-rate stepping took part)', () => {
        for (const d of [0.5, 0.25]) expect(at(d).workShare).toBeLessThan(0.9);
      });
    }
  });
}
