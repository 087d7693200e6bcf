/**
 * The first comparison in a fresh page, as a user meets it: builds the workbench and, in fresh
 * Chromium sessions taken in turns, clicks "Run comparison" (the eight built-in protocols at
 * 0.25 mm) either at once, as soon as the header has painted — the workers start, compile and
 * warm up inside the comparison and Plotly loads when the first result arrives — or once the
 * page's warm start (web/components/cryo-workbench/warm-start.ts) has done that work while the
 * page sat idle; in the warm-start sessions a second comparison follows in the same page (every
 * protocol changed). Wall time from the click until every run has a result, the median of each,
 * and Chromium's CPU seconds by thread group over each comparison, in the same process. With --write the figures replace the marked "first-run-bench" section of
 * docs/performance.md. Timing lives here, never in tests.
 *
 *     npx tsx tests/e2e/first-run-bench.ts [--pairs 4] [--spacing-mm 0.25] [--write]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import { WARM_START } from '../../web/ui-presets.ts';
import { writeSection } from '../bench/doc-section.ts';
import type { Page } from 'playwright-core';
import { openBrowser, waitForRunsDone, waitForWarmStart } from './browser.ts';
import { chromiumThreads, cpuSince } from './chromium-cpu.ts';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const pairs = Math.max(1, Math.floor(Number(arg('--pairs', '4'))));
const spacing = arg('--spacing-mm', '0.25');
type Mode = 'at once' | 'after the warm start';

const dist = mkdtempSync(join(tmpdir(), 'cryo-first-run-'));
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const server = await preview({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1' } });
const url = server.resolvedUrls!.local[0];
const loadBefore = loadavg().map((x) => x.toFixed(2)).join(', ');

type Cpu = Record<ThreadGroup, number>;
/** The thread groups the CPU table shows (Linux's thread names, as chromium-cpu.ts reads them). */
const GROUPS = ['simulation workers', 'compile and GC helpers', 'main threads', 'other'] as const;
type ThreadGroup = (typeof GROUPS)[number];
function grouped(used: [string, number][]): Cpu {
  const cpu: Cpu = { 'simulation workers': 0, 'compile and GC helpers': 0, 'main threads': 0, other: 0 };
  for (const [name, sec] of used) {
    const g: ThreadGroup = name === 'DedicatedWorker' ? 'simulation workers' : name === 'ThreadPoolForeg' ? 'compile and GC helpers' : name === 'chromium' ? 'main threads' : 'other';
    cpu[g] += sec;
  }
  return cpu;
}

/** Clicks Run and waits for every result: wall seconds and Chromium's CPU seconds by thread group. */
async function comparison(page: Page, what: string): Promise<{ runS: number; cpu: Cpu }> {
  const before = chromiumThreads();
  const t0 = Date.now();
  await page.locator('cryo-workbench #run').click();
  await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).running, undefined, { timeout: 30_000, polling: 20 });
  await waitForRunsDone(page, 600_000);
  const runS = (Date.now() - t0) / 1000;
  const after = chromiumThreads();
  const failed = await page.evaluate(() => (document.querySelector('cryo-workbench') as any).runs.filter((r: any) => !r.result).length);
  if (failed) throw new Error(`${failed} run(s) failed (${what})`);
  return { runS, cpu: grouped(before && after ? cpuSince(before, after) : []) };
}

interface Session {
  first: { runS: number; cpu: Cpu };
  /** the same page's second comparison, every protocol changed (after the warm start only) */
  again?: { runS: number; cpu: Cpu };
  warmS: number | null;
  workersS?: number;
  chartsS?: number;
  draftsS?: number;
}

/** One fresh session: the first comparison, and (after the warm start) a second one in the same page. */
async function session(mode: Mode): Promise<Session> {
  const s = await openBrowser({ width: 1366, height: 900 });
  try {
    await s.page.goto(url);
    await s.page.locator('cryo-workbench header h1').waitFor();
    const painted = Date.now();
    await s.page.locator('anatomy-panel #res').selectOption(spacing);
    let warmS: number | null = null;
    let parts: { workersS?: number; chartsS?: number; draftsS?: number } = {};
    if (mode === 'after the warm start') {
      await waitForWarmStart(s.page);
      warmS = (Date.now() - painted) / 1000;
      parts = await s.page.evaluate(() => {
        const t = (document.querySelector('cryo-workbench') as any).warmStart.timings;
        return { workersS: (t.workersMs - t.startedMs) / 1000, chartsS: (t.chartsMs - t.startedMs) / 1000, draftsS: t.draftsMs / 1000 };
      });
    }
    const first = await comparison(s.page, mode);
    let again: Session['again'];
    if (mode === 'after the warm start') {
      // A nerve 0.1 mm wider changes every protocol's file, so all eight run again, on workers and a page now warm.
      await s.page.evaluate(() => {
        const el = document.querySelector('cryo-workbench') as any;
        const nerve = el.ws.anatomy.nerve;
        el.setWs({ ...el.ws, anatomy: { ...el.ws.anatomy, nerve: { ...nerve, diameter_mm: nerve.diameter_mm + 0.1 } } });
      });
      await s.page.waitForTimeout(500);
      again = await comparison(s.page, 'again in the same page');
    }
    if (s.errors.length) throw new Error(`page errors (${mode}): ${s.errors.join('; ')}`);
    return { first, again, warmS, ...parts };
  } finally {
    await s.close();
  }
}

type Row = Mode | 'again in the same page';
const times: Record<Row, number[]> = { 'at once': [], 'after the warm start': [], 'again in the same page': [] };
const cpus: Record<Row, Cpu[]> = { 'at once': [], 'after the warm start': [], 'again in the same page': [] };
const warmS: number[] = [];
const workersS: number[] = [];
const chartsS: number[] = [];
const draftsS: number[] = [];
try {
  // ABBA order, so a drift of the shared machine falls on both alike.
  for (let i = 0; i < 2 * pairs; i++) {
    const mode: Mode = i % 4 === 0 || i % 4 === 3 ? 'at once' : 'after the warm start';
    const r = await session(mode);
    times[mode].push(r.first.runS);
    cpus[mode].push(r.first.cpu);
    if (r.again) {
      times['again in the same page'].push(r.again.runS);
      cpus['again in the same page'].push(r.again.cpu);
    }
    if (r.warmS !== null) warmS.push(r.warmS);
    if (r.workersS !== undefined) workersS.push(r.workersS);
    if (r.chartsS !== undefined) chartsS.push(r.chartsS);
    if (r.draftsS !== undefined) draftsS.push(r.draftsS);
    process.stderr.write(
      `${mode}: ${r.first.runS.toFixed(2)} s${r.again ? `, again ${r.again.runS.toFixed(2)} s` : ''}${r.warmS !== null ? ` (warm start took ${r.warmS.toFixed(2)} s after the first paint)` : ''}\n`,
    );
  }
} finally {
  await new Promise<void>((res) => server.httpServer.close(() => res()));
  rmSync(dist, { recursive: true, force: true });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (r: Row) => `| ${r} | ${times[r].length} | ${median(times[r]).toFixed(2)} | ${Math.min(...times[r]).toFixed(2)} | ${Math.max(...times[r]).toFixed(2)} |`;
const cpuRow = (r: Row) => {
  const m = GROUPS.map((g) => median(cpus[r].map((c) => c[g])));
  return `| ${r} | ${m.map((x) => x.toFixed(2)).join(' | ')} | ${median(cpus[r].map((c) => GROUPS.reduce((t, g) => t + c[g], 0))).toFixed(2)} |`;
};
const ratio = median(times['after the warm start']) / median(times['at once']);
const body = [
  `## First comparison in a fresh page (tests/e2e/first-run-bench.ts)`,
  '',
  `The eight built-in protocols at ${spacing} mm, "Run comparison" clicked in a fresh Chromium session (the built app,`,
  `${availableParallelism()} cores, ${new Date().toISOString().slice(0, 10)}, load average ${loadBefore} before), either at once when the header has painted`,
  '(the workers start, compile their kernels and get their JavaScript optimised inside the comparison, and Plotly loads',
  'when the first result arrives) or after the page\'s warm start has done that while the page sat idle',
  `(web/components/cryo-workbench/warm-start.ts: ${WARM_START.delay_ms.value / 1000} s after the first paint, when idle, it starts the workers the comparison`,
  `uses, each running every ticked protocol (up to ${WARM_START.protocols.value}) once on the ${WARM_START.spacing_mm.value}-mm draft grid, its schedule cut at ${WARM_START.cell_seconds.value.toExponential(0)} cell-seconds, and the first one again implicit, and, once`,
  `the user's input has paused for ${WARM_START.quiet_ms.value / 1000} s, loads Plotly). Wall time from the click until every run has a result; sessions`,
  'taken in turns (ABBA), median of each.',
  '',
  '| Run clicked | sessions | median (s) | fastest (s) | slowest (s) |',
  '|---|---|---|---|---|',
  row('at once'),
  row('after the warm start'),
  row('again in the same page'),
  '',
  'Chromium\'s CPU seconds over each comparison (medians; /proc, all its processes): the simulation workers (DedicatedWorker',
  'threads), the helpers that compile optimised JavaScript and wasm and collect garbage (ThreadPoolForeg), the main threads',
  '(the page\'s, with its charts, and the browser\'s), and the rest (compositor, I/O). "Again in the same page": after the',
  'warm-start session\'s first comparison, the nerve 0.1 mm wider, so all eight run again on a warm page.',
  '',
  `| comparison | ${GROUPS.join(' | ')} | all |`,
  `|---|${GROUPS.map(() => '---|').join('')}---|`,
  cpuRow('at once'),
  cpuRow('after the warm start'),
  cpuRow('again in the same page'),
  '',
  `After the warm start the first comparison takes ${ratio.toFixed(2)}× the time it takes when clicked at once. The warm start`,
  `itself ended ${median(warmS).toFixed(1)} s after the first paint (medians): from its start, Plotly was ready after ${median(chartsS).toFixed(1)} s,`,
  `most of that its 4.6 MB being parsed and run on the page's thread, which the page otherwise spends while the first results`,
  `arrive. The workers ran their drafts in ${median(draftsS).toFixed(1)} s by their own clocks (the busier one); their replies reached the page`,
  `${median(workersS).toFixed(1)} s after the start, when its thread was free. A click meanwhile waits for the drafts and for Plotly to end.`,
].join('\n');
process.stdout.write(`${body}\n`);
if (process.argv.includes('--write')) writeSection(join(root, 'docs/performance.md'), 'first-run-bench', body);
