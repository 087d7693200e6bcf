/**
 * Checks a probe's measured surface temperature (`"model": "trace"`): the points are
 * [time_s, temperature_c] pairs of finite numbers, times ≥ 0 and strictly increasing,
 * temperatures above absolute zero and at most 100 °C (also after the offset), and at
 * most MAX_TRACE_POINTS of them. A long log with a systematic fault (a unit mix-up, a
 * pasted column of text) would give one message per point: the first few are listed,
 * then a count.
 */
import { at, describe, fmt, Issues, num, optNum } from './checks.ts';
import { MAX_TRACE_POINTS } from './presets.ts';
import type { TraceSurface } from './schema.ts';

const ABSOLUTE_ZERO_C = -273.15;
const MAX_SURFACE_C = 100;
/** Point problems listed one by one before the rest are only counted. */
const LISTED_POINT_PROBLEMS = 5;
const EXAMPLE = '[[0, 27.1], [1, 20.4], [2, 5.0]]';

export function checkTrace(iss: Issues, path: string, s: Record<string, unknown>): TraceSurface | undefined {
  const points = checkPoints(iss, at(path, 'points'), s.points);
  const offset_c = optNum(iss, at(path, 'offset_c'), s.offset_c, 0, {
    min: -100,
    max: 100,
    hint: 'the gap between the probe thermocouple and the true surface, added to every point',
  });
  const lag_s = optNum(iss, at(path, 'lag_s'), s.lag_s, 0, {
    min: 0,
    max: 3600,
    hint: 'time constant of the surface behind the trace (first-order lag), e.g. 8; 0 for none',
  });
  if (!points || offset_c === undefined || lag_s === undefined) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, t] of points) (lo = Math.min(lo, t)), (hi = Math.max(hi, t));
  if (lo + offset_c <= ABSOLUTE_ZERO_C || hi + offset_c > MAX_SURFACE_C) {
    iss.add(
      at(path, 'offset_c'),
      `with offset ${fmt(offset_c)} °C the surface would run from ${fmt(lo + offset_c)} to ${fmt(hi + offset_c)} °C; ` +
        `it must stay above ${ABSOLUTE_ZERO_C} °C and at most ${MAX_SURFACE_C} °C`,
    );
    return undefined;
  }
  return { model: 'trace', points, offset_c, ...(lag_s > 0 ? { lag_s } : {}) };
}

function checkPoints(iss: Issues, path: string, value: unknown): [number, number][] | undefined {
  if (!Array.isArray(value)) {
    iss.add(path, `${value === undefined ? 'missing: ' : ''}must be an array of [time_s, temperature_c] pairs, e.g. ${EXAMPLE}` +
      `${value === undefined ? '' : `, got ${describe(value)}`}`);
    return undefined;
  }
  if (value.length < 2) {
    iss.add(path, `has ${value.length} point(s); a trace needs at least 2 [time_s, temperature_c] pairs (a constant surface is the "temperature" model)`);
    return undefined;
  }
  if (value.length > MAX_TRACE_POINTS) {
    iss.add(path, `has ${value.length} points; at most ${MAX_TRACE_POINTS} are allowed: resample the log (cryo trace --every S)`);
    return undefined;
  }
  const out: [number, number][] = [];
  let problems = 0;
  const problem = (p: string, message: string) => {
    if (problems++ < LISTED_POINT_PROBLEMS) iss.add(p, message);
  };
  let prevTime = -Infinity;
  for (let i = 0; i < value.length; i++) {
    const p = at(path, i);
    const v = value[i];
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') {
      problem(p, `must be a pair [time_s, temperature_c] of numbers, got ${describe(v)}`);
      continue;
    }
    const [time, temp] = v as [number, number];
    // The usual point passes without building messages; a bad one is worded by num().
    const timeOk = Number.isFinite(time) && time >= 0;
    const tempOk = Number.isFinite(temp) && temp > ABSOLUTE_ZERO_C && temp <= MAX_SURFACE_C;
    if (!timeOk || !tempOk) {
      const sub = new Issues();
      num(sub, at(p, 0), time, { min: 0, hint: 'the time in seconds from the start of the run' });
      num(sub, at(p, 1), temp, { gt: ABSOLUTE_ZERO_C, max: MAX_SURFACE_C, hint: 'the surface temperature in °C' });
      for (const x of sub.list) problem(x.path, x.message);
    }
    if (timeOk && !(time > prevTime)) {
      problem(at(p, 0), `time ${fmt(time)} s is not after the previous point's ${fmt(prevTime)} s: times must increase strictly (sort the log, drop repeated rows)`);
    }
    if (timeOk) prevTime = time;
    if (timeOk && tempOk) out.push([time, temp]);
  }
  if (problems > LISTED_POINT_PROBLEMS) iss.add(path, `${problems - LISTED_POINT_PROBLEMS} more problem(s) in the points not listed; fix the ones above first`);
  return problems === 0 ? out : undefined;
}
