/**
 * Runs a resolved scenario on the real wasm kernel for tests, and measures
 * errors against exact solutions.
 */
import type { Result, Scenario } from '../../scenarios/schema.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import type { RunOptions } from '../../workers/engine/run-types.ts';

export function simulate(s: Scenario, options: RunOptions = {}): Result {
  return runScenario(s, loadKernels(), options).result;
}

/** Largest absolute difference between a numeric series and the exact values; nulls count as infinite error. */
export function maxError(actual: (number | null)[], exact: number[]): number {
  let e = 0;
  actual.forEach((v, i) => {
    e = Math.max(e, v === null || !Number.isFinite(v) ? Infinity : Math.abs(v - exact[i]));
  });
  return e;
}

/** Observed order of convergence from errors at spacing h and h/2. */
export const order = (coarse: number, fine: number) => Math.log2(coarse / fine);
