/**
 * Solid objects in the grid's own 2D coordinates (a, z): a = r in axisymmetric
 * mode, x in planar mode. Each shape gives a signed distance (negative inside),
 * used to classify cells and to find where a grid line crosses the surface.
 */
import type { Probe, Vessel } from '../../scenarios/schema.ts';

export interface Shape {
  /** signed distance (mm) from (a, z) to the surface; negative inside */
  sdf(aMm: number, zMm: number): number;
}

/** The cold active segment of a probe: a capped cylinder on the axis, or a circle in planar mode. */
export function probeShape(mode: 'axisymmetric' | 'planar', p: Probe): Shape {
  const radius = p.diameter_mm / 2;
  if (mode === 'planar') {
    const [xc, , zc] = p.tip_mm;
    return { sdf: (a, z) => Math.hypot(a - xc, z - zc) - radius };
  }
  const zTip = p.tip_mm[2];
  const zTop = zTip - p.active_length_mm;
  const zMid = (zTip + zTop) / 2;
  const half = p.active_length_mm / 2;
  return {
    sdf: (r, z) => {
      const dr = r - radius;
      const dz = Math.abs(z - zMid) - half;
      return Math.min(Math.max(dr, dz), 0) + Math.hypot(Math.max(dr, 0), Math.max(dz, 0));
    },
  };
}

/** True where (r, z) lies in the probe's warm shaft (axisymmetric only: between skin and active segment). */
export function inShaft(mode: 'axisymmetric' | 'planar', p: Probe, aMm: number, zMm: number): boolean {
  if (mode !== 'axisymmetric') return false;
  const zTop = p.tip_mm[2] - p.active_length_mm;
  return aMm < p.diameter_mm / 2 && zMm < zTop;
}

/** A vessel crossing the planar section: a circle. */
export function vesselShape(v: Vessel): Shape {
  const [xc, , zc] = v.center_mm;
  const radius = v.diameter_mm / 2;
  return { sdf: (a, z) => Math.hypot(a - xc, z - zc) - radius };
}

/**
 * Distance (mm) from (a, z) along the unit grid direction (da, dz) to the first
 * point inside `shape`, searched up to maxMm; null if none.
 */
export function rayToSurface(shape: Shape, aMm: number, zMm: number, da: number, dz: number, maxMm: number): number | null {
  const steps = 64;
  let prev = 0;
  for (let s = 1; s <= steps; s++) {
    const t = (maxMm * s) / steps;
    if (shape.sdf(aMm + da * t, zMm + dz * t) <= 0) {
      let lo = prev;
      let hi = t;
      for (let it = 0; it < 50; it++) {
        const mid = (lo + hi) / 2;
        if (shape.sdf(aMm + da * mid, zMm + dz * mid) <= 0) hi = mid;
        else lo = mid;
      }
      return hi;
    }
    prev = t;
  }
  return null;
}
