/**
 * The measuring pieces both benchmarks share (Node, tests/bench/bench.ts; Chromium,
 * tests/bench/browser/bench.worker.ts): a simulation advanced past its first steps,
 * and a timed loop of kernel chunks reporting Mcells/s.
 */
import { compileScenario, type CompiledModel } from '../../workers/engine/compile.ts';
import type { KernelSet } from '../../workers/engine/kernel-set.ts';
import { Simulation } from '../../workers/engine/simulation.ts';
import { benchScene3d, benchScenes } from './bench-scenes.ts';
import { cloneViews, jsStep } from './js-stencil.ts';
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

/** One scene's kernel figures: f32 SIMD, f64 reference, plain JS (2D only; NaN in 3D) and f32 two-rate, same process. */
export interface KernelRow {
  name: string;
  cells: number;
  grid: string;
  dtS: number;
  f32: Measure;
  f64: Measure;
  js: Measure;
  twoRate: Measure;
}

/** The kernel throughput table both benchmarks report (Node, and a Chromium worker). */
export function measureKernels(kernels: KernelSet, seconds: number): KernelRow[] {
  const rows: KernelRow[] = [];
  for (const { name, scenario } of [...benchScenes(), benchScene3d()]) {
    const model = compileScenario(scenario);
    const g = model.grid;
    const three = g.ny > 1;
    const cells = g.nx * g.ny * g.nz;
    const warm = three ? 500 : 2000;
    const f32 = startedSimulation(kernels, model, 'f32', warm);
    const f64 = startedSimulation(kernels, model, 'f64', warm);
    const two = startedSimulation(kernels, model, 'f32', warm, true);
    const chunk = (sim: Simulation) => () => sim.advance(CHUNK, model.dtS);
    let js: Measure = { wallS: 0, steps: 0, mcells: NaN };
    if (!three) {
      // The plain-JS port is of the 2D stencil.
      const state = { NX: g.NX, NZ: g.NZ, invDx2: 1 / g.spacingM ** 2, invDz2: 1 / g.spacingM ** 2, v: cloneViews(f64.kernel.f64Views!), scratch: new Float64Array(g.NX) };
      let t = 0;
      js = measure(() => (t = jsStep(state, CHUNK, t, model.dtS)), CHUNK * cells, seconds);
    }
    rows.push({
      name, cells, grid: three ? `${g.nx}×${g.ny}×${g.nz}` : `${g.nx}×${g.nz}`, dtS: model.dtS,
      f32: measure(chunk(f32), CHUNK * cells, seconds),
      f64: measure(chunk(f64), CHUNK * cells, seconds),
      js,
      twoRate: measure(chunk(two), CHUNK * cells, seconds),
    });
  }
  return rows;
}
