/**
 * Size of the region at or below an isotherm, located between cell centres by
 * linear interpolation (contract: radius, length, top/bottom depth, volume or
 * area). The field is taken as piecewise linear between cell centres along each
 * grid line and constant over the outer half cells.
 */
import { sampleField, type Field } from './field.ts';

export interface IsothermSize {
  radiusMm: number | null;
  lengthMm: number | null;
  topDepthMm: number | null;
  bottomDepthMm: number | null;
  /** axisymmetric: ml; planar: mm² */
  amount: number;
}

/** Intervals of coordinate where a 1D piecewise-linear profile is ≤ level. */
export function intervalsBelow(values: ArrayLike<number>, first: number, step: number, level: number): [number, number][] {
  const n = values.length;
  const out: [number, number][] = [];
  const inside = (v: number) => v <= level; // NaN is never inside
  let open: number | null = inside(values[0]) ? first - step / 2 : null;
  for (let i = 0; i + 1 < n; i++) {
    const a = values[i];
    const b = values[i + 1];
    const x = first + i * step;
    const ia = inside(a);
    const ib = inside(b);
    if (ia === ib) continue;
    const cross = Number.isNaN(a) || Number.isNaN(b) ? x + step / 2 : x + ((level - a) / (b - a)) * step;
    if (ia) {
      out.push([open as number, cross]);
      open = null;
    } else open = cross;
  }
  if (open !== null) out.push([open, first + (n - 1) * step + step / 2]);
  return out;
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
  const col = new Float64Array(f.nz);
  // Only lines holding a value at or below the level have intervals: the row pass marks the
  // columns it meets there, and the column pass reads those alone (the cold is a small part of the grid).
  const coldColumn = new Uint8Array(f.nx);
  const consider = (a: number, z: number) => {
    if (mode === 'axisymmetric') radius = Math.max(radius, a);
    else if (axis) radius = Math.max(radius, Math.hypot(a - axis.aMm, z - axis.zMm));
  };
  const v = f.values;
  for (let k = 0; k < f.nz; k++) {
    const start = f.nx * k;
    let cold = false;
    for (let i = 0; i < f.nx; i++) {
      if (v[start + i] <= level) {
        coldColumn[i] = 1;
        cold = true;
      }
    }
    if (!cold) continue;
    const z = d / 2 + k * d;
    for (const [a0, a1] of intervalsBelow(v.subarray(start, start + f.nx), f.x0Mm, d, level)) {
      amount += mode === 'axisymmetric' ? Math.PI * (a1 * a1 - a0 * a0) * d : (a1 - a0) * d;
      consider(a0, z);
      consider(a1, z);
    }
  }
  for (let i = 0; i < f.nx; i++) {
    if (!coldColumn[i]) continue;
    for (let k = 0; k < f.nz; k++) col[k] = v[i + f.nx * k];
    const a = f.x0Mm + i * d;
    for (const [z0, z1] of intervalsBelow(col, d / 2, d, level)) {
      top = Math.min(top, z0);
      bottom = Math.max(bottom, z1);
      consider(a, z0);
      consider(a, z1);
    }
  }
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
  const row = new Float64Array(f.nx);
  for (let i = 0; i < f.nx; i++) row[i] = sampleField(f, f.x0Mm + i * f.spacingMm, axis.zMm);
  let radius: number | null = null;
  for (const [a0, a1] of intervalsBelow(row, f.x0Mm, f.spacingMm, level)) {
    const r = mode === 'axisymmetric' ? a1 : Math.max(Math.abs(a0 - axis.aMm), Math.abs(a1 - axis.aMm));
    radius = Math.max(radius ?? 0, r);
  }
  return radius;
}
