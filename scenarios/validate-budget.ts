/**
 * The resource budget of an otherwise valid scenario: memory (grid × kernel × probe
 * configurations), computing time (estimated time steps × cells) and result size (output
 * frames × series). Each input already passed its own cap; this checks what they cost
 * together, so a pasted or mistyped file is refused at once with a message naming the
 * coarser spacing, shorter protocol or longer output interval that would fit, instead of
 * exhausting a tab's memory or keeping a worker busy for days.
 *
 * The estimates mirror the engine (workers/engine/grid.ts, stability.ts) without importing
 * it: the scenario layer sits below the engine. tests/reliability checks they agree.
 */
import { fmt, fmtInt, Issues } from './checks.ts';
import { coldestImposedC, frozenExtremes } from './frozen-properties.ts';
import {
  CELL_MAP_BYTES_PER_CELL,
  FROZEN_TABLE,
  MAX_CELL_UPDATES,
  MAX_RESULT_VALUES,
  MAX_RUN_BYTES,
  RUN_BYTES_PER_CELL,
  TYPICAL_CELLS_PER_S,
} from './presets.ts';
import type { Scenario, TissueProps } from './schema.ts';

/** The engine's safety factor below the exact explicit-step limit (workers/engine/stability.ts). */
const STABILITY_SAFETY = 0.95;

export interface RunEstimate {
  precision: 'f32' | 'f64';
  /** what holds the grid: an explicit kernel of that precision, or the implicit integrator (the f64 kernel and its work area) */
  kernel: RunKernel;
  /** grid cells including the halo and SIMD row padding, as the kernel allocates them */
  paddedCells: number;
  /** probe configurations the engine keeps a cell map for: t = 0 plus one per reposition */
  configurations: number;
  bytes: number;
  /** upper bound of the stable time step (probe and boundary links only shorten it) */
  dtS: number;
  /** lower bound of the number of time steps */
  steps: number;
  cellUpdates: number;
  frames: number;
  valuesPerFrame: number;
  resultValues: number;
}

/**
 * Padded cell count of a grid: interior round(size / h) along each axis, one halo cell on each
 * side, rows padded to whole SIMD vectors; 2D grids ([x, z]) have no y halo, 3D ([x, y, z]) do.
 */
export function paddedCellCount(size_mm: readonly number[], spacing_mm: number): number {
  const n = size_mm.map((s) => Math.max(1, Math.round(s / spacing_mm)));
  const rows = n.slice(1).reduce((p, m) => p * (m + 2), 1);
  return 4 * Math.ceil((n[0] + 2) / 4) * rows;
}

/**
 * Largest stable explicit step for these tissues on a uniform grid of `spacing_mm`: per cell
 * dt ≤ C_min / (Σ conductances per volume + perfusion), with Σ = 2·dims·k_max / h² — 4 k/h² in
 * planar and axisymmetric mode (the r-weights of a column's two radial faces sum to 2), 6 k/h²
 * in 3D. Frozen tissue (high k, low C) sets the limit. Boundary and probe links only lower it
 * further, so this is an upper bound of the engine's step and the step count a lower bound.
 */
export function stableStepEstimateS(tissues: readonly TissueProps[], spacing_mm: number, dims = 2, coldestC: number = FROZEN_TABLE.lineSinkFloorC): number {
  return limitingTissue(tissues, spacing_mm, dims, coldestC).dtS;
}

/**
 * Largest k and smallest C a tissue reaches down to `coldestC` (temperature-dependent frozen
 * properties grow k and shrink C with the cold; constant ones are their values).
 */
function extremes(p: TissueProps, coldestC: number): { k: number; c: number } {
  const frozen = frozenExtremes(p, coldestC);
  // The mushy capacity (mean C plus latent heat per kelvin) is never the smallest.
  return { k: Math.max(frozen.kMax, p.k_unfrozen_w_mk), c: Math.min(frozen.cMin, p.c_unfrozen_j_m3k) };
}

/** The stable-step estimate and which of `tissues` (by index) sets it. */
function limitingTissue(tissues: readonly TissueProps[], spacing_mm: number, dims: number, coldestC: number): { dtS: number; index: number } {
  const faces = 2 * dims;
  const h = spacing_mm * 1e-3;
  let dtS = Infinity;
  let index = 0;
  tissues.forEach((p, i) => {
    const { k, c } = extremes(p, coldestC);
    // A bath exchange acts like perfusion (docs/method.md §1).
    const dt = (STABILITY_SAFETY * c) / ((faces * k) / (h * h) + p.perfusion_w_m3k + p.bath_exchange_w_m3k);
    if (dt < dtS) (dtS = dt), (index = i);
  });
  return { dtS, index };
}

/** Output frames the engine records: every interval from 0 while below the end, then the end. */
function frameCount(total_s: number, interval_s: number): number {
  return Math.max(0, Math.ceil(total_s / interval_s - 1e-9)) + 1;
}

export type RunKernel = keyof typeof RUN_BYTES_PER_CELL;

/**
 * Peak bytes of one run on `kernel`. "auto" (solver.integrator, the default) takes the implicit
 * integrator only where these bytes fit MAX_RUN_BYTES (workers/engine/implicit-stepper.ts), so
 * only an explicit "implicit" is budgeted with its work area.
 */
export function runBytes(s: Scenario, kernel: RunKernel, spacing_mm = s.geometry.spacing_mm): number {
  const configurations = 1 + s.protocol.filter((p) => p.phase === 'reposition').length;
  return paddedCellCount(s.geometry.size_mm, spacing_mm) * (RUN_BYTES_PER_CELL[kernel] + CELL_MAP_BYTES_PER_CELL * configurations);
}

export function estimateRun(s: Scenario, spacing_mm = s.geometry.spacing_mm): RunEstimate {
  const precision = s.solver.precision ?? 'f32';
  const kernel: RunKernel = s.solver.integrator === 'implicit' ? 'implicit' : precision;
  const paddedCells = paddedCellCount(s.geometry.size_mm, spacing_mm);
  const configurations = 1 + s.protocol.filter((p) => p.phase === 'reposition').length;
  const bytes = runBytes(s, kernel, spacing_mm);
  const stable = stableStepEstimateS([s.tissue, ...s.layers.map((l) => l.tissue)], spacing_mm, s.geometry.size_mm.length, coldestImposedC(s));
  const dtS = s.solver.dt_s !== undefined ? Math.min(s.solver.dt_s, stable) : stable;
  const total = s.protocol.reduce((t, p) => t + p.duration_s, 0);
  const steps = Math.ceil(total / dtS);
  const frames = frameCount(total, s.output.interval_s);
  const valuesPerFrame = 5 * s.output.isotherms_c.length + s.sensors.length + s.probes.length + 2;
  return {
    precision, kernel, paddedCells, configurations, bytes, dtS, steps,
    cellUpdates: steps * paddedCells,
    frames, valuesPerFrame, resultValues: frames * valuesPerFrame,
  };
}

/** Smallest two-significant-digit value ≥ `from` for which `fits` holds (fits grows with the value), or undefined. */
export function smallestFitting(from: number, fits: (v: number) => boolean, max = Infinity): number | undefined {
  let v = from;
  for (let i = 0; i < 3000 && !fits(v); i++) v *= 1.01;
  if (!fits(v) || v > max * 1.01) return undefined;
  // Walk up from the two-digit value just below the last miss, one unit of the second digit at a time.
  let unit = Math.pow(10, Math.floor(Math.log10(v / 1.01)) - 1);
  let c = Math.floor(v / 1.01 / unit) * unit;
  for (let i = 0; i < 200 && !fits(c); i++) {
    c = Number((c + unit).toPrecision(6));
    if (c >= unit * 100) unit *= 10;
  }
  c = Number(c.toPrecision(6));
  return fits(c) && c <= max ? c : undefined;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${fmt(Math.ceil(seconds))} s`;
  if (seconds < 5400) return `${fmt(Math.round(seconds / 60))} min`;
  if (seconds < 2 * 86400) return `${fmt(Math.round(seconds / 360) / 10)} h`;
  return `${fmt(Math.round(seconds / 8640) / 10)} days`;
}

const MiB = (bytes: number) => `${fmtInt(bytes / 2 ** 20)} MiB`;
/** Three significant digits, with an exponent for large and small values (1.8e6, 2.67e-5). */
const sig3 = (x: number) =>
  x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3) ? x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e') : String(Number(x.toPrecision(3)));

export function checkBudget(iss: Issues, s: Scenario): boolean {
  const e = estimateRun(s);
  const memoryOk = e.bytes <= MAX_RUN_BYTES;
  const timeOk = e.cellUpdates <= MAX_CELL_UPDATES;
  const resultOk = e.resultValues <= MAX_RESULT_VALUES;
  if (memoryOk && timeOk && resultOk) return true;

  const h = s.geometry.spacing_mm;
  const size = s.geometry.size_mm;
  const coarsest = Math.min(...size) / 4;
  const total = s.protocol.reduce((t, p) => t + p.duration_s, 0);
  // One suggestion that satisfies memory and time together, so following it cannot trip the other.
  const fitsGrid = (sp: number) => {
    const x = estimateRun(s, sp);
    return x.bytes <= MAX_RUN_BYTES && x.cellUpdates <= MAX_CELL_UPDATES;
  };
  const spacing = memoryOk && timeOk ? undefined : smallestFitting(h, fitsGrid, coarsest);
  const grid = `a ${fmt(h)} mm grid on ${size.map(fmt).join(' × ')} mm`;
  const spacingFix = spacing !== undefined ? `use spacing_mm ≥ ${fmt(spacing)}` : 'use a smaller geometry.size_mm';

  if (!memoryOk) {
    const perCell = RUN_BYTES_PER_CELL[e.kernel] + CELL_MAP_BYTES_PER_CELL * e.configurations;
    const fixes = [spacingFix];
    if (e.kernel === 'implicit') {
      const explicitBytes = runBytes(s, e.precision);
      if (explicitBytes <= MAX_RUN_BYTES) fixes.push(`solver.integrator "auto" or "explicit" (≈ ${MiB(explicitBytes)})`);
    } else if (e.precision === 'f64') {
      const f32Bytes = runBytes(s, 'f32');
      if (f32Bytes <= MAX_RUN_BYTES) fixes.push(`solver.precision "f32" (≈ ${MiB(f32Bytes)})`);
    }
    if (e.configurations > 2) fixes.push(`fewer reposition phases (each keeps a ${MiB(e.paddedCells * CELL_MAP_BYTES_PER_CELL)} cell map)`);
    iss.add(
      'geometry.spacing_mm',
      `${grid} needs ≈ ${MiB(e.bytes)} in one run (${fmtInt(e.paddedCells)} cells with halo × ${perCell} bytes: the ` +
        `${e.kernel === 'implicit' ? 'implicit integrator (f64 kernel and its work area)' : `${e.precision} kernel`}${e.configurations > 1 ? ` and ${e.configurations} probe positions` : ''}), over the ` +
        `per-run memory limit of ${MiB(MAX_RUN_BYTES)}; ${fixes.join(', or ')}`,
    );
  }

  if (!timeOk) {
    const tissues = [s.tissue, ...s.layers.map((l) => l.tissue)];
    const coldestC = coldestImposedC(s);
    const { dtS: stable, index } = limitingTissue(tissues, h, size.length, coldestC);
    const byUserStep = s.solver.dt_s !== undefined && s.solver.dt_s < stable / 2;
    const limit = extremes(tissues[index], coldestC);
    // Name the tissue that sets the step: a conductivity or capacity off by 1000 is a common unit slip.
    const setBy =
      `${index === 0 ? 'tissue' : `layers[${index - 1}].tissue`} (k ≤ ${sig3(limit.k)} W/m/K, ` +
      `C ≥ ${sig3(limit.c)} J/m³/K)`;
    const shorter = Math.floor(total * (MAX_CELL_UPDATES / e.cellUpdates));
    const fixes = byUserStep
      ? [`omit solver.dt_s (the stable step here is ≈ ${sig3(stable)} s)`, `use a larger dt_s`]
      : [spacingFix];
    if (shorter >= 1) fixes.push(`shorten the protocol to ≤ ${fmtInt(shorter)} s (now ${fmtInt(total)} s)`);
    iss.add(
      byUserStep ? 'solver.dt_s' : 'geometry.spacing_mm',
      `${grid} takes ≈ ${sig3(e.cellUpdates)} cell updates (≥ ${fmtInt(e.steps)} time steps of ` +
        `${byUserStep ? '' : '≤ '}${sig3(e.dtS)} s over ${fmtInt(total)} s, on ${fmtInt(e.paddedCells)} cells` +
        `${byUserStep ? '' : `; the step is set by ${setBy}`}) — about ` +
        `${duration(e.cellUpdates / TYPICAL_CELLS_PER_S)} of computing at ${fmtInt(TYPICAL_CELLS_PER_S / 1e6)} Mcells/s — ` +
        `over the per-run budget of ${sig3(MAX_CELL_UPDATES)}; ${fixes.join(', or ')}`,
    );
  }

  if (!resultOk) {
    const maxFrames = Math.floor(MAX_RESULT_VALUES / e.valuesPerFrame);
    const interval =
      maxFrames >= 2 ? smallestFitting(total / (maxFrames - 1), (iv) => frameCount(total, iv) <= maxFrames) : undefined;
    iss.add(
      'output.interval_s',
      `${fmtInt(e.frames)} output frames × ${e.valuesPerFrame} numbers each (5 per isotherm, 1 per sensor and per ` +
        `probe, time and phase) = ${fmtInt(e.resultValues)} numbers, over the limit of ${fmtInt(MAX_RESULT_VALUES)} for ` +
        `one result; ${interval !== undefined ? `use interval_s ≥ ${fmt(interval)}, or ` : ''}list fewer isotherms or sensors`,
    );
  }
  return false;
}
