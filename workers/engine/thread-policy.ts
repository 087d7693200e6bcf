/**
 * When a run splits its grid over a thread team: f32 runs whose grid gives every thread
 * enough cells to outweigh the per-step barriers (scenarios/presets.ts). The f64 reference
 * always runs on one thread, and callers that already run one protocol per core (a
 * comparison) offer one thread per run.
 */
import { MAX_SPLIT_THREADS, SPLIT_MIN_CELLS_PER_THREAD } from '../../scenarios/presets.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { paddedCellCount } from '../../scenarios/validate-budget.ts';
import { DEFAULT_PRECISION } from './kernel-set.ts';

/** Threads (≥ 1) to step `scenario` with, out of `available` the caller can give it. */
export function splitThreads(scenario: Scenario, available: number): number {
  if ((scenario.solver.precision ?? DEFAULT_PRECISION) !== 'f32') return 1;
  const cells = paddedCellCount(scenario.geometry.size_mm, scenario.geometry.spacing_mm);
  const byCells = Math.floor(cells / SPLIT_MIN_CELLS_PER_THREAD);
  return Math.max(1, Math.min(Math.floor(available), MAX_SPLIT_THREADS, byCells));
}
