/**
 * The enthalpy law of one cell in f64 — temperature, conductivity, liquid fraction and dH/dT from
 * the volumetric enthalpy — for the explicit reference kernel (kernel.ts updateState) and the
 * implicit step (implicit.ts evalState). The f32 SIMD kernels write the same law on four lanes
 * with per-row constants and H relative to the initial state (kernel-simd.ts rowState).
 *
 * Branches (H = 0 at the solidus): frozen H ≤ 0, T = T_sol + H/C_f and k = k_f, or the material's
 * table (linear in H between nodes; past the last node T continues along the last segment and k
 * stays); mushy 0 < H < H_liq, T = T_sol + H/C_m, f_l = H/H_liq, k between k_f and k_u by f_l;
 * unfrozen, T = T_liq + (H − H_liq)/C_u.
 */
import {
  MAT_STRIDE, M_TSOL, M_TLIQ, M_HLIQ, M_INV_CF, M_INV_CM, M_INV_CU, M_INV_HLIQ, M_KF, M_KU, M_TAB, M_TAB_N, M_TAB_INV_DH, M_W, M_TA, M_QM, M_STASIS,
} from './layout';

@inline function field(table: usize, m: i32, f: i32): f64 {
  return load<f64>(table + (<usize>(m * MAT_STRIDE + f) << 3));
}

/**
 * Stores the temperature (°C) of a cell of material `m` (material table at `table`) with
 * enthalpy `h` (J/m³) at `tAt` and its conductivity (W/m/K) at `kAt`, and, when `capAt` is not
 * 0, its heat capacity dH/dT (J/m³/K) on the current branch at `capAt`; returns the liquid
 * fraction (before any stasis rule). Inlined: with a constant 0 `capAt` the capacity is not computed.
 */
@inline export function enthalpyState(table: usize, m: i32, h: f64, tAt: usize, kAt: usize, capAt: usize): f64 {
  const hLiq = field(table, m, M_HLIQ);
  let t: f64, k: f64, fl: f64;
  if (h <= 0) {
    const tab = <usize>field(table, m, M_TAB);
    if (tab != 0) {
      const nn = <i32>field(table, m, M_TAB_N);
      const invDh = field(table, m, M_TAB_INV_DH);
      const u = -h * invDh;
      const j = u < <f64>(nn - 2) ? <i32>u : nn - 2;
      const f = u - <f64>j;
      const pt = tab + (<usize>j << 3);
      const pk = pt + (<usize>nn << 3);
      const t0 = load<f64>(pt);
      const t1 = load<f64>(pt, 8);
      const k0 = load<f64>(pk);
      t = t0 + f * (t1 - t0);
      k = k0 + min(f, 1.0) * (load<f64>(pk, 8) - k0);
      const dT = t0 - t1;
      if (capAt != 0) store<f64>(capAt, dT > 0 ? 1.0 / (dT * invDh) : 1.0 / field(table, m, M_INV_CF));
    } else {
      t = field(table, m, M_TSOL) + h * field(table, m, M_INV_CF);
      k = field(table, m, M_KF);
      if (capAt != 0) store<f64>(capAt, 1.0 / field(table, m, M_INV_CF));
    }
    fl = 0;
  } else if (h < hLiq) {
    t = field(table, m, M_TSOL) + h * field(table, m, M_INV_CM);
    fl = h * field(table, m, M_INV_HLIQ);
    const kf = field(table, m, M_KF);
    k = kf + fl * (field(table, m, M_KU) - kf);
    if (capAt != 0) store<f64>(capAt, 1.0 / field(table, m, M_INV_CM));
  } else {
    t = field(table, m, M_TLIQ) + (h - hLiq) * field(table, m, M_INV_CU);
    k = field(table, m, M_KU);
    fl = 1;
    if (capAt != 0) store<f64>(capAt, 1.0 / field(table, m, M_INV_CU));
  }
  store<f64>(tAt, t);
  store<f64>(kAt, k);
  return fl;
}

// The two-lane constants of the material last used by a pair pass (pairLaw): a static record,
// read by enthalpyStatePair and its callers at these byte offsets.
const LAW_HLIQ: usize = 0;
const LAW_TSOL: usize = 16;
const LAW_TLIQ: usize = 32;
const LAW_KF: usize = 48;
const LAW_KU: usize = 64;
const LAW_INV_CF: usize = 80;
const LAW_INV_CM: usize = 96;
const LAW_INV_CU: usize = 112;
const LAW_INV_HLIQ: usize = 128;
const LAW_W: usize = 144; // perfusion sink per kelvin, W
const LAW_WSRC: usize = 160; // W·T_a + q_m
const LAW_STASIS: usize = 176; // i32: 1 when perfusion stays off once frozen
const LAW_TABLE: usize = 180; // i32: 1 when the frozen branch is tabulated (no pair law)
const LAW: usize = memory.data(192, 16);
let lawMat: i32 = -1;

/** Forgets the material pairLaw holds: each pass starts with it, as the host may rewrite the table between passes. */
export function resetPairLaw(): void {
  lawMat = -1;
}

/** The record of material m's constants on two lanes (rows of one material come in runs: loaded when m changes). */
@inline export function pairLaw(table: usize, m: i32): usize {
  if (m != lawMat) loadPairLaw(table, m);
  return LAW;
}

function loadPairLaw(table: usize, m: i32): void {
  lawMat = m;
  v128.store(LAW, f64x2.splat(field(table, m, M_HLIQ)), LAW_HLIQ);
  v128.store(LAW, f64x2.splat(field(table, m, M_TSOL)), LAW_TSOL);
  v128.store(LAW, f64x2.splat(field(table, m, M_TLIQ)), LAW_TLIQ);
  v128.store(LAW, f64x2.splat(field(table, m, M_KF)), LAW_KF);
  v128.store(LAW, f64x2.splat(field(table, m, M_KU)), LAW_KU);
  v128.store(LAW, f64x2.splat(field(table, m, M_INV_CF)), LAW_INV_CF);
  v128.store(LAW, f64x2.splat(field(table, m, M_INV_CM)), LAW_INV_CM);
  v128.store(LAW, f64x2.splat(field(table, m, M_INV_CU)), LAW_INV_CU);
  v128.store(LAW, f64x2.splat(field(table, m, M_INV_HLIQ)), LAW_INV_HLIQ);
  const w = field(table, m, M_W);
  v128.store(LAW, f64x2.splat(w), LAW_W);
  // Per cell the one-cell law computes W·T_a + q_m the same way: the same value.
  v128.store(LAW, f64x2.splat(w * field(table, m, M_TA) + field(table, m, M_QM)), LAW_WSRC);
  store<i32>(LAW + LAW_STASIS, field(table, m, M_STASIS) != 0 ? 1 : 0);
  store<i32>(LAW + LAW_TABLE, field(table, m, M_TAB) != 0 ? 1 : 0);
}

/** Whether the material of pair law `law` has a tabulated frozen branch (the pair law does not cover it). */
@inline export function lawTabulated(law: usize): bool {
  return load<i32>(law + LAW_TABLE) != 0;
}

/**
 * The perfusion sink and source (PA = f_l·W, PB = f_l·(W·T_a + q_m)) of a pair with liquid
 * fractions fl, stored at paAt and pbAt; with `frozenFlags` (two u8 flags, as loaded by u16) the
 * material's stasis rule turns perfusion off in frozen cells.
 */
@inline export function pairPerfusion(law: usize, fl: v128, frozenFlags: u32, paAt: usize, pbAt: usize): void {
  if (load<i32>(law + LAW_STASIS) != 0) {
    const frozen = i64x2.replace_lane(i64x2.splat((frozenFlags & 0xff) != 0 ? -1 : 0), 1, (frozenFlags & 0xff00) != 0 ? -1 : 0);
    fl = v128.andnot(fl, frozen);
  }
  v128.store(paAt, f64x2.mul(fl, v128.load(law + LAW_W)));
  v128.store(pbAt, f64x2.mul(fl, v128.load(law + LAW_WSRC)));
}

/**
 * enthalpyState for two cells of one material with constant frozen properties (no table), on
 * the two lanes of an f64x2: every branch is evaluated and the cell's own selected, each with
 * the one-cell law's operations in its order, so the results are the same bits. The material's
 * constants come from its pair law (pairLaw). Stores the temperatures at `tAt` and
 * conductivities at `kAt` (two f64 each), and with `capAt` not 0 the capacities dH/dT; returns
 * the liquid fractions.
 */
@inline export function enthalpyStatePair(law: usize, h: v128, tAt: usize, kAt: usize, capAt: usize): v128 {
  const hLiq = v128.load(law + LAW_HLIQ);
  const tSol = v128.load(law + LAW_TSOL);
  const kf = v128.load(law + LAW_KF);
  const ku = v128.load(law + LAW_KU);
  const invCf = v128.load(law + LAW_INV_CF);
  const invCm = v128.load(law + LAW_INV_CM);
  const invCu = v128.load(law + LAW_INV_CU);
  const frozen = f64x2.le(h, f64x2.splat(0));
  // Not below the liquidus (a NaN enthalpy takes the unfrozen branch, as in the one-cell law).
  const unfrozen = v128.not(f64x2.lt(h, hLiq));
  const flM = f64x2.mul(h, v128.load(law + LAW_INV_HLIQ));
  const tM = f64x2.add(tSol, f64x2.mul(h, invCm));
  const kM = f64x2.add(kf, f64x2.mul(flM, f64x2.sub(ku, kf)));
  const tF = f64x2.add(tSol, f64x2.mul(h, invCf));
  const tU = f64x2.add(v128.load(law + LAW_TLIQ), f64x2.mul(f64x2.sub(h, hLiq), invCu));
  v128.store(tAt, v128.bitselect(tF, v128.bitselect(tU, tM, unfrozen), frozen));
  v128.store(kAt, v128.bitselect(kf, v128.bitselect(ku, kM, unfrozen), frozen));
  if (capAt != 0) {
    const invC = v128.bitselect(invCf, v128.bitselect(invCu, invCm, unfrozen), frozen);
    v128.store(capAt, f64x2.div(f64x2.splat(1.0), invC));
  }
  return v128.bitselect(f64x2.splat(0), v128.bitselect(f64x2.splat(1), flM, unfrozen), frozen);
}
