/**
 * Bench boundaries and media against exact solutions:
 * - a convective far field: a slab held at one face, convective at the bottom (linear steady
 *   profile through the film), and a slab heated inside, convective on both sides (parabola
 *   plus the film's rise); at two spacings, on both kernels;
 * - the bath exchange of a liquid medium: a uniform medium relaxes exponentially toward the
 *   bath, with perfusion toward the steady mean weighted by the two coefficients; off where frozen;
 *   the energy balance closes with it.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../scenarios/schema.ts';
import { scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';
import type { Precision } from '../../workers/engine/kernel-set.ts';

const at = (x: number, z: number): Vec3 => [x, 0, z];
/** Fast-diffusing, never-freezing material: steady within seconds on a 10 mm slab. */
const fast = tissue({ k_unfrozen_w_mk: 5, k_frozen_w_mk: 5, c_unfrozen_j_m3k: 1e6, c_frozen_j_m3k: 1e6, latent_j_m3: 0, solidus_c: -100, liquidus_c: -99 });

/** Slab 10 mm deep, face held at 30 °C, bottom convective to 0 °C (h = 500: Biot 1); steady after 150 s. */
function convectiveBottom(d: number, precision: Precision) {
  const L = 0.01, k = 5, h = 500, t0 = 30, tAmb = 0;
  const q = (t0 - tAmb) / (L / k + 1 / h);
  const depths = [1, 5, 9];
  const r = simulate(scenario({
    solver: { precision, integrator: 'explicit' },
    geometry: { mode: 'planar', spacing_mm: d, size_mm: [4 * d, 10] },
    tissue: fast,
    skin: { boundary: 'temperature', temperature_c: t0 },
    far_field: { sides: { boundary: 'insulated' }, bottom: { boundary: 'convective', ambient_c: tAmb, h_w_m2k: h } },
    protocol: [{ phase: 'freeze', duration_s: 150, power: 1 }],
    output: { interval_s: 150, isotherms_c: [0] },
    sensors: depths.map((z) => ({ name: `z${z}`, position_mm: at(0, z) })),
  }));
  return Math.max(...depths.map((z) => Math.abs(r.sensors[`z${z}`].at(-1)! - (t0 - (q * z * 1e-3) / k))));
}

/** Slab 10 mm wide along x heated by q_m = 2e5 W/m³, both sides convective to 20 °C (h = 200). */
function convectiveSides(d: number, precision: Precision) {
  const W = 0.01, k = 5, h = 200, qm = 2e5, tAmb = 20;
  const exact = (x: number) => tAmb + (qm * W) / 2 / h + (qm * ((W * W) / 4 - x * x)) / (2 * k);
  const xs = [0, 2.5, 4.5];
  const r = simulate(scenario({
    solver: { precision, integrator: 'explicit' },
    geometry: { mode: 'planar', spacing_mm: d, size_mm: [10, 4 * d] },
    tissue: { ...fast, metabolic_w_m3: qm, initial_c: exact(0) },
    far_field: { sides: { boundary: 'convective', ambient_c: tAmb, h_w_m2k: h }, bottom: { boundary: 'insulated' } },
    // The slab as a whole cools with c·(W/2)/h = 25 s: 500 s leave e⁻²⁰ of the start.
    protocol: [{ phase: 'freeze', duration_s: 500, power: 1 }],
    output: { interval_s: 500, isotherms_c: [0] },
    sensors: xs.map((x) => ({ name: `x${x}`, position_mm: at(x, 2 * d) })),
  }));
  return Math.max(...xs.map((x) => Math.abs(r.sensors[`x${x}`].at(-1)! - exact(x * 1e-3))));
}

describe('convective far field', () => {
  it.each(['f32', 'f64'] as const)('a convective bottom gives the exact linear profile through the film (%s)', (precision) => {
    const coarse = convectiveBottom(0.5, precision);
    const fine = convectiveBottom(0.25, precision);
    // Linear profiles are reproduced exactly by the scheme: both errors are round-off.
    expect(coarse).toBeLessThan(precision === 'f64' ? 1e-6 : 2e-3);
    expect(fine).toBeLessThan(precision === 'f64' ? 1e-6 : 2e-3);
  });

  it.each(['f32', 'f64'] as const)('convective sides carry internal heat out: the exact parabola plus film rise (%s)', (precision) => {
    // The half-cell film link's O(h²) flux error and the O(h²) interpolation of the parabola
    // between cell centres cancel exactly here: both spacings are exact to round-off.
    expect(convectiveSides(0.5, precision)).toBeLessThan(precision === 'f64' ? 1e-6 : 2e-3);
    expect(convectiveSides(0.25, precision)).toBeLessThan(precision === 'f64' ? 1e-6 : 2e-3);
  });

  it('the one-condition form equals sides and bottom given alike', () => {
    const run = (far_field: Parameters<typeof scenario>[0]['far_field']) => simulate(scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [5, 5] },
      tissue: fast,
      skin: { boundary: 'temperature', temperature_c: 0 },
      far_field,
      protocol: [{ phase: 'freeze', duration_s: 5, power: 1 }],
      output: { interval_s: 5, isotherms_c: [0] },
      sensors: [{ name: 'p', position_mm: [2, 0, 3] }],
    })).sensors.p.at(-1);
    const side = { boundary: 'convective', ambient_c: 50, h_w_m2k: 300 } as const;
    expect(run(side)).toBe(run({ sides: side, bottom: side }));
    expect(run(side)).not.toBe(run({ sides: side, bottom: { boundary: 'insulated' } }));
  });
});

/**
 * A uniform, insulated medium (no conduction): every cell follows dT/dt = −(W + h_v)/c · (T − T_steady).
 * Forward Euler's error is O(dt), and the automatic dt scales with the spacing squared.
 */
function uniform(over: Parameters<typeof tissue>[0], durationS: number, precision: Precision, d = 0.5) {
  const r = simulate(scenario({
    solver: { precision, integrator: 'explicit' },
    geometry: { mode: 'planar', spacing_mm: d, size_mm: [2, 2] },
    tissue: tissue({ c_unfrozen_j_m3k: 4e6, latent_j_m3: 3e8, solidus_c: -1, liquidus_c: 0, ...over }),
    protocol: [{ phase: 'freeze', duration_s: durationS, power: 1 }],
    output: { interval_s: durationS / 4, isotherms_c: [0] },
    sensors: [{ name: 'm', position_mm: at(0, 1) }],
  }));
  return { times: r.times_s, temps: r.sensors.m, energy: r.energy };
}

describe('bath exchange of a liquid medium', () => {
  it.each(['f32', 'f64'] as const)('a uniform medium relaxes exponentially toward the bath (%s)', (precision) => {
    // τ = c / h_v = 4e6 / 1e5 = 40 s; after 80 s the medium has come 1 − e⁻² of the way.
    const error = (d: number) => {
      const { times, temps } = uniform({ initial_c: 30, bath_c: 10, bath_exchange_w_m3k: 1e5 }, 80, precision, d);
      expect(temps.at(-1)).toBeLessThan(13);
      return Math.max(...temps.map((v, i) => Math.abs(v - (10 + 20 * Math.exp(-times[i] / 40)))));
    };
    const coarse = error(0.5);
    const fine = error(0.25);
    expect(fine).toBeLessThan(0.015);
    expect(fine).toBeLessThan(coarse / 3);
  });

  it('with perfusion: rate (W + h_v)/c toward the coefficient-weighted mean of arterial and bath temperature', () => {
    const W = 2e4, hv = 6e4, qm = 4e5;
    const steady = (W * 37 + hv * 10 + qm) / (W + hv);
    const tau = 4e6 / (W + hv);
    const { times, temps } = uniform({ initial_c: 30, bath_c: 10, bath_exchange_w_m3k: hv, perfusion_w_m3k: W, arterial_c: 37, metabolic_w_m3: qm }, 400, 'f64', 0.25);
    const err = Math.max(...temps.map((v, i) => Math.abs(v - (steady + (30 - steady) * Math.exp(-times[i] / tau)))));
    expect(err).toBeLessThan(0.02);
    expect(Math.abs(temps.at(-1)! - steady)).toBeLessThan(0.01);
  });

  it('stops where the medium is frozen', () => {
    const { temps } = uniform({ initial_c: -20, bath_c: 30, bath_exchange_w_m3k: 1e5 }, 40, 'f64');
    expect(temps.at(-1)).toBe(-20);
  });

  it('is booked in the energy balance', () => {
    const r = simulate(scenario({
      solver: { precision: 'f64', integrator: 'explicit' },
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [10, 10] },
      tissue: tissue({ initial_c: 25, bath_c: 25, bath_exchange_w_m3k: 5e4, solidus_c: -1.02, liquidus_c: -0.52 }),
      skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
      far_field: { sides: { boundary: 'convective', ambient_c: 25, h_w_m2k: 100 }, bottom: { boundary: 'temperature', temperature_c: 20 } },
      probes: [{ device: null, diameter_mm: 1.5, active_length_mm: 5, tip_mm: [0, 0, 6], direction: [0, 0, 1], surface: { model: 'temperature', temperature_c: -100, cooldown_s: 5 } }],
      protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }, { phase: 'passive_thaw', duration_s: 30 }],
    }));
    expect(Math.abs(r.energy!.sources_j)).toBeGreaterThan(1);
    expect(r.energy!.relative_error).toBeLessThan(1e-9);
  });
});
