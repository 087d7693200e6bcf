/**
 * The scenes the benchmark and the kernel-equivalence test step: a 17G argon
 * probe in perfused tissue, axisymmetric and planar at 0.25 mm, 3D at 0.5 mm;
 * and the end-to-end 3D scene of the speed goals (two probes and a vessel,
 * 0.5 mm, freeze 10 min, thaw 5 min, freeze 10 min).
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

/** Kernel-throughput scene in 3D (only the wasm kernels step 3D; the JS port is 2D). */
export function benchScene3d(): { name: string; scenario: Scenario } {
  return {
    name: '3D 30×30×40 mm (0.5 mm)',
    scenario: scenario({
      geometry: { mode: '3d', spacing_mm: 0.5, size_mm: [30, 30, 40] }, tissue: living,
      skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 }, far_field: { boundary: 'temperature', temperature_c: 37 },
      probes: [probe({ diameter_mm: 1.47, tip_mm: [0, 0, 25], active_length_mm: 15, surface: argon })],
      protocol: [{ phase: 'freeze', duration_s: 600, power: 1 }],
    }),
  };
}

/** The end-to-end 3D scene: two probes 10 mm apart and a 4-mm vessel, 0.5 mm, 10-5-10 min. */
export function goalScene3d(): Scenario {
  return scenario({
    name: '3D: two 17G probes and a 4-mm vessel, freeze 10 min, thaw 5 min, freeze 10 min',
    geometry: { mode: '3d', spacing_mm: 0.5, size_mm: [40, 30, 40] }, tissue: living,
    skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 }, far_field: { boundary: 'temperature', temperature_c: 37 },
    probes: [
      probe({ diameter_mm: 1.47, tip_mm: [-5, 0, 25], active_length_mm: 15, surface: argon }),
      probe({ diameter_mm: 1.47, tip_mm: [5, 0, 25], active_length_mm: 15, surface: argon }),
    ],
    vessels: [{ center_mm: [0, 0, 30], direction: [0, 1, 0], diameter_mm: 4, wall: 'convective', h_w_m2k: 458, blood_c: 37 }],
    protocol: [
      { phase: 'freeze', duration_s: 600, power: 1 },
      { phase: 'passive_thaw', duration_s: 300 },
      { phase: 'freeze', duration_s: 600, power: 1 },
    ],
    output: { interval_s: 30, isotherms_c: [0, -20, -40] },
  });
}
