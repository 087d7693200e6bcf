/**
 * Runs a validated scenario to a `cryo-result/1`: steps the kernel in chunks
 * through the protocol, lands exactly on every output time and phase boundary,
 * and measures isotherms, sensors, probes, nerve and skin as it goes.
 * Synchronous: callers that must stay responsive run it in a worker.
 */
import { RESULT_SCHEMA, type Nerve, type Result, type Scenario, type Vec3 } from '../../scenarios/schema.ts';
import { THRESHOLDS_C } from '../../scenarios/presets.ts';
import { blockProbability } from './analysis/dose-response.ts';
import { coverageThresholdsC, crossSectionPoints, nerveSection, sectionPicture } from './analysis/nerve.ts';
import { resultWarnings } from './analysis/warnings.ts';
import { compileScenario } from './compile.ts';
import { checkPhysical } from './analysis/numerical-faults.ts';
import { nowS, progressIntervalS } from './run-output.ts';
import {
  ColdestSeen, FieldListener, FieldReader, FrameRecorder, NerveTimeline, OutputSeries, ProgressReporter, SkinMinimum, type RunTracker,
} from './run-trackers.ts';
import { CancelledError, type NerveScore, type RunOptions, type RunOutput } from './run-types.ts';
import type { KernelSet } from './kernel-set.ts';
import { ImplicitStepFailure, implicitWorkFraction } from './implicit-stepper.ts';
import { Simulation } from './simulation.ts';

/** Steps per kernel call: long enough to amortise the call, short enough for V8 to tier up and for timely progress. */
const CHUNK_STEPS = 128;

export function runScenario(scenario: Scenario, kernels: WebAssembly.Module | KernelSet, options: RunOptions = {}): RunOutput {
  try {
    return runOnce(scenario, kernels, options);
  } catch (e) {
    // "auto" chose the implicit step for speed; where it cannot converge, the reference path still can.
    if (!(e instanceof ImplicitStepFailure) || (scenario.solver.integrator ?? 'auto') !== 'auto') throw e;
    const out = runOnce({ ...scenario, solver: { ...scenario.solver, integrator: 'explicit' } }, kernels, options);
    out.result.warnings = [
      ...(out.result.warnings ?? []),
      { code: 'implicit_fell_back', message: `the implicit step (solver.integrator "auto") did not converge at t = ${e.timeS.toFixed(3)} s, so the run was repeated on the explicit kernel; these are its numbers` },
    ];
    return out;
  }
}

function runOnce(scenario: Scenario, kernels: WebAssembly.Module | KernelSet, options: RunOptions): RunOutput {
  const wallStart = nowS();
  const model = compileScenario(scenario);
  const sim = new Simulation(kernels, model, { twoRate: options.twoRate, team: options.team ?? null });
  const { grid: g, segments, totalS } = model;
  const dtS = model.dtS * (options.faultInjection?.dtScale ?? 1);
  const s = scenario;
  const planar = g.mode === 'planar';
  const probe0 = s.probes[0] ?? null;
  const reader = new FieldReader(s);

  const interval = s.output.interval_s;
  const outputTimes: number[] = [];
  for (let i = 0; i * interval < totalS - 1e-9; i++) outputTimes.push(i * interval);
  outputTimes.push(totalS);
  const events = [...new Set([...outputTimes, ...segments.map((seg) => seg.startS)])].sort((a, b) => a - b);
  // The phase that produced the state at time t: (start, end], and the first phase at t = 0.
  const phaseAt = (t: number) => (segments.find((seg) => t <= seg.endS + 1e-9) ?? segments[segments.length - 1]).phase.phase;

  const levels = s.output.isotherms_c;
  const nerveThresholds = coverageThresholdsC(levels);
  const section = s.nerve ? nerveSection(s.nerve, probe0, g.mode) : null;
  const nervePts = section ? crossSectionPoints(section) : [];

  const nerveTimeline = new NerveTimeline(sim, reader, nervePts, nerveThresholds);
  const skin = new SkinMinimum(sim);
  const series = new OutputSeries(sim, reader, s, phaseAt);
  const coldestSeen = new ColdestSeen(sim);
  const frameRecorder = options.frames ? new FrameRecorder(sim, outputTimes.length, options.maxFrames ?? Infinity) : null;
  const progress = options.onProgress
    ? new ProgressReporter(
        sim, totalS, wallStart, progressIntervalS(options.progressIntervalS), phaseAt, options.onProgress,
        sim.implicit ? (t) => implicitWorkFraction(model, t) : undefined,
      )
    : null;
  const trackers: RunTracker[] = [nerveTimeline, skin, series, coldestSeen];
  if (options.onOutputField) trackers.push(new FieldListener(sim, options.onOutputField));
  if (frameRecorder) trackers.push(frameRecorder);
  if (progress) trackers.push(progress);

  const outputSet = new Set(outputTimes);
  let outputIndex = 0;
  let segIndex = 0;
  for (const target of events) {
    // Step up to the event: whole steps, then one shorter step to land on it exactly.
    while (sim.timeS < target - 1e-9) {
      if (options.isCancelled?.()) throw new CancelledError();
      const remaining = target - sim.timeS;
      const whole = Math.floor(remaining / dtS + 1e-9);
      if (sim.implicit) sim.advanceImplicit(remaining);
      else if (whole >= 1) {
        // Near a coverage threshold the nerve is looked at more often than once a chunk.
        const looked = Math.max(1, Math.floor(nerveTimeline.lookWithinS(CHUNK_STEPS * dtS) / dtS + 1e-9));
        sim.advance(Math.min(whole, CHUNK_STEPS, looked, sim.stepsBeforeTraceChange(dtS)), dtS);
      }
      else sim.advance(1, remaining);
      if (sim.timeS > target - 1e-9) sim.timeS = target;
      checkPhysical(sim.kernel.views.t, sim.cells.kind, g, sim.timeS, s);
      for (const t of trackers) t.step?.();
    }
    // Record the state reached at this time before the next phase changes the probes.
    if (outputSet.has(target)) {
      const f = sim.field();
      for (const t of trackers) t.output?.(f, outputIndex);
      outputIndex++;
    }
    while (segIndex < segments.length && segments[segIndex].startS <= target + 1e-9) {
      const seg = segments[segIndex++];
      sim.beginSegment(seg);
      for (const t of trackers) t.segment?.(seg);
    }
  }
  progress?.finish();

  const everCold = coldestSeen.everCold();
  const nerveCold = s.nerve || options.nerveScorer ? coldestSeen.nerveCold() : everCold;
  // The nerve is only scored, it carries no heat: the same scoring serves a shifted nerve (ensembles).
  const scoreNerveAt = (pts: Vec3[]): NerveScore => {
    const coldestC = pts.map((p) => reader.sampleHeld(nerveCold, p));
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
          nerveThresholds.map((thr) => [String(thr), { fraction: nerveScore.fraction[String(thr)], first_full_s: nerveTimeline.firstFullS.get(thr) ?? null }]),
        ),
        section: sectionPicture(section!, (p) => reader.sampleHeld(nerveCold, p)),
        block_probability: nerveScore.block_probability,
      }
    : null;
  const iceTop = reader.size(everCold, 0).topDepthMm;
  // Everything that was ever at or below each isotherm: what a lethal dose depends on.
  const envelope: NonNullable<Result['envelope']> = {};
  for (const lv of levels) {
    const size = reader.size(everCold, lv);
    envelope[String(lv)] = {
      radius_mm: size.radiusMm, length_mm: size.lengthMm, top_depth_mm: size.topDepthMm, bottom_depth_mm: size.bottomDepthMm,
      ...(planar ? { area_mm2: size.amount } : { volume_ml: size.amount }),
    };
  }
  const frozen = skin.minC <= THRESHOLDS_C.skin_frozen.value;
  const energy = sim.energy();
  const wall = nowS() - wallStart;
  const cellUpdates = sim.cellUpdates;
  const result: Result = {
    schema: RESULT_SCHEMA,
    scenario: s.name,
    solver: {
      mode: s.geometry.mode, spacing_mm: g.spacingMm, grid: g.mode === '3d' ? [g.nx, g.ny, g.nz] : [g.nx, g.nz, 1], dt_s: dtS, steps: sim.steps,
      cell_updates: cellUpdates, wall_s: round(wall, 4), mcells_per_s: round(cellUpdates / wall / 1e6, 1), precision: sim.precision, threads: sim.threads,
      ...(sim.implicit ? { integrator: 'implicit' as const, ...sim.implicit.summary() } : {}),
    },
    times_s: series.times,
    phase: series.phases,
    isotherms: series.isotherms,
    sensors: series.sensors,
    probes: series.probes,
    ...(series.bath.length ? { bath: series.bath } : {}),
    nerve,
    skin: { min_c: skin.minC, min_ice_gap_mm: frozen ? 0 : iceTop, frozen },
    envelope,
    warnings: resultWarnings(s, everCold),
    ...(energy && sim.initialEnthalpyJ !== null ? { energy: energyBalance(sim.initialEnthalpyJ, energy) } : {}),
  };
  const scoreNerve = options.nerveScorer ? (n: Nerve) => scoreNerveAt(crossSectionPoints(nerveSection(n, probe0, g.mode))) : undefined;
  return { result, frames: frameRecorder?.frames, ...(scoreNerve ? { scoreNerve } : {}) };
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

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
