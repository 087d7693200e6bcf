/**
 * Resolved scenarios for physics tests, built directly in code (bypassing the
 * file validator) so each test states exactly the physics it sets up.
 */
import type { Phase, Probe, Scenario, TissueProps } from '../../scenarios/schema.ts';

export function tissue(over: Partial<TissueProps> = {}): TissueProps {
  return {
    k_unfrozen_w_mk: 0.5, k_frozen_w_mk: 2.0, c_unfrozen_j_m3k: 3.6e6, c_frozen_j_m3k: 1.8e6,
    latent_j_m3: 3.0e8, solidus_c: -1, liquidus_c: 0, perfusion_w_m3k: 0, metabolic_w_m3: 0,
    arterial_c: 37, initial_c: 37, perfusion_after_thaw: 'resume',
    bath_exchange_w_m3k: 0, bath_c: over.initial_c ?? 37, k_frozen_model: 'constant', c_frozen_model: 'constant', ...over,
  };
}

export function scenario(over: Partial<Scenario> & Pick<Scenario, 'geometry'>): Scenario {
  return {
    schema: 'cryo-scenario/1', name: 'test', source: '', assumptions: [],
    tissue: tissue(), layers: [], skin: { boundary: 'insulated' }, far_field: { boundary: 'insulated' },
    probes: [], protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }], nerve: null, vessels: [], sensors: [],
    output: { interval_s: 60, isotherms_c: [0, -40] }, solver: {}, ...over,
  };
}

export function probe(over: Partial<Probe> = {}): Probe {
  return {
    device: null, diameter_mm: 1.5, active_length_mm: 20, tip_mm: [0, 0, 30], direction: [0, 0, 1],
    surface: { model: 'temperature', temperature_c: -150, cooldown_s: 0 }, ...over,
  };
}

export const freeze = (duration_s: number, power = 1): Phase => ({ phase: 'freeze', duration_s, power });
