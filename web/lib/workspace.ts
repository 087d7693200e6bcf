/**
 * The workbench's model: one shared anatomy and a list of protocols placed on it.
 *
 * A scenario file mixes two things: the patient (geometry, tissue, layers, skin,
 * nerve, vessels, sensors, output, solver) and the procedure (probes and phases).
 * Comparing protocols means holding the patient fixed and swapping the procedure,
 * so the workspace stores them apart and joins them into ordinary
 * `cryo-scenario/1` files for the engine, the editor and downloads.
 *
 * Probe positions are kept relative to the nerve: when a protocol from another
 * scenario is placed on this anatomy, or the nerve moves, its probes move by the
 * same offset, because clinicians place the probe by imaging the target.
 */
import { SCENARIO_SCHEMA, type ProbeSpec, type ScenarioFile, type Vec3 } from '../../scenarios/schema.ts';
import { VERDICT_DEFAULTS } from '../ui-presets.ts';

export const ANATOMY_KEYS = ['geometry', 'tissue', 'layers', 'skin', 'far_field', 'nerve', 'vessels', 'sensors', 'output', 'solver'] as const;
export const PROCEDURE_KEYS = ['name', 'source', 'assumptions', 'probes', 'protocol'] as const;

export type Anatomy = Pick<ScenarioFile, (typeof ANATOMY_KEYS)[number]> & { label: string; assumptions?: string[] };
export type Procedure = Pick<ScenarioFile, 'name' | 'source' | 'assumptions' | 'probes' | 'protocol'>;

export interface ProtocolEntry {
  id: string;
  origin: 'builtin' | 'user';
  procedure: Procedure;
  /** a built-in the user changed (the editor offers to reset it) */
  edited?: boolean;
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
}

export function anatomyOf(file: ScenarioFile, label = file.name): Anatomy {
  const a: Record<string, unknown> = { label };
  for (const k of ANATOMY_KEYS) if (file[k] !== undefined) a[k] = structuredClone(file[k]);
  return a as Anatomy;
}

export function procedureOf(file: ScenarioFile): Procedure {
  return structuredClone({
    name: file.name,
    source: file.source,
    assumptions: file.assumptions,
    probes: file.probes ?? [],
    protocol: file.protocol ?? [],
  });
}

/** Joins anatomy and procedure into a scenario file the CLI accepts. */
export function combine(anatomy: Anatomy, procedure: Procedure): ScenarioFile {
  const out: Record<string, unknown> = { schema: SCENARIO_SCHEMA };
  out.name = procedure.name;
  if (procedure.source !== undefined) out.source = procedure.source;
  const assumptions = [...new Set([...(procedure.assumptions ?? []), ...(anatomy.assumptions ?? [])])];
  if (assumptions.length) out.assumptions = assumptions;
  for (const k of ANATOMY_KEYS) if (anatomy[k] !== undefined) out[k] = structuredClone(anatomy[k]);
  out.probes = structuredClone(procedure.probes);
  out.protocol = structuredClone(procedure.protocol);
  return out as unknown as ScenarioFile;
}

/** Splits an edited scenario back: anatomy fields go to the shared anatomy, the rest to the protocol. */
export function split(file: ScenarioFile, label: string): { anatomy: Anatomy; procedure: Procedure } {
  const anatomy = anatomyOf(file, label);
  return { anatomy, procedure: procedureOf(file) };
}

/** Three finite numbers, or null: files and links can hold anything where a point belongs. */
function asVec3(v: unknown): Vec3 | null {
  return Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as Vec3) : null;
}

function nerveCentre(f: { nerve?: ScenarioFile['nerve'] }): Vec3 | null {
  return asVec3(f.nerve?.center_mm);
}

/**
 * Moves a protocol's probes from the scenario it was written for onto another
 * anatomy, keeping each probe's offset from the nerve centre. In axisymmetric
 * mode the probe must stay on the axis, so only the depth offset is kept.
 */
export function placeProcedure(procedure: Procedure, from: { nerve?: ScenarioFile['nerve'] }, to: Anatomy): Procedure {
  const a = nerveCentre(from);
  const b = nerveCentre(to);
  if (!a || !b) return structuredClone(procedure);
  const axi = to.geometry?.mode === 'axisymmetric';
  const delta: Vec3 = axi ? [0, 0, b[2] - a[2]] : [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  return moveProbes(procedure, delta, to);
}

/**
 * Moves every probe tip by `delta`, kept inside the body. A malformed anatomy or
 * probe (from someone else's file) is left as it is for the validator to report:
 * this runs before validation, when a file or link is placed, and must not throw.
 */
export function moveProbes(procedure: Procedure, delta: Vec3, anatomy: Anatomy): Procedure {
  const size: unknown = anatomy.geometry?.size_mm;
  const last = Array.isArray(size) ? size[size.length - 1] : undefined;
  const depth = typeof last === 'number' && Number.isFinite(last) ? last : Infinity;
  const probes = (Array.isArray(procedure.probes) ? procedure.probes : []).map((p: ProbeSpec) => {
    const at = asVec3(p?.tip_mm);
    if (!at || !asVec3(delta)) return structuredClone(p);
    const tip: Vec3 = [at[0] + delta[0], at[1] + delta[1], at[2] + delta[2]];
    // Keep the tip inside the body; the validator reports anything still odd.
    tip[2] = round3(Math.min(Math.max(tip[2], 0.5), depth - 0.5));
    tip[0] = round3(tip[0]);
    tip[1] = round3(tip[1]);
    return { ...structuredClone(p), tip_mm: tip };
  });
  return { ...structuredClone(procedure), probes };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Moves the nerve and, by default, every protocol's probes with it. */
export function moveNerve(ws: Workspace, center_mm: Vec3, moveProbesToo: boolean): Workspace {
  const old = ws.anatomy.nerve;
  if (!old) return ws;
  const anatomy: Anatomy = { ...structuredClone(ws.anatomy), nerve: { ...old, center_mm } };
  const delta: Vec3 = [center_mm[0] - old.center_mm[0], center_mm[1] - old.center_mm[1], center_mm[2] - old.center_mm[2]];
  if (anatomy.geometry?.mode === 'axisymmetric') {
    delta[0] = 0;
    delta[1] = 0;
  }
  const protocols = moveProbesToo
    ? ws.protocols.map((e) => ({ ...e, procedure: moveProbes(e.procedure, delta, anatomy) }))
    : ws.protocols;
  return { ...ws, anatomy, protocols };
}

export function entryScenario(ws: Workspace, id: string): ScenarioFile | null {
  const e = ws.protocols.find((p) => p.id === id);
  return e ? combine(ws.anatomy, e.procedure) : null;
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
    procedure: placeProcedure(procedureOf(builtins[id]), builtins[id], anatomy),
  }));
  return {
    version: 1,
    anatomy,
    protocols,
    compare: [...ids],
    selected: anatomyId in builtins ? anatomyId : ids[0],
    margins: {
      skin_margin_mm: VERDICT_DEFAULTS.skin_margin_mm.value,
      nerve_target_c: VERDICT_DEFAULTS.nerve_target_c.value,
      skin_limit_c: VERDICT_DEFAULTS.skin_limit_c.value,
    },
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
    return typeof m === 'number' && Number.isFinite(m) ? m : VERDICT_DEFAULTS[k].value;
  };
  const compare = w.compare.filter((id) => typeof id === 'string' && ids.has(id));
  return {
    ...w,
    compare,
    selected: typeof w.selected === 'string' && ids.has(w.selected) ? w.selected : (w.protocols[0]?.id ?? ''),
    margins: { skin_margin_mm: margin('skin_margin_mm'), nerve_target_c: margin('nerve_target_c'), skin_limit_c: margin('skin_limit_c') },
  };
}
