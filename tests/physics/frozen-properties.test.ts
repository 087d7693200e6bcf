/**
 * Temperature-dependent frozen properties against exact solutions and independent sums:
 * - steady radial conduction through a frozen annulus (probe held at −150 °C inside, sides held
 *   at −20 °C, slab insulated top and bottom): with k ∝ 1/T (ice law) the Kirchhoff transform
 *   makes ln T linear in ln r (T in kelvin); with a linear k(T) table, ∫k dT is linear in ln r.
 *   At 0.5 and 0.25 mm, error shrinking, on both kernels, and f32 against f64;
 * - the heat capacity law: an insulated frozen block loses a known heat to a line sink and
 *   settles at the temperature where ∫c dT equals it (closed form for c ∝ 185 + 6.89 T);
 * - energy balance with tables over freeze and thaw, f32 against f64 in 2D and 3D, and the thread
 *   team bit-identical to one thread;
 * - constant properties keep the kernels' constant path: no table is built.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FrozenPropertyModel, Scenario, TissueProps } from '../../scenarios/schema.ts';
import { estimateRun } from '../../scenarios/validate-budget.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { stableTimeStepS } from '../../workers/engine/stability.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { createNodeTeam, liveHelperThreads } from '../../workers/node/team-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';
import type { Precision } from '../../workers/engine/kernel-set.ts';

const K = 273.15;
const A_MM = 0.75;
const R_MM = 8;
const T_PROBE = -150;
const T_RIM = -20;
const RADII = [1.5, 2, 4, 6];

/** Frozen medium, solidus −1 °C: k_frozen 2.2 W/m/K and c_frozen 1.9 MJ/m³/K at the solidus. */
const ice = (k: FrozenPropertyModel, c: FrozenPropertyModel = 'constant', over: Partial<TissueProps> = {}) =>
  tissue({ k_frozen_w_mk: 2.2, c_frozen_j_m3k: 1.9e6, solidus_c: -1, liquidus_c: 0, initial_c: T_RIM, k_frozen_model: k, c_frozen_model: c, ...over });

/** The annulus a < r < R as an axisymmetric slab two cells thick, the probe through its whole depth. */
function annulus(d: number, t: TissueProps, precision: Precision = 'f64'): Scenario {
  return scenario({
    solver: { precision, integrator: 'explicit' },
    geometry: { mode: 'axisymmetric', spacing_mm: d, size_mm: [R_MM, 2 * d] },
    tissue: t,
    probes: [probe({ diameter_mm: 2 * A_MM, tip_mm: [0, 0, 2 * d], active_length_mm: 2 * d + 1, surface: { model: 'temperature', temperature_c: T_PROBE, cooldown_s: 0 } })],
    far_field: { sides: { boundary: 'temperature', temperature_c: T_RIM }, bottom: { boundary: 'insulated' } },
    // Slowest mode ~(R − a)²/(π² α) ≈ 5 s; steady well before 150 s.
    protocol: [{ phase: 'freeze', duration_s: 150, power: 1 }],
    output: { interval_s: 150, isotherms_c: [-40] },
    sensors: RADII.map((x) => ({ name: `r${x}`, position_mm: [x, 0, d / 2] })),
  });
}

/** Fraction of the way from the probe to the rim in ln r: what the Kirchhoff potential follows. */
const logShare = (rMm: number) => Math.log(rMm / A_MM) / Math.log(R_MM / A_MM);

/** k = k_ref·T_ref/T: ∫k dT = k_ref·T_ref·ln T, so ln T is linear in ln r. */
const iceLawExact = (rMm: number) => (T_PROBE + K) * ((T_RIM + K) / (T_PROBE + K)) ** logShare(rMm) - K;

/** k(T) = α + βT between the table's two rows: ∫k dT = αT + βT²/2 linear in ln r; solve the quadratic. */
const LINEAR_TABLE: [number, number][] = [[-150, 3.0], [-1, 2.0]];
function linearTableExact(rMm: number): number {
  const [[t0, k0], [t1, k1]] = LINEAR_TABLE;
  const beta = (k1 - k0) / (t1 - t0);
  const alpha = k0 - beta * t0;
  const theta = (t: number) => alpha * t + (beta / 2) * t * t;
  const th = theta(T_PROBE) + (theta(T_RIM) - theta(T_PROBE)) * logShare(rMm);
  return (-alpha + Math.sqrt(alpha * alpha + 2 * beta * th)) / beta;
}

function annulusError(d: number, t: TissueProps, exact: (r: number) => number, precision: Precision = 'f64') {
  const r = simulate(annulus(d, t, precision));
  return { error: Math.max(...RADII.map((x) => Math.abs(r.sensors[`r${x}`].at(-1)! - exact(x)))), result: r };
}

describe('steady frozen annulus (Kirchhoff transform)', () => {
  it.each(['f64', 'f32'] as const)('ice law k ∝ 1/T: ln T linear in ln r, error shrinking with the spacing (%s)', (precision) => {
    const coarse = annulusError(0.5, ice('ice_law', 'ice_law'), iceLawExact, precision).error;
    const fine = annulusError(0.25, ice('ice_law', 'ice_law'), iceLawExact, precision).error;
    // Measured: 0.98 K at 0.5 mm (a 0.75 mm probe on a 0.5 mm grid), 0.039 K at 0.25 mm.
    expect(coarse).toBeLessThan(1.5);
    expect(fine).toBeLessThan(0.1);
    expect(fine).toBeLessThan(coarse / 4);
  });

  it('a constant conductivity would be far off: the law matters here', () => {
    const constant = annulusError(0.25, ice('constant'), iceLawExact).error;
    expect(constant).toBeGreaterThan(4);
  });

  it('a linear k(T) table: ∫k dT linear in ln r, error shrinking with the spacing', () => {
    // At 0.5 mm the probe-link and interpolation errors cancel by chance (0.11 K); measured
    // 0.17 K at 0.25 mm and 0.046 K at 0.125 mm, the asymptotic pair.
    const t = ice({ table: LINEAR_TABLE });
    const coarse = annulusError(0.25, t, linearTableExact).error;
    const fine = annulusError(0.125, t, linearTableExact).error;
    expect(coarse).toBeLessThan(0.25);
    expect(fine).toBeLessThan(0.06);
    expect(fine).toBeLessThan(coarse / 3);
  });

  it('f32 agrees with f64 on the tabulated branch', () => {
    const a = annulusError(0.25, ice('ice_law', 'ice_law'), iceLawExact, 'f32').result;
    const b = annulusError(0.25, ice('ice_law', 'ice_law'), iceLawExact, 'f64').result;
    for (const x of RADII) expect(Math.abs(a.sensors[`r${x}`].at(-1)! - b.sensors[`r${x}`].at(-1)!)).toBeLessThan(5e-3);
  });
});

describe('frozen heat capacity law', () => {
  /**
   * c(T) = c_f·(185 + 6.89·T_K)/(185 + 6.89·T_sol,K): H(T) = −c_f/(185 + 6.89 s)·(185(s − t) + 3.445(s² − t²)),
   * T_K = t, solidus s; the equilibrium temperature after removing ΔH solves that quadratic.
   */
  function equilibriumC(startC: number, removedJ_m3: number): number {
    const a = 185, b = 6.89, cf = 1.9e6, s = -1 + K;
    const h = (tK: number) => (-cf * (a * (s - tK) + (b / 2) * (s * s - tK * tK))) / (a + b * s);
    const target = h(startC + K) - removedJ_m3;
    // (b/2) t² + a t − [a s + (b/2) s² + target (a + b s)/c_f] = 0
    const rhs = a * s + (b / 2) * s * s + (target * (a + b * s)) / cf;
    return (-a + Math.sqrt(a * a + 2 * b * rhs)) / b - K;
  }

  it.each(['f64', 'f32'] as const)('an insulated frozen block settles where ∫c dT equals the heat removed (%s)', (precision) => {
    const qWPerM = 50;
    const freezeS = 30;
    const areaM2 = 4e-3 * 4e-3;
    const r = simulate(scenario({
      solver: { precision, integrator: 'explicit' },
      geometry: { mode: 'planar', spacing_mm: 0.25, size_mm: [4, 4] },
      tissue: ice('constant', 'ice_law', { initial_c: -30 }),
      probes: [probe({ diameter_mm: 0, tip_mm: [0, 0, 2], direction: [0, 1, 0], surface: { model: 'line_sink', w_per_m: qWPerM } })],
      protocol: [{ phase: 'freeze', duration_s: freezeS, power: 1 }, { phase: 'passive_thaw', duration_s: 60 }],
      output: { interval_s: 90, isotherms_c: [-40] },
      sensors: [{ name: 'corner', position_mm: [1.8, 0, 0.2] }, { name: 'middle', position_mm: [0.1, 0, 2.1] }],
    }));
    const exact = equilibriumC(-30, (qWPerM * freezeS) / areaM2);
    // ~60 K colder, against ~50 K with the solidus heat capacity throughout: the law is exercised.
    expect(exact).toBeLessThan(-85);
    for (const name of ['corner', 'middle']) expect(Math.abs(r.sensors[name].at(-1)! - exact)).toBeLessThan(precision === 'f64' ? 2e-3 : 5e-3);
  });
});

describe('bookkeeping and stepping', () => {
  const freezeThaw = (precision: Precision) => scenario({
    solver: { precision, integrator: 'explicit' },
    geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [10, 14] },
    tissue: tissue({ k_frozen_model: 'ice_law', c_frozen_model: 'ice_law', initial_c: 27, solidus_c: -1.02, liquidus_c: -0.52, bath_exchange_w_m3k: 2e4, bath_c: 27 }),
    layers: [{ from_depth_mm: 0, to_depth_mm: 4, tissue: tissue({ k_frozen_model: { table: [[-150, 3.5], [-40, 2.4], [-8, 2.0]] }, c_frozen_model: { table: [[-150, 1.1e6], [-8, 1.8e6]] }, solidus_c: -8, liquidus_c: -1 }) }],
    skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 },
    far_field: { sides: { boundary: 'convective', ambient_c: 27, h_w_m2k: 200 }, bottom: { boundary: 'temperature', temperature_c: 25 } },
    probes: [probe({ tip_mm: [0, 0, 10], active_length_mm: 8, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3000 } })],
    protocol: [{ phase: 'freeze', duration_s: 40, power: 1 }, { phase: 'passive_thaw', duration_s: 20 }],
    output: { interval_s: 20, isotherms_c: [0, -40] },
    sensors: [{ name: 'tc', position_mm: [2.5, 0, 8] }],
  });

  it('energy balance closes with tabulated frozen properties in medium and layer', () => {
    const r = simulate(freezeThaw('f64'));
    expect(r.isotherms['-40'].radius_mm.some((x) => x !== null)).toBe(true);
    expect(r.energy!.relative_error).toBeLessThan(1e-9);
  });

  it('the stable step uses the largest k/c the tables reach', () => {
    const s = freezeThaw('f64');
    const tabulated = compileScenario(s);
    const constant = compileScenario({ ...s, tissue: { ...s.tissue, k_frozen_model: 'constant', c_frozen_model: 'constant' }, layers: [] });
    // Ice at −186 °C: k 3.1× and c 0.38× their solidus values (diffusivity 8×): a much shorter step.
    expect(tabulated.dtS).toBeLessThan(constant.dtS / 5);
    expect(stableTimeStepS(tabulated.grid, tabulated.cells)).toBe(tabulated.dtLimitS);
    expect(tabulated.cells.frozen.every((t) => t !== null)).toBe(true);
    expect(constant.cells.frozen.every((t) => t === null)).toBe(true);
    // The run-budget estimate (an upper bound of the step, so a lower bound of the cost) sees the cold too.
    expect(estimateRun(s).dtS).toBeGreaterThanOrEqual(tabulated.dtS);
    expect(estimateRun(s).dtS).toBeLessThan(estimateRun(constant.scenario).dtS / 5);
  });

  it('f32 (two-rate) follows f64 on a freeze–thaw with tables', () => {
    const a = simulate(freezeThaw('f32'));
    const b = simulate(freezeThaw('f64'));
    a.sensors.tc.forEach((v, i) => expect(Math.abs(v - b.sensors.tc[i])).toBeLessThan(0.02));
    a.isotherms['-40'].radius_mm.forEach((v, i) => expect(Math.abs((v ?? 0) - (b.isotherms['-40'].radius_mm[i] ?? 0))).toBeLessThan(0.01));
  });

  it('3D: f32 follows f64 with a tabulated medium', () => {
    const s3 = (precision: Precision) => scenario({
      solver: { precision, integrator: 'explicit' },
      geometry: { mode: '3d', spacing_mm: 1, size_mm: [12, 12, 14] },
      tissue: tissue({ k_frozen_model: 'ice_law', c_frozen_model: { table: [[-150, 1.0e6], [-1, 1.9e6]] }, initial_c: 20, bath_exchange_w_m3k: 1e4 }),
      far_field: { boundary: 'convective', ambient_c: 20, h_w_m2k: 100 },
      probes: [probe({ diameter_mm: 1.47, tip_mm: [0, 0, 9], active_length_mm: 6, surface: { model: 'temperature', temperature_c: -120, cooldown_s: 5 } })],
      protocol: [{ phase: 'freeze', duration_s: 30, power: 1 }],
      output: { interval_s: 10, isotherms_c: [0, -40] },
      sensors: [{ name: 'near', position_mm: [2, 0, 6] }, { name: 'far', position_mm: [4, 1, 6] }],
    });
    const a = simulate(s3('f32'));
    const b = simulate(s3('f64'));
    expect(Math.min(...b.sensors.near)).toBeLessThan(-20);
    for (const name of ['near', 'far']) a.sensors[name].forEach((v, i) => expect(Math.abs(v - b.sensors[name][i])).toBeLessThan(0.02));
  });

  afterEach(async () => {
    for (let i = 0; i < 100 && liveHelperThreads() > 0; i++) await new Promise((res) => setTimeout(res, 20));
    expect(liveHelperThreads()).toBe(0);
  });

  it.each([false, true])('a thread team is bit-identical to one thread with tables (two-rate %s)', async (twoRate) => {
    const kernels = loadKernels();
    const s = freezeThaw('f32');
    const one = runScenario(s, kernels, { frames: true, twoRate });
    const team = await createNodeTeam(2, { schedule: 'always' });
    try {
      const split = runScenario(s, kernels, { frames: true, team, twoRate });
      expect(split.result.solver.threads).toBe(2);
      expect(split.frames!.temperatures_c).toEqual(one.frames!.temperatures_c);
      expect(split.result.sensors).toEqual(one.result.sensors);
    } finally {
      team.terminate();
    }
  });
});
