/**
 * One candidate schedule scored from its members' runs, whoever runs them: the base scenario
 * with its protocol replaced, planned as an ensemble of the given uncertainty (the same members
 * for every candidate: common random numbers) or run once when there is none, and summarised
 * as `cryo ensemble` summarises. The CLI runs the tasks on Node threads (evaluate.ts), the
 * page on its worker pool (workers/pool/optimise-pool.ts); both score here, so they agree.
 */
import type { PhaseSpec, Uncertainty } from '../../scenarios/schema.ts';
import { formatIssues, validateScenario } from '../../scenarios/validate.ts';
import { planEnsemble } from '../ensemble/ensemble-plan.ts';
import type { MemberFigures } from '../ensemble/figures.ts';
import type { EnsembleTask } from '../ensemble/member-run.ts';
import { summarise } from '../ensemble/summary.ts';
import type { Evaluate, Evaluation, Target } from './search.ts';

export interface ScoreOptions {
  /** the scenario file without its uncertainty section */
  file: Record<string, unknown>;
  /** null: deterministic (one run per candidate) */
  uncertainty: Uncertainty | null;
  target: Target;
  skinMarginMm: number | null;
}

/** Runs the tasks; per task its members' figures, or the reason it failed. */
export type RunTasks = (tasks: EnsembleTask[]) => Promise<(MemberFigures[] | string)[]>;

/** Runs one evaluation would take. */
export function runsPerEvaluation(u: Uncertainty | null): number {
  if (!u) return 1;
  return u.inputs.length === 0 ? 1 : u.samples;
}

export function evaluatorOver(o: ScoreOptions, runAll: RunTasks): Evaluate {
  return async (phases: PhaseSpec[]): Promise<Evaluation> => {
    const file = { ...structuredClone(o.file), protocol: phases };
    let figures: (MemberFigures | null)[];
    let runs: number;
    if (!o.uncertainty) {
      const v = validateScenario(file);
      if (!v.ok) throw new Error(`the candidate schedule is not a valid scenario: ${formatIssues(v.issues)}`);
      const [r] = await runAll([{ index: 0, scenario: v.scenario, offsets: [[0, 0, 0]] }]);
      if (typeof r === 'string') throw new Error(`the candidate run failed: ${r}`);
      figures = r;
      runs = 1;
    } else {
      const plan = planEnsemble(o.uncertainty, [{ id: 'candidate', file }]);
      // Members whose sampled scenario is invalid have no task: they stay null, counted as failed.
      const { tasks } = plan.tasksFor(plan.members.map((m) => m.index));
      const replies = await runAll(tasks.map(({ index, scenario, offsets }) => ({ index, scenario, offsets })));
      figures = new Array(o.uncertainty.samples).fill(null);
      tasks.forEach((t, k) => {
        const r = replies[k];
        if (typeof r !== 'string') t.members.forEach((m, j) => (figures[m] = r[j]));
      });
      runs = tasks.length;
    }
    const s = summarise(figures, o.skinMarginMm ?? 0);
    const done = figures.filter((f): f is MemberFigures => f !== null && f.nerve !== null);
    const probability =
      o.target === 'nerve_block' ? (done.length ? done.reduce((a, f) => a + f.nerve!.block_probability, 0) / done.length : null) : s.probability[o.target];
    if (probability === null) throw new Error(s.samples === 0 ? 'every member of the candidate failed to run' : 'the scenario has no nerve, so a nerve target cannot be scored');
    return { probability, skin_risk: o.skinMarginMm === null ? null : s.probability.ice_within_margin, skin_gap_p50_mm: s.percentiles.skin.min_ice_gap_mm.p50, runs, failed: s.failed };
  };
}
