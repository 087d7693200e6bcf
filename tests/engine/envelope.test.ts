/**
 * The envelope ("largest extent during the run") holds every isotherm any output time showed:
 * - Tinnirello 2025 on the comparison anatomy at 0.5 mm: its thin probe's −40 °C zone lies
 *   between the probe surface and the first tissue cell centre (r ≈ 0.4–0.74 mm), which the
 *   per-cell minima alone lost once the probe thawed; the envelope was empty;
 * - Prologo 2017 there: its probe's coolant is at −40 °C behind a film, so its surface stays
 *   warmer (coldest −36.9 °C) and no −40 °C zone exists at any time nor in the envelope — a
 *   ghost value extrapolated past the surface (−45.7 °C in the tip cell) once made one up;
 * - property, on generated scenes (axisymmetric, planar, 3D; thaws and repositions): for every
 *   isotherm, the envelope radius ≥ the largest radius_mm of any output time, its top ≤ the
 *   shallowest top, its bottom ≥ the deepest bottom, its volume or area ≥ the largest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_COMPARISONS, expandComparison } from '../../scenarios/builtin.ts';
import type { Phase, Result } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { freeze, probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const nums = (a: (number | null | undefined)[] | undefined) => (a ?? []).filter((x): x is number => typeof x === 'number');

function expectEnvelopeHoldsEveryOutput(r: Result): void {
  for (const [level, s] of Object.entries(r.isotherms)) {
    const env = r.envelope![level];
    const radii = nums(s.radius_mm);
    if (radii.length === 0) continue;
    const where = `${r.scenario} ${level} °C`;
    expect(env.radius_mm, where).not.toBeNull();
    expect(env.radius_mm!, where).toBeGreaterThanOrEqual(Math.max(...radii) - 1e-9);
    expect(env.top_depth_mm!, where).toBeLessThanOrEqual(Math.min(...nums(s.top_depth_mm)) + 1e-9);
    expect(env.bottom_depth_mm!, where).toBeGreaterThanOrEqual(Math.max(...nums(s.bottom_depth_mm)) - 1e-9);
    const amount = env.volume_ml ?? env.area_mm2!;
    expect(amount, where).toBeGreaterThanOrEqual(Math.max(...nums(s.volume_ml ?? s.area_mm2)) - 1e-9);
  }
}

describe('envelope', () => {
  const runs = expandComparison(BUILTIN_COMPARISONS['comparison-nerve-20mm']);
  const runAt05 = (id: string) => {
    const file = structuredClone(runs.find((x) => x.id === id)!.scenario);
    file.geometry.spacing_mm = 0.5;
    const v = validateScenario(file);
    if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    return simulate(v.scenario);
  };

  it('tinnirello-2025 on the comparison anatomy keeps its −40 °C zone', () => {
    const r = runAt05('tinnirello-2025');
    expect(Math.max(...nums(r.isotherms['-40'].radius_mm))).toBeGreaterThan(0.5);
    expect(r.envelope!['-40'].radius_mm).not.toBeNull();
    expectEnvelopeHoldsEveryOutput(r);
  });

  it('prologo-2017 on the comparison anatomy has no −40 °C zone: its surface never reaches −40 °C', () => {
    const r = runAt05('prologo-2017');
    expect(Math.min(...r.probes[0].surface_c)).toBeGreaterThan(-40);
    expect(nums(r.isotherms['-40'].radius_mm)).toEqual([]);
    expect(r.envelope!['-40'].radius_mm).toBeNull();
    expect(r.envelope!['-20'].radius_mm).toBeGreaterThan(1);
    expectEnvelopeHoldsEveryOutput(r);
  });

  it('holds every isotherm of every output time on generated scenes', () => {
    const phase = fc.oneof(
      fc.record({ phase: fc.constant('freeze' as const), duration_s: fc.integer({ min: 10, max: 40 }), power: fc.double({ min: 0.3, max: 1, noNaN: true }) }),
      fc.record({ phase: fc.constant('passive_thaw' as const), duration_s: fc.integer({ min: 10, max: 40 }) }),
      fc.record({ phase: fc.constant('active_thaw' as const), duration_s: fc.integer({ min: 5, max: 30 }), temperature_c: fc.integer({ min: 10, max: 40 }) }),
    );
    const scene = fc.record({
      mode: fc.constantFrom('axisymmetric' as const, 'planar' as const, '3d' as const),
      diameterMm: fc.constantFrom(0.8, 1.2, 1.47, 2.4),
      surfaceC: fc.integer({ min: -170, max: -30 }),
      phases: fc.array(phase, { minLength: 1, maxLength: 3 }),
      pullBackMm: fc.constantFrom(0, 0, 3),
    });
    fc.assert(
      fc.property(scene, (x) => {
        const three = x.mode === '3d';
        const planar = x.mode === 'planar';
        const protocol: Phase[] = [freeze(30), ...x.phases];
        if (x.pullBackMm && !planar) protocol.push({ phase: 'reposition', duration_s: 5, probe: 0, tip_mm: [0, 0, 12 - x.pullBackMm], pull_back_mm: x.pullBackMm }, freeze(20));
        const r = simulate(scenario({
          geometry: { mode: x.mode, spacing_mm: three ? 1 : 0.5, size_mm: three ? [12, 12, 18] : [planar ? 16 : 8, 18] },
          tissue: tissue({ perfusion_w_m3k: 2000 }),
          probes: [probe({ diameter_mm: x.diameterMm, active_length_mm: 6, tip_mm: [0, 0, planar ? 9 : 12], direction: planar ? [0, 1, 0] : [0, 0, 1], surface: { model: 'temperature', temperature_c: x.surfaceC, cooldown_s: 5 } })],
          protocol,
          output: { interval_s: 5, isotherms_c: [0, -20, -40] },
        }));
        expectEnvelopeHoldsEveryOutput(r);
      }),
      { numRuns: 12, seed: 20261204 },
    );
  });
});
