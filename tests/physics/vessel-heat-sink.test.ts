/**
 * Large vessels are heat sinks: beside a probe (planar section, vessel parallel
 * to the probe 6 mm away) the ice reaches less far toward the vessel than away
 * from it, more so as the vessel widens, and most with the wall held at blood
 * temperature (the upper bound of the convective wall).
 */
import { describe, expect, it } from 'vitest';
import type { Vessel } from '../../scenarios/schema.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';

const zProbeMm = 15;

/** Extent (mm) of the ≤ 0 °C region from the probe centre toward +x (vessel side) and −x, along the probe's row. */
function iceReach(vessels: Vessel[]) {
  const { frames } = runScenario(scenario({
    geometry: { mode: 'planar', spacing_mm: 0.25, size_mm: [40, 30] },
    tissue: tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2000 }),
    skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
    far_field: { boundary: 'temperature', temperature_c: 37 },
    probes: [probe({ diameter_mm: 1.47, tip_mm: [0, 0, zProbeMm], direction: [0, 1, 0], surface: { model: 'convective', gas_c: -186, h_w_m2k: 4000 } })],
    vessels,
    protocol: [{ phase: 'freeze', duration_s: 300, power: 1 }],
    output: { interval_s: 300, isotherms_c: [0] },
  }), loadKernels(), { frames: true });
  const f = frames!;
  const k = Math.round((zProbeMm - f.z0_mm) / f.spacing_mm);
  const t = f.temperatures_c.at(-1)!;
  const reach = (dir: 1 | -1) => {
    const iProbe = Math.round((0 - f.x0_mm) / f.spacing_mm);
    let i = iProbe;
    while (i + dir >= 0 && i + dir < f.nx && t[i + dir + f.nx * k] <= 0) i += dir;
    const inside = t[i + f.nx * k];
    const outside = t[i + dir + f.nx * k];
    const frac = (0 - inside) / (outside - inside); // linear crossing between the last frozen and first unfrozen cell
    return Math.abs(f.x0_mm + (i + dir * frac) * f.spacing_mm);
  };
  return { towardVessel: reach(1), away: reach(-1) };
}

const vessel = (diameterMm: number, wall: 'convective' | 'temperature'): Vessel => ({
  center_mm: [6, 0, zProbeMm], direction: [0, 1, 0], diameter_mm: diameterMm, wall,
  // Nusselt ≈ 3.66 with k_blood ≈ 0.5 W/m/K (docs/physics.md §5): h = 3.66 · 0.5 / D
  ...(wall === 'convective' ? { h_w_m2k: (3.66 * 0.5) / (diameterMm * 1e-3) } : {}),
  blood_c: 37,
});

describe('large-vessel heat sink (planar)', () => {
  const none = iceReach([]);
  const small = iceReach([vessel(1, 'convective')]);
  const large = iceReach([vessel(4, 'convective')]);
  const held = iceReach([vessel(4, 'temperature')]);

  it('without a vessel the ice is symmetric', () => {
    expect(Math.abs(none.towardVessel - none.away)).toBeLessThan(0.05);
  });

  it('shrinks the ice on the vessel side, not the other', () => {
    for (const r of [small, large, held]) {
      expect(r.towardVessel).toBeLessThan(r.away - 0.1);
      expect(r.towardVessel).toBeLessThan(none.towardVessel);
    }
  });

  it('shrinks it more as the vessel widens, and most with the wall held at blood temperature', () => {
    expect(large.towardVessel).toBeLessThan(small.towardVessel);
    expect(held.towardVessel).toBeLessThanOrEqual(large.towardVessel);
  });
});
