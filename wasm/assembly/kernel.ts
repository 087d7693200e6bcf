/**
 * Explicit finite-volume enthalpy stepper for the Pennes bioheat equation with
 * phase change, in f64: the reference the f32 SIMD kernel (kernel-simd.ts) and the
 * implicit step (implicit.ts) are checked against. Boundary links are stepped by
 * boundary-links.ts, shared by all of them.
 *
 * The host (wasm/kernel-host.ts) owns the memory: it lays out every array in the
 * imported linear memory and hands the kernel raw byte offsets. The grid is
 * cell-centred with a one-cell halo of inactive cells (material 0, zero
 * conductivity), so the flux loops need no edge branches; boundary conditions,
 * probes and vessels act through a sparse list of "links" (one per boundary face).
 *
 * State invariant between calls: T, K, PA and PB are consistent with H.
 */
import { applyLinks, LINKS_ALL, resetBoundaryEnergy, updateOwners } from './boundary-links';
export { getBoundaryEnergy, setLinks } from './boundary-links';
export * from './layout';
import { enthalpyState } from './enthalpy-state';
import { MAT_STRIDE, M_W, M_TA, M_QM, M_STASIS } from './layout';

// ---- grid ---------------------------------------------------------------
let NX: i32 = 0; // padded cells along x / r
let NY: i32 = 1; // padded cells along y (1 in 2D)
let NZ: i32 = 0; // padded cells along depth
let invDx2: f64 = 0;
let invDy2: f64 = 0;
let invDz2: f64 = 0;

// ---- per-cell arrays (byte offsets) -------------------------------------
let pH: usize = 0; // f64 volumetric enthalpy, J/m³ (0 at the solidus)
let pT: usize = 0; // f64 temperature, °C
let pK: usize = 0; // f64 conductivity, W/m/K
let pPA: usize = 0; // f64 perfusion sink per kelvin: f_l·W (0 frozen, 0 under stasis)
let pPB: usize = 0; // f64 perfusion + metabolic source at 0 °C: f_l·(W·T_a + q_m)
let pTmin: usize = 0; // f64 coldest temperature reached, °C
let pMat: usize = 0; // u8 material index (0 = inactive)
let pFrozen: usize = 0; // u8 1 once the cell reached its solidus

// ---- per-column geometry (byte offsets, f64, length NX) -----------------
let pGE: usize = 0; // east-face area / (cell volume · dx) · dx², radial weighting in axisymmetric mode
let pGW: usize = 0; // west-face counterpart
let pVol: usize = 0; // cell volume, m³ (planar: m³ per metre of depth along y)
let pScratch: usize = 0; // f64 work row, length NX

// ---- materials: layout in ./layout.ts ------------------------------------
let pMatTable: usize = 0;

// ---- energy bookkeeping (J, or J/m in planar mode) ----------------------
let sourceEnergy: f64 = 0;

/** Sets the padded grid size and inverse squared spacings (1/m²). */
export function setGrid(nx: i32, ny: i32, nz: i32, idx2: f64, idy2: f64, idz2: f64): void {
  NX = nx;
  NY = ny;
  NZ = nz;
  invDx2 = idx2;
  invDy2 = idy2;
  invDz2 = idz2;
}

/** Sets the byte offsets of the per-cell and per-column arrays. */
export function setCellArrays(
  h: usize, t: usize, k: usize, pa: usize, pb: usize, tmin: usize, mat: usize, frozen: usize,
  gE: usize, gW: usize, vol: usize, matTable: usize, scratch: usize,
): void {
  pH = h; pT = t; pK = k; pPA = pa; pPB = pb; pTmin = tmin; pMat = mat; pFrozen = frozen;
  pGE = gE; pGW = gW; pVol = vol; pMatTable = matTable; pScratch = scratch;
}

@inline function matVal(m: i32, field: i32): f64 {
  return load<f64>(pMatTable + (<usize>(m * MAT_STRIDE + field) << 3));
}

/** Recomputes T, K, PA and PB from H for every cell, and tracks Tmin and the frozen flag. */
export function updateState(): void {
  const n = NX * NY * NZ;
  for (let c = 0; c < n; c++) {
    const off = <usize>c << 3;
    const m = <i32>load<u8>(pMat + <usize>c);
    const h = load<f64>(pH + off);
    let fl = enthalpyState(pMatTable, m, h, pT + off, pK + off, 0);
    let frozen = load<u8>(pFrozen + <usize>c);
    if (h <= 0 && frozen == 0) {
      frozen = 1;
      store<u8>(pFrozen + <usize>c, 1);
    }
    if (frozen != 0 && matVal(m, M_STASIS) != 0) fl = 0;
    const w = matVal(m, M_W);
    store<f64>(pPA + off, fl * w);
    store<f64>(pPB + off, fl * (w * matVal(m, M_TA) + matVal(m, M_QM)));
    const t = load<f64>(pT + off);
    if (t < load<f64>(pTmin + off)) store<f64>(pTmin + off, t);
  }
}

// Harmonic mean of two conductivities; 0 when either is 0 (inactive neighbour).
@inline function hmean(a: f64, b: f64): f64 {
  return (2.0 * a * b) / (a + b + 1e-300);
}

// Each face flux is computed once and used, with opposite signs, by both cells:
// half the divisions of a cell-by-cell stencil, and exact conservation.
// pScratch holds, per column, the flux entering the current row from the row above.
function fluxes2d(dt: f64): void {
  let src: f64 = 0;
  memory.fill(pScratch, 0, <usize>NX << 3);
  for (let k = 1; k < NZ - 1; k++) {
    const row = k * NX;
    let fromWest: f64 = 0;
    for (let i = 1; i < NX - 1; i++) {
      const c = row + i;
      const off = <usize>c << 3;
      const tc = load<f64>(pT + off);
      const kc = load<f64>(pK + off);
      const ie = off + 8;
      const id = <usize>(c + NX) << 3;
      const colOff = <usize>i << 3;
      const east = hmean(kc, load<f64>(pK + ie)) * (load<f64>(pT + ie) - tc);
      const down = hmean(kc, load<f64>(pK + id)) * (load<f64>(pT + id) - tc);
      const fromAbove = load<f64>(pScratch + colOff);
      const fx = load<f64>(pGE + colOff) * east + load<f64>(pGW + colOff) * fromWest;
      const s = load<f64>(pPB + off) - load<f64>(pPA + off) * tc;
      store<f64>(pH + off, load<f64>(pH + off) + dt * (fx * invDx2 + (fromAbove + down) * invDz2 + s));
      store<f64>(pScratch + colOff, -down);
      fromWest = -east;
      src += s * load<f64>(pVol + colOff);
    }
  }
  sourceEnergy += dt * src;
}

function fluxes3d(dt: f64): void {
  let src: f64 = 0;
  const plane = NX * NY;
  for (let k = 1; k < NZ - 1; k++) {
    for (let j = 1; j < NY - 1; j++) {
      const row = k * plane + j * NX;
      for (let i = 1; i < NX - 1; i++) {
        const c = row + i;
        const m = <i32>load<u8>(pMat + <usize>c);
        if (m == 0) continue;
        const off = <usize>c << 3;
        const tc = load<f64>(pT + off);
        const kc = load<f64>(pK + off);
        const ie = <usize>(c + 1) << 3;
        const iw = <usize>(c - 1) << 3;
        const inn = <usize>(c + NX) << 3;
        const is = <usize>(c - NX) << 3;
        const iu = <usize>(c - plane) << 3;
        const id = <usize>(c + plane) << 3;
        const fx =
          hmean(kc, load<f64>(pK + ie)) * (load<f64>(pT + ie) - tc) +
          hmean(kc, load<f64>(pK + iw)) * (load<f64>(pT + iw) - tc);
        const fy =
          hmean(kc, load<f64>(pK + inn)) * (load<f64>(pT + inn) - tc) +
          hmean(kc, load<f64>(pK + is)) * (load<f64>(pT + is) - tc);
        const fz =
          hmean(kc, load<f64>(pK + iu)) * (load<f64>(pT + iu) - tc) +
          hmean(kc, load<f64>(pK + id)) * (load<f64>(pT + id) - tc);
        const s = load<f64>(pPB + off) - load<f64>(pPA + off) * tc;
        store<f64>(pH + off, load<f64>(pH + off) + dt * (fx * invDx2 + fy * invDy2 + fz * invDz2 + s));
        src += s * load<f64>(pVol + (<usize>i << 3));
      }
    }
  }
  sourceEnergy += dt * src;
}

/**
 * Advances `n` explicit steps of length `dt` (s) from `time` (s); returns the new time.
 * Fluxes of a step all use the state at its start, so the scheme conserves energy exactly.
 */
export function step(n: i32, time: f64, dt: f64): f64 {
  for (let s = 0; s < n; s++) {
    updateOwners(time);
    if (NY > 1) fluxes3d(dt);
    else fluxes2d(dt);
    applyLinks<f64>(dt, pH, pT, pK, LINKS_ALL);
    updateState();
    time += dt;
  }
  return time;
}

/** Heat added by perfusion and metabolism since the last reset (J; J/m in planar mode). */
export function getSourceEnergy(): f64 {
  return sourceEnergy;
}

/** Zeroes the energy counters. */
export function resetEnergy(): void {
  resetBoundaryEnergy();
  sourceEnergy = 0;
}

/** Sum of H·V over active cells (J; J/m in planar mode). */
export function totalEnthalpy(): f64 {
  let sum: f64 = 0;
  const n = NX * NY * NZ;
  for (let c = 0; c < n; c++) {
    if (load<u8>(pMat + <usize>c) == 0) continue;
    const i = c % NX;
    sum += load<f64>(pH + (<usize>c << 3)) * load<f64>(pVol + (<usize>i << 3));
  }
  return sum;
}
