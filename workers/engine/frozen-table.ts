/**
 * The tabulated frozen branch the kernels interpolate when frozen properties depend on
 * temperature (scenarios/frozen-properties.ts): T and k on equally spaced enthalpies from the
 * solidus (H = 0) down to the coldest temperature the scenario can impose.
 */
import { FROZEN_TABLE } from '../../scenarios/presets.ts';
import { frozenEnthalpy, kFrozenAt } from '../../scenarios/frozen-properties.ts';
import type { TissueProps } from '../../scenarios/schema.ts';

/**
 * The tabulated frozen branch: node j at H = −j·dH holds the temperature t[j] and conductivity
 * k[j]. Between nodes the kernels interpolate linearly in H; beyond the last, T continues along
 * the last segment (its heat capacity) and k stays at k[N−1].
 */
export interface FrozenTable {
  dH: number;
  t: Float64Array;
  k: Float64Array;
}

export function buildFrozenTable(p: TissueProps, floorC: number, nodes: number = FROZEN_TABLE.nodes): FrozenTable {
  // A floor at (or above) the solidus still needs a non-empty frozen range.
  const low = Math.min(floorC, p.solidus_c - 1);
  const hLow = frozenEnthalpy(p, low);
  const dH = -hLow / (nodes - 1);
  const t = new Float64Array(nodes);
  const k = new Float64Array(nodes);
  let hi = p.solidus_c;
  for (let j = 0; j < nodes; j++) {
    const target = -j * dH;
    let lo = low;
    let up = hi;
    // H(T) increases with T: bisect to round-off (the previous node bounds this one from above).
    for (let it = 0; it < 100 && up - lo > 1e-12 * (1 + Math.abs(up)); it++) {
      const mid = (lo + up) / 2;
      if (frozenEnthalpy(p, mid) > target) up = mid;
      else lo = mid;
    }
    t[j] = j === 0 ? p.solidus_c : j === nodes - 1 ? low : (lo + up) / 2;
    k[j] = kFrozenAt(p, t[j]);
    hi = t[j];
  }
  return { dH, t, k };
}

/** Largest conductivity and smallest dH/dT the table reaches, its extension included. */
export function tableExtremes(tab: FrozenTable): { kMax: number; cMin: number } {
  let kMax = 0;
  let cMin = Infinity;
  for (let j = 0; j < tab.t.length; j++) {
    kMax = Math.max(kMax, tab.k[j]);
    if (j > 0) cMin = Math.min(cMin, tab.dH / (tab.t[j - 1] - tab.t[j]));
  }
  return { kMax, cMin };
}
