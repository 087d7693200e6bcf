/**
 * Production stepper: the same explicit finite-volume enthalpy scheme as
 * kernel.ts (the f64 reference), in f32 with hand-written 128-bit SIMD, four
 * cells per instruction along each row.
 *
 * Differences from the reference, all to make the row loops branch-free and
 * gather-free:
 * - Tissue properties vary only with depth, so each row has one material whose
 *   constants are splatted once per row; probe, vessel, shaft and halo cells
 *   are switched off by an `active` mask (conductivity and sources forced to 0).
 * - Enthalpy is stored relative to each material's initial state (H' = H − H0),
 *   so unfrozen tissue near body temperature keeps full f32 resolution (an
 *   absolute H ≈ 4e8 J/m³ has a 32 J/m³ ulp, as large as a step's metabolic heat).
 * - Perfusion/metabolic heat is not summed for the energy balance (boundary heat is).
 * - The state update is fused into the flux sweep one row behind it (a row's
 *   old state is last needed by the fluxes of the row below), so each step
 *   streams through memory once; the coldest-temperature record is refreshed
 *   by the host once per chunk (`updateTmin`), not every step.
 *
 * Layout rules the host guarantees: NX is a multiple of 4, and every per-cell
 * array has NX + 8 cells of slack after the grid, so vector loads may run past
 * the last interior column into halo cells, whose updates are zero.
 */
import { applyLinks, resetBoundaryEnergy, updateOwners } from './boundary-links';
export { getBoundaryEnergy, setLinks } from './boundary-links';

let NX: i32 = 0;
let NY: i32 = 1;
let NZ: i32 = 0;
let invDx2: f32 = 0;
let invDy2: f32 = 0;
let invDz2: f32 = 0;

let pH: usize = 0; // f32 H' = H − H0 (J/m³)
let pT: usize = 0; // f32 °C
let pK: usize = 0; // f32 W/m/K (0 where inactive)
let pFL: usize = 0; // f32 perfusion factor: liquid fraction (0 under stasis, 0 where inactive)
let pTmin: usize = 0; // f32 coldest °C
let pAct: usize = 0; // f32 1 tissue, 0 otherwise
let pFrozen: usize = 0; // f32 1 once the cell reached its solidus
let pRowMat: usize = 0; // i32 material of each padded row
let pGE: usize = 0; // f32 per column
let pGW: usize = 0; // f32 per column
let pScratch: usize = 0; // f32 per column: flux entering the current row from above
let pRowTable: usize = 0; // f64 per material, ROW_STRIDE derived constants

const ROW_STRIDE: i32 = 16;
const R_CF0: i32 = 0; // T = R_CF0 + H'·R_INV_CF when frozen
const R_CM0: i32 = 1; // mushy
const R_CU0: i32 = 2; // unfrozen
const R_INV_CF: i32 = 3;
const R_INV_CM: i32 = 4;
const R_INV_CU: i32 = 5;
const R_HSOL: i32 = 6; // H' at the solidus
const R_HLIQ: i32 = 7; // H' at the liquidus
const R_FL0: i32 = 8; // f_l = R_FL0 + H'·R_INV_HLIQ in the mushy zone
const R_INV_HLIQ: i32 = 9;
const R_KF: i32 = 10;
const R_DK: i32 = 11; // k_u − k_f
const R_W: i32 = 12;
const R_WTAQ: i32 = 13; // W·T_a + q_m
const R_STASIS: i32 = 14;

/** Sets the padded grid size (NX a multiple of 4) and inverse squared spacings (1/m²). */
export function setGrid(nx: i32, ny: i32, nz: i32, idx2: f64, idy2: f64, idz2: f64): void {
  NX = nx;
  NY = ny;
  NZ = nz;
  invDx2 = <f32>idx2;
  invDy2 = <f32>idy2;
  invDz2 = <f32>idz2;
}

/** Sets the byte offsets of the per-cell, per-row and per-column arrays. */
export function setCellArrays(
  h: usize, t: usize, k: usize, fl: usize, tmin: usize, act: usize, frozen: usize,
  rowMat: usize, gE: usize, gW: usize, scratch: usize, rowTable: usize,
): void {
  pH = h; pT = t; pK = k; pFL = fl; pTmin = tmin; pAct = act; pFrozen = frozen;
  pRowMat = rowMat; pGE = gE; pGW = gW; pScratch = scratch; pRowTable = rowTable;
}

@inline function rowConst(m: i32, field: i32): f32 {
  return <f32>load<f64>(pRowTable + (<usize>(m * ROW_STRIDE + field) << 3));
}

let anyStasis: bool = false;

/** Tells the kernel whether any material keeps perfusion off after freezing (else the frozen flag is not tracked). */
export function setStasis(on: i32): void {
  anyStasis = on != 0;
}

// New T, K and perfusion factor of one padded row from its H'.
function rowState(k: i32): void {
  const m = load<i32>(pRowMat + (<usize>(k / NY) << 2));
  const cF0 = f32x4.splat(rowConst(m, R_CF0));
  const cM0 = f32x4.splat(rowConst(m, R_CM0));
  const cU0 = f32x4.splat(rowConst(m, R_CU0));
  const iCf = f32x4.splat(rowConst(m, R_INV_CF));
  const iCm = f32x4.splat(rowConst(m, R_INV_CM));
  const iCu = f32x4.splat(rowConst(m, R_INV_CU));
  const hSol = f32x4.splat(rowConst(m, R_HSOL));
  const hLiq = f32x4.splat(rowConst(m, R_HLIQ));
  const fl0 = f32x4.splat(rowConst(m, R_FL0));
  const iHl = f32x4.splat(rowConst(m, R_INV_HLIQ));
  const kf = f32x4.splat(rowConst(m, R_KF));
  const dk = f32x4.splat(rowConst(m, R_DK));
  const stasis = anyStasis && rowConst(m, R_STASIS) != 0;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  const rowOff = <usize>(k * NX) << 2;
  for (let i = 0; i < NX; i += 4) {
    const off = rowOff + (<usize>i << 2);
    const h = v128.load(pH + off);
    const frozen = f32x4.le(h, hSol);
    const unfrozen = f32x4.ge(h, hLiq);
    const tF = f32x4.add(cF0, f32x4.mul(h, iCf));
    const tM = f32x4.add(cM0, f32x4.mul(h, iCm));
    const tU = f32x4.add(cU0, f32x4.mul(h, iCu));
    const t = v128.bitselect(tF, v128.bitselect(tU, tM, unfrozen), frozen);
    let fl = v128.bitselect(zero, v128.bitselect(one, f32x4.add(fl0, f32x4.mul(h, iHl)), unfrozen), frozen);
    const act = v128.load(pAct + off);
    const kk = f32x4.mul(act, f32x4.add(kf, f32x4.mul(fl, dk)));
    if (anyStasis) {
      const ever = f32x4.max(v128.load(pFrozen + off), v128.and(frozen, one));
      v128.store(pFrozen + off, ever);
      if (stasis) fl = f32x4.mul(fl, f32x4.sub(one, ever));
    }
    v128.store(pT + off, t);
    v128.store(pK + off, kk);
    v128.store(pFL + off, f32x4.mul(fl, act));
  }
}

/** Recomputes T, K and the perfusion factor from H' for every cell. */
export function updateState(): void {
  for (let k = 0; k < NZ * NY; k++) rowState(k);
}

/** Folds the current temperatures into the coldest-temperature record. */
export function updateTmin(): void {
  const n = NX * NY * NZ;
  for (let c = 0; c < n; c += 4) {
    const off = <usize>c << 2;
    v128.store(pTmin + off, f32x4.min(v128.load(pTmin + off), v128.load(pT + off)));
  }
}

// Harmonic mean; 0 when either conductivity is 0 (inactive neighbour).
@inline function hmean(a: v128, b: v128): v128 {
  return f32x4.div(f32x4.mul(f32x4.splat(2), f32x4.mul(a, b)), f32x4.add(f32x4.add(a, b), f32x4.splat(1e-30)));
}

// Fluxes of every interior row from the state at the start of the step, each
// row's new state computed as soon as the row below no longer needs its old one.
function sweep2d(dt: f32): void {
  const vdt = f32x4.splat(dt);
  const vdx = f32x4.splat(invDx2);
  const vdz = f32x4.splat(invDz2);
  memory.fill(pScratch, 0, <usize>(NX + 4) << 2);
  const rowBytes = <usize>NX << 2;
  for (let k = 1; k < NZ - 1; k++) {
    const m = load<i32>(pRowMat + (<usize>k << 2));
    const w = f32x4.splat(rowConst(m, R_W));
    const wtaq = f32x4.splat(rowConst(m, R_WTAQ));
    const rowOff = <usize>(k * NX) << 2;
    // East flux of the previous four cells; its last lane is the west face of this block's first cell.
    let prevEast = f32x4.splat(0);
    for (let i = 1; i < NX; i += 4) {
      const off = rowOff + (<usize>i << 2);
      const col = <usize>i << 2;
      const tc = v128.load(pT + off);
      const kc = v128.load(pK + off);
      const east = f32x4.mul(hmean(kc, v128.load(pK + off + 4)), f32x4.sub(v128.load(pT + off + 4), tc));
      // A cell's west flux is its western neighbour's east flux reversed: lanes [prev3, east0, east1, east2].
      const west = f32x4.neg(v128.shuffle<f32>(prevEast, east, 3, 4, 5, 6));
      prevEast = east;
      const down = f32x4.mul(hmean(kc, v128.load(pK + off + rowBytes)), f32x4.sub(v128.load(pT + off + rowBytes), tc));
      const up = v128.load(pScratch + col);
      const fx = f32x4.add(f32x4.mul(v128.load(pGE + col), east), f32x4.mul(v128.load(pGW + col), west));
      const src = f32x4.mul(v128.load(pFL + off), f32x4.sub(wtaq, f32x4.mul(w, tc)));
      const rate = f32x4.add(f32x4.add(f32x4.mul(fx, vdx), f32x4.mul(f32x4.add(up, down), vdz)), src);
      v128.store(pH + off, f32x4.add(v128.load(pH + off), f32x4.mul(vdt, rate)));
      v128.store(pScratch + col, f32x4.neg(down));
    }
    rowState(k - 1);
  }
  rowState(NZ - 2);
  rowState(NZ - 1);
}

// The 3D sweep: planes in depth, rows in y, four cells at a time along x. A plane's
// new state is computed once the plane below no longer needs its old one; the
// scratch plane carries each column's flux from the plane above.
function sweep3d(dt: f32): void {
  const vdt = f32x4.splat(dt);
  const vdx = f32x4.splat(invDx2);
  const vdy = f32x4.splat(invDy2);
  const vdz = f32x4.splat(invDz2);
  const plane = NX * NY;
  memory.fill(pScratch, 0, <usize>(plane + 8) << 2);
  const rowBytes = <usize>NX << 2;
  const planeBytes = <usize>plane << 2;
  for (let k = 1; k < NZ - 1; k++) {
    const m = load<i32>(pRowMat + (<usize>k << 2));
    const w = f32x4.splat(rowConst(m, R_W));
    const wtaq = f32x4.splat(rowConst(m, R_WTAQ));
    for (let j = 1; j < NY - 1; j++) {
      const rowOff = <usize>(k * plane + j * NX) << 2;
      const scratchRow = <usize>(j * NX) << 2;
      let prevEast = f32x4.splat(0);
      for (let i = 1; i < NX; i += 4) {
        const off = rowOff + (<usize>i << 2);
        const col = scratchRow + (<usize>i << 2);
        const tc = v128.load(pT + off);
        const kc = v128.load(pK + off);
        const east = f32x4.mul(hmean(kc, v128.load(pK + off + 4)), f32x4.sub(v128.load(pT + off + 4), tc));
        const west = f32x4.neg(v128.shuffle<f32>(prevEast, east, 3, 4, 5, 6));
        prevEast = east;
        const north = f32x4.mul(hmean(kc, v128.load(pK + off + rowBytes)), f32x4.sub(v128.load(pT + off + rowBytes), tc));
        const south = f32x4.mul(hmean(kc, v128.load(pK + off - rowBytes)), f32x4.sub(v128.load(pT + off - rowBytes), tc));
        const down = f32x4.mul(hmean(kc, v128.load(pK + off + planeBytes)), f32x4.sub(v128.load(pT + off + planeBytes), tc));
        const up = v128.load(pScratch + col);
        const src = f32x4.mul(v128.load(pFL + off), f32x4.sub(wtaq, f32x4.mul(w, tc)));
        const rate = f32x4.add(
          f32x4.add(f32x4.mul(f32x4.add(east, west), vdx), f32x4.mul(f32x4.add(north, south), vdy)),
          f32x4.add(f32x4.mul(f32x4.add(up, down), vdz), src),
        );
        v128.store(pH + off, f32x4.add(v128.load(pH + off), f32x4.mul(vdt, rate)));
        v128.store(pScratch + col, f32x4.neg(down));
      }
    }
    for (let j = 0; j < NY; j++) rowState((k - 1) * NY + j);
  }
  for (let j = 0; j < NY; j++) {
    rowState((NZ - 2) * NY + j);
    rowState((NZ - 1) * NY + j);
  }
}

/** Advances `n` explicit steps of length `dt` (s) from `time` (s); returns the new time. */
export function step(n: i32, time: f64, dt: f64): f64 {
  for (let s = 0; s < n; s++) {
    updateOwners(time);
    // Links read only the old state and add to H', so they may go before the sweep that replaces the state.
    applyLinks<f32>(dt, pH, pT, pK);
    if (NY > 1) sweep3d(<f32>dt);
    else sweep2d(<f32>dt);
    time += dt;
  }
  return time;
}

/** Zeroes the energy counter. */
export function resetEnergy(): void {
  resetBoundaryEnergy();
}
