/**
 * `npm run bench:browser`: the benchmark in headless Chromium — kernel throughput
 * in a real web worker (f32 SIMD, f64 reference, plain JS, same process) and the
 * built-in protocol comparison at 0.25 mm on parallel workers and the 3D goal
 * scene, single- and two-rate — into its own marked section of docs/performance.md
 * ("browser-bench"), keeping the others. Serves the page with Vite (COOP/COEP on) on a free
 * loopback port and drives Debian's Chromium with playwright-core.
 */
import os from 'node:os';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';
import { splitRows } from './bench-core.ts';
import { writeSection } from './doc-section.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const outPath = arg('out', 'docs/performance.md');
const seconds = arg('seconds', '2');

const server = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: 'error',
  server: {
    host: '127.0.0.1', port: 0,
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
  worker: { format: 'es' },
});
await server.listen();
const address = server.httpServer!.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  // The page says which part it is on: a long or stuck part shows up here.
  page.on('console', (m) => process.stderr.write(`  [page] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`  [page error] ${e.message}\n`));
  await page.goto(`http://127.0.0.1:${port}/tests/bench/browser/bench.html?seconds=${seconds}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, null, { timeout: 900_000 });
  type Measure = { wallS: number; steps: number; mcells: number };
  const bench = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    error?: string; crossOriginIsolated: boolean; userAgent: string; cores: number;
    kernels: { name: string; cells: number; grid: string; f32: Measure; f64: Measure; js: Measure; twoRate: Measure }[];
    split: { name: string; grid: string; threads: number; one: Measure; split: Measure }[];
    comparisons: { name: string; twoRate: boolean; integrator: 'explicit' | 'auto'; protocols: number; workers: number; wallS: number; cellUpdates: number }[];
    scenes3d: { name: string; twoRate: boolean; threads: number; wallS: number; cellUpdates: number }[];
  };
  if (bench.error) throw new Error(bench.error);
  const version = bench.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? bench.userAgent;
  const lines = [
    `## In the browser (headless ${version} on ${os.cpus()[0]?.model ?? 'an unknown CPU'}, ${bench.cores} cores, cross-origin isolated: ${bench.crossOriginIsolated}; ${new Date().toISOString().slice(0, 10)})`,
    '',
    'Kernel throughput in one web worker, all kernels in the same worker:',
    '',
    '| scene | cells | kernel | steps | wall (s) | Mcells/s | vs JS | vs f64 |',
    '|---|---|---|---|---|---|---|---|',
    ...bench.kernels.flatMap((k) =>
      ([['wasm f32 SIMD (production)', k.f32], ['wasm f64 (reference)', k.f64], ['plain JS f64, same stencil', k.js], ['wasm f32 SIMD, two-rate stepping (effective)', k.twoRate]] as const).map(
        ([label, m]) => `| ${k.name} | ${k.grid} = ${k.cells} | ${label} | ${m.steps} | ${m.wallS.toFixed(2)} | ${m.mcells.toFixed(0)} | ${Number.isFinite(k.js.mcells) ? `${(m.mcells / k.js.mcells).toFixed(2)}×` : '—'} | ${(m.mcells / k.f64.mcells).toFixed(2)}× |`,
      ).filter((line) => !line.includes('| NaN |')),
    ),
    '',
    'One grid on one web worker and split over a team (a nested helper worker on shared memory; single-rate, every step on the team), in the same worker:',
    '',
    '| scene | cells | threads | steps | wall (s) | Mcells/s | vs one thread |',
    '|---|---|---|---|---|---|---|',
    ...(bench.split.length ? bench.split.flatMap((r) => splitRows(r.name, r.grid, r.threads, r)) : ['| (not cross-origin isolated: no shared memory) | | | | | | |']),
    '',
    'End to end, every protocol of a comparison set at its own spacing (0.25 mm), split over parallel workers, and the 3D goal scene; explicit single- and two-rate stepping, and "auto" (the default integrator: implicit steps where predicted faster, two-rate explicit elsewhere; cell updates count the implicit runs\' own steps × cells) in the same page:',
    '',
    '| run | stepping | protocols | workers | cell updates done (10⁹) | wall (s) |',
    '|---|---|---|---|---|---|',
    ...bench.comparisons.map((c) => `| ${c.name} | ${c.integrator === 'auto' ? 'auto (default)' : rate(c.twoRate)} | ${c.protocols} | ${c.workers} | ${(c.cellUpdates / 1e9).toFixed(2)} | ${c.wallS.toFixed(1)} |`),
    ...bench.scenes3d.map((c) => `| ${c.name} | ${rate(c.twoRate)} | 1 | 1${c.threads > 1 ? ` split over ${c.threads} threads` : ''} | ${(c.cellUpdates / 1e9).toFixed(2)} | ${c.wallS.toFixed(1)} |`),
    '',
    ...goals(bench),
  ];
  writeSection(outPath, 'browser-bench', lines.join('\n'));
  process.stderr.write(lines.join('\n') + '\n');
} finally {
  await browser.close();
  await server.close();
}

function rate(twoRate: boolean) {
  return twoRate ? 'two-rate' : 'single-rate';
}

/** The speed goals of the project (issue "Speed"), against this run's figures (end to end: two-rate, as the workbench runs). */
function goals(bench: {
  kernels: { name: string; f32: { mcells: number }; twoRate: { mcells: number } }[];
  split: { name: string; one: { mcells: number }; split: { mcells: number } }[];
  comparisons: { twoRate: boolean; integrator: 'explicit' | 'auto'; wallS: number }[];
  scenes3d: { twoRate: boolean; threads: number; wallS: number }[];
}): string[] {
  const ratio = (test: (name: string) => boolean) => Math.max(...bench.split.filter((r) => test(r.name)).map((r) => r.split.mcells / r.one.mcells));
  // As the workbench runs it: the default integrator ("auto").
  const comparisonS = bench.comparisons.find((c) => c.integrator === 'auto')?.wallS ?? Infinity;
  // As the workbench runs it: two-rate, split over the cores where the page allows.
  const sceneS = Math.min(...bench.scenes3d.filter((c) => c.twoRate).map((c) => c.wallS));
  const f32 = (test: (name: string) => boolean) => Math.max(...bench.kernels.filter((k) => test(k.name)).map((k) => k.f32.mcells));
  const eff = (test: (name: string) => boolean) => Math.max(...bench.kernels.filter((k) => test(k.name)).map((k) => k.twoRate.mcells));
  const is2d = (n: string) => !n.startsWith('3D');
  const is3d = (n: string) => n.startsWith('3D');
  const rows: [string, string, string, boolean | null][] = [
    ['2D f32, one worker (every cell every step)', '≥ 900 Mcells/s', `${f32(is2d).toFixed(0)} Mcells/s; two-rate ${eff(is2d).toFixed(0)} effective`, f32(is2d) >= 900],
    ['3D f32, one worker (every cell every step)', '≥ 700 Mcells/s', `${f32(is3d).toFixed(0)} Mcells/s; two-rate ${eff(is3d).toFixed(0)} effective`, f32(is3d) >= 700],
    bench.split.length
      ? ['one grid split over two workers (f32 Mcells/s, best scene of each kind)', '≥ 1.7×', `2D ${ratio(is2d).toFixed(2)}×, 3D ${ratio(is3d).toFixed(2)}×`, Math.min(ratio(is2d), ratio(is3d)) >= 1.7]
      : ['one grid split over two workers', '≥ 1.7×', 'not measured (page not cross-origin isolated)', null],
    ['built-in protocol comparison, 0.25 mm', '≤ 5 s', `${comparisonS.toFixed(1)} s`, comparisonS <= 5],
    ['3D scene: two probes and a vessel, 0.5 mm, 10-5-10 min', '≤ 60 s', `${sceneS.toFixed(1)} s`, sceneS <= 60],
  ];
  return [
    '## Goals',
    '',
    '| goal | target | this run (browser) | met |',
    '|---|---|---|---|',
    ...rows.map(([goal, target, got, met]) => `| ${goal} | ${target} | ${got} | ${met === null ? '—' : met ? 'yes' : 'no'} |`),
    '',
  ];
}
