/**
 * The finite-bath fields of a medium: accepted as documented, refused with the field's path and a
 * fix when out of range or given without what they act through.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/index.ts';
import { minimalAxisymmetric } from './fixtures.ts';

const check = (tissue: Record<string, unknown>) => {
  const f = minimalAxisymmetric();
  f.tissue = { preset: 'saline', initial_c: 27, ...tissue };
  return validateScenario(f);
};

describe('finite bath fields', () => {
  it('resolves a finite bath with a room', () => {
    const v = check({ bath_exchange_w_m3k: 5e4, bath_heat_capacity_j_k: 12.5, bath_room_w_k: 0.02, bath_room_c: 22 });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    expect(v.scenario.tissue).toMatchObject({ bath_c: 27, bath_heat_capacity_j_k: 12.5, bath_room_w_k: 0.02, bath_room_c: 22 });
  });

  it.each([
    ['zero heat capacity', { bath_exchange_w_m3k: 5e4, bath_heat_capacity_j_k: 0 }, 'tissue.bath_heat_capacity_j_k', /> 0/],
    ['heat capacity without exchange', { bath_heat_capacity_j_k: 12.5 }, 'tissue.bath_heat_capacity_j_k', /bath_exchange_w_m3k > 0/],
    ['room without a finite bath', { bath_exchange_w_m3k: 5e4, bath_room_w_k: 0.02 }, 'tissue.bath_room_w_k', /bath_heat_capacity_j_k/],
    ['room temperature without a finite bath', { bath_exchange_w_m3k: 5e4, bath_room_c: 20 }, 'tissue.bath_room_c', /bath_heat_capacity_j_k/],
    ['negative room conductance', { bath_exchange_w_m3k: 5e4, bath_heat_capacity_j_k: 12.5, bath_room_w_k: -1 }, 'tissue.bath_room_w_k', /≥ 0|>= 0/],
    ['room in kelvin', { bath_exchange_w_m3k: 5e4, bath_heat_capacity_j_k: 12.5, bath_room_c: 295 }, 'tissue.bath_room_c', /100/],
    ['text', { bath_exchange_w_m3k: 5e4, bath_heat_capacity_j_k: '12 J/K' }, 'tissue.bath_heat_capacity_j_k', /number/],
  ])('%s → %s', (_name, tissue, path, message) => {
    const v = check(tissue);
    expect(v.ok).toBe(false);
    const issue = v.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(v.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });
});
