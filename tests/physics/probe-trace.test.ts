/**
 * A probe surface that follows a measured trace (`"model": "trace"`):
 * - exact: with metabolic heat q and no perfusion, T = T0 + (q/c)·t everywhere solves the heat
 *   equation; a probe whose trace follows that line (in 1 s pieces, with an offset) must leave
 *   the field uniform — in all three geometry modes, f32 and f64, on one thread or a team.
 *   A surface held per chunk instead of per step would lag by up to a chunk and cool the
 *   tissue around it by ~0.1 °C;
 * - the same boundary history as the `temperature` model gives the same run;
 * - a trace sampled from the temperature model's exponential cool-down converges to it as the
 *   sampling interval shrinks (linear interpolation: second order);
 * - ramps and holds around a probe through an insulated slab (a 2D cylinder) against an
 *   independent fine 1D radial solution, at two spacings, the error shrinking;
 * - the trace holds in every phase (a passive thaw does not make it adiabatic).
 */
import { describe, expect, it } from 'vitest';
import type { Probe, Scenario, TraceSurface, Vec3 } from '../../scenarios/schema.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { traceSurfaceC } from '../../workers/engine/probe-schedule.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { createNodeTeam } from '../../workers/node/team-node.ts';
import { freeze, probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const kernels = loadKernels();
// No phase change within the range the tests reach: the problem is linear.
const linear = tissue({
  k_frozen_w_mk: 0.5, k_unfrozen_w_mk: 0.5, c_frozen_j_m3k: 3.6e6, c_unfrozen_j_m3k: 3.6e6, latent_j_m3: 0,
  solidus_c: -120, liquidus_c: -119,
});
const trace = (points: [number, number][], offset_c = 0): TraceSurface => ({ model: 'trace', points, offset_c });

describe('trace surface: uniform ramp (exact)', () => {
  const q = -3.6e5; // W/m³: −0.1 K/s with c = 3.6 MJ/m³/K
  const rate = q / 3.6e6;
  const durationS = 120;
  const offset = 2.5;
  // The trace as a thermocouple would read it (offset_c below the surface), every second.
  const points = Array.from({ length: durationS + 1 }, (_, i) => [i, 37 + rate * i - offset] as [number, number]);
  const near = (x: number, z: number): Vec3 => [x, 0, z];
  const setups: { mode: Scenario['geometry']['mode']; s: Partial<Scenario> & Pick<Scenario, 'geometry'>; probe: Partial<Probe> }[] = [
    { mode: 'axisymmetric', s: { geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [8, 16] } }, probe: { tip_mm: [0, 0, 12], active_length_mm: 8 } },
    { mode: 'planar', s: { geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [12, 12] } }, probe: { tip_mm: [0, 0, 6], direction: [0, 1, 0] } },
    { mode: '3d', s: { geometry: { mode: '3d', spacing_mm: 1, size_mm: [10, 10, 14] } }, probe: { tip_mm: [0, 0, 10], active_length_mm: 6 } },
  ];
  for (const { mode, s, probe: p } of setups) {
    for (const precision of ['f64', 'f32'] as const) {
      it(`${mode} ${precision}: the field stays uniform at T0 + (q/c)·t`, () => {
        const r = simulate(scenario({
          ...s, solver: { precision }, tissue: { ...linear, metabolic_w_m3: q },
          probes: [probe({ ...p, surface: trace(points, offset) })],
          protocol: [freeze(60), { phase: 'passive_thaw', duration_s: 30 }, freeze(30)],
          output: { interval_s: 10, isotherms_c: [0] },
          sensors: [{ name: 'near', position_mm: near(1.6, mode === 'planar' ? 6 : 8) }, { name: 'far', position_mm: near(4, 4) }],
        }));
        const tol = precision === 'f64' ? 1e-8 : 2e-3;
        r.times_s.forEach((t, i) => {
          expect(Math.abs(r.sensors.near[i] - (37 + rate * t))).toBeLessThan(tol);
          expect(Math.abs(r.sensors.far[i] - (37 + rate * t))).toBeLessThan(tol);
          expect(Math.abs(r.probes[0].surface_c[i] - (37 + rate * t))).toBeLessThan(1e-12);
        });
      });
    }
  }

  it('a thread team gives the same run as one thread (f32)', async () => {
    const s = scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.25, size_mm: [8, 16] }, solver: { precision: 'f32' },
      tissue: { ...linear, metabolic_w_m3: q }, probes: [probe({ tip_mm: [0, 0, 12], active_length_mm: 8, surface: trace(points.map(([t, v], i) => [t, v - (i % 2) * 3])) })],
      protocol: [freeze(durationS)], output: { interval_s: 10, isotherms_c: [30] },
      sensors: [{ name: 'near', position_mm: [1.6, 0, 8] }],
    });
    const one = runScenario(s, kernels).result;
    const team = await createNodeTeam(2, { schedule: 'always' });
    try {
      const split = runScenario(s, kernels, { team }).result;
      expect(split.solver.threads).toBe(2);
      expect(split.sensors).toEqual(one.sensors);
      expect(split.isotherms).toEqual(one.isotherms);
    } finally {
      team.terminate();
    }
  });
});

describe('trace surface against the temperature model', () => {
  const base = (surface: Probe['surface']) => scenario({
    geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [10, 20] }, solver: { precision: 'f64' },
    probes: [probe({ tip_mm: [0, 0, 15], active_length_mm: 10, surface })],
    protocol: [freeze(60)], output: { interval_s: 10, isotherms_c: [0, -40] },
    sensors: [{ name: 'tc2', position_mm: [2, 0, 10] }, { name: 'tc4', position_mm: [4, 0, 10] }],
  });

  it('the same boundary history gives the same run', () => {
    // The temperature model starts its first step from the current surface (37 °C) and holds −150 °C from the second.
    const held = simulate(base({ model: 'temperature', temperature_c: -150, cooldown_s: 0 }));
    const dt = held.solver.dt_s;
    const traced = simulate(base(trace([[0, 37], [dt, -150], [60, -150]])));
    expect(traced.solver.steps).toBe(held.solver.steps);
    for (const name of ['tc2', 'tc4']) held.sensors[name].forEach((v, i) => expect(Math.abs(traced.sensors[name][i] - v)).toBeLessThan(1e-6));
    for (const lv of ['0', '-40']) held.isotherms[lv].radius_mm.forEach((v, i) => expect(Math.abs(traced.isotherms[lv].radius_mm[i]! - v!)).toBeLessThan(1e-6));
  });

  it('a sampled cool-down converges to the exponential, second order in the sampling interval', () => {
    const exact = simulate(base({ model: 'temperature', temperature_c: -150, cooldown_s: 20 }));
    const sampled = (everyS: number) => {
      const pts: [number, number][] = [];
      for (let t = 0; t <= 60 + 1e-9; t += everyS) pts.push([t, -150 + 187 * Math.exp(-t / 20)]);
      const r = simulate(base(trace(pts)));
      return Math.max(...['tc2', 'tc4'].flatMap((n) => r.sensors[n].map((v, i) => Math.abs(v - exact.sensors[n][i]))));
    };
    const coarse = sampled(6);
    const fine = sampled(3);
    expect(coarse).toBeGreaterThan(0.01);
    expect(fine).toBeLessThan(coarse / 3);
  });

  it('the trace holds through a passive thaw (a measured log contains its thaws)', () => {
    const s = (phases: Scenario['protocol']) => simulate({ ...base(trace([[0, -100], [60, -100]])), protocol: phases });
    const a = s([freeze(60)]);
    const b = s([freeze(20, 0.3), { phase: 'passive_thaw', duration_s: 20 }, { phase: 'active_thaw', duration_s: 20, temperature_c: 30 }]);
    expect(b.sensors.tc2).toEqual(a.sensors.tc2);
    expect(b.probes[0].surface_c.at(-1)).toBeCloseTo(-100, 9);
  });
});

/**
 * Independent reference: the radial heat equation outside a cylinder of radius a whose surface
 * follows `surf`, insulated at R, by explicit finite volumes on a fine grid (f64).
 */
function radialReference(surf: TraceSurface, aM: number, outerM: number, kW: number, cJ: number, t0C: number, times: number[], radii: number[]): number[][] {
  const n = 1200;
  const dr = (outerM - aM) / n;
  const rc = Float64Array.from({ length: n }, (_, i) => aM + (i + 0.5) * dr);
  const T = new Float64Array(n).fill(t0C);
  const alpha = kW / cJ;
  const dt = (0.2 * dr * dr) / alpha;
  const flux = new Float64Array(n + 1);
  let t = 0;
  const out: number[][] = [];
  for (const target of times) {
    while (t < target - 1e-12) {
      const h = Math.min(dt, target - t);
      // Surface face: half a cell from the first centre.
      flux[0] = (-kW * (T[0] - traceSurfaceC(surf, t))) / (dr / 2) * aM;
      for (let i = 1; i < n; i++) flux[i] = (-kW * (T[i] - T[i - 1])) / dr * (aM + i * dr);
      flux[n] = 0;
      for (let i = 0; i < n; i++) T[i] += (h * (flux[i] - flux[i + 1])) / (cJ * rc[i] * dr);
      t += h;
    }
    out.push(radii.map((r) => {
      const x = (r - aM) / dr - 0.5;
      const i = Math.min(Math.max(Math.floor(x), 0), n - 2);
      return T[i] + (T[i + 1] - T[i]) * (x - i);
    }));
  }
  return out;
}

describe('trace surface around a cylinder (independent 1D reference)', () => {
  const surf = trace([[0, 37], [10, -40], [20, -40], [30, 10], [45, -60]], -5);
  const times = [10, 20, 30, 45];
  const radiiMm = [1.5, 2.5, 4];
  const ref = radialReference(surf, 0.75e-3, 12e-3, 0.5, 3.6e6, 37, times, radiiMm.map((r) => r * 1e-3));

  const errorAt = (d: number) => {
    const r = simulate(scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: d, size_mm: [12, 2 * d] }, solver: { precision: 'f64' }, tissue: linear,
      probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 2 * d], active_length_mm: 2 * d + 1, surface: surf })],
      protocol: [freeze(45)], output: { interval_s: 5, isotherms_c: [0] },
      sensors: radiiMm.map((x) => ({ name: `r${x}`, position_mm: [x, 0, d / 2] as Vec3 })),
    }));
    let worst = 0;
    times.forEach((t, i) => {
      const o = r.times_s.indexOf(t);
      radiiMm.forEach((x, j) => (worst = Math.max(worst, Math.abs(r.sensors[`r${x}`][o] - ref[i][j]))));
    });
    return worst;
  };

  it('error shrinks with the spacing', () => {
    const coarse = errorAt(0.25);
    const fine = errorAt(0.125);
    expect(fine).toBeLessThan(0.6 * coarse);
    expect(fine).toBeLessThan(0.5);
  });
});
