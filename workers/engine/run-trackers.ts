/**
 * What a run measures as it goes, one recorder per job (py-pde's trackers are the model): the
 * run loop calls `step` after every chunk of kernel steps, `output` at every output time with the
 * whole field, and `segment` when a protocol phase has begun (probes may have moved).
 */
import { NERVE_LOOK } from '../../scenarios/presets.ts';
import type { BathSeries, Result, Scenario, Vec3 } from '../../scenarios/schema.ts';
import { lateralMm, sampleField, sampleField3, type Field } from './analysis/field.ts';
import { isothermSize3d, midRadiusMm3d } from './analysis/isotherms-3d.ts';
import { isothermSize, midRadiusMm, type IsothermSize } from './analysis/isotherms.ts';
import type { CellRange, Grid } from './grid.ts';
import type { Segment } from './probe-schedule.ts';
import { estimateEtaS, frameIndices, nowS, progressClock } from './run-output.ts';
import type { FieldFrames, Progress } from './run-types.ts';
import type { Simulation } from './simulation.ts';

export interface RunTracker {
  /** after a chunk of steps between output times */
  step?(): void;
  /** at output time number `index`, with the whole field */
  output?(f: Field, index: number): void;
  /** a protocol segment has begun at the current time (after a reposition the cell map is new) */
  segment?(seg: Segment): void;
}

/** How the run's fields are read in its geometry: point samples and isotherm extents. */
export class FieldReader {
  readonly mode: Scenario['geometry']['mode'];
  private readonly axis: { aMm: number; zMm: number } | null;
  private readonly axisLine: { origin: Vec3; u: Vec3 } | null;

  constructor(s: Scenario) {
    this.mode = s.geometry.mode;
    const probe0 = s.probes[0] ?? null;
    this.axis = this.mode === 'axisymmetric' ? { aMm: 0, zMm: 0 } : probe0 ? { aMm: probe0.tip_mm[0], zMm: probe0.tip_mm[2] } : null;
    this.axisLine = probe0 ? { origin: probe0.tip_mm, u: probe0.direction } : null;
  }

  sample(f: Field, p: Vec3): number {
    return this.mode === '3d' ? sampleField3(f, p) : sampleField(f, lateralMm(this.mode, p), p[2]);
  }

  /**
   * As `sample`, but never below the surface of a probe cell it reads from (the field's `sideC`):
   * what a thermocouple at or inside a probe, or a nerve the probe touches, reads. Ghost values
   * extend the tissue profile through the surface and overshoot below it when the surface is
   * colder than the tissue: yoon-2016 at 1 mm put a sensor inside its probe at −169.6 °C beside a
   * surface never colder than −147.5, and friedman-2012 at 0.5 mm, its probe pulled back into the
   * nerve cross-section, read its nerve at −73.7 °C with outputs every second (−77.7 every half
   * second, −65.6 every 5 s) beside links never colder than −69.9. Outside the surface, where the
   * profile lies above it, this is `sample`.
   */
  sampleHeld(f: Field, p: Vec3): number {
    return this.mode === '3d' ? sampleField3(f, p, true) : sampleField(f, lateralMm(this.mode, p), p[2], true);
  }

  size(f: Field, level: number): IsothermSize {
    return this.mode === '3d' ? isothermSize3d(f, level, this.axisLine) : isothermSize(f, level, this.mode, this.axis);
  }
}

/**
 * For each threshold, the first time the whole nerve cross-section was at or below it. The nerve is
 * looked at after every chunk of kernel steps (128 explicit steps, 1–20 s of simulated time from
 * 0.25 to 1 mm) or implicit step (up to IMPLICIT.maxDtS), so the look that first finds it covered
 * can come a whole chunk or step after the moment it happened; the time is placed between that
 * look and the one before, where the warmest point's temperature, taken as linear in time between
 * them, crossed the threshold (`crossingTimeS`). Near an open threshold the explicit path looks
 * more often (`lookWithinS`), since a warmest point that lingers just above it and then drops
 * is not linear between looks far apart.
 */
export class NerveTimeline implements RunTracker {
  readonly firstFullS: Map<number, number | null>;
  private readonly region: CellRange | undefined;
  /** thresholds the whole nerve has not reached yet: once none is left, there is nothing to look for */
  private pending: number;
  private scratch: Float64Array | null = null;
  /** the previous look: when, and the warmest point's temperature then (null before the first) */
  private last: NerveLook | null = null;
  /** the warmest point's rate of change between the last two looks (K/s; 0 before there are two) */
  private rateKPerS = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly reader: FieldReader,
    private readonly points: Vec3[],
    thresholdsC: number[],
  ) {
    this.firstFullS = new Map(thresholdsC.map((t) => [t, null]));
    this.pending = this.firstFullS.size;
    // Between outputs only the cells around the nerve's sample points are filled in.
    this.region = regionAround(sim.model.grid, points, reader.mode);
  }

  step(): void {
    if (!this.points.length || this.pending === 0) return;
    // Between outputs the nerve's cells are filled into one buffer the timeline keeps.
    // Cells outside the region are never written: NaN once, not at every chunk.
    this.scratch ??= new Float64Array(this.sim.model.grid.nx * this.sim.model.grid.ny * this.sim.model.grid.nz).fill(NaN);
    this.check(this.sim.field('current', this.region, this.scratch));
  }

  output(f: Field, index: number): void {
    if (index === 0 && this.points.length) this.check(f);
  }

  /**
   * How much simulated time the run may step before the next look, given the `chunkS` it plans:
   * all of it, unless the warmest point is within NERVE_LOOK.near_k of an open threshold or the
   * fall of the last two looks, carried over the chunk, would bring it there.
   */
  lookWithinS(chunkS: number): number {
    if (!this.last || this.pending === 0 || !Number.isFinite(this.last.warmestC)) return chunkS;
    const reach = this.last.warmestC + Math.min(0, this.rateKPerS) * chunkS - NERVE_LOOK.near_k.value;
    for (const [thr, at] of this.firstFullS) if (at === null && reach <= thr) return Math.min(chunkS, NERVE_LOOK.near_every_s.value);
    return chunkS;
  }

  private check(f: Field): void {
    // Every point, even once one is warmer than every open threshold: the crossing time needs the
    // warmest temperature of the look before it.
    let warmest = -Infinity;
    for (const p of this.points) warmest = Math.max(warmest, this.reader.sample(f, p));
    const look: NerveLook = { timeS: this.sim.timeS, warmestC: warmest };
    for (const [thr, at] of this.firstFullS) {
      if (at === null && warmest <= thr) this.firstFullS.set(thr, crossingTimeS(this.last, look, thr)), this.pending--;
    }
    const dtS = this.last ? look.timeS - this.last.timeS : 0;
    this.rateKPerS = dtS > 0 && Number.isFinite(warmest - this.last!.warmestC) ? (warmest - this.last!.warmestC) / dtS : 0;
    this.last = look;
  }
}

/** One look at the nerve: its time and the warmest sample point's temperature. */
export interface NerveLook {
  timeS: number;
  warmestC: number;
}

/**
 * When the warmest point reached `thresholdC`, given the look `now` that finds it at or below and
 * the look before (null: none, the run's first): linear in time between the two, so within
 * (before, now]; `now`'s time when there is no earlier look above the threshold to start from.
 * The warmest point's temperature is smooth between looks (chunks and implicit steps end at every
 * phase boundary), so the error falls as the square of the time between looks, not in proportion.
 */
export function crossingTimeS(before: NerveLook | null, now: NerveLook, thresholdC: number): number {
  if (!before || !(before.warmestC > thresholdC) || !(now.warmestC <= thresholdC) || !(now.timeS > before.timeS)) return now.timeS;
  return before.timeS + ((before.warmestC - thresholdC) / (before.warmestC - now.warmestC)) * (now.timeS - before.timeS);
}

/** The coldest skin-surface temperature seen at any step. */
export class SkinMinimum implements RunTracker {
  minC = Infinity;

  constructor(private readonly sim: Simulation) {}

  step(): void {
    for (const t of this.sim.skinSurfaceC()) this.minC = Math.min(this.minC, t);
  }

  output(_f: Field, index: number): void {
    if (index === 0) this.step();
  }
}

/** The result's time series at output times: phase, isotherm extents, sensors, probe surfaces and finite baths. */
export class OutputSeries implements RunTracker {
  readonly times: number[] = [];
  readonly phases: string[] = [];
  readonly isotherms: Result['isotherms'] = {};
  readonly sensors: Record<string, number[]>;
  readonly probes: { surface_c: number[] }[];
  /** one per finite bath, in material order (empty without one) */
  readonly bath: BathSeries[];
  private readonly bathMaterials: number[];
  private readonly planar: boolean;
  // Middle of the first probe's active segment (planar: its centre); it moves with the probe's repositions.
  private tip0: Vec3 | null;

  constructor(
    private readonly sim: Simulation,
    private readonly reader: FieldReader,
    private readonly s: Scenario,
    private readonly phaseAt: (t: number) => string,
  ) {
    this.planar = reader.mode === 'planar';
    for (const lv of s.output.isotherms_c) {
      this.isotherms[String(lv)] = {
        radius_mm: [], mid_radius_mm: [], length_mm: [], top_depth_mm: [], bottom_depth_mm: [],
        ...(this.planar ? { area_mm2: [] } : { volume_ml: [] }),
      };
    }
    this.sensors = Object.fromEntries(s.sensors.map((x) => [x.name, []]));
    this.probes = s.probes.map(() => ({ surface_c: [] }));
    this.tip0 = s.probes[0]?.tip_mm ?? null;
    this.bathMaterials = [...sim.baths.temperaturesC().keys()];
    this.bath = this.bathMaterials.map((m) => ({ medium: mediumPath(m), temp_c: [] }));
  }

  output(f: Field): void {
    const t = this.sim.timeS;
    this.times.push(t);
    this.phases.push(this.phaseAt(t));
    for (const lv of this.s.output.isotherms_c) {
      const size = this.reader.size(f, lv);
      const series = this.isotherms[String(lv)];
      series.radius_mm.push(size.radiusMm);
      series.mid_radius_mm!.push(this.midRadiusOf(f, lv));
      series.length_mm.push(size.lengthMm);
      series.top_depth_mm.push(size.topDepthMm);
      series.bottom_depth_mm.push(size.bottomDepthMm);
      (this.planar ? series.area_mm2 : series.volume_ml)!.push(size.amount);
    }
    for (const sensor of this.s.sensors) this.sensors[sensor.name].push(this.reader.sampleHeld(f, sensor.position_mm));
    this.sim.probeSurfaceC().forEach((c, p) => this.probes[p].surface_c.push(c));
    if (this.bath.length) {
      const bathC = this.sim.baths.temperaturesC();
      this.bathMaterials.forEach((m, i) => this.bath[i].temp_c.push(bathC.get(m)!));
    }
  }

  segment(seg: Segment): void {
    if (seg.phase.phase === 'reposition' && seg.phase.probe === 0) this.tip0 = seg.phase.tip_mm;
  }

  private midRadiusOf(f: Field, level: number): number | null {
    const probe0 = this.s.probes[0];
    if (!probe0 || !this.tip0) return null;
    const half = this.planar ? 0 : probe0.active_length_mm / 2;
    const d = probe0.direction;
    const m: Vec3 = [this.tip0[0] - d[0] * half, this.tip0[1] - d[1] * half, this.tip0[2] - d[2] * half];
    const mode = this.reader.mode;
    if (mode === '3d') return midRadiusMm3d(f, level, m, d);
    return midRadiusMm(f, level, mode, { aMm: mode === 'axisymmetric' ? 0 : m[0], zMm: m[2] });
  }
}

/**
 * Each cell's coldest value in the fields measured at output times. With the kernel's per-cell
 * minimum it makes the coldest-over-run field, which so holds every isotherm any output time
 * showed — also where that was only a ghost value between the probe surface and the first tissue
 * centre, or a cell a repositioned probe has left.
 */
export class ColdestSeen implements RunTracker {
  private readonly values: Float64Array;
  /** each cell's coldest `sideC` (a ghost: its surface) at the output times */
  private readonly sides: Float64Array;
  /** each cell's coldest value at the output times when it was not a ghost */
  private readonly held: Float64Array;

  constructor(private readonly sim: Simulation) {
    const g = sim.model.grid;
    this.values = new Float64Array(g.nx * g.ny * g.nz).fill(NaN);
    this.sides = new Float64Array(this.values.length).fill(NaN);
    this.held = new Float64Array(this.values.length).fill(NaN);
  }

  output(f: Field): void {
    foldMin(this.values, f.values);
    foldMin(this.sides, f.sideC ?? f.values);
    foldMin(this.held, f.values, f.sideC ?? f.values);
  }

  /** The coldest-over-run field: what the envelope, the skin gap and the warnings read. */
  everCold(): Field {
    return this.folded(this.values, this.sides);
  }

  /**
   * Each point's coldest temperature, for the nerve: as `everCold`, but without the ghost values
   * of the output times. A ghost's coldest moment is not its tissue neighbour's: early in a
   * convective freeze the film surface is at its coldest while the tissue beside it is still warm,
   * so the profile extended through the surface overshoots far below anything the tissue later
   * reaches, and a nerve point sampled between that ghost and the tissue's end-of-freeze minimum
   * mixes two moments that never coexisted, reading colder the more often the run writes outputs
   * (cazzato-2016 at 1 mm: −125.5 °C with outputs every 5 s, −140.7 every second; −122.8 and
   * −122.1 at 0.5 and 0.25 mm). Its ghosts are the kernel's, on the line through each cell's
   * coldest tissue and its links' coldest surfaces; those are noted once per chunk, which outputs
   * end, so the interval still moves a touching nerve slightly (von-falck-2022 at 1 mm: 1.5 K).
   */
  nerveCold(): Field {
    return this.folded(this.held, null);
  }

  private folded(values: Float64Array, sides: Float64Array | null): Field {
    // The coldest field is written into new arrays at each call (Simulation.field), so it is folded in place.
    const coldest = this.sim.field('coldest');
    foldMin(coldest.values, values);
    if (sides) foldMin(coldest.sideC!, sides);
    return coldest;
  }
}

/**
 * Map snapshots for the page: the x–z plane through the first probe's tip (the whole field in
 * 2D) at the output times run-output.ts keeps, with the cell kinds of that plane and where a
 * reposition changed them.
 */
export class FrameRecorder implements RunTracker {
  readonly frames: FieldFrames;
  private readonly keep: Set<number>;
  private readonly sliceJ: number;
  private cells: Simulation['cells'];

  constructor(
    private readonly sim: Simulation,
    outputs: number,
    maxFrames: number,
  ) {
    const g = sim.model.grid;
    const tip0 = sim.model.scenario.probes[0]?.tip_mm;
    this.sliceJ = g.mode === '3d' ? Math.min(Math.max(Math.round(((tip0?.[1] ?? 0) - g.y0Mm) / g.spacingMm), 0), g.ny - 1) : 0;
    this.keep = new Set(frameIndices(outputs, Math.max(2, maxFrames)));
    this.cells = sim.cells;
    this.frames = {
      nx: g.nx, nz: g.nz, spacing_mm: g.spacingMm, x0_mm: g.x0Mm, z0_mm: g.spacingMm / 2, times_s: [], temperatures_c: [],
      cell_kind: this.planeKinds(),
      ...(g.mode === '3d' ? { slice_y_mm: g.yMm(this.sliceJ) } : {}),
    };
  }

  output(f: Field, index: number): void {
    if (!this.keep.has(index)) return;
    this.frames.times_s.push(this.sim.timeS);
    this.frames.temperatures_c.push(Float32Array.from(sliceOf(f, this.sliceJ)));
    if (f.sideC) (this.frames.ghosts ??= []).push(ghostsOf(sliceOf(f, this.sliceJ), sliceOf({ ...f, values: f.sideC }, this.sliceJ)));
  }

  segment(): void {
    if (this.sim.cells === this.cells) return;
    this.cells = this.sim.cells;
    (this.frames.cell_kind_changes ??= []).push({ after_s: this.sim.timeS, cell_kind: this.planeKinds() });
  }

  private planeKinds(): Uint8Array {
    const g = this.sim.model.grid;
    const out = new Uint8Array(g.nx * g.nz);
    for (let k = 0; k < g.nz; k++) for (let i = 0; i < g.nx; i++) out[i + g.nx * k] = this.sim.cells.kind[g.index(i, k, this.sliceJ)];
    return out;
  }
}

/** Hands every output field and the cell kinds of that moment to an exporter (`cryo run --vti`). */
export class FieldListener implements RunTracker {
  constructor(
    private readonly sim: Simulation,
    private readonly listener: (field: Field, time_s: number, cellKind: Uint8Array) => void,
  ) {}

  output(f: Field): void {
    this.listener(f, this.sim.timeS, allKinds(this.sim));
  }
}

/** Progress at most once per interval of wall time, and once at the end. */
export class ProgressReporter implements RunTracker {
  private readonly clock: { due(force?: boolean): boolean };

  constructor(
    private readonly sim: Simulation,
    private readonly totalS: number,
    private readonly wallStartS: number,
    intervalS: number,
    private readonly phaseAt: (t: number) => string,
    private readonly onProgress: (p: Progress) => void,
    /** the share of the run's work done by a simulated time (default: in proportion to it, as on the explicit path) */
    private readonly workFraction: (timeS: number) => number = (t) => (totalS > 0 ? Math.min(1, t / totalS) : 1),
  ) {
    this.clock = progressClock(intervalS);
  }

  step(): void {
    this.report(false);
  }

  finish(): void {
    this.report(true);
  }

  private report(force: boolean): void {
    if (!this.clock.due(force)) return;
    const fraction = this.totalS > 0 ? this.sim.timeS / this.totalS : 1;
    const elapsed = nowS() - this.wallStartS;
    this.onProgress({
      fraction, time_s: this.sim.timeS, total_s: this.totalS, elapsed_s: elapsed,
      eta_s: estimateEtaS(this.workFraction(this.sim.timeS), elapsed), phase: this.phaseAt(this.sim.timeS),
    });
  }
}

/** The scenario path of kernel material m (boundaries.ts materialsOf: the base tissue, then each layer's). */
function mediumPath(m: number): string {
  return m === 0 ? 'tissue' : `layers[${m - 1}].tissue`;
}

/**
 * into[i] = the smaller of into[i] and from[i]; NaN (not tissue) counts only where nothing else is
 * known. With `sides`, only from the cells whose side is their value (not a ghost at that moment).
 */
function foldMin(into: Float64Array, from: Float64Array, sides?: Float64Array): void {
  for (let i = 0; i < into.length; i++) {
    const v = from[i];
    if (sides && sides[i] !== v) continue;
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

/** Every cell's kind in the field's order (i + nx·(j + ny·k)); a reposition changes it, so it is read at each call. */
function allKinds(sim: Simulation): Uint8Array {
  const g = sim.model.grid;
  const out = new Uint8Array(g.nx * g.ny * g.nz);
  for (let k = 0; k < g.nz; k++) for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) out[i + g.nx * (j + g.ny * k)] = sim.cells.kind[g.index(i, k, j)];
  return out;
}

/** The cells whose side (a ghost's surface temperature) is not their value, with that side. */
function ghostsOf(values: Float64Array, sides: Float64Array): { cells: Uint32Array; surface_c: Float32Array } {
  const cells: number[] = [];
  for (let c = 0; c < values.length; c++) if (sides[c] !== values[c] && !Number.isNaN(sides[c])) cells.push(c);
  return { cells: Uint32Array.from(cells), surface_c: Float32Array.from(cells, (c) => sides[c]) };
}

/** The x–z plane j of a field (the field itself in 2D). */
function sliceOf(f: Field, j: number): Float64Array {
  if (f.ny === 1) return f.values;
  const out = new Float64Array(f.nx * f.nz);
  for (let k = 0; k < f.nz; k++) for (let i = 0; i < f.nx; i++) out[i + f.nx * k] = f.values[i + f.nx * (j + f.ny * k)];
  return out;
}
