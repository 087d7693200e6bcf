/**
 * `npm run bench:browser`: the benchmark in headless Chromium — kernel throughput
 * in a real web worker (f32 SIMD, f64 scalar, plain JS, same process) and the
 * built-in protocol comparison at 0.25 mm on parallel workers — appended to
 * docs/performance.md. Serves the page with Vite (COOP/COEP on) on a free
 * loopback port and drives Debian's Chromium with playwright-core.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS } from '../e2e/browser.ts';

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
  await page.goto(`http://127.0.0.1:${port}/tests/bench/browser/bench.html?seconds=${seconds}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, null, { timeout: 900_000 });
  type Measure = { wallS: number; steps: number; mcells: number };
  const bench = (await page.evaluate(() => (window as unknown as { __bench: unknown }).__bench)) as {
    error?: string; crossOriginIsolated: boolean; userAgent: string; cores: number;
    kernels: { name: string; cells: number; grid: string; f32: Measure; f64: Measure; js: Measure }[];
    comparisons: { name: string; protocols: number; workers: number; wallS: number; cellUpdates: number }[];
    scene3d: { name: string; wallS: number; cellUpdates: number };
  };
  if (bench.error) throw new Error(bench.error);
  const version = bench.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? bench.userAgent;
  const lines = [
    '',
    `## In the browser (headless ${version}, ${bench.cores} cores, cross-origin isolated: ${bench.crossOriginIsolated})`,
    '',
    'Kernel throughput in one web worker, all kernels in the same worker:',
    '',
    '| scene | cells | kernel | steps | wall (s) | Mcells/s | vs JS | vs f64 scalar |',
    '|---|---|---|---|---|---|---|---|',
    ...bench.kernels.flatMap((k) =>
      ([['wasm f32 SIMD (production)', k.f32], ['wasm f64 scalar (reference)', k.f64], ['plain JS f64, same stencil', k.js]] as const).map(
        ([label, m]) => `| ${k.name} | ${k.grid} = ${k.cells} | ${label} | ${m.steps} | ${m.wallS.toFixed(2)} | ${m.mcells.toFixed(0)} | ${Number.isFinite(k.js.mcells) ? `${(m.mcells / k.js.mcells).toFixed(2)}×` : '—'} | ${(m.mcells / k.f64.mcells).toFixed(2)}× |`,
      ).filter((line) => !line.includes('| NaN |')),
    ),
    '',
    'End to end, every protocol of a comparison set at its own spacing (0.25 mm), split over parallel workers:',
    '',
    '| comparison set | protocols | workers | cell updates (10⁹) | wall (s) |',
    '|---|---|---|---|---|',
    ...bench.comparisons.map((c) => `| ${c.name} | ${c.protocols} | ${c.workers} | ${(c.cellUpdates / 1e9).toFixed(2)} | ${c.wallS.toFixed(1)} |`),
    `| ${bench.scene3d.name} | 1 | 1 | ${(bench.scene3d.cellUpdates / 1e9).toFixed(2)} | ${bench.scene3d.wallS.toFixed(1)} |`,
    '',
    ...goals(bench),
  ];
  const existing = readFileSync(outPath, 'utf8');
  const cut = existing.indexOf('\n## In the browser');
  if (cut >= 0) writeFileSync(outPath, existing.slice(0, cut) + '\n');
  appendFileSync(outPath, lines.join('\n'));
  process.stderr.write(lines.join('\n') + '\n');
} finally {
  await browser.close();
  await server.close();
}

/** The speed goals of the project (issue "Speed"), against this run's figures. */
function goals(bench: {
  kernels: { name: string; f32: { mcells: number } }[];
  comparisons: { wallS: number }[];
  scene3d: { wallS: number };
}): string[] {
  const f32 = (test: (name: string) => boolean) => Math.max(...bench.kernels.filter((k) => test(k.name)).map((k) => k.f32.mcells));
  const rows: [string, string, string, boolean | null][] = [
    ['2D f32, one worker', '≥ 900 Mcells/s', `${f32((n) => !n.startsWith('3D')).toFixed(0)} Mcells/s`, f32((n) => !n.startsWith('3D')) >= 900],
    ['3D f32, one worker', '≥ 700 Mcells/s', `${f32((n) => n.startsWith('3D')).toFixed(0)} Mcells/s`, f32((n) => n.startsWith('3D')) >= 700],
    ['one grid split over two workers', '≥ 1.7×', 'not implemented (one worker per run)', null],
    ['built-in protocol comparison, 0.25 mm', '≤ 5 s', `${bench.comparisons[0]?.wallS.toFixed(1)} s`, (bench.comparisons[0]?.wallS ?? Infinity) <= 5],
    ['3D scene: two probes and a vessel, 0.5 mm, 10-5-10 min', '≤ 60 s', `${bench.scene3d.wallS.toFixed(1)} s`, bench.scene3d.wallS <= 60],
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
