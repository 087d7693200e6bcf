/**
 * The f32 SIMD kernel's per-material row (kernel-simd.ts): constants derived once per material
 * from the material table, f64 each, ROW_STRIDE per material (written by workers/engine/simulation.ts).
 * The kernel exports them as globals; wasm/write-layouts.mjs writes the hosts' copies from this file (npm run build:layouts, part of build:wasm).
 */
export const ROW_STRIDE: i32 = 18;
export const R_CF0: i32 = 0; // T = R_CF0 + H'·R_INV_CF when frozen
export const R_CM0: i32 = 1; // mushy
export const R_CU0: i32 = 2; // unfrozen
export const R_INV_CF: i32 = 3;
export const R_INV_CM: i32 = 4;
export const R_INV_CU: i32 = 5;
export const R_HSOL: i32 = 6; // H' at the solidus
export const R_HLIQ: i32 = 7; // H' at the liquidus
export const R_FL0: i32 = 8; // f_l = R_FL0 + H'·R_INV_HLIQ in the mushy zone
export const R_INV_HLIQ: i32 = 9;
export const R_KF: i32 = 10;
export const R_DK: i32 = 11; // k_u − k_f
export const R_W: i32 = 12;
export const R_WTAQ: i32 = 13; // W·T_a + q_m
export const R_STASIS: i32 = 14;
// Tabulated frozen branch: byte offset of the material's nodes (0: constant frozen properties),
// node count, 1/ΔH. Node j (16 bytes, at H' = R_HSOL − j·ΔH): T_j, k_j, T_{j+1} − T_j, k_{j+1} − k_j.
export const R_TAB: i32 = 15;
export const R_TAB_N: i32 = 16;
export const R_TAB_INV_DH: i32 = 17;
