/**
 * The exact-solution cases of ../shared/validation/analytic.md, each as a
 * function of grid spacing returning its errors. The physics tests assert on
 * them at two or three spacings; `npm run validate` runs them at more and
 * writes docs/validation.md.
 */
import type { Result, Vec3 } from '../../scenarios/schema.ts';
import {
  frozenCylinderSteady, lineSinkFreezing, neumannFreezing, pennesTransient, unfrozenCylinderSteady,
} from '../analytic/exact.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';
import { maxError, simulate } from '../support/simulate.ts';
import type { Precision } from '../../workers/engine/kernel-set.ts';

export interface CaseErrors {
  /** error name → value; units in the name */
  errors: Record<string, number>;
  wallS: number;
  /** cell updates done / time steps × cells: below 1 where two-rate stepping took part */
  workShare: number;
}

export interface ValidationCase {
  id: string;
  title: string;
  mode: string;
  /** whether tissue freezes (frozen tissue sets the global time step, so two-rate stepping has warm cells to save on) */
  freezes: boolean;
  /** what "passes" means at 0.25 mm, per error name */
  tolerance: Record<string, number>;
  run(spacingMm: number, precision?: Precision): CaseErrors;
}

const at = (x: number, z: number): Vec3 => [x, 0, z];
const timed = (f: () => [Record<string, number>, Result]): CaseErrors => {
  const t0 = performance.now();
  const [errors, r] = f();
  const cells = r.solver.grid.reduce((a, b) => a * b, 1);
  return { errors, wallS: (performance.now() - t0) / 1000, workShare: r.solver.cell_updates / (r.solver.steps * cells) };
};

/** Case A: planar freezing from a surface held at −150 °C. */
export const neumann: ValidationCase = {
  id: 'A-neumann',
  freezes: true,
  title: 'A. Neumann two-phase planar freezing, 600 s',
  mode: 'planar (no probe, skin held at −150 °C)',
  tolerance: { front_mm: 0.25, iso_minus40_mm: 0.25, temperature_c: 1 },
  run: (d, precision = 'f32') => timed(() => {
    const exact = neumannFreezing({
      k_s: 2.0, k_l: 0.5, c_s: 1.8e6, c_l: 3.6e6, latent_j_m3: 3.0e8, t_surface_c: -150, t_melt_c: 0, t_initial_c: 37,
    });
    const depths = [4, 12, 40];
    const r = simulate(scenario({
      solver: { precision, integrator: 'explicit' },
      geometry: { mode: 'planar', spacing_mm: d, size_mm: [2 * d, 80] },
      // Mushy range centred on T_m = 0 °C, narrow against the ~6 °C/mm gradient at the front.
      tissue: tissue({ latent_j_m3: 3.0e8, solidus_c: -0.25, liquidus_c: 0.25 }),
      skin: { boundary: 'temperature', temperature_c: -150 },
      protocol: [{ phase: 'freeze', duration_s: 600, power: 1 }],
      output: { interval_s: 60, isotherms_c: [0, -40] },
      sensors: depths.map((z) => ({ name: `z${z}`, position_mm: at(0, z) })),
    }));
    const times = r.times_s.slice(1);
    return [{
      front_mm: maxError(r.isotherms['0'].bottom_depth_mm.slice(1), times.map((t) => exact.frontPosition_m(t) * 1e3)),
      iso_minus40_mm: maxError(r.isotherms['-40'].bottom_depth_mm.slice(1), times.map((t) => exact.isothermPosition_m(-40, t) * 1e3)),
      temperature_c: Math.max(...depths.map((z) => Math.abs(r.sensors[`z${z}`].at(-1)! - exact.temperature_c(z * 1e-3, 600)))),
    }, r];
  }),
};

/** Case B: perfused tissue cooled from a surface held at −10 °C, latent heat off. */
export const pennes: ValidationCase = {
  id: 'B-pennes',
  freezes: false,
  title: 'B. Transient Pennes (no freezing), 300 s',
  mode: 'planar (no probe, skin held at −10 °C)',
  tolerance: { temperature_c: 1 },
  run: (d, precision = 'f32') => timed(() => {
    const exact = pennesTransient({ k: 0.5, c: 3.6e6, w_perf: 2500, t_surface_c: -10, t_arterial_c: 37 });
    const depths = [1, 3, 5, 10];
    const r = simulate(scenario({
      solver: { precision, integrator: 'explicit' },
      geometry: { mode: 'planar', spacing_mm: d, size_mm: [2 * d, 60] },
      tissue: tissue({
        k_frozen_w_mk: 0.5, k_unfrozen_w_mk: 0.5, c_frozen_j_m3k: 3.6e6, c_unfrozen_j_m3k: 3.6e6, latent_j_m3: 0,
        solidus_c: -30, liquidus_c: -29, perfusion_w_m3k: 2500, arterial_c: 37, initial_c: 37,
      }),
      skin: { boundary: 'temperature', temperature_c: -10 },
      protocol: [{ phase: 'freeze', duration_s: 300, power: 1 }],
      output: { interval_s: 300, isotherms_c: [0] },
      sensors: depths.map((z) => ({ name: `z${z}`, position_mm: at(0, z) })),
    }));
    return [{ temperature_c: Math.max(...depths.map((z) => Math.abs(r.sensors[`z${z}`].at(-1)! - exact(z * 1e-3, 300)))) }, r];
  }),
};

/** Long enough to be steady: R changes by < 0.01 mm over the last 400 s (checked at 0.5 and 0.25 mm). */
const C_DURATION_S = 2000;
const cylinderProps = { a_m: 0.75e-3, t_probe_c: -150, t_front_c: 0, t_inf_c: 37, k_f: 2.0, k_u: 0.5, w_perf: 40000 };

/** Case C: steady frozen cylinder around a probe held at −150 °C in strongly perfused tissue. */
export const frozenCylinder: ValidationCase = {
  id: 'C-frozen-cylinder',
  freezes: true,
  title: 'C. Steady frozen cylinder, W = 40 kW/m³/K',
  mode: 'planar (probe circle a = 0.75 mm held at −150 °C; half domain, insulated symmetry plane through the probe)',
  tolerance: { front_mm: 0.25, iso_minus40_mm: 0.25, temperature_c: 1 },
  run: (d, precision = 'f32') => timed(() => {
    const exact = frozenCylinderSteady(cylinderProps);
    // Away from the front (16.8 mm) and from the insulated edge of the half domain (25 mm).
    const radii = [3, 8, 12];
    const r = simulate(scenario({
      solver: { precision, integrator: 'explicit' },
      // Insulated at 25 mm (7 decay lengths beyond the front) moves the exact front by < 0.03 mm.
      geometry: { mode: 'planar', spacing_mm: d, size_mm: [50, 25] },
      // The steady state does not depend on latent heat: a small one reaches it sooner.
      tissue: tissue({ solidus_c: -0.25, liquidus_c: 0.25, latent_j_m3: 2e7, perfusion_w_m3k: 40000, arterial_c: 37 }),
      // The probe sits on the insulated top edge: a symmetry plane, so the half domain is the whole problem.
      probes: [probe({ diameter_mm: 1.5, tip_mm: at(0, 0), direction: [0, 1, 0], surface: { model: 'temperature', temperature_c: -150, cooldown_s: 0 } })],
      skin: { boundary: 'insulated' },
      far_field: { boundary: 'insulated' },
      protocol: [{ phase: 'freeze', duration_s: C_DURATION_S, power: 1 }],
      output: { interval_s: C_DURATION_S, isotherms_c: [0, -40] },
      sensors: radii.map((x) => ({ name: `r${x}`, position_mm: at(x, d / 2) })),
    }));
    return [{
      front_mm: Math.abs(r.isotherms['0'].radius_mm.at(-1)! - exact.frontRadius_m * 1e3),
      iso_minus40_mm: Math.abs(r.isotherms['-40'].radius_mm.at(-1)! - exact.isothermRadius_m(-40) * 1e3),
      temperature_c: Math.max(...radii.map((x) => Math.abs(r.sensors[`r${x}`].at(-1)! - exact.temperature_c(Math.hypot(x, d / 2) * 1e-3)))),
    }, r];
  }),
};

/** Case C without freezing: probe at −10 °C, W = 2500; radial (axisymmetric, probe through the whole depth). */
export const unfrozenCylinder: ValidationCase = {
  id: 'C-unfrozen-cylinder',
  freezes: false,
  title: 'C′. Steady cylinder without freezing, W = 2.5 kW/m³/K',
  mode: 'axisymmetric (probe through the whole depth of an insulated slab, 120 mm radius: an exact 2D cylinder)',
  tolerance: { temperature_c: 1 },
  run: (d, precision = 'f32') => timed(() => {
    const exact = unfrozenCylinderSteady({ a_m: 0.75e-3, t_probe_c: -10, t_inf_c: 37, k: 0.5, w_perf: 2500 });
    const radii = [1, 2, 5, 10];
    const r = simulate(scenario({
      solver: { precision, integrator: 'explicit' },
      geometry: { mode: 'axisymmetric', spacing_mm: d, size_mm: [120, 2 * d] },
      tissue: tissue({
        k_frozen_w_mk: 0.5, k_unfrozen_w_mk: 0.5, c_frozen_j_m3k: 3.6e6, c_unfrozen_j_m3k: 3.6e6, latent_j_m3: 0,
        solidus_c: -30, liquidus_c: -29, perfusion_w_m3k: 2500,
      }),
      probes: [probe({ diameter_mm: 1.5, tip_mm: [0, 0, 2 * d], active_length_mm: 2 * d + 1, surface: { model: 'temperature', temperature_c: -10, cooldown_s: 0 } })],
      // Insulated everywhere: top and bottom make the slab a pure cylinder; the rim is 8.5 decay lengths out.
      protocol: [{ phase: 'freeze', duration_s: 12000, power: 1 }],
      output: { interval_s: 12000, isotherms_c: [0] },
      sensors: radii.map((x) => ({ name: `r${x}`, position_mm: at(x, d / 2) })),
    }));
    return [{ temperature_c: Math.max(...radii.map((x) => Math.abs(r.sensors[`r${x}`].at(-1)! - exact(x * 1e-3)))) }, r];
  }),
};

/** Case D: freezing around a line sink of 100 W/m. */
export const lineSink: ValidationCase = {
  id: 'D-line-sink',
  freezes: true,
  title: 'D. Freezing around a line sink, 100 W/m, 600 s',
  mode: 'planar (zero-diameter line_sink on the insulated symmetry plane of a half domain, 50 W/m = half of 100 W/m)',
  tolerance: { front_mm: 0.25, temperature_c: 1 },
  run: (d, precision = 'f32') => timed(() => {
    const exact = lineSinkFreezing({
      q_w_per_m: 100, k_s: 2.0, k_l: 0.5, c_s: 1.8e6, c_l: 3.6e6, latent_j_m3: 3.0e8, t_melt_c: 0, t_initial_c: 37,
    });
    const radii = [1.5, 6, 10];
    const zc = d / 2;
    const r = simulate(scenario({
      solver: { precision, integrator: 'explicit' },
      geometry: { mode: 'planar', spacing_mm: d, size_mm: [60, 30] },
      tissue: tissue({ solidus_c: -0.25, liquidus_c: 0.25 }),
      // The sink sits on the insulated top edge (a symmetry plane): the half domain carries half its power.
      probes: [probe({ diameter_mm: 0, tip_mm: at(0, 0), direction: [0, 1, 0], surface: { model: 'line_sink', w_per_m: 50 } })],
      far_field: { boundary: 'temperature', temperature_c: 37 },
      protocol: [{ phase: 'freeze', duration_s: 600, power: 1 }],
      output: { interval_s: 60, isotherms_c: [0] },
      sensors: radii.map((x) => ({ name: `r${x}`, position_mm: at(x, zc) })),
    }));
    const times = r.times_s.slice(2);
    return [{
      front_mm: maxError(r.isotherms['0'].radius_mm.slice(2), times.map((t) => exact.frontRadius_m(t) * 1e3)),
      temperature_c: Math.max(...radii.map((x) => Math.abs(r.sensors[`r${x}`].at(-1)! - exact.temperature_c(Math.hypot(x, zc) * 1e-3, 600)))),
    }, r];
  }),
};

/**
 * Case E (extension): steady conduction through a frozen annulus with the ice law k = k_sol·T_sol/T
 * (kelvin). The Kirchhoff transform θ = ∫k dT = k_sol·T_sol·ln T is harmonic, so ln T is linear in
 * ln r between the probe (−150 °C at a = 0.75 mm) and the rim (−20 °C at R = 8 mm).
 */
export const frozenAnnulus: ValidationCase = {
  id: 'E-frozen-annulus',
  freezes: false,
  title: 'E. Steady frozen annulus, k ∝ 1/T (ice law, Kirchhoff transform)',
  mode: 'axisymmetric (probe held at −150 °C through the whole depth of a slab two cells thick, sides held at −20 °C, top and bottom insulated; all frozen)',
  tolerance: { temperature_c: 1 },
  run: (d, precision = 'f32') => timed(() => {
    const a = 0.75, R = 8, tProbe = -150, tRim = -20, K = 273.15;
    const radii = [1.5, 2, 4, 6];
    const exact = (r: number) => (tProbe + K) * ((tRim + K) / (tProbe + K)) ** (Math.log(r / a) / Math.log(R / a)) - K;
    const r = simulate(scenario({
      solver: { precision, integrator: 'explicit' },
      geometry: { mode: 'axisymmetric', spacing_mm: d, size_mm: [R, 2 * d] },
      tissue: tissue({ k_frozen_w_mk: 2.2, c_frozen_j_m3k: 1.9e6, solidus_c: -1, liquidus_c: 0, initial_c: tRim, k_frozen_model: 'ice_law', c_frozen_model: 'ice_law' }),
      probes: [probe({ diameter_mm: 2 * a, tip_mm: [0, 0, 2 * d], active_length_mm: 2 * d + 1, surface: { model: 'temperature', temperature_c: tProbe, cooldown_s: 0 } })],
      far_field: { sides: { boundary: 'temperature', temperature_c: tRim }, bottom: { boundary: 'insulated' } },
      protocol: [{ phase: 'freeze', duration_s: 150, power: 1 }],
      output: { interval_s: 150, isotherms_c: [-40] },
      sensors: radii.map((x) => ({ name: `r${x}`, position_mm: at(x, d / 2) })),
    }));
    return [{ temperature_c: Math.max(...radii.map((x) => Math.abs(r.sensors[`r${x}`].at(-1)! - exact(x)))) }, r];
  }),
};

export const ALL_CASES = [neumann, pennes, frozenCylinder, unfrozenCylinder, lineSink, frozenAnnulus];
