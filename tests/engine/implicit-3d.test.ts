/**
 * The implicit (BDF2) integrator in 3D (7-point operator, MIC(0) with three lower neighbours): a
 * probe beside a blood vessel against the explicit f64 kernel — 0 and −20 °C isotherms within
 * 0.1 mm at every output time, energy closed. (Covered for accuracy; whether it is faster at a
 * given spacing is what "auto" predicts, docs/method.md §5c.)
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/schema.ts';
import { isothermShiftMm } from '../support/precision-compare.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

describe('implicit integrator in 3D', () => {
  it('matches the explicit f64 kernel beside a vessel', () => {
    const base = scenario({
      geometry: { mode: '3d', spacing_mm: 1, size_mm: [16, 16, 24] },
      tissue: tissue({ solidus_c: -8, liquidus_c: -1 }),
      probes: [probe({ tip_mm: [0, 0, 16], direction: [0, 0, 1], active_length_mm: 8, diameter_mm: 1.47 })],
      vessels: [{ center_mm: [5, 0, 12], direction: [0, 1, 0], diameter_mm: 2, wall: 'temperature', blood_c: 37 }],
      protocol: [{ phase: 'freeze', duration_s: 120, power: 1 }],
      output: { interval_s: 20, isotherms_c: [0, -20] },
    });
    const run = (integrator: 'explicit' | 'implicit') => simulate({ ...base, solver: { precision: 'f64', integrator } } as Scenario);
    const ex = run('explicit');
    const im = run('implicit');
    expect(im.solver.integrator).toBe('implicit');
    expect(Math.max(...ex.isotherms['0'].radius_mm.map((r) => r ?? 0))).toBeGreaterThan(5);
    expect(isothermShiftMm(ex, im)).toBeLessThan(0.1);
    expect(im.energy!.relative_error).toBeLessThan(1e-9);
  });
});
