/**
 * Parameters a temperature-log calibration may fit: any number in the scenario file, named by
 * its JSON path with bounds (`tissue.k_unfrozen_w_mk=0.3:20`), or by a short name with default
 * bounds (`offset`, `bath`, `k_medium`, ...). Positive quantities with wide ranges (a film or
 * exchange coefficient, a conductivity) are searched in log space, where one internal unit is a
 * factor of 1.5; the rest linearly, one unit = a tenth of the range.
 */
import { unitOf } from '../../scenarios/checks.ts';
import { formatSteps, parseJsonPath, setAtPath, type PathStep } from '../../scenarios/json-path.ts';
import { PLAIN_NUMBER } from './plain-number.ts';
import { portableExp, portableLog } from '../../scenarios/portable-math.ts';

export interface ScenarioParameter {
  /** as the user wrote it: a name or a JSON path */
  label: string;
  path: string;
  steps: PathStep[];
  unit: string;
  min: number;
  max: number;
  log: boolean;
}

interface Named {
  path: string;
  unit: string;
  min: number;
  max: number;
  why: string;
}

/** Short names for the parameters a bench calibration usually needs, with bounds that keep every run physical. */
export const NAMED_PARAMETERS: Record<string, Named> = {
  offset: { path: 'probes[0].surface.offset_c', unit: '°C', min: -60, max: 60, why: 'probe thermocouple − true surface gap of a trace surface' },
  bath: { path: 'tissue.bath_exchange_w_m3k', unit: 'W/m³/K', min: 1, max: 3e6, why: 'volumetric exchange of a liquid medium with its well-mixed bath' },
  bath_capacity: { path: 'tissue.bath_heat_capacity_j_k', unit: 'J/K', min: 0.4, max: 4e4, why: 'heat capacity of a finite bath (4.18 J/K per ml of water)' },
  bath_room: { path: 'tissue.bath_room_w_k', unit: 'W/K', min: 0.001, max: 100, why: 'conductance of a finite bath to the room' },
  lag: { path: 'probes[0].surface.lag_s', unit: 's', min: 0, max: 60, why: 'first-order lag of a trace surface behind its probe thermocouple' },
  k_medium: { path: 'tissue.k_unfrozen_w_mk', unit: 'W/m/K', min: 0.3, max: 30, why: 'unfrozen conductivity (effective, with convection in a liquid)' },
  k_frozen: { path: 'tissue.k_frozen_w_mk', unit: 'W/m/K', min: 0.5, max: 6, why: 'frozen conductivity' },
  active_length: { path: 'probes[0].active_length_mm', unit: 'mm', min: 2, max: 60, why: 'cold segment of the probe' },
  far_h: { path: 'far_field.h_w_m2k', unit: 'W/m²/K', min: 0.1, max: 1e4, why: 'film coefficient of a convective far field' },
  h: { path: 'probes[0].surface.h_w_m2k', unit: 'W/m²/K', min: 50, max: 1e5, why: 'probe film coefficient (convective surface)' },
  gas: { path: 'probes[0].surface.gas_c', unit: '°C', min: -196, max: -20, why: 'probe gas temperature (convective surface)' },
  surface_c: { path: 'probes[0].surface.temperature_c', unit: '°C', min: -196, max: -5, why: 'probe set temperature (temperature surface)' },
};

const LOG_UNIT = portableLog(1.5);

/** One `--fit` entry: `name`, `name=min:max`, or `json.path=min:max`. */
export function parseParameter(spec: string): ScenarioParameter | { error: string } {
  const [left, range] = spec.split('=', 2).map((s) => s.trim());
  const named = Object.hasOwn(NAMED_PARAMETERS, left) ? NAMED_PARAMETERS[left] : undefined;
  if (!named && range === undefined)
    return { error: `'${left}' needs bounds (write ${left}=min:max) or is not one of the named parameters: ${Object.keys(NAMED_PARAMETERS).join(', ')}` };
  const path = named?.path ?? left;
  const parsed = parseJsonPath(path);
  if ('error' in parsed) return { error: `${parsed.error}, or use a named parameter: ${Object.keys(NAMED_PARAMETERS).join(', ')}` };
  let min = named?.min ?? NaN;
  let max = named?.max ?? NaN;
  if (range !== undefined) {
    const parts = range.split(':');
    if (parts.length !== 2 || !parts.every((p) => PLAIN_NUMBER.test(p.trim())))
      return { error: `'${spec}': bounds must be written min:max, e.g. ${left}=${named ? `${named.min}:${named.max}` : '0.5:5'}` };
    [min, max] = parts.map(Number);
    if (!(min < max)) return { error: `'${spec}': the lower bound must be below the upper bound` };
  }
  const log = min > 0 && max / min >= 10;
  return { label: left, path: formatSteps(parsed.steps), steps: parsed.steps, unit: named?.unit ?? unitOf(path), min, max, log };
}

/** A comma-separated `--fit` list; each path at most once. */
export function parseParameterList(option: string): ScenarioParameter[] | { error: string } {
  const out: ScenarioParameter[] = [];
  for (const spec of option.split(',').map((s) => s.trim()).filter(Boolean)) {
    const p = parseParameter(spec);
    if ('error' in p) return p;
    if (out.some((q) => q.path === p.path)) return { error: `${p.path} is named twice` };
    out.push(p);
  }
  return out.length ? out : { error: `name at least one parameter: a JSON path with bounds (tissue.k_unfrozen_w_mk=0.3:20) or ${Object.keys(NAMED_PARAMETERS).join(', ')}` };
}

export const toInternal = (p: ScenarioParameter, x: number) => (p.log ? portableLog(x) / LOG_UNIT : (10 * x) / (p.max - p.min));
export const fromInternal = (p: ScenarioParameter, u: number) => (p.log ? portableExp(u * LOG_UNIT) : (u * (p.max - p.min)) / 10);

/** The value at the parameter's path in a scenario file, or undefined when it is not written there. */
export function valueAt(file: unknown, p: ScenarioParameter): number | undefined {
  let node: unknown = file;
  for (const s of p.steps) {
    if (node === null || typeof node !== 'object') return undefined;
    node = 'key' in s ? (node as Record<string, unknown>)[s.key] : (node as unknown[])[s.index];
  }
  return typeof node === 'number' ? node : undefined;
}

/** A copy of the scenario file with the values put in, or the first path that cannot be set. */
export function withValues(file: unknown, params: readonly ScenarioParameter[], values: readonly number[]): { file: unknown } | { error: string } {
  const copy = structuredClone(file);
  for (let i = 0; i < params.length; i++) {
    const problem = setAtPath(copy, params[i].steps, values[i]);
    if (problem) return { error: `${params[i].path}: ${problem}` };
  }
  return { file: copy };
}
