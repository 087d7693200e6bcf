/**
 * The result's `warnings` (contract Extensions): conditions under which a figure of the result
 * needs care. Codes are stable (programs test them); messages say what happened, where, and
 * what to do.
 * - `ice_near_boundary`: ice (0 °C) came, at some time, within ICE_NEAR_BOUNDARY_MM of a side or
 *   the bottom of the model, where the far field stands in for the rest of the body;
 * - `cold_segment_at_skin`: a probe's cold segment reaches the skin surface (depth ≤ 0) at
 *   some time of the protocol, its first placement or after a reposition;
 * - `trace_ends_early`: a probe's measured trace ends before the protocol does, so its last
 *   value is held for the rest of the run (a log cut short, or a protocol made too long).
 */
import type { ResultWarning, Scenario, Vec3 } from '../../../scenarios/schema.ts';
import { ICE_NEAR_BOUNDARY_MM } from '../../../scenarios/presets.ts';
import type { Field } from './field.ts';
import { walkBelow } from './field-walk.ts';

const ICE_C = 0;

/** `everCold`: each cell's coldest temperature over the run (the envelope's field). */
export function resultWarnings(s: Scenario, everCold: Field): ResultWarning[] {
  return [...iceNearBoundary(s, everCold), ...coldSegmentAtSkin(s), ...traceEndsEarly(s)];
}

function iceNearBoundary(s: Scenario, f: Field): ResultWarning[] {
  const ext = extentBelow(f, ICE_C);
  if (!ext) return [];
  const d = f.spacingMm;
  const mode = s.geometry.mode;
  const gaps: { side: string; gapMm: number }[] = [];
  const xLo = f.x0Mm - d / 2;
  const xHi = f.x0Mm + (f.nx - 0.5) * d;
  if (mode === 'axisymmetric') gaps.push({ side: `outer radius (r = ${fmt(xHi)} mm)`, gapMm: xHi - ext.xMax });
  else {
    gaps.push({ side: `side x = ${fmt(xLo)} mm`, gapMm: ext.xMin - xLo }, { side: `side x = ${fmt(xHi)} mm`, gapMm: xHi - ext.xMax });
  }
  if (mode === '3d') {
    const yLo = f.y0Mm - d / 2;
    const yHi = f.y0Mm + (f.ny - 0.5) * d;
    gaps.push({ side: `side y = ${fmt(yLo)} mm`, gapMm: ext.yMin - yLo }, { side: `side y = ${fmt(yHi)} mm`, gapMm: yHi - ext.yMax });
  }
  const bottom = f.nz * d;
  gaps.push({ side: `bottom (z = ${fmt(bottom)} mm)`, gapMm: bottom - ext.zMax });
  const near = gaps.filter((x) => x.gapMm <= ICE_NEAR_BOUNDARY_MM + 1e-9);
  if (!near.length) return [];
  const where = near.map((x) => `${x.side}: ${x.gapMm <= 1e-9 ? 'reached' : `${fmt(x.gapMm)} mm away`}`).join('; ');
  return [{
    code: 'ice_near_boundary',
    message:
      `ice came within ${fmt(ICE_NEAR_BOUNDARY_MM)} mm of the model's edge (${where}), where the far field ` +
      `(${s.far_field.boundary}) stands in for the rest of the body: the ice and isotherm sizes depend on the domain size; enlarge geometry.size_mm`,
  }];
}

/** Farthest interval ends of the region ≤ level along x rows, y rows (3D) and z columns; null if empty. */
function extentBelow(f: Field, level: number): { xMin: number; xMax: number; yMin: number; yMax: number; zMax: number } | null {
  const e = { xMin: Infinity, xMax: -Infinity, yMin: Infinity, yMax: -Infinity, zMax: -Infinity };
  walkBelow(f, level, f.ny > 1 ? [0, 1, 2] : [0, 2], (along, from, to) => {
    if (along === 0) (e.xMin = Math.min(e.xMin, from)), (e.xMax = Math.max(e.xMax, to));
    else if (along === 1) (e.yMin = Math.min(e.yMin, from)), (e.yMax = Math.max(e.yMax, to));
    else e.zMax = Math.max(e.zMax, to);
  });
  return e.xMax === -Infinity ? null : e;
}

function coldSegmentAtSkin(s: Scenario): ResultWarning[] {
  if (s.geometry.mode === 'planar') return []; // a planar probe is a cross-section: validation keeps it below the skin
  const out: ResultWarning[] = [];
  const report = (p: number, tip: Vec3, when: string) => {
    const pr = s.probes[p];
    const topZ = tip[2] - pr.direction[2] * pr.active_length_mm;
    if (topZ > 1e-9) return;
    out.push({
      code: 'cold_segment_at_skin',
      message:
        `probe ${p + 1}'s ${fmt(pr.active_length_mm)} mm cold segment reaches the skin ${when} (tip at depth ${fmt(tip[2])} mm, ` +
        `segment's far end at ${fmt(topZ)} mm): the skin is frozen by the probe itself; place the tip deeper or shorten active_length_mm`,
    });
  };
  s.probes.forEach((p, i) => report(i, p.tip_mm, 'from the start'));
  let t = 0;
  for (const ph of s.protocol) {
    if (ph.phase === 'reposition') report(ph.probe, ph.tip_mm, `after the reposition at ${fmt(t)} s`);
    t += ph.duration_s;
  }
  return out;
}

function traceEndsEarly(s: Scenario): ResultWarning[] {
  const totalS = s.protocol.reduce((t, ph) => t + ph.duration_s, 0);
  return s.probes.flatMap((p, i): ResultWarning[] => {
    const surf = p.surface;
    if (surf.model !== 'trace') return [];
    const [endS, lastC] = surf.points[surf.points.length - 1];
    if (endS >= totalS - 1e-9) return [];
    return [{
      code: 'trace_ends_early',
      message:
        `probe ${i + 1}'s trace ends at ${fmt(endS)} s but the protocol runs ${fmt(totalS)} s: its last value ` +
        `(${fmt(lastC + surf.offset_c)} °C at the surface) is held for the remaining ${fmt(totalS - endS)} s`,
    }];
  });
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);
