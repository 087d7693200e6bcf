/**
 * One live simulation: the compiled model loaded into a kernel instance, with
 * the operations the run loop needs — advance, read the current (or coldest)
 * field with non-tissue cells filled in, and report probe surface temperatures.
 */
import { instantiateKernel, type KernelExports, type KernelViews } from '../../wasm/kernel-host.ts';
import { OWN, OWN_STRIDE, OWNER_MODE } from '../../wasm/kernel-host.ts';
import { instantiateSimdKernel, ROW, ROW_STRIDE, type SharedSimdKernelExports, type SimdKernelExports } from '../../wasm/kernel-simd-host.ts';
import type { LinkViews } from '../../wasm/memory-layout.ts';
import type { TissueProps } from '../../scenarios/schema.ts';
import type { Field } from './analysis/field.ts';
import { CELL, materialsOf, ownerCount, probeOwner, vesselOwner, type CellMap, type Links } from './boundaries.ts';
import type { CompiledModel } from './compile.ts';
import type { CellRange } from './grid.ts';
import { pickKernel, type KernelSet, type Precision } from './kernel-set.ts';
import { enthalpyAt, fillMaterialTable, frozenTableStarts, mushyCapacity, sinkPerKelvin, sourceAtZeroC } from './materials.ts';
import { cFrozenAtSolidus, kFrozenAtSolidus } from '../../scenarios/frozen-properties.ts';
import type { FrozenTable } from './frozen-table.ts';
import { FROZEN_NODE_BYTES, MAT, MAT_STRIDE } from '../../wasm/kernel-host.ts';
import { traceKnotsS, writePhaseOwners, writeStaticOwners, writeTraceOwners, type Segment } from './probe-schedule.ts';
import { ColdBox, warmStepRatio, type Box } from './two-rate.ts';
import { F32_COLDEST, TWO_RATE } from '../../scenarios/presets.ts';
import type { TeamStepper, ThreadTeam, TwoRateChunk } from './thread-team.ts';
import { chooseIntegrator, ImplicitStepper, implicitWorkBytes } from './implicit-stepper.ts';
import { FiniteBaths } from './bath.ts';

/** What the run loop needs from either kernel. */
interface LiveKernel {
  exports: Pick<KernelExports, 'step' | 'updateState' | 'getBoundaryEnergy' | 'resetEnergy'> &
    Partial<Pick<KernelExports, 'getSourceEnergy' | 'totalEnthalpy'>> &
    Partial<Pick<SimdKernelExports, 'updateTmin' | 'setBox' | 'stepTwoRate'>>;
  views: {
    h: Float64Array | Float32Array;
    t: Float64Array | Float32Array;
    k: Float64Array | Float32Array;
    tmin: Float64Array | Float32Array;
    owners: Float64Array;
  };
  memoryBytes: number;
  setLinkCount(n: number): void;
  /** the link arrays (same layout in both kernels) */
  links: LinkViews;
  /** switches cells between tissue and solid (geometry changes): sets their material or mask */
  setCellActive(c: number, material: number | null, enthalpyJ: number): void;
  /** every view of the f64 kernel (benchmarks and the reference-stencil test step it directly) */
  f64Views?: KernelViews;
  /** the kernel's link arrays must be sorted by cell (a thread team gives each thread one slice) */
  linksByCell?: boolean;
  /** byte offset of the solver work area (implicit integrator) */
  workOffset?: number;
  /** writes material m's bath temperature into the kernel's tables */
  setBathC(m: number, tempC: number): void;
}

export class Simulation {
  readonly model: CompiledModel;
  readonly precision: Precision;
  readonly kernel: LiveKernel;
  /** threads stepping the grid: the team's size when one was given for an f32 run, else 1 */
  readonly threads: number;
  timeS = 0;
  steps = 0;
  /** total enthalpy at t = 0, for the energy balance (f64 kernel only) */
  readonly initialEnthalpyJ: number | null;
  /** coldest surface temperature each probe has had */
  private probeMinC: number[];
  /** coldest surface temperature at each boundary link of the current cell map (since it was laid) */
  private linkMinC: Float64Array;
  /** the current cell map (changes when a probe is repositioned) */
  cells: CellMap;
  /** enthalpy added (+) or removed (−) by repositioning probes (J; J/m planar) */
  repositionJ = 0;
  /** cell updates done so far (fewer than steps × cells under two-rate stepping) */
  cellUpdates = 0;
  /** two-rate stepping of the current cell map: the cold box tracker and short steps per warm step (null: single rate) */
  private twoRate: { box: ColdBox; ratio: number; pieceSteps: number } | null = null;
  /** cells found at or below their liquidus outside the box they were stepped with (should stay 0; tests check) */
  twoRateEscapes = 0;
  /** the cold box of the last two-rate steps (null: they stepped the whole grid at one rate) */
  lastBox: Box | null = null;
  private readonly twoRateWanted: boolean;
  /** times where a probe's measured trace changes slope (empty without trace surfaces) */
  private readonly traceKnots: number[];
  private nextKnot = 0;
  /** the backward-Euler stepper when the scenario integrates implicitly (null: explicit steps) */
  readonly implicit: ImplicitStepper | null = null;
  /** media whose bath has a finite heat capacity (bath.ts) */
  readonly baths: FiniteBaths;
  /** scratch of `field`: per padded cell, the sums of its ghost values and of its links' surface temperatures, and their count */
  private ghostSum: Float64Array | null = null;
  private ghostSurfaceSum: Float64Array | null = null;
  private ghostCount: Uint16Array | null = null;
  /**
   * Reused arrays of the per-chunk and per-output reads (link surfaces, the whole current field).
   * A typed array's memory lives outside the JS heap: allocated afresh at every chunk and output,
   * it cost Chromium's workers about a quarter of a small run in allocation and background sweeping.
   */
  private linkScratch = new Float64Array(0);
  private fieldValues = new Float64Array(0);
  private fieldSides = new Float64Array(0);

  /**
   * `twoRate`: step the cells the cold has not reached at their own, longer stability limit (f32 kernel only).
   * `team`: helper threads to split the grid with (f32 only; the f64 reference always runs on
   * one thread). The caller owns the team and terminates it; the split results are bit-identical.
   */
  constructor(kernels: WebAssembly.Module | KernelSet, model: CompiledModel, options: { twoRate?: boolean; team?: ThreadTeam | null } = {}) {
    const team = options.team ?? null;
    this.model = model;
    this.cells = model.cells;
    const implicitModule = chooseIntegrator(model.scenario, kernels, model) === 'implicit' ? (kernels as KernelSet).implicit! : null;
    const { module, precision } = implicitModule ? { module: implicitModule, precision: 'f64' as const } : pickKernel(kernels, model.scenario.solver.precision);
    this.precision = precision;
    const split = precision === 'f32' && team !== null && team.threads > 1 ? team : null;
    this.threads = split ? split.threads : 1;
    this.kernel = precision === 'f64' ? loadF64(module, model, implicitModule ? implicitWorkBytes(module, model) : 0) : split ? loadF32Team(split, model) : loadF32(module, model);
    if (implicitModule) this.implicit = new ImplicitStepper(this.kernel.exports, this.kernel.f64Views!, this.kernel.workOffset!, model);
    const g = model.grid;
    const inv2 = 1 / (g.spacingM * g.spacingM);
    const e = this.kernel.exports as KernelExports;
    e.setGrid(g.NX, g.NY, g.NZ, inv2, g.NY > 1 ? inv2 : 0, inv2);
    writeStaticOwners(this.kernel.views.owners, model.scenario, model.cells.filmScale);
    e.updateState();
    this.baths = new FiniteBaths(model.cells.materials, g, (m, c) => this.kernel.setBathC(m, c));
    this.baths.start(this.kernel.views.t, this.cells);
    this.kernel.exports.updateTmin?.();
    e.resetEnergy();
    this.initialEnthalpyJ = e.totalEnthalpy ? e.totalEnthalpy() : null;
    this.probeMinC = model.scenario.probes.map(() => model.scenario.tissue.initial_c);
    this.linkMinC = this.linkSurfaceC(this.kernel.views.t).slice();
    this.traceKnots = traceKnotsS(model.scenario);
    writeTraceOwners(this.kernel.views.owners, model.scenario, 0);
    this.twoRateWanted = (options.twoRate ?? true) && this.kernel.exports.stepTwoRate !== undefined;
    this.planTwoRate();
  }

  private planTwoRate(): void {
    if (!this.twoRateWanted) return;
    const { grid: g, scenario: s, dtS } = this.model;
    const ratio = warmStepRatio(g, this.cells, s.probes.length, dtS);
    this.twoRate = ratio >= 2 ? { box: new ColdBox(g, this.cells, s.probes.length), ratio, pieceSteps: ratio } : null;
  }

  /** Sets the probes' boundary conditions (and their positions, after a reposition) for a segment that starts now. */
  beginSegment(seg: Segment): void {
    const epoch = this.model.epochs.find((e) => e.fromSegment === seg.index && e.fromSegment > 0);
    if (epoch) this.switchGeometry(epoch.cells);
    writePhaseOwners(this.kernel.views.owners, this.model.scenario, seg, this.probeSurfaceC(), this.cells.filmScale);
    this.implicit?.reset();
    if (this.twoRate) {
      // New boundary conditions: the cold may move fast again, so the pieces start short.
      this.twoRate.pieceSteps = this.twoRate.ratio;
      this.twoRate.box.reset();
    }
  }

  /**
   * Moves probes: cells the probes leave become tissue at the mean temperature of their
   * tissue neighbours (filled inward, ring by ring), cells they now cover leave the
   * tissue; the enthalpy exchanged is booked in `repositionJ`.
   */
  private switchGeometry(next: CellMap): void {
    const g = this.model.grid;
    const prev = this.cells;
    const t = this.kernel.views.t;
    const vol = (c: number) => g.vol[c % g.NX];
    const kernelH = (c: number) => this.enthalpyJM3(c);
    const fill = new Map<number, number>();
    let pending: number[] = [];
    for (let c = 0; c < next.kind.length; c++) {
      const was = prev.kind[c] === CELL.TISSUE;
      const is = next.kind[c] === CELL.TISSUE;
      if (was && !is) {
        this.repositionJ -= kernelH(c) * vol(c);
        this.kernel.setCellActive(c, null, 0);
      } else if (!was && is) pending.push(c);
    }
    const probeC = this.probeSurfaceC();
    while (pending.length) {
      const rest: number[] = [];
      for (const c of pending) {
        let sum = 0;
        let n = 0;
        const plane = g.NX * g.NY;
        const around = g.NY > 1 ? [c - 1, c + 1, c - g.NX, c + g.NX, c - plane, c + plane] : [c - 1, c + 1, c - plane, c + plane];
        for (const nb of around) {
          if (prev.kind[nb] === CELL.TISSUE && next.kind[nb] === CELL.TISSUE) (sum += t[nb]), n++;
          else if (fill.has(nb)) (sum += fill.get(nb)!), n++;
        }
        if (n > 0) fill.set(c, sum / n);
        else rest.push(c);
      }
      if (rest.length === pending.length) {
        const fallback = Math.min(...probeC.filter(Number.isFinite), this.model.scenario.tissue.initial_c);
        for (const c of rest) fill.set(c, fallback);
        break;
      }
      pending = rest;
    }
    for (const [c, tempC] of fill) {
      const m = next.mat[c];
      const h = enthalpyAt(next.materials[m - 1], tempC);
      this.kernel.setCellActive(c, m, h);
      this.repositionJ += h * vol(c);
    }
    writeLinks(this.kernel.links, next.links, this.kernel.linksByCell);
    this.kernel.setLinkCount(next.links.cell.length);
    this.cells = next;
    this.kernel.exports.updateState();
    this.linkMinC = this.linkSurfaceC(this.kernel.views.t).slice();
    this.baths.start(this.kernel.views.t, this.cells);
    this.planTwoRate();
  }

  /** Absolute enthalpy (J/m³) of a tissue cell. */
  private enthalpyJM3(c: number): number {
    if (this.kernel.f64Views) return this.kernel.f64Views.h[c];
    const m = this.cells.mat[c];
    const p = this.cells.materials[m - 1];
    return this.kernel.views.h[c] + enthalpyAt(p, p.initial_c);
  }

  /**
   * Advances n steps of dtS. Under two-rate stepping, groups of `ratio` steps at the model's
   * time step take the two-rate path, in pieces after each of which the cold box is found
   * anew: pieces start short when the boundary conditions change and double up to
   * TWO_RATE.stepsPerBox while the cold region grows by less than half the box margin per piece.
   */
  advance(n: number, dtS: number): void {
    if (n <= 0) return;
    const e = this.kernel.exports;
    const bathSteps = Math.max(1, Math.floor(this.baths.maxPieceS(this.cells) / dtS));
    for (let done = 0; done < n; ) {
      let piece = Math.min(n - done, this.twoRate?.pieceSteps ?? n, bathSteps);
      const untilKnot = this.followTrace(dtS);
      const cut = untilKnot < piece;
      if (cut) piece = untilKnot;
      const fromS = this.timeS;
      // The f32 kernel's coldest is folded between pieces too (F32_COLDEST): two-rate pieces after a change of the probes are a few steps long.
      if (done > 0) e.updateTmin?.();
      this.holdBaths(piece * dtS);
      this.stepPiece(piece, dtS, cut);
      this.baths.afterPiece(this.timeS - fromS, this.kernel.views.t, this.cells);
      done += piece;
    }
    if (this.traceKnots.length) writeTraceOwners(this.kernel.views.owners, this.model.scenario, this.timeS);
    e.updateTmin?.();
    this.steps += n;
    this.noteColdestSurfaces();
  }

  /**
   * One backward-Euler step of at most maxDtS (the time to the next output or phase
   * boundary), also ending at the next trace point; the bookkeeping matches `advance`.
   */
  advanceImplicit(maxDtS: number): void {
    const g = this.model.grid;
    let limit = maxDtS;
    if (this.traceKnots.length) {
      writeTraceOwners(this.kernel.views.owners, this.model.scenario, this.timeS);
      const untilKnot = this.stepsBeforeTraceChange(1) === Infinity ? Infinity : this.traceKnots[this.nextKnot] - this.timeS;
      if (untilKnot > 1e-9) limit = Math.min(limit, untilKnot);
    }
    limit = Math.min(limit, this.baths.maxPieceS(this.cells));
    this.holdBaths(limit);
    const stepS = this.implicit!.step(this.timeS, limit, this.cells.links.cell.length);
    this.timeS += stepS;
    this.baths.afterPiece(stepS, this.kernel.views.t, this.cells);
    if (this.traceKnots.length) writeTraceOwners(this.kernel.views.owners, this.model.scenario, this.timeS);
    this.steps += 1;
    this.cellUpdates += g.nx * g.ny * g.nz;
    this.noteColdestSurfaces();
  }

  /** Folds the surface temperatures now into each link's and each probe's coldest. */
  private noteColdestSurfaces(): void {
    const linkC = this.linkSurfaceC(this.kernel.views.t);
    const min = this.linkMinC;
    for (let l = 0; l < linkC.length; l++) if (linkC[l] < min[l]) min[l] = linkC[l];
    this.probeSurfaceC(linkC).forEach((t, p) => (this.probeMinC[p] = Math.min(this.probeMinC[p], t)));
  }

  /** Holds the finite baths for a piece of about pieceS; the f64 kernels keep each cell's source, so they are refreshed. */
  private holdBaths(pieceS: number): void {
    if (this.baths.beforePiece(pieceS) && this.precision === 'f64') this.kernel.exports.updateState();
  }

  /**
   * Measured traces: writes each trace probe's linear piece that holds now and returns how many
   * steps of dtS start before the next trace point (Infinity without traces). The kernel takes
   * the probe temperature at each step's start, so every step sees the interpolated trace.
   */
  private followTrace(dtS: number): number {
    if (this.traceKnots.length === 0) return Infinity;
    writeTraceOwners(this.kernel.views.owners, this.model.scenario, this.timeS);
    return this.stepsBeforeTraceChange(dtS);
  }

  /**
   * Steps of dtS that start before the next point of a probe's trace (Infinity without one):
   * the run loop ends its chunks there, so pieces are not cut in two inside a chunk.
   */
  stepsBeforeTraceChange(dtS: number): number {
    const knots = this.traceKnots;
    // Time only moves forward: the next knot is found from where the last search ended.
    while (this.nextKnot < knots.length && knots[this.nextKnot] <= this.timeS + 1e-9) this.nextKnot++;
    if (this.nextKnot === knots.length) return Infinity;
    return Math.max(1, Math.ceil((knots[this.nextKnot] - this.timeS) / dtS - 1e-9));
  }

  /** `cut`: the piece was shortened to end at a trace point; its growth says nothing about longer pieces. */
  private stepPiece(n: number, dtS: number, cut = false): void {
    const g = this.model.grid;
    const cells = g.nx * g.ny * g.nz;
    const e = this.kernel.exports;
    const plan = this.twoRate;
    let single = n;
    this.lastBox = null;
    if (plan && dtS === this.model.dtS && n >= plan.ratio) {
      const fix = plan.box.find(this.kernel.views.t, this.kernel.views.owners);
      this.twoRateEscapes += fix.escaped;
      const short = fix.growthCells * 2 > TWO_RATE.marginCells;
      if (short) plan.pieceSteps = Math.max(plan.ratio, plan.pieceSteps / 2);
      else if (!cut) plan.pieceSteps = Math.min(TWO_RATE.stepsPerBox, plan.pieceSteps * 2);
      const box = fix.box;
      this.lastBox = box;
      if (box) {
        const macro = Math.floor(n / plan.ratio);
        e.setBox!(box.i0, box.i1, box.j0, box.j1, box.k0, box.k1);
        this.inFoldedRuns(macro, Math.max(1, Math.floor(F32_COLDEST.fold_every_steps.value / plan.ratio)), (k) => {
          this.timeS = e.stepTwoRate!(k, plan.ratio, this.timeS, dtS);
        });
        single = n - macro * plan.ratio;
        const boxCells = Math.max(0, Math.min(box.i1, g.nx + 1) - box.i0) * (box.j1 - box.j0) * (box.k1 - box.k0);
        this.cellUpdates += macro * (plan.ratio * boxCells + (cells - boxCells));
      }
    }
    this.inFoldedRuns(single, F32_COLDEST.fold_every_steps.value, (k) => {
      this.timeS = e.step(k, this.timeS, dtS);
    });
    this.cellUpdates += single * cells;
  }

  /**
   * Takes `count` kernel steps (or two-rate macro steps) through `stepRun` in runs of at most
   * `every`, folding each cell's coldest between runs (F32_COLDEST). Only the f32 kernel needs
   * it: the f64 kernel folds at every step, so it takes them in one run.
   */
  private inFoldedRuns(count: number, every: number, stepRun: (steps: number) => void): void {
    const fold = this.kernel.exports.updateTmin;
    const run = fold ? every : count;
    for (let done = 0; done < count; done += run) {
      if (done > 0) fold!();
      stepRun(Math.min(run, count - done));
    }
  }

  /** Surface temperature at each boundary link, from the cell temperatures `t` and the owners' state: the film of boundary-links.ts applyLinks (tests/kernel/link-film.test.ts). */
  private linkSurfaceC(t: Float64Array | Float32Array): Float64Array {
    const n = this.cells.links.cell.length;
    if (this.linkScratch.length !== n) this.linkScratch = new Float64Array(n);
    const out = this.linkScratch;
    for (let l = 0; l < out.length; l++) out[l] = this.linkSurfaceAt(l, t);
    return out;
  }

  private linkSurfaceAt(l: number, t: Float64Array | Float32Array): number {
    const L = this.cells.links;
    const v = this.kernel.views;
    const c = L.cell[l];
    const r = L.owner[l] * OWN_STRIDE;
    const mode = v.owners[r + OWN.MODE];
    const tc = t[c];
    const kc = v.k[c];
    let ts = tc;
    if (L.aT[l] > 0) {
      if (mode === OWNER_MODE.TEMPERATURE) ts = tc + ((v.owners[r + OWN.TREF] - tc) * L.s[l]) / (v.owners[r + OWN.INV_H] * kc + L.s[l]);
      else if (mode === OWNER_MODE.LINE_POWER) ts = tc + ((L.aQ[l] * v.owners[r + OWN.Q]) / L.aT[l]) * (L.s[l] / kc);
    }
    return ts;
  }

  /** Mean surface temperature of each probe, area-weighted over its boundary links. */
  probeSurfaceC(linkC = this.linkSurfaceC(this.kernel.views.t)): number[] {
    const L = this.cells.links;
    return this.model.scenario.probes.map((_, p) => {
      const owner = probeOwner(p);
      let sum = 0;
      let wsum = 0;
      for (let l = 0; l < L.cell.length; l++) {
        if (L.owner[l] !== owner) continue;
        const w = L.aT[l] > 0 ? L.aT[l] * L.vol[l] : L.aQ[l] * L.vol[l];
        sum += w * linkC[l];
        wsum += w;
      }
      return wsum > 0 ? sum / wsum : NaN;
    });
  }

  /**
   * Current temperatures (or each cell's coldest so far) on the interior grid. Solid cells
   * next to tissue hold ghost values — the line from the tissue cell through the surface
   * temperature, extended to the solid cell's centre — so interpolating between them and
   * tissue follows the profile right up to the surface. Deeper probe cells hold the probe's
   * surface temperature, vessel cells blood temperature, the shaft NaN (not tissue).
   * The whole field (no `region`) also carries `sideC`: a ghost cell is at or below a level
   * only when its surface is (the mean of its links' surface temperatures), so no isotherm
   * appears inside a probe whose surface has not reached it. The coldest field takes each
   * link's coldest surface temperature, and its ghosts lie on the line through the coldest
   * tissue and coldest surface temperatures.
   * The whole current field (no `region`, no `into`) is written into arrays this simulation
   * reuses: it holds until the next such call, so a caller that keeps it copies it. A region read
   * into the caller's `into` writes the region's cells only and leaves the rest as they are.
   */
  field(which: 'current' | 'coldest' = 'current', region?: CellRange, into?: Float64Array): Field {
    const { grid: g, scenario: s } = this.model;
    const cells = this.cells;
    const v = this.kernel.views;
    const coldest = which === 'coldest';
    const src = coldest ? v.tmin : v.t;
    const r = region ?? { iMin: 0, iMax: g.nx - 1, jMin: 0, jMax: g.ny - 1, kMin: 0, kMax: g.nz - 1 };
    // Ghosts of the solid cells in the region only, each the mean over its links in link order.
    const n = g.NX * g.NY * g.NZ;
    if (!this.ghostSum || this.ghostSum.length !== n) {
      this.ghostSum = new Float64Array(n);
      this.ghostSurfaceSum = new Float64Array(n);
      this.ghostCount = new Uint16Array(n);
    }
    const ghostSum = this.ghostSum;
    const surfaceSum = this.ghostSurfaceSum!;
    const ghostCount = this.ghostCount!;
    const L = cells.links;
    const plane = g.NX * g.NY;
    for (let l = 0; l < L.cell.length; l++) if (L.solid[l] >= 0) (ghostSum[L.solid[l]] = 0), (surfaceSum[L.solid[l]] = 0), (ghostCount[L.solid[l]] = 0);
    for (let l = 0; l < L.cell.length; l++) {
      const solid = L.solid[l];
      if (solid < 0) continue;
      if (region) {
        const K = Math.floor(solid / plane);
        const rest = solid - K * plane;
        const J = Math.floor(rest / g.NX);
        const i = rest - J * g.NX - 1;
        const j = g.NY > 1 ? J - 1 : J;
        const k = K - 1;
        if (i < r.iMin || i > r.iMax || j < r.jMin || j > r.jMax || k < r.kMin || k > r.kMax) continue;
      }
      const tc = src[L.cell[l]];
      const surface = coldest ? this.linkMinC[l] : this.linkSurfaceAt(l, src);
      ghostSum[solid] += tc + ((surface - tc) * g.spacingM) / L.sGeom[l];
      surfaceSum[solid] += surface;
      ghostCount[solid] += 1;
    }
    // The probes' surface temperatures (a pass over every link) only when a deep probe cell is read.
    let probeC: number[] | null = coldest ? this.probeMinC : null;
    const size = g.nx * g.ny * g.nz;
    const reuse = !coldest && !region && !into;
    if (reuse && this.fieldValues.length !== size) (this.fieldValues = new Float64Array(size)), (this.fieldSides = new Float64Array(size));
    const values = into ?? (reuse ? this.fieldValues : new Float64Array(size));
    const sideC = region ? null : reuse ? this.fieldSides : new Float64Array(size);
    if (region && !into) values.fill(NaN);
    // One g.index call per row, not per cell: it is a closure, and this loop runs at every output.
    const { nx, ny } = g;
    const kinds = cells.kind;
    for (let k = r.kMin; k <= r.kMax; k++) {
      for (let j = r.jMin; j <= r.jMax; j++) {
        const rowPad = g.index(0, k, j);
        const rowAt = nx * (j + ny * k);
        for (let i = r.iMin; i <= r.iMax; i++) {
          const c = rowPad + i;
          const kind = kinds[c];
          const at = rowAt + i;
          let t: number;
          let side = NaN;
          if (kind === CELL.TISSUE) t = src[c];
          else if (ghostCount[c] > 0) (t = ghostSum[c] / ghostCount[c]), (side = surfaceSum[c] / ghostCount[c]);
          else if (kind === CELL.PROBE) t = (probeC ??= this.probeSurfaceC())[cells.solidOwner[c] - probeOwner(0)];
          else if (kind === CELL.VESSEL) t = s.vessels[cells.solidOwner[c] - vesselOwner(s, 0)].blood_c;
          else t = NaN;
          values[at] = t;
          if (sideC) sideC[at] = Number.isNaN(side) ? t : side;
        }
      }
    }
    return { nx: g.nx, ny: g.ny, nz: g.nz, spacingMm: g.spacingMm, x0Mm: g.x0Mm, y0Mm: g.y0Mm, values, ...(sideC ? { sideC } : {}) };
  }

  /** Skin-surface temperatures along the top row (°C), from the skin boundary condition. */
  skinSurfaceC(): number[] {
    const { grid: g, scenario: s } = this.model;
    const cells = this.cells;
    const v = this.kernel.views;
    const out: number[] = [];
    const half = g.spacingM / 2;
    for (let j = 0; j < g.ny; j++) {
      for (let i = 0; i < g.nx; i++) {
        const c = g.index(i, 0, j);
        if (cells.kind[c] !== CELL.TISSUE) continue;
        const tc = v.t[c];
        const skin = s.skin;
        if (skin.boundary === 'temperature') out.push(skin.temperature_c);
        else if (skin.boundary === 'insulated') out.push(tc);
        else {
          const g1 = v.k[c] / half;
          out.push((skin.h_w_m2k * skin.ambient_c + g1 * tc) / (skin.h_w_m2k + g1));
        }
      }
    }
    return out;
  }

  /** Energy counters; null where the kernel does not keep them (f32 does not sum perfusion heat). */
  energy(): { enthalpy: number; boundary: number; sources: number; reposition: number } | null {
    const e = this.kernel.exports;
    if (!e.totalEnthalpy || !e.getSourceEnergy) return null;
    // A finite bath is part of the system: its enthalpy joins the medium's, and the heat it gave
    // the medium (inside the kernel's sources) becomes internal; the room's heat comes in from outside.
    const bath = this.baths.energy();
    return {
      enthalpy: e.totalEnthalpy() + bath.enthalpyChangeJ,
      boundary: e.getBoundaryEnergy(),
      sources: e.getSourceEnergy() - bath.givenJ + bath.roomJ,
      reposition: this.repositionJ,
    };
  }
}

function sizesOf(model: CompiledModel) {
  const { grid: g, cells, scenario: s } = model;
  const links = Math.max(...model.epochs.map((e) => e.cells.links.cell.length));
  return { nx: g.NX, ny: g.NY, nz: g.NZ, materials: cells.materials.length + 1, links, owners: ownerCount(s), frozenNodes: frozenTableStarts(cells.frozen).nodes };
}

/**
 * Copies the links into the kernel's arrays, optionally sorted by cell. The sort is stable:
 * a cell's links keep their order, so their heat is added to it in the same order (and
 * rounded the same way) as unsorted.
 */
function writeLinks(v: LinkViews, L: Links, byCell = false) {
  if (!byCell) {
    v.linkCell.set(L.cell);
    v.linkOwner.set(L.owner);
    v.linkAT.set(L.aT);
    v.linkS.set(L.s);
    v.linkAQ.set(L.aQ);
    v.linkVol.set(L.vol);
    return;
  }
  const order = Array.from(L.cell, (_, i) => i).sort((a, b) => L.cell[a] - L.cell[b] || a - b);
  order.forEach((from, to) => {
    v.linkCell[to] = L.cell[from];
    v.linkOwner[to] = L.owner[from];
    v.linkAT[to] = L.aT[from];
    v.linkS[to] = L.s[from];
    v.linkAQ[to] = L.aQ[from];
    v.linkVol[to] = L.vol[from];
  });
}

/** The f64 reference kernel: material per cell, absolute enthalpy. */
function loadF64(module: WebAssembly.Module, model: CompiledModel, workBytes = 0): LiveKernel {
  const { grid: g, cells } = model;
  const k = instantiateKernel(module, { ...sizesOf(model), workBytes });
  const v = k.views;
  v.mat.set(cells.mat);
  v.gE.set(g.gE);
  v.gW.set(g.gW);
  v.vol.set(g.vol);
  fillMaterialTable(v.matTable, cells.materials, cells.frozen, v.frozenTable, k.frozenTableOffset);
  writeLinks(v, cells.links);
  k.setLinkCount(cells.links.cell.length);
  for (let c = 0; c < v.h.length; c++) {
    const m = cells.mat[c];
    v.h[c] = m === 0 ? 0 : enthalpyAt(cells.materials[m - 1], cells.materials[m - 1].initial_c);
  }
  v.tmin.fill(Infinity);
  const setCellActive = (c: number, m: number | null, h: number) => {
    v.mat[c] = m ?? 0;
    if (m !== null) v.h[c] = h;
  };
  const setBathC = (m: number, tempC: number) => {
    const p = cells.materials[m];
    v.matTable[(m + 1) * MAT_STRIDE + MAT.QM] = p.metabolic_w_m3 + p.bath_exchange_w_m3k * (tempC - p.arterial_c);
  };
  return { ...k, f64Views: v, links: v, setCellActive, setBathC };
}

/** The f32 SIMD kernel: material per row, enthalpy relative to each material's initial state. */
function loadF32(module: WebAssembly.Module, model: CompiledModel, threads = 1, k = instantiateSimdKernel(module, sizesOf(model), threads)): LiveKernel {
  const { grid: g, cells, scenario: s } = model;
  const v = k.views;
  v.gE.set(g.gE);
  v.gW.set(g.gW);
  cells.materials.forEach((p, m) => writeRowConstants(v.rowTable, m, p));
  writeFrozenNodes(v.rowTable, v.frozenTable, k.frozenTableOffset, cells.frozen);
  const materials = materialsOf(s);
  for (let K = 0; K < g.NZ; K++) v.rowMat[K] = K >= 1 && K <= g.nz ? materials.at(g.zMm(K - 1)) : 0;
  for (let c = 0; c < g.NX * g.NY * g.NZ; c++) v.act[c] = cells.kind[c] === CELL.TISSUE ? 1 : 0;
  writeLinks(v, cells.links, threads > 1);
  k.setLinkCount(cells.links.cell.length);
  v.h.fill(0);
  v.tmin.fill(Infinity);
  k.exports.setStasis(cells.materials.some((p) => p.perfusion_after_thaw === 'stasis') ? 1 : 0);
  const setCellActive = (c: number, m: number | null, h: number) => {
    v.act[c] = m === null ? 0 : 1;
    if (m === null) return;
    const p = cells.materials[m - 1];
    v.h[c] = h - enthalpyAt(p, p.initial_c);
  };
  const setBathC = (m: number, tempC: number) => {
    v.rowTable[m * ROW_STRIDE + ROW.WTAQ] = sourceAtZeroC({ ...cells.materials[m], bath_c: tempC });
  };
  return { ...k, links: v, setCellActive, setBathC, linksByCell: threads > 1 };
}

/**
 * The shared-memory build of the f32 kernel, stepped by `team`: set up exactly as loadF32
 * (thread 0's instance), then each chunk runs on every thread. The helpers join at the
 * first chunk, once the host has made every configuration call they replay.
 */
function loadF32Team(team: ThreadTeam, model: CompiledModel): LiveKernel {
  const k = instantiateSimdKernel(team.module, sizesOf(model), team.threads, team.memory);
  const shared = { exports: k.exports as SharedSimdKernelExports, memory: k.memory, calls: k.calls, team: k.team! };
  const live = loadF32(team.module, model, team.threads, k);
  let links = model.cells.links.cell.length;
  let stepper: TeamStepper | null = null;
  let box: TwoRateChunk['box'] = [1, 1, 1, 1, 1, 1];
  return {
    ...live,
    exports: {
      ...live.exports,
      step: (n, timeS, dtS) => (stepper ??= team.attach(shared))(n, timeS, dtS, links),
      // The box goes to every thread with the chunk (the team block), not to thread 0's instance alone.
      setBox: (...b) => void (box = b),
      stepTwoRate: (n, ratio, timeS, dtS) => (stepper ??= team.attach(shared))(n, timeS, dtS, links, { ratio, box }),
      getBoundaryEnergy: () => team.boundaryEnergy(shared),
      resetEnergy: () => team.resetEnergy(shared),
    },
    setLinkCount: (n) => {
      links = n;
      live.setLinkCount(n);
    },
  };
}

function writeRowConstants(table: Float64Array, m: number, p: TissueProps): void {
  const r = m * ROW_STRIDE;
  const cm = mushyCapacity(p);
  const hLiq = cm * (p.liquidus_c - p.solidus_c);
  const h0 = enthalpyAt(p, p.initial_c);
  const cf = cFrozenAtSolidus(p);
  const kf = kFrozenAtSolidus(p);
  table[r + ROW.CF0] = p.solidus_c + h0 / cf;
  table[r + ROW.CM0] = p.solidus_c + h0 / cm;
  table[r + ROW.CU0] = p.liquidus_c + (h0 - hLiq) / p.c_unfrozen_j_m3k;
  table[r + ROW.INV_CF] = 1 / cf;
  table[r + ROW.INV_CM] = 1 / cm;
  table[r + ROW.INV_CU] = 1 / p.c_unfrozen_j_m3k;
  table[r + ROW.HSOL] = -h0;
  table[r + ROW.HLIQ] = hLiq - h0;
  table[r + ROW.FL0] = h0 / hLiq;
  table[r + ROW.INV_HLIQ] = 1 / hLiq;
  table[r + ROW.KF] = kf;
  table[r + ROW.DK] = p.k_unfrozen_w_mk - kf;
  table[r + ROW.W] = sinkPerKelvin(p);
  table[r + ROW.WTAQ] = sourceAtZeroC(p);
  table[r + ROW.STASIS] = p.perfusion_after_thaw === 'stasis' ? 1 : 0;
}

/**
 * The SIMD kernel's tabulated frozen branches: per node T_j, k_j and the differences to the next
 * node (the last node repeats its values), and each material row's pointer, node count and 1/ΔH.
 */
function writeFrozenNodes(rowTable: Float64Array, nodes: Float32Array, offsetBytes: number, tables: readonly (FrozenTable | null)[]): void {
  const { starts } = frozenTableStarts(tables);
  tables.forEach((tab, m) => {
    if (!tab) return;
    const n = tab.t.length;
    for (let j = 0; j < n; j++) {
      const q = 4 * (starts[m] + j);
      const next = Math.min(j + 1, n - 1);
      nodes[q] = tab.t[j];
      nodes[q + 1] = tab.k[j];
      nodes[q + 2] = tab.t[next] - tab.t[j];
      nodes[q + 3] = tab.k[next] - tab.k[j];
    }
    const r = m * ROW_STRIDE;
    rowTable[r + ROW.TAB] = offsetBytes + starts[m] * FROZEN_NODE_BYTES;
    rowTable[r + ROW.TAB_N] = n;
    rowTable[r + ROW.TAB_INV_DH] = 1 / tab.dH;
  });
}
