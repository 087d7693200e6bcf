/**
 * Every default number carries a source or says it is an estimate, the values match the
 * physics reference, and every device preset makes a valid probe.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ACTIVE_THAW_C,
  DEFAULT_POWER,
  DEVICE_PRESETS,
  MAX_CELLS_2D,
  MAX_CELLS_3D,
  MAX_OUTPUTS,
  SKIN_MARGIN_MM,
  THRESHOLDS_C,
  TISSUE_PRESET_IDS,
  TISSUE_PRESETS,
  tissuePresetValues,
  validateScenario,
} from '../../scenarios/index.ts';
import { minimalAxisymmetric } from './fixtures.ts';

describe('tissue presets', () => {
  it.each(TISSUE_PRESET_IDS)('%s: every field sourced, values physical, and valid as a scenario tissue', (id) => {
    const preset = TISSUE_PRESETS[id];
    expect(preset.label.length).toBeGreaterThan(2);
    for (const [key, v] of Object.entries(preset.props)) {
      expect(v.source.length, `${id}.${key}`).toBeGreaterThan(5);
      expect(typeof v.estimate).toBe('boolean');
    }
    const t = tissuePresetValues(id);
    expect(t.solidus_c).toBeLessThan(t.liquidus_c);
    const f = minimalAxisymmetric();
    f.tissue = { preset: id };
    expect(validateScenario(f).issues).toEqual([]);
  });

  it('matches the physics reference table', () => {
    expect(tissuePresetValues('generic')).toMatchObject({
      k_unfrozen_w_mk: 0.5, k_frozen_w_mk: 2.0, c_unfrozen_j_m3k: 3.6e6, c_frozen_j_m3k: 1.8e6,
      latent_j_m3: 2.5e8, solidus_c: -8, liquidus_c: -1, metabolic_w_m3: 4200,
      arterial_c: 37, initial_c: 37, perfusion_after_thaw: 'resume',
    });
    expect(tissuePresetValues('gel')).toMatchObject({ latent_j_m3: 3.34e8, solidus_c: -1, liquidus_c: 0, perfusion_w_m3k: 0 });
    expect(tissuePresetValues('fat')).toMatchObject({ k_unfrozen_w_mk: 0.21, latent_j_m3: 6e7 });
  });

  it('marks the unknowns as estimates', () => {
    const nerve = TISSUE_PRESETS.nerve.props;
    expect(nerve.perfusion_w_m3k.estimate).toBe(true);
    expect(nerve.metabolic_w_m3.estimate).toBe(true);
    expect(nerve.metabolic_w_m3.value).toBe(TISSUE_PRESETS.generic.props.metabolic_w_m3.value);
    expect(TISSUE_PRESETS.muscle.props.k_frozen_w_mk.estimate).toBe(true);
    expect(TISSUE_PRESETS.generic.props.k_frozen_w_mk.estimate).toBe(false);
  });
});

describe('device presets', () => {
  it.each(Object.keys(DEVICE_PRESETS))('%s is documented and makes a valid probe', (id) => {
    const d = DEVICE_PRESETS[id];
    expect(d.source.length).toBeGreaterThan(20);
    for (const field of d.estimates) expect(field).toMatch(/^(diameter_mm|active_length_mm|surface\.[a-z_0-9]+)$/);
    const f = minimalAxisymmetric();
    f.geometry.size_mm = [30, 60];
    f.probes = [{ device: id, tip_mm: [0, 0, 35] }];
    expect(validateScenario(f).issues).toEqual([]);
  });

  it('uses the cryogen limits of the physics reference', () => {
    for (const d of Object.values(DEVICE_PRESETS)) {
      if (d.surface.model !== 'convective') continue;
      expect(d.surface.gas_c).toBe(d.cryogen === 'argon' ? -186 : -88);
    }
    expect(DEVICE_PRESETS['iceseed-17g'].diameter_mm).toBe(1.47);
    expect(DEVICE_PRESETS['nitrous-handheld']).toMatchObject({ diameter_mm: 0.41, surface: { model: 'temperature', temperature_c: -70 } });
  });
});

describe('thresholds, margins and limits', () => {
  it('carry the physics reference values', () => {
    expect(Object.fromEntries(Object.entries(THRESHOLDS_C).map(([k, v]) => [k, v.value]))).toEqual({
      lethal: -40, nerve_block: -20, neurotmesis: -100, skin_frozen: 0, skin_pigment: -5, skin_necrosis: -20,
    });
    expect(SKIN_MARGIN_MM.von_falck_2022.value).toBe(5);
    expect(SKIN_MARGIN_MM.yoon_2016.value).toBe(10);
    expect(DEFAULT_ACTIVE_THAW_C).toMatchObject({ value: 20, estimate: true });
    expect(DEFAULT_POWER).toBe(1);
    expect([MAX_CELLS_2D, MAX_CELLS_3D, MAX_OUTPUTS]).toEqual([4_000_000, 30_000_000, 100_000]);
  });
});
