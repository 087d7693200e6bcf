/**
 * The film between a boundary link's cell and its owner is written twice: the kernels step the
 * heat through it (wasm/assembly/boundary-links.ts applyLinks) and the host reads the surface
 * temperature off it (Simulation.linkSurfaceC, for probe temperatures and fields). Both must be
 * the same film: the heat the kernel books in one step equals, link by link summed, the
 * conduction from each cell centre to the surface temperature the host reports,
 * a_T · (k/s) · (T_surface − T_cell) · volume, on both kernels, for a convective probe, a
 * convective skin and a held far field.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../workers/engine/compile.ts';
import { Simulation } from '../../workers/engine/simulation.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';

describe('probe film: host surface temperatures agree with the kernel’s link heat', () => {
  for (const precision of ['f64', 'f32'] as const) {
    it(precision, () => {
      const s = scenario({
        geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [15, 25] },
        tissue: tissue({ perfusion_w_m3k: 0, metabolic_w_m3: 0 }),
        skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
        far_field: { boundary: 'temperature', temperature_c: 37 },
        probes: [probe({ tip_mm: [0, 0, 15], direction: [0, 0, 1], active_length_mm: 8, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3000 } })],
        solver: { precision },
      });
      const model = compileScenario(s);
      const sim = new Simulation(loadKernels(), model, { twoRate: false });
      sim.beginSegment(model.segments[0]);
      sim.advance(200, model.dtS);

      const L = sim.cells.links;
      const v = sim.kernel.views;
      const surfaceC: Float64Array = sim['linkSurfaceC'](v.t);
      let expectedW = 0;
      let activeLinks = 0;
      for (let l = 0; l < L.cell.length; l++) {
        if (!(L.aT[l] > 0)) continue;
        const c = L.cell[l];
        const w = L.aT[l] * (v.k[c] / L.s[l]) * (surfaceC[l] - v.t[c]) * L.vol[l];
        if (w !== 0) activeLinks++;
        expectedW += w;
      }
      // Probe, skin and far field all carry heat: the check is not carried by one of them alone.
      expect(activeLinks).toBeGreaterThan(20);
      expect(expectedW).toBeLessThan(0);

      const dtS = model.dtS;
      sim.kernel.exports.resetEnergy();
      sim.advance(1, dtS);
      const kernelW = sim.kernel.exports.getBoundaryEnergy() / dtS;
      expect(Math.abs(kernelW - expectedW) / Math.abs(expectedW)).toBeLessThan(1e-9);
    });
  }
});
