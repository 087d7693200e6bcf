/**
 * The workbench's model: one shared anatomy and a list of protocols placed on it.
 *
 * A scenario file mixes two things: the patient (geometry, tissue, layers, skin,
 * nerve, vessels, sensors, output, solver) and the procedure (probes, phases and
 * published adjuncts). Comparing protocols means holding the patient fixed and
 * swapping the procedure, so the workspace stores them apart and joins them into
 * ordinary `cryo-scenario/1` files for the engine, the editor and downloads.
 *
 * A procedure is stored as written, next to the nerve it was written against;
 * joining places it on the current anatomy with scenarios/placement.ts (the same
 * placement the CLI's comparison uses). Editing the anatomy never rewrites a
 * procedure, so any edit and its undoing give back exactly the published placement.
 */
import { asPins, type Pin } from './pins.ts';
import { asOverrides, type AnatomyOverrides } from './overrides.ts';
import { asBenchSetup, type BenchSetup } from './bench.ts';
import { SCENARIO_SCHEMA, type ScenarioFile, type SkinBoundary, type Vec3 } from '../../scenarios/schema.ts';
import {
  adjunctAssumptions,
  ANATOMY_KEYS,
  asVec3,
  placeProtocol,
  PUBLISHED_ADJUNCTS,
  publishedOf,
  type AdjunctChoice,
  type PublishedProtocol,
} from '../../scenarios/placement.ts';
import { defaultMargins } from './margins.ts';

export type Anatomy = Pick<ScenarioFile, (typeof ANATOMY_KEYS)[number]> & { label: string; assumptions?: string[] };
export type Procedure = Pick<ScenarioFile, 'name' | 'source' | 'assumptions' | 'probes' | 'protocol' | 'adjuncts'> & {
  /** the nerve the probe coordinates were written against; placement keeps their offsets from it */
  target?: PublishedProtocol['target'];
  /** the published skin protection, when `adjuncts.skin` makes it part of the procedure */
  skin?: SkinBoundary;
};

export interface ProtocolEntry {
  id: string;
  origin: 'builtin' | 'user';
  procedure: Procedure;
  /** a built-in the user changed (the editor offers to reset it) */
  edited?: boolean;
  /** this protocol's own tissue or skin instead of the shared anatomy's (web/lib/overrides.ts) */
  overrides?: AnatomyOverrides;
}

export interface Workspace {
  version: 1;
  anatomy: Anatomy;
  protocols: ProtocolEntry[];
  /** ids run together in a comparison */
  compare: string[];
  /** the protocol shown in the editor, map and histories */
  selected: string;
  margins: { skin_margin_mm: number; nerve_target_c: number; skin_limit_c: number };
  /** whether protocols bring their published adjuncts (absent: they do) */
  adjuncts?: AdjunctChoice;
  /** results pinned under a name to compare with later runs (web/lib/pins.ts) */
  pins?: Pin[];
  /** the probe bench as last set up (web/lib/bench.ts) */
  bench?: BenchSetup;
}

export function anatomyOf(file: ScenarioFile, label = file.name): Anatomy {
  const a: Record<string, unknown> = { label };
  for (const k of ANATOMY_KEYS) if (file[k] !== undefined) a[k] = structuredClone(file[k]);
  return a as Anatomy;
}

export function procedureOf(file: ScenarioFile): Procedure {
  const p = publishedOf(file);
  return structuredClone({
    name: file.name,
    source: file.source,
    assumptions: file.assumptions,
    probes: p.probes,
    protocol: p.protocol,
    ...(p.adjuncts ? { adjuncts: p.adjuncts } : {}),
    target: p.target,
    ...(p.skin ? { skin: p.skin } : {}),
  });
}

/** Joins anatomy and procedure into a scenario file the CLI accepts, placing the procedure on the anatomy. */
export function combine(anatomy: Anatomy, procedure: Procedure, choice: AdjunctChoice = PUBLISHED_ADJUNCTS): ScenarioFile {
  const placed = placeProtocol(
    { probes: procedure.probes, protocol: procedure.protocol, target: procedure.target ?? null, adjuncts: procedure.adjuncts, skin: procedure.skin },
    anatomy,
    choice,
  );
  const out: Record<string, unknown> = { schema: SCENARIO_SCHEMA };
  out.name = procedure.name;
  if (procedure.source !== undefined) out.source = procedure.source;
  // The anatomy's skin assumptions do not describe a protocol that brings its own skin protection.
  const shared = (anatomy.assumptions ?? []).filter((a) => !(placed.applied?.skin && a.startsWith('skin:')));
  const assumptions = [...new Set([...(procedure.assumptions ?? []), ...shared, ...adjunctAssumptions(placed.applied)])];
  if (assumptions.length) out.assumptions = assumptions;
  if (placed.applied) out.adjuncts = placed.applied;
  for (const k of ANATOMY_KEYS) if (anatomy[k] !== undefined) out[k] = structuredClone(anatomy[k]);
  if (placed.nerve) out.nerve = placed.nerve;
  if (placed.skin) out.skin = placed.skin;
  Object.assign(out, placed.lifted);
  out.probes = placed.probes;
  out.protocol = placed.protocol;
  return out as unknown as ScenarioFile;
}

/**
 * Splits an edited scenario back: anatomy fields go to the shared anatomy, the rest to
 * the protocol. What a published adjunct set in the file (the protocol's skin, its
 * nerve distance) stays with the protocol and leaves the shared anatomy as it was.
 */
export function split(file: ScenarioFile, label: string, before?: Anatomy, was?: Procedure): { anatomy: Anatomy; procedure: Procedure } {
  const anatomy = anatomyOf(file, label);
  const procedure = procedureOf(file);
  // A file carries only the adjuncts that were applied; the protocol keeps the ones switched off.
  if (was?.adjuncts) {
    procedure.adjuncts = { ...was.adjuncts, ...file.adjuncts };
    if (!file.adjuncts?.skin && was.skin) procedure.skin = structuredClone(was.skin);
  }
  if (before) {
    anatomy.assumptions = before.assumptions;
    if (file.adjuncts?.skin) {
      if (before.skin) anatomy.skin = structuredClone(before.skin);
      else delete anatomy.skin;
    }
    const lift = file.adjuncts?.hydrodissection?.fluid_mm ?? 0;
    if (lift) {
      // Hydrodissection grew every depth of this protocol's run; the shared anatomy stays as it was.
      for (const k of ['geometry', 'layers', 'sensors', 'vessels'] as const) {
        if (before[k] !== undefined) (anatomy as Record<string, unknown>)[k] = structuredClone(before[k]);
        else delete anatomy[k];
      }
    }
    const c = asVec3(file.nerve?.center_mm);
    const was = asVec3(before.nerve?.center_mm);
    if ((file.adjuncts?.placement || lift) && anatomy.nerve && c && was) {
      anatomy.nerve = { ...anatomy.nerve, center_mm: file.adjuncts?.placement ? [was[0], was[1], c[2] - lift] : [c[0], c[1], c[2] - lift] };
    }
  }
  return { anatomy, procedure };
}

/**
 * Moves the nerve. Probes follow it by default (placement keeps each protocol's offset
 * from the nerve); when they should stay where they are, each protocol is re-anchored:
 * its probes, as placed now, are stored against the new nerve position.
 */
export function moveNerve(ws: Workspace, center_mm: Vec3, probesFollow: boolean): Workspace {
  const old = ws.anatomy.nerve;
  if (!old) return ws;
  const anatomy: Anatomy = { ...structuredClone(ws.anatomy), nerve: { ...old, center_mm } };
  if (probesFollow) return { ...ws, anatomy };
  const protocols = ws.protocols.map((e) => {
    const placed = combine(ws.anatomy, e.procedure, ws.adjuncts);
    const target = e.procedure.target ? { ...e.procedure.target, center_mm: [...center_mm] as Vec3 } : e.procedure.target;
    return { ...e, procedure: { ...e.procedure, probes: placed.probes, protocol: placed.protocol, target } };
  });
  return { ...ws, anatomy, protocols };
}

/** Builds a workspace from built-in scenarios: the anatomy of one, every protocol placed on it. */
export function workspaceFromBuiltins(
  builtins: Record<string, ScenarioFile>,
  anatomyId: string,
  overrides: { spacing_mm?: number } = {},
): Workspace {
  const ids = Object.keys(builtins);
  const anatomySource = builtins[anatomyId] ?? builtins[ids[0]];
  const anatomy = anatomyOf(anatomySource, `${anatomySource.name} (anatomy)`);
  // Assumptions of the anatomy's own protocol stay with that protocol, not the shared anatomy.
  anatomy.assumptions = [];
  if (overrides.spacing_mm && anatomy.geometry) anatomy.geometry = { ...anatomy.geometry, spacing_mm: overrides.spacing_mm };
  const protocols: ProtocolEntry[] = ids.map((id) => ({
    id,
    origin: 'builtin',
    procedure: procedureOf(builtins[id]),
  }));
  return {
    version: 1,
    anatomy,
    protocols,
    compare: [...ids],
    selected: anatomyId in builtins ? anatomyId : ids[0],
    margins: defaultMargins(),
  };
}

/** A fresh id for a user protocol that does not clash with existing ones. */
export function newUserId(ws: Workspace, base = 'my-protocol'): string {
  const taken = new Set(ws.protocols.map((p) => p.id));
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * Checks a value read back from storage is a workspace we can use, and repairs
 * what can be repaired without guessing: margins that are missing or not finite
 * take the defaults, `compare` and `selected` drop ids with no protocol. Anything
 * else (another version, a protocol without its probes or phases) is rejected,
 * so storage falls back to the previous save instead of crashing the page.
 */
export function asWorkspace(v: unknown): Workspace | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const w = v as Workspace;
  if (w.version !== 1 || !w.anatomy || typeof w.anatomy !== 'object' || !Array.isArray(w.protocols) || !Array.isArray(w.compare)) return null;
  const entryOk = (p: ProtocolEntry) =>
    !!p &&
    typeof p.id === 'string' &&
    (p.origin === 'builtin' || p.origin === 'user') &&
    !!p.procedure &&
    typeof p.procedure.name === 'string' &&
    Array.isArray(p.procedure.probes) &&
    Array.isArray(p.procedure.protocol);
  if (!w.protocols.every(entryOk)) return null;
  const ids = new Set(w.protocols.map((p) => p.id));
  if (ids.size !== w.protocols.length) return null;
  const margin = (k: keyof Workspace['margins']) => {
    const m = (w.margins as Partial<Workspace['margins']> | undefined)?.[k];
    return typeof m === 'number' && Number.isFinite(m) ? m : defaultMargins()[k];
  };
  const compare = w.compare.filter((id) => typeof id === 'string' && ids.has(id));
  // Saves from before procedures kept their target were placed on the saved anatomy's nerve.
  const nerve = asVec3(w.anatomy.nerve?.center_mm);
  const anchored = (p: ProtocolEntry): ProtocolEntry =>
    p.procedure.target !== undefined || !nerve ? p : { ...p, procedure: { ...p.procedure, target: { center_mm: nerve, diameter_mm: w.anatomy.nerve!.diameter_mm } } };
  const side = (v: unknown) => v === 'published' || v === 'anatomy';
  const adj = w.adjuncts as Partial<AdjunctChoice> | undefined;
  const adjuncts: AdjunctChoice | undefined =
    adj && typeof adj === 'object' && side(adj.skin) && side(adj.placement)
      ? { skin: adj.skin!, placement: adj.placement!, hydrodissection: side(adj.hydrodissection) ? adj.hydrodissection : 'published' }
      : undefined;
  const { adjuncts: _dropped, pins: rawPins, bench: rawBench, ...rest } = w;
  const bench = asBenchSetup(rawBench);
  // A damaged pin is left out on its own; the workspace and the other pins still load.
  const { pins } = asPins(rawPins);
  return {
    ...rest,
    ...(adjuncts ? { adjuncts } : {}),
    ...(pins.length ? { pins } : {}),
    ...(bench ? { bench } : {}),
    protocols: w.protocols.map(anchored).map((p) => {
      // Unusable variant fields are dropped; the protocol then runs on the shared anatomy.
      const { overrides: raw, ...entry } = p;
      const overrides = asOverrides(raw);
      return overrides ? { ...entry, overrides } : entry;
    }),
    compare,
    selected: typeof w.selected === 'string' && ids.has(w.selected) ? w.selected : (w.protocols[0]?.id ?? ''),
    margins: { skin_margin_mm: margin('skin_margin_mm'), nerve_target_c: margin('nerve_target_c'), skin_limit_c: margin('skin_limit_c') },
  };
}
