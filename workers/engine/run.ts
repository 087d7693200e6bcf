/**
 * Runs a validated scenario to a `cryo-result/1`: steps the kernel in chunks
 * through the protocol, lands exactly on every output time and phase boundary,
 * and measures isotherms, sensors, probes, nerve and skin as it goes.
 * Synchronous: callers that must stay responsive run it in a worker.
 */
import { RESULT_SCHEMA, type Nerve, type Result, type Scenario, type Vec3 } from '../../scenarios/schema.ts';
import { lateralMm, sampleField, sampleField3, type Field } from './analysis/field.ts';
import { isothermSize3d, midRadiusMm3d } from './analysis/isotherms-3d.ts';
import { isothermSize, midRadiusMm } from './analysis/isotherms.ts';
import { blockProbability } from './analysis/dose-response.ts';
import { crossSectionPoints, nerveSection, sectionPicture } from './analysis/nerve.ts';
import { resultWarnings } from './analysis/warnings.ts';
import { compileScenario } from './compile.ts';
import { checkPhysical } from './analysis/numerical-faults.ts';
import { CELL } from './boundaries.ts';
import { CancelledError, type FieldFrames, type NerveScore, type RunOptions, type RunOutput } from './run-types.ts';
import type { KernelSet } from './kernel-set.ts';
import { Simulation } from './simulation.ts';
import type { CellRange, Grid } from './grid.ts';

/** Steps per kernel call: long enough to amortise the call, short enough for V8 to tier up and for timely progress. */
const CHUNK_STEPS = 128;
/** Coverage thresholds always reported for the nerve (physics.md §4: block −20 °C, lethal −40 °C). */
const NERVE_THRESHOLDS_C = [-20, -40];

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now()) / 1000;

export function runScenario(scenario: Scenario, kernels: WebAssembly.Module | KernelSet, options: RunOptions = {}): RunOutput {
  const wallStart = now();
  const model = compileScenario(scenario);
  const sim = new Simulation(kernels, model, { twoRate: options.twoRate, team: options.team ?? null });
  const { grid: g, segments, totalS } = model;
  const dtS = model.dtS * (options.faultInjection?.dtScale ?? 1);
  const mode = g.mode;
  const planar = mode === 'planar';
  const s = scenario;
  const probe0 = s.probes[0] ?? null;
  const axis = mode === 'axisymmetric' ? { aMm: 0, zMm: 0 } : probe0 ? { aMm: probe0.tip_mm[0], zMm: probe0.tip_mm[2] } : null;
  const axisLine = probe0 ? { origin: probe0.tip_mm, u: probe0.direction } : null;
  const sampleAt = (f: Field, p: Vec3) => (mode === '3d' ? sampleField3(f, p) : sampleField(f, lateralMm(mode, p), p[2]));
  const sizeOf = (f: Field, level: number) => (mode === '3d' ? isothermSize3d(f, level, axisLine) : isothermSize(f, level, mode, axis));
  // Middle of the first probe's active segment (planar: its centre); it moves with the probe's repositions.
  let tip0: Vec3 | null = probe0 ? probe0.tip_mm : null;
  const midPoint = (): Vec3 | null => {
    if (!probe0 || !tip0) return null;
    const half = planar ? 0 : probe0.active_length_mm / 2;
    return [tip0[0] - probe0.direction[0] * half, tip0[1] - probe0.direction[1] * half, tip0[2] - probe0.direction[2] * half];
  };
  const midRadiusOf = (f: Field, level: number) => {
    const m = midPoint();
    if (!m) return null;
    if (mode === '3d') return midRadiusMm3d(f, level, m, probe0!.direction);
    return midRadiusMm(f, level, mode, { aMm: mode === 'axisymmetric' ? 0 : m[0], zMm: m[2] });
  };
  // 3D maps show the x–z slice through the first probe's tip.
  const sliceJ = mode === '3d' ? Math.min(Math.max(Math.round(((probe0?.tip_mm[1] ?? 0) - g.y0Mm) / g.spacingMm), 0), g.ny - 1) : 0;

  const interval = s.output.interval_s;
  const outputTimes: number[] = [];
  for (let i = 0; i * interval < totalS - 1e-9; i++) outputTimes.push(i * interval);
  outputTimes.push(totalS);
  const events = [...new Set([...outputTimes, ...segments.map((seg) => seg.startS)])].sort((a, b) => a - b);

  const levels = s.output.isotherms_c;
  const isotherms: Result['isotherms'] = {};
  for (const lv of levels) {
    isotherms[String(lv)] = {
      radius_mm: [], mid_radius_mm: [], length_mm: [], top_depth_mm: [], bottom_depth_mm: [],
      ...(planar ? { area_mm2: [] } : { volume_ml: [] }),
    };
  }
  const sensors: Record<string, number[]> = Object.fromEntries(s.sensors.map((x) => [x.name, []]));
  const probes = s.probes.map(() => ({ surface_c: [] as number[] }));
  const times: number[] = [];
  const phases: string[] = [];
  const frames: FieldFrames | undefined = options.frames
    ? {
        nx: g.nx, nz: g.nz, spacing_mm: g.spacingMm, x0_mm: g.x0Mm, z0_mm: g.spacingMm / 2, times_s: [], temperatures_c: [],
        cell_kind: interiorKinds(sim, sliceJ),
        ...(mode === '3d' ? { slice_y_mm: g.yMm(sliceJ) } : {}),
      }
    : undefined;

  const nerveThresholds = [...new Set([...NERVE_THRESHOLDS_C, ...levels.filter((l) => l <= 0)])];
  const section = s.nerve ? nerveSection(s.nerve, probe0, mode) : null;
  const nervePts = section ? crossSectionPoints(section) : [];
  const firstFull = new Map<number, number | null>(nerveThresholds.map((t) => [t, null]));
  let skinMinC = Infinity;

  // Between outputs only the cells around the nerve's sample points are filled in.
  const nerveRegion = regionAround(g, nervePts, mode);
  const track = (field: () => Field) => {
    if (nervePts.length) {
      const f = field();
      let warmest = -Infinity;
      for (const p of nervePts) warmest = Math.max(warmest, sampleAt(f, p));
      for (const thr of nerveThresholds) if (firstFull.get(thr) === null && warmest <= thr) firstFull.set(thr, sim.timeS);
    }
    for (const t of sim.skinSurfaceC()) skinMinC = Math.min(skinMinC, t);
  };
  // The phase that produced the state at time t: (start, end], and the first phase at t = 0.
  const phaseAt = (t: number) => (segments.find((seg) => t <= seg.endS + 1e-9) ?? segments[segments.length - 1]).phase.phase;
  const frameStride = Math.max(1, Math.ceil(outputTimes.length / Math.max(1, options.maxFrames ?? Infinity)));
  let outputIndex = -1;
  // Each cell's coldest value in the fields measured at output times: the envelope is built from
  // it and the kernel's per-cell minimum, so it holds every isotherm any output time showed —
  // also where that was only a ghost value between the probe surface and the first tissue
  // centre, or a cell a repositioned probe has left.
  const coldestSeen = new Float64Array(g.nx * g.ny * g.nz).fill(NaN);
  const record = (f: Field) => {
    outputIndex++;
    foldMin(coldestSeen, f.values);
    times.push(sim.timeS);
    phases.push(phaseAt(sim.timeS));
    for (const lv of levels) {
      const size = sizeOf(f, lv);
      const series = isotherms[String(lv)];
      series.radius_mm.push(size.radiusMm);
      series.mid_radius_mm!.push(midRadiusOf(f, lv));
      series.length_mm.push(size.lengthMm);
      series.top_depth_mm.push(size.topDepthMm);
      series.bottom_depth_mm.push(size.bottomDepthMm);
      (planar ? series.area_mm2 : series.volume_ml)!.push(size.amount);
    }
    for (const sensor of s.sensors) sensors[sensor.name].push(sampleAt(f, sensor.position_mm));
    sim.probeSurfaceC().forEach((t, p) => probes[p].surface_c.push(t));
    if (options.onOutputField) options.onOutputField(f, sim.timeS, allKinds(sim));
    if (frames && (outputIndex % frameStride === 0 || outputIndex === outputTimes.length - 1)) {
      frames.times_s.push(sim.timeS);
      frames.temperatures_c.push(Float32Array.from(sliceOf(f, sliceJ)));
    }
  };

  let lastProgress = wallStart;
  const progressEvery = options.progressIntervalS ?? 0.25;
  const report = (force: boolean) => {
    if (!options.onProgress) return;
    const t = now();
    if (!force && t - lastProgress < progressEvery) return;
    lastProgress = t;
    const fraction = totalS > 0 ? sim.timeS / totalS : 1;
    const elapsed = t - wallStart;
    options.onProgress({
      fraction, time_s: sim.timeS, total_s: totalS, elapsed_s: elapsed,
      eta_s: fraction > 0.01 ? (elapsed * (1 - fraction)) / fraction : null, phase: phaseAt(sim.timeS),
    });
  };

  const outputSet = new Set(outputTimes);
  let segIndex = 0;
  for (let e = 0; e < events.length; e++) {
    const target = events[e];
    // Step up to the event: whole steps, then one shorter step to land on it exactly.
    while (sim.timeS < target - 1e-9) {
      if (options.isCancelled?.()) throw new CancelledError();
      const remaining = target - sim.timeS;
      const whole = Math.floor(remaining / dtS + 1e-9);
      if (sim.implicit) sim.advanceImplicit(remaining);
      else if (whole >= 1) sim.advance(Math.min(whole, CHUNK_STEPS, sim.stepsBeforeTraceChange(dtS)), dtS);
      else sim.advance(1, remaining);
      if (sim.timeS > target - 1e-9) sim.timeS = target;
      checkPhysical(sim.kernel.views.t, (c) => sim.cells.kind[c] === CELL.TISSUE, g, sim.timeS, s);
      track(() => sim.field('current', nerveRegion));
      report(false);
    }
    // Record the state reached at this time before the next phase changes the probes.
    if (outputSet.has(target)) {
      const f = sim.field();
      if (e === 0) track(() => f);
      record(f);
    }
    while (segIndex < segments.length && segments[segIndex].startS <= target + 1e-9) {
      const seg = segments[segIndex++];
      if (seg.phase.phase === 'reposition' && seg.phase.probe === 0) tip0 = seg.phase.tip_mm;
      sim.beginSegment(seg);
    }
  }
  report(true);

  const coldest = sim.field('coldest');
  // The verdict, the envelope and the skin gap read one field: each point's coldest value over the run.
  const everCold: Field = { ...coldest, values: Float64Array.from(coldest.values) };
  foldMin(everCold.values, coldestSeen);
  // The nerve is only scored, it carries no heat: the same scoring serves a shifted nerve (ensembles).
  const scoreNerveAt = (pts: Vec3[]): NerveScore => {
    const coldestC = pts.map((p) => sampleAt(everCold, p));
    return {
      min_c: Math.min(...coldestC),
      fraction: Object.fromEntries(nerveThresholds.map((thr) => [String(thr), coldestC.filter((t) => t <= thr).length / pts.length])),
      block_probability: blockProbability(coldestC),
    };
  };
  const nerveScore = s.nerve ? scoreNerveAt(nervePts) : null;
  const nerve = nerveScore
    ? {
        min_c: nerveScore.min_c,
        coverage: Object.fromEntries(
          nerveThresholds.map((thr) => [String(thr), { fraction: nerveScore.fraction[String(thr)], first_full_s: firstFull.get(thr) ?? null }]),
        ),
        section: sectionPicture(section!, (p) => sampleAt(everCold, p)),
        block_probability: nerveScore.block_probability,
      }
    : null;
  const iceTop = sizeOf(everCold, 0).topDepthMm;
  // Everything that was ever at or below each isotherm: what a lethal dose depends on.
  const envelope: NonNullable<Result['envelope']> = {};
  for (const lv of levels) {
    const size = sizeOf(everCold, lv);
    envelope[String(lv)] = {
      radius_mm: size.radiusMm, length_mm: size.lengthMm, top_depth_mm: size.topDepthMm, bottom_depth_mm: size.bottomDepthMm,
      ...(planar ? { area_mm2: size.amount } : { volume_ml: size.amount }),
    };
  }
  const frozen = skinMinC <= 0;
  const energy = sim.energy();
  const wall = now() - wallStart;
  const cellUpdates = sim.cellUpdates;
  const result: Result = {
    schema: RESULT_SCHEMA,
    scenario: s.name,
    solver: {
      mode: s.geometry.mode, spacing_mm: g.spacingMm, grid: mode === '3d' ? [g.nx, g.ny, g.nz] : [g.nx, g.nz, 1], dt_s: dtS, steps: sim.steps,
      cell_updates: cellUpdates, wall_s: round(wall, 4), mcells_per_s: round(cellUpdates / wall / 1e6, 1), precision: sim.precision, threads: sim.threads,
      ...(sim.implicit ? { integrator: 'implicit' as const, ...sim.implicit.summary() } : {}),
    },
    times_s: times,
    phase: phases,
    isotherms,
    sensors,
    probes,
    nerve,
    skin: { min_c: skinMinC, min_ice_gap_mm: frozen ? 0 : iceTop, frozen },
    envelope,
    warnings: resultWarnings(s, everCold),
    ...(energy && sim.initialEnthalpyJ !== null ? { energy: energyBalance(sim.initialEnthalpyJ, energy) } : {}),
  };
  const scoreNerve = options.nerveScorer ? (n: Nerve) => scoreNerveAt(crossSectionPoints(nerveSection(n, probe0, mode))) : undefined;
  return { result, frames, ...(scoreNerve ? { scoreNerve } : {}) };
}

function energyBalance(initial: number, e: { enthalpy: number; boundary: number; sources: number; reposition: number }) {
  const change = e.enthalpy - initial;
  const scaleJ = Math.max(Math.abs(e.boundary), Math.abs(e.sources), Math.abs(change), 1e-30);
  return {
    enthalpy_change_j: change, boundary_j: e.boundary, sources_j: e.sources,
    ...(e.reposition !== 0 ? { reposition_j: e.reposition } : {}),
    relative_error: Math.abs(change - e.boundary - e.sources - e.reposition) / scaleJ,
  };
}

/** into[i] = the smaller of into[i] and from[i]; NaN (not tissue) counts only where nothing else is known. */
function foldMin(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i++) {
    const v = from[i];
    if (v < into[i] || (Number.isNaN(into[i]) && !Number.isNaN(v))) into[i] = v;
  }
}

/** Interior cells within two of any point's sampling cells: enough for bi/trilinear sampling of those points. */
function regionAround(g: Grid, pts: Vec3[], mode: Scenario['geometry']['mode']): CellRange | undefined {
  if (!pts.length) return undefined;
  const h = g.spacingMm;
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  const r = { iMin: Infinity, iMax: -Infinity, jMin: 0, jMax: g.ny - 1, kMin: Infinity, kMax: -Infinity };
  if (mode === '3d') (r.jMin = Infinity), (r.jMax = -Infinity);
  for (const p of pts) {
    const fi = ((mode === '3d' ? p[0] : lateralMm(mode, p)) - g.x0Mm) / h;
    const fk = (p[2] - h / 2) / h;
    r.iMin = Math.min(r.iMin, clamp(Math.floor(fi) - 2, g.nx));
    r.iMax = Math.max(r.iMax, clamp(Math.ceil(fi) + 2, g.nx));
    r.kMin = Math.min(r.kMin, clamp(Math.floor(fk) - 2, g.nz));
    r.kMax = Math.max(r.kMax, clamp(Math.ceil(fk) + 2, g.nz));
    if (mode === '3d') {
      const fj = (p[1] - g.y0Mm) / h;
      r.jMin = Math.min(r.jMin, clamp(Math.floor(fj) - 2, g.ny));
      r.jMax = Math.max(r.jMax, clamp(Math.ceil(fj) + 2, g.ny));
    }
  }
  return r;
}

/** Cell kinds of the x–z plane j (the whole grid in 2D), for maps. */
function interiorKinds(sim: Simulation, j: number): Uint8Array {
  const g = sim.model.grid;
  const out = new Uint8Array(g.nx * g.nz);
  for (let k = 0; k < g.nz; k++) for (let i = 0; i < g.nx; i++) out[i + g.nx * k] = sim.model.cells.kind[g.index(i, k, j)];
  return out;
}

/** Every cell's kind in the field's order (i + nx·(j + ny·k)); a reposition changes it, so it is read at each call. */
function allKinds(sim: Simulation): Uint8Array {
  const g = sim.model.grid;
  const out = new Uint8Array(g.nx * g.ny * g.nz);
  for (let k = 0; k < g.nz; k++) for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) out[i + g.nx * (j + g.ny * k)] = sim.cells.kind[g.index(i, k, j)];
  return out;
}

/** The x–z plane j of a field (the field itself in 2D). */
function sliceOf(f: Field, j: number): Float64Array {
  if (f.ny === 1) return f.values;
  const out = new Float64Array(f.nx * f.nz);
  for (let k = 0; k < f.nz; k++) for (let i = 0; i < f.nx; i++) out[i + f.nx * k] = f.values[i + f.nx * (j + f.ny * k)];
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
