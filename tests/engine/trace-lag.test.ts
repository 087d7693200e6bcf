/**
 * `lag_s` on a trace surface against closed forms: a step through a first-order lag is
 * u₁ + (u₀ − u₁) e^{−t/τ}; a ramp u₀ + b t is u₀ + b t − bτ (1 − e^{−t/τ}), and after the ramp
 * ends it relaxes to the last value. Checked on the resampled points (dense evaluation) and on
 * the surface temperature a run reports, f64 and f32, and the lag's validation.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/index.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { laggedTracePoints } from '../../workers/engine/trace-lag.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';
import { minimalAxisymmetric } from '../scenarios/fixtures.ts';

/** Linear interpolation of points, held outside them (what the kernels do with a trace). */
function interp(points: [number, number][], t: number): number {
  if (t <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    if (t <= points[i][0]) {
      const [t0, v0] = points[i - 1];
      const [t1, v1] = points[i];
      return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
  }
  return points[points.length - 1][1];
}

const TAU = 8;
/** Ramp 20 → −100 °C over 60 s, then held. */
const RAMP: [number, number][] = [[0, 20], [60, -100]];
function rampLagged(t: number): number {
  const b = -2;
  if (t <= 60) return 20 + b * t - b * TAU * (1 - Math.exp(-t / TAU));
  const y60 = rampLagged(60);
  return -100 + (y60 + 100) * Math.exp(-(t - 60) / TAU);
}
/** A near-step: 27 → −90 °C in 0.1 s, then held (the first second of a cryoprobe log). */
const STEP: [number, number][] = [[0, 27], [0.1, -90], [400, -90]];

describe('first-order lag of a trace', () => {
  it('resampled points follow the closed forms to the sampling tolerance', () => {
    const ramp = laggedTracePoints(RAMP, TAU);
    let worst = 0;
    for (let t = 0; t <= 200; t += 0.037) worst = Math.max(worst, Math.abs(interp(ramp, t) - rampLagged(t)));
    expect(worst).toBeLessThan(0.012);
    // The near-step: exact piecewise (ramp for 0.1 s, then relaxation).
    const step = laggedTracePoints(STEP, TAU);
    const b = -117 / 0.1;
    const y01 = 27 + b * 0.1 - b * TAU * (1 - Math.exp(-0.1 / TAU));
    const exact = (t: number) => (t <= 0.1 ? 27 + b * t - b * TAU * (1 - Math.exp(-t / TAU)) : -90 + (y01 + 90) * Math.exp(-(t - 0.1) / TAU));
    worst = 0;
    for (let t = 0; t <= 120; t += 0.013) worst = Math.max(worst, Math.abs(interp(step, t) - exact(t)));
    expect(worst).toBeLessThan(0.012);
    // Sparse where nothing bends: a few hundred points for a 400 s log.
    expect(step.length).toBeLessThan(400);
  });

  it.each(['f64', 'f32'] as const)('the reported probe surface follows the lagged ramp (%s)', (precision) => {
    const run = (lag: number | undefined) => simulate(scenario({
      solver: { precision },
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [8, 16] },
      tissue: tissue({ initial_c: 20 }),
      probes: [probe({ active_length_mm: 6, tip_mm: [0, 0, 10], surface: { model: 'trace', points: RAMP, offset_c: 0, ...(lag ? { lag_s: lag } : {}) } })],
      protocol: [{ phase: 'freeze', duration_s: 120, power: 1 }],
      output: { interval_s: 5, isotherms_c: [0] },
    } as Partial<Scenario> & Pick<Scenario, 'geometry'>));
    const r = run(TAU);
    const err = Math.max(...r.times_s.map((t, i) => Math.abs(r.probes[0].surface_c[i] - rampLagged(t))));
    expect(err).toBeLessThan(precision === 'f64' ? 0.012 : 0.05);
    // Without the lag the surface is the trace itself, colder by bτ(1 − e^{−t/τ}) ≈ 16 °C mid-ramp.
    const plain = run(undefined);
    const at30 = r.times_s.indexOf(30);
    expect(r.probes[0].surface_c[at30] - plain.probes[0].surface_c[at30]).toBeGreaterThan(15);
  });

  it.each([
    [-1, /≥ 0|>= 0/],
    ['8 s', /number/],
    [5000, /3600/],
  ])('lag_s %s is refused with its path', (lag, message) => {
    const f = minimalAxisymmetric();
    f.probes[0].surface = { model: 'trace', points: RAMP, lag_s: lag };
    const v = validateScenario(f);
    expect(v.ok).toBe(false);
    const issue = v.issues.find((i) => i.path === 'probes[0].surface.lag_s');
    expect(issue, JSON.stringify(v.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('lag_s 0 resolves to no lag; a positive one is kept', () => {
    const f = minimalAxisymmetric();
    f.probes[0].surface = { model: 'trace', points: RAMP, lag_s: 0 };
    const v = validateScenario(f);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    expect(v.scenario.probes[0].surface).toEqual({ model: 'trace', points: RAMP, offset_c: 0 });
    f.probes[0].surface.lag_s = 8;
    const w = validateScenario(f);
    expect(w.ok && w.scenario.probes[0].surface).toMatchObject({ lag_s: 8 });
  });
});
