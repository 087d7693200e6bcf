/**
 * The nerve's cross-section at its closest approach to the first probe, as a
 * set of equal-area sample points, and how much of it has been cold enough.
 * Coverage uses each point's coldest temperature over the run; "first full" is
 * the first moment every point was at or below the threshold at once.
 */
import type { Nerve, Probe, Vec3 } from '../../../scenarios/schema.ts';

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const unit = (a: Vec3): Vec3 => scale(a, 1 / Math.hypot(...a));

/** Point on the nerve axis closest to the probe's active segment (the nerve centre if there is no probe). */
export function closestApproach(nerve: Nerve, probe: Probe | null, planar: boolean): Vec3 {
  if (!probe || planar) return nerve.center_mm;
  const u = unit(nerve.direction);
  const v = unit(probe.direction);
  const q1 = probe.tip_mm;
  const q0 = sub(q1, scale(v, probe.active_length_mm));
  let best = { d: Infinity, p: nerve.center_mm };
  // Minimise over the probe segment: for each point on it the nearest nerve point is a projection.
  for (let s = 0; s <= 200; s++) {
    const q = add(q0, scale(sub(q1, q0), s / 200));
    const t = dot(sub(q, nerve.center_mm), u);
    const p = add(nerve.center_mm, scale(u, t));
    const d = Math.hypot(...sub(p, q));
    if (d < best.d - 1e-12) best = { d, p };
  }
  return best.p;
}

/** Equal-area sample points (3D, mm) filling the nerve's circular cross-section at `centre`. */
export function crossSectionPoints(nerve: Nerve, centre: Vec3, perDiameter = 24): Vec3[] {
  const u = unit(nerve.direction);
  const helper: Vec3 = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 0, 1];
  const e1 = unit(cross(u, helper));
  const e2 = cross(u, e1);
  const radius = nerve.diameter_mm / 2;
  const pts: Vec3[] = [];
  const h = nerve.diameter_mm / perDiameter;
  for (let a = -radius + h / 2; a < radius; a += h) {
    for (let b = -radius + h / 2; b < radius; b += h) {
      if (a * a + b * b <= radius * radius) pts.push(add(centre, add(scale(e1, a), scale(e2, b))));
    }
  }
  return pts.length > 0 ? pts : [centre];
}
