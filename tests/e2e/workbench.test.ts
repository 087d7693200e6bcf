/**
 * End to end in Chromium against the built app: the page loads without console
 * errors and, once painted, starts its workers and loads Plotly (after a pause in the
 * user's input); comparing the eight built-in protocols draws one lethal-zone column per
 * protocol and a verdict table whose numbers equal the CLI's results for the very
 * same scenario files; every export downloads a file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Result } from '../../scenarios/schema.ts';
import { MAX_CONCURRENT_RUNS } from '../../scenarios/presets.ts';
import { WARM_START } from '../../web/ui-presets.ts';
import { openBrowser, waitForRunsDone, waitForWarmStart, wb, type Session } from './browser.ts';

const root = resolve(import.meta.dirname, '../..');
const baseUrl = inject('baseUrl');
let s: Session;
const downloads = mkdtempSync(join(tmpdir(), 'cryo-e2e-downloads-'));

beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s?.close();
  rmSync(downloads, { recursive: true, force: true });
});

async function download(click: () => Promise<void>): Promise<string> {
  const [dl] = await Promise.all([s.page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = join(downloads, dl.suggestedFilename());
  await dl.saveAs(path);
  return path;
}

describe('workbench in Chromium', () => {
  it('loads and paints before Plotly arrives, without console errors', async () => {
    await s.page.goto(baseUrl);
    await s.page.locator('cryo-workbench header h1').waitFor();
    expect(await s.page.locator('cryo-workbench h1').textContent()).toContain('Cryoneurolysis workbench');
    // The eight built-in protocols are listed and ticked for comparison.
    expect(await s.page.locator('cryo-workbench .protocols li').count()).toBe(8);
    // COOP/COEP from `vite preview` reach the page.
    expect(await s.page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    // Once painted and idle, the page starts the workers a comparison of the eight uses and loads
    // Plotly (warm-start.ts), so the first comparison does not wait for either.
    await waitForWarmStart(s.page);
    const warm = await s.page.evaluate(() => {
      const el = document.querySelector('cryo-workbench') as any;
      const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      const plotly = performance.getEntriesByType('resource').filter((e) => /plotly/i.test(e.name)).map((e) => e.startTime);
      return { stats: el.pool?.stats ?? null, cores: navigator.hardwareConcurrency, paint, plotly };
    });
    const workers = Math.min(warm.cores, 8, MAX_CONCURRENT_RUNS.value);
    expect(warm.stats).toMatchObject({ live: workers, busy: 0, queued: 0, created: workers, settled: workers, crashed: 0 });
    // Plotly (4.6 MB) is not part of the first paint: its one request starts after it, by the
    // page's own clock (whether it had started when the test saw the header depends on the load).
    expect(warm.plotly).toHaveLength(1);
    expect(warm.paint).toBeGreaterThan(0);
    expect(warm.plotly[0]).toBeGreaterThan(warm.paint);
    expect(s.errors).toEqual([]);
  });

  it('compares the built-in protocols: one column each, verdict numbers equal to the CLI', async () => {
    const page = s.page;
    // Draft grid keeps the test fast; the numbers must still match the CLI exactly.
    await page.locator('anatomy-panel #res').selectOption('1');
    await page.locator('cryo-workbench #run').click();
    await page.locator('cryo-workbench header [role="status"]').first().waitFor({ timeout: 10_000 });
    await waitForRunsDone(page);
    const runs = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, ok: !!r.result, error: r.error?.message ?? null })));
    expect(runs).toHaveLength(8);
    expect(runs.filter((r: any) => !r.ok)).toEqual([]);

    // The headline chart: drawn by Plotly, one column (x tick) per protocol.
    await page.locator('lethal-zone-chart .plot .main-svg').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const c = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('lethal-zone-chart') as any;
      return c.drawCount > 0 && c.shadowRoot.querySelectorAll('.xtick').length === 8;
    });
    expect(await wb(page, (el) => el.shadowRoot.querySelector('lethal-zone-chart').columns.length)).toBe(8);
    expect(await page.locator('verdict-table tbody tr').count()).toBe(8);
    // On a desktop screen the panes scroll, the page does not: nothing placed inside them (a hidden
    // label far down the results) may make it taller, or a wheel over the header slides the
    // workbench up over an empty background.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);

    // Results JSON export: the scenario files the browser ran, with its results.
    await page.locator('cryo-workbench #download').click();
    const jsonPath = await download(() => page.locator('cryo-workbench #dl-json').click());
    const exported = JSON.parse(readFileSync(jsonPath, 'utf8')) as { runs: { id: string; scenario: unknown; result: Result }[] };
    expect(exported.runs.map((r) => r.id)).toEqual(runs.map((r: any) => r.id));

    const table = await wb(page, (el) =>
      [...el.shadowRoot.querySelector('verdict-table').shadowRoot.querySelectorAll('tbody tr')].map((tr: any) => ({
        id: tr.dataset.id,
        cells: Object.fromEntries([...tr.querySelectorAll('[data-col]')].map((td: any) => [td.dataset.col, td.dataset.value])),
      })),
    );

    // Run each exported scenario file through the CLI, as a user would.
    for (const run of exported.runs) {
      const file = join(downloads, `${run.id}.scenario.json`);
      const out = join(downloads, `${run.id}.cli-result.json`);
      writeFileSync(file, JSON.stringify(run.scenario));
      execFileSync(process.execPath, [join(root, 'workers/cli/cryo.mjs'), 'run', file, '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      const cli = JSON.parse(readFileSync(out, 'utf8')) as Result;
      const row = table.find((t) => t.id === run.id)!.cells;
      const num = (v: string) => (v === '' ? null : Number(v));
      expect(num(row.skin_min_c), `${run.id} coldest skin`).toBeCloseTo(cli.skin.min_c, 9);
      if (cli.skin.min_ice_gap_mm === null) expect(num(row.ice_gap_mm), `${run.id} ice gap (no ice)`).toBeNull();
      else expect(num(row.ice_gap_mm), `${run.id} ice gap`).toBeCloseTo(cli.skin.min_ice_gap_mm, 9);
      expect(num(row.lethal_full_s), `${run.id} nerve fully ≤ −40 °C at`).toBe(cli.nerve!.coverage['-40'].first_full_s);
      expect(num(row.block_fraction), `${run.id} ≤ −20 °C coverage`).toBeCloseTo(cli.nerve!.coverage['-20'].fraction, 9);
      // The whole result agrees, not only what the table shows (wall-clock fields aside).
      expect(run.result.isotherms).toEqual(cli.isotherms);
      expect(run.result.sensors).toEqual(cli.sensors);
      expect(run.result.nerve).toEqual(cli.nerve);
    }
    expect(s.errors).toEqual([]);
  });

  it('plays the temperature map through time', async () => {
    const page = s.page;
    const map = page.locator('temperature-map');
    await map.locator('.plot .main-svg').first().waitFor();
    await map.locator('input[type="range"]').fill('0');
    await map.locator('button', { hasText: 'Play' }).click();
    await page.waitForFunction(() => (document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('temperature-map') as any).frameIndex >= 3, undefined, { timeout: 10_000 });
    await map.locator('button', { hasText: 'Pause' }).click();
    expect(await map.locator('output').textContent()).toMatch(/s|min/);
    expect(s.errors).toEqual([]);
  });

  it('exports results as CSV, the scenario as CLI JSON, and a chart as PNG', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #download').click();
    const csv = readFileSync(await download(() => page.locator('cryo-workbench #dl-csv').click()), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^protocol,time_s,phase,iso_0c_radius_mm/);
    expect(csv.split('\n').length).toBeGreaterThan(100);

    await page.locator('cryo-workbench #download').click();
    const scenario = JSON.parse(readFileSync(await download(() => page.locator('cryo-workbench #dl-scenario').click()), 'utf8'));
    expect(scenario.schema).toBe('cryo-scenario/1');
    // The CLI accepts the downloaded file as it is (exit code 0, else execFileSync throws).
    const path = join(downloads, 'downloaded-scenario.json');
    writeFileSync(path, JSON.stringify(scenario));
    execFileSync(process.execPath, [join(root, 'workers/cli/cryo.mjs'), 'validate', path], { cwd: root, stdio: 'pipe' });

    const png = await download(() => page.locator('lethal-zone-chart button', { hasText: 'Save PNG' }).click());
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(s.errors).toEqual([]);
  });

  it('keeps results across a reload and loads an uploaded scenario file', async () => {
    const page = s.page;
    // The map snapshots are stored packed (one Blob per run, result-storage.ts) and must come back as they were.
    const mapsOf = () =>
      wb(page, (el) => el.runs.map((r: any) => ({ n: r.frames.temperatures_c.length, last: Array.from(r.frames.temperatures_c.at(-1) as Float32Array).reduce((a, b) => a + b, 0) })));
    const before = await mapsOf();
    await page.reload();
    await page.locator('cryo-workbench header h1').waitFor();
    // Results come back from IndexedDB, map snapshots included.
    await page.waitForFunction(() => {
      const el = document.querySelector('cryo-workbench') as any;
      return el.runs.length === 8 && el.runs.every((r: any) => r.result && r.frames?.temperatures_c.length > 0);
    }, undefined, { timeout: 20_000 });
    expect(await mapsOf()).toEqual(before);
    expect(await page.locator('verdict-table tbody tr').count()).toBe(8);

    const file = join(downloads, 'downloaded-scenario.json');
    const uploaded = JSON.parse(readFileSync(file, 'utf8'));
    uploaded.name = 'Uploaded copy';
    writeFileSync(file, JSON.stringify(uploaded));
    await page.locator('cryo-workbench #upload').setInputFiles(file);
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === 'Uploaded copy');
    expect(await wb(page, (el) => el.selectedScenario())).toEqual(uploaded);
    expect(await page.locator('cryo-workbench .protocols li').count()).toBe(9);
    expect(s.errors).toEqual([]);
  });

  it("loads Plotly only once the user's input pauses: its first load holds the page's thread", async () => {
    // A fresh profile: saved results would draw the charts, and so load Plotly, at once.
    const b = await openBrowser();
    try {
      // The keys go down in the page from its first script on, every 250 ms for 3 s: pressed from
      // the test, the first one could arrive after the warm start had begun on a loaded machine.
      type Keys = { __keys: { presses: number; lastMs: number } };
      await b.context.addInitScript(() => {
        const w = window as unknown as Keys;
        w.__keys = { presses: 0, lastMs: 0 };
        const timer = setInterval(() => {
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
          w.__keys.lastMs = performance.now();
          if (++w.__keys.presses === 12) clearInterval(timer);
        }, 250);
      });
      await b.page.goto(baseUrl);
      await b.page.locator('cryo-workbench header h1').waitFor();
      await b.page.waitForFunction(() => (window as unknown as Keys).__keys.presses === 12, undefined, { polling: 100 });
      const lastKeyMs = await b.page.evaluate(() => (window as unknown as Keys).__keys.lastMs);
      await waitForWarmStart(b.page);
      const plotly = await b.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /plotly/i.test(e.name)).map((e) => e.startTime));
      expect(plotly).toHaveLength(1);
      expect(plotly[0]).toBeGreaterThan(lastKeyMs + WARM_START.quiet_ms.value);
      // The workers did not wait.
      expect(await wb(b.page, (el) => el.warmStart.timings.workersMs < el.warmStart.timings.chartsMs)).toBe(true);
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
