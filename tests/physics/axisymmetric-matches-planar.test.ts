/**
 * A long probe in axisymmetric mode is, at mid-length, a cylinder: its radial
 * temperature profile must match the planar cross-section of the same probe.
 * Both freeze for 120 s; the planar probe sits on an insulated symmetry plane,
 * the axisymmetric one is 60 mm long in an 80 mm deep domain. Their difference
 * must be small at 0.25 mm and shrink from 0.5 mm.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../scenarios/schema.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

// From 2 mm out: more than a cell beyond the probe surface (0.75 mm), where the profile is ~45 °C/mm steep.
const radiiMm = [2, 3, 4, 6, 8];
const common = {
  tissue: tissue({ solidus_c: -8, liquidus_c: -1, latent_j_m3: 2.5e8, perfusion_w_m3k: 2000 }),
  protocol: [{ phase: 'freeze' as const, duration_s: 120, power: 1 }],
  output: { interval_s: 60, isotherms_c: [0, -40] },
};
const surface = { model: 'temperature' as const, temperature_c: -150, cooldown_s: 0 };

function compare(d: number) {
  const axi = simulate(scenario({
    ...common,
    geometry: { mode: 'axisymmetric', spacing_mm: d, size_mm: [25, 80] },
    probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 70], active_length_mm: 60, surface })],
    sensors: radiiMm.map((r) => ({ name: `r${r}`, position_mm: [r, 0, 40 + d / 2] as Vec3 })),
  }));
  const planar = simulate(scenario({
    ...common,
    geometry: { mode: 'planar', spacing_mm: d, size_mm: [50, 25] },
    probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 0], direction: [0, 1, 0], surface })],
    sensors: radiiMm.map((r) => ({ name: `r${r}`, position_mm: [r, 0, d / 2] as Vec3 })),
  }));
  return {
    temperatureC: Math.max(...radiiMm.map((r) => Math.abs(axi.sensors[`r${r}`].at(-1)! - planar.sensors[`r${r}`].at(-1)!))),
    iceRadiusMm: Math.abs(axi.isotherms['0'].radius_mm.at(-1)! - planar.isotherms['0'].radius_mm.at(-1)!),
  };
}

describe('axisymmetric long probe vs planar cross-section', () => {
  const coarse = compare(0.5);
  const fine = compare(0.25);

  it('gives the same radial temperatures at mid-length (within 1 °C at 0.25 mm, closer than at 0.5 mm)', () => {
    expect(fine.temperatureC).toBeLessThan(1);
    expect(fine.temperatureC).toBeLessThan(coarse.temperatureC);
  });

  it('gives the same ice radius (within half a cell)', () => {
    expect(fine.iceRadiusMm).toBeLessThan(0.125);
    expect(coarse.iceRadiusMm).toBeLessThan(0.25);
  });
});
