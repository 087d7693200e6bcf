/**
 * Table layouts the host writes once and every kernel reads (kernel.ts, boundary-links.ts,
 * implicit.ts): one definition, so the kernels cannot drift apart. Every kernel exports these
 * constants as globals. wasm/write-layouts.mjs writes the hosts' copies from this file (npm run build:layouts, part of build:wasm);
 * tests/kernel/layout-pins.test.ts checks the copies are current and equal every build's exports.
 */

// ---- materials (f64 table, MAT_STRIDE values per material) --------------
export const MAT_STRIDE: i32 = 16;
export const M_TSOL: i32 = 0;
export const M_TLIQ: i32 = 1;
export const M_HLIQ: i32 = 2;
export const M_INV_CF: i32 = 3;
export const M_INV_CM: i32 = 4;
export const M_INV_CU: i32 = 5;
export const M_INV_HLIQ: i32 = 6;
export const M_KF: i32 = 7;
export const M_KU: i32 = 8;
export const M_W: i32 = 9;
export const M_TA: i32 = 10;
export const M_QM: i32 = 11;
export const M_STASIS: i32 = 12;
// Tabulated frozen branch (temperature-dependent frozen properties): byte offset of the
// material's table (0: constant properties, T = T_sol + H/C_f and k = k_f), node count, 1/ΔH.
// The table holds N temperatures, then N conductivities, at H = 0, −ΔH, −2ΔH, …
export const M_TAB: i32 = 13;
export const M_TAB_N: i32 = 14;
export const M_TAB_INV_DH: i32 = 15;

// ---- boundary-link owners (f64 table, OWN_STRIDE values per owner) -----
export const OWN_STRIDE: i32 = 8;
export const O_MODE: i32 = 0; // one of OM_*
export const O_TFINAL: i32 = 1;
export const O_TSTART: i32 = 2;
export const O_TSTART_S: i32 = 3;
export const O_INV_TAU: i32 = 4;
export const O_INV_H: i32 = 5;
export const O_Q: i32 = 6; // W/m, negative extracts heat
export const O_TREF: i32 = 7; // scratch: reference temperature at the current step

// O_MODE values: what a boundary link of this owner does.
export const OM_ADIABATIC: i32 = 0;
export const OM_TEMPERATURE: i32 = 1; // towards the owner's temperature through the film 1/h and the half cell
export const OM_LINE_POWER: i32 = 2; // a fixed power per length
