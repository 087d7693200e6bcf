/**
 * End to end: the simulation workers under fault. A worker that throws out of
 * its handler, closes itself, or runs out of memory (the browser refusing a
 * WebAssembly.Memory) fails only its own run, with a message, and the pool
 * replaces it; a numerical fault in the real engine reaches the verdict table
 * and a notice; twenty start-and-cancel cycles leave no worker behind beyond the
 * idle ones that were there before (by the pool's counter and by the browser's
 * own list of workers); fifty runs in a
 * row leave the page's and the workers' memory where it was after ten; and a
 * single large run splits its grid over a nested helper worker on shared memory
 * (the page is cross-origin isolated) with the result one thread gives.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MEMORY_ARGS, openBrowser, waitForRunsDone, waitForWarmStart, wb, type Session } from './browser.ts';
import { record } from './report.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import type { Result, Scenario } from '../../scenarios/schema.ts';

const baseUrl = inject('baseUrl');
let s: Session;

beforeAll(async () => {
  s = await openBrowser(undefined, MEMORY_ARGS);
  await s.page.goto(baseUrl);
  await s.page.locator('cryo-workbench header h1').waitFor();
  await waitForWarmStart(s.page);
  await s.page.locator('anatomy-panel #res').selectOption('1');
});
afterAll(async () => {
  await s?.close();
});

/** Runs the three protocols with the given faults; returns each run's outcome and the pool's counters. */
async function runWithFaults(faults: Record<string, unknown>) {
  await wb(s.page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'calixte-2019', 'bittman-2018'] }));
  // Waits for the run itself: a faulted run may end before a poll sees it running, and
  // protocols unchanged since their last run here keep their results without running.
  await s.page.evaluate((f) => (document.querySelector('cryo-workbench') as any).run({ faultInjection: f }), faults);
  await waitForRunsDone(s.page, 60_000);
  return wb(s.page, (el) => ({
    runs: Object.fromEntries(el.runs.map((r: any) => [r.id, r.result ? 'ok' : r.error.message])) as Record<string, string>,
    stats: el.pool.stats,
  }));
}

/**
 * Dedicated workers the browser itself reports for the page (DevTools protocol
 * targets), not the pool's bookkeeping. `measureUserAgentSpecificMemory` would
 * also count them, but right after a burst of terminations it waits out its
 * 60-s timeout for workers that are being torn down.
 */
function browserWorkerCount(): number {
  return s.page.workers().length;
}

describe('workers in Chromium', () => {
  it('a single large run splits its grid over a nested helper worker and gives the one-thread result', async () => {
    expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(true);
    await s.page.locator('anatomy-panel #res').selectOption('0.25');
    await wb(s.page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016'] }));
    await s.page.evaluate(() => void (document.querySelector('cryo-workbench') as any).run());
    await s.page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).running, undefined, { timeout: 10_000 });
    await waitForRunsDone(s.page, 120_000);
    const run = await wb(s.page, (el) => ({ result: el.runs[0].result, scenario: el.runs[0].scenario, error: el.runs[0].error?.message ?? null }));
    await s.page.locator('anatomy-panel #res').selectOption('1');
    expect(run.error).toBeNull();
    const browser = run.result as Result;
    expect(browser.solver.threads).toBe(2);
    const node = runScenario(run.scenario as Scenario, loadKernels()).result;
    expect(node.solver.threads).toBe(1);
    expect(browser.isotherms).toEqual(node.isotherms);
    expect(browser.sensors).toEqual(node.sensors);
    expect(browser.nerve).toEqual(node.nerve);
    expect(browser.solver.cell_updates).toBe(node.solver.cell_updates);
  });

  it('a worker that throws, closes itself or runs out of memory fails only its own run, and is replaced', async () => {
    const crash = await runWithFaults({ 'yoon-2016': { crash: 'throw' }, 'calixte-2019': { crash: 'close' } });
    record({
      area: 'workers',
      trial: 'worker throws an uncaught error / calls self.close() mid-run (3 protocols, 2 workers)',
      input: 'faultInjection crash "throw" on yoon-2016, "close" on calixte-2019',
      outcome: `yoon-2016: "${crash.runs['yoon-2016']}"; calixte-2019: "${crash.runs['calixte-2019']}"; bittman-2018: ${crash.runs['bittman-2018']}; pool ${JSON.stringify(crash.stats)}`,
      pass: crash.runs['bittman-2018'] === 'ok' && crash.stats.crashed === 2,
    });
    expect(crash.runs['yoon-2016']).toMatch(/^the simulation worker stopped unexpectedly: .*injected fault: an uncaught error/);
    expect(crash.runs['calixte-2019']).toMatch(/^the simulation worker stopped unexpectedly: the worker ended without an error/);
    expect(crash.runs['bittman-2018']).toBe('ok');
    expect(crash.stats).toMatchObject({ crashed: 2, busy: 0, queued: 0 });
    const notice = await s.page.locator('cryo-workbench .notice.error').last().textContent();
    expect(notice).toContain('2 protocols did not finish');

    const oom = await runWithFaults({ 'calixte-2019': { crash: 'oom' } });
    record({
      area: 'workers',
      trial: 'worker runs out of memory (the browser refuses a WebAssembly.Memory)',
      input: 'faultInjection crash "oom" on calixte-2019: 4 GiB memories reserved until refused',
      outcome: `calixte-2019: "${oom.runs['calixte-2019'].slice(0, 110)}…"; others ${oom.runs['yoon-2016']}, ${oom.runs['bittman-2018']}; that worker retired: ${oom.stats.retired - crash.stats.retired} retired, ${oom.stats.live} live`,
      pass: oom.runs['yoon-2016'] === 'ok' && oom.runs['bittman-2018'] === 'ok' && /out of memory/.test(oom.runs['calixte-2019']),
    });
    expect(oom.runs['calixte-2019']).toMatch(/^out of memory: the browser could not allocate memory for this run \(WebAssembly\.Memory\(\): could not allocate memory\)/);
    expect(oom.runs['yoon-2016']).toBe('ok');
    expect(oom.runs['bittman-2018']).toBe('ok');
    // Not a crash: the worker answered, and was then replaced rather than reused with its heap full of holes.
    expect(oom.stats.crashed).toBe(2);
    expect(oom.stats.retired).toBe(crash.stats.retired + 1);
    expect(oom.stats.live).toBeLessThanOrEqual(2);

    const clean = await runWithFaults({});
    expect(Object.values(clean.runs)).toEqual(['ok', 'ok', 'ok']);
    // The only errors are the injected one, reported by the browser for the worker that threw.
    expect(s.errors.filter((e) => !/injected fault/.test(e))).toEqual([]);
  });

  it('a numerical fault in the real engine reaches the verdict table and a notice', async () => {
    const r = await runWithFaults({ 'yoon-2016': { dtScale: 10 } });
    const row = await s.page.locator('verdict-table tbody tr[data-id="yoon-2016"]').textContent();
    const notice = await s.page.locator('cryo-workbench .notice.error').last().textContent();
    record({
      area: 'workers',
      trial: 'numerical fault (time step 10× the stability limit, real engine)',
      input: 'faultInjection dtScale 10 on yoon-2016',
      outcome: `"${r.runs['yoon-2016'].slice(0, 140)}…", shown in the verdict table and the error notice; the other two runs ${r.runs['calixte-2019']}, ${r.runs['bittman-2018']}`,
      pass: /^numerical fault: /.test(r.runs['yoon-2016']) && r.runs['calixte-2019'] === 'ok',
    });
    expect(r.runs['yoon-2016']).toMatch(/^numerical fault: the temperature became .* which is physically impossible; the run was stopped\. Likely cause: /);
    expect(r.runs['calixte-2019']).toBe('ok');
    expect(r.runs['bittman-2018']).toBe('ok');
    expect(row).toContain('physically impossible');
    expect(notice).toContain('numerical fault');
  });

  it('twenty start-and-cancel cycles leave no worker behind', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('0.5');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['prologo-2017', 'bittman-2018'] }));
    const errorNotices = await page.locator('cryo-workbench .notice.error').count();
    const before = await wb(page, async (el) => (await el.ensurePool()).stats);
    let started = 0;
    let ended = 0;
    const onWorker = (w: { on(e: 'close', f: () => void): void }) => {
      started++;
      w.on('close', () => ended++);
    };
    page.on('worker', onWorker);
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) {
      await page.locator('cryo-workbench #run').click();
      await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).running, undefined, { polling: 10 });
      await page.locator('cryo-workbench #cancel').click();
      await page.waitForFunction(() => !(document.querySelector('cryo-workbench') as any).running, undefined, { polling: 10, timeout: 5000 });
    }
    const seconds = (Date.now() - t0) / 1000;
    const after = await wb(page, (el) => ({ stats: el.pool.stats, // A cancelled protocol that had results before keeps them, marked previous (issue 11).
      cancelled: el.runs.every((r: any) => r.error?.message === 'cancelled' || r.previous) }));
    // Terminated workers leave the browser's books asynchronously: give them a moment.
    // Idle workers from before (the warm start's, the first test's) may stay; nothing the cycles started may.
    const kept = after.stats.live;
    let live = browserWorkerCount();
    for (let i = 0; i < 50 && live > kept; i++) {
      await page.waitForTimeout(100);
      live = browserWorkerCount();
    }
    page.off('worker', onWorker);
    const created = after.stats.created - before.created;
    record({
      area: 'workers',
      trial: '20 start-and-cancel cycles through the Run and Cancel buttons (2 long protocols at 0.5 mm)',
      input: 'click Run, wait until running, click Cancel; 20 times',
      outcome: `${seconds.toFixed(1)} s; pool: ${before.live} live before, ${created} created, ${after.stats.retired - before.retired} retired, ${after.stats.live} live after (idle, from before); browser (DevTools): ${started} seen starting, ${ended} ended, ${live} alive`,
      pass: after.stats.live <= before.live && after.stats.busy === 0 && live === kept,
    });
    expect(after.cancelled).toBe(true);
    expect(after.stats).toMatchObject({ busy: 0, queued: 0 });
    expect(after.stats.live).toBeLessThanOrEqual(before.live);
    expect(after.stats.created - after.stats.retired).toBe(after.stats.live);
    expect(created).toBeGreaterThanOrEqual(20);
    expect(live).toBe(kept);
    // DevTools may never see a worker killed before it attached to it; every one it saw has ended.
    expect(started).toBeLessThanOrEqual(created);
    expect(ended).toBe(started);
    // A cancel the user asked for is not an error.
    expect(await page.locator('cryo-workbench .notice.error').count()).toBe(errorNotices);
  });

  it('memory stays flat over 50 consecutive runs', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016'], selected: 'yoon-2016' }));
    const t0 = Date.now();
    // Straight through the pool the UI uses, with a map frame every simulated second (about
    // 1.7 MB per run), measuring after runs 2, 10, 20, … 50: anything a run leaves behind, even
    // for a while (until a worker's garbage collector gets round to it), shows in some sample.
    const m = await page.evaluate(async () => {
      const el = document.querySelector('cryo-workbench') as any;
      const pool = await el.ensurePool();
      const base = el.selectedScenario();
      const scenario = { ...base, output: { ...base.output, interval_s: 1 } };
      const gc = (globalThis as any).gc as () => void;
      const measure = async () => {
        for (let i = 0; i < 3; i++) {
          gc();
          await new Promise((r) => setTimeout(r, 50));
        }
        const ua = await (performance as any).measureUserAgentSpecificMemory();
        return { heap: (performance as any).memory.usedJSHeapSize as number, total: ua.bytes as number };
      };
      const samples: { run: number; heap: number; total: number }[] = [];
      const created = pool.stats.created;
      let frames = 0;
      for (let i = 1; i <= 50; i++) {
        const reply = (await pool.runBatch([{ id: 'm', scenario }], { frames: true, maxFrames: 1000, progressIntervalS: 0.25 }).promise).get('m');
        if (!reply.ok) throw new Error(reply.message);
        frames = reply.frames.temperatures_c.length;
        if (i === 2 || i % 10 === 0) samples.push({ run: i, ...(await measure()) });
      }
      const cells = (base.geometry.size_mm[0] / base.geometry.spacing_mm) * (base.geometry.size_mm[1] / base.geometry.spacing_mm);
      return { samples, frames, perRunBytes: frames * 4 * cells, newWorkers: pool.stats.created - created };
    });
    const seconds = (Date.now() - t0) / 1000;
    const spread = (k: 'heap' | 'total') => Math.max(...m.samples.map((x) => x[k])) - Math.min(...m.samples.map((x) => x[k]));
    const heapGrowth = spread('heap');
    const totalGrowth = spread('total');
    // The page may never hold half a run's frames more at one sample than at another; page and
    // workers together, one run's. Before the progress-relay fix (simulation-pool.ts) samples
    // differed by one to ten runs' frames; with it they agree to 0.1 MB (heap) and 0.5 MB (total).
    const heapBound = 0.5 * m.perRunBytes;
    const bound = m.perRunBytes;
    const mb = (b: number) => (b / 1e6).toFixed(1);
    record({
      area: 'workers',
      trial: '50 consecutive runs through the worker pool (yoon-2016, 1 mm, a map frame every simulated second)',
      input: `${m.frames} frames per run, ${mb(m.perRunBytes)} MB each; memory after GC at runs ${m.samples.map((x) => x.run).join(', ')}`,
      outcome: `${seconds.toFixed(1)} s; page heap ${m.samples.map((x) => mb(x.heap)).join(' / ')} MB (spread allowed ${mb(heapBound)}); page + workers ${m.samples.map((x) => mb(x.total)).join(' / ')} MB (spread allowed ${mb(bound)}); ${m.newWorkers} new worker`,
      pass: heapGrowth < heapBound && totalGrowth < bound,
    });
    expect(m.frames).toBeGreaterThan(200);
    expect(heapGrowth).toBeLessThan(heapBound);
    expect(totalGrowth).toBeLessThan(bound);
    // One worker, reused for all fifty.
    expect(m.newWorkers).toBeLessThanOrEqual(1);
  });
});
