/**
 * The CLI's candidate scoring (score.ts) with the members run on the ensemble's worker code in
 * threads kept up for the whole search, or in this thread when threads ≤ 1.
 */
import type { KernelSet } from '../engine/kernel-set.ts';
import { runTask } from '../ensemble/member-run.ts';
import type { Evaluate } from './search.ts';
import { evaluatorOver, type RunTasks, type ScoreOptions } from './score.ts';
import { ThreadPool } from './thread-pool.ts';

export { runsPerEvaluation } from './score.ts';

export interface EvaluatorOptions extends ScoreOptions {
  threads: number;
  kernels: WebAssembly.Module | KernelSet;
}

export function makeEvaluator(o: EvaluatorOptions): { evaluate: Evaluate; close(): Promise<void> } {
  const pool = o.threads > 1 ? new ThreadPool(o.threads) : null;
  const runAll: RunTasks = async (tasks) => {
    if (!pool) {
      return tasks.map((t) => {
        try {
          return runTask(t, o.kernels);
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      });
    }
    return (await pool.run(tasks)).map((r) => ('figures' in r ? r.figures : r.error));
  };
  return { evaluate: evaluatorOver(o, runAll), close: async () => void (await pool?.close()) };
}
