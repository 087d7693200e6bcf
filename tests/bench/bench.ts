/**
 * `npm run bench`: throughput of the production wasm kernel against a plain-JS
 * port of the same stencil, measured in the same process on the same scenes
 * (Mcells/s, wall time, ratio), plus the end-to-end time of the built-in
 * protocol comparison and a 3D scene, single- and two-rate. Writes its own marked section of
 * docs/performance.md ("kernel-bench"), keeping the others.
 * Timing lives here, never in tests.
 * Usage: npm run bench [-- --seconds 2] [--out docs/performance.md] [--no-e2e]
 */
import os from 'node:os';
import { BUILTIN_COMPARISONS, expandComparison } from '../../scenarios/builtin.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { createNodeTeam } from '../../workers/node/team-node.ts';
import { measureKernels, measureSplit, splitRows, type Measure } from './bench-core.ts';
import { benchScene3d, benchScenes, goalScene3d } from './bench-scenes.ts';
import { writeSection } from './doc-section.ts';

const TWO_RATE_LABEL = 'wasm f32 SIMD, two-rate stepping (effective)';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('seconds', '2'));
const outPath = arg('out', 'docs/performance.md');
const kernels = loadKernels();
const rows: string[] = [];
for (const k of measureKernels(kernels, seconds)) {
  const hasJs = Number.isFinite(k.js.mcells);
  const kinds: [string, Measure][] = [['wasm f32 SIMD (production)', k.f32], ['wasm f64 (reference)', k.f64], ...(hasJs ? [['plain JS f64, same stencil', k.js] as [string, Measure]] : []), [TWO_RATE_LABEL, k.twoRate]];
  for (const [kernel, m] of kinds) {
    rows.push(`| ${k.name} | ${k.grid} = ${k.cells} | ${k.dtS.toPrecision(3)} | ${kernel} | ${m.steps} | ${m.wallS.toFixed(2)} | ${m.mcells.toFixed(0)} | ${hasJs ? `${(m.mcells / k.js.mcells).toFixed(2)}×` : '—'} | ${(m.mcells / k.f64.mcells).toFixed(2)}× |`);
  }
  process.stderr.write(`${k.name}: f32 SIMD ${k.f32.mcells.toFixed(0)}, f64 ${k.f64.mcells.toFixed(0)}${hasJs ? `, JS ${k.js.mcells.toFixed(0)}` : ''}, two-rate ${k.twoRate.mcells.toFixed(0)} Mcells/s\n`);
}

// One grid split over two threads (worker_threads on shared memory) against one thread.
const split: string[] = [];
{
  const team = await createNodeTeam(2, { schedule: 'always' });
  try {
    for (const { name, scenario } of [...benchScenes(), benchScene3d()]) {
      const model = compileScenario(scenario);
      const g = model.grid;
      const m = measureSplit(kernels, team, model, g.ny > 1 ? 500 : 2000, seconds);
      split.push(...splitRows(name, `${[g.nx, ...(g.ny > 1 ? [g.ny] : []), g.nz].join('×')} = ${g.nx * g.ny * g.nz}`, team.threads, m));
      process.stderr.write(`${name}: 1 thread ${m.one.mcells.toFixed(0)}, ${team.threads} threads ${m.split.mcells.toFixed(0)} Mcells/s (${(m.split.mcells / m.one.mcells).toFixed(2)}×)\n`);
    }
  } finally {
    team.terminate();
  }
}

const e2e: string[] = [];
const stepping = (twoRate: boolean) => (twoRate ? 'two-rate' : 'single-rate');
if (!process.argv.includes('--no-e2e')) {
  for (const set of Object.values(BUILTIN_COMPARISONS)) {
    const singleWallS: number[] = [];
    for (const twoRate of [false, true]) {
      const t0 = performance.now();
      let cellUpdates = 0;
      for (const { id, scenario } of expandComparison(set)) {
        // Explicit: single- against two-rate stepping is what this table measures ("auto" would take
        // implicit steps for some protocols; implicit-bench.ts measures those).
        const v = validateScenario({ ...scenario, solver: { ...scenario.solver, integrator: 'explicit' } });
        if (!v.ok) throw new Error(`${id}: ${v.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
        const { result } = runScenario(v.scenario, kernels, { twoRate });
        cellUpdates += result.solver.cell_updates;
        process.stderr.write(`  ${id} (${stepping(twoRate)}): ${result.solver.wall_s.toFixed(2)} s\n`);
      }
      const wallS = (performance.now() - t0) / 1000;
      if (!twoRate) singleWallS.push(wallS);
      e2e.push(`| ${set.name} | ${stepping(twoRate)} | ${expandComparison(set).length} | ${(cellUpdates / 1e9).toFixed(2)} | ${wallS.toFixed(1)} | ${(singleWallS[0] / wallS).toFixed(2)}× |`);
    }
  }
  const scene = goalScene3d();
  let singleS = 0;
  for (const twoRate of [false, true]) {
    const { result } = runScenario(scene, kernels, { twoRate });
    if (!twoRate) singleS = result.solver.wall_s;
    process.stderr.write(`  ${scene.name} (${stepping(twoRate)}): ${result.solver.wall_s.toFixed(1)} s\n`);
    e2e.push(`| ${scene.name} (${result.solver.grid.join('×')} cells) | ${stepping(twoRate)} | 1 | ${(result.solver.cell_updates / 1e9).toFixed(2)} | ${result.solver.wall_s.toFixed(1)} | ${(singleS / result.solver.wall_s).toFixed(2)}× |`);
  }
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const doc = [
  'Generated by `npm run bench` — do not edit by hand. Mcells/s = cell updates per second (one cell, one explicit step).',
  'All kernels step the same scene in the same process; ratios are against the plain-JS port and the f64 wasm reference kernel.',
  `"${TWO_RATE_LABEL}" is the production f32 kernel with two-rate stepping (docs/method.md §2): its Mcells/s counts every cell once per short time step, as the single-rate rows do, so it is the single-rate work done per second of wall time.`,
  '',
  `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; ${seconds} s per measurement.`,
  '',
  '## Kernel throughput (one thread)',
  '',
  '| scene | cells | dt (s) | kernel | steps | wall (s) | Mcells/s | vs JS | vs f64 |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  '## One grid on two threads (Node worker_threads, shared memory)',
  '',
  'The production f32 kernel, single-rate, stepping the same scene on one thread and split over a thread team (every step on the team), in the same process. See docs/method.md §2.',
  '',
  '| scene | cells | threads | steps | wall (s) | Mcells/s | vs one thread |',
  '|---|---|---|---|---|---|---|',
  ...split,
  '',
  ...(e2e.length
    ? ['## End to end (Node, one thread, sequential)', '',
      'Cell updates are those done (fewer under two-rate stepping); the speed-up is against single-rate stepping in the same process.', '',
      '| run | stepping | protocols | cell updates (10⁹) | wall (s) | speed-up |', '|---|---|---|---|---|---|', ...e2e, '']
    : []),
];
writeSection(outPath, 'kernel-bench', doc.join('\n'));
process.stderr.write(`wrote ${outPath}\n`);
