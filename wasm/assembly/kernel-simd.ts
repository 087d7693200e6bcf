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
 *   by the host every few steps (`updateTmin`, F32_COLDEST in scenarios/presets.ts), not every step.
 *
 * Layout rules the host guarantees: NX is a multiple of 4, and every per-cell
 * array has NX + 8 cells of slack after the grid, so vector loads may run past
 * the last interior column into halo cells, whose updates are zero.
 */
import { applyLinks, LINKS_ALL, LINKS_IN_BOX, LINKS_OUTSIDE_BOX, resetBoundaryEnergy, setLinkBox, updateOwners } from './boundary-links';
export { getBoundaryEnergy, setLinks } from './boundary-links';
export * from './layout';
export * from './row-layout';
import { ROW_STRIDE, R_CF0, R_CM0, R_CU0, R_INV_CF, R_INV_CM, R_INV_CU, R_HSOL, R_HLIQ, R_FL0, R_INV_HLIQ, R_KF, R_DK, R_W, R_WTAQ, R_STASIS, R_TAB, R_TAB_N, R_TAB_INV_DH } from './row-layout';

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
let pAcc: usize = 0; // f32 per cell: running sum of the two-rate box's boundary temperatures
let pLinkOrder: usize = 0; // i32 per link: links sorted by the two-rate box
let pRowTable: usize = 0; // f64 per material, ROW_STRIDE derived constants


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
  rowMat: usize, gE: usize, gW: usize, scratch: usize, rowTable: usize, acc: usize, linkOrder: usize,
): void {
  pAcc = acc;
  pLinkOrder = linkOrder;
  pH = h; pT = t; pK = k; pFL = fl; pTmin = tmin; pAct = act; pFrozen = frozen;
  pRowMat = rowMat; pGE = gE; pGW = gW; pScratch = scratch; pRowTable = rowTable;
}

@inline function rowConst(m: i32, field: i32): f32 {
  return <f32>load<f64>(pRowTable + (<usize>(m * ROW_STRIDE + field) << 3));
}

@inline function rowConst64(m: i32, field: i32): f64 {
  return load<f64>(pRowTable + (<usize>(m * ROW_STRIDE + field) << 3));
}

let anyStasis: bool = false;

/** Tells the kernel whether any material keeps perfusion off after freezing (else the frozen flag is not tracked). */
export function setStasis(on: i32): void {
  anyStasis = on != 0;
  stateMat = -1;
}

// The state constants of the material last used by rowState, splatted (rows of one material come in runs).
let stateMat: i32 = -1;
let sCF0: v128 = f32x4.splat(0);
let sCM0: v128 = f32x4.splat(0);
let sCU0: v128 = f32x4.splat(0);
let sICf: v128 = f32x4.splat(0);
let sICm: v128 = f32x4.splat(0);
let sICu: v128 = f32x4.splat(0);
let sHSol: v128 = f32x4.splat(0);
let sHLiq: v128 = f32x4.splat(0);
let sFL0: v128 = f32x4.splat(0);
let sIHl: v128 = f32x4.splat(0);
let sKF: v128 = f32x4.splat(0);
let sDK: v128 = f32x4.splat(0);
let sStasis: bool = false;
let sTab: usize = 0;
let sLastJ: v128 = f32x4.splat(0);
let sIDH: v128 = f32x4.splat(0);

function loadStateConstants(m: i32): void {
  stateMat = m;
  sCF0 = f32x4.splat(rowConst(m, R_CF0));
  sCM0 = f32x4.splat(rowConst(m, R_CM0));
  sCU0 = f32x4.splat(rowConst(m, R_CU0));
  sICf = f32x4.splat(rowConst(m, R_INV_CF));
  sICm = f32x4.splat(rowConst(m, R_INV_CM));
  sICu = f32x4.splat(rowConst(m, R_INV_CU));
  sHSol = f32x4.splat(rowConst(m, R_HSOL));
  sHLiq = f32x4.splat(rowConst(m, R_HLIQ));
  sFL0 = f32x4.splat(rowConst(m, R_FL0));
  sIHl = f32x4.splat(rowConst(m, R_INV_HLIQ));
  sKF = f32x4.splat(rowConst(m, R_KF));
  sDK = f32x4.splat(rowConst(m, R_DK));
  sStasis = anyStasis && rowConst(m, R_STASIS) != 0;
  sTab = <usize>rowConst64(m, R_TAB);
  sLastJ = f32x4.splat(<f32>(rowConst64(m, R_TAB_N) - 2));
  sIDH = f32x4.splat(rowConst(m, R_TAB_INV_DH));
}

/**
 * T and k of the frozen lanes from the material's table: u = (H'_sol − H')/ΔH, node
 * j = min(⌊u⌋, N − 2), f = u − j; T = T_j + f·ΔT_j (past the last node: along the last
 * segment), k = k_j + min(f, 1)·Δk_j. Four scalar loads gather the lanes' nodes, and a 4×4
 * transpose turns them into vectors of T, k, ΔT, Δk. Only blocks with a frozen cell of a
 * tabulated material come here; constant materials skip it with one test per block.
 */
let tabT: v128 = f32x4.splat(0);
let tabK: v128 = f32x4.splat(0);
function frozenFromTable(h: v128, hSol: v128): void {
  const u = f32x4.mul(f32x4.max(f32x4.sub(hSol, h), f32x4.splat(0)), sIDH);
  const jf = f32x4.min(f32x4.floor(u), sLastJ);
  const j = i32x4.trunc_sat_f32x4_s(jf);
  const f = f32x4.sub(u, jf);
  const n0 = v128.load(sTab + (<usize>i32x4.extract_lane(j, 0) << 4));
  const n1 = v128.load(sTab + (<usize>i32x4.extract_lane(j, 1) << 4));
  const n2 = v128.load(sTab + (<usize>i32x4.extract_lane(j, 2) << 4));
  const n3 = v128.load(sTab + (<usize>i32x4.extract_lane(j, 3) << 4));
  const a = v128.shuffle<f32>(n0, n1, 0, 4, 1, 5); // T0 T1 k0 k1
  const b = v128.shuffle<f32>(n2, n3, 0, 4, 1, 5); // T2 T3 k2 k3
  const c = v128.shuffle<f32>(n0, n1, 2, 6, 3, 7); // ΔT0 ΔT1 Δk0 Δk1
  const d = v128.shuffle<f32>(n2, n3, 2, 6, 3, 7); // ΔT2 ΔT3 Δk2 Δk3
  tabT = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), f32x4.mul(f, v128.shuffle<f32>(c, d, 0, 1, 4, 5)));
  tabK = f32x4.add(v128.shuffle<f32>(a, b, 2, 3, 6, 7), f32x4.mul(f32x4.min(f, f32x4.splat(1)), v128.shuffle<f32>(c, d, 2, 3, 6, 7)));
}

/** New T, K and perfusion factor of the cells [i0, i1) of padded row k (2D row k; 3D row k·NY + j) from their H'. */
export function rowState(k: i32, i0: i32, i1: i32): void {
  const m = load<i32>(pRowMat + (<usize>(k / NY) << 2));
  if (m != stateMat) loadStateConstants(m);
  const rowOff = <usize>(k * NX) << 2;
  const tabulated = sTab != 0;
  if (!tabulated && !anyStasis) {
    plainRowState(rowOff + (<usize>i0 << 2), rowOff + (<usize>i1 << 2));
    return;
  }
  const cF0 = sCF0, cM0 = sCM0, cU0 = sCU0, iCf = sICf, iCm = sICm, iCu = sICu;
  const hSol = sHSol, hLiq = sHLiq, fl0 = sFL0, iHl = sIHl, kf = sKF, dk = sDK;
  const stasis = sStasis;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  for (let i = i0; i < i1; i += 4) {
    const off = rowOff + (<usize>i << 2);
    const h = v128.load(pH + off);
    const frozen = f32x4.le(h, hSol);
    const unfrozen = f32x4.ge(h, hLiq);
    const tF = f32x4.add(cF0, f32x4.mul(h, iCf));
    const tM = f32x4.add(cM0, f32x4.mul(h, iCm));
    const tU = f32x4.add(cU0, f32x4.mul(h, iCu));
    let t = v128.bitselect(tF, v128.bitselect(tU, tM, unfrozen), frozen);
    let fl = v128.bitselect(zero, v128.bitselect(one, f32x4.add(fl0, f32x4.mul(h, iHl)), unfrozen), frozen);
    const act = v128.load(pAct + off);
    let kk = f32x4.mul(act, f32x4.add(kf, f32x4.mul(fl, dk)));
    if (tabulated && v128.any_true(frozen)) {
      frozenFromTable(h, hSol);
      t = v128.bitselect(tabT, t, frozen);
      kk = v128.bitselect(f32x4.mul(act, tabK), kk, frozen);
    }
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

/**
 * rowState of the byte range [o0, o1) of the cell arrays for a constant-law material without
 * stasis (the common case): the same operations per lane, the array bases and constants in
 * locals and the frozen select as an and-not (bitselect with a zero operand), so that V8 keeps
 * them in registers instead of reloading globals and spilling around the table path.
 */
function plainRowState(o0: usize, o1: usize): void {
  const cF0 = sCF0, cM0 = sCM0, cU0 = sCU0, iCf = sICf, iCm = sICm, iCu = sICu;
  const hSol = sHSol, hLiq = sHLiq, fl0 = sFL0, iHl = sIHl, kf = sKF, dk = sDK;
  const one = f32x4.splat(1);
  const dT = pT - pH, dK = pK - pH, dFL = pFL - pH, dAct = pAct - pH;
  const end = pH + o1;
  for (let p = pH + o0; p < end; p += 16) {
    const h = v128.load(p);
    const frozen = f32x4.le(h, hSol);
    const unfrozen = f32x4.ge(h, hLiq);
    const tF = f32x4.add(cF0, f32x4.mul(h, iCf));
    const tM = f32x4.add(cM0, f32x4.mul(h, iCm));
    const tU = f32x4.add(cU0, f32x4.mul(h, iCu));
    v128.store(p + dT, v128.bitselect(tF, v128.bitselect(tU, tM, unfrozen), frozen));
    const fl = v128.andnot(v128.bitselect(one, f32x4.add(fl0, f32x4.mul(h, iHl)), unfrozen), frozen);
    const act = v128.load(p + dAct);
    v128.store(p + dK, f32x4.mul(act, f32x4.add(kf, f32x4.mul(fl, dk))));
    v128.store(p + dFL, f32x4.mul(fl, act));
  }
}

/** Recomputes T, K and the perfusion factor from H' for every cell. */
export function updateState(): void {
  stateMat = -1; // the host may have rewritten the material table
  for (let k = 0; k < NZ * NY; k++) rowState(k, 0, NX);
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

// Conductance × temperature difference across the face to the neighbour `d` bytes away (tB, kB: the T and K arrays).
@inline function faceFluxAt(tB: usize, kB: usize, off: usize, d: isize, tc: v128, kc: v128): v128 {
  return f32x4.mul(hmean(kc, v128.load(kB + off + d)), f32x4.sub(v128.load(tB + off + d), tc));
}

@inline function faceFlux(off: usize, d: isize, tc: v128, kc: v128): v128 {
  return faceFluxAt(pT, pK, off, d, tc, kc);
}

// The scratch row carries, per column, the flux the row above sends down into the range's
// current row: a row stores its `down` flux there for the row below, which subtracts it
// (x − y is x + (−y) exactly, so this gives the bits of adding the negated flux).
// Seeds the scratch row for a range's first row [i0, i1) from the row `up` bytes above.
function seedScratch(rowOff: usize, scr: usize, i0: i32, i1: i32, up: isize): void {
  for (let i = i0; i < i1; i += 4) {
    const off = rowOff + (<usize>i << 2);
    v128.store(scr + (<usize>i << 2), f32x4.neg(faceFlux(off, -up, v128.load(pT + off), v128.load(pK + off))));
  }
}

// East-face flux of the four cells just west of column i0: lane 3 is the west face of cell i0.
@inline function eastBefore(rowOff: usize, i0: i32): v128 {
  if (i0 <= 1) return f32x4.splat(0);
  const off = rowOff + (<usize>(i0 - 4) << 2);
  return faceFlux(off, 4, v128.load(pT + off), v128.load(pK + off));
}

// Per-row constants of one sweep: time step, inverse squared spacings, material sources.
let vdt: v128 = f32x4.splat(0);
let vdx: v128 = f32x4.splat(0);
let vdy: v128 = f32x4.splat(0);
let vdz: v128 = f32x4.splat(0);
let vw: v128 = f32x4.splat(0);
let vwtaq: v128 = f32x4.splat(0);

function sweepConstants(dt: f32): void {
  vdt = f32x4.splat(dt);
  vdx = f32x4.splat(invDx2);
  vdy = f32x4.splat(invDy2);
  vdz = f32x4.splat(invDz2);
}

function rowSources(k: i32): void {
  const m = load<i32>(pRowMat + (<usize>k << 2));
  vw = f32x4.splat(rowConst(m, R_W));
  vwtaq = f32x4.splat(rowConst(m, R_WTAQ));
}

/**
 * Steps the cells [i0, i1) of one row (byte offset rowOff; scratch row scr carries the
 * flux from the row above, and receives this row's flux to the row below). `ns` is the
 * byte distance to the y neighbours (0 in 2D). Returns the last block's east flux.
 * The array bases and the row's constants are read into locals first: V8 otherwise reloads
 * each module global on every use inside the loop.
 */
@inline function stepBlocks(rowOff: usize, scr: usize, ys: usize, i0: i32, i1: i32, prevEast: v128, ns: isize, below: isize): v128 {
  const tB = pT, kB = pK, hB = pH, flB = pFL, geB = pGE, gwB = pGW;
  const dt = vdt, dx = vdx, dy = vdy, dz = vdz, w = vw, wtaq = vwtaq;
  for (let i = i0; i < i1; i += 4) {
    const off = rowOff + (<usize>i << 2);
    const col = scr + (<usize>i << 2);
    const tc = v128.load(tB + off);
    const kc = v128.load(kB + off);
    const east = faceFluxAt(tB, kB, off, 4, tc, kc);
    // A cell's west flux is its western neighbour's east flux reversed: lanes [prev3, east0, east1, east2], subtracted.
    const westRev = v128.shuffle<f32>(prevEast, east, 3, 4, 5, 6);
    prevEast = east;
    const down = faceFluxAt(tB, kB, off, below, tc, kc);
    const vert = f32x4.mul(f32x4.sub(down, v128.load(col)), dz);
    const src = f32x4.mul(v128.load(flB + off), f32x4.sub(wtaq, f32x4.mul(w, tc)));
    let rate: v128;
    if (ns == 0) {
      // 2D: east/west faces carry the column's geometric weights (axisymmetric r-weighting).
      const bi = <usize>i << 2;
      const fx = f32x4.sub(f32x4.mul(v128.load(geB + bi), east), f32x4.mul(v128.load(gwB + bi), westRev));
      rate = f32x4.add(f32x4.add(f32x4.mul(fx, dx), vert), src);
    } else {
      // 3D: the south face is the row before's north face, carried in `ys` as the z faces are in `scr`.
      const north = faceFluxAt(tB, kB, off, ns, tc, kc);
      const yCol = ys + (<usize>i << 2);
      const ny = f32x4.sub(north, v128.load(yCol));
      v128.store(yCol, north);
      rate = f32x4.add(f32x4.add(f32x4.mul(f32x4.sub(east, westRev), dx), f32x4.mul(ny, dy)), f32x4.add(vert, src));
    }
    v128.store(hB + off, f32x4.add(v128.load(hB + off), f32x4.mul(dt, rate)));
    v128.store(col, down);
  }
  return prevEast;
}

// Cells [i0, i1) of a row that this sweep must not change: only the fluxes their neighbours
// in the sweep need from them are carried on (east face, the scratch for the row below and,
// in 3D, the carried north face for the next row).
@inline function passBlocks(rowOff: usize, scr: usize, ys: usize, i0: i32, i1: i32, prevEast: v128, ns: isize, below: isize): v128 {
  for (let i = i0; i < i1; i += 4) {
    const off = rowOff + (<usize>i << 2);
    const tc = v128.load(pT + off);
    const kc = v128.load(pK + off);
    prevEast = faceFlux(off, 4, tc, kc);
    v128.store(scr + (<usize>i << 2), faceFlux(off, below, tc, kc));
    if (ns != 0) v128.store(ys + (<usize>i << 2), faceFlux(off, ns, tc, kc));
  }
  return prevEast;
}

// One row of a sweep, skipping the columns [s0, s1) (s0 = s1: none).
@inline function sweepRow(rowOff: usize, scr: usize, ys: usize, i0: i32, i1: i32, s0: i32, s1: i32, ns: isize, below: isize): void {
  let pe = eastBefore(rowOff, i0);
  if (s0 >= s1) {
    stepBlocks(rowOff, scr, ys, i0, i1, pe, ns, below);
  } else {
    pe = stepBlocks(rowOff, scr, ys, i0, s0, pe, ns, below);
    pe = passBlocks(rowOff, scr, ys, s0, s1, pe, ns, below);
    stepBlocks(rowOff, scr, ys, s1, i1, pe, ns, below);
  }
}

// The box that two-rate stepping steps with the short time step (padded indices, half-open).
let bI0: i32 = 0;
let bI1: i32 = 0;
let bJ0: i32 = 0;
let bJ1: i32 = 0;
let bK0: i32 = 0;
let bK1: i32 = 0;

/**
 * Fluxes and H' update of the cells in rows [k0, k1) × columns [i0, i1) of the 2D grid
 * (i0 ≡ 1 mod 4; i1 ≡ 1 mod 4, or NX + 1 for whole rows) from the state at the start of
 * the step; neighbours outside the range are read, never changed. With `skipBox`, cells in
 * the two-rate box are left alone too. The state of rows strictly inside the range is
 * refreshed one row behind the sweep; rows k0 and k1 − 1 are left to the caller
 * (`rowState`) until every sweep of the step is done. `pScr`: scratch of ≥ NX·NY + 8 f32.
 */
export function sweep2d(dt: f32, i0: i32, i1: i32, k0: i32, k1: i32, pScr: usize, skipBox: bool = false): void {
  sweepConstants(dt);
  const rowBytes = <isize>NX << 2;
  seedScratch(<usize>(k0 * NX) << 2, pScr, i0, i1, rowBytes);
  for (let k = k0; k < k1; k++) {
    rowSources(k);
    const inBox = skipBox && k >= bK0 && k < bK1;
    sweepRow(<usize>(k * NX) << 2, pScr, 0, i0, i1, inBox ? bI0 : 0, inBox ? bI1 : 0, 0, rowBytes);
    if (k - 1 > k0) rowState(k - 1, i0, i1);
  }
}

/** The 3D form of `sweep2d`: planes [k0, k1) × rows [j0, j1) × columns [i0, i1); planes k0 and k1 − 1 are left to the caller. */
export function sweep3d(dt: f32, i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32, pScr: usize, skipBox: bool = false): void {
  sweepConstants(dt);
  const plane = NX * NY;
  const rowBytes = <isize>NX << 2;
  const planeBytes = <isize>plane << 2;
  for (let j = j0; j < j1; j++) seedScratch(<usize>(k0 * plane + j * NX) << 2, pScr + (<usize>(j * NX) << 2), i0, i1, planeBytes);
  // The y faces' carry row: the scratch row of j0 − 1, which the z faces of rows [j0, j1) leave free (j0 ≥ 1 in 3D).
  const ys = pScr + (<usize>((j0 - 1) * NX) << 2);
  for (let k = k0; k < k1; k++) {
    rowSources(k);
    const inPlane = skipBox && k >= bK0 && k < bK1;
    seedScratch(<usize>(k * plane + j0 * NX) << 2, ys, i0, i1, rowBytes);
    for (let j = j0; j < j1; j++) {
      const inBox = inPlane && j >= bJ0 && j < bJ1;
      sweepRow(<usize>(k * plane + j * NX) << 2, pScr + (<usize>(j * NX) << 2), ys, i0, i1, inBox ? bI0 : 0, inBox ? bI1 : 0, rowBytes, planeBytes);
    }
    if (k - 1 > k0) for (let j = j0; j < j1; j++) rowState((k - 1) * NY + j, i0, i1);
  }
}

/** The interior rows along y, [interiorJ0, interiorJ1): [1, NY − 1) in 3D, the one row [0, 1) in 2D. */
@inline export function interiorJ0(): i32 {
  return NY > 1 ? 1 : 0;
}
@inline export function interiorJ1(): i32 {
  return NY > 1 ? NY - 1 : 1;
}

/** `sweep2d` or `sweep3d` of the cells [i0, i1) × [j0, j1) × [k0, k1) (nothing when k0 ≥ k1); j is ignored in 2D. */
export function sweepRows(dt: f32, i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32, pScr: usize, skipBox: bool): void {
  if (k1 <= k0) return;
  if (NY > 1) sweep3d(dt, i0, i1, j0, j1, k0, k1, pScr, skipBox);
  else sweep2d(dt, i0, i1, k0, k1, pScr, skipBox);
}

/** State of the rows a `sweepRows` left to its caller: its first and last row (2D) or plane (3D). */
export function edgeState(i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32): void {
  if (k1 <= k0) return;
  for (let j = j0; j < j1; j++) {
    rowState(k0 * NY + j, i0, i1);
    if (k1 - 1 > k0) rowState((k1 - 1) * NY + j, i0, i1);
  }
}

// One step of the cells [i0, i1) × [j0, j1) × [k0, k1), optionally skipping the box.
function sweepRange(dt: f32, i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32, skipBox: bool): void {
  sweepRows(dt, i0, i1, j0, j1, k0, k1, pScratch, skipBox);
  edgeState(i0, i1, j0, j1, k0, k1);
}

/** Advances `n` explicit steps of length `dt` (s) of the whole grid from `time` (s); returns the new time. */
export function step(n: i32, time: f64, dt: f64): f64 {
  const j0 = interiorJ0();
  const j1 = interiorJ1();
  for (let s = 0; s < n; s++) {
    updateOwners(time);
    // Links read only the old state and add to H', so they may go before the sweep that replaces the state.
    applyLinks<f32>(dt, pH, pT, pK, LINKS_ALL);
    sweepRange(<f32>dt, 1, NX + 1, j0, j1, 1, NZ - 1, false);
    time += dt;
  }
  return time;
}

/**
 * Sets the box of cells that two-rate stepping steps every time step (padded indices,
 * half-open; i0 and i1 ≡ 1 mod 4, j0 = 0 and j1 = 1 in 2D). Cells outside it must be
 * unfrozen tissue the cold has not reached: they take one step of m·dt per m steps.
 */
export function setBox(i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32): void {
  setBoxOrder(pLinkOrder, i0, i1, j0, j1, k0, k1);
}

/** As setBox, sorting the links this instance steps into `order` (a thread of a team sorts its own slice). */
export function setBoxOrder(order: usize, i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32): void {
  bI0 = i0; bI1 = i1; bJ0 = j0; bJ1 = j1; bK0 = k0; bK1 = k1;
  setLinkBox(order, NX, NY, i0, i1, j0, j1, k0, k1);
}

/**
 * Visits every box cell with a face outside the box once, in rows (2D) or planes (3D)
 * [kFrom, kTo): what the rest of the grid sees of the box. mode 0 zeroes the running sum,
 * 1 adds the current temperature, 2 replaces the temperature by sum·scale.
 */
export function boxFaces(mode: i32, scale: f32, kFrom: i32, kTo: i32): void {
  for (let k = max(bK0, kFrom); k < min(bK1, kTo); k++) {
    const kFace = k == bK0 || k == bK1 - 1;
    for (let j = bJ0; j < bJ1; j++) {
      const jFace = kFace || (NY > 1 && (j == bJ0 || j == bJ1 - 1));
      const row = (k * NY + j) * NX;
      if (jFace) {
        for (let i = bI0; i < bI1; i++) faceCell(row + i, mode, scale);
      } else {
        faceCell(row + bI0, mode, scale);
        if (bI1 - 1 > bI0) faceCell(row + bI1 - 1, mode, scale);
      }
    }
  }
}

@inline function faceCell(c: i32, mode: i32, scale: f32): void {
  const a = pAcc + (<usize>c << 2);
  if (mode == 0) store<f32>(a, 0);
  else if (mode == 1) store<f32>(a, load<f32>(a) + load<f32>(pT + (<usize>c << 2)));
  else store<f32>(pT + (<usize>c << 2), load<f32>(a) * scale);
}

/**
 * Two-rate stepping: `n` macro steps, each `m` steps of `dt` for the box (the cold region)
 * then one step of m·dt for every other cell. The rest of the grid sees the box's boundary
 * cells at their mean temperature over the m short steps and the box sees the rest at its
 * temperature at the macro step's start, so the heat crossing the box boundary is the same
 * seen from both sides (exactly, while those cells stay unfrozen). Returns the new time.
 */
export function stepTwoRate(n: i32, m: i32, time: f64, dt: f64): f64 {
  const j0 = interiorJ0();
  const j1 = interiorJ1();
  for (let s = 0; s < n; s++) {
    boxFaces(0, 0, 0, NZ);
    for (let q = 0; q < m; q++) {
      boxFaces(1, 0, 0, NZ);
      updateOwners(time + <f64>q * dt);
      applyLinks<f32>(dt, pH, pT, pK, LINKS_IN_BOX);
      sweepRange(<f32>dt, bI0, bI1, bJ0, bJ1, bK0, bK1, false);
    }
    boxFaces(2, <f32>(1.0 / <f64>m), 0, NZ);
    const big = dt * <f64>m;
    updateOwners(time);
    applyLinks<f32>(big, pH, pT, pK, LINKS_OUTSIDE_BOX);
    // Box cells are skipped but their state is refreshed with their rows, which restores their end-of-step temperatures.
    sweepRange(<f32>big, 1, NX + 1, j0, j1, 1, NZ - 1, true);
    time += big;
  }
  return time;
}

/** Zeroes the energy counter. */
export function resetEnergy(): void {
  resetBoundaryEnergy();
}
