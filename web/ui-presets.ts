/**
 * Every default number the workbench UI uses that is not a physics input (those
 * live in scenarios/presets.ts). Each one says where it comes from, or that it is
 * an estimate chosen for usability.
 */
import {
  ARGON_17G_H_W_M2K,
  ARGON_GAS_C,
  DEFAULT_BLOOD_C,
  DEFAULT_FAR_FIELD,
  DEFAULT_SKIN,
  DEFAULT_SKIN_SOURCE,
  DEVICE_PRESETS,
  MAX_CONCURRENT_RUNS,
  RUN_OUTPUT,
  SKIN_MARGIN_MM,
  THRESHOLDS_C,
  type Sourced,
  vesselWallH,
} from '../scenarios/presets.ts';
import type { Layer, Nerve, ProbeSpec, ProbeSurface, Sensor, SkinBoundary, Vessel } from '../scenarios/schema.ts';

const src = <T>(value: T, source: string): Sourced<T> => ({ value, source, estimate: false });
const est = <T>(value: T, source: string): Sourced<T> => ({ value, source, estimate: true });

/** Verdict margins the table starts with (the user can change them). */
export const VERDICT_DEFAULTS = {
  /** smallest allowed distance from ice (0 °C) to skin */
  skin_margin_mm: SKIN_MARGIN_MM.von_falck_2022,
  /** the nerve must be fully at or below this temperature */
  nerve_target_c: THRESHOLDS_C.nerve_block,
  /** the coldest skin temperature allowed */
  skin_limit_c: THRESHOLDS_C.skin_frozen,
};

/** Isotherms always drawn and always requested from the engine (°C), coldest first. */
export const STANDARD_ISOTHERMS_C = [THRESHOLDS_C.lethal.value, THRESHOLDS_C.nerve_block.value, THRESHOLDS_C.skin_frozen.value];

/** Grid spacings offered as "resolution"; finer is slower by spacing⁻⁴ in 2D (cells × steps). */
export const RESOLUTIONS_MM = [
  { spacing_mm: 1, label: 'Draft 1 mm (instant; rough numbers)' },
  { spacing_mm: 0.5, label: 'Coarse 0.5 mm (seconds; for exploring)' },
  { spacing_mm: 0.25, label: 'Standard 0.25 mm (reference numbers)' },
  { spacing_mm: 0.2, label: 'Fine 0.2 mm (slow; for final numbers)' },
];
/** Grids at or above this spacing are labelled drafts next to the results. */
export const DRAFT_SPACING_MM = est(1, 'estimate: at 1 mm a 1.5-mm probe spans about one cell');
export const DEFAULT_SPACING_MM = est(0.5, 'estimate: coarse enough to compare 8 protocols in seconds on a laptop');

/** Skin protection choices; all but room air are estimates of what the seed papers describe. */
export const SKIN_PROTECTIONS: { id: string; label: string; skin: SkinBoundary; source: string; estimate: boolean }[] = [
  { id: 'room-air', label: 'None (room air)', skin: DEFAULT_SKIN, source: DEFAULT_SKIN_SOURCE.source, estimate: DEFAULT_SKIN_SOURCE.estimate },
  {
    id: 'warm-gel',
    label: 'Warm gel cushion (37 °C)',
    skin: { boundary: 'convective', ambient_c: 37, h_w_m2k: 200 },
    source: 'estimate: warm gel cushions on the skin (von Falck 2022); h of a thin gel layer assumed 200 W/m²/K',
    estimate: true,
  },
  {
    id: 'warm-saline',
    label: 'Warm saline gauze (40 °C)',
    skin: { boundary: 'temperature', temperature_c: 40 },
    source: 'estimate: warm saline gauze (Bittman 2018) modelled as skin held at 40 °C',
    estimate: true,
  },
  { id: 'insulated', label: 'Insulated skin (worst case)', skin: { boundary: 'insulated' }, source: 'modelling bound', estimate: false },
];

/** Wall seconds between progress updates reaching the UI (each is a re-render). */
export const PROGRESS_INTERVAL_S = RUN_OUTPUT.progress_interval_s;

/** Upper bound on simulation workers; each holds a grid plus map frames in memory. The pool also never exceeds the core count. */
export const MAX_WORKERS = MAX_CONCURRENT_RUNS;

/** Temperature map colour range (°C): probe gas near −186 °C, body 37 °C. */
export const MAP_RANGE_C = src({ min: -150, max: 37 }, 'argon probe surface ≈ −145 °C to body temperature (docs/physics.md §3)');

/** Map snapshots kept per run: enough for a smooth time slider, bounded memory on fine grids. */
export const MAX_MAP_FRAMES = est(150, 'estimate: ~40 MB per run at 0.2 mm; a 30-min protocol at 10-s output has 181');

/**
 * Warm start (web/components/cryo-workbench/warm-start.ts): when the page, once painted, starts
 * the simulation workers and loads the charts, and the small run each worker makes meanwhile.
 */
export const WARM_START = {
  delay_ms: est(1000, 'estimate: after the first paint and the page\'s own start-up work, so the page answers first'),
  spacing_mm: est(1, 'estimate: the draft grid the resolution menu offers'),
  cell_seconds: est(4e6, 'estimate: every built-in protocol whole at 1 mm (1800 cells, at most 1800 s: 3.2e6); the nine drafts of the built-in comparison took 0.53 s in a fresh Node process; in Chromium about 0.5 CPU-s per worker, 1.6 s by the worker\'s clock while Plotly loads beside it'),
  protocols: est(12, 'estimate: the built-in comparison\'s eight and a few of the user\'s own, so a long list does not hold the workers for seconds'),
  /** Plotly's first load holds the page's thread (3.2 s from the warm start's start on a 2-core machine): it waits for a pause in the user's input */
  quiet_ms: est(1500, 'estimate: a pause longer than between the clicks and keys of someone setting up a comparison'),
};

/** Browser storage budget for map snapshots of the last comparison (results themselves are small). */
export const MAX_STORED_FRAME_MB = est(150, 'estimate: well inside browser quotas, quick to write and read back');
/** Below this many snapshots per protocol the stored map is not worth keeping. */
export const MIN_STORED_FRAMES = est(10, 'estimate: fewer snapshots than this do not show the ice growing');

/** Largest number of map cells drawn along either axis; finer fields are thinned for display only. */
export const MAP_MAX_DISPLAY_CELLS = est(320, 'estimate: about one cell per screen pixel of the map at 1366×768');

/** Frames per second when the map plays through time. */
export const MAP_PLAY_FPS = est(8, 'estimate: readable animation');
/** Play speeds offered (multiples of MAP_PLAY_FPS); 1× is the default. */
export const MAP_PLAY_SPEEDS = est([0.25, 0.5, 1, 2, 4], 'estimate: slow enough to follow one thaw, fast enough to skim a 20-min protocol');

/** Chart heights (px) chosen to fit a 1366×768 laptop with the header visible. */
export const CHART_HEIGHT_PX = est(360, 'estimate: fits 1366×768 with controls');
/** Side of one protocol's nerve cross-section in the lethal-zone chart. */
export const SECTION_TILE_PX = est(150, 'estimate: four protocols side by side beside the help text at 1366 px');

/** Debounce (ms) for validation while typing and for saving to browser storage. */
export const SAVE_DEBOUNCE_MS = est(400, 'estimate');

/** Names of the sensors the workbench adds before a run (computed from the nerve and probe). */
export const DERIVED_SENSOR_NAMES = {
  nerve_centre: 'nerve centre',
  nerve_near: 'nerve edge nearest probe',
  nerve_far: 'nerve edge farthest from probe',
  skin_above_probe: 'skin above probe',
};

/**
 * What the editor's "+ Add …" buttons and model switches start from: a plausible
 * item for the user to edit, not a recommendation (estimates throughout).
 */
const body = DEFAULT_FAR_FIELD.boundary === 'temperature' ? DEFAULT_FAR_FIELD.temperature_c : 37;
const firstDevice = Object.keys(DEVICE_PRESETS)[0];
export const NEW_ITEM_DEFAULTS = {
  source: 'estimate: a starting point to edit',
  probe: (): ProbeSpec => ({ device: firstDevice, tip_mm: [0, 0, 20], direction: [0, 0, 1] }),
  /** when the user leaves a device preset for explicit values */
  customProbe: (from?: { diameter_mm?: number; active_length_mm?: number; surface?: ProbeSurface }) => ({
    diameter_mm: from?.diameter_mm ?? DEVICE_PRESETS[firstDevice].diameter_mm,
    active_length_mm: from?.active_length_mm ?? DEVICE_PRESETS[firstDevice].active_length_mm,
    surface: from?.surface ?? DEVICE_PRESETS[firstDevice].surface,
  }),
  surface: {
    temperature: (): ProbeSurface => ({ model: 'temperature', temperature_c: -150, cooldown_s: 20 }),
    convective: (): ProbeSurface => ({ model: 'convective', gas_c: ARGON_GAS_C, h_w_m2k: ARGON_17G_H_W_M2K }),
    line_sink: (): ProbeSurface => ({ model: 'line_sink', w_per_m: 100 }),
    // A cool-down to −150 °C in 20 s: a placeholder until a measured log is pasted.
    trace: (): ProbeSurface => ({ model: 'trace', points: [[0, 37], [20, -150], [600, -150]], offset_c: 0 }),
  },
  skinTemperature: (): SkinBoundary => ({ boundary: 'temperature', temperature_c: body }),
  nerve: (): Nerve => ({ center_mm: [4, 0, 15], direction: [0, 1, 0], diameter_mm: 3 }),
  vessel: (): Vessel => ({ center_mm: [8, 0, 20], direction: [0, 1, 0], diameter_mm: 4, wall: 'convective', h_w_m2k: Math.round(vesselWallH(4)), blood_c: DEFAULT_BLOOD_C }),
  sensor: (n: number): Sensor => ({ name: `TC${n}`, position_mm: [5, 0, 15] }),
  layer: (): Layer => ({ from_depth_mm: 0, to_depth_mm: 2, tissue: { preset: 'skin' } }),
};

/** Numbers the editor's bath and probe-lag fields quote as examples (liquid benches; docs/scenario-format.md). */
export const BATH_EXAMPLES = {
  heat_capacity_j_k_per_ml: src(4.18, 'water: 4180 J/kg/K × 1 g per ml'),
  room_w_k: est(0.02, 'estimate: 10 W/m²/K (still air) over 20 cm² of the well\'s wall (docs/scenario-format.md)'),
  lag_s: src(8.28, 'fitted on the saline IceSphere bench, replicate N1 (scenarios/experiments/sarshoghi-icesphere-pbs-n1.json)'),
};

/** Protocol timeline steps (s): clinical protocols are given in whole seconds or minutes. */
export const TIMELINE = {
  step_s: est(10, 'estimate: keyboard / drag resolution'),
  big_step_s: est(60, 'estimate: Shift+arrow = one minute'),
  new_phase_s: est(60, 'estimate: length of a newly added phase'),
  /** a new reposition step: a short pause while the probe is pulled back along its tract */
  reposition_s: est(10, 'estimate: seconds to pull a probe back'),
  pull_back_mm: est(5, 'estimate: Cazzato 2016 repositioned to cover the rest of the lesion (distance not reported)'),
};

// ----- probe bench (web/lib/bench.ts) --------------------------------------------------

/** Test media the bench offers: tissue presets of scenarios/presets.ts (their numbers carry their sources there). */
export const BENCH_MEDIA: { id: string; label: string; preset: import('../scenarios/schema.ts').TissuePresetId; bath: boolean; note: string }[] = [
  { id: 'gel', label: 'gel phantom', preset: 'gel', bath: false, note: 'medium: the "gel" preset (agar/gel phantom ≈ water; scenarios/presets.ts)' },
  { id: 'agar', label: 'agar', preset: 'agar', bath: true, note: 'medium: the "agar" preset (dilute gel, ice laws below freezing; scenarios/presets.ts)' },
  { id: 'gelma', label: 'GelMA', preset: 'gelma', bath: true, note: 'medium: the "gelma" preset (scenarios/presets.ts)' },
  { id: 'saline', label: 'saline', preset: 'saline', bath: true, note: 'medium: the "saline" preset, still (no stirring: bath exchange off; scenarios/presets.ts)' },
  { id: 'water', label: 'water', preset: 'water', bath: true, note: 'medium: the "water" preset, still (bath exchange off; scenarios/presets.ts)' },
  { id: 'tissue', label: 'perfused soft tissue', preset: 'generic', bath: false, note: 'medium: the "generic" soft-tissue preset, perfused (scenarios/presets.ts)' },
];

/** The bench block around the probe (mm). */
export const BENCH_BLOCK = est(
  { shaftAboveMm: 10, belowTipMm: 25 },
  'estimate: 10 mm of shaft above the cold segment and 25 mm of medium below the tip keep the top and bottom out of a 10-min ice ball; the bench\'s block radius (default 30 mm in BENCH_DEFAULTS) is the user\'s',
);

/** What the bench starts with. */
export const BENCH_DEFAULTS = est(
  {
    device: 'iceseed-17g',
    medium: 'gel',
    mediumC: 37,
    freezeS: 600,
    spacingMm: 0.5,
    blockRadiusMm: 30,
    timesS: [60, 180, 300, 600],
    isothermsC: [0, -20, -40],
    outputIntervalS: 10,
  },
  'estimate: gel at body temperature as in manufacturer charts (docs/physics.md §3: 37–39 °C), the isotherms and times such charts report, a coarse grid for seconds-long runs, a 30-mm block that holds a 10-min argon ice ball (≈ 13 mm radius in gel) with margin',
);

/** Grid spacings of the mesh-convergence check (coarse, fine), mm. */
export const BENCH_MESH_CHECK_MM = est([0.5, 0.25], 'estimate: a halving shows whether the table moves at the coarse grid (issue 14)');

/**
 * Calibration in the probe bench (web/lib/calibration-setup.ts): the grid and the cap on solver
 * runs a fit starts with. At 0.5 mm a bench run takes 0.3–2 s in Chromium, so 20 runs for
 * isotherm sizes and 12 for a thermocouple log finish in tens of seconds; the CLI's defaults
 * (40 and 30) are for the command line, where waiting a few minutes is fine.
 */
export const CALIBRATION_DEFAULTS = est(
  { spacingMm: 0.5, maxEvalsSizes: 20, maxEvalsLog: 12, maxEvalsLimit: 200, maxFileBytes: 20 * 2 ** 20 },
  'estimate: a fit in tens of seconds in the browser; cap 200 runs; a 1 Hz, 5-sensor log of a day is ~15 MB',
);

/** Probe-surface temperatures measured at argon probes in gel (°C): a fitted surface far warmer than this is suspect. */
export const ARGON_SURFACE_IN_GEL_C = src([-150, -140] as const, 'docs/calibration.md (physics.md §3): studies measure −140 to −150 °C at argon probes');
/** How far above that range a fitted argon surface is pointed out in the bench (°C). */
export const ARGON_WARM_MARGIN_C = est(20, 'estimate: well beyond the fit\'s own scatter, so only a clearly warm surface is flagged');

/**
 * The guided lab's vessel contrast (web/lib/lab.ts): a vessel running beside the nerve, its
 * wall near (1 mm) or far (8 mm) beyond the nerve's outer edge, both runs in one 3D block so
 * they differ only in the vessel's place. Wall h and blood temperature are the model's own
 * (vesselWallH, DEFAULT_BLOOD_C; docs/physics.md §5).
 */
export const LAB_VESSEL = est(
  { diameterMm: 4, nearGapMm: 1, farGapMm: 8, blockMm: [40, 30, 36], spacingMm: 0.5 },
  'estimate: a 4 mm vessel (a small artery or vein of a neurovascular bundle, as the contract example); 1 vs 8 mm gaps show the heat sink close and nearly gone; a 40 × 30 × 36 mm block at 0.5 mm keeps a 3D run to tens of seconds in the browser',
);
/** The lab's probe–nerve distance contrast: the nerve moved this much further from the probe axis (mm). */
export const LAB_NERVE_SHIFT_MM = est(3, 'estimate: about two nerve diameters, a placement miss an ultrasound-guided needle can make (Calixte 2019 place the probe "beside" the nerve branches)');

// ----- pinned results (web/lib/pins.ts) ------------------------------------------------

/** Pins kept at most: each is one result in the workspace save (localStorage, ~5 MB per site in Chromium). */
export const MAX_PINS = est(8, 'estimate: a lesson\'s contrasts (4–6) with room to spare, within localStorage');
/** Largest pin accepted (bytes as stored, UTF-16): several fit beside the workspace in localStorage's ~5 MB. */
export const MAX_PIN_BYTES = est(400_000, 'estimate: a 0.5-mm result with 10-s outputs is ~50–150 kB; 8 pins stay under half the quota');
/** A pinned run's line in the time charts is this much wider than a run's, beneath them: a pin identical to a run shows as a band around it. */
export const PIN_HALO_EXTRA_PX = est(4, 'estimate: judged on screenshots, a band visible on both sides of a 1.8-px run line without hiding neighbouring curves');
/** Opacity of that band, so the run's line inside it keeps its own colour. */
export const PIN_HALO_OPACITY = est(0.45, 'estimate: judged on screenshots against the run colours of web/lib/palette.ts');

/**
 * Ensembles in the browser (issue 13, ensemble panel). Each member is a whole run, so the
 * browser caps the sample count well below the CLI's ENSEMBLE_LIMITS (larger studies: `cryo
 * ensemble --shard` on a cluster).
 */
export const ENSEMBLE_UI = {
  samples: est(16, 'estimate: a quick look in the browser (a share of 0.5 is then known to about ±0.12); the CLI default is 64'),
  maxSamples: est(256, 'estimate: 256 members × 8 protocols is about 2000 runs, minutes at the coarse grid on a laptop; beyond, use cryo ensemble'),
  seed: est(1, 'estimate: any whole number; the same seed gives the same members here and in cryo ensemble'),
  maxPlacementSdMm: est(10, 'estimate: beyond 10 mm the nerve is more often missed than not; the scenario format allows up to 20 mm'),
  /** standard deviation of the nerve–probe offset across the nerve and in depth (not along it, where it changes nothing) */
  placementSdMm: est(1, 'estimate: ultrasound-guided needle tips land within a few millimetres of the target; 1 mm sd per axis across the nerve and in depth'),
  updateIntervalS: est(0.5, 'estimate: the table re-summarises every half second while members finish'),
  /** the page's thread shares two cores with the workers: its re-summarising may take at most this share of the time */
  maxUpdateShare: est(0.05, 'estimate: at most 5 % of the wall time; with 8 × 32 members a summary takes about 0.1 s, so updates come every 2 s near the end'),
  /** while members finish, the bands on the charts (two Plotly redraws) are refreshed at most this often; the last update always draws them */
  bandsIntervalS: est(3, 'estimate: the band grows visibly without redrawing two charts twice a second'),
  /** the last ensemble is kept in the browser's database up to this size (its JSON), so it survives a reload */
  maxStoredMb: est(60, 'estimate: at 0.5 mm a member of all 8 built-in protocols keeps about 0.2 MB (measured by tests/e2e/ensemble-bench.ts), so the 256-member maximum is about 50 MB; well inside browser quotas'),
  /** a sampled fixed-temperature probe surface is kept within [this, 0 °C] */
  coldestSurfaceC: src(-196, 'boiling point of liquid nitrogen at 1 atm, the coldest cryogen in clinical use'),
};

/**
 * "Suggest a protocol" (issue 13): the protocol search of `cryo optimise` on the page's pool,
 * with the ensemble form's members, seed and uncertain inputs. Each candidate costs one run per
 * member, so the run budget bounds the wait.
 */
export const OPTIMISE_UI = {
  maxRuns: est(240, 'estimate: about 15 candidates of 16 members, a minute or two at 0.5 mm on a laptop'),
  maxMaxRuns: est(4000, 'estimate: beyond, the wait is tens of minutes in a browser tab; use cryo optimise'),
  cycles: est([1, 2, 3], 'estimate: the published protocols use one to three freezes'),
  toleranceS: est(15, 'estimate: a quarter of a minute is finer than any protocol is timed by hand'),
};

/**
 * The uncertain inputs offered by the panel, each a normal distribution whose standard deviation
 * is a share of the protocol's own value (so protocols with different probes each vary about
 * their own device). `estimate` marks that the spread is a judgement, with the reason.
 */
export const ENSEMBLE_INPUTS: { id: 'perfusion' | 'probe-output' | 'k-frozen'; label: string; relativeSd: Sourced<number>; on: boolean }[] = [
  {
    id: 'perfusion',
    label: 'Tissue perfusion',
    relativeSd: est(0.3, 'estimate: muscle perfusion varies by tens of percent between people and with position (Pennes-model reviews quote ranges spanning 2× and more)'),
    on: true,
  },
  {
    id: 'probe-output',
    label: 'Probe output (gas probes: heat-transfer coefficient h; fixed-temperature probes: surface °C)',
    relativeSd: est(0.2, 'estimate: the device presets are fitted to a few published ice sizes, which scatter by about 20 % between reports'),
    on: true,
  },
  {
    id: 'k-frozen',
    label: 'Frozen tissue conductivity',
    relativeSd: est(0.15, 'estimate: measured frozen-tissue conductivities scatter by about 15 % between studies'),
    on: false,
  },
];
