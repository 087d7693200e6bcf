/**
 * Turns an ensemble request into runs: each member's scenario is its protocol's file with
 * the member's sampled values set at their paths, validated like any scenario (a member
 * whose values make it invalid becomes that member's error, not the ensemble's). Members
 * that share a scenario (no sampled inputs, only placement error) share one run: the
 * shifted nerves are scored on its field.
 */
import type { Scenario, Uncertainty } from '../../scenarios/schema.ts';
import { formatIssues, validateScenario } from '../../scenarios/validate.ts';
import { parseJsonPath, setAtPath, type PathStep } from '../../scenarios/json-path.ts';
import type { EnsembleTask } from './member-run.ts';
import { planMembers, type Member } from './members.ts';

export interface ProtocolInput {
  id: string;
  /** the protocol's scenario file, without its `uncertainty` section */
  file: Record<string, unknown>;
}

export interface PlannedTask extends EnsembleTask {
  protocol: number;
  /** member indices, one per offset */
  members: number[];
}

export interface MemberError {
  protocol: number;
  member: number;
  error: string;
}

export interface EnsemblePlan {
  uncertainty: Uncertainty;
  members: Member[];
  protocols: { id: string; scenario: string }[];
  /** the runs for these members of every protocol, and the members that cannot run */
  tasksFor(memberIndices: readonly number[]): { tasks: PlannedTask[]; errors: MemberError[] };
}

export function planEnsemble(uncertainty: Uncertainty, protocols: ProtocolInput[]): EnsemblePlan {
  const members = planMembers(uncertainty);
  const steps = uncertainty.inputs.map((input) => (parseJsonPath(input.path) as { steps: PathStep[] }).steps);
  const scenarioOf = (file: Record<string, unknown>, values: readonly number[]): { scenario: Scenario } | { error: string } => {
    const copy = structuredClone(file);
    for (let k = 0; k < steps.length; k++) {
      const error = setAtPath(copy, steps[k], values[k]);
      if (error) return { error: `${uncertainty.inputs[k].path}: ${error}` };
    }
    const v = validateScenario(copy);
    return v.ok ? { scenario: v.scenario } : { error: formatIssues(v.issues) };
  };
  const names = protocols.map((p) => {
    const v = validateScenario(p.file);
    return v.ok ? v.scenario.name : p.id;
  });
  return {
    uncertainty,
    members,
    protocols: protocols.map((p, i) => ({ id: p.id, scenario: names[i] })),
    tasksFor(memberIndices) {
      const tasks: PlannedTask[] = [];
      const errors: MemberError[] = [];
      protocols.forEach((p, protocol) => {
        // Without sampled inputs every member of a protocol has the same scenario: one run.
        const groups = steps.length === 0 ? [memberIndices] : memberIndices.map((m) => [m]);
        for (const group of groups) {
          if (group.length === 0) continue;
          const planned = scenarioOf(p.file, members[group[0]].values);
          if ('error' in planned) {
            for (const member of group) errors.push({ protocol, member, error: planned.error });
            continue;
          }
          tasks.push({ index: tasks.length, protocol, members: [...group], scenario: planned.scenario, offsets: group.map((m) => members[m].offset_mm) });
        }
      });
      return { tasks, errors };
    },
  };
}
