/**
 * Thread teams under Node (CLI, tests, benchmarks): helpers are worker_threads running
 * workers/team/team-helper-node.mjs. Node lets the main thread block in Atomics.wait, so
 * runScenario drives the team from wherever it runs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../../scenarios/schema.ts';
import type { KernelSet } from '../engine/kernel-set.ts';
import { runScenario } from '../engine/run.ts';
import type { RunOptions, RunOutput } from '../engine/run-types.ts';
import { splitThreads } from '../engine/thread-policy.ts';
import { startHelpers, ThreadTeam, type TeamOptions } from '../engine/thread-team.ts';
import { loadSharedKernel } from './kernel-node.ts';

const HELPER = new URL('../team/team-helper-node.mjs', import.meta.url);

let live = 0;
/** Helper threads started and not yet exited, in this process (tests check teardown with it). */
export function liveHelperThreads(): number {
  return live;
}

/** A team of `threads` (the caller's thread and threads − 1 workers), once every helper has started. */
export async function createNodeTeam(threads: number, options: TeamOptions = {}): Promise<ThreadTeam> {
  const module = loadSharedKernel();
  const workers = Array.from({ length: Math.max(0, threads - 1) }, () => {
    const w = new Worker(HELPER);
    live++;
    w.once('exit', () => live--);
    return w;
  });
  const team = new ThreadTeam(module, workers, options);
  await startHelpers(team, workers, (w, on) => {
    w.on('message', on.message);
    w.on('error', (e) => on.error(e.message));
    w.on('exit', on.exit);
  });
  return team;
}

/**
 * runScenario with the grid split over as many threads as the policy gives it (thread-policy.ts)
 * out of `available` (default: this machine's cores); the team lives exactly as long as the run.
 */
export async function runScenarioSplit(
  scenario: Scenario,
  kernels: KernelSet,
  options: RunOptions = {},
  available = availableParallelism(),
): Promise<RunOutput> {
  const threads = splitThreads(scenario, available);
  const team = threads > 1 ? await createNodeTeam(threads) : null;
  try {
    return runScenario(scenario, kernels, { ...options, team });
  } finally {
    team?.terminate();
  }
}
