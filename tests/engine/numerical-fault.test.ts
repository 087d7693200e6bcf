/**
 * A run whose temperatures become impossible stops with a message naming where,
 * when and the likely cause, instead of returning garbage. The fault is injected
 * by stepping at ten times the stability limit (RunOptions.faultInjection).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../workers/engine/run.ts';
import { NumericalFaultError } from '../../workers/engine/run-types.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';

const unstable = (precision: 'f32' | 'f64') =>
  scenario({
    solver: { precision },
    geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [15, 30] },
    tissue: tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2000 }),
    far_field: { boundary: 'temperature', temperature_c: 37 },
    probes: [probe({ tip_mm: [0, 0, 20], active_length_mm: 10 })],
    protocol: [{ phase: 'freeze', duration_s: 120, power: 1 }],
  });

describe('numerical fault detection', () => {
  for (const precision of ['f32', 'f64'] as const) {
    it(`stops an unstable ${precision} run with where, when and why`, () => {
      let error: unknown;
      try {
        runScenario(unstable(precision), loadKernels(), { faultInjection: { dtScale: 10 } });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NumericalFaultError);
      expect((error as Error).message).toMatch(/the temperature became .* at r = [\d.]+ mm, depth [\d.]+ mm after [\d.]+ s.*Likely cause/);
    });
  }

  it('does not fire on the same run at a stable step', () => {
    expect(() => runScenario(unstable('f32'), loadKernels())).not.toThrow();
  });
});
