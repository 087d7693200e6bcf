/**
 * Choosing the integrator: `solver.integrator` is validated with a message naming the field
 * and the allowed values; "explicit" is the default; "auto" keeps the explicit kernel for short
 * runs, where its predicted cost is lower (coarse grids, the f32 two-rate kernel), for a fixed
 * dt_s, or when the implicit module is not loaded; the result says which ran.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { chooseIntegrator } from '../../workers/engine/implicit-stepper.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { scenario } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const small = (solver: object) => scenario({
  geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [10, 20] },
  protocol: [{ phase: 'freeze', duration_s: 120, power: 1 }],
  probes: [{ device: null, diameter_mm: 1.5, active_length_mm: 6, tip_mm: [0, 0, 12], direction: [0, 0, 1], surface: { model: 'temperature', temperature_c: -150, cooldown_s: 0 } }],
  solver,
});

describe('solver.integrator', () => {
  it('rejects an unknown value with a message naming the field and the choices', () => {
    const v = validateScenario({
      schema: 'cryo-scenario/1', name: 'x', geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [10, 20] }, tissue: { preset: 'generic' },
      probes: [], protocol: [{ phase: 'freeze', duration_s: 10 }], solver: { integrator: 'implict' },
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const issue = v.issues.find((i) => i.path === 'solver.integrator');
    expect(issue?.message).toMatch(/"explicit", "implicit", "auto"/);
    expect(issue?.message).toMatch(/did you mean "implicit"/);
  });

  it('defaults to explicit; auto takes the implicit step only where it is predicted faster', () => {
    const k = loadKernels();
    const s = small({});
    expect(chooseIntegrator(s, k, compileScenario(s))).toBe('explicit');
    const auto = small({ integrator: 'auto' });
    // Short: start-up, not stepping, is the cost.
    expect(chooseIntegrator(auto, k, compileScenario(auto))).toBe('explicit');
    const long = { ...auto, solver: { integrator: 'auto' as const, precision: 'f64' as const }, protocol: [{ phase: 'freeze' as const, duration_s: 3600, power: 1 }, { phase: 'passive_thaw' as const, duration_s: 600 }] };
    // At 1 mm the explicit limit is long: ~30 000 explicit steps against a predicted ~96 000 step-equivalents (4200 s / 0.7 s × 16).
    expect(chooseIntegrator(long, k, compileScenario(long))).toBe('explicit');
    // At 0.25 mm the explicit limit is 16× shorter: the implicit step wins in f64 (thaws included) …
    const fine = { ...long, geometry: { ...long.geometry, spacing_mm: 0.25 } };
    const fineModel = compileScenario(fine);
    expect(fineModel.totalS / fineModel.dtS).toBeGreaterThan(350_000);
    expect(chooseIntegrator(fine, k, fineModel)).toBe('implicit');
    // … but not against the f32 SIMD two-rate kernel, whose step is several times cheaper.
    const fineF32 = { ...fine, solver: { integrator: 'auto' as const } };
    expect(chooseIntegrator(fineF32, k, compileScenario(fineF32))).toBe('explicit');
    expect(chooseIntegrator(fine, { f64: k.f64, f32: k.f32 }, fineModel)).toBe('explicit');
    const fixed = { ...fine, solver: { integrator: 'auto' as const, precision: 'f64' as const, dt_s: 0.005 } };
    expect(chooseIntegrator(fixed, k, compileScenario(fixed))).toBe('explicit');
  });

  it('reports the integrator, its steps and mean step in the result', () => {
    const r = simulate(small({ integrator: 'implicit' }));
    expect(r.solver.integrator).toBe('implicit');
    expect(r.solver.precision).toBe('f64');
    expect(r.solver.mean_dt_s!).toBeGreaterThan(0);
    expect(r.solver.steps * r.solver.mean_dt_s!).toBeCloseTo(120, 6);
    expect(r.times_s.at(-1)).toBeCloseTo(120, 9);
    expect(simulate(small({})).solver.integrator).toBeUndefined();
  });
});
