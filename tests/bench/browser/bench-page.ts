/**
 * Benchmark page: runs the kernel benchmark in one worker, then the built-in
 * protocol comparison at 0.25 mm split over as many workers as the machine has
 * cores (as the workbench's pool does) and the 3D goal scene, each single- and
 * two-rate, and leaves the figures on `window.__bench`.
 */
import { BUILTIN_COMPARISONS, expandComparison } from '../../../scenarios/builtin.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import type { Scenario } from '../../../scenarios/schema.ts';
import { goalScene3d } from '../bench-scenes.ts';

const seconds = Number(new URLSearchParams(location.search).get('seconds') ?? '2');
const spawn = () => new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
const ask = <T>(w: Worker, msg: unknown) => new Promise<T>((resolve, reject) => {
  w.onmessage = (e) => resolve(e.data as T);
  w.onerror = (e) => reject(new Error(e.message));
  w.postMessage(msg);
});

async function main() {
  console.log('bench: kernel throughput');
  const kernelWorker = spawn();
  const kernels = await ask<unknown[]>(kernelWorker, { kind: 'kernels', seconds });
  kernelWorker.terminate();
  console.log('bench: one grid on one worker vs split');
  const splitWorker = spawn();
  const split = await ask<unknown[]>(splitWorker, { kind: 'split', seconds });
  splitWorker.terminate();

  const comparisons = [];
  // Explicit single- and two-rate, then as the workbench runs it: "auto", the default integrator
  // (implicit steps where predicted faster, two-rate explicit elsewhere).
  const modes = [[false, 'explicit'], [true, 'explicit'], [true, 'auto']] as const;
  for (const set of Object.values(BUILTIN_COMPARISONS)) for (const [twoRate, integrator] of modes) {
    const scenarios: Scenario[] = expandComparison(set).map(({ id, scenario }) => {
      const v = validateScenario({ ...scenario, solver: { ...scenario.solver, integrator } });
      if (!v.ok) throw new Error(`${id}: ${v.issues[0].path}: ${v.issues[0].message}`);
      return v.scenario;
    });
    const workers = Math.min(navigator.hardwareConcurrency || 2, scenarios.length);
    console.log(`bench: ${set.name}, ${integrator}, ${twoRate ? 'two-rate' : 'single-rate'}, ${workers} workers`);
    // As the workbench's pool runs a batch: longest first, each worker taking the next run when it is free.
    const queue = [...scenarios].sort((a, b) => total(b) - total(a));
    let cellUpdates = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: workers }, async () => {
      const w = spawn();
      try {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const done = await ask<{ cellUpdates: number }>(w, { kind: 'runs', scenarios: [next], twoRate });
          cellUpdates += done.cellUpdates;
        }
      } finally {
        w.terminate();
      }
    }));
    comparisons.push({ name: set.name, twoRate, integrator, protocols: scenarios.length, workers, wallS: (performance.now() - t0) / 1000, cellUpdates });
  }
  const goal = goalScene3d();
  const scenes3d = [];
  const cores = navigator.hardwareConcurrency || 2;
  for (const [twoRate, threads] of [[false, 1], [true, 1], [true, cores]] as const) {
    console.log(`bench: ${goal.name}, ${twoRate ? 'two-rate' : 'single-rate'}, ${threads} thread(s)`);
    const goalWorker = spawn();
    scenes3d.push({ name: goal.name, twoRate, ...(await ask<{ wallS: number; cellUpdates: number; threads: number }>(goalWorker, { kind: 'runs', scenarios: [goal], twoRate, threads })) });
    goalWorker.terminate();
  }
  const result = { kernels, split, comparisons, scenes3d, crossOriginIsolated, userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency };
  (window as unknown as { __bench: unknown }).__bench = result;
  document.getElementById('out')!.textContent = JSON.stringify(result, null, 2);
}

const total = (s: Scenario) => s.protocol.reduce((a, p) => a + p.duration_s, 0);

main().catch((e) => {
  (window as unknown as { __bench: unknown }).__bench = { error: String(e) };
});
