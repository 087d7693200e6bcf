/**
 * Size of the region at or below an isotherm, located between cell centres by
 * linear interpolation (contract: radius, length, top/bottom depth, volume or
 * area). The field is taken as piecewise linear between cell centres along each
 * grid line and constant over the outer half cells.
 */
import { sampleField, type Field } from './field.ts';
import { walkBelow } from './field-walk.ts';
import { intervalsBelow } from './intervals.ts';
import { scratchF64 } from './scratch-arrays.ts';

export interface IsothermSize {
  radiusMm: number | null;
  lengthMm: number | null;
  topDepthMm: number | null;
  bottomDepthMm: number | null;
  /** axisymmetric: ml; planar: mm² */
  amount: number;
}

/**
 * axis: the probe axis in grid coordinates — for axisymmetric the r = 0 line (radius = largest r);
 * for planar the probe centre (aMm, zMm) (radius = largest distance from it), or null.
 */
export function isothermSize(
  f: Field, level: number, mode: 'axisymmetric' | 'planar', axis: { aMm: number; zMm: number } | null,
): IsothermSize {
  const d = f.spacingMm;
  let amount = 0;
  let radius = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  const consider = (a: number, z: number) => {
    if (mode === 'axisymmetric') radius = Math.max(radius, a);
    else if (axis) radius = Math.max(radius, Math.hypot(a - axis.aMm, z - axis.zMm));
  };
  walkBelow(f, level, [0, 2], (along, from, to, i, _j, k) => {
    if (along === 0) {
      amount += mode === 'axisymmetric' ? Math.PI * (to * to - from * from) * d : (to - from) * d;
      const z = d / 2 + k * d;
      consider(from, z);
      consider(to, z);
    } else {
      top = Math.min(top, from);
      bottom = Math.max(bottom, to);
      const a = f.x0Mm + i * d;
      consider(a, from);
      consider(a, to);
    }
  });
  const empty = top === Infinity;
  return {
    radiusMm: empty || radius === -Infinity ? null : radius,
    lengthMm: empty || mode !== 'axisymmetric' ? null : bottom - top,
    topDepthMm: empty ? null : top,
    bottomDepthMm: empty ? null : bottom,
    amount: mode === 'axisymmetric' ? amount / 1000 : amount,
  };
}

/**
 * Mid-probe radius (contract `mid_radius_mm`): how far the region ≤ level reaches from the probe
 * axis along the row at depth zMm (the middle of the first probe's active segment; in planar
 * mode the probe's centre) — what a row of thermocouples there would see. The field is
 * interpolated linearly in depth to zMm, then located between cell centres as radius_mm is.
 * Axisymmetric: the largest r of the row at or below the level; planar: the largest |x − aMm|.
 */
export function midRadiusMm(f: Field, level: number, mode: 'axisymmetric' | 'planar', axis: { aMm: number; zMm: number }): number | null {
  const row = scratchF64('midRadius.row', f.nx);
  const rowSide = scratchF64('midRadius.rowSide', f.nx);
  const sides: Field = { ...f, values: f.sideC ?? f.values };
  for (let i = 0; i < f.nx; i++) {
    row[i] = sampleField(f, f.x0Mm + i * f.spacingMm, axis.zMm);
    rowSide[i] = sampleField(sides, f.x0Mm + i * f.spacingMm, axis.zMm);
  }
  let radius: number | null = null;
  for (const [a0, a1] of intervalsBelow(row, f.x0Mm, f.spacingMm, level, rowSide)) {
    const r = mode === 'axisymmetric' ? a1 : Math.max(Math.abs(a0 - axis.aMm), Math.abs(a1 - axis.aMm));
    radius = Math.max(radius ?? 0, r);
  }
  return radius;
}
