/**
 * A finite well-mixed bath against its exact solution: a uniform, insulated medium block
 * (no gradients, so no conduction) exchanging with a bath of heat capacity C_b, optionally
 * warmed by a room through G_r, is a linear two-reservoir system
 *   C_m dT_m/dt = G (T_b − T_m),   C_b dT_b/dt = −G (T_b − T_m) + G_r (T_room − T_b),
 * G = h_v V, solved here in closed form (eigenvalues of the 2×2 matrix). Checked at two spacings
 * (the explicit step scales with the spacing squared) with the error shrinking, on both explicit
 * kernels and the implicit integrator, and in the energy balance: the heat the bath books as given
 * must match what the kernel delivered, and the system (medium + bath) balance closes.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario, TissueProps } from '../../scenarios/schema.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { createNodeTeam } from '../../workers/node/team-node.ts';

const C_VOL = 4e6;
const HV = 1e5;
const R_MM = 2;
const H_MM = 2;
const VOLUME_M3 = Math.PI * (R_MM * 1e-3) ** 2 * H_MM * 1e-3;
const C_MEDIUM = C_VOL * VOLUME_M3;
const G = HV * VOLUME_M3;

/** The block's heat capacity C_m and exchange conductance G = h_v V. */
interface Block {
  cm: number;
  g: number;
}
const AXI: Block = { cm: C_MEDIUM, g: G };

/**
 * The two-reservoir system (x = [T_m, T_b]) in closed form: medium and bath temperatures at t,
 * and the room's heat into the bath over [0, t], G_r ∫ (T_room − T_b) dt.
 */
function exact(t: number, m0: number, b0: number, cb: number, gr: number, roomC: number, blk: Block = AXI) {
  const a = -blk.g / blk.cm, b = blk.g / blk.cm, c = blk.g / cb, d = -(blk.g + gr) / cb;
  // Steady state: T_m = T_b = roomC with a room, else the capacity-weighted mean.
  const steady = gr > 0 ? roomC : (blk.cm * m0 + cb * b0) / (blk.cm + cb);
  const y0 = [m0 - steady, b0 - steady];
  const tr = a + d;
  const det = a * d - b * c;
  const disc = Math.sqrt((tr * tr) / 4 - det);
  const l1 = tr / 2 + disc;
  const l2 = tr / 2 - disc;
  // Eigenvectors [b, l − a]; y0 = α v1 + β v2.
  const v1 = [b, l1 - a];
  const v2 = [b, l2 - a];
  const den = v1[0] * v2[1] - v2[0] * v1[1];
  const alpha = (y0[0] * v2[1] - v2[0] * y0[1]) / den;
  const beta = (v1[0] * y0[1] - y0[0] * v1[1]) / den;
  const e1 = Math.exp(l1 * t);
  const e2 = Math.exp(l2 * t);
  // T_b − steady integrates to α v1_b (e^{l1 t} − 1)/l1 + β v2_b (e^{l2 t} − 1)/l2 (l1, l2 < 0).
  const bathIntegral = (steady - roomC) * t + (alpha * v1[1] * (e1 - 1)) / l1 + (beta * v2[1] * (e2 - 1)) / l2;
  return {
    mediumC: steady + alpha * v1[0] * e1 + beta * v2[0] * e2,
    bathC: steady + alpha * v1[1] * e1 + beta * v2[1] * e2,
    roomJ: -gr * bathIntegral,
  };
}

interface Case {
  cb: number;
  gr?: number;
  roomC?: number;
}

/** The 3D run's block: a 2 mm cube. */
const CUBE_M3 = (R_MM * 1e-3) ** 2 * H_MM * 1e-3;
const CUBE: Block = { cm: C_VOL * CUBE_M3, g: HV * CUBE_M3 };

function run(d: number, k: Case, solver: Scenario['solver'] = { precision: 'f64' }, mode: 'axisymmetric' | '3d' = 'axisymmetric') {
  const over: Partial<TissueProps> = {
    c_unfrozen_j_m3k: C_VOL, c_frozen_j_m3k: C_VOL, latent_j_m3: 0, solidus_c: -100, liquidus_c: -99,
    initial_c: 30, bath_c: 10, bath_exchange_w_m3k: HV, bath_heat_capacity_j_k: k.cb,
    ...(k.gr !== undefined ? { bath_room_w_k: k.gr, bath_room_c: k.roomC } : {}),
  };
  const r = simulate(scenario({
    solver,
    geometry: mode === '3d' ? { mode, spacing_mm: d, size_mm: [R_MM, R_MM, H_MM] } : { mode, spacing_mm: d, size_mm: [R_MM, H_MM] },
    tissue: tissue(over),
    protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }],
    output: { interval_s: 10, isotherms_c: [0] },
    sensors: [{ name: 'm', position_mm: mode === '3d' ? [0, 0, 1] : [1, 0, 1] }],
  }));
  const at = (t: number) => exact(t, 30, 10, k.cb, k.gr ?? 0, k.roomC ?? 10, mode === '3d' ? CUBE : AXI);
  const error = Math.max(...r.sensors.m.map((v, i) => Math.abs(v! - at(r.times_s[i]).mediumC)));
  // The bath series the result reports, against the exact bath temperature at each output time.
  const bathError = Math.max(...(r.bath?.[0].temp_c ?? [NaN]).map((v, i) => Math.abs(v - at(r.times_s[i]).bathC)));
  return { r, error, bathError };
}

const equal = { cb: C_MEDIUM };
const warmed = { cb: 2 * C_MEDIUM, gr: 0.5 * G, roomC: 25 };

describe('finite bath', () => {
  it.each([['equal capacities, no room', equal], ['a room warming the bath', warmed]] as const)(
    'follows the two-reservoir solution, error shrinking with the spacing (f64: %s)',
    (_, k) => {
      const coarse = run(0.5, k).error;
      const fine = run(0.25, k).error;
      expect(fine).toBeLessThan(0.05);
      expect(fine).toBeLessThan(coarse / 1.8);
    },
  );

  it.each([['equal capacities, no room', equal], ['a room warming the bath', warmed]] as const)(
    'reports the bath temperature at every output time, on the exact solution, error shrinking (f64: %s)',
    (_, k) => {
      const coarse = run(0.5, k);
      const fine = run(0.25, k);
      expect(fine.r.bath!.map((b) => b.medium)).toEqual(['tissue']);
      expect(fine.r.bath![0].temp_c).toHaveLength(fine.r.times_s.length);
      expect(fine.r.bath![0].temp_c[0]).toBe(10);
      // The bath moves by about 10 °C here: a series that stood still would miss by that much.
      expect(Math.abs(fine.r.bath![0].temp_c.at(-1)! - 10)).toBeGreaterThan(5);
      expect(fine.bathError).toBeLessThan(0.05);
      expect(fine.bathError).toBeLessThan(coarse.bathError / 1.8);
    },
  );

  it('the reported bath holds the heat the energy balance says it has: C_b ΔT_b = room heat − medium uptake', () => {
    const mismatch = (d: number) => {
      const { r } = run(d, warmed);
      const bathJ = warmed.cb * (r.bath![0].temp_c.at(-1)! - 10);
      // Independent of the bath series: the medium's enthalpy change from its own (uniform)
      // temperature, and the room's heat from the exact solution.
      const mediumJ = C_MEDIUM * (r.sensors.m.at(-1)! - 30);
      const roomJ = exact(r.times_s.at(-1)!, 30, 10, warmed.cb, warmed.gr, warmed.roomC).roomJ;
      // The system's books: the bath's share of the reported enthalpy change is C_b ΔT_b.
      expect(Math.abs(r.energy!.enthalpy_change_j - mediumJ - bathJ)).toBeLessThan(1e-3 * Math.abs(mediumJ));
      return Math.abs(bathJ - (roomJ - mediumJ)) / Math.abs(mediumJ);
    };
    const coarse = mismatch(0.5);
    const fine = mismatch(0.25);
    // The coupling's O(dt) error: the finer spacing's four times shorter step divides it.
    expect(fine).toBeLessThan(1e-3);
    expect(fine).toBeLessThan(coarse / 3);
  });

  it('no finite bath, no series; a layer\'s bath is named by its path', () => {
    const held = simulate(scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [R_MM, H_MM] },
      tissue: tissue({ initial_c: 30, bath_c: 10, bath_exchange_w_m3k: HV }),
      output: { interval_s: 30, isotherms_c: [0] },
    }));
    expect(held.bath).toBeUndefined();
    const layered = simulate(scenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [R_MM, H_MM] },
      tissue: tissue({ initial_c: 30 }),
      layers: [{ from_depth_mm: 1, to_depth_mm: 2, tissue: tissue({ initial_c: 30, bath_c: 10, bath_exchange_w_m3k: HV, bath_heat_capacity_j_k: C_MEDIUM / 2 }) }],
      output: { interval_s: 30, isotherms_c: [0] },
    }));
    expect(layered.bath!.map((b) => b.medium)).toEqual(['layers[0].tissue']);
    // Half the block at 30 °C warms a bath of the same capacity from 10 °C.
    expect(layered.bath![0].temp_c.at(-1)!).toBeGreaterThan(15);
  });

  it('differs from a bath held at its starting temperature', () => {
    const { r } = run(0.5, equal);
    // Held at 10 °C, the medium would reach 10 + 20 e^{−60/40} = 14.5 °C; the finite bath warms to meet it near 20 °C.
    expect(r.sensors.m.at(-1)!).toBeGreaterThan(19);
  });

  it('f32 and the implicit integrator follow the same solution', () => {
    const f32 = run(0.25, warmed, { precision: 'f32' });
    expect(f32.error).toBeLessThan(0.05);
    expect(f32.bathError).toBeLessThan(0.05);
    const implicit = run(0.25, warmed, { integrator: 'implicit' });
    expect(implicit.r.solver.integrator).toBe('implicit');
    expect(implicit.error).toBeLessThan(0.1);
    expect(implicit.bathError).toBeLessThan(0.1);
  });

  it('3D: the reported bath follows the same solution, error shrinking', () => {
    const coarse = run(0.5, warmed, { precision: 'f64' }, '3d');
    const fine = run(0.25, warmed, { precision: 'f64' }, '3d');
    expect(fine.r.solver.mode).toBe('3d');
    expect(fine.error).toBeLessThan(0.05);
    expect(fine.bathError).toBeLessThan(0.05);
    expect(fine.bathError).toBeLessThan(coarse.bathError / 1.8);
  });

  it('energy: the bath gives what the medium takes, and the system balance closes', () => {
    const mismatch = (d: number) => {
      const { r } = run(d, equal);
      const e = r.energy!;
      expect(e.relative_error).toBeLessThan(1e-9);
      // Medium and bath exchange heat only with each other: the system's enthalpy stays put and its
      // sources (kernel's bath heat − the heat the bath booked) are the coupling's mismatch.
      const exchangedJ = C_MEDIUM * Math.abs(r.sensors.m.at(-1)! - 30);
      expect(Math.abs(e.enthalpy_change_j)).toBeLessThan(1e-2 * exchangedJ);
      return Math.abs(e.sources_j) / exchangedJ;
    };
    // The kernel sums the exchange step by step, the bath by the trapezoid over each piece: they
    // differ by O(dt), which the finer spacing's four times shorter step divides.
    const coarse = mismatch(0.5);
    const fine = mismatch(0.25);
    expect(fine).toBeLessThan(5e-4);
    expect(fine).toBeLessThan(coarse / 3);
  });

  it('a thread team (f32 on shared memory) follows the bath as one thread does', async () => {
    const s = scenario({
      solver: { precision: 'f32' },
      geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [10, 16] },
      tissue: tissue({ c_unfrozen_j_m3k: 4.18e6, solidus_c: -1, liquidus_c: 0, initial_c: 27, bath_c: 27, bath_exchange_w_m3k: 2e5, bath_heat_capacity_j_k: 5, bath_room_w_k: 0.02 }),
      probes: [probe({ active_length_mm: 8, tip_mm: [0, 0, 12], surface: { model: 'temperature', temperature_c: -100, cooldown_s: 2 } })],
      protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }],
      output: { interval_s: 20, isotherms_c: [0] },
      sensors: [{ name: 'far', position_mm: [8, 0, 8] }],
    });
    const one = runScenario(s, loadKernels()).result;
    // A long barrier timeout: on a loaded machine a starved helper is slow, not hung.
    const team = await createNodeTeam(2, { schedule: 'always', timeoutMs: 60_000 });
    try {
      const split = runScenario(s, loadKernels(), { team }).result;
      expect(split.solver.threads).toBe(2);
      split.sensors.far.forEach((v, i) => expect(Math.abs(v! - one.sensors.far[i]!)).toBeLessThan(1e-4));
      expect(split.bath![0].temp_c).toHaveLength(one.times_s.length);
      split.bath![0].temp_c.forEach((v, i) => expect(Math.abs(v - one.bath![0].temp_c[i])).toBeLessThan(1e-4));
      // The ice drew heat from the 5 J/K bath: it cooled by several kelvin.
      expect(one.bath![0].temp_c.at(-1)!).toBeLessThan(24);
      // The bath cooled: the far liquid ends well below where a held bath would keep it.
      expect(one.sensors.far.at(-1)!).toBeLessThan(26);
    } finally {
      team.terminate();
    }
  });
});
