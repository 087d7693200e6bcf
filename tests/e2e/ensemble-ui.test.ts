/**
 * End to end in Chromium: a researcher runs a small ensemble of two protocols from the
 * ensemble panel on the draft grid, reads the probabilities (and they equal `cryo ensemble`
 * of the same protocol file and section, computed here in Node), sees the p10–p90 bands on
 * the isotherm growth and zone charts, cancels a larger ensemble mid-way and keeps the
 * members that finished; hostile entries (10⁶ members, a negative sd) get a message beside
 * the field and nothing runs. Screenshots go to $CRYO_SCREENSHOT_DIR when set.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { sectionFor } from '../../web/lib/ensemble-request.ts';
import { cryoInProcess } from '../support/cli.ts';
import { dir as tmp } from '../sweep/sweep-fixtures.ts';
import { openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
let s: Session;
const shots = process.env.CRYO_SCREENSHOT_DIR;

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await s?.close();
});

/** Runs `fn` in the page with the ensemble panel element. */
function panel<T>(fn: (el: any) => T): Promise<T> {
  return s.page.evaluate(`(${fn.toString()})(document.querySelector('cryo-workbench').shadowRoot.querySelector('ensemble-panel'))`) as Promise<T>;
}

async function waitEnsembleDone() {
  await s.page.waitForFunction(
    () => {
      const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel');
      return p && !p.running && p.progress && p.states.length > 0;
    },
    undefined,
    { timeout: 150_000, polling: 250 },
  );
}

describe('ensembles in Chromium', () => {
  it('hostile entries get a message beside the field and nothing runs', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['von-falck-2022', 'prologo-2017'] }));
    await page.locator('ensemble-panel #ens-samples').fill('1000000');
    await page.locator('ensemble-panel #ens-placementSdMm').fill('-1');
    const jobsBefore = await wb(page, (el) => el.pool?.stats.settled ?? 0);
    await page.locator('ensemble-panel #ens-run').click();
    await expect.poll(() => page.locator('ensemble-panel #ens-samples-msg').textContent()).toMatch(/whole number from 1 to 256 in the browser/);
    expect(await page.locator('ensemble-panel #ens-placementSdMm-msg').textContent()).toMatch(/from 0 to 10 mm.*got “-1”/);
    expect(await page.locator('ensemble-panel #ens-samples').getAttribute('aria-invalid')).toBe('true');
    const state = await panel((p) => ({ running: p.running, progress: p.progress, states: p.states.length }));
    expect(state).toEqual({ running: false, progress: null, states: 0 });
    // Nothing was run for it (the pool's idle workers are the page's warm start).
    expect(await wb(page, (el) => ({ busy: el.pool?.stats.busy ?? 0, queued: el.pool?.stats.queued ?? 0, settled: el.pool?.stats.settled ?? 0 }))).toEqual({ busy: 0, queued: 0, settled: jobsBefore });
    if (shots) await page.locator('ensemble-panel').screenshot({ path: join(shots, 'ensemble-hostile.png') });
  });

  it('runs a small ensemble: probabilities equal cryo ensemble, bands on both charts', async () => {
    const page = s.page;
    // The nominal runs first: the bands are drawn over them.
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    await page.locator('ensemble-panel #ens-samples').fill('6');
    await page.locator('ensemble-panel #ens-seed').fill('2');
    await page.locator('ensemble-panel #ens-placementSdMm').fill('1');
    expect(await page.locator('ensemble-panel [role="alert"]').count()).toBe(0);
    // While members run the charts hold their redraws out of view: each start and end of the ensemble, as the charts saw it once the page redrew.
    await wb(page, (el) => {
      const seen: boolean[][] = [];
      (window as any).ensembleDeferrals = seen;
      el.addEventListener('ensemble-running', (e: CustomEvent<boolean>) =>
        el.updateComplete.then(() => seen.push([e.detail, el.ensembleRunning, el.shadowRoot.querySelector('temperature-map').deferred])),
      );
    });
    await page.locator('ensemble-panel #ens-run').click();
    // Streaming: the table shows finished members before the end.
    await page.waitForFunction(
      () => {
        const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel');
        return p.progress && p.progress.membersDone > 0;
      },
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    await waitEnsembleDone();
    expect(await page.evaluate(() => (window as any).ensembleDeferrals)).toEqual([
      [true, true, true],
      [false, false, false],
    ]);
    const got = await panel((p) => ({
      states: p.states.map((x: any) => ({ id: x.id, summary: x.summary })),
      progress: p.progress,
      margin: p.runMarginMm,
      file: p.protocols.find((q: any) => q.id === 'von-falck-2022').file,
      rows: [...p.shadowRoot.querySelectorAll('#ensemble-table tbody tr')].map((tr: any) => [...tr.querySelectorAll('th, td')].map((c: any) => c.textContent.replace(/\s+/g, ' ').trim())),
    }));
    expect(got.progress).toMatchObject({ membersDone: 12, membersTotal: 12 });
    expect(got.rows.length).toBe(2);
    for (const row of got.rows) {
      expect(row[1]).toBe('6');
      for (const cell of row.slice(2, 6)) expect(cell).toMatch(/^\d{1,3} % \d{1,3}–\d{1,3}$/);
    }
    // The same protocol file and section through the CLI in Node: the same summary, exactly.
    const v = validateScenario(got.file);
    if (!v.ok) throw new Error('protocol invalid');
    const { section } = sectionFor(v.scenario, { samples: 6, seed: 2, placementSdMm: 1, inputs: ['perfusion', 'probe-output'] });
    const path = join(tmp, 'e2e-ensemble.json');
    writeFileSync(path, JSON.stringify({ ...got.file, uncertainty: section }));
    const out = join(tmp, 'e2e-ensemble-out.json');
    const cli = await cryoInProcess(['ensemble', path, '--out', out, '--workers', '1', '--skin-margin-mm', String(got.margin)]);
    expect(cli.code, cli.err).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    const browser = got.states.find((x: any) => x.id === 'von-falck-2022')!.summary;
    expect({ ...browser, id: doc.protocols[0].id }).toEqual(doc.protocols[0]);

    // Downloads: every member as CSV; no single CLI document, since each probe varies about its own output.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('ensemble-panel #ens-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv.length).toBe(13);
    expect(csv[0]).toMatch(/^protocol,label,member,tissue\.perfusion_w_m3k,probes\[0\]\.surface\.(h_w_m2k|temperature_c)/);
    expect(await page.locator('ensemble-panel #ens-json').isDisabled()).toBe(true);

    // Bands: filled p10–p90 traces in both charts.
    const growth = await wb(page, (el) => (el.shadowRoot.querySelector('isotherm-growth-chart') as any).figure().data.map((d: any) => ({ name: d.name, fill: d.fill })));
    expect(growth.filter((d: any) => d.fill === 'tonexty' && /: p10–p90, 6 members$/.test(d.name)).length).toBe(2);
    const zones = await wb(page, (el) => (el.shadowRoot.querySelector('lethal-zone-chart') as any).figure().data.map((d: any) => ({ name: d.name, x: d.x })));
    const zoneBands = zones.filter((d: any) => /ensemble p10–p90/.test(d.name ?? ''));
    expect(zoneBands.length).toBe(2);
    for (const b of zoneBands) expect(b.x.length).toBe(2);
    // Sensitivity: one bar group per sampled input and placement axis.
    const sens = await panel((p) => p.sensitivityRows.map((r: any) => r.input));
    expect(sens).toEqual(['tissue.perfusion_w_m3k', 'probes[0].surface.h_w_m2k', 'placement x', 'placement depth']);
    if (shots) {
      await page.waitForFunction(() => ((document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel') as any).drawCount > 0);
      // Chromium paints an element screenshot only inside the viewport: make room for the whole panel.
      await page.setViewportSize({ width: 1366, height: 1500 });
      await page.screenshot({ path: join(shots, 'ensemble-page.png'), fullPage: true });
      await page.locator('ensemble-panel').screenshot({ path: join(shots, 'ensemble-panel.png') });
      await page.locator('isotherm-growth-chart').screenshot({ path: join(shots, 'ensemble-growth-bands.png') });
      await page.locator('lethal-zone-chart').screenshot({ path: join(shots, 'ensemble-zone-bands.png') });
    }
    // The bands can be hidden and shown again.
    const bandCount = () => wb(page, (el) => (el.shadowRoot.querySelector('isotherm-growth-chart') as any).figure().data.filter((d: any) => d.fill === 'tonexty').length);
    await page.locator('ensemble-panel #ens-bands').uncheck();
    await expect.poll(bandCount).toBe(0);
    await page.locator('ensemble-panel #ens-bands').check();
    await expect.poll(bandCount).toBe(2);
  });

  it('cancel mid-way keeps the members that finished', async () => {
    const page = s.page;
    await page.locator('ensemble-panel #ens-samples').fill('60');
    await page.locator('ensemble-panel #ens-run').click();
    await page.waitForFunction(
      () => {
        const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel');
        return p.running && p.progress && p.progress.membersDone >= 4;
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    await page.locator('ensemble-panel #ens-cancel').click();
    await page.waitForFunction(() => !((document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel') as any).running, undefined, {
      timeout: 10_000,
      polling: 50,
    });
    const got = await panel((p) => ({
      progress: p.progress,
      n: p.states.map((x: any) => x.summary.members.length),
      samples: p.states.map((x: any) => x.summary.samples),
      message: p.message?.text,
    }));
    expect(got.progress.membersDone).toBeGreaterThanOrEqual(4);
    expect(got.progress.membersDone).toBeLessThan(120);
    expect(got.n.reduce((a: number, b: number) => a + b, 0)).toBe(got.progress.membersDone);
    expect(got.message).toMatch(/Cancelled: the table shows the \d+ of 120 member runs that finished/);
    // The workers are free: nothing left running.
    expect(await wb(page, (el) => el.pool.pool.stats.busy)).toBe(0);
    if (shots) await page.locator('ensemble-panel').screenshot({ path: join(shots, 'ensemble-cancelled.png') });
    expect(s.errors).toEqual([]);
  });
});
