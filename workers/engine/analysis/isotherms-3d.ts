/**
 * Size of the region at or below an isotherm in a 3D field: the field is taken as
 * piecewise linear between cell centres along every grid line (as in 2D,
 * isotherms.ts), the interval ends of all three scan directions are the region's
 * boundary points, and the x-row intervals give its volume.
 */
import type { Vec3 } from '../../../scenarios/schema.ts';
import type { Field } from './field.ts';
import { intervalsBelow, type IsothermSize } from './isotherms.ts';

/** `axis`: a point on the first probe's axis and its unit direction (radius and length are measured from it). */
export function isothermSize3d(f: Field, level: number, axis: { origin: Vec3; u: Vec3 } | null): IsothermSize {
  const d = f.spacingMm;
  const z0 = d / 2;
  let volumeMm3 = 0;
  let radius = -Infinity;
  let tMin = Infinity;
  let tMax = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  const consider = (x: number, y: number, z: number) => {
    top = Math.min(top, z);
    bottom = Math.max(bottom, z);
    if (!axis) return;
    const dx = x - axis.origin[0];
    const dy = y - axis.origin[1];
    const dz = z - axis.origin[2];
    const t = dx * axis.u[0] + dy * axis.u[1] + dz * axis.u[2];
    tMin = Math.min(tMin, t);
    tMax = Math.max(tMax, t);
    radius = Math.max(radius, Math.hypot(dx - t * axis.u[0], dy - t * axis.u[1], dz - t * axis.u[2]));
  };
  const at = (i: number, j: number, k: number) => f.values[i + f.nx * (j + f.ny * k)];
  const xs = new Float64Array(f.nx);
  const ys = new Float64Array(f.ny);
  const zs = new Float64Array(f.nz);
  for (let k = 0; k < f.nz; k++) {
    for (let j = 0; j < f.ny; j++) {
      for (let i = 0; i < f.nx; i++) xs[i] = at(i, j, k);
      const y = f.y0Mm + j * d;
      const z = z0 + k * d;
      for (const [a, b] of intervalsBelow(xs, f.x0Mm, d, level)) {
        volumeMm3 += (b - a) * d * d;
        consider(a, y, z);
        consider(b, y, z);
      }
    }
  }
  for (let k = 0; k < f.nz; k++) {
    for (let i = 0; i < f.nx; i++) {
      for (let j = 0; j < f.ny; j++) ys[j] = at(i, j, k);
      for (const [a, b] of intervalsBelow(ys, f.y0Mm, d, level)) {
        consider(f.x0Mm + i * d, a, z0 + k * d);
        consider(f.x0Mm + i * d, b, z0 + k * d);
      }
    }
  }
  for (let j = 0; j < f.ny; j++) {
    for (let i = 0; i < f.nx; i++) {
      for (let k = 0; k < f.nz; k++) zs[k] = at(i, j, k);
      for (const [a, b] of intervalsBelow(zs, z0, d, level)) {
        consider(f.x0Mm + i * d, f.y0Mm + j * d, a);
        consider(f.x0Mm + i * d, f.y0Mm + j * d, b);
      }
    }
  }
  const empty = top === Infinity;
  return {
    radiusMm: empty || !axis ? null : radius,
    lengthMm: empty || !axis ? null : tMax - tMin,
    topDepthMm: empty ? null : top,
    bottomDepthMm: empty ? null : bottom,
    amount: volumeMm3 / 1000,
  };
}
