/**
 * The wasm kernel computes exactly the documented stencil: stepping the same
 * state with the plain-JS port (tests/bench/js-stencil.ts) gives the same
 * enthalpies to round-off, in axisymmetric and planar scenes with probes,
 * a vessel, skin and far-field links.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../workers/engine/compile.ts';
import { Simulation } from '../../workers/engine/simulation.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { benchScenes } from '../bench/bench-scenes.ts';
import { cloneViews, jsStep } from '../bench/js-stencil.ts';

describe('wasm kernel vs plain-JS reference stencil', () => {
  for (const { name, scenario } of benchScenes(1)) {
    it(`agrees on ${name}`, () => {
      const model = compileScenario(scenario);
      const g = model.grid;
      const sim = new Simulation(loadKernels().f64, model);
      sim.beginSegment(model.segments[0]);
      sim.advance(50, model.dtS);
      const state = { NX: g.NX, NZ: g.NZ, invDx2: 1 / g.spacingM ** 2, invDz2: 1 / g.spacingM ** 2, v: cloneViews(sim.kernel.f64Views!), scratch: new Float64Array(g.NX) };
      sim.advance(300, model.dtS);
      jsStep(state, 300, sim.timeS - 300 * model.dtS, model.dtS);
      let worst = 0;
      const h = sim.kernel.f64Views!.h;
      for (let c = 0; c < h.length; c++) worst = Math.max(worst, Math.abs(h[c] - state.v.h[c]) / (Math.abs(h[c]) + 1e3));
      expect(worst).toBeLessThan(1e-12);
      expect(sim.kernel.views.t.some((t) => t < -1)).toBe(true); // the scene really froze
    });
  }
});
