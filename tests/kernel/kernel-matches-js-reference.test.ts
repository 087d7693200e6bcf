/**
 * The wasm kernel computes exactly the documented stencil: stepping the same
 * state with the plain-JS port (tests/bench/js-stencil.ts) gives the same
 * enthalpies bit for bit, in axisymmetric and planar scenes with probes,
 * a vessel, skin and far-field links. The port goes one cell at a time; the
 * kernel's flux and state passes take two cells at a time (f64x2) with the
 * same operations in the same order per lane, which this pins.
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
      const h = sim.kernel.f64Views!.h;
      let differing = 0;
      for (let c = 0; c < h.length; c++) if (!Object.is(h[c], state.v.h[c])) differing++;
      expect(differing).toBe(0);
      expect(sim.kernel.views.t.some((t) => t < -1)).toBe(true); // the scene really froze
    });
  }
});
