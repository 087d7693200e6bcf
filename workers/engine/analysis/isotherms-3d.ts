/**
 * Size of the region at or below an isotherm in a 3D field: the field is taken as
 * piecewise linear between cell centres along every grid line (as in 2D,
 * isotherms.ts), the interval ends of all three scan directions are the region's
 * boundary points, and the x-row intervals give its volume.
 */
import type { Vec3 } from '../../../scenarios/schema.ts';
import { sampleField3, type Field } from './field.ts';
import { walkBelow } from './field-walk.ts';
import { intervalsBelow } from './intervals.ts';
import type { IsothermSize } from './isotherms.ts';

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
  const x0 = f.x0Mm;
  const y0 = f.y0Mm;
  walkBelow(f, level, [0, 1, 2], (along, from, to, i, j, k) => {
    if (along === 0) {
      volumeMm3 += (to - from) * d * d;
      const y = y0 + j * d;
      const z = z0 + k * d;
      consider(from, y, z);
      consider(to, y, z);
    } else if (along === 1) {
      consider(x0 + i * d, from, z0 + k * d);
      consider(x0 + i * d, to, z0 + k * d);
    } else {
      consider(x0 + i * d, y0 + j * d, from);
      consider(x0 + i * d, y0 + j * d, to);
    }
  });
  const empty = top === Infinity;
  return {
    radiusMm: empty || !axis ? null : radius,
    lengthMm: empty || !axis ? null : tMax - tMin,
    topDepthMm: empty ? null : top,
    bottomDepthMm: empty ? null : bottom,
    amount: volumeMm3 / 1000,
  };
}

/**
 * Mid-probe radius in 3D: the farthest point at or below `level` on four rays from `centre` (the
 * middle of the first probe's active segment) perpendicular to the probe axis `u` — ±e1 and ±e2,
 * which are ±x and ±y for a probe along z. Each ray is sampled trilinearly every half cell and
 * the level located between samples by linear interpolation (on grid-aligned rays the samples
 * include every cell centre, so this is the piecewise-linear profile radius_mm uses).
 */
export function midRadiusMm3d(f: Field, level: number, centre: Vec3, u: Vec3): number | null {
  const d = f.spacingMm;
  const [e1, e2] = perpendiculars(u);
  const lo = [f.x0Mm - d / 2, f.y0Mm - d / 2, 0];
  const hi = [f.x0Mm + (f.nx - 0.5) * d, f.y0Mm + (f.ny - 0.5) * d, f.nz * d];
  const reach = Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  const step = d / 2;
  const n = Math.ceil(reach / step) + 1;
  const profile = new Float64Array(n);
  const profileSide = new Float64Array(n);
  const sides: Field = { ...f, values: f.sideC ?? f.values };
  let radius: number | null = null;
  for (const e of [e1, e2]) {
    for (const sign of [1, -1]) {
      let last = 0;
      for (let k = 0; k < n; k++) {
        const p = [0, 1, 2].map((a) => centre[a] + sign * k * step * e[a]);
        const inside = p.every((v, a) => v >= lo[a] && v <= hi[a]);
        profile[k] = inside ? sampleField3(f, p) : NaN;
        profileSide[k] = inside ? sampleField3(sides, p) : NaN;
        if (inside) last = k;
      }
      for (const [, s1] of intervalsBelow(profile.subarray(0, last + 1), 0, step, level, profileSide.subarray(0, last + 1))) {
        // The outer half step intervalsBelow adds past the last sample lies outside the grid.
        radius = Math.max(radius ?? 0, Math.min(s1, last * step));
      }
    }
  }
  return radius;
}

/** Two unit vectors perpendicular to u and to each other: x and y for u along z. */
function perpendiculars(u: Vec3): [Vec3, Vec3] {
  const ref: Vec3 = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const dot = ref[0] * u[0] + ref[1] * u[1] + ref[2] * u[2];
  const a: Vec3 = [ref[0] - dot * u[0], ref[1] - dot * u[1], ref[2] - dot * u[2]];
  const len = Math.hypot(a[0], a[1], a[2]);
  const e1: Vec3 = [a[0] / len, a[1] / len, a[2] / len];
  const e2: Vec3 = [u[1] * e1[2] - u[2] * e1[1], u[2] * e1[0] - u[0] * e1[2], u[0] * e1[1] - u[1] * e1[0]];
  return [e1, e2];
}
