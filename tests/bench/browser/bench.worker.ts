/**
 * Benchmark worker (Chromium): kernel throughput of the f32 SIMD, f64 reference
 * and plain-JS stencils on the benchmark scenes (and of f32 with two-rate
 * stepping), or a list of scenarios run end to end, single- or two-rate, with the
 * integrator each scenario names — the same engine code and kernels the workbench's workers run.
 */
import kernelF64Url from '../../../wasm/build/kernel.wasm?url';
import kernelF32Url from '../../../wasm/build/kernel-simd.wasm?url';
import kernelSharedUrl from '../../../wasm/build/kernel-simd-shared.wasm?url';
import kernelImplicitUrl from '../../../wasm/build/implicit.wasm?url';
import { createBrowserTeam } from '../../../workers/pool/team-browser.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { compileScenario } from '../../../workers/engine/compile.ts';
import type { KernelSet } from '../../../workers/engine/kernel-set.ts';
import { runScenario } from '../../../workers/engine/run.ts';
import { measureKernels, measureSplit } from '../bench-core.ts';
import { benchScene3d, benchScenes } from '../bench-scenes.ts';

let kernels: Promise<KernelSet> | null = null;
const load = () =>
  (kernels ??= Promise.all([kernelF32Url, kernelF64Url, kernelImplicitUrl].map((url) => WebAssembly.compileStreaming(fetch(url)))).then(
    ([f32, f64, implicit]) => ({ f32, f64, implicit }),
  ));

self.onmessage = async (e: MessageEvent) => {
  const k = await load();
  if (e.data.kind === 'split') {
    // One grid on this worker alone, then split with a nested helper worker (needs cross-origin isolation).
    const team = await createBrowserTeam(2, await WebAssembly.compileStreaming(fetch(kernelSharedUrl)), { schedule: 'always' });
    if (!team) return self.postMessage([]);
    try {
      const rows = [];
      for (const { name, scenario } of [...benchScenes(), benchScene3d()]) {
        const model = compileScenario(scenario);
        const g = model.grid;
        const grid = `${[g.nx, ...(g.ny > 1 ? [g.ny] : []), g.nz].join('×')} = ${g.nx * g.ny * g.nz}`;
        rows.push({ name, grid, threads: team.threads, ...measureSplit(k, team, model, g.ny > 1 ? 500 : 2000, e.data.seconds) });
      }
      self.postMessage(rows);
    } finally {
      team.terminate();
    }
    return;
  }
  if (e.data.kind === 'kernels') {
    self.postMessage(measureKernels(k, e.data.seconds));
  } else {
    // As the workbench runs a single large run: split over a team of `threads` (nested workers) when it can be.
    const threads: number = e.data.threads ?? 1;
    const t0 = performance.now();
    const team = threads > 1 ? await createBrowserTeam(threads, await WebAssembly.compileStreaming(fetch(kernelSharedUrl))) : null;
    let cellUpdates = 0;
    try {
      for (const s of e.data.scenarios as Scenario[]) cellUpdates += runScenario(s, k, { twoRate: e.data.twoRate !== false, team }).result.solver.cell_updates;
    } finally {
      team?.terminate();
    }
    self.postMessage({ wallS: (performance.now() - t0) / 1000, cellUpdates, threads: team?.threads ?? 1 });
  }
};
