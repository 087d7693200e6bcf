/**
 * Host side of the large-time-step integrator (variable-step BDF2 with a backward-Euler start):
 * wires the implicit module (wasm/assembly/implicit.ts, a superset of the f64 reference kernel)
 * to the arrays the reference host already lays out, chooses each step's length from a local
 * error estimate on the enthalpy over per-cell tolerances, takes a step again shorter when the
 * estimate is well above them
 * (docs/method.md §5c), and decides what "auto" runs. The run loop bounds every step by the next
 * output time, phase boundary and trace point, and checks cancellation between steps as on the
 * explicit path.
 */
import type { KernelViews } from '../../wasm/kernel-host.ts';
import { IMPLICIT, MAX_RUN_BYTES } from '../../scenarios/presets.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { runBytes } from '../../scenarios/validate-budget.ts';
import type { CompiledModel } from './compile.ts';
import { DEFAULT_PRECISION, type KernelSet } from './kernel-set.ts';
import { OWNER_SKIN, ownerCount } from './boundaries.ts';
import { traceKnotsS } from './probe-schedule.ts';

/** What the implicit module exports on top of the f64 kernel. */
export interface ImplicitExports {
  implicitWorkBytes(cells: number): number;
  implicitSetup(
    nx: number, ny: number, nz: number, idx2: number, idy2: number, idz2: number,
    h: number, t: number, k: number, pa: number, pb: number, mat: number, frozen: number,
    gE: number, gW: number, vol: number, matTable: number,
    linkCell: number, linkOwner: number, linkAT: number, linkS: number, linkAQ: number, owners: number,
    work: number,
  ): void;
  implicitSolve(timeS: number, dtS: number, dtPrevS: number, nLinks: number, tolK: number, linTol: number, maxNewton: number): number;
  implicitErrorRatio(
    dtS: number, dtPrevS: number, dtPrev2S: number, nLinks: number, tightLo: number, tightHi: number,
    readTolK: number, posTolCells: number, minTolK: number, maxTolK: number, freezeKinkRelax: number,
  ): number;
  implicitAccept(timeS: number, dtS: number): void;
  implicitReject(): void;
  implicitForget(): void;
  /** 0.9·(1/ratio)^(1/(order+1)), in wasm so that every engine takes the same steps */
  implicitStepFactor(ratio: number, order: number): number;
  getLinearIterations(): number;
  getNewtonIterations(): number;
  getMismatchK(): number;
  resetImplicitCounters(): void;
}

export type Integrator = 'explicit' | 'implicit';

/** f64 arrays per cell in the implicit module's work area (implicit.ts OWN_ARRAYS + implicit-linear.ts LINEAR_ARRAYS). */
const IMPLICIT_WORK_ARRAYS = 20;

/** What the step model reads of a compiled run: the scenario, its protocol segments and the spacing, none of the grid's cells. */
export type StepModelInput = Pick<CompiledModel, 'scenario' | 'segments' | 'totalS'> & { grid: Pick<CompiledModel['grid'], 'spacingMm'> };

/**
 * Implicit steps a run is predicted to take (docs/method.md §5c "When auto takes it"). Every
 * protocol segment restarts the step at the explicit limit, and after a step change of its
 * boundaries the error-controlled step grows about in proportion to the time since (the
 * solution is self-similar, dt ∝ t), so a segment of length d takes about b·ln(1 + d/τ) steps
 * (IMPLICIT.autoStepsPerLn, autoSegmentTauS: a least-squares fit to the built-in
 * comparison at 0.5 mm); below errorTolSpacingMm the tolerances shrink with the spacing and the
 * steps grow as h^−autoStepsSpacingExponent (measured 0.63–1.22 from 0.5 to 0.25 mm). A
 * measured trace moves the probe surface all the time: its run lands on every knot and holds
 * the surface-linked cells to their tolerance between them, IMPLICIT.autoStepsPerKnot steps each.
 * A narrow mushy range (phantoms: water, saline, gels, ~0.5–1 K against tissue's 7 K) holds the
 * step at its sharp latent-heat kink: the segment steps grow as (7 K / width)^0.39
 * (IMPLICIT.autoMushyRefK, autoMushyExponent), using the narrowest range of any tissue or layer.
 * (The knot term was fitted on the saline bench, whose range is already 1 K.)
 */
export function predictedImplicitSteps(model: StepModelInput): number {
  const m = stepModel(model);
  const perSegments = model.segments.reduce((n, seg) => n + segmentSteps(m, seg.endS - seg.startS), 0);
  return (perSegments + m.knotsS.length * IMPLICIT.autoStepsPerKnot) * m.refinement;
}

/** Steps the model gives a protocol segment of `durationS`, before refinement: b·ln(1 + d/τ), times the narrow-mushy-range factor. */
function segmentSteps(m: { mushy: number }, durationS: number): number {
  return m.mushy * IMPLICIT.autoStepsPerLn * Math.log(1 + durationS / IMPLICIT.autoSegmentTauS);
}

/** The terms of the step model (predictedImplicitSteps): the narrow-mushy-range factor on the segment steps, the trace knots inside the run, and the refinement factor. */
function stepModel(model: StepModelInput): { mushy: number; knotsS: number[]; refinement: number } {
  const s = model.scenario;
  const narrowestK = Math.min(...[s.tissue, ...s.layers.map((l) => l.tissue)].map((t) => t.liquidus_c - t.solidus_c));
  const mushy = (IMPLICIT.autoMushyRefK / Math.min(IMPLICIT.autoMushyRefK, narrowestK)) ** IMPLICIT.autoMushyExponent;
  return {
    mushy,
    knotsS: traceKnotsS(s).filter((t) => t > 0 && t < model.totalS),
    refinement: (IMPLICIT.errorTolSpacingMm / Math.min(IMPLICIT.errorTolSpacingMm, model.grid.spacingMm)) ** IMPLICIT.autoStepsSpacingExponent,
  };
}

/**
 * The share of an implicit run's work done by simulated time `timeS`, for its progress estimate:
 * the steps bunch where the probes change (the first seconds of each segment take as many steps
 * as the minutes after), so the simulated time alone would put the time left several times too
 * high early in a segment and too low late in one.
 */
export function implicitWorkFraction(model: CompiledModel, timeS: number): number {
  if (timeS >= model.totalS) return 1;
  const m = stepModel(model);
  const tauS = IMPLICIT.autoSegmentTauS;
  // A set point reached along a ramp (a temperature surface's cooldown_s) spreads the segment's
  // steps over the ramp: its share still follows the age, on the ramp's time scale.
  const rampS = Math.max(0, ...model.scenario.probes.map((p) => (p.surface.model === 'temperature' ? p.surface.cooldown_s : 0)));
  let done = 0;
  let total = 0;
  for (const seg of model.segments) {
    const d = seg.endS - seg.startS;
    const steps = segmentSteps(m, d);
    const scaleS = seg.phase.phase === 'freeze' ? Math.max(tauS, rampS) : tauS;
    const age = Math.min(d, Math.max(0, timeS - seg.startS));
    total += steps;
    done += (steps * Math.log(1 + age / scaleS)) / Math.log(1 + d / scaleS);
  }
  total += m.knotsS.length * IMPLICIT.autoStepsPerKnot;
  done += m.knotsS.filter((t) => t < timeS).length * IMPLICIT.autoStepsPerKnot;
  return total > 0 ? Math.min(1, done / total) : timeS / model.totalS;
}

/**
 * The integrator a scenario runs with; "auto", the default, takes the implicit step when it is
 * predicted faster: the explicit run costs its step count (model.totalS / model.dtS) times the
 * cost of one explicit step of the requested precision; the implicit run costs
 * predictedImplicitSteps times IMPLICIT.autoStepCost[precision] explicit steps (measured, same
 * grid, one thread each). Both scale with the cell count, so the rule compares step counts only.
 * It reads the scenario alone, never the threads a caller offers, so a run gives the same result
 * in the browser, the CLI and a sweep (an f32 grid split is bit-identical to one thread). It stays
 * explicit when a dt_s is fixed, when the implicit module is not loaded, in 3D, when the implicit
 * work area would not fit the per-run memory limit, and for short runs (fewer than
 * IMPLICIT.autoMinExplicitSteps explicit steps), whose cost is start-up rather than stepping.
 */
export function chooseIntegrator(s: Scenario, kernels: WebAssembly.Module | KernelSet, model: CompiledModel): Integrator {
  const wanted = s.solver.integrator ?? 'auto';
  if (wanted === 'explicit') return 'explicit';
  const available = !(kernels instanceof WebAssembly.Module) && kernels.implicit !== undefined;
  if (wanted === 'implicit') {
    if (!available) throw new Error('solver.integrator "implicit" needs the implicit kernel (wasm/build/implicit.wasm); build it with: npm run build:wasm');
    return 'implicit';
  }
  if (!available) return 'explicit';
  return autoIntegrator(s, model.totalS / model.dtS, () => predictedImplicitSteps(model));
}

/**
 * The rule of "auto" on a run's explicit step count and its predicted implicit steps (asked only
 * when it comes to comparing them), with the implicit module available: chooseIntegrator on the
 * compiled model, and run-cost.ts on the scenario alone.
 */
export function autoIntegrator(s: Scenario, explicitSteps: number, implicitSteps: () => number): Integrator {
  // In 3D it stays explicit: the prediction is fitted on axisymmetric runs, and issue 12's 3D goal
  // scene took 1093 implicit steps at 0.5 mm where it predicts 408 (1.54× the f32 kernel's CPU).
  if (s.solver.dt_s !== undefined || s.geometry.mode === '3d') return 'explicit';
  if (runBytes(s, 'implicit') > MAX_RUN_BYTES) return 'explicit';
  if (explicitSteps < IMPLICIT.autoMinExplicitSteps) return 'explicit';
  return implicitStepCost(s, implicitSteps()) < explicitSteps ? 'implicit' : 'explicit';
}

/** Implicit steps in explicit steps of the requested precision (IMPLICIT.autoStepCost): what "auto" weighs. */
export function implicitStepCost(s: Scenario, implicitSteps: number): number {
  return implicitSteps * IMPLICIT.autoStepCost[s.solver.precision ?? DEFAULT_PRECISION];
}

/** Bytes of work area the implicit step needs for a model's grid. */
export function implicitWorkBytes(module: WebAssembly.Module, model: CompiledModel): number {
  const g = model.grid;
  const cells = g.NX * g.NY * g.NZ;
  // Same formula as implicit.ts implicitWorkBytes (checked at setup against the module's own).
  return cells * IMPLICIT_WORK_ARRAYS * 8 + 16 * 16;
}

/**
 * The implicit step could not be made to converge however short: the run cannot go on
 * implicitly. Under "auto" the run starts again on the explicit reference (run.ts).
 */
export class ImplicitStepFailure extends Error {
  constructor(readonly timeS: number) {
    super(`implicit step failed to converge at t = ${timeS.toFixed(3)} s; run with solver.integrator "explicit"`);
    this.name = 'ImplicitStepFailure';
  }
}

/** Chooses step lengths and takes BDF2 (backward Euler without history) steps on one live kernel. */
export class ImplicitStepper {
  private readonly e: ImplicitExports;
  private readonly dtStartS: number;
  /** the error ratio's tolerances (implicit.ts implicitErrorRatio), scaled to the grid */
  private readonly tol: { readK: number; posCells: number; minK: number; maxK: number; tightLo: number; tightHi: number };
  private dtNextS: number;
  /** length of the previous accepted step (0: no history, e.g. just after a phase boundary) */
  private dtPrevS = 0;
  /** length of the step before it (0: none) */
  private dtPrev2S = 0;
  /** accepted steps, steps retried shorter (Newton did not converge, or the error estimate was above tolerance), and the time they covered */
  accepted = 0;
  retried = 0;
  coveredS = 0;
  /** largest accepted error ratio (estimate over tolerance) and largest T(H) − T_solved mismatch seen (kelvin) */
  worstErrorRatio = 0;
  worstMismatchK = 0;

  constructor(exports: unknown, views: KernelViews, workOffset: number, model: CompiledModel) {
    this.e = exports as ImplicitExports;
    const g = model.grid;
    const cells = g.NX * g.NY * g.NZ;
    if (this.e.implicitWorkBytes(cells) !== cells * IMPLICIT_WORK_ARRAYS * 8 + 16 * 16) throw new Error('implicit kernel and host disagree on the work area; rebuild with: npm run build:wasm');
    const inv2 = 1 / (g.spacingM * g.spacingM);
    const v = views;
    this.e.implicitSetup(
      g.NX, g.NY, g.NZ, inv2, g.NY > 1 ? inv2 : 0, inv2,
      v.h.byteOffset, v.t.byteOffset, v.k.byteOffset, v.pa.byteOffset, v.pb.byteOffset, v.mat.byteOffset, v.frozen.byteOffset,
      v.gE.byteOffset, v.gW.byteOffset, v.vol.byteOffset, v.matTable.byteOffset,
      v.linkCell.byteOffset, v.linkOwner.byteOffset, v.linkAT.byteOffset, v.linkS.byteOffset, v.linkAQ.byteOffset, v.owners.byteOffset,
      workOffset,
    );
    this.dtStartS = IMPLICIT.startStepsExplicit * model.dtLimitS;
    // The accuracy asked for is absolute (0.1 mm, 0.5 °C), but refining the grid should shrink the
    // whole error: below errorTolSpacingMm the tolerances fall in proportion to the spacing.
    const scale = Math.min(1, g.spacingMm / IMPLICIT.errorTolSpacingMm);
    this.tol = {
      readK: IMPLICIT.readTolK * scale, posCells: (IMPLICIT.posTolMm * scale) / g.spacingMm,
      minK: IMPLICIT.minTolK * scale, maxK: IMPLICIT.maxTolK * scale,
      // Every boundary link: probe and vessel surfaces (probe readings, the coldest isotherms), the
      // skin (its minimum is a reading, and a step change there is the sharpest transient a run has)
      // and the far field (barely changing: it costs nothing).
      tightLo: OWNER_SKIN, tightHi: ownerCount(model.scenario),
    };
    this.dtNextS = this.dtStartS;
  }

  /** Boundary conditions or geometry changed: the next step starts short, as backward Euler, with no history. */
  reset(): void {
    this.dtPrevS = 0;
    this.dtPrev2S = 0;
    this.dtNextS = this.dtStartS;
    this.e.implicitForget();
  }

  /**
   * Takes one step from timeS of at most maxDtS (the time to the next event) and returns its
   * length: backward Euler without history, BDF2 with it. The step avoids leaving a sliver
   * before the event: within 1.25 planned steps of it, it goes all the way; within 2, half way.
   */
  step(timeS: number, maxDtS: number, nLinks: number): number {
    let dt = this.dtNextS;
    // Variable-step BDF2 is zero-stable only for step ratios below 1 + √2.
    if (this.dtPrevS > 0) dt = Math.min(dt, IMPLICIT.maxStepRatio * this.dtPrevS);
    if (maxDtS <= 1.25 * dt) dt = maxDtS;
    else if (maxDtS < 2 * dt) dt = maxDtS / 2;
    // The estimate grows as dt² after a first-order step and as dt³ after a BDF2 step.
    const order = this.dtPrevS > 0 && this.dtPrev2S > 0 ? 2 : 1;
    let ratio = 0;
    let shortened = false;
    for (;;) {
      const it = this.e.implicitSolve(timeS, dt, this.dtPrevS, nLinks, IMPLICIT.newtonTolK, IMPLICIT.linearRelTol, IMPLICIT.maxNewton);
      if (it < 0) {
        this.retried++;
        shortened = true;
        dt /= 4;
      } else {
        const t = this.tol;
        ratio = this.e.implicitErrorRatio(dt, this.dtPrevS, this.dtPrev2S, nLinks, t.tightLo, t.tightHi, t.readK, t.posCells, t.minK, t.maxK, IMPLICIT.freezeKinkRelax);
        // A step whose estimate exceeds rejectAbove × its tolerance is taken again shorter (a
        // sudden change at a thaw, a ramp's corner): the error is not committed, then corrected.
        if (ratio <= IMPLICIT.rejectAbove || dt <= this.dtStartS) break;
        this.e.implicitReject();
        this.retried++;
        shortened = true;
        dt *= Math.max(IMPLICIT.minShrink, this.e.implicitStepFactor(ratio, order));
        dt = Math.max(dt, this.dtStartS);
      }
      if (dt < 1e-6 * this.dtStartS) throw new ImplicitStepFailure(timeS);
    }
    this.e.implicitAccept(timeS, dt);
    this.worstErrorRatio = Math.max(this.worstErrorRatio, ratio);
    this.worstMismatchK = Math.max(this.worstMismatchK, this.e.getMismatchK());
    const factor = ratio > 0 ? Math.min(IMPLICIT.maxGrowth, Math.max(IMPLICIT.minShrink, this.e.implicitStepFactor(ratio, order))) : IMPLICIT.maxGrowth;
    // A step cut short by an event says nothing against the planned length; one cut by a retry does.
    this.dtNextS = Math.min(IMPLICIT.maxDtS, factor >= 1 && !shortened ? Math.max(this.dtNextS, dt * factor) : dt * factor);
    this.dtPrev2S = this.dtPrevS;
    this.dtPrevS = dt;
    this.accepted++;
    this.coveredS += dt;
    return dt;
  }

  /** What the result's solver block reports about the implicit run. */
  summary(): { mean_dt_s: number; linear_iterations: number; newton_iterations: number; retried_steps: number } {
    return {
      mean_dt_s: this.accepted ? this.coveredS / this.accepted : 0,
      linear_iterations: this.e.getLinearIterations(),
      newton_iterations: this.e.getNewtonIterations(),
      retried_steps: this.retried,
    };
  }
}
