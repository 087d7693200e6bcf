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
 */
import type { Phase, Scenario } from '../../scenarios/schema.ts';
import { DEFAULT_WARMUP_S } from '../../scenarios/presets.ts';
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
  let t = 0;
  return protocol.map((phase, index) => {
    const seg = { index, phase, startS: t, endS: t + phase.duration_s };
    t = seg.endS;
    return seg;
  });
}

export { ownerCount } from './boundaries.ts';

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
    if (phase.phase === 'passive_thaw' || phase.phase === 'reposition') {
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
