/**
 * The workbench's view of the built-in library: it opens on the built-in
 * comparison set (every literature protocol on one anatomy, placed by the same
 * scenarios/placement.ts the CLI's comparison uses, with the set's adjunct
 * choice), and offers each built-in's anatomy as a starting point.
 */
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { adjunctChoice } from '../../scenarios/comparison.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { anatomyOf, procedureOf, type Anatomy, type Procedure, type Workspace } from './workspace.ts';
import { defaultMargins } from './margins.ts';

const DEFAULT_COMPARISON_ID = 'comparison-nerve-20mm';

function comparison() {
  const id = BUILTIN_COMPARISONS[DEFAULT_COMPARISON_ID] ? DEFAULT_COMPARISON_ID : Object.keys(BUILTIN_COMPARISONS)[0];
  return { id, set: BUILTIN_COMPARISONS[id] };
}

/** The comparison set's anatomy as a scenario file's patient fields (its output settings included). */
function comparisonAnatomyFile(): ScenarioFile {
  const { set } = comparison();
  const { probe_tip_depth_mm: _fixedDepth, ...patient } = set.anatomy;
  return { schema: 'cryo-scenario/1', name: set.name, assumptions: set.assumptions, probes: [], protocol: [], ...patient, ...(set.output ? { output: set.output } : {}) } as ScenarioFile;
}

/** A built-in protocol as published: its probes, phases and adjuncts, stored against its own nerve. */
export function publishedProcedure(id: string): Procedure | null {
  const file = BUILTIN_SCENARIOS[id];
  return file ? procedureOf(file) : null;
}

export function defaultWorkspace(spacing_mm?: number): Workspace {
  const { set } = comparison();
  const anatomy: Anatomy = anatomyOf(comparisonAnatomyFile(), set.name);
  anatomy.assumptions = [...(set.assumptions ?? [])];
  if (spacing_mm && anatomy.geometry) anatomy.geometry = { ...anatomy.geometry, spacing_mm };
  const ids = Object.keys(BUILTIN_SCENARIOS);
  return {
    version: 1,
    anatomy,
    protocols: ids.map((id) => ({ id, origin: 'builtin' as const, procedure: publishedProcedure(id)! })),
    compare: [...ids],
    selected: ids.includes('von-falck-2022') ? 'von-falck-2022' : ids[0],
    margins: defaultMargins(),
    adjuncts: adjunctChoice(set),
  };
}

/** Anatomies the user can adopt: the comparison set's, then each built-in scenario's own. */
export function anatomySources(): Record<string, ScenarioFile> {
  const { id, set } = comparison();
  return { [id]: { ...comparisonAnatomyFile(), name: `${set.name} (comparison set)` }, ...BUILTIN_SCENARIOS };
}

export function isBuiltin(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTIN_SCENARIOS, id);
}
