/**
 * The workbench's view of the built-in library: it opens on the built-in
 * comparison set (every literature protocol on one anatomy, expanded by the
 * same expandComparison the CLI uses), and offers each built-in's anatomy as a
 * starting point.
 */
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS, expandComparison } from '../../scenarios/builtin.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { anatomyOf, placeProcedure, procedureOf, type Anatomy, type Procedure, type Workspace } from './workspace.ts';
import { VERDICT_DEFAULTS } from '../ui-presets.ts';

export const DEFAULT_COMPARISON_ID = 'comparison-nerve-20mm';

function comparison() {
  const id = BUILTIN_COMPARISONS[DEFAULT_COMPARISON_ID] ? DEFAULT_COMPARISON_ID : Object.keys(BUILTIN_COMPARISONS)[0];
  const set = BUILTIN_COMPARISONS[id];
  return { id, set, runs: expandComparison(set) };
}

/** The comparison's anatomy and each built-in's procedure as the CLI would place it there. */
function published(): { anatomy: Anatomy; procedures: Map<string, Procedure>; anatomyFile: ScenarioFile } {
  const { set, runs } = comparison();
  const anatomyFile = runs[0].scenario;
  const anatomy = anatomyOf(anatomyFile, set.name);
  anatomy.assumptions = [...(set.assumptions ?? [])];
  const shared = new Set(set.assumptions ?? []);
  const procedures = new Map<string, Procedure>();
  for (const r of runs) {
    const p = procedureOf(r.scenario);
    // Keep the protocol's own name (the expanded one carries the set's name as a suffix).
    p.name = BUILTIN_SCENARIOS[r.id]?.name ?? p.name;
    p.assumptions = (p.assumptions ?? []).filter((a) => !shared.has(a));
    procedures.set(r.id, p);
  }
  return { anatomy, procedures, anatomyFile };
}

let cache: ReturnType<typeof published> | null = null;
const pub = () => (cache ??= published());

/** A built-in protocol as published, placed on `anatomy` (same probe-to-nerve offset as in the comparison). */
export function publishedProcedure(id: string, anatomy: Anatomy): Procedure | null {
  const { procedures, anatomy: base } = pub();
  const p = procedures.get(id);
  if (p) return placeProcedure(p, base, anatomy);
  const file = BUILTIN_SCENARIOS[id];
  return file ? placeProcedure(procedureOf(file), file, anatomy) : null;
}

export function defaultWorkspace(spacing_mm?: number): Workspace {
  const { anatomy: base } = pub();
  const anatomy: Anatomy = structuredClone(base);
  if (spacing_mm && anatomy.geometry) anatomy.geometry = { ...anatomy.geometry, spacing_mm };
  const ids = Object.keys(BUILTIN_SCENARIOS);
  return {
    version: 1,
    anatomy,
    protocols: ids.map((id) => ({ id, origin: 'builtin' as const, procedure: publishedProcedure(id, anatomy)! })),
    compare: [...ids],
    selected: ids.includes('von-falck-2022') ? 'von-falck-2022' : ids[0],
    margins: {
      skin_margin_mm: VERDICT_DEFAULTS.skin_margin_mm.value,
      nerve_target_c: VERDICT_DEFAULTS.nerve_target_c.value,
      skin_limit_c: VERDICT_DEFAULTS.skin_limit_c.value,
    },
  };
}

/** Anatomies the user can adopt: the comparison set's, then each built-in scenario's own. */
export function anatomySources(): Record<string, ScenarioFile> {
  const { anatomyFile } = pub();
  const { id, set } = comparison();
  return { [id]: { ...anatomyFile, name: `${set.name} (comparison set)`, assumptions: set.assumptions }, ...BUILTIN_SCENARIOS };
}

export function isBuiltin(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTIN_SCENARIOS, id);
}

export function builtinFile(id: string): ScenarioFile | null {
  return isBuiltin(id) ? BUILTIN_SCENARIOS[id] : null;
}
