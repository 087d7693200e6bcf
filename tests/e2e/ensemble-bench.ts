/**
 * Times an ensemble of the whole built-in comparison in Chromium (issue 13's benchmark: 32
 * members × 8 protocols at 0.5 mm, target ≤ 30 s once the solver is faster): builds the
 * workbench, runs the ensemble from the panel with perfusion and probe output uncertain and
 * 1 mm placement error, and prints members, runs, wall seconds and seconds per run. Then, in
 * Node, the CPU seconds of one run of each protocol at the same spacing and how much of it is
 * the wasm kernel's stepping (a V8 CPU profile), which is what bounds the browser figure.
 * With --write the figures replace the marked "Ensemble in the browser" section at the end of
 * docs/performance.md. A smaller --samples gives the per-run cost on a shared machine.
 *
 *     npx tsx tests/e2e/ensemble-bench.ts [--samples 32] [--spacing-mm 0.5] [--write]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { BUILTIN_COMPARISONS, expandComparison } from '../../scenarios/builtin.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { openBrowser, wb } from './browser.ts';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const samples = arg('--samples', '32');
const spacing = arg('--spacing-mm', '0.5');
const load = () => loadavg()[0].toFixed(1);

// ----- in Chromium --------------------------------------------------------------------
const loadBefore = load();
const dist = mkdtempSync(join(tmpdir(), 'cryo-bench-dist-'));
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
const s = await openBrowser();
let browser: { elapsedS: number; runs: number; workers: number; protocols: number; userAgent: string };
try {
  await s.page.goto(server.resolvedUrls!.local[0]);
  await s.page.locator('cryo-workbench header h1').waitFor();
  await s.page.locator('anatomy-panel #res').selectOption(spacing);
  const protocols = await wb(s.page, (el) => el.ws.compare.length);
  await s.page.locator('ensemble-panel #ens-samples').fill(samples);
  await s.page.locator('ensemble-panel #ens-run').click();
  await s.page.waitForFunction(
    () => {
      const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel');
      return p && !p.running && p.progress && p.progress.runsDone === p.progress.runsTotal;
    },
    undefined,
    { timeout: 3_600_000, polling: 500 },
  );
  const r = await wb(s.page, (el) => {
    const p = el.shadowRoot.querySelector('ensemble-panel');
    return { elapsedS: p.elapsedS, runs: p.progress.runsTotal, workers: el.pool.pool.stats.created, userAgent: navigator.userAgent };
  });
  browser = { ...r, protocols };
  if (s.errors.length) console.log('page errors:', s.errors);
} finally {
  await s.close();
  await server.close();
  rmSync(dist, { recursive: true, force: true });
}
const perRun = browser.elapsedS / browser.runs;
console.log(
  `ensemble: ${samples} members × ${browser.protocols} protocols at ${spacing} mm: ${browser.runs} runs in ${browser.elapsedS.toFixed(1)} s ` +
    `(${perRun.toFixed(2)} s per run, ${browser.workers} workers, ${availableParallelism()} cores, load ${loadBefore} → ${load()})`,
);

// ----- in Node: what one member of each protocol costs, and how much of it is stepping -----
const kernels = loadKernels();
const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
const rows: { id: string; simulatedS: number; cpuS: number }[] = [];
await inspector.post('Profiler.start');
for (const run of expandComparison(BUILTIN_COMPARISONS['comparison-nerve-20mm'])) {
  const file = structuredClone(run.scenario) as unknown as { geometry: { spacing_mm: number } };
  file.geometry.spacing_mm = Number(spacing);
  const v = validateScenario(file);
  if (!v.ok) throw new Error(`${run.id} does not validate at ${spacing} mm`);
  const before = process.cpuUsage();
  runScenario(v.scenario, kernels, { nerveScorer: true });
  const used = process.cpuUsage(before);
  rows.push({ id: run.id, simulatedS: v.scenario.protocol.reduce((a, p) => a + p.duration_s, 0), cpuS: (used.user + used.system) / 1e6 });
}
const { profile } = await inspector.post('Profiler.stop');
// Self time by where the code lives: the wasm kernels, or the JS around them.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const share = new Map<string, number>();
let busy = 0;
profile.samples!.forEach((id, i) => {
  const n = byId.get(id)!;
  const url = n.callFrame.url;
  const fn = n.callFrame.functionName;
  if (fn === '(idle)' || fn === '(program)') return;
  const where = url.startsWith('wasm') ? 'wasm kernel stepping' : url.includes('/workers/') || url.includes('/wasm/') ? url.slice(url.lastIndexOf('/workers/') >= 0 ? url.lastIndexOf('/workers/') + 1 : url.lastIndexOf('/wasm/') + 1) : fn === '(garbage collector)' ? 'garbage collector' : 'other';
  const dt = profile.timeDeltas![i] ?? 0;
  share.set(where, (share.get(where) ?? 0) + dt);
  busy += dt;
});
const top = [...share].sort((a, b) => b[1] - a[1]).slice(0, 8);
const memberCpuS = rows.reduce((a, r) => a + r.cpuS, 0);
for (const r of rows) console.log(`${r.id.padEnd(18)} ${String(r.simulatedS).padStart(5)} s simulated: ${r.cpuS.toFixed(2)} CPU-s`);
console.log(`one member of all ${rows.length}: ${memberCpuS.toFixed(2)} CPU-s; × ${samples} members ÷ ${availableParallelism()} cores = ${((memberCpuS * Number(samples)) / availableParallelism()).toFixed(1)} s`);
for (const [k, t] of top) console.log(`${((100 * t) / busy).toFixed(1).padStart(5)} %  ${k}`);

if (process.argv.includes('--write')) {
  const out = join(root, 'docs/performance.md');
  const section = [
    '<!-- ensemble-bench:start -->',
    '## Ensemble in the browser (tests/e2e/ensemble-bench.ts)',
    '',
    `${samples} members × ${browser.protocols} protocols of the built-in comparison at ${spacing} mm, run from the ensemble panel (perfusion and probe output uncertain, 1 mm placement error: every member its own run) in headless ${browser.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, ${availableParallelism()} cores, load average ${loadBefore} before and ${load()} after (other work on the machine slows it). Target ≤ 30 s.`,
    '',
    '| runs | workers | wall (s) | s per run |',
    '|---|---|---|---|',
    `| ${browser.runs} | ${browser.workers} | ${browser.elapsedS.toFixed(1)} | ${perRun.toFixed(2)} |`,
    '',
    `What bounds it: one member of every protocol, run in Node at the same spacing with the same kernel (f32 SIMD, two-rate), costs ${memberCpuS.toFixed(2)} CPU-s, so ${samples} members on ${availableParallelism()} cores cannot take less than about ${((memberCpuS * Number(samples)) / availableParallelism()).toFixed(0)} s however the runs are scheduled:`,
    '',
    '| protocol | simulated (s) | CPU (s) |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${r.simulatedS} | ${r.cpuS.toFixed(2)} |`),
    '',
    'Where that CPU time goes (V8 profile of those runs, self time):',
    '',
    '| where | share |',
    '|---|---|',
    ...top.map(([k, t]) => `| ${k} | ${((100 * t) / busy).toFixed(1)} % |`),
    '<!-- ensemble-bench:end -->',
    '',
  ].join('\n');
  const old = readFileSync(out, 'utf8').replace(/<!-- ensemble-bench:start -->[\s\S]*?<!-- ensemble-bench:end -->\n?/, '');
  writeFileSync(out, `${old.trimEnd()}\n\n${section}`);
  console.log(`wrote the ensemble section of ${out}`);
}
