/**
 * Tissue properties → the kernel's material table, and the enthalpy H(T) of physics.md §1
 * (H = 0 at the solidus): piecewise linear, except below the solidus when the frozen
 * properties depend on temperature (frozen-properties.ts). Material 0 is the inactive
 * material (halo, probe, vessel and shaft cells): zero conductivity, so no heat crosses its faces.
 */
import type { TissueProps } from '../../scenarios/schema.ts';
import { FROZEN_NODE_BYTES, MAT, MAT_STRIDE } from '../../wasm/kernel-host.ts';
import { cFrozenAtSolidus, frozenEnthalpy, kFrozenAtSolidus } from '../../scenarios/frozen-properties.ts';
import { tableExtremes, type FrozenTable } from './frozen-table.ts';

/** Heat capacity of the mushy zone, latent heat spread evenly over solidus..liquidus. */
export function mushyCapacity(p: TissueProps): number {
  return (cFrozenAtSolidus(p) + p.c_unfrozen_j_m3k) / 2 + p.latent_j_m3 / (p.liquidus_c - p.solidus_c);
}

/** Volumetric enthalpy (J/m³) at temperature tempC. */
export function enthalpyAt(p: TissueProps, tempC: number): number {
  const cm = mushyCapacity(p);
  if (tempC <= p.solidus_c) return frozenEnthalpy(p, tempC);
  if (tempC < p.liquidus_c) return cm * (tempC - p.solidus_c);
  return cm * (p.liquidus_c - p.solidus_c) + p.c_unfrozen_j_m3k * (tempC - p.liquidus_c);
}

/** Smallest dH/dT of a material: what bounds the explicit time step (with a table, the smallest it reaches). */
export function minCapacity(p: TissueProps, frozen: FrozenTable | null = null): number {
  const cFrozen = frozen ? tableExtremes(frozen).cMin : p.c_frozen_j_m3k;
  return Math.min(cFrozen, p.c_unfrozen_j_m3k, mushyCapacity(p));
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

/** Largest conductivity of a material (with a table, the largest it reaches). */
export function maxConductivity(p: TissueProps, frozen: FrozenTable | null = null): number {
  return Math.max(frozen ? tableExtremes(frozen).kMax : p.k_frozen_w_mk, kFrozenAtSolidus(p), p.k_unfrozen_w_mk);
}

/** First node of each material's table when they are laid out one after another (-1: none), and the total. */
export function frozenTableStarts(tables: readonly (FrozenTable | null)[]): { starts: number[]; nodes: number } {
  let nodes = 0;
  const starts = tables.map((t) => {
    if (!t) return -1;
    const at = nodes;
    nodes += t.t.length;
    return at;
  });
  return { starts, nodes };
}

/**
 * Fills the f64 kernel's tables: material row 0 inactive, row m+1 = materials[m]; `frozen[m]`
 * (null: constant frozen properties) goes into `frozenView`, which starts at byte `frozenOffset`.
 */
export function fillMaterialTable(
  table: Float64Array,
  materials: TissueProps[],
  frozen: readonly (FrozenTable | null)[] = [],
  frozenView?: Float64Array,
  frozenOffset = 0,
): void {
  table.fill(0);
  const { starts } = frozenTableStarts(frozen);
  materials.forEach((p, m) => {
    const r = (m + 1) * MAT_STRIDE;
    const cm = mushyCapacity(p);
    const hLiq = cm * (p.liquidus_c - p.solidus_c);
    const tab = frozen[m];
    if (tab && frozenView) {
      const n = tab.t.length;
      frozenView.set(tab.t, 2 * starts[m]);
      frozenView.set(tab.k, 2 * starts[m] + n);
      table[r + MAT.TAB] = frozenOffset + starts[m] * FROZEN_NODE_BYTES;
      table[r + MAT.TAB_N] = n;
      table[r + MAT.TAB_INV_DH] = 1 / tab.dH;
    }
    table[r + MAT.TSOL] = p.solidus_c;
    table[r + MAT.TLIQ] = p.liquidus_c;
    table[r + MAT.HLIQ] = hLiq;
    table[r + MAT.INV_CF] = 1 / cFrozenAtSolidus(p);
    table[r + MAT.INV_CM] = 1 / cm;
    table[r + MAT.INV_CU] = 1 / p.c_unfrozen_j_m3k;
    table[r + MAT.INV_HLIQ] = hLiq > 0 ? 1 / hLiq : 0;
    table[r + MAT.KF] = kFrozenAtSolidus(p);
    table[r + MAT.KU] = p.k_unfrozen_w_mk;
    // The kernel's source is f_l·(W·T_a + q_m − W·T): fold the bath into W and q_m (exact when h_v = 0).
    table[r + MAT.W] = sinkPerKelvin(p);
    table[r + MAT.TA] = p.arterial_c;
    table[r + MAT.QM] = p.metabolic_w_m3 + p.bath_exchange_w_m3k * (p.bath_c - p.arterial_c);
    table[r + MAT.STASIS] = p.perfusion_after_thaw === 'stasis' ? 1 : 0;
  });
}
