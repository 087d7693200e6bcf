/**
 * Tissue properties → the kernel's material table, and the piecewise-linear
 * enthalpy H(T) of physics.md §1 (H = 0 at the solidus). Material 0 is the
 * inactive material (halo, probe, vessel and shaft cells): zero conductivity,
 * so no heat crosses its faces.
 */
import type { TissueProps } from '../../scenarios/schema.ts';
import { MAT, MAT_STRIDE } from '../../wasm/kernel-host.ts';

/** Heat capacity of the mushy zone, latent heat spread evenly over solidus..liquidus. */
export function mushyCapacity(p: TissueProps): number {
  return (p.c_frozen_j_m3k + p.c_unfrozen_j_m3k) / 2 + p.latent_j_m3 / (p.liquidus_c - p.solidus_c);
}

/** Volumetric enthalpy (J/m³) at temperature tempC. */
export function enthalpyAt(p: TissueProps, tempC: number): number {
  const cm = mushyCapacity(p);
  if (tempC <= p.solidus_c) return p.c_frozen_j_m3k * (tempC - p.solidus_c);
  if (tempC < p.liquidus_c) return cm * (tempC - p.solidus_c);
  return cm * (p.liquidus_c - p.solidus_c) + p.c_unfrozen_j_m3k * (tempC - p.liquidus_c);
}

/** Smallest dH/dT of a material: what bounds the explicit time step. */
export function minCapacity(p: TissueProps): number {
  return Math.min(p.c_frozen_j_m3k, p.c_unfrozen_j_m3k, mushyCapacity(p));
}

/**
 * Perfusion f_l·W·(T_a − T) and the bath exchange f_l·h_v·(T_bath − T) have one form, so the
 * kernels see their sum: a sink per kelvin W + h_v and a source W·T_a + q_m + h_v·T_bath.
 * Both stop where frozen; the energy balance books them together as `sources`.
 */
export function sinkPerKelvin(p: TissueProps): number {
  return p.perfusion_w_m3k + p.bath_exchange_w_m3k;
}

export function sourceAtZeroC(p: TissueProps): number {
  return p.perfusion_w_m3k * p.arterial_c + p.metabolic_w_m3 + p.bath_exchange_w_m3k * p.bath_c;
}

export function maxConductivity(p: TissueProps): number {
  return Math.max(p.k_frozen_w_mk, p.k_unfrozen_w_mk);
}

/** Fills the table: row 0 inactive, row m+1 = materials[m]. */
export function fillMaterialTable(table: Float64Array, materials: TissueProps[]): void {
  table.fill(0);
  materials.forEach((p, m) => {
    const r = (m + 1) * MAT_STRIDE;
    const cm = mushyCapacity(p);
    const hLiq = cm * (p.liquidus_c - p.solidus_c);
    table[r + MAT.TSOL] = p.solidus_c;
    table[r + MAT.TLIQ] = p.liquidus_c;
    table[r + MAT.HLIQ] = hLiq;
    table[r + MAT.INV_CF] = 1 / p.c_frozen_j_m3k;
    table[r + MAT.INV_CM] = 1 / cm;
    table[r + MAT.INV_CU] = 1 / p.c_unfrozen_j_m3k;
    table[r + MAT.INV_HLIQ] = hLiq > 0 ? 1 / hLiq : 0;
    table[r + MAT.KF] = p.k_frozen_w_mk;
    table[r + MAT.KU] = p.k_unfrozen_w_mk;
    // The kernel's source is f_l·(W·T_a + q_m − W·T): fold the bath into W and q_m (exact when h_v = 0).
    table[r + MAT.W] = sinkPerKelvin(p);
    table[r + MAT.TA] = p.arterial_c;
    table[r + MAT.QM] = p.metabolic_w_m3 + p.bath_exchange_w_m3k * (p.bath_c - p.arterial_c);
    table[r + MAT.STASIS] = p.perfusion_after_thaw === 'stasis' ? 1 : 0;
  });
}
