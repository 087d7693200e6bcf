/**
 * Solid objects as signed distance functions of a 3D point (mm; negative
 * inside), used to classify cells and to find where a grid line crosses a
 * surface. 2D modes evaluate them at the cell's 3D point: (r, 0, z) in
 * axisymmetric mode, (x, 0, z) in planar mode.
 */
import type { GeometryMode, Probe, Vec3, Vessel } from '../../scenarios/schema.ts';

export interface Shape {
  /** signed distance (mm) from p to the surface; negative inside */
  sdf(p: Vec3): number;
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const unit = (a: Vec3): Vec3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
};

/** Distance from p to the line through `origin` along unit `u`, and p's coordinate along it. */
function axial(p: Vec3, origin: Vec3, u: Vec3): { t: number; radial: number } {
  const d = sub(p, origin);
  const t = dot(d, u);
  return { t, radial: Math.hypot(d[0] - t * u[0], d[1] - t * u[1], d[2] - t * u[2]) };
}

/**
 * The cold active segment of a probe: a capped cylinder ending at the tip (axisymmetric, 3D),
 * or a cylinder of infinite length along y (planar: a circle in the section).
 */
export function probeShape(mode: GeometryMode, p: Probe): Shape {
  const radius = p.diameter_mm / 2;
  if (mode === 'planar') {
    const [xc, , zc] = p.tip_mm;
    return { sdf: ([x, , z]) => Math.hypot(x - xc, z - zc) - radius };
  }
  const u = unit(p.direction);
  const length = p.active_length_mm;
  const top: Vec3 = [p.tip_mm[0] - u[0] * length, p.tip_mm[1] - u[1] * length, p.tip_mm[2] - u[2] * length];
  return {
    sdf: (q) => {
      const { t, radial } = axial(q, top, u);
      const dr = radial - radius;
      const dz = Math.abs(t - length / 2) - length / 2;
      return Math.min(Math.max(dr, dz), 0) + Math.hypot(Math.max(dr, 0), Math.max(dz, 0));
    },
  };
}

/**
 * The warm shaft behind the active segment (axisymmetric, 3D): the probe's cylinder from the
 * top of the active segment back along the tract, out of the domain. Planar probes have none.
 */
export function shaftTest(mode: GeometryMode, p: Probe): ((q: Vec3) => boolean) | null {
  if (mode === 'planar') return null;
  const u = unit(p.direction);
  const radius = p.diameter_mm / 2;
  const top: Vec3 = [p.tip_mm[0] - u[0] * p.active_length_mm, p.tip_mm[1] - u[1] * p.active_length_mm, p.tip_mm[2] - u[2] * p.active_length_mm];
  return (q) => {
    const { t, radial } = axial(q, top, u);
    return t < 0 && radial < radius;
  };
}

/** A vessel: a cylinder of infinite length along its direction. */
export function vesselShape(v: Vessel): Shape {
  const u = unit(v.direction);
  const radius = v.diameter_mm / 2;
  return { sdf: (q) => axial(q, v.center_mm, u).radial - radius };
}

/**
 * Distance (mm) from p along the unit grid direction `dir` to the first point inside
 * `shape`, searched up to maxMm; null if none.
 */
export function rayToSurface(shape: Shape, p: Vec3, dir: Vec3, maxMm: number): number | null {
  const at = (t: number): Vec3 => [p[0] + dir[0] * t, p[1] + dir[1] * t, p[2] + dir[2] * t];
  const steps = 64;
  let prev = 0;
  for (let s = 1; s <= steps; s++) {
    const t = (maxMm * s) / steps;
    if (shape.sdf(at(t)) <= 0) {
      let lo = prev;
      let hi = t;
      for (let it = 0; it < 50; it++) {
        const mid = (lo + hi) / 2;
        if (shape.sdf(at(mid)) <= 0) hi = mid;
        else lo = mid;
      }
      return hi;
    }
    prev = t;
  }
  return null;
}
