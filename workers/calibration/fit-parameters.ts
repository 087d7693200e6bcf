/**
 * Which probe-surface parameters `cryo calibrate` may fit, their bounds, and the internal
 * coordinates the minimiser works in. Positive parameters (a film coefficient, a time
 * constant, a heat rate) are fitted in log space, where one unit is a factor of 1.5, so a
 * step means the same relative change at 500 and at 20 000 W/m²/K; temperatures are fitted
 * linearly, one unit = 10 °C.
 */
import type { ProbeSurface } from '../../scenarios/schema.ts';
import { portableExp, portableLog } from '../../scenarios/portable-math.ts';

export type SurfaceModel = ProbeSurface['model'];

export interface FitParameter {
  name: string;
  unit: string;
  log: boolean;
  min: number;
  max: number;
}

const LOG_UNIT = portableLog(1.5);
const LINEAR_UNIT_C = 10;

/** Bounds: wide enough for any real probe, narrow enough that every run still makes sense. */
export function parametersOf(model: SurfaceModel, cryogenLimitC: number): FitParameter[] {
  switch (model) {
    case 'convective':
      return [
        { name: 'h_w_m2k', unit: 'W/m²/K', log: true, min: 50, max: 1e5 },
        // The gas cannot be colder than its cryogen's Joule–Thomson limit.
        { name: 'gas_c', unit: '°C', log: false, min: cryogenLimitC, max: -20 },
      ];
    case 'temperature':
      return [
        { name: 'temperature_c', unit: '°C', log: false, min: -196, max: -5 },
        { name: 'cooldown_s', unit: 's', log: true, min: 0.5, max: 600 },
      ];
    case 'line_sink':
      return [{ name: 'w_per_m', unit: 'W/m', log: true, min: 1, max: 1e5 }];
    case 'trace':
      // A measured surface log: only the thermocouple-to-surface gap is free (contract: offset_c).
      return [{ name: 'offset_c', unit: '°C', log: false, min: -50, max: 50 }];
  }
}

/** Fitted unless --fit says otherwise: the parameter that sets the heat extraction. */
export const DEFAULT_FIT: Record<SurfaceModel, string> = {
  convective: 'h_w_m2k',
  temperature: 'temperature_c',
  line_sink: 'w_per_m',
  trace: 'offset_c',
};

/** The parameters named by `--fit a,b` for this surface model, or why they cannot be fitted. */
export function chooseParameters(model: SurfaceModel, cryogenLimitC: number, fitOption?: string): FitParameter[] | { error: string } {
  const all = parametersOf(model, cryogenLimitC);
  const names = fitOption === undefined ? [DEFAULT_FIT[model]] : fitOption.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return { error: `name at least one parameter; a ${model} surface has ${all.map((p) => p.name).join(', ')}` };
  const chosen: FitParameter[] = [];
  for (const name of names) {
    const p = all.find((q) => q.name === name);
    if (!p) return { error: `'${name}' is not a parameter of a ${model} probe surface; choose from ${all.map((q) => q.name).join(', ')}` };
    if (chosen.includes(p)) return { error: `'${name}' is named twice` };
    chosen.push(p);
  }
  return chosen;
}

export const toInternal = (p: FitParameter, x: number) => (p.log ? portableLog(x) / LOG_UNIT : x / LINEAR_UNIT_C);
export const fromInternal = (p: FitParameter, u: number) => (p.log ? portableExp(u * LOG_UNIT) : u * LINEAR_UNIT_C);

/** The surface with the given parameter values put in. */
export function surfaceWith(surface: ProbeSurface, params: readonly FitParameter[], values: readonly number[]): ProbeSurface {
  const out: Record<string, unknown> = { ...surface };
  params.forEach((p, i) => (out[p.name] = values[i]));
  return out as unknown as ProbeSurface;
}

export function surfaceValue(surface: ProbeSurface, p: FitParameter): number {
  return (surface as unknown as Record<string, number>)[p.name];
}
