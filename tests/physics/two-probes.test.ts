/**
 * Two identical probes placed symmetrically about the mid-plane x = 0 (planar)
 * give a mirror-symmetric field, and their merged ice ball is larger than either
 * probe's alone.
 */
import { describe, expect, it } from 'vitest';
import type { Probe } from '../../scenarios/schema.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';

const argon = { model: 'convective' as const, gas_c: -186, h_w_m2k: 4000 };
const at = (x: number) => probe({ diameter_mm: 1.47, tip_mm: [x, 0, 15], direction: [0, 1, 0], surface: argon });
const run = (probes: Probe[]) =>
  runScenario(scenario({
    solver: { precision: 'f64' },
    geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [40, 30] },
    tissue: tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2000 }),
    skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
    far_field: { boundary: 'temperature', temperature_c: 37 },
    probes,
    protocol: [{ phase: 'freeze', duration_s: 240, power: 1 }],
    output: { interval_s: 60, isotherms_c: [0, -40] },
  }), loadKernels(), { frames: true });

describe('two probes', () => {
  const pair = run([at(-5), at(5)]);
  const left = run([at(-5)]);

  it('give a mirror-symmetric field about x = 0', () => {
    const f = pair.frames!;
    let worst = 0;
    for (const t of f.temperatures_c) {
      for (let k = 0; k < f.nz; k++) {
        for (let i = 0; i < f.nx; i++) worst = Math.max(worst, Math.abs(t[i + f.nx * k] - t[f.nx - 1 - i + f.nx * k]));
      }
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('merge into an ice ball larger than either alone', () => {
    for (const level of ['0', '-40']) {
      const both = pair.result.isotherms[level].area_mm2!.at(-1)!;
      const one = left.result.isotherms[level].area_mm2!.at(-1)!;
      expect(both).toBeGreaterThan(one);
    }
    // Ten millimetres apart after 4 minutes the 0 °C fronts have joined: the mid-plane is frozen.
    const f = pair.frames!;
    const mid = f.temperatures_c.at(-1)![Math.floor(f.nx / 2) + f.nx * Math.round((15 - f.z0_mm) / f.spacing_mm)];
    expect(mid).toBeLessThan(0);
  });
});
