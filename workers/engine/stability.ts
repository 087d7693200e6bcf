/**
 * Largest stable explicit time step for a compiled grid. For each cell the
 * forward-Euler update stays monotone when dt · (sum of its conductances per
 * volume + perfusion) ≤ its smallest heat capacity dH/dT; the limit is the
 * minimum over cells, using each material's largest conductivity and smallest heat capacity
 * (temperature-dependent frozen properties: the extremes of their table) — or, for the
 * warm cells of two-rate stepping, their unfrozen conductivity and capacity.
 */
import type { TissueProps } from '../../scenarios/schema.ts';
import type { CellMap } from './boundaries.ts';
import type { Grid } from './grid.ts';
import type { FrozenTable } from './frozen-table.ts';
import { maxConductivity, minCapacity, mushyCapacity, sinkPerKelvin } from './materials.ts';

export interface StabilityOptions {
  /** 'any': every state a cell may reach (the global step); 'unfrozen': cells and neighbours above the liquidus */
  state?: 'any' | 'unfrozen';
  /** cells left out of the minimum (their own limit does not count; they still count as neighbours) */
  skip?: (c: number) => boolean;
}

// With temperature-dependent frozen properties, the largest k and smallest dH/dT their table reaches.
const conductivity = (p: TissueProps, frozen: FrozenTable | null, state: 'any' | 'unfrozen') =>
  state === 'any' ? maxConductivity(p, frozen) : p.k_unfrozen_w_mk;
const capacity = (p: TissueProps, frozen: FrozenTable | null, state: 'any' | 'unfrozen') =>
  state === 'any' ? minCapacity(p, frozen) : Math.min(p.c_unfrozen_j_m3k, mushyCapacity(p));

/** Safety factor below the exact limit, for round-off in the nonlinear update. */
const SAFETY = 0.95;

export function stableTimeStepS(g: Grid, cells: CellMap, options: StabilityOptions = {}): number {
  const state = options.state ?? 'any';
  const n = g.NX * g.NY * g.NZ;
  // Per material (kernel index; 0: not tissue), so the pass needs one per-cell array, not four.
  const kOf = new Float64Array(cells.materials.length + 1);
  const cOf = new Float64Array(kOf.length);
  const perfOf = new Float64Array(kOf.length);
  cells.materials.forEach((p, m) => {
    kOf[m + 1] = conductivity(p, cells.frozen[m] ?? null, state);
    cOf[m + 1] = capacity(p, cells.frozen[m] ?? null, state);
    perfOf[m + 1] = sinkPerKelvin(p);
  });
  const mat = cells.mat;
  const diag = new Float64Array(n);
  const hm = (a: number, b: number) => (2 * a * b) / (a + b + 1e-300);
  const inv2 = 1 / (g.spacingM * g.spacingM);
  const plane = g.NX * g.NY;
  for (let k = 0; k < g.nz; k++) {
    for (let j = 0; j < g.ny; j++) {
      const row = g.index(0, k, j);
      for (let i = 0; i < g.nx; i++) {
        const c = row + i;
        const kc = kOf[mat[c]];
        if (kc === 0) continue;
        const I = i + 1;
        let sum = g.gE[I] * hm(kc, kOf[mat[c + 1]]) + g.gW[I] * hm(kc, kOf[mat[c - 1]]) + hm(kc, kOf[mat[c - plane]]) + hm(kc, kOf[mat[c + plane]]);
        if (g.NY > 1) sum += hm(kc, kOf[mat[c - g.NX]]) + hm(kc, kOf[mat[c + g.NX]]);
        diag[c] = inv2 * sum + perfOf[mat[c]];
      }
    }
  }
  const L = cells.links;
  for (let l = 0; l < L.cell.length; l++) diag[L.cell[l]] += (L.aT[l] * kOf[mat[L.cell[l]]]) / L.s[l];
  let dt = Infinity;
  for (let c = 0; c < diag.length; c++) if (diag[c] > 0 && !options.skip?.(c)) dt = Math.min(dt, cOf[mat[c]] / diag[c]);
  return SAFETY * dt;
}
