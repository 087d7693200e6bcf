/**
 * The implicit (BDF2) integrator against the exact solutions (tests/validation/cases.ts, the
 * cases of docs/validation.md): every case run with solver.integrator "implicit" meets its
 * tolerance at 0.25 mm and has a smaller error at 0.25 mm than at 0.5 mm. The cases are the
 * same functions the explicit kernels are judged by; only the integrator is switched (the
 * simulate helper is wrapped to set it).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../scenarios/schema.ts';

vi.mock('../support/simulate.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../support/simulate.ts')>();
  return {
    ...real,
    simulate: (s: Scenario, options = {}) => {
      const r = real.simulate({ ...s, solver: { ...s.solver, precision: 'f64', integrator: 'implicit' } }, options);
      if (r.solver.integrator !== 'implicit') throw new Error('the implicit integrator did not run');
      return r;
    },
  };
});

const { ALL_CASES } = await import('../validation/cases.ts');

for (const c of ALL_CASES) {
  describe(`${c.title} [implicit]`, () => {
    const runs = new Map<number, ReturnType<typeof c.run>>();
    const at = (d: number) => {
      if (!runs.has(d)) runs.set(d, c.run(d, 'f64'));
      return runs.get(d)!;
    };

    it('meets the tolerance at 0.25 mm', () => {
      for (const [name, tol] of Object.entries(c.tolerance)) expect(at(0.25).errors[name], name).toBeLessThan(tol);
    });

    it('has a smaller error at 0.25 mm than at 0.5 mm', () => {
      for (const name of Object.keys(c.tolerance)) expect(at(0.25).errors[name], name).toBeLessThan(at(0.5).errors[name]);
    });
  });
}
