/**
 * The scenes the benchmark and the kernel-equivalence test step: a 17G argon
 * probe in perfused tissue, axisymmetric and planar, at 0.25 mm.
 */
import type { Scenario } from '../../scenarios/schema.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';

const living = tissue({ solidus_c: -8, liquidus_c: -1, latent_j_m3: 2.5e8, perfusion_w_m3k: 1900, metabolic_w_m3: 4200 });
const argon = { model: 'convective' as const, gas_c: -186, h_w_m2k: 3200 };

export function benchScenes(spacingMm = 0.25): { name: string; scenario: Scenario }[] {
  return [
    {
      name: 'axisymmetric 30×60 mm',
      scenario: scenario({
        geometry: { mode: 'axisymmetric', spacing_mm: spacingMm, size_mm: [30, 60] }, tissue: living,
        skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 }, far_field: { boundary: 'temperature', temperature_c: 37 },
        probes: [probe({ diameter_mm: 1.47, tip_mm: [0, 0, 25], active_length_mm: 20, surface: argon })],
        protocol: [{ phase: 'freeze', duration_s: 600, power: 1 }],
      }),
    },
    {
      name: 'planar 60×40 mm',
      scenario: scenario({
        geometry: { mode: 'planar', spacing_mm: spacingMm, size_mm: [60, 40] }, tissue: living,
        skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 }, far_field: { boundary: 'temperature', temperature_c: 37 },
        probes: [probe({ diameter_mm: 1.47, tip_mm: [0, 0, 15], direction: [0, 1, 0], surface: argon })],
        vessels: [{ center_mm: [6, 0, 15], direction: [0, 1, 0], diameter_mm: 4, wall: 'convective', h_w_m2k: 458, blood_c: 37 }],
        protocol: [{ phase: 'freeze', duration_s: 600, power: 1 }],
      }),
    },
  ];
}
