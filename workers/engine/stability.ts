/**
 * Largest stable explicit time step for a compiled grid. For each cell the
 * forward-Euler update stays monotone when dt · (sum of its conductances per
 * volume + perfusion) ≤ its smallest heat capacity dH/dT; the limit is the
 * minimum over cells, using each material's largest conductivity — or, for the
 * warm cells of two-rate stepping, their unfrozen conductivity and capacity.
 */
import type { TissueProps } from '../../scenarios/schema.ts';
import type { CellMap } from './boundaries.ts';
import type { Grid } from './grid.ts';
import { maxConductivity, minCapacity, mushyCapacity, sinkPerKelvin } from './materials.ts';

export interface StabilityOptions {
  /** 'any': every state a cell may reach (the global step); 'unfrozen': cells and neighbours above the liquidus */
  state?: 'any' | 'unfrozen';
  /** cells left out of the minimum (their own limit does not count; they still count as neighbours) */
  skip?: (c: number) => boolean;
}

const conductivity = (p: TissueProps, state: 'any' | 'unfrozen') => (state === 'any' ? maxConductivity(p) : p.k_unfrozen_w_mk);
const capacity = (p: TissueProps, state: 'any' | 'unfrozen') =>
  state === 'any' ? minCapacity(p) : Math.min(p.c_unfrozen_j_m3k, mushyCapacity(p));

/** Safety factor below the exact limit, for round-off in the nonlinear update. */
const SAFETY = 0.95;

export function stableTimeStepS(g: Grid, cells: CellMap, options: StabilityOptions = {}): number {
  const state = options.state ?? 'any';
  const n = g.NX * g.NY * g.NZ;
  const kmax = new Float64Array(n);
  const cmin = new Float64Array(n);
  const perf = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const m = cells.mat[c];
    if (m === 0) continue;
    const p = cells.materials[m - 1];
    kmax[c] = conductivity(p, state);
    cmin[c] = capacity(p, state);
    perf[c] = sinkPerKelvin(p);
  }
  const diag = new Float64Array(n);
  const hm = (a: number, b: number) => (2 * a * b) / (a + b + 1e-300);
  const inv2 = 1 / (g.spacingM * g.spacingM);
  const plane = g.NX * g.NY;
  for (let k = 0; k < g.nz; k++) {
    for (let j = 0; j < g.ny; j++) {
      for (let i = 0; i < g.nx; i++) {
        const c = g.index(i, k, j);
        if (kmax[c] === 0) continue;
        const I = i + 1;
        let sum = g.gE[I] * hm(kmax[c], kmax[c + 1]) + g.gW[I] * hm(kmax[c], kmax[c - 1]) + hm(kmax[c], kmax[c - plane]) + hm(kmax[c], kmax[c + plane]);
        if (g.NY > 1) sum += hm(kmax[c], kmax[c - g.NX]) + hm(kmax[c], kmax[c + g.NX]);
        diag[c] = inv2 * sum + perf[c];
      }
    }
  }
  const L = cells.links;
  for (let l = 0; l < L.cell.length; l++) diag[L.cell[l]] += (L.aT[l] * kmax[L.cell[l]]) / L.s[l];
  let dt = Infinity;
  for (let c = 0; c < diag.length; c++) if (diag[c] > 0 && !options.skip?.(c)) dt = Math.min(dt, cmin[c] / diag[c]);
  return SAFETY * dt;
}
