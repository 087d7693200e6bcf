/**
 * The one place for default numbers: tissue properties, cryoprobe devices, boundary
 * defaults, biological thresholds, and the limits the validator enforces. Every number
 * says where it comes from, or that it is an engineering estimate to be calibrated; the
 * UI and docs show these notes next to the editable value. "docs/physics.md §n" is the
 * project's physics notes (with their sources); seed papers are cited by author.
 */
import type {
  FarFieldBoundary,
  FrozenPropertyModel,
  Output,
  ProbeSurface,
  SkinBoundary,
  TissuePresetId,
  TissueProps,
} from './schema.ts';

/**
 * A plausible interval around a default number (same unit): what the sources spread over, or an
 * estimate's honest uncertainty. An uncertainty study samples a number between `low` and `high`.
 */
export interface Range {
  low: number;
  high: number;
}

/** A default value with its provenance. `estimate` = no measured source; calibrate it. */
export interface Sourced<T> {
  value: T;
  source: string;
  estimate: boolean;
  /** Plausible low/high (numbers only); absent where none has been worked out yet. */
  range?: Range;
}

const src = <T>(value: T, source: string, range?: Range): Sourced<T> => ({ value, source, estimate: false, ...(range && { range }) });
const est = <T>(value: T, source: string, range?: Range): Sourced<T> => ({ value, source, estimate: true, ...(range && { range }) });
/** A plausible interval, low to high. */
const span = (low: number, high: number): Range => ({ low, high });

// ---------------------------------------------------------------------------------------
// Blood and perfusion

/** ρ_b c_b of blood, J/m³/K: 1050 kg/m³ × 3617 J/kg/K (docs/physics.md §2). */
export const BLOOD_RHO_C_J_M3K = 1050 * 3617;

/** Pennes coefficient W = w_b ρ_b c_b (W/m³/K) from a perfusion rate w_b (1/s). */
function perfusionCoefficient(w_b_per_s: number): number {
  return w_b_per_s * BLOOD_RHO_C_J_M3K;
}

const perfusion = (w_b: number, why: string, estimate = false, wbRange?: [number, number]): Sourced<number> => ({
  value: perfusionCoefficient(w_b),
  source: `W = w_b × ρ_b c_b = ${w_b} 1/s × 1050 × 3617 J/m³/K (${why})`,
  estimate,
  ...(wbRange && { range: span(perfusionCoefficient(wbRange[0]), perfusionCoefficient(wbRange[1])) }),
});

// ---------------------------------------------------------------------------------------
// Tissues (docs/physics.md §2)

export type SourcedTissue = { [K in keyof TissueProps]: Sourced<TissueProps[K]> };

export interface TissuePreset {
  label: string;
  props: SourcedTissue;
}

const GENERIC_SRC = 'generic soft tissue, Deng & Liu and later cryosurgery models (docs/physics.md §2)';
const ITIS_SRC = 'IT\'IS tissue database (docs/physics.md §2)';
const WATER_FRACTION_EST = 'estimated from water fraction, L ≈ 334 MJ/m³ × water fraction (docs/physics.md §2)';
const FROZEN_EST = 'frozen value estimated from water fraction (docs/physics.md §2)';
const MUSHY_SRC = 'latent heat released between −8 and −1 °C (docs/physics.md §1)';

type MediumFields = 'bath_exchange_w_m3k' | 'bath_c' | 'k_frozen_model' | 'c_frozen_model';

/**
 * A tissue in the body: no bath (blood exchange is perfusion), and frozen properties constant,
 * as the tissue sources give one frozen value (docs/physics.md §2); "ice_law" is the alternative.
 */
function noBathConstantFrozen(initialC: number): Pick<SourcedTissue, MediumFields> {
  const constant = (what: string) =>
    src<FrozenPropertyModel>('constant', `the sources give one frozen ${what} (docs/physics.md §2); "ice_law" or a table are the alternatives`);
  return {
    bath_exchange_w_m3k: src(0, 'tissue in the body exchanges heat with blood through perfusion, not with a bath'),
    bath_c: src(initialC, 'unused without bath exchange; the starting temperature'),
    k_frozen_model: constant('conductivity'),
    c_frozen_model: constant('heat capacity'),
  };
}

/** Fields shared by every perfused tissue: the mushy range, blood, start, thaw behaviour. */
function bodyCommon(): Pick<
  SourcedTissue,
  'solidus_c' | 'liquidus_c' | 'arterial_c' | 'initial_c' | 'perfusion_after_thaw' | MediumFields
> {
  return {
    solidus_c: src(-8, MUSHY_SRC, span(-10, -5)),
    liquidus_c: src(-1, MUSHY_SRC, span(-2, -0.5)),
    arterial_c: src(37, 'arterial blood temperature T_a (docs/physics.md §1–2)', span(36, 38)),
    initial_c: src(37, 'body temperature at the start of the run (docs/physics.md §1–2)', span(36, 38)),
    perfusion_after_thaw: src<TissueProps['perfusion_after_thaw']>(
      'resume',
      'perfusion resumes after thaw is the default; "stasis" is the alternative (docs/physics.md §1)',
    ),
    ...noBathConstantFrozen(37),
  };
}

const SARSHOGHI_MODEL = 'Sarshoghi et al. 2026, cryo_thermal.py material constants, MIT licence';
const ICE_LAW_SRC = 'ice: k ∝ 1/T, 2.22 W/m/K at 273.15 K (Slack 1980); c_p = 185 + 6.89·T J/kg/K, 90–273 K (Fukusako 1990)';

/**
 * A water-based medium without perfusion or metabolism: ice below the solidus, following the
 * ice laws (k ∝ 1/T, c ∝ 185 + 6.89 T), and a bath exchange that is off until set (a stirred or
 * convecting liquid; fit it to a temperature log). `own` gives what differs between media.
 */
function liquidMedium(
  own: Pick<SourcedTissue, 'k_unfrozen_w_mk' | 'latent_j_m3' | 'solidus_c' | 'liquidus_c' | 'initial_c'> & Partial<SourcedTissue>,
): SourcedTissue {
  const startC = own.initial_c.value;
  return {
    c_unfrozen_j_m3k: src(4.18e6, `water 4180 J/kg/K × 1000 kg/m³ (${SARSHOGHI_MODEL}; docs/physics.md §2)`, span(4.1e6, 4.2e6)),
    k_frozen_w_mk: src(2.22, `ice near 0 °C, 2.22 W/m/K (Slack 1980; ${SARSHOGHI_MODEL}); the value at the solidus`, span(2.1, 2.3)),
    c_frozen_j_m3k: src(1.92e6, `ice 2090 J/kg/K × 917 kg/m³ (${SARSHOGHI_MODEL}); the value at the solidus`, span(1.85e6, 1.95e6)),
    perfusion_w_m3k: src(0, 'a medium: no perfusion'),
    metabolic_w_m3: src(0, 'a medium: no metabolism'),
    arterial_c: src(startC, 'unused without perfusion; the starting temperature'),
    perfusion_after_thaw: src<TissueProps['perfusion_after_thaw']>('resume', 'no perfusion; the bath exchange resumes after thaw'),
    bath_exchange_w_m3k: est(
      0,
      'off until set: a stirred or convecting liquid exchanges heat with its reservoir; natural convection h ≈ 100–1000 W/m²/K over a ~7 mm length gives 1.4e4–1.4e5 W/m³/K (Sarshoghi 2026 h_to_W); calibrate on a temperature log',
      span(0, 1.5e5),
    ),
    bath_c: est(startC, 'the bath starts at the medium\'s starting temperature', own.initial_c.range),
    k_frozen_model: src<FrozenPropertyModel>('ice_law', ICE_LAW_SRC),
    c_frozen_model: src<FrozenPropertyModel>('ice_law', ICE_LAW_SRC),
    ...own,
  };
}

export const TISSUE_PRESETS: Record<TissuePresetId, TissuePreset> = {
  generic: {
    label: 'Generic soft tissue',
    props: {
      k_unfrozen_w_mk: src(0.5, GENERIC_SRC, span(0.4, 0.6)),
      k_frozen_w_mk: src(2.0, GENERIC_SRC, span(1.5, 2.2)),
      c_unfrozen_j_m3k: src(3.6e6, GENERIC_SRC, span(3.3e6, 3.9e6)),
      c_frozen_j_m3k: src(1.8e6, GENERIC_SRC, span(1.6e6, 2.0e6)),
      latent_j_m3: src(2.5e8, `${GENERIC_SRC}; range 250–300 MJ/m³, Rabin & Shitzer 1998 use 300`, span(2.5e8, 3.0e8)),
      perfusion_w_m3k: { ...perfusion(5e-4, GENERIC_SRC), range: span(1000, 8000) },
      metabolic_w_m3: src(4200, GENERIC_SRC, span(460, 8400)),
      ...bodyCommon(),
    },
  },
  muscle: {
    label: 'Skeletal muscle',
    props: {
      k_unfrozen_w_mk: src(0.49, ITIS_SRC, span(0.45, 0.53)),
      k_frozen_w_mk: est(1.8, FROZEN_EST, span(1.4, 2.1)),
      c_unfrozen_j_m3k: src(3.73e6, ITIS_SRC, span(3.5e6, 3.9e6)),
      c_frozen_j_m3k: est(1.9e6, FROZEN_EST, span(1.7e6, 2.1e6)),
      latent_j_m3: est(2.6e8, WATER_FRACTION_EST, span(2.4e8, 2.7e8)),
      perfusion_w_m3k: perfusion(6.7e-4, ITIS_SRC, false, [3e-4, 1.5e-3]),
      metabolic_w_m3: src(990, ITIS_SRC, span(700, 1300)),
      ...bodyCommon(),
    },
  },
  fat: {
    label: 'Fat',
    props: {
      k_unfrozen_w_mk: src(0.21, ITIS_SRC, span(0.18, 0.25)),
      k_frozen_w_mk: est(0.3, FROZEN_EST, span(0.25, 0.5)),
      c_unfrozen_j_m3k: src(2.14e6, ITIS_SRC, span(1.9e6, 2.4e6)),
      c_frozen_j_m3k: est(1.7e6, FROZEN_EST, span(1.4e6, 2.0e6)),
      latent_j_m3: est(6.0e7, WATER_FRACTION_EST, span(3e7, 1e8)),
      perfusion_w_m3k: perfusion(5e-4, ITIS_SRC, false, [2e-4, 1e-3]),
      metabolic_w_m3: src(460, ITIS_SRC, span(300, 600)),
      ...bodyCommon(),
    },
  },
  skin: {
    label: 'Skin (dermis)',
    props: {
      k_unfrozen_w_mk: src(0.37, ITIS_SRC, span(0.3, 0.45)),
      k_frozen_w_mk: est(1.5, FROZEN_EST, span(1.1, 1.9)),
      c_unfrozen_j_m3k: src(3.76e6, ITIS_SRC, span(3.5e6, 4.0e6)),
      c_frozen_j_m3k: est(1.9e6, FROZEN_EST, span(1.6e6, 2.1e6)),
      latent_j_m3: est(2.3e8, WATER_FRACTION_EST, span(2.0e8, 2.5e8)),
      perfusion_w_m3k: perfusion(2e-3, ITIS_SRC, false, [1e-3, 4e-3]),
      metabolic_w_m3: src(1800, ITIS_SRC, span(1000, 2500)),
      ...bodyCommon(),
    },
  },
  nerve: {
    label: 'Peripheral nerve',
    props: {
      k_unfrozen_w_mk: src(0.49, ITIS_SRC, span(0.45, 0.53)),
      k_frozen_w_mk: est(1.7, FROZEN_EST, span(1.3, 2.0)),
      c_unfrozen_j_m3k: src(3.88e6, ITIS_SRC, span(3.6e6, 4.0e6)),
      c_frozen_j_m3k: est(1.9e6, FROZEN_EST, span(1.6e6, 2.1e6)),
      latent_j_m3: est(2.3e8, WATER_FRACTION_EST, span(2.0e8, 2.6e8)),
      perfusion_w_m3k: perfusion(
        2e-3,
        'w_b = 2e-3 1/s chosen as the middle of the 1e-3–3e-3 range, IT\'IS (docs/physics.md §2)',
        true,
        [1e-3, 3e-3],
      ),
      metabolic_w_m3: est(4200, 'nerve q_m is unknown (docs/physics.md §2); the generic soft-tissue value is used', span(1000, 8000)),
      ...bodyCommon(),
    },
  },
  gel: {
    label: 'Agar / gel phantom',
    props: {
      k_unfrozen_w_mk: src(0.6, 'agar/gel phantom ≈ water (docs/physics.md §2)', span(0.55, 0.63)),
      k_frozen_w_mk: src(2.2, 'ice at 0 °C (docs/physics.md §1–2)', span(2.0, 2.3)),
      c_unfrozen_j_m3k: src(4.18e6, 'water (docs/physics.md §2)', span(4.0e6, 4.2e6)),
      c_frozen_j_m3k: src(1.9e6, 'ice (docs/physics.md §2)', span(1.85e6, 1.95e6)),
      latent_j_m3: src(3.34e8, 'latent heat of water, 334 MJ/m³ (docs/physics.md §2)', span(3.2e8, 3.34e8)),
      solidus_c: est(-1, 'narrow range just below 0 °C for a water-like phantom (docs/physics.md §1 asks for a narrow range)', span(-1.5, -0.25)),
      liquidus_c: est(0, 'water freezes at 0 °C; narrow range (docs/physics.md §1)', span(-0.5, 0)),
      perfusion_w_m3k: src(0, 'phantom: no perfusion (docs/physics.md §2)'),
      metabolic_w_m3: src(0, 'phantom: no metabolism (docs/physics.md §2)'),
      arterial_c: src(37, 'unused without perfusion; body temperature for consistency'),
      initial_c: est(37, 'gel studies warm the phantom to body temperature (docs/physics.md §3: 37–39 °C)', span(20, 39)),
      perfusion_after_thaw: src<TissueProps['perfusion_after_thaw']>('resume', 'no perfusion; irrelevant'),
      ...noBathConstantFrozen(37),
    },
  },
  water: {
    label: 'Water (medium)',
    props: liquidMedium({
      k_unfrozen_w_mk: src(0.6, `water at 20–25 °C, 0.60 W/m/K (${SARSHOGHI_MODEL})`, span(0.57, 0.63)),
      latent_j_m3: src(3.34e8, 'latent heat of water 334 kJ/kg × 1000 kg/m³ (docs/physics.md §2)', span(3.33e8, 3.35e8)),
      solidus_c: est(-0.5, 'a pure substance freezes at one temperature; the kernel needs a narrow range (docs/physics.md §1)', span(-1, -0.1)),
      liquidus_c: src(0, 'water freezes at 0 °C'),
      initial_c: est(22, 'a bench at room temperature; set the starting temperature of your bench', span(18, 37)),
    }),
  },
  saline: {
    label: 'Saline / PBS (medium)',
    props: liquidMedium({
      k_unfrozen_w_mk: src(0.6, `≈ water: the source model uses water's 0.600 W/m/K for PBS (${SARSHOGHI_MODEL})`, span(0.57, 0.63)),
      latent_j_m3: est(3.31e8, '334 MJ/m³ × water fraction 0.99 (docs/physics.md §2; PBS is ~99 % water)', span(3.28e8, 3.34e8)),
      solidus_c: est(-1.02, 'freezing point − 0.5 °C: a narrow mushy range (docs/physics.md §1); brine pockets freeze on down to the eutectic', span(-3, -0.6)),
      liquidus_c: src(-0.52, 'freezing point of PBS −0.52 °C (Sarshoghi et al. 2026, data README)', span(-0.56, -0.48)),
      initial_c: est(22, 'a bench at room temperature; set the starting temperature of your bench', span(18, 37)),
    }),
  },
  agar: {
    label: 'Agar gel, 1–2 % (medium)',
    props: {
      ...liquidMedium({
        k_unfrozen_w_mk: est(0.6, 'a 1–2 % agar gel conducts as water (docs/physics.md §2: agar/gel phantom ≈ water)', span(0.54, 0.62)),
        latent_j_m3: est(3.27e8, '334 MJ/m³ × water fraction 0.98 (docs/physics.md §2)', span(3.2e8, 3.34e8)),
        solidus_c: est(-0.5, 'water in a dilute gel freezes near 0 °C; narrow range (docs/physics.md §1)', span(-1, -0.1)),
        liquidus_c: est(0, 'water in a dilute gel freezes near 0 °C', span(-0.3, 0)),
        initial_c: est(37, 'agar phantom studies warm the gel to body temperature (docs/physics.md §3: 37–39 °C)', span(20, 39)),
      }),
      bath_exchange_w_m3k: src(0, 'a gel does not convect: no bath exchange'),
      bath_c: src(37, 'unused without bath exchange; the starting temperature'),
    },
  },
  gelma: {
    label: 'Gelatin / GelMA hydrogel (medium)',
    props: {
      ...liquidMedium({
        k_unfrozen_w_mk: est(0.6, `as water, the source model's choice for GelMA (${SARSHOGHI_MODEL}); gelatin gels 0.5–0.6 W/m/K`, span(0.45, 0.62)),
        c_unfrozen_j_m3k: est(4.18e6, `as water, the source model's choice for GelMA (${SARSHOGHI_MODEL}); ~90 % water`, span(3.8e6, 4.2e6)),
        latent_j_m3: src(2.84e8, 'GelMA latent heat 284 kJ/kg (Sarshoghi et al. 2026, data README) × 1000 kg/m³ (the source model\'s density)', span(2.6e8, 3.0e8)),
        solidus_c: est(-3.3, 'freezing point − 0.5 °C: a narrow mushy range (docs/physics.md §1)', span(-4.5, -3.0)),
        liquidus_c: src(-2.8, 'GelMA freezing point −2.8 °C (Sarshoghi et al. 2026, data README)', span(-3.2, -2.4)),
        initial_c: est(37, 'constructs are cultured at 37 °C; set the starting temperature of your bench (29.2 °C in Sarshoghi 2026)', span(20, 37)),
      }),
      bath_exchange_w_m3k: src(0, 'a gel does not convect: no bath exchange'),
      bath_c: src(37, 'unused without bath exchange; the starting temperature'),
    },
  },
};

export const TISSUE_PRESET_IDS = Object.keys(TISSUE_PRESETS) as TissuePresetId[];

/** The plain numbers of a tissue preset (a fresh object each call). */
export function tissuePresetValues(id: TissuePresetId): TissueProps {
  const props = TISSUE_PRESETS[id].props;
  const out = {} as Record<keyof TissueProps, unknown>;
  for (const key of Object.keys(props) as (keyof TissueProps)[]) out[key] = props[key]!.value;
  return out as TissueProps;
}

// ---------------------------------------------------------------------------------------
// Cryoprobe devices (docs/physics.md §3)

export type Cryogen = 'argon' | 'nitrous_oxide';

export interface DevicePreset {
  label: string;
  cryogen: Cryogen;
  diameter_mm: number;
  /** Length of the cold segment ending at the tip; the shaft behind it stays warm. */
  active_length_mm: number;
  surface: ProbeSurface;
  source: string;
  /** Which of the fields above are estimates (dotted names, e.g. `surface.h_w_m2k`). */
  estimates: string[];
  /**
   * Per number (dotted names as in `estimates`): what it was fitted to or where it comes from,
   * the fit's residual where it was fitted, and a plausible low/high an uncertainty study samples.
   * Every shipped preset gives one for each of its numbers (tests/calibration/device-provenance.test.ts).
   */
  provenance?: Record<string, DeviceNumber>;
}

/** Where one device number comes from; `range` has the tissue presets' shape. */
export interface DeviceNumber {
  source: string;
  /** true = no measurement behind it */
  estimate: boolean;
  range: Range;
  /** how far the fitted model stays from what it was fitted to (where it was fitted) */
  residual?: string;
}

const fitted = (source: string, residual: string, low: number, high: number): DeviceNumber => ({ source, estimate: false, range: span(low, high), residual });
const stated = (source: string, low: number, high: number): DeviceNumber => ({ source, estimate: false, range: span(low, high) });
const guess = (source: string, low: number, high: number): DeviceNumber => ({ source, estimate: true, range: span(low, high) });

const GAUGE_17 = stated('17G needle, 1.47 mm outer diameter (docs/physics.md §3)', 1.45, 1.5);
const ARGON_GAS = stated('argon Joule–Thomson limit at the tip (docs/physics.md §3); a warmer gas is what h absorbs', -186, -170);

/** Argon Joule–Thomson limit used as the gas temperature of argon probes (docs/physics.md §3). */
export const ARGON_GAS_C = -186;
/** Nitrous-oxide limit (docs/physics.md §3). */
export const NITROUS_GAS_C = -88;

/*
 * Why these film coefficients h: the convective model q'' = h (T_s − T_gas) needs an h that
 * puts the probe surface T_s near the −140 to −150 °C measured at argon probes in gel
 * (docs/physics.md §3). Once an ice ball has formed, heat reaches the probe by conduction through
 * frozen tissue; quasi-steady conduction from the ice edge (T_f ≈ −1 °C at radius R) to a
 * cylinder of radius a gives
 *     q'' ≈ k_f (T_f − T_s) / (a ln(R/a)),      h = q'' / (T_s − T_gas).
 * With k_f = 2.0 W/m/K (generic frozen), T_s = −145 °C, T_gas = −186 °C, R = 15 mm:
 *   17G, a = 0.735 mm: ln(20.4) = 3.02; q'' = 2.0·144/(0.735e-3·3.02) = 1.30e5 W/m²;
 *                      h = 1.30e5/41 ≈ 3200 W/m²/K   (R = 10–20 mm gives 3660–2900)
 *   1.7 mm, a = 0.85:  ln(17.6) = 2.87; q'' = 1.18e5;  h ≈ 2900   (R 10–20: 3350–2620)
 *   2.4 mm, a = 1.2:   ln(12.5) = 2.53; q'' = 9.50e4;  h ≈ 2300
 * Nitrous (Frigitronics), aiming at T_s ≈ −70 °C against gas at −88 °C, a = 1.0 mm, R = 10 mm:
 *   ln(10) = 2.30; q'' = 2.0·69/(1.0e-3·2.30) = 6.0e4 W/m²; h = 6.0e4/18 ≈ 3300 W/m²/K.
 * Cross-check (a crude axisymmetric enthalpy run in generic tissue, not a calibration):
 * the mushy zone conducts less than k_f, so these h leave the surface ~8 °C warmer than
 * aimed (17G, 15-mm segment: −137 °C after 20 min at h = 3200; −140 °C after 3 min and
 * −145 °C after 20 min at h = 4000). The presets therefore raise the estimates by ~25 %:
 * 17G 4000, 1.7 mm 3600, 2.4 mm 2900, Frigitronics 4500 (−68 °C after 3 min).
 * All of these are estimates pending calibration against a manufacturer's isotherm chart.
 */
const ARGON_H_NOTE = 'h estimated so the surface sits near −145 °C in frozen tissue (arithmetic in presets.ts)';
/** Film coefficient of a 17G argon needle (W/m²/K): the estimate above, raised 25 %. */
export const ARGON_17G_H_W_M2K = 4000;
const SARSHOGHI_N1 = 'saline IceSphere bench, replicate N1, Sarshoghi et al. 2026 (scenarios/experiments/sarshoghi-icesphere-pbs-n1.json)';
/** Recalibrations (docs/calibration.md, docs/experiments.md): `cryo calibrate <device> scenarios/measurements/<file>`. */
const LITTRUP_24 =
  'h fitted to the lethal (≤ −30 °C) ice diameter of a single 2.4 mm probe in 39 °C agar, 12 mm at 15 min (Littrup 2009; ' +
  'scenarios/measurements/littrup-2009-2.4mm-agar.csv) with the 20 mm active length';
const LITTRUP_17 =
  'h fitted to the lethal ice diameter of a 1.7 mm probe in 39 °C agar, 10.1 mm at 15 min (Littrup 2009, as 84 % of the ' +
  '2.4 mm probe\'s: scenarios/measurements/littrup-2009-1.7mm-agar.csv) with the 10 mm active length';

export const DEVICE_PRESETS: Record<string, DevicePreset> = {
  'iceseed-17g': {
    label: 'Galil/Boston Scientific IceSeed 17G (argon)',
    cryogen: 'argon',
    diameter_mm: 1.47,
    active_length_mm: 20,
    surface: { model: 'convective', gas_c: ARGON_GAS_C, h_w_m2k: ARGON_17G_H_W_M2K },
    source:
      '17G = 1.47 mm (docs/physics.md §3); 2-cm active tip as described by Cazzato 2016 (NICE IPG747 overview); ' +
      `gas at the argon JT limit (docs/physics.md §3); ${ARGON_H_NOTE}`,
    estimates: ['surface.h_w_m2k'],
    provenance: {
      diameter_mm: GAUGE_17,
      active_length_mm: stated('2-cm active tip, Cazzato 2016 (NICE IPG747 overview)', 18, 22),
      'surface.gas_c': ARGON_GAS,
      'surface.h_w_m2k': guess(`${ARGON_H_NOTE}; not measured for this needle`, 1000, 8000),
    },
  },
  'icesphere-17g': {
    label: 'Galil/Boston Scientific IceSphere 17G (argon)',
    cryogen: 'argon',
    diameter_mm: 1.47,
    active_length_mm: 15,
    surface: { model: 'convective', gas_c: ARGON_GAS_C, h_w_m2k: 2200 },
    source:
      '17G = 1.47 mm (docs/physics.md §3); gas at the argon JT limit (docs/physics.md §3); h fitted to the saline IceSphere bench of ' +
      'Sarshoghi et al. 2026 (thermocouples 1.8–6.8 mm; docs/experiments.md); active length estimated',
    estimates: ['active_length_mm'],
    provenance: {
      diameter_mm: GAUGE_17,
      active_length_mm: guess(
        'a near-spherical ice ball needs a short cold segment; the saline bench fits (Sarshoghi 2026, docs/experiments.md) ' +
          'give 20–22 mm (the labelled 22 mm), where convection stretches the cold liquid along the probe; in the GelMA bench ' +
          '(conduction only) one fitted surface temperature reproduces all six thermocouples within 1.6 °C with 15 mm, 2.2 °C with ' +
          '22 mm; kept at 15, not fitted, until a tissue measurement decides',
        12,
        22,
      ),
      'surface.gas_c': ARGON_GAS,
      'surface.h_w_m2k': fitted(
        `${SARSHOGHI_N1}: h fitted to the four thermocouples with the bench model of a bath held at its starting temperature ` +
          '(surface −99 °C when the cryogen stops, the probe thermocouple −106 °C); refitted with the finite-bath bench now shipped ' +
          'it gives 2290, 4 % higher (surface −104 °C), so 2200 is kept. Low end: the GelMA bench of the same source ' +
          'gives 320 (surface −32 °C); high end: the previous estimate',
        'worst thermocouple RMSE 4.9 °C with the held-bath bench, 3.0 °C with the finite-bath bench at h 2290 (0.5 mm grid)',
        320,
        4000,
      ),
    },
  },

  'icerod-17g': {
    label: 'Galil/Boston Scientific IceRod 17G (argon)',
    cryogen: 'argon',
    diameter_mm: 1.47,
    active_length_mm: 30,
    surface: { model: 'convective', gas_c: ARGON_GAS_C, h_w_m2k: ARGON_17G_H_W_M2K },
    source:
      '17G = 1.47 mm (docs/physics.md §3); active length estimated (elongated ice ball); ' + ARGON_H_NOTE,
    estimates: ['active_length_mm', 'surface.h_w_m2k'],
    provenance: {
      diameter_mm: GAUGE_17,
      active_length_mm: guess('elongated ice ball', 20, 40),
      'surface.gas_c': ARGON_GAS,
      'surface.h_w_m2k': guess(`${ARGON_H_NOTE}; not measured for this needle`, 1000, 8000),
    },
  },
  'argon-1.7mm': {
    label: 'Argon probe 1.7 mm (Endocare PerCryo 17R-like)',
    cryogen: 'argon',
    diameter_mm: 1.7,
    active_length_mm: 10,
    surface: { model: 'convective', gas_c: ARGON_GAS_C, h_w_m2k: 2400 },
    source:
      '1.7 mm (docs/physics.md §3; Yoon 2016, Calixte 2019 in NICE IPG747 overview); active length estimated from ' +
      `the ~1.5 cm ice sphere those studies report; ${LITTRUP_17}`,
    estimates: ['active_length_mm'],
    provenance: {
      diameter_mm: stated('1.7 mm (docs/physics.md §3)', 1.65, 1.75),
      active_length_mm: guess('from the ~1.5 cm ice sphere Yoon 2016 and Calixte 2019 report', 6, 15),
      'surface.gas_c': ARGON_GAS,
      'surface.h_w_m2k': fitted(LITTRUP_17, 'one width, fitted exactly (0.00 mm on a 0.5 mm grid); surface −119 °C at 15 min', 1500, 3600),
    },
  },
  'argon-2.4mm': {
    label: 'Argon probe 2.4 mm',
    cryogen: 'argon',
    diameter_mm: 2.4,
    active_length_mm: 20,
    surface: { model: 'convective', gas_c: ARGON_GAS_C, h_w_m2k: 1000 },
    source: `2.4 mm (docs/physics.md §3; Littrup et al. 2009); active length estimated; ${LITTRUP_24}`,
    estimates: ['active_length_mm'],
    provenance: {
      diameter_mm: stated('2.4 mm (docs/physics.md §3; Littrup 2009)', 2.35, 2.45),
      active_length_mm: guess('typical 2.4 mm argon probe', 15, 30),
      'surface.gas_c': ARGON_GAS,
      'surface.h_w_m2k': fitted(LITTRUP_24, 'one width: h = 996 fits it exactly (0.5 mm grid), rounded to 1000; surface −95 °C at 15 min', 700, 2900),
    },
  },
  'nitrous-handheld': {
    label: 'Handheld nitrous-oxide needle, ≈27G (−70 °C)',
    cryogen: 'nitrous_oxide',
    diameter_mm: 0.41,
    active_length_mm: 6,
    surface: { model: 'temperature', temperature_c: -70, cooldown_s: 10 },
    source:
      '27G ≈ 0.41 mm (docs/physics.md §3); ice near the tip about −70 °C (Tinnirello 2025; docs/physics.md §3); ' +
      'active length and cool-down time estimated',
    estimates: ['active_length_mm', 'surface.cooldown_s'],
    provenance: {
      diameter_mm: stated('27G ≈ 0.41 mm (docs/physics.md §3)', 0.38, 0.45),
      active_length_mm: guess('handheld needle tip', 3, 10),
      'surface.temperature_c': stated('ice near the tip about −70 °C (Tinnirello 2025; docs/physics.md §3)', -88, -60),
      'surface.cooldown_s': guess('a small needle cools within seconds', 2, 30),
    },
  },
  'frigitronics-ce2000': {
    label: 'Frigitronics CE 2000 trocar cryoprobe (nitrous oxide)',
    cryogen: 'nitrous_oxide',
    diameter_mm: 2.0,
    active_length_mm: 10,
    surface: { model: 'convective', gas_c: NITROUS_GAS_C, h_w_m2k: 4500 },
    source:
      'Frigitronics CE 2000, nitrous oxide (Friedman 2012 in NICE IPG747 overview); gas at the N₂O limit ' +
      '(docs/physics.md §3); probe size not reported, estimated; h estimated for a surface near −70 °C (arithmetic in presets.ts)',
    estimates: ['diameter_mm', 'active_length_mm', 'surface.h_w_m2k'],
    provenance: {
      diameter_mm: guess('probe size not reported', 1.5, 3),
      active_length_mm: guess('probe size not reported', 5, 20),
      'surface.gas_c': stated('N₂O limit (docs/physics.md §3)', -88, -75),
      'surface.h_w_m2k': guess('h for a surface near −70 °C (arithmetic in presets.ts)', 2000, 8000),
    },
  },
};

export const DEVICE_IDS = Object.keys(DEVICE_PRESETS);

// ---------------------------------------------------------------------------------------
// Boundaries, protocol and output defaults

/** Skin in still room air: ambient 22 °C, h ≈ 10 W/m²/K (natural convection plus radiation). */
export const DEFAULT_SKIN: SkinBoundary = { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 };
export const DEFAULT_SKIN_SOURCE = est(
  DEFAULT_SKIN,
  'estimate: procedure-room air 20–24 °C; still air natural convection + radiation ≈ 10 W/m²/K',
);

/** Tissue far from the probe stays at body temperature. */
export const DEFAULT_FAR_FIELD: FarFieldBoundary = { boundary: 'temperature', temperature_c: 37 };

export const DEFAULT_OUTPUT: Output = { interval_s: 10, isotherms_c: [0, -20, -40] };

/** Probe surface temperature driven during active thaw (docs/physics.md §3: +10 to +40 °C). */
export const DEFAULT_ACTIVE_THAW_C = est(20, 'docs/physics.md §3: active thaw drives the probe to +10 to +40 °C');

/**
 * Console power fraction of a freeze phase (0 < power ≤ 1). The engine applies it per
 * surface model (workers/engine/probe-schedule.ts): convective h × power, line-sink
 * q' × power, and a prescribed temperature moves toward body temperature,
 * T_body + power × (T_set − T_body). A built-in whose paper reports the probe temperature
 * reached at reduced power therefore prescribes that temperature at power 1.
 */
export const DEFAULT_POWER = 1;

/** Blood temperature at large-vessel walls (docs/physics.md §5). */
export const DEFAULT_BLOOD_C = 37;

/**
 * Wall film coefficient of a large vessel, h = Nu · k_blood / D: with no flow given, Nu ≈ 3.66
 * (fully developed laminar, docs/physics.md §5: ≈ 1830, 915, 458, 229 W/m²/K for D = 1, 2, 4, 8 mm);
 * with a mean flow velocity, from the developing-flow or turbulent correlation below.
 */
export function vesselWallH(diameter_mm: number, flow_m_s?: number): number {
  const d = diameter_mm * 1e-3;
  if (flow_m_s === undefined) return (NUSSELT_FULLY_DEVELOPED * BLOOD.k_w_mk.value) / d;
  return (vesselNusselt(d, flow_m_s) * BLOOD.k_w_mk.value) / d;
}

/** Fully developed laminar flow at constant wall temperature (docs/physics.md §5: 3.66–4.36). */
export const NUSSELT_FULLY_DEVELOPED = 3.66;

/** Blood properties for the vessel-wall Nusselt correlations. */
export const BLOOD = {
  k_w_mk: src(0.5, 'docs/physics.md §5: k_blood ≈ 0.5 W/m/K'),
  rho_kg_m3: src(1050, 'docs/physics.md §2: rho_b ≈ 1050 kg/m³'),
  c_j_kgk: src(3617, 'docs/physics.md §2: c_b ≈ 3617 J/kg/K'),
  mu_pa_s: est(3.5e-3, 'whole-blood viscosity at high shear, ≈ 3–4 mPa·s'),
  /** the length over which the wall exchanges heat with the ice: about an ice ball's size */
  exchange_length_m: est(0.02, 'ice-ball length (~2 cm); only enters the developing-flow term'),
};

/**
 * Nusselt number of blood flow at velocity v in a vessel of diameter d (m): thermally
 * developing laminar flow (Hausen: Nu = 3.66 + 0.0668 Gz / (1 + 0.04 Gz^(2/3)), Gz = Re Pr d/L)
 * below Re 2300, Dittus–Boelter (Nu = 0.023 Re^0.8 Pr^0.4) above.
 */
export function vesselNusselt(d_m: number, flow_m_s: number): number {
  const re = (BLOOD.rho_kg_m3.value * flow_m_s * d_m) / BLOOD.mu_pa_s.value;
  const pr = (BLOOD.c_j_kgk.value * BLOOD.mu_pa_s.value) / BLOOD.k_w_mk.value;
  if (re > 2300) return 0.023 * re ** 0.8 * pr ** 0.4;
  const gz = (re * pr * d_m) / BLOOD.exchange_length_m.value;
  return NUSSELT_FULLY_DEVELOPED + (0.0668 * gz) / (1 + 0.04 * gz ** (2 / 3));
}

// ---------------------------------------------------------------------------------------
// Biological thresholds and clinical margins (docs/physics.md §4)

export const THRESHOLDS_C = {
  lethal: src(-40, 'lethal for nearly all tissue, Gage & Baust 1998 (docs/physics.md §4)'),
  nerve_block: src(-20, 'reliable nerve block, axonotmesis: J Clin Med 2024;13:3304, Evans et al. 1981 (docs/physics.md §4)'),
  neurotmesis: src(-100, 'risk of permanent neurotmesis (docs/physics.md §4, same sources)'),
  skin_frozen: src(0, 'skin frozen: visible ice must stay away from the skin, clinical practice (docs/physics.md §4)'),
  skin_pigment: src(-5, 'melanocyte loss, pigment change, Kuflik (docs/physics.md §4)'),
  skin_necrosis: src(-20, 'skin necrosis, Kuflik (docs/physics.md §4)'),
} as const;

/** Ice-ball edge to skin distance kept in the seed studies. */
export const SKIN_MARGIN_MM = {
  von_falck_2022: src(5, 'ice ball ≥ 0.5 cm from the skin, von Falck 2022 (NICE IPG747 overview)'),
  yoon_2016: src(10, 'at least 1 cm from ice ball to skin, Yoon 2016 (NICE IPG747 overview)'),
} as const;

// ---------------------------------------------------------------------------------------
// Limits: what one run may ask for (memory and sanity, not physics)

/** 2D grids: 4 M cells ≈ a few tens of MB of f32/f64 fields. */
export const MAX_CELLS_2D = 4_000_000;
export const MAX_CELLS_3D = 30_000_000;
/** Output frames per run. */
export const MAX_OUTPUTS = 100_000;
/** Total simulated time per run (24 h). */
export const MAX_TOTAL_DURATION_S = 24 * 3600;
/** Largest domain edge: a body part, not a room. */
export const MAX_SIZE_MM = 1000;
export const MAX_PROBES = 25;
export const MAX_VESSELS = 50;
export const MAX_SENSORS = 500;
export const MAX_LAYERS = 50;
export const MAX_PHASES = 1000;
export const MAX_ISOTHERMS = 20;
/**
 * Deepest nesting a file the CLI loads may have. A scenario is a few levels deep
 * (probes[0].surface.h_w_m2k is 4); copying a file nested ~10 000 levels (structuredClone in
 * sweeps and comparisons) overflows the stack, so such files are refused on reading.
 */
export const MAX_NESTING = 100;

/*
 * Resource budget of one run (checked by scenarios/validate-budget.ts once the scenario is
 * otherwise valid). The cell, frame and duration caps above bound each input on its own; these
 * bound what the inputs cost together, so a pasted file cannot exhaust a tab's memory or keep a
 * worker busy for days.
 */

/**
 * Memory one run may hold: 256 MiB. A wasm32 memory addresses at most 4 GiB, and in practice a
 * browser tab's renderer process runs out near 2–4 GB in total; the workbench's pool runs up to
 * MAX_CONCURRENT_RUNS simulations at once (a comparison runs every protocol in parallel).
 * 2 GiB / 8 concurrent runs = 256 MiB each. The CLI's sweep runs one per core, which this also
 * keeps within a workstation's memory.
 */
export const MAX_RUN_BYTES = 256 * 2 ** 20;

/** Simulations the browser pool runs at once, whatever the core count (each holds a grid and its map frames). */
export const MAX_CONCURRENT_RUNS = est(8, 'estimate: one per built-in protocol; with MAX_RUN_BYTES each, 2 GiB in all');

/** How a run reports while it goes; workers/engine/run-output.ts applies these for the engine, pool and page. */
export const RUN_OUTPUT = {
  progress_interval_s: est(0.25, 'estimate: smooth enough to read, cheap enough not to slow the run'),
  min_progress_interval_s: est(0.05, 'estimate: each report is a cross-thread message and a re-render; faster than 20 per second is not readable'),
  eta_min_fraction: est(0.02, 'estimate: the first few percent include start-up (kernel compile, first allocations), so a rate taken earlier overstates the time left'),
  /** `cryo run` on a terminal: the updating progress line */
  terminal_interval_s: est(1, 'estimate: a terminal line that visibly moves without flicker'),
  /** `cryo run` writing to a log (CI, Slurm): one plain progress line at most this often */
  log_line_every_s: est(5, 'estimate: a readable log for a minutes-long run'),
  /** `cryo sweep` writing to a log: one plain line at most this often */
  sweep_log_line_every_s: est(10, 'estimate: a readable log for an hours-long sweep'),
};

/**
 * How closely a run looks at the nerve near a coverage threshold (workers/engine/run-trackers.ts
 * NerveTimeline). It is looked at after every chunk of explicit steps (128 steps: about 1 s of
 * simulated time at 0.25 mm, 5 s at 0.5 mm, 20 s at 1 mm); the time the whole nerve first reached
 * a threshold is interpolated between two looks, which fails where the warmest point lingers just
 * above the threshold and then drops (calixte-2019 at 0.5 mm: −19.7 to −19.9 °C for 7 s before
 * −20 °C, 1.8 s early from looks 5 s apart). Within `near_k` of an open threshold, counting the
 * fall the last two looks predict for the next chunk, the explicit path looks every `near_every_s`.
 */
export const NERVE_LOOK = {
  near_k: est(1, 'estimate: the lingering seen on the built-in scenarios was within 0.3 K of the threshold'),
  near_every_s: est(0.5, 'estimate: the built-ins at 0.5 mm then report within 0.01 s of runs that look every 0.25 s; at 0.25 s the comparison took 3 % more CPU than before (more, shorter chunks), at 0.5 s about half of that'),
};

/**
 * How often the f32 kernel folds each cell's temperature into its coldest (the f64 kernel does it
 * at every step). Once per chunk of 128 steps, as before, the envelope missed minima reached
 * between chunk ends: tissue beyond the tip keeps cooling for a while after a freeze ends, and
 * cazzato-2016's −40 °C envelope length at 0.5 mm came out 0.092 mm short of the f64 kernel's,
 * and 0.087 mm longer with outputs every second than every 5 s (outputs end chunks). The run also
 * folds at the end of every two-rate piece (workers/engine/simulation.ts advance).
 */
export const F32_COLDEST = {
  fold_every_steps: est(16, 'estimate: with folds also at every two-rate piece end, the built-ins at 0.5 mm lie within 0.0016 mm of f64 (0.0053 mm single-rate; 32 steps: 0.014 mm); a fold is one vector pass over the cells, and the comparison protocols at 0.25 mm took the same CPU as with one fold per chunk, within this machine\'s noise'),
};

/**
 * Bytes per padded grid cell at a run's peak, counted from the engine's allocations. Kernels:
 * f32 SIMD (wasm/kernel-simd-host.ts) 8 f32 fields (h, t, k, fl, tmin, act, frozen, acc) = 32 B;
 * f64 reference (wasm/kernel-host.ts) 6 f64 (h, t, k, pa, pb, tmin) + 2 u8 (mat, frozen) = 50 B.
 * Plus 16 B for the engine's f64 field sample, allocated per progress chunk so the garbage
 * collector holds about two. The stability check's 4 f64 per cell (32 B) are freed before the
 * kernel is allocated, so they do not add to the peak. Boundary links (40 B each) grow with the
 * probe surface, not the cell count; in 3D at 1 mm they add ~7 B per cell, inside these 16 B.
 * The implicit integrator runs the f64 kernel plus its work area of 20 f64 per cell (160 B:
 * wasm/assembly/implicit.ts OWN_ARRAYS 5 + implicit-linear.ts LINEAR_ARRAYS 15).
 */
export const RUN_BYTES_PER_CELL = { f32: 32 + 16, f64: 50 + 16, implicit: 50 + 160 + 16 } as const;
/**
 * Bytes per padded cell of one probe configuration's cell map (kind u8, material u8, solid owner
 * i16; workers/engine/boundaries.ts). The engine keeps one for t = 0 and one per reposition
 * phase for the whole run, so 1000 repositions on a large grid would need gigabytes.
 */
export const CELL_MAP_BYTES_PER_CELL = 4;

/**
 * Cell updates (time steps × padded cells) one run may take: 7e11. Measured on this project's
 * 2-core machine, the f32 kernel advances ~200 Mcells/s and the f64 one ~90 Mcells/s (yoon-2016,
 * including the per-output analysis), so the budget is about an hour (f32) to ~2 h (f64) on one
 * core, counted as if every cell took every step (two-rate stepping, the implicit integrator and a
 * thread team do less): beyond that a run is more likely a unit slip (spacing in m, duration in ms)
 * than a plan. Issue 12's 3D goal scene (two 17G probes and a 4-mm vessel, 10-5-10 min, at
 * 0.25 mm) needs 5.5e11, a plan: the earlier 5e11 refused it. The largest built-in, prologo-2017,
 * needs 6e9 — over 100 times less.
 */
export const MAX_CELL_UPDATES = 7e11;
/** Throughput used to say in messages roughly how long a run would take (f32, one core). */
export const TYPICAL_CELLS_PER_S = 2e8;

/**
 * Splitting one run's grid over threads (workers/engine/thread-policy.ts): each thread must get
 * at least this many padded cells. Measured estimate (tests/bench and the thread-team runs on
 * this project's idle 2-core machine, f32, 2D axisymmetric): two threads stepped 1.5× faster
 * than one at 2 000 padded cells and 1.9–2.0× at 8 000 and 30 000, so the crossover is below
 * 2 000; the threshold is set well above it because a team costs ~50 ms and two worker threads
 * to start, which a run of a few thousand cells (under a second) does not win back. The team
 * also times itself against one thread during the run and steps the faster way (thread-team.ts).
 */
export const SPLIT_MIN_CELLS_PER_THREAD = 10_000;
/** Most threads one run uses; a team beyond this gains little (memory bandwidth) and holds workers. */
export const MAX_SPLIT_THREADS = 8;
/** Most worker threads a CLI command (`--workers`) starts: far above any machine's cores, it only catches a typo. */
export const MAX_CLI_WORKERS = 1024;

/**
 * Numbers in one result (output frames × (5 per isotherm + 1 per sensor + 1 per probe + time and
 * phase)): 5e6. The CLI writes the result as indented JSON, ~25 characters per number, and V8
 * cannot build a string over 2^29 − 24 characters (~537 M): past ~20 M numbers `cryo run` would
 * fail after the whole simulation. 5e6 numbers ≈ 125 MB of JSON keeps a 4× margin, and keeps
 * the browser's copy (posted from the worker, stored in IndexedDB, plotted) manageable.
 */
export const MAX_RESULT_VALUES = 5_000_000;

/**
 * Time constant (s) of the probe surface ramp toward the active-thaw temperature when
 * the probe has no own `warmup_s`. Estimate: helium/electrical thaw reaches +10..+40 °C
 * within tens of seconds (docs/physics.md §3 gives no figure).
 */
export const DEFAULT_WARMUP_S = 10;

/**
 * Most points a probe `trace` surface may hold: a day of 1 Hz logging is 86 400 points; more
 * would be resampled with `cryo trace --every`. (Limit, not physics.)
 */
export const MAX_TRACE_POINTS = 100_000;

/**
 * `warnings` (contract Extensions): ice (0 °C) at any time within this distance of a side or the
 * bottom of the model — where the far field stands in for the rest of the body — means the
 * domain is too small for the answer to be free of it. The contract's figure.
 */
export const ICE_NEAR_BOUNDARY_MM = 2;

/**
 * Two-rate stepping (workers/engine/two-rate.ts; docs/method.md §5). The cold region is
 * stepped at the global stability limit, which frozen tissue sets (α_frozen ≈ 8 α_unfrozen
 * for the generic preset); every other cell takes one step of `ratio` × dt, the unfrozen
 * limit. All three numbers are estimates chosen with margin, checked by the f32 two-rate vs
 * f64 single-rate test on every built-in (tests/engine/) and the exact-solution tests:
 * - coldMarginC: a cell counts as reached by the cold below its liquidus + this (°C); the
 *   warm cells then stay unfrozen through a macro step, which both the stability limit and
 *   the exact heat exchange across the box boundary rely on;
 * - stepsPerBox: the cold box is found anew at least this often (the run loop's chunk);
 *   after a change of boundary conditions the pieces start at one warm step and double
 *   while the cold region grows by at most marginCells / 2 per piece, halving otherwise;
 * - marginCells: the cold box is widened by this many cells on every side: twice the
 *   distance heat diffuses through unfrozen tissue in stepsPerBox steps, √(stepsPerBox ·
 *   α_u·dt) ≤ h·√(128 / (4·8)) = 2h (α_frozen·dt ≤ h²/4 in 2D, α_frozen ≈ 8 α_unfrozen);
 * - maxRatio: the longest warm step, in short steps: the frozen/unfrozen diffusivity ratio
 *   of the generic preset, so a probe film that shortens the global step does not stretch
 *   the warm step beyond what the tests cover.
 */
export const TWO_RATE = { coldMarginC: 5, stepsPerBox: 128, marginCells: 4, maxRatio: 8 } as const;

/**
 * Frozen-property laws of pure ice (docs/method.md §1): conductivity k = 2.22 W/m/K × 273.15 K / T
 * (Slack 1980, Phys Rev B 22:3065; fits 0 to about −150 °C), specific heat c_p = 185 + 6.89·T J/kg/K
 * (Fukusako 1990, Int J Thermophys 11:353; 90–273 K). A material's law is scaled to equal its own
 * k_frozen_w_mk / c_frozen_j_m3k at its solidus, so only the shape comes from ice.
 */
export const ICE_LAW = {
  k_ref_w_mk: src(2.22, 'ice at 273.15 K (Slack 1980)'),
  k_ref_k: 273.15,
  c_intercept_j_kgk: src(185, 'c_p = 185 + 6.89·T, 90–273 K (Fukusako 1990)'),
  c_slope_j_kgk2: src(6.89, 'c_p = 185 + 6.89·T, 90–273 K (Fukusako 1990)'),
} as const;

/**
 * Tabulated frozen properties (workers/engine/frozen-table.ts): the kernels interpolate T(H) and
 * k(H) on `nodes` equally spaced enthalpies from the solidus down to the coldest temperature the
 * scenario can impose (probe, skin, far field, vessel, starting and bath temperatures); colder
 * than that, T continues linearly and k stays at its last value. A line sink imposes a power, not a
 * temperature, so with one the table reaches at least `lineSinkFloorC` (liquid nitrogen, the
 * coldest cryogen, docs/physics.md §3). Nothing is tabulated below `minC` (20 K: the laws of ice stop
 * meaning anything well before; the stability limit would vanish with k ∝ 1/T). 1024 nodes put
 * the interpolation error of T below 1e-4 K (estimate from the curvature of the ice laws).
 */
export const FROZEN_TABLE = { nodes: 1024, lineSinkFloorC: -196, minC: -253.15 } as const;
/** Rows a user property table may have: a digitised curve, not a data dump. */
export const MAX_PROPERTY_TABLE_ROWS = 200;

// ---------------------------------------------------------------------------------------
// Ensembles (issue 13): limits and defaults of the `uncertainty` section

/**
 * Limits of one ensemble: each member is a whole run, so 4096 members is already hours on a
 * laptop; larger studies are split with `--shard` and merged (estimates, for memory and time).
 * `maxExpandedInputs`: with `preset_ranges`, a tissue and two devices (about 30 numbers) fit.
 */
export const ENSEMBLE_LIMITS = { maxSamples: 4096, maxInputs: 32, maxExpandedInputs: 48, maxPlacementSdMm: 20, maxSeed: 2 ** 32 - 1 } as const;

/**
 * Below this many members a Sobol design leaves some pairs of inputs strongly correlated (measured
 * |r| ≈ 0.7 for dimensions 1 and 12 at n = 16–32, < 0.01 at 64: tests/ensemble/sobol.test.ts), so
 * `cryo ensemble` advises Latin hypercube or more samples for sensitivity.
 */
export const SOBOL_MIN_SAMPLES_FOR_SENSITIVITY = 64;

/** What an `uncertainty` section may leave out (estimates: 64 Latin-hypercube members give shares to about ±0.06). */
export const ENSEMBLE_DEFAULTS = { samples: 64, seed: 1, design: 'lhs' } as const;

/**
 * `cryo optimise` (issue 13) defaults and limits. Target probability 0.9: the issue's example
 * ("whole nerve ≤ −20 °C with probability ≥ 0.9"). The rest are estimates: 30 min caps a
 * percutaneous freeze–thaw–freeze session; an 8 min passive thaw between freezes as in the common
 * 10–8–10 min protocols; 10 s tolerance, finer than a clinician times a freeze; the run budget
 * bounds a search of 3 structures × ~9 bisection steps × 64 members.
 */
export const OPTIMISE_DEFAULTS = {
  probability: 0.9,
  maxTotalS: 1800,
  cycles: [1, 2],
  thaws: ['passive'],
  thawS: 480,
  toleranceS: 10,
  maxRuns: 2000,
} as const;
export const OPTIMISE_LIMITS = { maxCycles: 5, maxRuns: 100_000, maxTotalS: 24 * 3600, minToleranceS: 1 } as const;

/**
 * Ice-to-skin margin the ensemble's `ice_within_margin` probability uses unless
 * `--skin-margin-mm` says otherwise: the smaller of the published margins (SKIN_MARGIN_MM).
 */
export const ENSEMBLE_SKIN_MARGIN_MM = SKIN_MARGIN_MM.von_falck_2022;

/**
 * Freezing dose–response (issue 13): logistic probability of an effect against a point's
 * minimum temperature, given by the temperatures of 50 % and 95 % effect.
 */
export const DOSE_RESPONSE = {
  cell_death_a549: {
    t50_c: src(-10, '50 % kill of A549 lung cancer cells at about −10 °C (Sarshoghi et al. 2026, the source of data/sarshoghi-2026, as summarised in issue 13)'),
    t95_c: src(-25, '95 % kill of A549 cells at about −25 °C (same source)'),
  },
  nerve_block: {
    t50_c: est(-15, 'estimate: rat sciatic nerve block is unpredictable above −20 °C (docs/physics.md §4, "neurapraxia only, unpredictable block" from −20 to +10 °C); midpoint placed at −15 °C'),
    t95_c: est(-20, 'estimate: reliable block at and below −20 °C (docs/physics.md §4, THRESHOLDS_C.nerve_block), read as 95 %'),
  },
} as const;

/**
 * Implicit (BDF2) integrator (docs/method.md §5c; all estimates, tuned on the issue-12 standard run and the
 * built-in scenarios at 0.5 mm against the explicit f64 kernel — tests/engine/implicit-*.test.ts hold them to it).
 * Step-size control (implicit.ts implicitErrorRatio: local error in H over a per-cell tolerance; the control aims
 * each step at a ratio of 1): readTolK, the temperature error allowed per step in the cells linked to a boundary
 * (probe and vessel surfaces, skin, far field: the probe readings, the skin minimum and the coldest isotherms come
 * from them; half the 0.5 °C sensor bound of issue 12, as the error per step was everywhere before); posTolMm, the isotherm shift allowed per step elsewhere (a fifth of
 * the issue's 0.1 mm bound: errors of successive steps add up along a moving front); minTolK/maxTolK bound the
 * temperature error that shift may imply in a cell (minTolK = readTolK: nowhere tighter than at the probe; maxTolK
 * 4 K: measured on the built-in scenarios, sensors stay within 0.39 °C of explicit f64 as at 2 K, 9 % fewer steps
 * on the standard run at 0.25 mm, isotherms as close; without the cap they drift, docs/method.md §5c); all four at
 * errorTolSpacingMm and coarser, scaled in proportion below it so the time error shrinks with the grid.
 * freezeKinkRelax multiplies the tolerance of a cell that froze across the liquidus or solidus within the
 * estimate's window, where the estimate reads the jump of its rate at the kink (implicit.ts frozeInWindow;
 * measured: the standard run at 0.25 mm 1176 → 716 steps, isotherms 0.0060 → 0.0064 mm from explicit f32; the
 * freeze–thaw–freeze of implicit-control.test.ts 359 → 300 steps at unchanged 0.031 mm; unbounded, 672 steps but
 * 0.010 and 0.038 mm).
 * rejectAbove, error ratio above which a step is taken again shorter (2: at 1 the built-in scenarios retried 4× as
 * many steps and ended no closer to explicit f64); newtonTolK, the temperature correction at which Newton stops (the
 * largest correction, or the corrections still to come estimated from its contraction rate, implicit.ts); linearRelTol, the CG residual reduction per Newton iteration (inexact Newton); startStepsExplicit, the
 * first step after a phase boundary in explicit stability limits; maxGrowth/minShrink bound the step change,
 * maxStepRatio keeps variable-step BDF2 zero-stable (< 1 + √2); maxDtS caps a step. "auto": autoMinExplicitSteps,
 * explicit steps below which it stays explicit; autoStepsPerLn and autoSegmentTauS, the implicit steps it predicts
 * per protocol segment of length d at errorTolSpacingMm and coarser, autoStepsPerLn·ln(1 + d/autoSegmentTauS)
 * (implicit-stepper.ts predictedImplicitSteps: a least-squares fit to the built-in comparison at 0.5 mm with
 * freezeKinkRelax — predicted 0.69–1.24× the measured 269–627 steps a run; not fitted: docs/method.md §5c), times
 * (errorTolSpacingMm/h)^autoStepsSpacingExponent below it (steps measured 0.25 over 0.5 mm on the comparison:
 * 1.55–2.33×, exponents 0.63–1.22, mean 0.85);
 * autoStepsPerKnot, the steps per knot of a measured trace (the saline bench at 0.5 mm: 3014–3062 steps over its
 * 483–532 knots, one a second plus those of a resolved lag: 5.3–5.8 per knot beyond the segments' share);
 * autoMushyRefK/autoMushyExponent, a mushy range narrower than the tissue one the segment term is fitted on (7 K,
 * −8 to −1 °C) multiplies the segment steps by (autoMushyRefK/width)^autoMushyExponent (a narrow latent-heat
 * kink holds the step; least-squares fit to the GelMA experiment at 0.25 mm with widths 0.5–4 K: 2.70–0.88× the
 * 7-K steps; not fitted: the standard run, yoon-2016 and tinnirello-2025 at 1 K took 2.39, 2.40 and 1.87× their
 * 7-K steps, predicted 2.14×); autoStepCost,
 * one implicit step's cost in explicit steps of each precision (measured from CPU time on the standard run at
 * 0.25 mm, docs/performance.md "Large time steps": 15.4–17.4 f64 steps since the f64 kernel's passes run two
 * cells at a time (12.3 before), and 56–119 f32 two-rate steps over five runs (the f32 run's CPU varied
 * 5.2–8.9 s between identical runs on the shared machine; 105 kept); rounded up, so that with the
 * prediction's spread "auto" errs towards the explicit reference where the two are close). Measured
 * "auto" choices against both integrators: docs/performance.md "eight-protocol comparison".
 */
export const IMPLICIT = {
  readTolK: 0.25, posTolMm: 0.02, minTolK: 0.25, maxTolK: 4, freezeKinkRelax: 4, errorTolSpacingMm: 0.5, newtonTolK: 0.01, linearRelTol: 1e-3, maxNewton: 12,
  startStepsExplicit: 1, maxGrowth: 2, maxStepRatio: 2.4, rejectAbove: 2, minShrink: 0.25, maxDtS: 30, autoMinExplicitSteps: 20000,
  autoStepsPerLn: 35, autoSegmentTauS: 10, autoStepsSpacingExponent: 0.85, autoStepsPerKnot: 5.5,
  autoMushyRefK: 7, autoMushyExponent: 0.39,
  autoStepCost: { f64: 17, f32: 105 },
} as const;
