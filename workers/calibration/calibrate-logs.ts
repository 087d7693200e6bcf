/**
 * Fits scenario parameters to temperature logs. Each log is one run (a replicate) with its
 * own scenario (its probe trace, its starting temperature); the `shared` parameters take one
 * value for all of them (the bench model), the `each` parameters one value per run (a probe
 * thermocouple offset that changes with the probe's contact from freeze to freeze).
 *
 * Objective: the sum of squared model − measured temperatures over every reading of the
 * objective sensors inside the freeze window, over all runs. With `each` parameters the fit
 * is nested, as the source of the saline bench data does it: for every trial of the shared
 * values, each run's own parameters are first fitted on its `eachOn` sensors alone (Brent for
 * one, Nelder–Mead for several), then the run is scored on all objective sensors. Checks
 * (logs not used in the fit) get the fitted shared values and their own `each` fit.
 */
import type { Issue, Result, Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { KernelSet } from '../engine/kernel-set.ts';
import { runScenario } from '../engine/run.ts';
import { scenarioForLog, scoreLog, type LogScore } from './log-comparison.ts';
import { brent, nelderMead } from './minimize.ts';
import { fromInternal, toInternal, valueAt, withValues, type ScenarioParameter } from './scenario-parameters.ts';
import type { TemperatureLog } from './temperature-log.ts';

export interface LogRun {
  /** for people: the log file name */
  label: string;
  log: TemperatureLog;
  /** the scenario FILE (before validation) this log belongs to */
  scenario: unknown;
}

export interface LogCalibrationInput {
  runs: LogRun[];
  checks: LogRun[];
  shared: ScenarioParameter[];
  each: ScenarioParameter[];
  /** sensors in the objective (all when empty) */
  sensors: string[];
  /** sensors the per-run parameters are fitted on (the objective sensors when empty) */
  eachOn: string[];
  /**
   * °C per mm: how much an ice-front distance error counts in the objective. Each front row
   * then weighs like a whole thermocouple series with that RMSE per mm of error (0: fronts
   * are reported, not fitted).
   */
  frontWeightCPerMm: number;
  /** overrides geometry.spacing_mm of every scenario */
  spacingMm?: number;
  maxEvals: number;
  /** solver runs per per-run fit */
  maxEachEvals: number;
  kernels: WebAssembly.Module | KernelSet;
  onEvaluation?: (e: { count: number; label: string; values: number[]; ssr: number; wallS: number }) => void;
}

export interface RunOutcome {
  run: LogRun;
  eachValues: number[];
  score: LogScore;
  result: Result;
  /** the scenario file that was run (values put in, sensors added) */
  file: unknown;
}

export interface LogCalibrationResult {
  input: LogCalibrationInput;
  sharedStart: number[];
  sharedValues: number[];
  sharedAtBound: boolean[];
  before: RunOutcome[];
  after: RunOutcome[];
  checksBefore: RunOutcome[];
  checksAfter: RunOutcome[];
  evaluations: number;
  wallS: number;
}

/** Internal-unit tolerance of the fits: 0.2 % of a log parameter, 0.05 % of a linear range. */
const TOLERANCE = 0.005;

export function startValue(file: unknown, p: ScenarioParameter): number {
  const v = valueAt(file, p);
  if (v !== undefined) return Math.min(p.max, Math.max(p.min, v));
  return p.log ? Math.sqrt(p.min * p.max) : (p.min + p.max) / 2;
}

/** Throws only on bugs; bad input is found by prepareRuns first. */
export function calibrateLogs(input: LogCalibrationInput): LogCalibrationResult {
  const t0 = Date.now();
  let count = 0;
  const cache = new Map<string, RunOutcome & { ssr: number; eachSsr: number }>();

  const objectiveSensors = (run: LogRun, names: string[]) => (names.length ? names : run.log.sensors.map((s) => s.name));
  const evaluate = (run: LogRun, sharedValues: number[], eachValues: number[]) => {
    const key = `${run.label}|${[...sharedValues, ...eachValues].map((v) => v.toPrecision(10)).join(',')}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const started = Date.now();
    const file = buildRunFile(run, input, sharedValues, eachValues);
    if ('error' in file) throw new Error(`${run.label}: ${file.error}`);
    const { result } = runScenario(file.scenario, input.kernels);
    const score = scoreLog(result, run.log);
    const ssrOf = (names: string[]) => score.sensors.filter((s) => names.includes(s.name)).reduce((a, s) => a + s.sumSquares, 0);
    const perSeries = score.sensors.reduce((a, s) => a + s.count, 0) / Math.max(1, score.sensors.length);
    // A front the model never reached counts as its measured distance missed entirely.
    const frontSsr = score.fronts.reduce((a, f) => a + (f.errorMm ?? f.measuredMm) ** 2, 0) * perSeries * input.frontWeightCPerMm ** 2;
    const entry = {
      run, eachValues, score, result, file: file.file,
      ssr: ssrOf(objectiveSensors(run, input.sensors)) + frontSsr,
      eachSsr: ssrOf(objectiveSensors(run, input.eachOn.length ? input.eachOn : input.sensors)),
    };
    cache.set(key, entry);
    count++;
    input.onEvaluation?.({ count, label: run.label, values: [...sharedValues, ...eachValues], ssr: entry.ssr, wallS: (Date.now() - started) / 1000 });
    return entry;
  };

  const fitEach = (run: LogRun, sharedValues: number[]) => {
    const start = input.each.map((p) => startValue(run.scenario, p));
    if (!input.each.length) return evaluate(run, sharedValues, []);
    const lo = input.each.map((p) => toInternal(p, p.min));
    const hi = input.each.map((p) => toInternal(p, p.max));
    const u0 = input.each.map((p, i) => toInternal(p, start[i]));
    const f = (u: number[]) => evaluate(run, sharedValues, u.map((x, i) => fromInternal(input.each[i], x))).eachSsr;
    const options = { maxEvals: input.maxEachEvals, tol: TOLERANCE * 4 };
    const best = input.each.length === 1 ? brent((u) => f([u]), lo[0], hi[0], u0[0], options) : nelderMead(f, lo, hi, u0, options);
    return evaluate(run, sharedValues, best.x.map((x, i) => fromInternal(input.each[i], x)));
  };

  const sharedStart = input.shared.map((p) => startValue(input.runs[0].scenario, p));
  const before = input.runs.map((r) => evaluate(r, sharedStart, input.each.map((p) => startValue(r.scenario, p))));
  const checksBefore = input.checks.map((r) => evaluate(r, sharedStart, input.each.map((p) => startValue(r.scenario, p))));

  let sharedValues = sharedStart;
  const lo = input.shared.map((p) => toInternal(p, p.min));
  const hi = input.shared.map((p) => toInternal(p, p.max));
  if (input.shared.length) {
    const total = (u: number[]) => {
      const values = u.map((x, i) => fromInternal(input.shared[i], x));
      return input.runs.reduce((a, r) => a + fitEach(r, values).ssr, 0);
    };
    const u0 = input.shared.map((p, i) => toInternal(p, sharedStart[i]));
    let best;
    if (input.shared.length === 1) best = brent((u) => total([u]), lo[0], hi[0], u0[0], { maxEvals: input.maxEvals, tol: TOLERANCE });
    else {
      // Nelder–Mead collapses early on a rough objective (a solver run on a grid); a restart
      // from its best point with a fresh simplex costs little and often goes on improving.
      const first = nelderMead(total, lo, hi, u0, { maxEvals: Math.ceil(input.maxEvals / 2), tol: TOLERANCE });
      const second = nelderMead(total, lo, hi, first.x, { maxEvals: input.maxEvals - first.evals, tol: TOLERANCE });
      best = second.f <= first.f ? second : first;
    }
    sharedValues = best.x.map((x, i) => fromInternal(input.shared[i], x));
  }
  const after = input.runs.map((r) => fitEach(r, sharedValues));
  const checksAfter = input.checks.map((r) => fitEach(r, sharedValues));
  const strip = (o: RunOutcome): RunOutcome => ({ run: o.run, eachValues: o.eachValues, score: o.score, result: o.result, file: o.file });
  return {
    input,
    sharedStart,
    sharedValues,
    sharedAtBound: input.shared.map((p, i) => {
      const u = toInternal(p, sharedValues[i]);
      return Math.abs(u - lo[i]) < 2 * TOLERANCE || Math.abs(u - hi[i]) < 2 * TOLERANCE;
    }),
    before: before.map(strip),
    after: after.map(strip),
    checksBefore: checksBefore.map(strip),
    checksAfter: checksAfter.map(strip),
    evaluations: count,
    wallS: (Date.now() - t0) / 1000,
  };
}

/** The validated scenario for one run with the given values, or why it is not valid. */
export function buildRunFile(
  run: LogRun,
  input: Pick<LogCalibrationInput, 'shared' | 'each' | 'spacingMm'>,
  sharedValues: number[],
  eachValues: number[],
): { scenario: Scenario; file: unknown } | { error: string; issues?: Issue[] } {
  const placed = scenarioForLog(run.scenario, run.log);
  if ('error' in placed) return placed;
  const file = placed.file as Record<string, unknown> & { geometry?: { spacing_mm?: number } };
  if (input.spacingMm !== undefined && file.geometry) file.geometry.spacing_mm = input.spacingMm;
  const put = withValues(file, [...input.shared, ...input.each], [...sharedValues, ...eachValues]);
  if ('error' in put) return put;
  const v = validateScenario(put.file);
  if (!v.ok) return { error: v.issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues: v.issues };
  return { scenario: v.scenario, file: put.file };
}
