/**
 * Two-rate stepping plan: which cells the cold has reached (a box the kernel steps at
 * the global time step) and how many of those steps the rest of the grid — unfrozen
 * tissue — may cover with one step of its own. See kernel-simd.ts `stepTwoRate` for the
 * exchange across the box boundary and docs/method.md §5 for the argument.
 */
import { TWO_RATE } from '../../scenarios/presets.ts';
import { OWN, OWN_STRIDE, OWNER_MODE } from '../../wasm/kernel-host.ts';
import { CELL, probeOwner, type CellMap } from './boundaries.ts';
import type { CellRange, Grid } from './grid.ts';
import { stableTimeStepS } from './stability.ts';

/** Padded, half-open index ranges; i0 and i1 ≡ 1 (mod 4) as the SIMD kernel's blocks start there. */
export interface Box {
  i0: number;
  i1: number;
  j0: number;
  j1: number;
  k0: number;
  k1: number;
}

/** Cells with a boundary link to a probe: the cold's usual source, always in the box. */
function probeLinkedCells(cells: CellMap, probes: number): Set<number> {
  const out = new Set<number>();
  const L = cells.links;
  for (let l = 0; l < L.cell.length; l++) if (L.owner[l] >= probeOwner(0) && L.owner[l] < probeOwner(probes)) out.add(L.cell[l]);
  return out;
}

/**
 * Short steps per warm step for a cell map: the unfrozen stability limit of every cell
 * outside the probes' reach over the global step `dtS`, at most TWO_RATE.maxRatio; 1 means
 * two-rate stepping gains nothing here.
 */
export function warmStepRatio(g: Grid, cells: CellMap, probes: number, dtS: number): number {
  const linked = probeLinkedCells(cells, probes);
  const warmLimitS = stableTimeStepS(g, cells, { state: 'unfrozen', skip: (c) => linked.has(c) });
  return Math.max(1, Math.min(TWO_RATE.maxRatio, Math.floor(warmLimitS / dtS + 1e-9)));
}

/** What one look at the temperatures found. */
export interface ColdBoxFix {
  /** the box to step with: null when it is the whole grid */
  box: Box | null;
  /** cells outside the previous box at or below their liquidus: the cold outran the margin (should stay 0) */
  escaped: number;
  /** how many cells the cold region grew by on its fastest side since the previous look */
  growthCells: number;
}

/** Tracks the cold box of one cell map as the temperatures change. */
export class ColdBox {
  private readonly g: Grid;
  private readonly cells: CellMap;
  /** per material (kernel index): the temperature below which the cold has reached a cell */
  private readonly reachedBelowC: Float64Array;
  private readonly liquidusC: Float64Array;
  private readonly probeCells: number[];
  private previous: { extent: CellRange | null; box: Box | null } | null = null;

  constructor(g: Grid, cells: CellMap, probes: number) {
    this.g = g;
    this.cells = cells;
    this.reachedBelowC = Float64Array.from([-Infinity, ...cells.materials.map((p) => p.liquidus_c + TWO_RATE.coldMarginC)]);
    this.liquidusC = Float64Array.from([-Infinity, ...cells.materials.map((p) => p.liquidus_c)]);
    this.probeCells = [...probeLinkedCells(cells, probes)];
  }

  /** Forget the previous look (the boundary conditions changed: growth starts afresh). */
  reset(): void {
    this.previous = null;
  }

  /**
   * The box around every probe-linked cell, every cell linked to a cold boundary (a wall or
   * film colder than the tissue's reach threshold, a heat-extracting line) and every cell the
   * cold has reached, widened by the margin; empty when there are none.
   */
  find(t: ArrayLike<number>, owners: Float64Array): ColdBoxFix {
    const { g, cells } = this;
    const plane = g.NX * g.NY;
    const e: CellRange = { iMin: Infinity, iMax: -Infinity, jMin: Infinity, jMax: -Infinity, kMin: Infinity, kMax: -Infinity };
    const include = (c: number) => {
      const k = Math.floor(c / plane);
      const r = c - k * plane;
      const j = Math.floor(r / g.NX);
      const i = r - j * g.NX;
      if (i < e.iMin) e.iMin = i;
      if (i > e.iMax) e.iMax = i;
      if (j < e.jMin) e.jMin = j;
      if (j > e.jMax) e.jMax = j;
      if (k < e.kMin) e.kMin = k;
      if (k > e.kMax) e.kMax = k;
    };
    for (const c of this.probeCells) include(c);
    const L = cells.links;
    for (let l = 0; l < L.cell.length; l++) {
      const o = L.owner[l] * OWN_STRIDE;
      const mode = owners[o + OWN.MODE];
      const wall = Math.min(owners[o + OWN.TREF], owners[o + OWN.TFINAL], owners[o + OWN.TSTART]);
      const cold = mode === OWNER_MODE.TEMPERATURE ? wall < this.reachedBelowC[cells.mat[L.cell[l]]] : mode === OWNER_MODE.LINE_POWER && owners[o + OWN.Q] < 0;
      if (cold) include(L.cell[l]);
    }
    const mat = cells.mat;
    const below = this.reachedBelowC;
    const liq = this.liquidusC;
    const prevBox = this.previous?.box;
    let escaped = 0;
    for (let c = 0; c < mat.length; c++) {
      const tc = t[c];
      if (tc >= below[mat[c]] || cells.kind[c] !== CELL.TISSUE) continue;
      include(c);
      if (prevBox && tc <= liq[mat[c]] && !inside(prevBox, c, g)) escaped++;
    }
    const growthCells = growth(this.previous?.extent ?? null, e);
    const box = e.iMin === Infinity ? { i0: 1, i1: 1, j0: 1, j1: 1, k0: 1, k1: 1 } : widen(g, e);
    this.previous = { extent: e.iMin === Infinity ? null : e, box };
    return { box, escaped, growthCells };
  }
}

function inside(b: Box, c: number, g: Grid): boolean {
  const plane = g.NX * g.NY;
  const k = Math.floor(c / plane);
  const r = c - k * plane;
  const j = Math.floor(r / g.NX);
  const i = r - j * g.NX;
  return i >= b.i0 && i < b.i1 && j >= b.j0 && j < b.j1 && k >= b.k0 && k < b.k1;
}

function growth(prev: CellRange | null, e: CellRange): number {
  if (!prev || e.iMin === Infinity) return 0;
  return Math.max(0, prev.iMin - e.iMin, e.iMax - prev.iMax, prev.jMin - e.jMin, e.jMax - prev.jMax, prev.kMin - e.kMin, e.kMax - prev.kMax);
}

/** The extent widened by the margin and aligned to the kernel's blocks; null when that is the whole grid. */
function widen(g: Grid, e: CellRange): Box | null {
  const m = TWO_RATE.marginCells;
  const is3d = g.NY > 1;
  const box: Box = {
    i0: 1 + 4 * Math.floor(Math.max(0, e.iMin - m - 1) / 4),
    i1: Math.min(g.NX + 1, 1 + 4 * Math.ceil(Math.min(g.NX - 1, e.iMax + m) / 4)),
    j0: is3d ? Math.max(1, e.jMin - m) : 0,
    j1: is3d ? Math.min(g.NY - 1, e.jMax + m + 1) : 1,
    k0: Math.max(1, e.kMin - m),
    k1: Math.min(g.NZ - 1, e.kMax + m + 1),
  };
  const whole = box.i0 <= 1 && box.i1 > g.nx && box.k0 <= 1 && box.k1 >= g.NZ - 1 && (!is3d || (box.j0 <= 1 && box.j1 >= g.NY - 1));
  return whole ? null : box;
}
