/**
 * Host side of the large-time-step (backward Euler) integrator: wires the implicit module
 * (wasm/assembly/implicit.ts, a superset of the f64 reference kernel) to the arrays the
 * reference host already lays out, and chooses each step's length from a local error
 * estimate (docs/method.md §5b). The run loop bounds every step by the next output time,
 * phase boundary and trace point, and checks cancellation between steps as on the explicit path.
 */
import type { KernelViews } from '../../wasm/kernel-host.ts';
import { IMPLICIT } from '../../scenarios/presets.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import type { CompiledModel } from './compile.ts';
import type { KernelSet } from './kernel-set.ts';

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
  implicitStep(timeS: number, dtS: number, nLinks: number, tolK: number, linTol: number, maxNewton: number): number;
  implicitErrorK(dtS: number, dtPrevS: number): number;
  getLinearIterations(): number;
  getNewtonIterations(): number;
  getMismatchK(): number;
  resetImplicitCounters(): void;
}

export type Integrator = 'explicit' | 'implicit';

/**
 * The integrator a scenario runs with. "auto" takes the implicit step only where it is both
 * covered by the accuracy tests and measured faster (docs/performance.md, docs/method.md §5b):
 * the f64 reference was asked for (the implicit step is f64 and not faster than the f32 SIMD
 * two-rate kernel), no dt_s is fixed, the protocol has only freeze phases (fast thaw transients
 * are where first-order steps miss 0.1 mm), nothing can freeze (every probe a temperature
 * surface, and the skin, above the highest liquidus: there the steps grow to the steady state —
 * 9.5× faster on the steady unfrozen cylinder, while with a moving ice front the implicit run
 * was 1.0× on the frozen cylinder and 0.5× on the standard run), and the explicit run would need
 * at least IMPLICIT.autoMinExplicitSteps steps.
 */
export function chooseIntegrator(s: Scenario, kernels: WebAssembly.Module | KernelSet, model: CompiledModel): Integrator {
  const wanted = s.solver.integrator ?? 'explicit';
  if (wanted === 'explicit') return 'explicit';
  const available = !(kernels instanceof WebAssembly.Module) && kernels.implicit !== undefined;
  if (wanted === 'implicit') {
    if (!available) throw new Error('solver.integrator "implicit" needs the implicit kernel (wasm/build/implicit.wasm); build it with: npm run build:wasm');
    return 'implicit';
  }
  if (!available || s.solver.dt_s !== undefined || s.solver.precision !== 'f64') return 'explicit';
  if (s.protocol.some((p) => p.phase !== 'freeze')) return 'explicit';
  const liquidusC = Math.max(s.tissue.liquidus_c, ...s.layers.map((l) => l.tissue.liquidus_c));
  const warm = (c: number) => c > liquidusC;
  if (!s.probes.every((p) => p.surface.model === 'temperature' && warm(p.surface.temperature_c))) return 'explicit';
  if (s.skin.boundary === 'temperature' ? !warm(s.skin.temperature_c) : s.skin.boundary === 'convective' && !warm(s.skin.ambient_c)) return 'explicit';
  return model.totalS / model.dtS >= IMPLICIT.autoMinExplicitSteps ? 'implicit' : 'explicit';
}

/** Bytes of work area the implicit step needs for a model's grid. */
export function implicitWorkBytes(module: WebAssembly.Module, model: CompiledModel): number {
  const g = model.grid;
  const cells = g.NX * g.NY * g.NZ;
  // Same formula as implicit.ts implicitWorkBytes (checked at setup against the module's own).
  return cells * 15 * 8 + 16 * 16;
}

/** Chooses step lengths and takes backward-Euler steps on one live kernel. */
export class ImplicitStepper {
  private readonly e: ImplicitExports;
  private readonly dtStartS: number;
  /** local error per step aimed at (kelvin), scaled with the spacing squared */
  private readonly errorTolK: number;
  private dtNextS: number;
  /** length of the previous accepted step (0: no history, e.g. just after a phase boundary) */
  private dtPrevS = 0;
  /** accepted steps, steps retried shorter because Newton did not converge, and the time they covered */
  accepted = 0;
  retried = 0;
  coveredS = 0;
  /** largest error estimate and largest T(H) − T_solved mismatch seen (kelvin) */
  worstErrorK = 0;
  worstMismatchK = 0;

  constructor(exports: unknown, views: KernelViews, workOffset: number, model: CompiledModel) {
    this.e = exports as ImplicitExports;
    const g = model.grid;
    const cells = g.NX * g.NY * g.NZ;
    if (this.e.implicitWorkBytes(cells) !== cells * 15 * 8 + 16 * 16) throw new Error('implicit kernel and host disagree on the work area; rebuild with: npm run build:wasm');
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
    // The time error should shrink with the space error (O(h²)) when the grid is refined; coarser
    // grids keep the reference tolerance (isotherm positions are compared in mm, not in cells).
    this.errorTolK = IMPLICIT.errorTolK * Math.min(1, (g.spacingMm / IMPLICIT.errorTolSpacingMm) ** 2);
    this.dtNextS = this.dtStartS;
  }

  /** Boundary conditions or geometry changed: the next step starts short and has no history. */
  reset(): void {
    this.dtPrevS = 0;
    this.dtNextS = this.dtStartS;
  }

  /**
   * Takes one step from timeS of at most maxDtS (the time to the next event) and returns its
   * length. The step avoids leaving a sliver before the event: within 1.25 planned steps of it,
   * it goes all the way; within 2, it goes half way.
   */
  step(timeS: number, maxDtS: number, nLinks: number): number {
    let dt = this.dtNextS;
    if (maxDtS <= 1.25 * dt) dt = maxDtS;
    else if (maxDtS < 2 * dt) dt = maxDtS / 2;
    for (;;) {
      const it = this.e.implicitStep(timeS, dt, nLinks, IMPLICIT.newtonTolK, IMPLICIT.linearRelTol, IMPLICIT.maxNewton);
      if (it >= 0) break;
      this.retried++;
      dt /= 4;
      if (dt < 1e-6 * this.dtStartS) throw new Error(`implicit step failed to converge at t = ${timeS.toFixed(3)} s; run with solver.integrator "explicit"`);
    }
    const errK = this.e.implicitErrorK(dt, this.dtPrevS);
    this.worstErrorK = Math.max(this.worstErrorK, errK);
    this.worstMismatchK = Math.max(this.worstMismatchK, this.e.getMismatchK());
    // First-order step: the estimate grows as dt², so the step scales with its square root.
    const factor = errK > 0 ? Math.min(IMPLICIT.maxGrowth, Math.max(IMPLICIT.minShrink, 0.9 * Math.sqrt(this.errorTolK / errK))) : IMPLICIT.maxGrowth;
    // A step cut short by an event says nothing against the planned length.
    this.dtNextS = Math.min(IMPLICIT.maxDtS, factor >= 1 ? Math.max(this.dtNextS, dt * factor) : dt * factor);
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
