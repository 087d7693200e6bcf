/**
 * The CLI's candidate scoring (score.ts) with the members run on the ensemble's worker code in
 * threads kept up for the whole search, or in this thread when threads ≤ 1.
 */
import type { KernelSet } from '../engine/kernel-set.ts';
import { runTask, type EnsembleReply, type EnsembleTask } from '../ensemble/member-run.ts';
// One definition of the entry, so the CLI bundle resolves it to its built worker.
import { WORKER_ENTRY } from '../ensemble/run-ensemble.ts';
import { SweepPool, type LostTask } from '../sweep/sweep-pool.ts';
import type { Evaluate } from './search.ts';
import { evaluatorOver, type RunTasks, type ScoreOptions } from './score.ts';

export interface EvaluatorOptions extends ScoreOptions {
  threads: number;
  kernels: WebAssembly.Module | KernelSet;
}

export function makeEvaluator(o: EvaluatorOptions): { evaluate: Evaluate; close(): Promise<void> } {
  let replies = new Map<number, EnsembleReply | LostTask>();
  // Threads kept up for the whole search; a thread that dies fails its task and is replaced.
  const pool = o.threads > 1 ? new SweepPool<EnsembleTask, EnsembleReply>(o.threads, (r) => replies.set(r.index, r), WORKER_ENTRY, true) : null;
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
    replies = new Map();
    await pool.run(tasks);
    return tasks.map((t) => {
      const r = replies.get(t.index)!;
      return 'figures' in r ? r.figures : r.error;
    });
  };
  return { evaluate: evaluatorOver(o, runAll), close: async () => void (await pool?.terminate()) };
}
