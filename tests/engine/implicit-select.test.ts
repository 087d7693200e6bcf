/**
 * Choosing the integrator: `solver.integrator` is validated with a message naming the field
 * and the allowed values; "explicit" is the default; "auto" keeps the explicit kernel for short
 * runs, f32, freezing, thaws, a fixed dt_s, or when the implicit module is not loaded; the result says which ran.
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

  it('defaults to explicit; auto stays explicit for a short run, a fixed dt_s, or without the implicit module', () => {
    const k = loadKernels();
    const s = small({});
    expect(chooseIntegrator(s, k, compileScenario(s))).toBe('explicit');
    const auto = small({ integrator: 'auto' });
    expect(chooseIntegrator(auto, k, compileScenario(auto))).toBe('explicit');
    const long = { ...auto, solver: { integrator: 'auto' as const, precision: 'f64' as const }, protocol: [{ phase: 'freeze' as const, duration_s: 3600, power: 1 }] };
    // A moving ice front: measured no faster than the explicit f64 kernel.
    expect(chooseIntegrator(long, k, compileScenario(long))).toBe('explicit');
    const cooling = { ...long, probes: long.probes.map((p) => ({ ...p, surface: { model: 'temperature' as const, temperature_c: 5, cooldown_s: 0 } })) };
    expect(chooseIntegrator(cooling, k, compileScenario(cooling))).toBe('implicit');
    // Not faster than the f32 SIMD kernel, and not shown within 0.1 mm through thaw transients.
    const f32 = { ...cooling, solver: { integrator: 'auto' as const } };
    expect(chooseIntegrator(f32, k, compileScenario(f32))).toBe('explicit');
    const thaw = { ...cooling, protocol: [...long.protocol, { phase: 'passive_thaw' as const, duration_s: 60 }] };
    expect(chooseIntegrator(thaw, k, compileScenario(thaw))).toBe('explicit');
    expect(chooseIntegrator(cooling, { f64: k.f64, f32: k.f32 }, compileScenario(cooling))).toBe('explicit');
    const fixed = { ...cooling, solver: { integrator: 'auto' as const, precision: 'f64' as const, dt_s: 0.01 } };
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
