/**
 * The wasm kernel computes exactly the documented stencil: stepping the same
 * state with the plain-JS port (tests/bench/js-stencil.ts) gives the same
 * enthalpies bit for bit, in axisymmetric and planar scenes with probes,
 * a vessel, skin and far-field links, and in 3D. The port goes one cell at a
 * time; the kernel's flux and state passes take two cells at a time (f64x2)
 * with the same operations in the same order per lane, which this pins.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario, type CompiledModel } from '../../workers/engine/compile.ts';
import { Simulation } from '../../workers/engine/simulation.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { benchScenes } from '../bench/bench-scenes.ts';
import { cloneViews, jsStep, jsStep3d, type JsState } from '../bench/js-stencil.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';

/**
 * Steps a model 50 steps on the wasm f64 kernel, then 300 more on it and on the JS port from the
 * same state; returns how many cells' enthalpies differ in any bit.
 */
function stepBoth(model: CompiledModel, port: (s: JsState, n: number, time: number, dt: number) => number) {
  const g = model.grid;
  const sim = new Simulation(loadKernels().f64, model);
  sim.beginSegment(model.segments[0]);
  sim.advance(50, model.dtS);
  const inv2 = 1 / g.spacingM ** 2;
  const state = { NX: g.NX, NY: g.NY, NZ: g.NZ, invDx2: inv2, invDy2: inv2, invDz2: inv2, v: cloneViews(sim.kernel.f64Views!), scratch: new Float64Array(g.NX) };
  sim.advance(300, model.dtS);
  port(state, 300, sim.timeS - 300 * model.dtS, model.dtS);
  const h = sim.kernel.f64Views!.h;
  let differing = 0;
  for (let c = 0; c < h.length; c++) if (!Object.is(h[c], state.v.h[c])) differing++;
  return { differing, sim };
}

describe('wasm kernel vs plain-JS reference stencil', () => {
  for (const { name, scenario } of benchScenes(1)) {
    it(`agrees on ${name}`, () => {
      const { differing, sim } = stepBoth(compileScenario(scenario), jsStep);
      expect(differing).toBe(0);
      expect(sim.kernel.views.t.some((t) => t < -1)).toBe(true); // the scene really froze
    });
  }

  it('agrees in 3D: two probes in perfused tissue with a stasis rule, a vessel and a layer of another tissue', () => {
    const living = tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2500, metabolic_w_m3: 4200, perfusion_after_thaw: 'stasis' });
    const model = compileScenario(scenario({
      geometry: { mode: '3d', spacing_mm: 1, size_mm: [16, 14, 20] }, tissue: living,
      layers: [{ from_depth_mm: 0, to_depth_mm: 4, tissue: tissue({ k_unfrozen_w_mk: 0.3, solidus_c: -6, liquidus_c: -2 }) }],
      skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 }, far_field: { boundary: 'temperature', temperature_c: 37 },
      probes: [
        probe({ diameter_mm: 1.47, tip_mm: [-2, 0, 14], active_length_mm: 8, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3200 } }),
        probe({ diameter_mm: 1.47, tip_mm: [3, 1, 13], active_length_mm: 7, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3200 } }),
      ],
      vessels: [{ center_mm: [0, 0, 15], direction: [0, 1, 0], diameter_mm: 2, wall: 'convective', h_w_m2k: 458, blood_c: 37 }],
      protocol: [{ phase: 'freeze', duration_s: 120, power: 1 }],
    }));
    const { differing, sim } = stepBoth(model, jsStep3d);
    expect(differing).toBe(0);
    expect(sim.kernel.views.t.some((t) => t < -8)).toBe(true); // the scene really froze
  });
});
