/**
 * The engine's public interface: what a caller (CLI, worker, test) passes to
 * `runScenario` and what it gets back besides the `cryo-result/1` JSON.
 */
import type { Nerve, Result } from '../../scenarios/schema.ts';
import type { ThreadTeam } from './thread-team.ts';
import type { Field } from './analysis/field.ts';

export interface Progress {
  /** 0..1 of simulated time */
  fraction: number;
  /** simulated time reached */
  time_s: number;
  /** total simulated time */
  total_s: number;
  /** wall time so far */
  elapsed_s: number;
  /** estimated wall time left, null until it can be estimated */
  eta_s: number | null;
  phase: string;
}

/** Temperature field snapshots at each output time, for maps and animations. */
export interface FieldFrames {
  /** cells along the first axis (r or x) */
  nx: number;
  /** cells along depth */
  nz: number;
  spacing_mm: number;
  /** coordinate of the first cell centre along the first axis (r: spacing/2; planar x: -width/2 + spacing/2) */
  x0_mm: number;
  /** depth of the first cell centre (spacing/2) */
  z0_mm: number;
  times_s: number[];
  /** one Float32Array of nx*nz temperatures (°C, row-major: index = i + nx*k) per output time */
  temperatures_c: Float32Array[];
  /**
   * Per snapshot, the map cells holding a ghost value (the tissue profile extended into a probe or
   * vessel cell, so contours meet the surface between cells) and their surface temperature: an
   * isotherm colder than that surface does not pass through the cell (temperature-map contours).
   */
  ghosts?: { cells: Uint32Array; surface_c: Float32Array }[];
  /** per cell of the first snapshot: 0 tissue, 1 probe, 2 vessel, 3 probe shaft (not part of the tissue) */
  cell_kind: Uint8Array;
  /** where a reposition moved a probe: the kinds of snapshots taken after `after_s` (workers/export/vti.ts cellKindAt) */
  cell_kind_changes?: { after_s: number; cell_kind: Uint8Array }[];
  /** 3D runs: the maps are the x–z plane at this y (through the first probe's tip) */
  slice_y_mm?: number;
}

export interface RunOptions {
  /** called at most every `progressIntervalS` of wall time (and once at the end) */
  onProgress?: (p: Progress) => void;
  /** default and floor: RUN_OUTPUT in scenarios/presets.ts */
  progressIntervalS?: number;
  /** polled between chunks; returning true stops the run with a CancelledError */
  isCancelled?: () => boolean;
  /** record field snapshots at output times (for the UI) */
  frames?: boolean;
  /** keep at most this many snapshots, evenly spaced over the outputs, first and last always (run-output.ts frameIndices; bounds memory while running) */
  maxFrames?: number;
  /**
   * Fault injection for reliability tests only: multiplies the time step after the
   * stability check, so the numerical-fault detector can be shown to fire.
   */
  faultInjection?: { dtScale: number };
  /** two-rate stepping on the f32 kernel (default true); false steps every cell at the global time step */
  twoRate?: boolean;
  /**
   * Helper threads to split the grid with (f32 runs only; see thread-policy.ts for when it
   * pays). The caller creates the team before the run and terminates it afterwards.
   */
  team?: ThreadTeam | null;
  /** also return `scoreNerve`, which scores any nerve on this run's coldest-over-run field (ensembles) */
  nerveScorer?: boolean;
  /**
   * Called at every output time with the whole field (2D or 3D, °C, index i + nx·(j + ny·k)) and
   * each cell's kind in the same order (0 tissue, 1 probe, 2 vessel, 3 shaft), for exporters
   * (`cryo run --vti`). The arrays are the run's own and the field's are rewritten at the next
   * output time: copy what you keep.
   */
  onOutputField?: (field: Field, time_s: number, cellKind: Uint8Array) => void;
}

/** A nerve's figures on a run's coldest-over-run field; `fraction` per coverage threshold (°C, as in the result). */
export interface NerveScore {
  min_c: number;
  fraction: Record<string, number>;
  /** expected blocked share of the cross-section (freezing dose–response, analysis/dose-response.ts) */
  block_probability: number;
}

export interface RunOutput {
  result: Result;
  frames?: FieldFrames;
  /**
   * With `nerveScorer`: the figures of a nerve placed anywhere, from the field this run
   * computed — exact for a shifted nerve because the nerve has no thermal properties of its own.
   */
  scoreNerve?: (nerve: Nerve) => NerveScore;
}

/** A run stopped because its temperatures became impossible; the message names the likely cause. */
export class NumericalFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumericalFaultError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'CancelledError';
  }
}
