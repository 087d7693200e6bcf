/**
 * One calibration as a self-contained job, for the workbench's calibration worker (and Node
 * tests): the uploaded file's text and the choices made in the probe bench go in; progress
 * after every solver run and, at the end, the same preset file `cryo calibrate --out` writes
 * (isotherm sizes) or its temperature-log counterpart (log-preset.ts) come out, with what the
 * bench shows: residuals before and after, and each thermocouple's measured and modelled
 * curves. Every problem with the inputs comes back as issues (`file:line: …`); nothing here
 * reads files or throws on bad input.
 */
import type { Issue } from '../../scenarios/schema.ts';
import type { KernelSet } from '../engine/kernel-set.ts';
import { calibrate } from './calibrate.ts';
import { calibrateLogs, type RunOutcome } from './calibrate-logs.ts';
import { calibratedPreset, calibrationJson, calibrationText } from './calibration-report.ts';
import type { DeviceUnderTest } from './device-preset.ts';
import type { FitParameter } from './fit-parameters.ts';
import { checkRuns } from './log-checks.ts';
import { logCalibratedPreset } from './log-preset.ts';
import { logCalibrationText } from './log-report.ts';
import { parseMeasurements, type Medium } from './measurements.ts';
import { parseParameterList } from './scenario-parameters.ts';
import { parseTemperatureLog } from './temperature-log.ts';

export interface SizesJob {
  kind: 'sizes';
  fileName: string;
  text: string;
  device: DeviceUnderTest;
  medium: Medium;
  mediumC: number;
  spacingMm: number;
  params: FitParameter[];
  maxEvals: number;
}

export interface LogJob {
  kind: 'log';
  fileName: string;
  text: string;
  /** the scenario file the log is run against */
  scenario: unknown;
  /** `--fit` entries, as the CLI takes them: `h=50:100000`, `tissue.k_unfrozen_w_mk=0.3:20` */
  fit: string[];
  /** overrides the scenario's grid (a coarse grid keeps the fit to seconds per run) */
  spacingMm?: number;
  maxEvals: number;
}

export type CalibrationJob = SizesJob | LogJob;

export interface SensorCurves {
  name: string;
  distanceMm: number;
  times_s: number[];
  measured: number[];
  before: number[];
  after: number[];
  rmseBeforeC: number;
  rmseAfterC: number;
}

/**
 * A finite well-mixed bath of the log's scenario, modelled before and after the fit, over the
 * span the thermocouples are scored on: logs carry no bath reading, but the outer thermocouples
 * of a liquid bench end near it, so the bench draws it beside them.
 */
export interface BathCurves {
  /** the result's `bath[].medium`: "tissue", or "layers[i].tissue" */
  medium: string;
  before: { times_s: number[]; temp_c: number[] };
  after: { times_s: number[]; temp_c: number[] };
}

export type CalibrationOutcome =
  | { kind: 'sizes'; file: ReturnType<typeof calibrationJson>; text: string }
  | { kind: 'log'; file: Record<string, unknown> | null; presetIssues: Issue[]; text: string; curves: SensorCurves[]; baths: BathCurves[]; fitted: { label: string; unit: string; start: number; value: number; atBound: boolean }[] };

export interface JobProgress {
  /** solver runs so far */
  count: number;
  /** about how many the job will make at most */
  total: number;
  values: number[];
  /** how good this run is, in words: `RMS 1.23 mm`, `SSR 4.5e3 °C²` */
  score: string;
}

export type JobReply = { ok: true; outcome: CalibrationOutcome } | { ok: false; issues: Issue[] };

export function runCalibrationJob(job: CalibrationJob, kernels: WebAssembly.Module | KernelSet, onProgress?: (p: JobProgress) => void): JobReply {
  return job.kind === 'sizes' ? runSizes(job, kernels, onProgress) : runLog(job, kernels, onProgress);
}

function runSizes(job: SizesJob, kernels: WebAssembly.Module | KernelSet, onProgress?: (p: JobProgress) => void): JobReply {
  const measurements = parseMeasurements(job.fileName, job.text);
  if ('issues' in measurements) return { ok: false, issues: measurements.issues };
  if (!job.params.length) return { ok: false, issues: [{ path: 'fit', message: 'tick at least one parameter to fit' }] };
  const result = calibrate({
    device: job.device,
    measurements,
    setup: { medium: job.medium, mediumC: job.mediumC, spacingMm: job.spacingMm },
    params: job.params,
    maxEvals: job.maxEvals,
    kernels,
    onEvaluation: (e) => onProgress?.({ count: e.count, total: job.maxEvals + 1, values: e.values, score: `RMS ${e.rmsMm.toFixed(2)} mm` }),
  });
  if ('issues' in result) return { ok: false, issues: result.issues };
  return { ok: true, outcome: { kind: 'sizes', file: calibrationJson(result, calibratedPreset(result)), text: calibrationText(result) } };
}

/** The issues that stop a log job before any solver run (also what the bench shows on upload). */
export function logJobProblems(job: LogJob): Issue[] | { run: Parameters<typeof checkRuns>[0][number]; shared: Exclude<ReturnType<typeof parseParameterList>, { error: string }> } {
  const log = parseTemperatureLog(job.fileName, job.text);
  if ('issues' in log) return log.issues;
  if (!log.sensors.length) return [{ path: job.fileName, message: 'has no thermocouple readings (only front rows); a log needs at least one sensor' }];
  const shared = parseParameterList(job.fit.join(','));
  if ('error' in shared) return [{ path: 'fit', message: shared.error }];
  const run = { label: job.fileName, log, scenario: job.scenario };
  const issues = checkRuns([run], shared, [], job.spacingMm, [], []);
  return issues.length ? issues : { run, shared };
}

function runLog(job: LogJob, kernels: WebAssembly.Module | KernelSet, onProgress?: (p: JobProgress) => void): JobReply {
  const checked = logJobProblems(job);
  if (Array.isArray(checked)) return { ok: false, issues: checked };
  const { run, shared } = checked;
  // One run before, the fit, one after (cached when it is the fit's best).
  const total = job.maxEvals + 2;
  const r = calibrateLogs({
    runs: [run], checks: [], shared, each: [], sensors: [], eachOn: [], frontWeightCPerMm: 0,
    spacingMm: job.spacingMm, maxEvals: job.maxEvals, maxEachEvals: 3, kernels,
    onEvaluation: (e) => onProgress?.({ count: e.count, total, values: e.values, score: `SSR ${e.ssr.toPrecision(3)} °C²` }),
  });
  const preset = logCalibratedPreset(r);
  const curves = curvesOf(r.before[0], r.after[0]);
  return {
    ok: true,
    outcome: {
      kind: 'log',
      file: 'issues' in preset ? null : preset.file,
      presetIssues: 'issues' in preset ? preset.issues : [],
      text: logCalibrationText(r),
      curves,
      baths: bathsOf(r.before[0], r.after[0], Math.max(0, ...curves.flatMap((c) => c.times_s.slice(-1)))),
      fitted: shared.map((p, i) => ({ label: p.label, unit: p.unit, start: r.sharedStart[i], value: r.sharedValues[i], atBound: r.sharedAtBound[i] })),
    },
  };
}

function curvesOf(before: RunOutcome, after: RunOutcome): SensorCurves[] {
  return before.score.sensors.map((s, i) => {
    const a = after.score.sensors[i];
    return {
      name: s.name,
      distanceMm: s.distanceMm,
      times_s: s.series.map((x) => x.t),
      measured: s.series.map((x) => x.measured),
      before: s.series.map((x) => x.model),
      after: a.series.map((x) => x.model),
      rmseBeforeC: s.rmseC,
      rmseAfterC: a.rmseC,
    };
  });
}

/** Each finite bath of the run before and after the fit, up to the first output at or past `endS` (the last scored reading), so it spans the readings. */
function bathsOf(before: RunOutcome, after: RunOutcome, endS: number): BathCurves[] {
  const upTo = (o: RunOutcome, medium: string) => {
    const b = o.result.bath?.find((x) => x.medium === medium);
    const n = o.result.times_s.findIndex((t) => t >= endS);
    const end = n < 0 ? o.result.times_s.length : n + 1;
    return { times_s: o.result.times_s.slice(0, end), temp_c: b ? b.temp_c.slice(0, end) : [] };
  };
  return (after.result.bath ?? []).map((b) => ({ medium: b.medium, before: upTo(before, b.medium), after: upTo(after, b.medium) }));
}
