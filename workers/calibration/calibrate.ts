/**
 * Fits a probe's surface parameters to measured isotherm sizes: each evaluation runs the
 * bench scenario with trial values and scores it by the sum of squared residuals (mm²) over
 * every measured width and length. One parameter: Brent's method from the device's current
 * value; several: Nelder–Mead. Evaluations are cached, since clamped trial points repeat.
 */
import type { Issue, ProbeSurface, Scenario } from '../../scenarios/schema.ts';
import type { KernelSet } from '../engine/kernel-set.ts';
import { runScenario } from '../engine/run.ts';
import { benchScenario, outputIntervalS, type BenchSetup } from './calibration-scenario.ts';
import type { DeviceUnderTest } from './device-preset.ts';
import { fromInternal, surfaceValue, surfaceWith, toInternal, type FitParameter } from './fit-parameters.ts';
import type { MeasurementSet } from './measurements.ts';
import { brent, nelderMead } from './minimize.ts';
import { compareSizes, rmsMm, sumOfSquaresMm2, type SizeComparison } from './model-sizes.ts';

export interface CalibrationInput {
  device: DeviceUnderTest;
  measurements: MeasurementSet;
  setup: BenchSetup;
  params: FitParameter[];
  maxEvals: number;
  kernels: WebAssembly.Module | KernelSet;
  /** Called after every solver run (for progress). */
  onEvaluation?: (e: { count: number; values: number[]; rmsMm: number; wallS: number }) => void;
}

export interface FittedValue {
  parameter: FitParameter;
  startValue: number;
  value: number;
  /** The fit ended on a bound: the measurements ask for more (or less) than the bounds allow. */
  atBound: boolean;
}

export interface CalibrationResult {
  input: CalibrationInput;
  fitted: FittedValue[];
  surface: ProbeSurface;
  start: SizeComparison[];
  final: SizeComparison[];
  rmsStartMm: number;
  rmsMm: number;
  /** Mean probe surface temperature at the end of the freeze, a physical check on the fit (°C). */
  surfaceEndStartC: number;
  surfaceEndC: number;
  evaluations: number;
  wallS: number;
  /** the bench scenario with the fitted surface */
  scenario: Scenario;
}

/** Internal-unit tolerance: 0.005 × ln 1.5 ≈ 0.2 % of a positive parameter, 0.05 °C of a temperature. */
const TOLERANCE = 0.005;

export function calibrate(input: CalibrationInput): CalibrationResult | { issues: Issue[] } {
  const { device, measurements, setup, params } = input;
  const interval = outputIntervalS(measurements.rows);
  if (typeof interval !== 'number') return { issues: [{ path: measurements.file, message: interval.error }] };
  const baseSurface = device.preset.surface;
  const first = benchScenario(device.preset, baseSurface, measurements.rows, setup, interval);
  if ('issues' in first) return first;

  const startMs = Date.now();
  const cache = new Map<string, { ssr: number; sizes: SizeComparison[]; surfaceEndC: number; scenario: Scenario }>();
  const evaluate = (values: number[]) => {
    const key = values.map((v) => v.toPrecision(10)).join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    const t0 = Date.now();
    const bench = benchScenario(device.preset, surfaceWith(baseSurface, params, values), measurements.rows, setup, interval);
    // Bounds keep every trial valid; a failure here is a bug, not bad input.
    if ('issues' in bench) throw new Error(`trial values ${values.join(', ')} give an invalid bench scenario: ${bench.issues[0].path}: ${bench.issues[0].message}`);
    const { result } = runScenario(bench.scenario, input.kernels);
    const sizes = compareSizes(result, measurements.rows);
    const entry = { ssr: sumOfSquaresMm2(sizes), sizes, surfaceEndC: result.probes[0].surface_c.at(-1)!, scenario: bench.scenario };
    cache.set(key, entry);
    input.onEvaluation?.({ count: cache.size, values, rmsMm: rmsMm(sizes), wallS: (Date.now() - t0) / 1000 });
    return entry;
  };
  const objective = (u: number[]) => evaluate(u.map((ui, i) => fromInternal(params[i], ui))).ssr;

  const startValues = params.map((p) => Math.min(p.max, Math.max(p.min, surfaceValue(baseSurface, p))));
  const lo = params.map((p) => toInternal(p, p.min));
  const hi = params.map((p) => toInternal(p, p.max));
  const u0 = params.map((p, i) => toInternal(p, startValues[i]));
  const options = { maxEvals: input.maxEvals, tol: TOLERANCE };
  const best =
    params.length === 1
      ? brent((u) => objective([u]), lo[0], hi[0], u0[0], options)
      : nelderMead(objective, lo, hi, u0, options);

  const values = best.x.map((u, i) => fromInternal(params[i], u));
  const final = evaluate(values);
  const start = evaluate(startValues);
  return {
    input,
    fitted: params.map((p, i) => ({
      parameter: p,
      startValue: startValues[i],
      value: values[i],
      atBound: Math.abs(best.x[i] - lo[i]) < 2 * TOLERANCE || Math.abs(best.x[i] - hi[i]) < 2 * TOLERANCE,
    })),
    surface: surfaceWith(baseSurface, params, values),
    start: start.sizes,
    final: final.sizes,
    rmsStartMm: rmsMm(start.sizes),
    rmsMm: rmsMm(final.sizes),
    surfaceEndStartC: start.surfaceEndC,
    surfaceEndC: final.surfaceEndC,
    evaluations: cache.size,
    wallS: (Date.now() - startMs) / 1000,
    scenario: final.scenario,
  };
}
