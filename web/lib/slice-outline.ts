/**
 * Where an infinite cylinder (a vessel or nerve) cuts the map's x–z plane at y = sliceY: an
 * ellipse when it crosses the plane (a circle when it runs along y, as in planar mode), a band
 * when it lies in the plane, nothing when it runs beside the plane without touching it. The
 * outline is an SVG path in millimetres, clipped to the map's domain, for a Plotly shape.
 */
export type Vec3 = readonly [number, number, number] | readonly number[];

export interface SliceOutline {
  kind: 'ellipse' | 'band';
  /** closed SVG path in the map's (lateral x, depth z) millimetres */
  path: string;
  /** centre of the cut (on the axis), for a label */
  centre: [number, number];
}

/** Corners of the ellipse polygon: smooth at map sizes, small in the SVG export. */
const ELLIPSE_POINTS = 48;

/** The map's domain (mm): outlines are clipped to it, so a band stops where the field does. */
export interface Domain {
  x0: number;
  x1: number;
  z0: number;
  z1: number;
}

export function cylinderInSlice(center: Vec3, direction: Vec3, diameterMm: number, sliceY: number, domain: Domain): SliceOutline | null {
  const cut = cutPolygon(center, direction, diameterMm, sliceY, Math.hypot(domain.x1 - domain.x0, domain.z1 - domain.z0) + Math.hypot(center[0], center[2]));
  if (!cut) return null;
  const kept = clipToDomain(cut.points, domain);
  if (kept.length < 3) return null;
  return { kind: cut.kind, centre: cut.centre, path: `M ${kept.map(([x, z]) => `${fmt(x)},${fmt(z)}`).join(' L ')} Z` };
}

type Pt = [number, number];

function cutPolygon(center: Vec3, direction: Vec3, diameterMm: number, sliceY: number, extentMm: number): { kind: SliceOutline['kind']; points: Pt[]; centre: Pt } | null {
  const norm = Math.hypot(direction[0], direction[1], direction[2]);
  if (!(norm > 0) || !(diameterMm > 0)) return null;
  const [dx, dy, dz] = [direction[0] / norm, direction[1] / norm, direction[2] / norm];
  const r = diameterMm / 2;
  const inPlane = Math.hypot(dx, dz);
  if (Math.abs(dy) < 1e-9) {
    // Parallel to the plane: the cut is a band of half-width √(r² − gap²), or nothing.
    const gap = sliceY - center[1];
    if (Math.abs(gap) >= r) return null;
    const w = Math.sqrt(r * r - gap * gap);
    const [ux, uz] = [dx / inPlane, dz / inPlane];
    const [nx, nz] = [-uz, ux];
    const corner = (s: number, t: number): Pt => [center[0] + s * ux + t * nx, center[2] + s * uz + t * nz];
    const L = extentMm;
    return { kind: 'band', points: [corner(-L, -w), corner(L, -w), corner(L, w), corner(-L, w)], centre: [center[0], center[2]] };
  }
  // Crossing the plane: the axis meets it at a; across the projected direction the cut is r
  // wide, along it r/|dy| (a cylinder cut at a slant).
  const k = (sliceY - center[1]) / dy;
  const ax = center[0] + k * dx;
  const az = center[2] + k * dz;
  const [ux, uz] = inPlane > 1e-12 ? [dx / inPlane, dz / inPlane] : [1, 0];
  const [nx, nz] = [-uz, ux];
  const along = r / Math.abs(dy);
  const points: Pt[] = [];
  for (let i = 0; i < ELLIPSE_POINTS; i++) {
    const th = (2 * Math.PI * i) / ELLIPSE_POINTS;
    const s = along * Math.cos(th);
    const t = r * Math.sin(th);
    points.push([ax + s * ux + t * nx, az + s * uz + t * nz]);
  }
  return { kind: 'ellipse', points, centre: [ax, az] };
}

/** Sutherland–Hodgman against the domain's four edges (both outlines are convex). */
function clipToDomain(points: Pt[], d: Domain): Pt[] {
  const edges: ((p: Pt) => number)[] = [(p) => p[0] - d.x0, (p) => d.x1 - p[0], (p) => p[1] - d.z0, (p) => d.z1 - p[1]];
  let out = points;
  for (const inside of edges) {
    const next: Pt[] = [];
    for (let i = 0; i < out.length; i++) {
      const a = out[i];
      const b = out[(i + 1) % out.length];
      const fa = inside(a);
      const fb = inside(b);
      if (fa >= 0) next.push(a);
      if ((fa >= 0) !== (fb >= 0)) {
        const t = fa / (fa - fb);
        next.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      }
    }
    out = next;
    if (out.length === 0) break;
  }
  return out;
}

function fmt(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}
