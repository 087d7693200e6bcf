/**
 * Presets and defaults resolve as documented: tissue preset + overrides, layers inheriting
 * the scenario tissue, device preset + explicit probe fields, and every omitted section.
 */
import { describe, expect, it } from 'vitest';
import {
  BLOOD_RHO_C_J_M3K,
  DEFAULT_ACTIVE_THAW_C,
  DEFAULT_FAR_FIELD,
  DEFAULT_OUTPUT,
  DEFAULT_SKIN,
  DEVICE_PRESETS,
  tissuePresetValues,
  validateScenario,
  type Scenario,
} from '../../scenarios/index.ts';
import { minimalAxisymmetric, minimalPlanar } from './fixtures.ts';

function resolved(s: unknown): Scenario {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.scenario;
}

describe('defaults', () => {
  it('fills every omitted section', () => {
    const s = resolved(minimalAxisymmetric());
    expect(s.schema).toBe('cryo-scenario/1');
    expect(s.source).toBe('');
    expect(s.assumptions).toEqual([]);
    expect(s.tissue).toEqual(tissuePresetValues('generic'));
    expect(s.layers).toEqual([]);
    expect(s.skin).toEqual({ boundary: 'convective', ambient_c: 22, h_w_m2k: 10 });
    expect(s.skin).toEqual(DEFAULT_SKIN);
    expect(s.far_field).toEqual({ boundary: 'temperature', temperature_c: 37 });
    expect(s.far_field).toEqual(DEFAULT_FAR_FIELD);
    expect(s.output).toEqual({ interval_s: 10, isotherms_c: [0, -20, -40] });
    expect(s.output).toEqual(DEFAULT_OUTPUT);
    expect(s.nerve).toBeNull();
    expect(s.vessels).toEqual([]);
    expect(s.sensors).toEqual([]);
    expect(s.solver).toEqual({});
  });

  it('defaults freeze power to 1 and active thaw to the preset temperature', () => {
    const s = resolved(minimalAxisymmetric());
    expect(s.protocol).toEqual([
      { phase: 'freeze', duration_s: 60, power: 1 },
      { phase: 'passive_thaw', duration_s: 30 },
      { phase: 'active_thaw', duration_s: 30, temperature_c: 20 },
    ]);
    expect(DEFAULT_ACTIVE_THAW_C.value).toBe(20);
  });

  it('omitted tissue means the generic preset', () => {
    const f = minimalAxisymmetric();
    delete f.tissue;
    expect(resolved(f).tissue).toEqual(tissuePresetValues('generic'));
  });

  it('tissue = preset + overrides', () => {
    const f = minimalAxisymmetric();
    f.tissue = { preset: 'muscle', perfusion_w_m3k: 0, perfusion_after_thaw: 'stasis' };
    expect(resolved(f).tissue).toEqual({
      ...tissuePresetValues('muscle'),
      perfusion_w_m3k: 0,
      perfusion_after_thaw: 'stasis',
    });
  });

  it('perfusion coefficients are w_b × 1050 × 3617', () => {
    expect(BLOOD_RHO_C_J_M3K).toBe(3_797_850);
    expect(tissuePresetValues('generic').perfusion_w_m3k).toBeCloseTo(5e-4 * 3_797_850, 9);
    expect(tissuePresetValues('nerve').perfusion_w_m3k).toBeCloseTo(2e-3 * 3_797_850, 9);
    expect(tissuePresetValues('gel').perfusion_w_m3k).toBe(0);
  });

  it('a layer without a preset inherits the resolved scenario tissue; with one, its preset', () => {
    const f = minimalAxisymmetric();
    f.tissue = { preset: 'muscle', k_unfrozen_w_mk: 0.6 };
    f.layers = [
      { from_depth_mm: 0, to_depth_mm: 2, tissue: { metabolic_w_m3: 0 } },
      { from_depth_mm: 2, to_depth_mm: 6, tissue: { preset: 'fat', initial_c: 35 } },
    ];
    const s = resolved(f);
    expect(s.layers[0].tissue).toEqual({ ...tissuePresetValues('muscle'), k_unfrozen_w_mk: 0.6, metabolic_w_m3: 0 });
    // A bath (unused here) starts at the tissue's starting temperature unless given.
    expect(s.layers[1].tissue).toEqual({ ...tissuePresetValues('fat'), initial_c: 35, bath_c: 35 });
    expect(s.layers.map((l) => [l.from_depth_mm, l.to_depth_mm])).toEqual([[0, 2], [2, 6]]);
  });

  it('probe = device preset, direction [0, 0, 1]', () => {
    const p = resolved(minimalAxisymmetric()).probes[0];
    const d = DEVICE_PRESETS['icesphere-17g'];
    expect(p).toEqual({
      device: 'icesphere-17g',
      diameter_mm: d.diameter_mm,
      active_length_mm: d.active_length_mm,
      tip_mm: [0, 0, 20],
      direction: [0, 0, 1],
      surface: d.surface,
    });
  });

  it('explicit probe fields win over the device; same-model surface fields merge', () => {
    const f = minimalAxisymmetric();
    f.probes[0] = { device: 'icesphere-17g', tip_mm: [0, 0, 20], diameter_mm: 2, active_length_mm: 8, surface: { h_w_m2k: 1500 } };
    const p = resolved(f).probes[0];
    expect(p.diameter_mm).toBe(2);
    expect(p.active_length_mm).toBe(8);
    expect(p.surface).toEqual({ model: 'convective', gas_c: -186, h_w_m2k: 1500 });
  });

  it('a surface of another model replaces the device surface; cooldown defaults to 0', () => {
    const f = minimalAxisymmetric();
    f.probes[0].surface = { model: 'temperature', temperature_c: -120 };
    expect(resolved(f).probes[0].surface).toEqual({ model: 'temperature', temperature_c: -120, cooldown_s: 0 });
  });

  it('preset objects are not shared with the resolved scenario', () => {
    const s = resolved(minimalAxisymmetric());
    (s.probes[0].surface as { h_w_m2k: number }).h_w_m2k = 1;
    s.tissue.k_frozen_w_mk = 99;
    expect((DEVICE_PRESETS['icesphere-17g'].surface as { h_w_m2k: number }).h_w_m2k).not.toBe(1);
    expect(tissuePresetValues('generic').k_frozen_w_mk).toBe(2);
  });

  it('normalises directions', () => {
    const f = minimalAxisymmetric();
    f.probes[0].direction = [0, 0, 5];
    f.nerve = { center_mm: [4, 0, 15], direction: [0, 3, 4], diameter_mm: 3 };
    const s = resolved(f);
    expect(s.probes[0].direction).toEqual([0, 0, 1]);
    expect(s.nerve!.direction).toEqual([0, 0.6, 0.8]);
  });

  it('planar: probes, nerve and vessels default to (and are stored as) [0, 1, 0]', () => {
    const f = minimalPlanar();
    delete f.nerve.direction;
    f.vessels[0].direction = [0, -2, 0];
    const s = resolved(f);
    expect(s.probes[0].direction).toEqual([0, 1, 0]);
    expect(s.nerve!.direction).toEqual([0, 1, 0]);
    expect(s.vessels[0].direction).toEqual([0, 1, 0]);
  });

  it('vessels default to a convective wall with h = Nu k / D and blood at 37 °C', () => {
    const v = resolved(minimalPlanar()).vessels[0];
    expect(v.wall).toBe('convective');
    expect(v.blood_c).toBe(37);
    expect(v.h_w_m2k).toBeCloseTo(457.5, 6); // docs/physics.md §5: ≈ 458 W/m²/K for D = 4 mm
  });

  it('a pure line sink may have zero diameter', () => {
    const f = minimalAxisymmetric();
    f.probes[0] = { diameter_mm: 0, active_length_mm: 10, tip_mm: [0, 0, 20], surface: { model: 'line_sink', w_per_m: 80 } };
    const p = resolved(f).probes[0];
    expect(p.device).toBeNull();
    expect(p.diameter_mm).toBe(0);
    expect(p.surface).toEqual({ model: 'line_sink', w_per_m: 80 });
  });

  it('no probes are allowed when the skin is held at a fixed temperature', () => {
    const f = minimalAxisymmetric();
    f.probes = [];
    f.skin = { boundary: 'temperature', temperature_c: -150 };
    const s = resolved(f);
    expect(s.probes).toEqual([]);
    expect(s.skin).toEqual({ boundary: 'temperature', temperature_c: -150 });
  });

  it('a JSON round trip of a resolved scenario validates to itself', () => {
    const s = resolved(minimalPlanar());
    expect(resolved(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
