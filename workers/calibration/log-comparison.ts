/**
 * Puts a temperature log beside a run: which scenario to run for it (the log's sensors
 * placed at their distance from the probe axis at the middle of the active segment, an
 * output every log step up to MAX_STEP_S, the front isotherms requested), and how far the
 * run is from each reading: RMSE per thermocouple over the freeze, error at the end of each
 * freeze, ice-front distance and timing errors.
 */
import { DEVICE_PRESETS } from '../../scenarios/presets.ts';
import type { Result } from '../../scenarios/schema.ts';
import type { LogSensor, TemperatureLog } from './temperature-log.ts';

/** Outputs at most this far apart: the model is interpolated linearly in time between them. */
const MAX_STEP_S = 2;

type ScenarioFile = Record<string, unknown> & {
  geometry?: { mode?: string };
  probes?: { tip_mm?: number[]; active_length_mm?: number; device?: string }[];
  sensors?: { name: string; position_mm: number[] }[];
  output?: { interval_s?: number; isotherms_c?: number[] };
};

/**
 * The scenario file to run for a log, or why the log's sensors cannot be placed. In an
 * axisymmetric scenario every sensor of the log is put where the log says it was: at its
 * distance from the axis on the mid-probe row (so it follows a fitted active length); in planar
 * and 3D scenarios the scenario must list the log's sensors by name.
 */
export function scenarioForLog(file: unknown, log: TemperatureLog): { file: ScenarioFile } | { error: string } {
  const s = structuredClone(file) as ScenarioFile;
  const names = new Set(log.sensors.map((x) => x.name));
  if (s.geometry?.mode === 'axisymmetric') {
    const probe = s.probes?.[0];
    const device = probe?.device !== undefined && Object.hasOwn(DEVICE_PRESETS, probe.device) ? DEVICE_PRESETS[probe.device] : undefined;
    const activeMm = probe?.active_length_mm ?? device?.active_length_mm;
    if (!Array.isArray(probe?.tip_mm) || typeof probe.tip_mm[2] !== 'number' || typeof activeMm !== 'number')
      return { error: 'the log\'s sensors are placed on the mid-probe row, which needs probes[0] with tip_mm and an active length (or a device)' };
    const zMid = probe.tip_mm[2] - activeMm / 2;
    s.sensors = [...(s.sensors ?? []).filter((x) => !names.has(x.name)), ...log.sensors.map((m) => ({ name: m.name, position_mm: [m.distanceMm, 0, zMid] }))];
  } else {
    const missing = log.sensors.filter((x) => !(s.sensors ?? []).some((y) => y.name === x.name));
    if (missing.length)
      return { error: `sensors ${missing.map((m) => m.name).join(', ')} are not in the scenario; add them to its sensors list (a ${s.geometry?.mode ?? 'non-axisymmetric'} scenario must place them)` };
  }
  const out = (s.output ??= {});
  const step = logStepS(log);
  out.interval_s = Math.min(out.interval_s ?? 10, step);
  const fronts = [...new Set(log.fronts.map((f) => f.isothermC))];
  out.isotherms_c = [...new Set([...(out.isotherms_c ?? [0, -20, -40]), ...fronts])].slice(0, 20);
  return { file: s };
}

function logStepS(log: TemperatureLog): number {
  let step = MAX_STEP_S;
  for (const s of log.sensors)
    for (let i = 1; i < s.readings.length; i++) step = Math.min(step, Math.max(0.5, s.readings[i].timeS - s.readings[i - 1].timeS));
  return step;
}

/** Linear interpolation of a series on increasing times; null outside them. */
function interpolate(times: readonly number[], values: readonly (number | null)[], t: number): number | null {
  if (t < times[0] - 1e-9 || t > times[times.length - 1] + 1e-9) return null;
  let lo = 0;
  let hi = times.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid;
  }
  const a = values[lo];
  const b = values[hi];
  if (a === null || b === null) return a ?? b;
  const span = times[hi] - times[lo];
  return span > 0 ? a + ((b - a) * (t - times[lo])) / span : a;
}

export interface SensorScore {
  name: string;
  distanceMm: number;
  /** readings compared (inside the freeze window and the run) */
  count: number;
  rmseC: number;
  /** mean of model − measured */
  biasC: number;
  /** model − measured at each freeze end */
  endErrorsC: (number | null)[];
  /** the series, for plots: measured time, measured, model */
  series: { t: number; measured: number; model: number }[];
  sumSquares: number;
}

export interface FrontScore {
  line: number;
  timeS: number;
  isothermC: number;
  measuredMm: number;
  modelMm: number | null;
  /** model − measured distance */
  errorMm: number | null;
  /** when the model's front reached the measured distance, minus the measured time; null if it never did */
  timingErrorS: number | null;
}

export interface LogScore {
  sensors: SensorScore[];
  fronts: FrontScore[];
  /** the window of the RMSE: from 0 to the last freeze end (or the whole log) */
  windowEndS: number;
  worstRmseC: number;
}

/** Where the run's isotherm sits at mid-probe: `mid_radius_mm` when the result has it, else the maximum radius. */
function frontSeries(result: Result, isothermC: number): (number | null)[] | null {
  const series = result.isotherms[String(isothermC)] as (Result['isotherms'][string] & { mid_radius_mm?: (number | null)[] }) | undefined;
  if (!series) return null;
  return series.mid_radius_mm ?? series.radius_mm;
}

export function scoreLog(result: Result, log: TemperatureLog, windowEndS = log.freezeEndsS.at(-1) ?? Infinity): LogScore {
  const times = result.times_s;
  const sensors = log.sensors.map((s) => scoreSensor(result, s, log.freezeEndsS, windowEndS));
  const fronts = log.fronts.map((f): FrontScore => {
    const series = frontSeries(result, f.isothermC);
    const model = series ? interpolate(times, series, f.timeS) : null;
    let reached: number | null = null;
    if (series)
      for (let i = 0; i < times.length; i++) {
        const r = series[i];
        if (r !== null && r >= f.distanceMm) {
          const prev = i > 0 ? series[i - 1] : null;
          reached = prev !== null && prev < f.distanceMm && i > 0 ? times[i - 1] + ((f.distanceMm - prev) / (r - prev)) * (times[i] - times[i - 1]) : times[i];
          break;
        }
      }
    return {
      line: f.line, timeS: f.timeS, isothermC: f.isothermC, measuredMm: f.distanceMm,
      modelMm: model, errorMm: model === null ? null : model - f.distanceMm, timingErrorS: reached === null ? null : reached - f.timeS,
    };
  });
  return { sensors, fronts, windowEndS: Math.min(windowEndS, times.at(-1)!), worstRmseC: Math.max(0, ...sensors.map((s) => s.rmseC)) };
}

function scoreSensor(result: Result, s: LogSensor, freezeEndsS: readonly number[], windowEndS: number): SensorScore {
  const model = result.sensors[s.name];
  const times = result.times_s;
  const series: SensorScore['series'] = [];
  let sum = 0;
  let bias = 0;
  for (const r of s.readings) {
    if (r.timeS > windowEndS + 1e-9) break;
    const m = interpolate(times, model, r.timeS);
    if (m === null) continue;
    series.push({ t: r.timeS, measured: r.temperatureC, model: m });
    sum += (m - r.temperatureC) ** 2;
    bias += m - r.temperatureC;
  }
  const measuredAt = (t: number) => interpolate(s.readings.map((r) => r.timeS), s.readings.map((r) => r.temperatureC), t);
  const endErrorsC = freezeEndsS.map((t) => {
    const a = interpolate(times, model, t);
    const b = measuredAt(t);
    return a === null || b === null ? null : a - b;
  });
  const n = series.length;
  return { name: s.name, distanceMm: s.distanceMm, count: n, rmseC: n ? Math.sqrt(sum / n) : NaN, biasC: n ? bias / n : NaN, endErrorsC, series, sumSquares: sum };
}

