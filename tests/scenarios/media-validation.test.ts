/**
 * The bench-boundary and medium fields: accepted shapes resolve as documented, and every
 * malformed one is refused with its JSON path and a fix.
 */
import { describe, expect, it } from 'vitest';
import { TISSUE_PRESETS, validateScenario } from '../../scenarios/index.ts';
import { minimalAxisymmetric } from './fixtures.ts';

const issuesOf = (mutate: (f: Record<string, any>) => void) => {
  const f = minimalAxisymmetric();
  mutate(f);
  return validateScenario(f).issues;
};
const resolved = (mutate: (f: Record<string, any>) => void) => {
  const f = minimalAxisymmetric();
  mutate(f);
  const v = validateScenario(f);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.scenario;
};

describe('far field', () => {
  it('accepts one convective condition, or sides and bottom apart', () => {
    const one = { boundary: 'convective', ambient_c: 22, h_w_m2k: 50 };
    expect(resolved((f) => (f.far_field = one)).far_field).toEqual(one);
    const split = { sides: one, bottom: { boundary: 'temperature', temperature_c: 20 } };
    expect(resolved((f) => (f.far_field = split)).far_field).toEqual(split);
  });

  it.each([
    ['convective without h', { boundary: 'convective', ambient_c: 22 }, 'far_field.h_w_m2k', /missing/],
    ['sides with a bad h', { sides: { boundary: 'convective', ambient_c: 22, h_w_m2k: -1 }, bottom: { boundary: 'insulated' } }, 'far_field.sides.h_w_m2k', /> 0/],
    ['split without bottom', { sides: { boundary: 'insulated' } }, 'far_field.bottom', /missing/],
    ['both forms at once', { boundary: 'insulated', sides: { boundary: 'insulated' }, bottom: { boundary: 'insulated' } }, 'far_field.boundary', /either one condition/],
    ['unknown kind', { sides: { boundary: 'radiative' }, bottom: { boundary: 'insulated' } }, 'far_field.sides.boundary', /"convective"/],
  ])('%s → %s', (_name, far, path, message) => {
    const issues = issuesOf((f) => (f.far_field = far));
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
  });
});

describe('bath exchange', () => {
  it('the bath follows the starting temperature unless given', () => {
    expect(resolved((f) => (f.tissue = { preset: 'saline', initial_c: 27, bath_exchange_w_m3k: 5e4 })).tissue).toMatchObject({ bath_c: 27, bath_exchange_w_m3k: 5e4 });
    expect(resolved((f) => (f.tissue = { preset: 'saline', initial_c: 27, bath_c: 24 })).tissue.bath_c).toBe(24);
  });

  it('is refused with stasis, which would keep it off after thaw', () => {
    const issues = issuesOf((f) => (f.tissue = { preset: 'generic', bath_exchange_w_m3k: 1e4, perfusion_after_thaw: 'stasis' }));
    expect(issues).toEqual([{ path: 'tissue.bath_exchange_w_m3k', message: expect.stringMatching(/"resume"/) }]);
  });

  it('a negative coefficient names the field and unit', () => {
    const issues = issuesOf((f) => (f.tissue = { preset: 'saline', bath_exchange_w_m3k: -5 }));
    expect(issues[0]).toMatchObject({ path: 'tissue.bath_exchange_w_m3k', message: expect.stringMatching(/≥ 0 and ≤ 1e\+7 \(W\/m³\/K\)/) });
  });
});

describe('frozen-property models', () => {
  it('accepts "constant", "ice_law" and a sorted table, in layers too', () => {
    const s = resolved((f) => {
      f.tissue = { preset: 'generic', k_frozen_model: 'ice_law', c_frozen_model: { table: [[-150, 1.2e6], [-8, 1.8e6]] } };
      f.layers = [{ from_depth_mm: 0, to_depth_mm: 2, tissue: { preset: 'skin', k_frozen_model: { table: [[-100, 2.5], [-8, 1.5]] } } }];
    });
    expect(s.tissue.k_frozen_model).toBe('ice_law');
    expect(s.tissue.c_frozen_model).toEqual({ table: [[-150, 1.2e6], [-8, 1.8e6]] });
    expect(s.layers[0].tissue.k_frozen_model).toEqual({ table: [[-100, 2.5], [-8, 1.5]] });
    expect(s.layers[0].tissue.c_frozen_model).toBe('constant');
  });

  it.each([
    ['unknown name', 'slack', 'tissue.k_frozen_model', /"constant", "ice_law"/],
    ['one row', { table: [[-10, 2]] }, 'tissue.k_frozen_model.table', /at least 2 rows/],
    ['unsorted', { table: [[-10, 2], [-50, 3]] }, 'tissue.k_frozen_model.table[1][0]', /sort the rows/],
    ['repeated temperature', { table: [[-10, 2], [-10, 3]] }, 'tissue.k_frozen_model.table[1][0]', /increase strictly/],
    ['zero value', { table: [[-50, 0], [-10, 2]] }, 'tissue.k_frozen_model.table[0][1]', /> 0/],
    ['not a pair', { table: [[-50, 2, 3], [-10, 2]] }, 'tissue.k_frozen_model.table[0]', /pair/],
    ['NaN-like string', { table: [[-50, 'x'], [-10, 2]] }, 'tissue.k_frozen_model.table[0][1]', /number/],
    ['below absolute zero', { table: [[-300, 2], [-10, 2]] }, 'tissue.k_frozen_model.table[0][0]', /> -273.15/],
    ['too many rows', { table: Array.from({ length: 201 }, (_, i) => [-200 + i, 2]) }, 'tissue.k_frozen_model.table', /at most 200/],
    ['unknown key', { table: [[-50, 2], [-10, 2]], law: 1 }, 'tissue.k_frozen_model.law', /unknown field/],
  ])('%s → %s', (_name, model, path, message) => {
    const issues = issuesOf((f) => (f.tissue = { preset: 'generic', k_frozen_model: model }));
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
  });
});

describe('medium presets', () => {
  it('carry the data sources: PBS freezes at −0.52 °C, GelMA at −2.8 °C with 284 kJ/kg', () => {
    expect(TISSUE_PRESETS.saline.props.liquidus_c.value).toBe(-0.52);
    expect(TISSUE_PRESETS.gelma.props.liquidus_c.value).toBe(-2.8);
    expect(TISSUE_PRESETS.gelma.props.latent_j_m3.value).toBe(2.84e8);
    expect(TISSUE_PRESETS.water.props.latent_j_m3.value).toBe(3.34e8);
    expect(TISSUE_PRESETS.saline.props.latent_j_m3.value).toBeCloseTo(3.34e8 * 0.99, -6);
  });

  it.each(['water', 'saline', 'agar', 'gelma', 'generic', 'muscle', 'fat', 'skin', 'nerve', 'gel'] as const)(
    '%s: every number of a thermal property has a plausible range around it',
    (id) => {
      const props = TISSUE_PRESETS[id].props;
      for (const key of ['k_unfrozen_w_mk', 'k_frozen_w_mk', 'c_unfrozen_j_m3k', 'c_frozen_j_m3k', 'latent_j_m3', 'liquidus_c'] as const) {
        const p = props[key];
        if (key === 'liquidus_c' && !p.range) continue; // a pure substance's melting point
        expect(p.range, `${id}.${key}`).toBeDefined();
        expect(p.range!.low, `${id}.${key}`).toBeLessThanOrEqual(p.value);
        expect(p.range!.high, `${id}.${key}`).toBeGreaterThanOrEqual(p.value);
      }
    },
  );
});
