/**
 * The nerve cross-section everything about the nerve refers to: the verdict's
 * coverage, the chart's picture of the zones at the nerve and the temperature
 * histories' nerve sensors. It lies at the nerve's closest approach to the first
 * probe's cold segment, with one axis pointing away from the probe and the other
 * toward depth, and is sampled at equal-area points. Coverage uses each point's
 * coldest temperature over the run; "first full" is the first moment every point
 * was at or below the threshold at once.
 */
import type { Nerve, Probe, Vec3 } from '../../../scenarios/schema.ts';
import { add, cross, dot, norm, scale, sub, unit } from '../../../scenarios/placement.ts';
import { THRESHOLDS_C } from '../../../scenarios/presets.ts';

/** Temperatures (°C) the nerve's coverage is reported at: nerve block, the lethal dose, and every requested isotherm at or below 0 °C. */
export function coverageThresholdsC(isothermsC: readonly number[]): number[] {
  return [...new Set([THRESHOLDS_C.nerve_block.value, THRESHOLDS_C.lethal.value, ...isothermsC.filter((l) => l <= 0)])];
}

/** Sample points per nerve diameter along each axis of the cross-section. */
const POINTS_PER_DIAMETER = 24;
/** The section picture reaches this many nerve radii from the centre each way. */
const SECTION_RADII = 3;

/** What of a probe the section depends on: its cold segment's axis. */
export type ProbeAxis = Pick<Probe, 'tip_mm' | 'direction' | 'active_length_mm'>;

export interface NerveSection {
  centre_mm: Vec3;
  /** in the cross-section: away from the probe axis, and perpendicular to it (deeper positive) */
  away: Vec3;
  across: Vec3;
  radius_mm: number;
  spacing_mm: number;
}

/** Point on the nerve axis closest to the probe's active segment (the nerve centre if there is no probe). */
function closestApproach(nerve: Nerve, probe: ProbeAxis | null, planar: boolean): Vec3 {
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
    const d = norm(sub(p, q));
    if (d < best.d - 1e-12) best = { d, p };
  }
  return best.p;
}

/** The scored cross-section of the nerve for a probe (the first one) in a geometry mode. */
export function nerveSection(nerve: Nerve, probe: ProbeAxis | null, mode: 'axisymmetric' | 'planar' | '3d'): NerveSection {
  const centre = closestApproach(nerve, probe, mode === 'planar');
  const u = unit(nerve.direction);
  let away = awayFromProbe(centre, u, probe, mode);
  if (!away) {
    // Probe through the nerve centre (or none): any direction in the cross-section; prefer horizontal.
    const helper: Vec3 = Math.abs(u[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
    away = unit(sub(helper, scale(u, dot(helper, u))));
  }
  let across = unit(cross(u, away));
  if (dot(across, [0, 0, 1]) < 0 || (dot(across, [0, 0, 1]) === 0 && dot(across, [1, 1, 1]) < 0)) across = scale(across, -1);
  return { centre_mm: centre, away, across, radius_mm: nerve.diameter_mm / 2, spacing_mm: nerve.diameter_mm / POINTS_PER_DIAMETER };
}

/**
 * A square grid over the section, `cells` per side, centred on the nerve; cell (i, j)
 * is at `away·x_i + across·y_j` from the centre with x_i = (i − (cells−1)/2)·spacing.
 * Grids of the same parity share their points, so the nerve's own points are the same
 * numbers in the picture and in the score.
 */
function sectionGrid(sec: NerveSection, cells: number): { points: Vec3[]; inside: boolean[] } {
  const h = sec.spacing_mm;
  const mid = (cells - 1) / 2;
  const r2 = sec.radius_mm * sec.radius_mm;
  const points: Vec3[] = [];
  const inside: boolean[] = [];
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; i++) {
      const x = (i - mid) * h;
      const y = (j - mid) * h;
      points.push(add(sec.centre_mm, add(scale(sec.away, x), scale(sec.across, y))));
      inside.push(x * x + y * y <= r2);
    }
  }
  return { points, inside };
}

/** Equal-area sample points (3D, mm) filling the nerve's cross-section: what coverage is scored on. */
export function crossSectionPoints(sec: NerveSection): Vec3[] {
  const { points, inside } = sectionGrid(sec, POINTS_PER_DIAMETER);
  const pts = points.filter((_, k) => inside[k]);
  return pts.length > 0 ? pts : [sec.centre_mm];
}

/** Cells per side of the section picture: SECTION_RADII radii each way, same parity as the scored grid. */
const SECTION_CELLS = POINTS_PER_DIAMETER * SECTION_RADII;

/**
 * The section picture a result carries: each cell's coldest temperature over the run,
 * rounded up to 0.01 °C (the file stays small, and a cell at or below a threshold in
 * hundredths, such as −20 or −40 °C, stays at or below it: the picture never shows
 * more cold than the score).
 */
export function sectionPicture(sec: NerveSection, coldestAt: (p: Vec3) => number) {
  const { points } = sectionGrid(sec, SECTION_CELLS);
  return {
    centre_mm: sec.centre_mm,
    away: sec.away,
    across: sec.across,
    radius_mm: sec.radius_mm,
    spacing_mm: sec.spacing_mm,
    cells: SECTION_CELLS,
    coldest_c: points.map((p) => Math.ceil(coldestAt(p) * 100) / 100),
  };
}

/** The section's centre and its edges nearest and farthest from the probe: where the nerve sensors sit. */
export function nerveSensorPoints(sec: NerveSection): { centre: Vec3; near: Vec3; far: Vec3 } {
  return {
    centre: sec.centre_mm,
    near: add(sec.centre_mm, scale(sec.away, -sec.radius_mm)),
    far: add(sec.centre_mm, scale(sec.away, sec.radius_mm)),
  };
}

/** Unit vector in the nerve cross-section pointing away from the probe axis, or null if the axis passes through c. */
function awayFromProbe(c: Vec3, u: Vec3, probe: ProbeAxis | null, mode: string): Vec3 | null {
  if (!probe) return null;
  let v: Vec3;
  if (mode === 'axisymmetric') {
    // The field is T(r, z): away from the axis is radial in the horizontal plane.
    v = [c[0], c[1], 0];
  } else {
    const pd = unit(probe.direction);
    const w = sub(c, probe.tip_mm);
    v = sub(w, scale(pd, dot(w, pd)));
  }
  v = sub(v, scale(u, dot(v, u)));
  return norm(v) < 1e-9 ? null : unit(v);
}
