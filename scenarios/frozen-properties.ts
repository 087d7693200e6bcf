/**
 * Frozen conductivity and heat capacity as functions of temperature (docs/scenario-format.md,
 * "Frozen properties"), the frozen branch of the enthalpy H(T) they imply, and the coldest
 * temperature a scenario can impose (how far down the engine tabulates them,
 * workers/engine/frozen-table.ts, and what the run-budget estimate assumes).
 *
 * The ice laws are scaled to the material's own frozen value at its solidus, where the frozen
 * branch meets the mushy zone; a table is piecewise linear in temperature, constant outside.
 */
import { FROZEN_TABLE, ICE_LAW } from './presets.ts';
import type { FrozenPropertyModel, Scenario, TissueProps } from './schema.ts';

const KELVIN = 273.15;
const C_A = ICE_LAW.c_intercept_j_kgk.value;
const C_B = ICE_LAW.c_slope_j_kgk2.value;

/** Piecewise-linear interpolation in `rows` ([x, y], x increasing), constant outside. */
function interpolate(rows: [number, number][], x: number): number {
  if (x <= rows[0][0]) return rows[0][1];
  const last = rows.length - 1;
  if (x >= rows[last][0]) return rows[last][1];
  let i = 1;
  while (rows[i][0] < x) i++;
  const [x0, y0] = rows[i - 1];
  const [x1, y1] = rows[i];
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** ∫ from a to b (a ≤ b) of the interpolation of `rows`: trapezoids, exact for a piecewise-linear function. */
function integrate(rows: [number, number][], a: number, b: number): number {
  const xs = [a, ...rows.map((r) => r[0]).filter((x) => x > a && x < b), b];
  let sum = 0;
  for (let i = 1; i < xs.length; i++) sum += ((interpolate(rows, xs[i - 1]) + interpolate(rows, xs[i])) / 2) * (xs[i] - xs[i - 1]);
  return sum;
}

const isConstant = (m: FrozenPropertyModel) => m === 'constant';

/** Frozen conductivity at the solidus: where the frozen branch meets the mushy zone. */
export function kFrozenAtSolidus(p: TissueProps): number {
  const m = p.k_frozen_model;
  return typeof m === 'object' ? interpolate(m.table, p.solidus_c) : p.k_frozen_w_mk;
}

export function cFrozenAtSolidus(p: TissueProps): number {
  const m = p.c_frozen_model;
  return typeof m === 'object' ? interpolate(m.table, p.solidus_c) : p.c_frozen_j_m3k;
}

/** Frozen conductivity (W/m/K) at tempC ≤ solidus. */
export function kFrozenAt(p: TissueProps, tempC: number): number {
  const m = p.k_frozen_model;
  if (m === 'constant') return p.k_frozen_w_mk;
  if (m === 'ice_law') return (p.k_frozen_w_mk * (p.solidus_c + KELVIN)) / (tempC + KELVIN);
  return interpolate(m.table, tempC);
}

/** Frozen volumetric heat capacity (J/m³/K) at tempC ≤ solidus. */
function cFrozenAt(p: TissueProps, tempC: number): number {
  const m = p.c_frozen_model;
  if (m === 'constant') return p.c_frozen_j_m3k;
  if (m === 'ice_law') return (p.c_frozen_j_m3k * (C_A + C_B * (tempC + KELVIN))) / (C_A + C_B * (p.solidus_c + KELVIN));
  return interpolate(m.table, tempC);
}

/** Frozen enthalpy H(T) = −∫_T^{T_sol} c dT' (J/m³, 0 at the solidus) for tempC ≤ solidus. */
export function frozenEnthalpy(p: TissueProps, tempC: number): number {
  const ts = p.solidus_c;
  const m = p.c_frozen_model;
  if (m === 'constant') return p.c_frozen_j_m3k * (tempC - ts);
  if (m === 'ice_law') {
    const t = tempC + KELVIN;
    const s = ts + KELVIN;
    return (-p.c_frozen_j_m3k * (C_A * (s - t) + (C_B / 2) * (s * s - t * t))) / (C_A + C_B * s);
  }
  return -integrate(m.table, tempC, ts);
}

/** Whether a material needs the tabulated frozen branch (else the kernels' constant fast path). */
export function hasFrozenTable(p: TissueProps): boolean {
  return !isConstant(p.k_frozen_model) || !isConstant(p.c_frozen_model);
}

/**
 * Largest frozen conductivity and smallest frozen heat capacity between floorC and the solidus:
 * the laws are monotone (ends), a table's extremes are its ends or rows within the range.
 */
export function frozenExtremes(p: TissueProps, floorC: number): { kMax: number; cMin: number } {
  const low = Math.min(floorC, p.solidus_c);
  const over = (m: FrozenPropertyModel, at: (t: number) => number) => {
    const temps = [low, p.solidus_c, ...(typeof m === 'object' ? m.table.map((r) => r[0]).filter((t) => t > low && t < p.solidus_c) : [])];
    return temps.map(at);
  };
  return {
    kMax: Math.max(...over(p.k_frozen_model, (t) => kFrozenAt(p, t))),
    cMin: Math.min(...over(p.c_frozen_model, (t) => cFrozenAt(p, t))),
  };
}

/**
 * The coldest temperature any part of the scenario can impose on the tissue: probe surfaces and
 * gases (a measured trace's lowest point plus its offset), skin, far field, vessels, starting and
 * bath temperatures; a line sink imposes a power, so with one the floor reaches liquid nitrogen.
 * Never below FROZEN_TABLE.minC.
 */
export function coldestImposedC(s: Scenario): number {
  const temps: number[] = [];
  for (const t of [s.tissue, ...s.layers.map((l) => l.tissue)]) temps.push(t.initial_c, t.bath_c, t.solidus_c);
  const face = (b: object) => {
    const r = b as Record<string, unknown>;
    for (const key of ['temperature_c', 'ambient_c']) if (typeof r[key] === 'number') temps.push(r[key] as number);
  };
  face(s.skin);
  if ('sides' in s.far_field && s.far_field.sides) {
    face(s.far_field.sides);
    face(s.far_field.bottom);
  } else face(s.far_field);
  for (const v of s.vessels) temps.push(v.blood_c);
  for (const ph of s.protocol) if (ph.phase === 'active_thaw') temps.push(ph.temperature_c);
  for (const p of s.probes) {
    const surf = p.surface as unknown as Record<string, unknown>;
    for (const key of ['temperature_c', 'gas_c']) if (typeof surf[key] === 'number') temps.push(surf[key] as number);
    if (Array.isArray(surf.points)) {
      const offset = typeof surf.offset_c === 'number' ? surf.offset_c : 0;
      for (const pt of surf.points as unknown[]) if (Array.isArray(pt) && typeof pt[1] === 'number') temps.push(pt[1] + offset);
    }
    if (surf.model === 'line_sink') temps.push(FROZEN_TABLE.lineSinkFloorC);
  }
  return Math.max(FROZEN_TABLE.minC, Math.min(...temps));
}
