/**
 * The protocol as a timeline of segments, and what each phase means for the
 * kernel's owners (the boundary conditions of skin, far field, probes, vessels).
 *
 * Film coefficients apply to the true surface area (CellMap.filmScale corrects for the
 * grid's staircase faces). Console "power" p (0 < p ≤ 1) scales the heat extraction of a freeze:
 *   convective  h → p·h (gas flow, and so the film coefficient, scales with power);
 *   line_sink   q' → p·q';
 *   temperature the set point moves toward body temperature: T_body + p·(T_set − T_body).
 * Passive thaw makes the probe surface adiabatic; active thaw drives the surface
 * to the phase's temperature with the probe's warm-up time constant. During a
 * reposition every probe is adiabatic (the moved probe is being withdrawn; the
 * geometry change itself is made by the simulation at the phase's start).
 *
 * A `trace` surface (a measured log) overrides all of that: it already contains its freezes
 * and thaws, so in every phase — freeze at any power, thaws, reposition — the surface follows
 * the trace (the reposition still moves the probe). The simulation rewrites it at every trace
 * point (`writeTraceOwners`), one linear piece at a time.
 */
import type { Phase, Scenario, TraceSurface } from '../../scenarios/schema.ts';
import { DEFAULT_WARMUP_S } from '../../scenarios/presets.ts';
import { phaseIntervals } from '../../scenarios/placement.ts';
import { OWN, OWN_STRIDE, OWNER_MODE } from '../../wasm/kernel-host.ts';
import { farSidesOwner, OWNER_FAR_FIELD, OWNER_SKIN, probeOwner, vesselOwner } from './boundaries.ts';
import { farFieldParts } from '../../scenarios/validate-far-field.ts';
import type { FarFieldSide, SkinBoundary } from '../../scenarios/schema.ts';

export interface Segment {
  index: number;
  phase: Phase;
  startS: number;
  endS: number;
}

export function protocolSegments(protocol: Phase[]): Segment[] {
  return phaseIntervals(protocol).map(({ index, phase, start_s, end_s }) => ({ index, phase, startS: start_s, endS: end_s }));
}

interface OwnerState {
  mode: number;
  tFinalC?: number;
  tStartC?: number;
  startS?: number;
  tauS?: number;
  h?: number; // W/m²/K; Infinity = fixed temperature
  qWPerM?: number;
}

function write(owners: Float64Array, o: number, st: OwnerState): void {
  const r = o * OWN_STRIDE;
  const tFinal = st.tFinalC ?? 0;
  owners[r + OWN.MODE] = st.mode;
  owners[r + OWN.TFINAL] = tFinal;
  owners[r + OWN.TSTART] = st.tStartC ?? tFinal;
  owners[r + OWN.TSTART_S] = st.startS ?? 0;
  owners[r + OWN.INV_TAU] = st.tauS === undefined ? 0 : st.tauS > 0 ? 1 / st.tauS : 1e300;
  owners[r + OWN.INV_H] = st.h === undefined || st.h === Infinity ? 0 : 1 / st.h;
  owners[r + OWN.Q] = st.qWPerM ?? 0;
  owners[r + OWN.TREF] = st.tStartC ?? tFinal;
}

/** Skin, far field and vessels: constant for the whole run. `filmScale` per owner: see CellMap.filmScale. */
export function writeStaticOwners(owners: Float64Array, s: Scenario, filmScale: readonly number[]): void {
  const face = (o: number, b: SkinBoundary | FarFieldSide) => {
    if (b.boundary === 'convective') write(owners, o, { mode: OWNER_MODE.TEMPERATURE, tFinalC: b.ambient_c, h: b.h_w_m2k });
    else if (b.boundary === 'temperature') write(owners, o, { mode: OWNER_MODE.TEMPERATURE, tFinalC: b.temperature_c, h: Infinity });
    else write(owners, o, { mode: OWNER_MODE.ADIABATIC });
  };
  face(OWNER_SKIN, s.skin);
  const far = farFieldParts(s.far_field);
  face(OWNER_FAR_FIELD, far.bottom);
  face(farSidesOwner(s), far.sides);
  s.vessels.forEach((v, i) => {
    const h = v.wall === 'temperature' ? Infinity : (v.h_w_m2k ?? Infinity) * filmScale[vesselOwner(s, i)];
    write(owners, vesselOwner(s, i), { mode: OWNER_MODE.TEMPERATURE, tFinalC: v.blood_c, h });
  });
}

/**
 * Sets every probe's boundary condition for a phase starting at startS.
 * surfaceNowC[p] is probe p's current surface temperature, where ramps start from.
 */
export function writePhaseOwners(owners: Float64Array, s: Scenario, seg: Segment, surfaceNowC: number[], filmScale: readonly number[]): void {
  const phase = seg.phase;
  const bodyC = s.tissue.initial_c;
  s.probes.forEach((p, i) => {
    const o = probeOwner(i);
    const surf = p.surface;
    if (surf.model === 'trace') {
      writeTrace(owners, o, surf, seg.startS);
    } else if (phase.phase === 'passive_thaw' || phase.phase === 'reposition') {
      write(owners, o, { mode: OWNER_MODE.ADIABATIC });
    } else if (phase.phase === 'active_thaw') {
      const tau = surf.model === 'temperature' ? (surf.warmup_s ?? DEFAULT_WARMUP_S) : DEFAULT_WARMUP_S;
      write(owners, o, {
        mode: OWNER_MODE.TEMPERATURE, tFinalC: phase.temperature_c, tStartC: surfaceNowC[i],
        startS: seg.startS, tauS: tau, h: Infinity,
      });
    } else if (surf.model === 'temperature') {
      write(owners, o, {
        mode: OWNER_MODE.TEMPERATURE, tFinalC: bodyC + phase.power * (surf.temperature_c - bodyC),
        tStartC: surfaceNowC[i], startS: seg.startS, tauS: surf.cooldown_s, h: Infinity,
      });
    } else if (surf.model === 'convective') {
      write(owners, o, { mode: OWNER_MODE.TEMPERATURE, tFinalC: surf.gas_c, h: phase.power * surf.h_w_m2k * filmScale[o] });
    } else {
      write(owners, o, { mode: OWNER_MODE.LINE_POWER, qWPerM: -phase.power * surf.w_per_m });
    }
  });
}

/**
 * The kernel's owner ramp is first order, T_ref = T_f + (T_s − T_f)·exp(−(t − t_s)/τ). With
 * τ = this × the piece's length and T_f = T_s + slope·τ it is the straight line through the
 * piece to within (t − t_s)/(2τ) ≤ 5e-8 of the piece's change; the rounding of exp near 1,
 * magnified by T_f − T_s = 1e7 × the change, adds ~1e-9 of it (f64 owner table in both kernels).
 */
const LINEAR_RAMP_TAU_PER_PIECE = 1e7;

/** The trace's surface temperature at timeS (°C): linear between points, the end values outside, plus offset_c. */
export function traceSurfaceC(surf: TraceSurface, timeS: number): number {
  const pts = surf.points;
  const j = pieceAt(pts, timeS);
  if (j < 0) return pts[0][1] + surf.offset_c;
  if (j >= pts.length - 1) return pts[pts.length - 1][1] + surf.offset_c;
  const [t0, v0] = pts[j];
  const [t1, v1] = pts[j + 1];
  return v0 + ((v1 - v0) * (timeS - t0)) / (t1 - t0) + surf.offset_c;
}

/** Index j of the last point with time ≤ timeS (−1 before the first). */
function pieceAt(pts: readonly [number, number][], timeS: number): number {
  let lo = -1;
  let hi = pts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pts[mid][0] <= timeS) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Writes the linear piece of the trace that holds at timeS (constant before the first and after
 * the last point). The reference temperature is set to the trace's value now, so the surface
 * read between steps (outputs, maps) is the trace's at that time; each step sets its own.
 */
function writeTrace(owners: Float64Array, o: number, surf: TraceSurface, timeS: number): void {
  const pts = surf.points;
  const j = pieceAt(pts, timeS);
  const nowC = traceSurfaceC(surf, timeS);
  if (j < 0 || j >= pts.length - 1 || pts[j][1] === pts[j + 1][1]) {
    write(owners, o, { mode: OWNER_MODE.TEMPERATURE, tFinalC: nowC, h: Infinity });
    return;
  }
  const [t0, v0] = pts[j];
  const [t1, v1] = pts[j + 1];
  const tauS = LINEAR_RAMP_TAU_PER_PIECE * (t1 - t0);
  const startC = v0 + surf.offset_c;
  write(owners, o, { mode: OWNER_MODE.TEMPERATURE, tStartC: startC, tFinalC: startC + ((v1 - v0) / (t1 - t0)) * tauS, startS: t0, tauS, h: Infinity });
  owners[o * OWN_STRIDE + OWN.TREF] = nowC;
}

/** Points in time where some probe's trace changes slope: the run rewrites the probes' ramps there. */
export function traceKnotsS(s: Scenario): number[] {
  const times = new Set<number>();
  for (const p of s.probes) if (p.surface.model === 'trace') for (const [t] of p.surface.points) times.add(t);
  return [...times].sort((a, b) => a - b);
}

/** Rewrites every trace probe's ramp for the piece that holds at timeS (other probes keep their phase's state). */
export function writeTraceOwners(owners: Float64Array, s: Scenario, timeS: number): void {
  s.probes.forEach((p, i) => {
    if (p.surface.model === 'trace') writeTrace(owners, probeOwner(i), p.surface, timeS);
  });
}
