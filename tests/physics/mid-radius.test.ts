/**
 * `isotherms[T].mid_radius_mm` — the radius at the middle of the first probe's active segment —
 * against the exact steady frozen cylinder in perfused tissue (analytic case C, Carslaw & Jaeger
 * style: ln profile in the ice, K0 outside; here a −100 °C probe in W = 100 kW/m³/K):
 * - a probe through the whole depth of an insulated slab is an exact 2D cylinder: at 0.5 and
 *   0.25 mm, axisymmetric and planar, the mid radius of 0 °C and −40 °C matches the exact radius
 *   and the error shrinks; in 3D (±x, ±y rays) at 1 and 0.5 mm likewise;
 * - a long probe (40 mm cold segment): the mid radius is the cylinder's (end effects decay over
 *   δ = √(k/W) = 2.2 mm), while radius_mm — the largest at any depth — is not smaller;
 * - it follows a repositioned probe, and is null while the isotherm does not reach the row.
 */
import { describe, expect, it } from 'vitest';
import type { Result, Scenario, Vec3 } from '../../scenarios/schema.ts';
import { frozenCylinderSteady } from '../analytic/exact.ts';
import { freeze, probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';
import { resultTimeseriesCsv } from '../../workers/engine/result-csv.ts';

// Strong perfusion and a −100 °C probe keep the ice small (front 8.8 mm, δ = 2.2 mm), so small grids hold it.
const W = 100_000;
const exact = frozenCylinderSteady({ a_m: 0.75e-3, t_probe_c: -100, t_front_c: 0, t_inf_c: 37, k_f: 2.0, k_u: 0.5, w_perf: W });
const exactMm = (level: number) => (level === 0 ? exact.frontRadius_m : exact.isothermRadius_m(level)) * 1e3;
// Case C's tissue: the steady state does not depend on latent heat, a small one reaches it sooner.
const perfused = tissue({ solidus_c: -0.25, liquidus_c: 0.25, latent_j_m3: 2e7, perfusion_w_m3k: W, arterial_c: 37 });
const cold = { model: 'temperature' as const, temperature_c: -100, cooldown_s: 0 };
const DURATION_S = 600;
const LEVELS = [0, -40];

const midError = (r: Result) => Math.max(...LEVELS.map((lv) => Math.abs(r.isotherms[String(lv)].mid_radius_mm!.at(-1)! - exactMm(lv))));

function slab(mode: Scenario['geometry']['mode'], d: number): Result {
  const base = { tissue: perfused, protocol: [freeze(DURATION_S)], output: { interval_s: DURATION_S, isotherms_c: LEVELS } };
  if (mode === 'axisymmetric') {
    return simulate(scenario({
      ...base, geometry: { mode, spacing_mm: d, size_mm: [15, 2 * d] },
      probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 2 * d], active_length_mm: 2 * d, surface: cold })],
    }));
  }
  if (mode === 'planar') {
    // Case C: the probe centre on the insulated top edge (a symmetry plane); its row is the first one, at d/2.
    return simulate(scenario({
      ...base, geometry: { mode, spacing_mm: d, size_mm: [30, 15] },
      probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 0], direction: [0, 1, 0], surface: cold })],
    }));
  }
  return simulate(scenario({
    ...base, geometry: { mode, spacing_mm: d, size_mm: [30, 30, 2 * d] },
    probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 2 * d], active_length_mm: 2 * d, surface: cold })],
  }));
}

describe('mid-probe radius against the exact frozen cylinder', () => {
  for (const [mode, coarse, fine, tol] of [['axisymmetric', 0.5, 0.25, 0.3], ['planar', 0.5, 0.25, 0.3], ['3d', 1, 0.5, 0.75]] as const) {
    it(`${mode}: matches at ${coarse} and ${fine} mm, the error shrinking`, () => {
      const eCoarse = midError(slab(mode, coarse));
      const eFine = midError(slab(mode, fine));
      expect(eFine).toBeLessThan(tol);
      expect(eFine).toBeLessThan(0.6 * eCoarse);
    });
  }

  it('a long probe: the mid radius is the cylinder\'s (as the slab gives at the same spacing), radius_mm (any depth) is not smaller', () => {
    const cylinder = slab('axisymmetric', 0.5);
    const r = simulate(scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [15, 60] }, tissue: perfused,
      probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 45], active_length_mm: 40, surface: cold })],
      protocol: [freeze(DURATION_S)], output: { interval_s: DURATION_S, isotherms_c: LEVELS },
    }));
    for (const lv of LEVELS) {
      const s = r.isotherms[String(lv)];
      expect(Math.abs(s.mid_radius_mm!.at(-1)! - cylinder.isotherms[String(lv)].mid_radius_mm!.at(-1)!)).toBeLessThan(0.1);
      expect(Math.abs(s.mid_radius_mm!.at(-1)! - exactMm(lv))).toBeLessThan(0.75);
      expect(s.radius_mm.at(-1)!).toBeGreaterThanOrEqual(s.mid_radius_mm!.at(-1)! - 1e-9);
    }
  });
});

describe('mid-probe radius follows the probe', () => {
  it('is measured at the repositioned probe, and null before the isotherm reaches the row', () => {
    const mid = (tip: Vec3): Vec3 => [0, 0, tip[2] - 5];
    const sensorsAt = (z: number) => [1, 2, 3].map((x) => ({ name: `x${x}z${z}`, position_mm: [x, 0, z] as Vec3 }));
    const r = simulate(scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [15, 40] }, tissue: tissue({ perfusion_w_m3k: 2000 }),
      probes: [probe({ tip_mm: [0, 0, 30], active_length_mm: 10, surface: cold })],
      protocol: [freeze(60), { phase: 'reposition', duration_s: 10, probe: 0, tip_mm: [0, 0, 20], pull_back_mm: 10 }, freeze(60)],
      output: { interval_s: 10, isotherms_c: [0, -100] },
      sensors: [...sensorsAt(mid([0, 0, 30])[2]), ...sensorsAt(mid([0, 0, 20])[2])],
    }));
    const s0 = r.isotherms['0'].mid_radius_mm!;
    expect(resultTimeseriesCsv(r).split('\n')[0]).toContain('iso_0c_radius_mm,iso_0c_mid_radius_mm,');
    // t = 0: nothing frozen yet.
    expect(s0[0]).toBeNull();
    // Where a sensor row at the current mid-depth reads ≤ 0 °C the mid radius reaches it, and not past a warm one.
    r.times_s.forEach((t, i) => {
      const z = t <= 60 ? 25 : 15;
      for (const x of [1, 2, 3]) {
        const v = r.sensors[`x${x}z${z}`][i];
        if (v < -1) expect(s0[i]!).toBeGreaterThan(x);
        if (v > 1) expect(s0[i] ?? 0).toBeLessThan(x);
      }
    });
  });
});
