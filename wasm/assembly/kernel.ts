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
import { hmean, hmeanPair } from './harmonic-mean';
import { enthalpyState, enthalpyStatePair, lawTabulated, pairLaw, pairPerfusion, resetPairLaw } from './enthalpy-state';
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
  // Two cells at a time where both are of one material without a frozen table (n is even: NX
  // is a multiple of 4), the other pairs one cell at a time: the same bits either way.
  resetPairLaw();
  for (let c = 0; c < n; c += 2) {
    const m = <i32>load<u8>(pMat + <usize>c);
    const law = pairLaw(pMatTable, m);
    if (m != <i32>load<u8>(pMat + <usize>(c + 1)) || lawTabulated(law)) {
      updateCell(c);
      updateCell(c + 1);
      continue;
    }
    const off = <usize>c << 3;
    const h = v128.load(pH + off);
    const fl = enthalpyStatePair(law, h, pT + off, pK + off, 0);
    // Frozen flags of both cells (u8 each): set once a cell reaches its solidus.
    const was = <u32>load<u16>(pFrozen + <usize>c);
    const now = was | (f64x2.extract_lane(h, 0) <= 0 ? 1 : 0) | (f64x2.extract_lane(h, 1) <= 0 ? 0x100 : 0);
    if (now != was) store<u16>(pFrozen + <usize>c, <u16>now);
    pairPerfusion(law, fl, now, pPA + off, pPB + off);
    const t = v128.load(pT + off);
    const tmin = v128.load(pTmin + off);
    v128.store(pTmin + off, v128.bitselect(t, tmin, f64x2.lt(t, tmin)));
  }
}

/** updateState for one cell. */
@inline function updateCell(c: i32): void {
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

// Each face flux is computed once and used, with opposite signs, by both cells:
// half the divisions of a cell-by-cell stencil, and exact conservation.
// pScratch holds, per column, the flux entering the current row from the row above.
// Two cells at a time (f64x2; the interior of a row holds NX − 2 cells, an even number since NX
// is a multiple of 4): each lane does the scalar stencil's operations in its order, the east
// flux of the first lane is the second's west flux, and the source energy is summed cell by
// cell in row order, so the results are those of the one-cell loop bit for bit. The two
// harmonic means' divisions, which set this loop's speed, run two per instruction.
function fluxes2d(dt: f64): void {
  let src: f64 = 0;
  memory.fill(pScratch, 0, <usize>NX << 3);
  const vdt = f64x2.splat(dt);
  const vx = f64x2.splat(invDx2);
  const vz = f64x2.splat(invDz2);
  const rowB = <usize>NX << 3;
  for (let k = 1; k < NZ - 1; k++) {
    const row = k * NX;
    let fromWest: f64 = 0;
    for (let i = 1; i < NX - 1; i += 2) {
      const off = <usize>(row + i) << 3;
      const colOff = <usize>i << 3;
      const tc = v128.load(pT + off);
      const kc = v128.load(pK + off);
      const east = f64x2.mul(hmeanPair(kc, v128.load(pK + off, 8)), f64x2.sub(v128.load(pT + off, 8), tc));
      const down = f64x2.mul(hmeanPair(kc, v128.load(pK + off + rowB)), f64x2.sub(v128.load(pT + off + rowB), tc));
      const west = f64x2.replace_lane(f64x2.splat(fromWest), 1, -f64x2.extract_lane(east, 0));
      fromWest = -f64x2.extract_lane(east, 1);
      const fx = f64x2.add(f64x2.mul(v128.load(pGE + colOff), east), f64x2.mul(v128.load(pGW + colOff), west));
      const s = f64x2.sub(v128.load(pPB + off), f64x2.mul(v128.load(pPA + off), tc));
      const rate = f64x2.add(f64x2.add(f64x2.mul(fx, vx), f64x2.mul(f64x2.add(v128.load(pScratch + colOff), down), vz)), s);
      v128.store(pH + off, f64x2.add(v128.load(pH + off), f64x2.mul(vdt, rate)));
      v128.store(pScratch + colOff, f64x2.neg(down));
      const sv = f64x2.mul(s, v128.load(pVol + colOff));
      src += f64x2.extract_lane(sv, 0);
      src += f64x2.extract_lane(sv, 1);
    }
  }
  sourceEnergy += dt * src;
}

// 3D: each cell takes its six faces from its own side (every face is computed twice, once for
// each of its cells; simpler than carrying fluxes across rows and planes). Two cells of an x-row
// at a time (f64x2) where both are active, each lane with the one-cell stencil's operations in its order and the source
// energy summed cell by cell, so the same bits as fluxCell3d alone.
function fluxes3d(dt: f64): void {
  let src: f64 = 0;
  const plane = NX * NY;
  const rowB = <usize>NX << 3;
  const planeB = <usize>plane << 3;
  const vdt = f64x2.splat(dt);
  const vx = f64x2.splat(invDx2);
  const vy = f64x2.splat(invDy2);
  const vz = f64x2.splat(invDz2);
  for (let k = 1; k < NZ - 1; k++) {
    for (let j = 1; j < NY - 1; j++) {
      const row = k * plane + j * NX;
      for (let i = 1; i < NX - 1; i += 2) {
        const c = row + i;
        if (load<u8>(pMat + <usize>c) == 0 || load<u8>(pMat + <usize>(c + 1)) == 0) {
          src = fluxCell3d(dt, c, i, src);
          src = fluxCell3d(dt, c + 1, i + 1, src);
          continue;
        }
        const off = <usize>c << 3;
        const tc = v128.load(pT + off);
        const kc = v128.load(pK + off);
        const fx = f64x2.add(faceFlux(kc, tc, off + 8), faceFlux(kc, tc, off - 8));
        const fy = f64x2.add(faceFlux(kc, tc, off + rowB), faceFlux(kc, tc, off - rowB));
        const fz = f64x2.add(faceFlux(kc, tc, off - planeB), faceFlux(kc, tc, off + planeB));
        const s = f64x2.sub(v128.load(pPB + off), f64x2.mul(v128.load(pPA + off), tc));
        const rate = f64x2.add(f64x2.add(f64x2.add(f64x2.mul(fx, vx), f64x2.mul(fy, vy)), f64x2.mul(fz, vz)), s);
        v128.store(pH + off, f64x2.add(v128.load(pH + off), f64x2.mul(vdt, rate)));
        const sv = f64x2.mul(s, v128.load(pVol + (<usize>i << 3)));
        src += f64x2.extract_lane(sv, 0);
        src += f64x2.extract_lane(sv, 1);
      }
    }
  }
  sourceEnergy += dt * src;
}

/** hmean(k_c, k_n)·(T_n − T_c) on two lanes, the neighbours at byte offset `offN`. */
@inline function faceFlux(kc: v128, tc: v128, offN: usize): v128 {
  return f64x2.mul(hmeanPair(kc, v128.load(pK + offN)), f64x2.sub(v128.load(pT + offN), tc));
}

/** fluxes3d for cell c (column i); returns the source energy sum with this cell's added. */
@inline function fluxCell3d(dt: f64, c: i32, i: i32, src: f64): f64 {
  const m = <i32>load<u8>(pMat + <usize>c);
  if (m == 0) return src;
  const plane = NX * NY;
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
  return src + s * load<f64>(pVol + (<usize>i << 3));
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
