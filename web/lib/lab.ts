/**
 * The guided lab: ready contrasts for teaching, each a question, the one thing
 * that differs, and what to look for. Setting one up adds the varied copy of a
 * built-in protocol (a user protocol, so nothing published changes) and ticks
 * the pair alone; the anatomy stays shared, the variant differs only in its
 * protocol or in its own tissue / skin / nerve / vessels (web/lib/overrides.ts).
 * A contrast whose variant needs another model (a vessel needs 3D) varies both
 * sides, so the pair still differs in one thing only.
 */
import { DEFAULT_BLOOD_C, vesselWallH } from '../../scenarios/presets.ts';
import type { Nerve, PhaseSpec } from '../../scenarios/schema.ts';
import { LAB_NERVE_SHIFT_MM, LAB_VESSEL, SKIN_PROTECTIONS } from '../ui-presets.ts';
import { combine, newUserId, type ProtocolEntry, type Workspace } from './workspace.ts';

export interface LabContrast {
  id: string;
  title: string;
  question: string;
  /** what to look at once both have run */
  lookFor: string;
  /** the built-in both sides start from */
  base: string;
  /** the varied copy of the base, or null when the base cannot be varied this way */
  vary(base: ProtocolEntry, ws: Workspace): Omit<ProtocolEntry, 'id' | 'origin'> | null;
  /**
   * When the base itself cannot be one side (it runs in another model), the other side as a
   * varied copy too: the pair then differs only in what `vary` changes.
   */
  baseline?(base: ProtocolEntry, ws: Workspace): Omit<ProtocolEntry, 'id' | 'origin'> | null;
  /** id stems of the copies, which run labels show when two protocols look alike (default `lab-<id>`) */
  ids?: { varied: string; baseline?: string };
}

/** Calixte 2019: a 1.7-mm argon probe, two 90-s freezes: short runs, a clear nerve picture. */
const BASE = 'calixte-2019';

const renamed = (p: ProtocolEntry, suffix: string) => ({ ...structuredClone(p.procedure), name: `${p.procedure.name} — ${suffix}` });

/** The nerve the base runs against, after its placement (the shared anatomy's nerve moved as the protocol places it). */
const placedNerve = (p: ProtocolEntry, ws: Workspace): Nerve | null => combine(ws.anatomy, p.procedure, ws.adjuncts).nerve ?? null;

/**
 * The vessel contrast's side: the base in a 3D block with a vessel along the nerve, its wall
 * `gapMm` beyond the nerve's outer edge (away from the probe). The probe stays vertical on
 * the block's axis, as in the axisymmetric base, so only the vessel is new.
 */
function withVessel(p: ProtocolEntry, ws: Workspace, gapMm: number, suffix: string): Omit<ProtocolEntry, 'id' | 'origin'> | null {
  const nerve = placedNerve(p, ws);
  if (!nerve) return null;
  const v = LAB_VESSEL.value;
  const [x, , z] = nerve.center_mm;
  const side = x >= 0 ? 1 : -1;
  const centreX = x + side * (nerve.diameter_mm / 2 + gapMm + v.diameterMm / 2);
  return {
    procedure: renamed(p, suffix),
    overrides: {
      ...(p.overrides ? structuredClone(p.overrides) : {}),
      geometry: { mode: '3d', spacing_mm: v.spacingMm, size_mm: [...v.blockMm] },
      nerve: structuredClone(nerve),
      vessels: [{ center_mm: [centreX, 0, z], direction: [0, 1, 0], diameter_mm: v.diameterMm, wall: 'convective', h_w_m2k: Math.round(vesselWallH(v.diameterMm)), blood_c: DEFAULT_BLOOD_C }],
    },
  };
}

export const LAB_CONTRASTS: LabContrast[] = [
  {
    id: 'cycles',
    title: 'One freeze or freeze–thaw–freeze?',
    question: 'Does the second freeze, after a thaw, reach the far edge of the nerve when one freeze does not?',
    lookFor:
      'Compare the nerve squares and the "Nerve ≤ −20 °C" column. The second freeze starts from tissue that is still cold and damaged by the first, so the ice reaches further: that is why protocols repeat cycles.',
    base: BASE,
    vary: (p) => {
      const phases = p.procedure.protocol as PhaseSpec[];
      const firstThaw = phases.findIndex((x, i) => i > 0 && x.phase !== 'freeze');
      if (firstThaw < 1) return null;
      return { procedure: { ...renamed(p, 'first freeze and thaw only'), protocol: structuredClone(phases.slice(0, firstThaw + 1)) } };
    },
  },
  {
    id: 'cryogen',
    title: 'Argon or nitrous oxide?',
    question: 'How much colder and larger is the lethal zone of an argon probe than of a nitrous-oxide one?',
    lookFor:
      'Argon expands to about −186 °C, nitrous oxide to about −88 °C: compare the −40 °C (lethal) bars and the coldest nerve temperature. The nitrous device here also differs in size and cold length (see the editor), as real devices do.',
    base: BASE,
    vary: (p) => ({
      procedure: {
        ...renamed(p, 'nitrous-oxide probe'),
        probes: p.procedure.probes.map(({ device: _d, surface: _s, diameter_mm: _dm, active_length_mm: _al, ...rest }) => ({ ...rest, device: 'nitrous-handheld' })),
      },
    }),
  },
  {
    id: 'perfusion',
    title: 'Blood flow off or on?',
    question: 'How much does warm blood flowing through the tissue hold the ice back?',
    lookFor:
      'With perfusion off (no blood warming) the ice and the −20 °C zone grow further and the nerve cools faster: compare the growth chart and the time the nerve is fully ≤ −20 °C.',
    base: BASE,
    vary: (p, ws) => ({
      procedure: renamed(p, 'perfusion off'),
      overrides: { tissue: { ...structuredClone(ws.anatomy.tissue ?? { preset: 'generic' }), perfusion_w_m3k: 0 } },
    }),
  },
  {
    id: 'skin',
    title: 'Skin warming off or on?',
    question: 'Does a warm gel on the skin keep the ice away from the skin without losing the nerve?',
    lookFor:
      'Compare "Coldest skin" and "Smallest ice-to-skin gap" in the verdict, and the top of the bars against the dashed skin-margin line; the nerve columns should barely change.',
    base: BASE,
    vary: (p) => {
      const gel = SKIN_PROTECTIONS.find((x) => x.id === 'warm-gel');
      return gel ? { procedure: renamed(p, 'warm gel on the skin'), overrides: { skin: structuredClone(gel.skin) } } : null;
    },
  },
  {
    id: 'vessel',
    title: 'A blood vessel near or far?',
    question: 'A vessel runs beside the nerve. Does its warm blood stop the nerve from freezing when it is 1 mm away rather than 8 mm?',
    lookFor:
      'Compare when the nerve is fully ≤ −20 °C and how much of it reaches −40 °C. Blood at 37 °C keeps the vessel wall warm and draws heat out of the ice (the "heat-sink" effect), so the side of the nerve next to a near vessel freezes later and less deeply. Here the probe sits right beside the nerve, so the effect is modest; it grows at the edge of the ice. Both runs use the same 3D block: compare them with each other, not with the axisymmetric protocols.',
    base: BASE,
    vary: (p, ws) => withVessel(p, ws, LAB_VESSEL.value.nearGapMm, `vessel ${LAB_VESSEL.value.nearGapMm} mm from the nerve`),
    baseline: (p, ws) => withVessel(p, ws, LAB_VESSEL.value.farGapMm, `vessel ${LAB_VESSEL.value.farGapMm} mm from the nerve`),
    ids: { varied: 'lab-vessel-near', baseline: 'lab-vessel-far' },
  },
  {
    id: 'distance',
    title: 'Probe close to the nerve or a little further?',
    question: `What happens to the nerve block if the probe ends up ${LAB_NERVE_SHIFT_MM.value} mm further from the nerve than planned?`,
    lookFor:
      'Compare "Nerve ≤ −20 °C" and the coldest nerve temperature. The cold falls off steeply with distance from the probe: a few millimetres can turn a full block into a partial one, which is why the probe is placed under ultrasound right beside the nerve.',
    base: BASE,
    ids: { varied: 'lab-nerve-further' },
    vary: (p, ws) => {
      const nerve = placedNerve(p, ws);
      if (!nerve) return null;
      const [x, y, z] = nerve.center_mm;
      const shift = LAB_NERVE_SHIFT_MM.value * (x >= 0 ? 1 : -1);
      return { procedure: renamed(p, `nerve ${LAB_NERVE_SHIFT_MM.value} mm further away`), overrides: { ...(p.overrides ? structuredClone(p.overrides) : {}), nerve: { ...structuredClone(nerve), center_mm: [x + shift, y, z] } } };
    },
  },
];

/**
 * The workspace with a contrast set up: the base and its varied copy ticked alone, the
 * copy selected; an earlier copy of the same contrast is reused, not duplicated.
 * Null (nothing changes) when the base protocol is missing.
 */
export function setUpContrast(ws: Workspace, c: LabContrast): { ws: Workspace; ids: [string, string] } | null {
  const base = ws.protocols.find((p) => p.id === c.base);
  if (!base) return null;
  const varied = c.vary(base, ws);
  if (!varied) return null;
  const baseline = c.baseline ? c.baseline(base, ws) : null;
  if (c.baseline && !baseline) return null;
  let protocols = ws.protocols;
  /** Adds the copy, or updates an earlier copy of the same name (no duplicates when set up again). */
  const put = (entry: Omit<ProtocolEntry, 'id' | 'origin'>, idStem: string): string => {
    const existing = protocols.find((p) => p.origin === 'user' && p.procedure.name === entry.procedure.name);
    if (existing) {
      protocols = protocols.map((p) => (p.id === existing.id ? { ...p, ...entry } : p));
      return existing.id;
    }
    const id = newUserId({ ...ws, protocols }, idStem);
    protocols = [...protocols, { id, origin: 'user', ...entry }];
    return id;
  };
  const first = baseline ? put(baseline, c.ids?.baseline ?? `lab-${c.id}-base`) : c.base;
  const id = put(varied, c.ids?.varied ?? `lab-${c.id}`);
  return { ws: { ...ws, protocols, compare: [first, id], selected: id }, ids: [first, id] };
}
