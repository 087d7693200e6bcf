/**
 * One ensemble task: run a member scenario once and score the nerve at each of the task's
 * offsets on that run's coldest-over-run field, so members that differ only in placement
 * share one run.
 */
import type { Nerve, Scenario, Vec3 } from '../../scenarios/schema.ts';
import type { KernelSet } from '../engine/kernel-set.ts';
import { runScenario } from '../engine/run.ts';
import { memberFigures, type MemberFigures } from './figures.ts';

export interface EnsembleTask {
  index: number;
  scenario: Scenario;
  /** nerve–probe offsets (mm) to score on this run, one per member */
  offsets: Vec3[];
}

export type EnsembleReply = { index: number; figures: MemberFigures[] } | { index: number; error: string };

export function shifted(nerve: Nerve, offset: Vec3): Nerve {
  return { ...nerve, center_mm: [nerve.center_mm[0] + offset[0], nerve.center_mm[1] + offset[1], nerve.center_mm[2] + offset[2]] };
}

export function runTask(task: EnsembleTask, kernels: WebAssembly.Module | KernelSet): MemberFigures[] {
  const { result, scoreNerve } = runScenario(task.scenario, kernels, { nerveScorer: true });
  const nerve = task.scenario.nerve;
  return task.offsets.map((o) => memberFigures(result, nerve && scoreNerve ? scoreNerve(shifted(nerve, o)) : null));
}
