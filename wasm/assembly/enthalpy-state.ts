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
import { MAT_STRIDE, M_TSOL, M_TLIQ, M_HLIQ, M_INV_CF, M_INV_CM, M_INV_CU, M_INV_HLIQ, M_KF, M_KU, M_TAB, M_TAB_N, M_TAB_INV_DH } from './layout';

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

/**
 * enthalpyState for two cells of one material with constant frozen properties (no table), on
 * the two lanes of an f64x2: every branch is evaluated and the cell's own selected, each with
 * the one-cell law's operations in its order, so the results are the same bits. The material's
 * constants come splatted (lawLanes: the callers load them once per run of cells of one
 * material, not per pair). Stores the temperatures at `tAt` and conductivities at `kAt` (two
 * f64 each), and with `capAt` not 0 the capacities dH/dT; returns the liquid fractions.
 */
@inline export function enthalpyStatePair(
  h: v128, tAt: usize, kAt: usize, capAt: usize,
  hLiq: v128, tSol: v128, tLiq: v128, kf: v128, ku: v128, invCf: v128, invCm: v128, invCu: v128, invHLiq: v128,
): v128 {
  const frozen = f64x2.le(h, f64x2.splat(0));
  // Not below the liquidus (a NaN enthalpy takes the unfrozen branch, as in the one-cell law).
  const unfrozen = v128.not(f64x2.lt(h, hLiq));
  const flM = f64x2.mul(h, invHLiq);
  const tM = f64x2.add(tSol, f64x2.mul(h, invCm));
  const kM = f64x2.add(kf, f64x2.mul(flM, f64x2.sub(ku, kf)));
  const tF = f64x2.add(tSol, f64x2.mul(h, invCf));
  const tU = f64x2.add(tLiq, f64x2.mul(f64x2.sub(h, hLiq), invCu));
  v128.store(tAt, v128.bitselect(tF, v128.bitselect(tU, tM, unfrozen), frozen));
  v128.store(kAt, v128.bitselect(kf, v128.bitselect(ku, kM, unfrozen), frozen));
  if (capAt != 0) {
    const invC = v128.bitselect(invCf, v128.bitselect(invCu, invCm, unfrozen), frozen);
    v128.store(capAt, f64x2.div(f64x2.splat(1.0), invC));
  }
  return v128.bitselect(f64x2.splat(0), v128.bitselect(f64x2.splat(1), flM, unfrozen), frozen);
}

/** Material m's constant of the enthalpy law at `f` (an M_* field), on both lanes. */
@inline export function lawLane(table: usize, m: i32, f: i32): v128 {
  return f64x2.splat(field(table, m, f));
}
