/**
 * The implicit (BDF2) integrator with a measured `trace` surface: every step ends on a trace point
 * and takes the owner temperature at its end, so the run follows the piecewise-linear log. Held
 * against the explicit f64 kernel on a log with a fast cool-down, a plateau and a thaw ramp:
 * probe surface within 0.5 °C and the 0 °C isotherm within 0.1 mm at every output time, energy
 * closed. (The trace's thaw is a slow ramp; passive thaws are covered by builtin-scenarios-run and
 * implicit-property.)
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/schema.ts';
import { isothermShiftMm } from '../support/precision-compare.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

describe('implicit integrator with a trace surface', () => {
  it('follows the trace like the explicit kernel', () => {
    const base = scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [15, 30] },
      tissue: tissue({ solidus_c: -8, liquidus_c: -1 }),
      probes: [probe({
        tip_mm: [0, 0, 20], active_length_mm: 8, diameter_mm: 1.47,
        surface: { model: 'trace', offset_c: 0, points: [[0, 37], [20, -120], [150, -130], [240, -20]] },
      })],
      protocol: [{ phase: 'freeze', duration_s: 240, power: 1 }],
      output: { interval_s: 10, isotherms_c: [0] },
    });
    const run = (integrator: 'explicit' | 'implicit'): ReturnType<typeof simulate> => simulate({ ...base, solver: { precision: 'f64', integrator } } as Scenario);
    const ex = run('explicit');
    const im = run('implicit');
    expect(im.solver.integrator).toBe('implicit');
    ex.probes[0].surface_c.forEach((t, i) => expect(Math.abs(t - im.probes[0].surface_c[i]), `t = ${ex.times_s[i]}`).toBeLessThan(0.5));
    expect(isothermShiftMm(ex, im)).toBeLessThan(0.1);
    expect(im.energy!.relative_error).toBeLessThan(1e-9);
  });
});
