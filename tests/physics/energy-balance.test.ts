/**
 * Conservation: over a whole freeze–thaw–freeze–active-thaw protocol the change
 * of total enthalpy equals the heat that crossed the boundaries (skin, far
 * field, probe) plus perfusion and metabolic heat. The flux form makes this hold
 * to round-off; a wrong face weight or a lost boundary term breaks it. The f64
 * reference kernel keeps the full balance (the f32 kernel does not sum perfusion heat).
 */
import { describe, expect, it } from 'vitest';
import type { Phase, Vec3 } from '../../scenarios/schema.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const protocol: Phase[] = [
  { phase: 'freeze', duration_s: 120, power: 1 },
  { phase: 'passive_thaw', duration_s: 60 },
  { phase: 'freeze', duration_s: 120, power: 0.5 },
  { phase: 'active_thaw', duration_s: 40, temperature_c: 20 },
];
const living = tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2500, metabolic_w_m3: 4200, perfusion_after_thaw: 'stasis' });

describe('energy balance over a full protocol', () => {
  it('closes in axisymmetric mode with skin, far field, layers and a convective probe', () => {
    const r = simulate(scenario({
      solver: { precision: 'f64' },
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [20, 40] },
      tissue: living,
      layers: [{ from_depth_mm: 0, to_depth_mm: 3, tissue: tissue({ k_unfrozen_w_mk: 0.37, perfusion_w_m3k: 7600 }) }],
      skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
      far_field: { boundary: 'temperature', temperature_c: 37 },
      probes: [probe({ tip_mm: [0, 0, 20], active_length_mm: 10, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3000 } })],
      protocol,
    }));
    const e = r.energy!;
    expect(Math.abs(e.boundary_j)).toBeGreaterThan(1);
    expect(Math.abs(e.sources_j)).toBeGreaterThan(1);
    expect(e.relative_error).toBeLessThan(1e-9);
  });

  it('closes in planar mode with a vessel, a line sink and a fixed-temperature probe', () => {
    const at = (x: number, z: number): Vec3 => [x, 0, z];
    const r = simulate(scenario({
      solver: { precision: 'f64' },
      geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [40, 30] },
      tissue: living,
      skin: { boundary: 'temperature', temperature_c: 30 },
      far_field: { boundary: 'temperature', temperature_c: 37 },
      probes: [
        probe({ tip_mm: at(-5, 12), direction: [0, 1, 0], surface: { model: 'temperature', temperature_c: -150, cooldown_s: 20 } }),
        probe({ diameter_mm: 0, tip_mm: at(6, 12), direction: [0, 1, 0], surface: { model: 'line_sink', w_per_m: 80 } }),
      ],
      vessels: [{ center_mm: at(0, 20), direction: [0, 1, 0], diameter_mm: 3, wall: 'convective', h_w_m2k: 600, blood_c: 37 }],
      protocol: protocol.slice(0, 3),
    }));
    expect(r.energy!.relative_error).toBeLessThan(1e-9);
  });
});
