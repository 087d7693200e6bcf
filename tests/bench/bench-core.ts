/**
 * The measuring pieces both benchmarks share (Node, tests/bench/bench.ts; Chromium,
 * tests/bench/browser/bench.worker.ts): a simulation advanced past its first steps,
 * and a timed loop of kernel chunks reporting Mcells/s.
 */
import type { CompiledModel } from '../../workers/engine/compile.ts';
import type { KernelSet } from '../../workers/engine/kernel-set.ts';
import { Simulation } from '../../workers/engine/simulation.ts';
import type { ThreadTeam } from '../../workers/engine/thread-team.ts';

/** Steps per timed kernel call, as the engine's run loop uses. */
export const CHUNK = 128;

export interface Measure {
  wallS: number;
  steps: number;
  mcells: number;
}

/**
 * A simulation of `model` on one kernel, frozen for `warmSteps` so the ice front is part of the
 * work; single-rate unless `twoRate` (kernel throughput compares the stencils cell for cell).
 */
export function startedSimulation(kernels: KernelSet, model: CompiledModel, precision: 'f32' | 'f64', warmSteps: number, twoRate = false): Simulation {
  const sim = new Simulation(kernels[precision], model, { twoRate });
  sim.beginSegment(model.segments[0]);
  sim.advance(warmSteps, model.dtS);
  return sim;
}

/** Times `stepChunk` (CHUNK steps of `cellsPerChunk / CHUNK` cells) for `seconds`, after one untimed call that lets V8 tier up. */
export function measure(stepChunk: () => void, cellsPerChunk: number, seconds: number): Measure {
  stepChunk();
  const t0 = performance.now();
  let chunks = 0;
  while (performance.now() - t0 < seconds * 1000) {
    stepChunk();
    chunks++;
  }
  const wallS = (performance.now() - t0) / 1000;
  return { wallS, steps: chunks * CHUNK, mcells: (chunks * cellsPerChunk) / wallS / 1e6 };
}

/** One thread against the whole team on the same grid (single-rate, every step on the team), in the same process. */
export function measureSplit(kernels: KernelSet, team: ThreadTeam, model: CompiledModel, warmSteps: number, seconds: number): { one: Measure; split: Measure } {
  const g = model.grid;
  const cells = g.nx * g.ny * g.nz;
  const one = startedSimulation(kernels, model, 'f32', warmSteps);
  const split = new Simulation(kernels.f32, model, { twoRate: false, team });
  split.beginSegment(model.segments[0]);
  split.advance(warmSteps, model.dtS);
  return {
    one: measure(() => one.advance(CHUNK, model.dtS), CHUNK * cells, seconds),
    split: measure(() => split.advance(CHUNK, model.dtS), CHUNK * cells, seconds),
  };
}

/** Markdown rows of `measureSplit` results: scene, cells, threads, steps, wall, Mcells/s, ratio. */
export function splitRows(name: string, grid: string, threads: number, m: { one: Measure; split: Measure }): string[] {
  return ([[1, m.one], [threads, m.split]] as const).map(
    ([n, x]) => `| ${name} | ${grid} | ${n} | ${x.steps} | ${x.wallS.toFixed(2)} | ${x.mcells.toFixed(0)} | ${(x.mcells / m.one.mcells).toFixed(2)}× |`,
  );
}
