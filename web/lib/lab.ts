/**
 * The guided lab: ready contrasts for teaching, each a question, the one thing
 * that differs, and what to look for. Setting one up adds the varied copy of a
 * built-in protocol (a user protocol, so nothing published changes) and ticks
 * the pair alone; the anatomy stays shared, the variant differs only in its
 * protocol or in its own tissue / skin (web/lib/overrides.ts).
 */
import type { PhaseSpec } from '../../scenarios/schema.ts';
import { SKIN_PROTECTIONS } from '../ui-presets.ts';
import { newUserId, type ProtocolEntry, type Workspace } from './workspace.ts';

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
}

/** Calixte 2019: a 1.7-mm argon probe, two 90-s freezes: short runs, a clear nerve picture. */
const BASE = 'calixte-2019';

const renamed = (p: ProtocolEntry, suffix: string) => ({ ...structuredClone(p.procedure), name: `${p.procedure.name} — ${suffix}` });

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
  const existing = ws.protocols.find((p) => p.origin === 'user' && p.procedure.name === varied.procedure.name);
  let protocols = ws.protocols;
  let id: string;
  if (existing) {
    id = existing.id;
    protocols = protocols.map((p) => (p.id === id ? { ...p, ...varied } : p));
  } else {
    id = newUserId(ws, `lab-${c.id}`);
    protocols = [...protocols, { id, origin: 'user', ...varied }];
  }
  return { ws: { ...ws, protocols, compare: [c.base, id], selected: id }, ids: [c.base, id] };
}
