/**
 * Two-rate stepping (f32 kernel): the cold box steps at the global time step, the
 * warm rest at its own unfrozen limit. Checked here: heat crossing the box boundary
 * is conserved (sources off, so total enthalpy change = boundary heat, as tight as
 * single-rate f32); the cold never leaves the box between two box updates; and a
 * built-in protocol, and generated scenes (probe models, powers, phase sequences,
 * skin conditions, layers, vessels, planar and axisymmetric), give the same answers
 * as single-rate stepping for a fraction of the cell updates. The exact-solution tests (exact-solutions.test.ts) run with
 * it on and check that it took part.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { Phase, Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { CELL } from '../../workers/engine/boundaries.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { Simulation } from '../../workers/engine/simulation.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const protocol: Phase[] = [
  { phase: 'freeze', duration_s: 90, power: 1 },
  { phase: 'passive_thaw', duration_s: 30 },
  { phase: 'active_thaw', duration_s: 30, temperature_c: 20 },
];

// No perfusion or metabolism: the f32 kernel books boundary heat only, so the balance is then complete.
const sourceless = (mode: 'axisymmetric' | 'planar'): Scenario => scenario({
  geometry: { mode, spacing_mm: 0.5, size_mm: [20, 30] },
  tissue: tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 0, metabolic_w_m3: 0 }),
  skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
  far_field: { boundary: 'temperature', temperature_c: 37 },
  probes: [probe({
    tip_mm: mode === 'planar' ? [0, 0, 15] : [0, 0, 18], direction: mode === 'planar' ? [0, 1, 0] : [0, 0, 1], active_length_mm: 8,
    surface: { model: 'convective', gas_c: -186, h_w_m2k: 3000 },
  })],
  protocol,
});

/** Steps a scenario through its protocol in the run loop's chunks, calling `each` after every chunk. */
function stepThrough(s: Scenario, twoRate: boolean, each: (sim: Simulation) => void = () => {}): Simulation {
  const model = compileScenario(s);
  const sim = new Simulation(loadKernels(), model, { twoRate });
  for (const seg of model.segments) {
    sim.beginSegment(seg);
    while (sim.timeS < seg.endS - 1e-9) {
      const whole = Math.floor((seg.endS - sim.timeS) / model.dtS + 1e-9);
      if (whole >= 1) sim.advance(Math.min(whole, 128), model.dtS);
      else sim.advance(1, seg.endS - sim.timeS);
      each(sim);
    }
  }
  return sim;
}

/** |ΔH_total − boundary heat| / |boundary heat| of an f32 run. */
function balanceError(sim: Simulation): { relative: number; boundaryJ: number } {
  const g = sim.model.grid;
  const h = sim.kernel.views.h;
  let change = 0;
  for (let c = 0; c < h.length; c++) if (sim.cells.kind[c] === CELL.TISSUE) change += h[c] * g.vol[c % g.NX];
  const boundaryJ = sim.kernel.exports.getBoundaryEnergy();
  return { relative: Math.abs(change - boundaryJ) / Math.abs(boundaryJ), boundaryJ };
}

describe('two-rate stepping', () => {
  for (const mode of ['axisymmetric', 'planar'] as const) {
    it(`conserves heat across the cold box boundary (${mode}, freeze, passive and active thaw)`, () => {
      const two = stepThrough(sourceless(mode), true);
      const one = stepThrough(sourceless(mode), false);
      expect(two.cellUpdates).toBeLessThan(0.7 * one.cellUpdates);
      const e2 = balanceError(two);
      const e1 = balanceError(one);
      expect(Math.abs(e2.boundaryJ)).toBeGreaterThan(1e-3);
      // f32 enthalpy round-off sets the floor for both; two-rate adds nothing visible to it.
      expect(e1.relative).toBeLessThan(1e-4);
      expect(e2.relative).toBeLessThan(Math.max(3 * e1.relative, 1e-5));
    });
  }

  it('keeps every cell at or below the liquidus inside the box it was stepped with', () => {
    const s = sourceless('axisymmetric');
    const liquidusC = s.tissue.liquidus_c;
    let checked = 0;
    stepThrough(s, true, (sim) => {
      const box = sim.lastBox;
      if (!box) return;
      const g = sim.model.grid;
      const t = sim.kernel.views.t;
      for (let c = 0; c < t.length; c++) {
        if (sim.cells.kind[c] !== CELL.TISSUE || t[c] > liquidusC) continue;
        const i = c % g.NX;
        const k = Math.floor(c / g.NX);
        expect(i >= box.i0 && i < box.i1 && k >= box.k0 && k < box.k1, `cell ${i},${k} at ${t[c]} °C outside the box`).toBe(true);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(1000);
  });

  it('never finds the cold outside the box it stepped with, even when a boundary freezes from the start', () => {
    // A skin held at −150 °C: the fastest start there is (the Neumann case), with no probe at all.
    const s = scenario({
      geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [4, 40] },
      tissue: tissue({ latent_j_m3: 3.0e8, solidus_c: -0.25, liquidus_c: 0.25 }),
      skin: { boundary: 'temperature', temperature_c: -150 },
      protocol: [{ phase: 'freeze', duration_s: 300, power: 1 }],
    });
    const sims = [stepThrough(s, true), stepThrough(sourceless('axisymmetric'), true), stepThrough(sourceless('planar'), true)];
    for (const sim of sims) {
      expect(sim.cellUpdates).toBeLessThan(0.7 * sim.steps * sim.model.grid.nx * sim.model.grid.nz);
      expect(sim.twoRateEscapes).toBe(0);
    }
  });

  it('gives a built-in protocol the single-rate answers for a fraction of the cell updates', () => {
    const file = structuredClone(BUILTIN_SCENARIOS['von-falck-2022']);
    file.geometry.spacing_mm = 0.5;
    const v = validateScenario(file);
    if (!v.ok) throw new Error('invalid built-in');
    const two = simulate(v.scenario, { twoRate: true });
    const one = simulate(v.scenario, { twoRate: false });
    expect(two.solver.cell_updates).toBeLessThan(0.5 * one.solver.cell_updates);
    for (const [level, series] of Object.entries(one.isotherms)) {
      for (const key of ['radius_mm', 'length_mm', 'top_depth_mm', 'bottom_depth_mm'] as const) {
        series[key].forEach((x, i) => {
          const y = two.isotherms[level][key][i];
          if (x === null || y === null) expect(y, `${level} ${key}[${i}]`).toBe(x);
          else expect(Math.abs(x - y), `${level} ${key}[${i}]`).toBeLessThan(0.01);
        });
      }
    }
    one.probes[0].surface_c.forEach((x, i) => expect(Math.abs(x - two.probes[0].surface_c[i])).toBeLessThan(0.01));
    expect(Math.abs(one.nerve!.min_c - two.nerve!.min_c)).toBeLessThan(0.01);
    expect(Math.abs(one.skin.min_c - two.skin.min_c)).toBeLessThan(0.01);
  });

  it('agrees with single-rate stepping on generated scenes', () => {
    const surface = fc.oneof(
      fc.record({ model: fc.constant('convective' as const), gas_c: fc.integer({ min: -186, max: -60 }), h_w_m2k: fc.integer({ min: 300, max: 6000 }) }),
      fc.record({ model: fc.constant('temperature' as const), temperature_c: fc.integer({ min: -170, max: -20 }), cooldown_s: fc.integer({ min: 0, max: 30 }) }),
    );
    const phase = fc.oneof(
      fc.record({ phase: fc.constant('freeze' as const), duration_s: fc.integer({ min: 10, max: 90 }), power: fc.double({ min: 0.2, max: 1, noNaN: true }) }),
      fc.record({ phase: fc.constant('passive_thaw' as const), duration_s: fc.integer({ min: 10, max: 60 }) }),
      fc.record({ phase: fc.constant('active_thaw' as const), duration_s: fc.integer({ min: 5, max: 40 }), temperature_c: fc.integer({ min: 10, max: 40 }) }),
    );
    const skin = fc.oneof(
      fc.record({ boundary: fc.constant('convective' as const), ambient_c: fc.integer({ min: -30, max: 30 }), h_w_m2k: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ boundary: fc.constant('temperature' as const), temperature_c: fc.integer({ min: -60, max: 37 }) }),
      fc.constant({ boundary: 'insulated' as const }),
    );
    const scene = fc.record({
      planar: fc.boolean(), spacingMm: fc.constantFrom(0.5, 1), depthMm: fc.integer({ min: 6, max: 20 }), surface, skin,
      protocol: fc.array(phase, { minLength: 1, maxLength: 3 }).map((ps) => [{ phase: 'freeze' as const, duration_s: 40, power: 1 }, ...ps]),
      perfusion: fc.integer({ min: 0, max: 8000 }), layerMm: fc.integer({ min: 0, max: 6 }), vessel: fc.boolean(),
    });
    fc.assert(fc.property(scene, (x) => {
      const s = scenario({
        geometry: { mode: x.planar ? 'planar' : 'axisymmetric', spacing_mm: x.spacingMm, size_mm: [x.planar ? 30 : 15, 30] },
        tissue: tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: x.perfusion, metabolic_w_m3: 4000 }),
        layers: x.layerMm > 0 ? [{ from_depth_mm: 0, to_depth_mm: x.layerMm, tissue: tissue({ k_unfrozen_w_mk: 0.21, k_frozen_w_mk: 0.3, latent_j_m3: 6e7, solidus_c: -8, liquidus_c: -1 }) }] : [],
        skin: x.skin,
        far_field: { boundary: 'temperature', temperature_c: 37 },
        probes: [probe({
          tip_mm: x.planar ? [0, 0, x.depthMm] : [0, 0, x.depthMm + 4], direction: x.planar ? [0, 1, 0] : [0, 0, 1], active_length_mm: 6,
          surface: x.surface,
        })],
        vessels: x.planar && x.vessel ? [{ center_mm: [6, 0, x.depthMm], direction: [0, 1, 0], diameter_mm: 2, wall: 'temperature', blood_c: 37 }] : [],
        protocol: x.protocol,
        output: { interval_s: 10, isotherms_c: [0, -20, -40] },
      });
      const two = simulate(s, { twoRate: true });
      const one = simulate(s, { twoRate: false });
      let shift = 0;
      for (const [level, series] of Object.entries(one.isotherms)) {
        for (const key of ['radius_mm', 'top_depth_mm', 'bottom_depth_mm'] as const) {
          series[key].forEach((a, i) => {
            const b = two.isotherms[level][key][i];
            shift = Math.max(shift, a === null || b === null ? (a === b ? 0 : Infinity) : Math.abs(a - b));
          });
        }
      }
      expect(shift).toBeLessThan(0.05);
      expect(Math.abs(one.skin.min_c - two.skin.min_c)).toBeLessThan(0.05);
    }), { numRuns: 60, seed: 20261122 });
  });
});
