/**
 * Pulling a probe back between freezes: the ice that was ever formed (the
 * envelope of the 0 °C and −40 °C isotherms) is the union of the two ice balls —
 * it reaches as deep as a freeze at the first position and as shallow as a
 * freeze at the second, and holds at least as much as either — and heat is
 * still conserved when the probe leaves and covers cells.
 */
import { describe, expect, it } from 'vitest';
import type { Phase, Result } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const argon = { model: 'convective' as const, gas_c: -186, h_w_m2k: 4000 };
const run = (protocol: Phase[], tipMm: number, precision: 'f32' | 'f64' = 'f32'): Result =>
  simulate(scenario({
    solver: { precision },
    geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [20, 60] },
    tissue: tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2000, metabolic_w_m3: 1000 }),
    skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
    far_field: { boundary: 'temperature', temperature_c: 37 },
    probes: [probe({ tip_mm: [0, 0, tipMm], active_length_mm: 10, surface: argon })],
    protocol,
    output: { interval_s: 20, isotherms_c: [0, -40] },
  }));
const freeze: Phase = { phase: 'freeze', duration_s: 120, power: 1 };

describe('repositioning a probe between freezes', () => {
  const deep = run([freeze], 45);
  const shallow = run([freeze], 30);
  const moved = run([freeze, { phase: 'reposition', duration_s: 20, probe: 0, tip_mm: [0, 0, 30] }, freeze], 45);

  for (const level of ['0', '-40']) {
    it(`gives the union of both ice balls at ${level} °C`, () => {
      const [a, b, m] = [deep.envelope![level], shallow.envelope![level], moved.envelope![level]];
      expect(m.bottom_depth_mm!).toBeGreaterThanOrEqual(a.bottom_depth_mm! - 0.25);
      expect(m.top_depth_mm!).toBeLessThanOrEqual(b.top_depth_mm! + 0.25);
      expect(m.volume_ml!).toBeGreaterThan(Math.max(a.volume_ml!, b.volume_ml!));
      // The second freeze starts in tissue the first has chilled, so the union may exceed the sum only slightly.
      expect(m.volume_ml!).toBeLessThan(1.25 * (a.volume_ml! + b.volume_ml!));
    });
  }

  it('labels the move and keeps the envelope at least as large as any moment', () => {
    expect(moved.phase).toContain('reposition');
    const series = moved.isotherms['0'].volume_ml!;
    expect(moved.envelope!['0'].volume_ml!).toBeGreaterThanOrEqual(Math.max(...series) - 1e-9);
  });

  it('conserves energy across the move (f64 reference)', () => {
    const r = run([freeze, { phase: 'reposition', duration_s: 20, probe: 0, tip_mm: [0, 0, 30] }, freeze], 45, 'f64');
    expect(r.energy!.reposition_j).toBeDefined();
    expect(r.energy!.relative_error).toBeLessThan(1e-9);
  });
});

describe('reposition phases in scenario files', () => {
  const base = (protocol: unknown[], mode = 'axisymmetric') => ({
    schema: 'cryo-scenario/1', name: 'move',
    geometry: { mode, spacing_mm: 0.5, size_mm: [20, 60] },
    tissue: { preset: 'generic' },
    probes: [mode === 'planar' ? { device: 'icesphere-17g', tip_mm: [0, 0, 30], direction: [0, 1, 0] } : { device: 'icesphere-17g', tip_mm: [0, 0, 40] }],
    protocol,
  });

  it('resolves a pull-back to a new tip along the tract', () => {
    const v = validateScenario(base([{ phase: 'freeze', duration_s: 60 }, { phase: 'reposition', duration_s: 10, pull_back_mm: 12 }, { phase: 'freeze', duration_s: 60 }]));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.scenario.protocol[1]).toMatchObject({ phase: 'reposition', probe: 0, tip_mm: [0, 0, 28], pull_back_mm: 12 });
  });

  it.each([
    ['a pull-back that lifts the cold segment above the skin', [{ phase: 'reposition', duration_s: 10, pull_back_mm: 30 }], 'axisymmetric', /^protocol\[0\]\.active_length_mm: /],
    ['an off-axis tip in axisymmetric mode', [{ phase: 'reposition', duration_s: 10, tip_mm: [3, 0, 30] }], 'axisymmetric', /^protocol\[0\]\.tip_mm: .*axis/],
    ['a probe that does not exist', [{ phase: 'reposition', duration_s: 10, probe: 2, pull_back_mm: 5 }], 'axisymmetric', /^protocol\[0\]\.probe: there is no probe 2/],
    ['both a pull-back and a tip', [{ phase: 'reposition', duration_s: 10, pull_back_mm: 5, tip_mm: [0, 0, 30] }], 'axisymmetric', /^protocol\[0\]: .*exactly one/],
    ['a pull-back in planar mode', [{ phase: 'reposition', duration_s: 10, pull_back_mm: 5 }], 'planar', /^protocol\[0\]\.pull_back_mm: .*tip_mm/],
  ])('rejects %s', (_title, protocol, mode, message) => {
    const v = validateScenario(base(protocol, mode));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(message);
  });
});
