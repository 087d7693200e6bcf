/**
 * Where an infinite cylinder (a vessel or nerve) cuts the map's x–z plane at y = sliceY: an
 * ellipse when it crosses the plane (a circle when it runs along y, as in planar mode), a band
 * when it lies in the plane, nothing when it runs beside the plane without touching it. The
 * outline is an SVG path in millimetres, for a Plotly shape.
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

/**
 * `extentMm`: a length longer than the map's diagonal, so a band spans the whole map without
 * stretching the axes (Plotly autoranges over shapes when the user resets the view).
 */
export function cylinderInSlice(center: Vec3, direction: Vec3, diameterMm: number, sliceY: number, extentMm: number): SliceOutline | null {
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
    const corner = (s: number, t: number) => `${fmt(center[0] + s * ux + t * nx)},${fmt(center[2] + s * uz + t * nz)}`;
    const L = extentMm;
    return { kind: 'band', path: `M ${corner(-L, -w)} L ${corner(L, -w)} L ${corner(L, w)} L ${corner(-L, w)} Z`, centre: [center[0], center[2]] };
  }
  // Crossing the plane: the axis meets it at a; across the projected direction the cut is r
  // wide, along it r/|dy| (a cylinder cut at a slant).
  const k = (sliceY - center[1]) / dy;
  const ax = center[0] + k * dx;
  const az = center[2] + k * dz;
  const [ux, uz] = inPlane > 1e-12 ? [dx / inPlane, dz / inPlane] : [1, 0];
  const [nx, nz] = [-uz, ux];
  const along = r / Math.abs(dy);
  const pts: string[] = [];
  for (let i = 0; i < ELLIPSE_POINTS; i++) {
    const th = (2 * Math.PI * i) / ELLIPSE_POINTS;
    const s = along * Math.cos(th);
    const t = r * Math.sin(th);
    pts.push(`${fmt(ax + s * ux + t * nx)},${fmt(az + s * uz + t * nz)}`);
  }
  return { kind: 'ellipse', path: `M ${pts.join(' L ')} Z`, centre: [ax, az] };
}

function fmt(v: number): string {
  return String(Math.round(v * 1e4) / 1e4);
}
