/**
 * Plans a sweep before anything runs: applies every combination of varied values to the
 * scenario file, validates each, and derives the CSV header from the whole grid (so every
 * shard agrees on it). Problems with the request itself — a path that cannot be set, a
 * varied field the validator does not know, a grid in which no combination is valid — are
 * input errors tagged `--vary …`; a combination that is merely invalid becomes an error row.
 */
import { formatIssues, validateScenario } from '../../scenarios/validate.ts';
import type { Issue, Scenario } from '../../scenarios/schema.ts';
import { setAtPath } from '../../scenarios/json-path.ts';
import { addToShape, columnNames, EMPTY_SHAPE } from './sweep-columns.ts';
import { combination, MAX_RUNS, runCount } from './sweep-grid.ts';
import type { Varied } from './vary.ts';

export interface SweepPlan {
  totalRuns: number;
  columns: string[];
  /** The scenario of one run, or why that combination is invalid (one line per issue). */
  scenarioFor(index: number): { values: (number | string)[]; scenario: Scenario } | { values: (number | string)[]; error: string };
}

export function planSweep(baseFile: unknown, varied: Varied[], spacingMm?: number): SweepPlan | { issues: Issue[] } {
  const totalRuns = runCount(varied);
  if (totalRuns > MAX_RUNS)
    return { issues: [{ path: '--vary', message: `${totalRuns} combinations; at most ${MAX_RUNS} per sweep (use fewer values or larger steps)` }] };

  const fileFor = (values: (number | string)[]): { file: unknown } | { issues: Issue[] } => {
    const file = structuredClone(baseFile);
    if (spacingMm !== undefined) {
      const geometry = (file as { geometry?: unknown }).geometry;
      if (geometry && typeof geometry === 'object') (geometry as Record<string, unknown>).spacing_mm = spacingMm;
    }
    const issues: Issue[] = [];
    varied.forEach((v, p) => {
      const error = setAtPath(file, v.steps, values[p]);
      if (error) issues.push({ path: `--vary ${v.path}`, message: error });
    });
    return issues.length ? { issues } : { file };
  };
  const validated = (values: (number | string)[]) => {
    const f = fileFor(values);
    return 'issues' in f ? { ok: false as const, issues: f.issues, pathError: true } : { ...validateScenario(f.file), pathError: false };
  };

  // Whole grid: every shard must derive the same header, so no shard may look only at its own runs.
  let shape = EMPTY_SHAPE;
  let firstInvalid: Issue[] | null = null;
  let anyValid = false;
  for (let index = 0; index < totalRuns; index++) {
    const v = validated(combination(varied, index));
    if (v.ok) {
      anyValid = true;
      shape = addToShape(shape, v.scenario);
      continue;
    }
    // A path that cannot be set is the same problem in every combination: report it once, as bad input.
    if (v.pathError) return { issues: v.issues };
    const unknown = v.issues.find((i) => varied.some((p) => p.path === i.path) && i.message.startsWith('unknown field'));
    if (unknown) return { issues: [{ path: `--vary ${unknown.path}`, message: unknown.message }] };
    firstInvalid ??= v.issues;
  }
  if (!anyValid)
    return {
      issues: [
        { path: '--vary', message: `no combination gives a valid scenario; the first combination's problems follow` },
        ...(firstInvalid ?? []),
      ],
    };

  return {
    totalRuns,
    columns: columnNames(
      varied.map((v) => v.path),
      shape,
    ),
    scenarioFor(index) {
      const values = combination(varied, index);
      const v = validated(values);
      return v.ok ? { values, scenario: v.scenario } : { values, error: formatIssues(v.issues) };
    },
  };
}
