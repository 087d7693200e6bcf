/**
 * Types of the public file formats: `cryo-scenario/1` (what a user writes) and
 * `cryo-result/1` (what a run produces). Field names carry their units, as the
 * public contract requires; see docs/scenario-format.md.
 *
 * `ScenarioFile` is the loose shape a user may write (presets, omitted defaults).
 * `Scenario` is the validated, fully resolved model the engine consumes: every
 * preset expanded, every default filled in, nothing optional that physics needs.
 */

export const SCENARIO_SCHEMA = 'cryo-scenario/1';
export const RESULT_SCHEMA = 'cryo-result/1';

export type Vec3 = [number, number, number];
export type GeometryMode = 'axisymmetric' | 'planar' | '3d';
export type TissuePresetId = 'generic' | 'muscle' | 'fat' | 'skin' | 'nerve' | 'gel' | 'water' | 'saline' | 'agar' | 'gelma';
export type PerfusionAfterThaw = 'resume' | 'stasis';

/**
 * How a frozen property varies below the solidus (docs/scenario-format.md, "Frozen properties"):
 * - `constant`: the `*_frozen_*` value at every frozen temperature;
 * - `ice_law`: the law of pure ice scaled so it equals the `*_frozen_*` value at the solidus —
 *   conductivity k ∝ 1/T (T in kelvin, Slack 1980), heat capacity c ∝ 185 + 6.89·T (Fukusako 1990);
 * - `{ table: [[temp_c, value], ...] }`: piecewise linear in temperature, held constant outside
 *   the table; the value's unit is that of the `*_frozen_*` field it replaces.
 */
export type FrozenPropertyModel = 'constant' | 'ice_law' | { table: [number, number][] };

/** Every thermal property of one tissue, resolved. */
export interface TissueProps {
  k_unfrozen_w_mk: number;
  k_frozen_w_mk: number;
  c_unfrozen_j_m3k: number;
  c_frozen_j_m3k: number;
  latent_j_m3: number;
  solidus_c: number;
  liquidus_c: number;
  perfusion_w_m3k: number;
  metabolic_w_m3: number;
  arterial_c: number;
  initial_c: number;
  /** Whether perfusion returns in tissue that once froze ('resume') or stays off ('stasis'). */
  perfusion_after_thaw: PerfusionAfterThaw;
  /**
   * Extension: volumetric heat exchange with a well-mixed bath (a liquid medium stirred by
   * convection, W/m³/K): source f_l · bath_exchange_w_m3k · (bath_c − T), off where frozen.
   */
  bath_exchange_w_m3k: number;
  /** Extension: the bath's temperature (°C); follows initial_c unless given. */
  bath_c: number;
  /**
   * Extension: heat capacity of a finite well-mixed bath (J/K; J/K per metre in planar mode):
   * the bath's temperature then follows C dT_bath/dt = −(heat it gives the medium) + its room
   * exchange, starting at bath_c. Absent: the bath is held at bath_c (an unlimited reservoir).
   */
  bath_heat_capacity_j_k?: number;
  /** Extension: the finite bath's conductance to the room, h × A (W/K; W/K per metre in planar mode); default 0. */
  bath_room_w_k?: number;
  /** Extension: the room's temperature for the finite bath's exchange (°C); default bath_c. */
  bath_room_c?: number;
  /** Extension: frozen conductivity below the solidus (default "constant": k_frozen_w_mk). */
  k_frozen_model: FrozenPropertyModel;
  /** Extension: frozen volumetric heat capacity below the solidus (default "constant": c_frozen_j_m3k). */
  c_frozen_model: FrozenPropertyModel;
}

export type TissueSpec = Partial<TissueProps> & { preset?: TissuePresetId };

export interface Geometry {
  mode: GeometryMode;
  spacing_mm: number;
  /** axisymmetric [radius, depth]; planar [width, depth]; 3d [x, y, depth] */
  size_mm: number[];
}

export interface Layer<T = TissueSpec> {
  from_depth_mm: number;
  to_depth_mm: number;
  tissue: T;
}

export type SkinBoundary =
  | { boundary: 'convective'; ambient_c: number; h_w_m2k: number }
  | { boundary: 'temperature'; temperature_c: number }
  | { boundary: 'insulated' };

/** One far-field face condition: fixed temperature, insulated, or (extension) convective to an ambient. */
export type FarFieldSide =
  | { boundary: 'temperature'; temperature_c: number }
  | { boundary: 'insulated' }
  | { boundary: 'convective'; ambient_c: number; h_w_m2k: number };

/**
 * The far field: one condition for the sides and the bottom, or (extension) one for the sides
 * (outer radius / ±x / ±y) and one for the bottom (the deepest face). `boundary?: never` lets
 * code that reads `far_field.boundary` keep compiling: it is absent in the split form.
 */
export type FarFieldBoundary = FarFieldSide | { boundary?: never; sides: FarFieldSide; bottom: FarFieldSide };

export type ProbeSurface =
  | { model: 'temperature'; temperature_c: number; cooldown_s: number; warmup_s?: number }
  | { model: 'convective'; gas_c: number; h_w_m2k: number }
  | { model: 'line_sink'; w_per_m: number }
  | TraceSurface;

/**
 * Extension (contract): the surface follows a measured temperature history — `points` are
 * [time_s, temperature_c] from the start of the run, strictly increasing in time, linearly
 * interpolated (held at the first / last value outside them) plus `offset_c`, in every phase.
 */
export interface TraceSurface {
  model: 'trace';
  points: [number, number][];
  offset_c: number;
  /**
   * Extension: first-order lag (s) of the imposed surface behind the trace, τ dT/dt = trace − T
   * from the trace's value at time 0 (a thermocouple that reads ahead of the surface it stands
   * for); absent or 0: none.
   */
  lag_s?: number;
}

export interface ProbeSpec {
  device?: string;
  diameter_mm?: number;
  active_length_mm?: number;
  tip_mm: Vec3;
  direction?: Vec3;
  surface?: ProbeSurface;
}

export interface Probe {
  device: string | null;
  diameter_mm: number;
  active_length_mm: number;
  tip_mm: Vec3;
  direction: Vec3;
  surface: ProbeSurface & { warmup_s?: number };
}

/**
 * `reposition` (extension): at the start of the phase probe `probe` is pulled back along
 * its tract by `pull_back_mm` (or moved so its tip is at `tip_mm`); during the phase it
 * does not cool (adiabatic, like a passive thaw). Resolved phases always carry `tip_mm`.
 */
export type Phase =
  | { phase: 'freeze'; duration_s: number; power: number }
  | { phase: 'passive_thaw'; duration_s: number }
  | { phase: 'active_thaw'; duration_s: number; temperature_c: number }
  | { phase: 'reposition'; duration_s: number; probe: number; tip_mm: Vec3; pull_back_mm?: number };

export type PhaseSpec =
  | { phase: 'freeze'; duration_s: number; power?: number }
  | { phase: 'passive_thaw'; duration_s: number }
  | { phase: 'active_thaw'; duration_s: number; temperature_c?: number }
  | { phase: 'reposition'; duration_s: number; probe?: number; pull_back_mm?: number; tip_mm?: Vec3 };

export interface Nerve {
  center_mm: Vec3;
  direction: Vec3;
  diameter_mm: number;
}

export interface Vessel {
  center_mm: Vec3;
  direction: Vec3;
  diameter_mm: number;
  wall: 'convective' | 'temperature';
  h_w_m2k?: number;
  /** Extension: mean blood velocity; with no h_w_m2k, h follows from diameter and flow (presets.ts vesselNusselt). */
  flow_m_s?: number;
  blood_c: number;
}

export interface Sensor {
  name: string;
  position_mm: Vec3;
}

export interface Output {
  interval_s: number;
  isotherms_c: number[];
}

/** Optional numerical settings (an extension of the contract; all have defaults). */
export interface SolverSettings {
  /** Time step; must not exceed the stability limit. Omitted: chosen automatically. */
  dt_s?: number;
  precision?: 'f32' | 'f64';
  /** Extension (issue 12): time integrator; "implicit" is BDF2 with error-controlled steps (f64), "explicit" the reference stepping; "auto", the default, picks implicit where it is predicted faster. */
  integrator?: 'explicit' | 'implicit' | 'auto';
}

/**
 * Extension: measures a paper describes as part of its procedure, each with the paper's words.
 * `skin`: this file's `skin` is the protocol's skin protection (warm gel, warm saline gauze);
 * `placement`: this file's probe-to-nerve placement (tip depth offset from the nerve centre and,
 * in axisymmetric mode, the gap from the probe axis to the nerve's near edge) is the protocol's.
 * A comparison or the workbench carries them to another anatomy unless told otherwise.
 */
export interface Adjuncts {
  skin?: string;
  placement?: string;
  /**
   * Fluid injected between skin and target when the nerve centre is shallower than
   * `below_depth_mm`: modelled as `fluid_mm` of saline (water-like, no perfusion) under the skin,
   * so every depth of the run grows by `fluid_mm`.
   */
  hydrodissection?: { source: string; below_depth_mm: number; fluid_mm: number };
}

/** What a user may write. */
export interface ScenarioFile {
  schema: string;
  name: string;
  source?: string;
  assumptions?: string[];
  geometry: Geometry;
  tissue: TissueSpec;
  layers?: Layer[];
  skin?: SkinBoundary;
  far_field?: FarFieldBoundary;
  probes: ProbeSpec[];
  protocol: PhaseSpec[];
  nerve?: Nerve;
  vessels?: Vessel[];
  sensors?: Sensor[];
  output?: Partial<Output>;
  solver?: SolverSettings;
  adjuncts?: Adjuncts;
  /** Extension (issue 13); see `Uncertainty` (in a file, mean / median / mode may be left to the field's value) */
  uncertainty?: Record<string, unknown>;
}

/** The validated, resolved model. */
export interface Scenario {
  schema: typeof SCENARIO_SCHEMA;
  name: string;
  source: string;
  assumptions: string[];
  geometry: Geometry;
  tissue: TissueProps;
  layers: Layer<TissueProps>[];
  skin: SkinBoundary;
  far_field: FarFieldBoundary;
  probes: Probe[];
  protocol: Phase[];
  nerve: Nerve | null;
  vessels: Vessel[];
  sensors: Sensor[];
  output: Output;
  solver: SolverSettings;
  /** Extension (issue 13): what `cryo ensemble` samples; `cryo run` ignores it. */
  uncertainty?: Uncertainty;
}

/** Truncation of an uncertain input: samples stay within [low, high]. */
export interface InputBounds {
  low?: number;
  high?: number;
}

/** One uncertain scenario field, named by the JSON path `cryo sweep --vary` understands. */
export type UncertainInput = { path: string; bounds?: InputBounds } & (
  | { distribution: 'normal'; mean: number; sd: number }
  /** ln X is normal with mean ln(median) and standard deviation sigma_log */
  | { distribution: 'lognormal'; median: number; sigma_log: number }
  | { distribution: 'uniform'; min: number; max: number }
  | { distribution: 'triangular'; min: number; mode: number; max: number }
);

export type EnsembleDesign = 'lhs' | 'random' | 'sobol' | 'saltelli';

/** The `uncertainty` section, resolved (docs/scenario-format.md, "Uncertainty"). */
export interface Uncertainty {
  inputs: UncertainInput[];
  /** standard deviation of the nerve–probe offset along x, y, z (mm); scored without re-running */
  placement_error_mm: Vec3;
  samples: number;
  seed: number;
  design: EnsembleDesign;
  /** Extension: what `"preset_ranges"` added to `inputs` and which preset numbers it left fixed, and why (scenarios/preset-ranges.ts) */
  preset_ranges?: PresetRangesSummary;
}

export interface PresetRangesSummary {
  groups: ('tissue' | 'layers' | 'probes')[];
  distribution: 'triangular' | 'uniform';
  /** input paths added from preset ranges */
  added: string[];
  /** preset numbers that stay fixed: no published range, or the file sets them */
  fixed: { path: string; why: string }[];
}

/** One problem with an input, tagged with its JSON path (e.g. `protocol[1].duration_s`). */
export interface Issue {
  path: string;
  message: string;
}

export interface IsothermSeries {
  radius_mm: (number | null)[];
  /**
   * Extension (contract): radius of the region ≤ T at the middle of the first probe's active
   * segment (planar: at the probe centre's depth); null where it does not reach that row or
   * there is no probe. Written by every run; optional only for results saved before it existed.
   */
  mid_radius_mm?: (number | null)[];
  length_mm: (number | null)[];
  top_depth_mm: (number | null)[];
  bottom_depth_mm: (number | null)[];
  volume_ml?: number[];
  area_mm2?: number[];
}

/**
 * Extension: the nerve's scored cross-section (at its closest approach to the first probe) as a
 * `cells` × `cells` grid of each point's coldest temperature over the run (°C, rounded up to
 * 0.01). Cell (i, j), row-major in j, lies at `away·x_i + across·y_j` from `centre_mm` with
 * x_i = (i − (cells − 1)/2)·spacing_mm; `away` points away from the probe axis, `across` deeper.
 * The cells within `radius_mm` of the centre are exactly the points nerve coverage is scored on.
 */
export interface NerveSectionPicture {
  centre_mm: Vec3;
  away: Vec3;
  across: Vec3;
  radius_mm: number;
  spacing_mm: number;
  cells: number;
  coldest_c: number[];
}

export interface CoverageAt {
  fraction: number;
  first_full_s: number | null;
}

export interface Result {
  schema: typeof RESULT_SCHEMA;
  scenario: string;
  solver: {
    mode: GeometryMode;
    spacing_mm: number;
    grid: [number, number, number];
    dt_s: number;
    steps: number;
    cell_updates: number;
    wall_s: number;
    mcells_per_s: number;
    precision: 'f64' | 'f32';
    /** *extension*: threads the run could split its grid over (1: one worker; a team steps alone while that is faster) */
    threads?: number;
    /** *extension* (issue 12): the time integrator used; implicit runs add their mean step and solver iterations */
    integrator?: 'explicit' | 'implicit';
    mean_dt_s?: number;
    linear_iterations?: number;
    newton_iterations?: number;
    retried_steps?: number;
  };
  times_s: number[];
  phase: string[];
  isotherms: Record<string, IsothermSeries>;
  sensors: Record<string, number[]>;
  probes: { surface_c: number[] }[];
  nerve: {
    min_c: number;
    coverage: Record<string, CoverageAt>;
    section?: NerveSectionPicture;
    /** Extension (issue 13): expected blocked share of the cross-section from the logistic dose–response (docs/method.md §5a) */
    block_probability?: number;
  } | null;
  /** min_ice_gap_mm is null when no ice formed at all */
  skin: { min_c: number; min_ice_gap_mm: number | null; frozen: boolean };
  /**
   * Extension: for each isotherm, the region that was at or below it at any time of the run
   * (from every cell's coldest temperature) — the union of the ice balls over the protocol.
   */
  envelope?: Record<string, { radius_mm: number | null; length_mm: number | null; top_depth_mm: number | null; bottom_depth_mm: number | null; volume_ml?: number; area_mm2?: number }>;
  /** Extension (contract): results that need care; codes in docs/scenario-format.md. Empty when none. */
  warnings?: ResultWarning[];
  /** Extension: energy bookkeeping of the run (J, or J/m in planar mode). */
  energy?: { enthalpy_change_j: number; boundary_j: number; sources_j: number; reposition_j?: number; relative_error: number };
  /** Extension: each finite well-mixed bath's temperature, one per output time; absent when no medium has one. */
  bath?: BathSeries[];
}

/** One finite bath's temperature history: `medium` is the scenario path of the medium it serves ("tissue", "layers[0].tissue"). */
export interface BathSeries {
  medium: string;
  temp_c: number[];
}

/** A result that needs care: a stable `code` for programs, a `message` for people. */
export interface ResultWarning {
  code: 'ice_near_boundary' | 'cold_segment_at_skin' | 'trace_ends_early' | 'implicit_fell_back';
  message: string;
}

/** Schema tag of a comparison set: several built-in protocols run on one anatomy. */
export const COMPARISON_SCHEMA = 'cryo-comparison/1';

/** Everything about the patient side of a comparison; the protocols bring probes and phases. */
export interface ComparisonAnatomy {
  geometry: Geometry;
  tissue?: TissueSpec;
  layers?: Layer[];
  skin?: SkinBoundary;
  far_field?: FarFieldBoundary;
  nerve: Nerve;
  /**
   * Optional: the depth (z) of every protocol's (first) probe tip, overriding each protocol's
   * published depth offset from the nerve. Without it each protocol keeps its published offset.
   */
  probe_tip_depth_mm?: number;
  sensors?: Sensor[];
}

/** `cryo-comparison/1`: the listed protocols, each run on the same anatomy. */
export interface ComparisonFile {
  schema: string;
  name: string;
  description?: string;
  /** Assumptions about the shared anatomy (each protocol keeps its own). */
  assumptions?: string[];
  anatomy: ComparisonAnatomy;
  /** Built-in scenario ids whose probes and protocol phases are compared. */
  protocols: string[];
  /**
   * Whether each protocol brings its published adjuncts ("published", the default) or every
   * protocol gets the anatomy's ("anatomy"): `skin` protection, probe-to-nerve `placement`,
   * `hydrodissection`.
   */
  adjuncts?: { skin?: 'published' | 'anatomy'; placement?: 'published' | 'anatomy'; hydrodissection?: 'published' | 'anatomy' };
  output?: Partial<Output>;
}
