/**
 * The time left that an implicit run reports (implicit-stepper.ts implicitWorkFraction): its
 * steps bunch where the probes change, so the share of work done is read from where the steps
 * are predicted to fall, not from the simulated time; checked against the steps the run took on
 * scenes outside the fit of the step model (docs/method.md §5c), and wired into the progress
 * events the CLI and the workbench show.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/schema.ts';
import type { Progress } from '../../workers/engine/run-types.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { ImplicitStepper, implicitWorkFraction } from '../../workers/engine/implicit-stepper.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

// Issue 12's standard run at 0.5 mm, and a freeze–thaw–freeze with perfusion: neither is in the
// built-in comparison the step model was fitted on.
const standard = scenario({
  geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [30, 60] },
  tissue: tissue({ k_unfrozen_w_mk: 0.5, k_frozen_w_mk: 2, c_unfrozen_j_m3k: 3.6e6, c_frozen_j_m3k: 1.8e6, latent_j_m3: 2.5e8, solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2500, metabolic_w_m3: 0 }),
  skin: { boundary: 'temperature', temperature_c: 37 },
  far_field: { boundary: 'temperature', temperature_c: 37 },
  probes: [probe({ diameter_mm: 1.47, active_length_mm: 20, tip_mm: [0, 0, 30], surface: { model: 'temperature', temperature_c: -150, cooldown_s: 0 } })],
  protocol: [{ phase: 'freeze', duration_s: 600, power: 1 }, { phase: 'passive_thaw', duration_s: 300 }, { phase: 'freeze', duration_s: 600, power: 1 }],
  output: { interval_s: 60, isotherms_c: [0, -20, -40] },
});
const freezeThaw = scenario({
  geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [15, 30] },
  tissue: tissue({ solidus_c: -8, liquidus_c: -1, latent_j_m3: 2.5e8, perfusion_w_m3k: 2500 }),
  probes: [probe({ diameter_mm: 1.47, active_length_mm: 10, tip_mm: [0, 0, 18] })],
  protocol: [{ phase: 'freeze', duration_s: 180, power: 1 }, { phase: 'passive_thaw', duration_s: 90 }, { phase: 'freeze', duration_s: 180, power: 1 }],
  output: { interval_s: 30, isotherms_c: [0, -20, -40] },
});

/** The end time of every implicit step the run takes. */
function stepEnds(s: Scenario): number[] {
  const ends: number[] = [];
  const step = ImplicitStepper.prototype.step;
  ImplicitStepper.prototype.step = function (this: ImplicitStepper, timeS: number, maxDtS: number, nLinks: number) {
    const dt = step.call(this, timeS, maxDtS, nLinks);
    ends.push(timeS + dt);
    return dt;
  };
  try {
    simulate({ ...s, solver: { integrator: 'implicit' } });
  } finally {
    ImplicitStepper.prototype.step = step;
  }
  return ends;
}

describe('progress of an implicit run', () => {
  // Measured worst gaps to the share of steps taken (at 5–90 % of the simulated time): the standard
  // run 0.240 against the simulated time's 0.374, the freeze–thaw–freeze 0.295 against 0.376.
  for (const [name, s, bound] of [['the standard run', standard, 0.26], ['a freeze, thaw and freeze', freezeThaw, 0.32]] as const) {
    it(`${name}: the predicted share of work follows the steps taken, closer than the simulated time does`, () => {
      const model = compileScenario({ ...s, solver: { integrator: 'implicit' } });
      const ends = stepEnds(s);
      let worstWork = 0;
      let worstTime = 0;
      for (const q of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]) {
        const t = q * model.totalS;
        const taken = ends.filter((e) => e <= t + 1e-9).length / ends.length;
        worstWork = Math.max(worstWork, Math.abs(implicitWorkFraction(model, t) - taken));
        worstTime = Math.max(worstTime, Math.abs(q - taken));
      }
      expect(worstWork).toBeLessThan(bound);
      expect(worstWork).toBeLessThan(worstTime - 0.05);
      expect(implicitWorkFraction(model, 0)).toBe(0);
      expect(implicitWorkFraction(model, model.totalS)).toBeCloseTo(1, 12);
    });
  }

  it('reports the time left from that share', () => {
    const model = compileScenario({ ...standard, solver: { integrator: 'implicit' } });
    const events: Progress[] = [];
    simulate({ ...standard, solver: { integrator: 'implicit' } }, { onProgress: (p) => events.push(p), progressIntervalS: 0 });
    const during = events.filter((p) => p.eta_s !== null && p.fraction < 1);
    expect(during.length).toBeGreaterThan(0);
    for (const p of during) {
      const w = implicitWorkFraction(model, p.time_s);
      expect(p.eta_s!).toBeCloseTo((p.elapsed_s * (1 - w)) / w, 9);
    }
  });
});
