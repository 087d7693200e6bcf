/**
 * End to end in Chromium: a researcher uploads the saline bench experiment (a medium with a finite
 * well-mixed bath), runs it, and the temperature-history chart draws the bath's temperature as its
 * own dashed "bath (well-mixed)" trace beside the thermocouples, equal to the result's `bath`
 * series, with a note saying what it is; the downloaded results CSV carries the same series.
 * A screenshot of the chart goes to $CRYO_SCREENSHOT_DIR when set, for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
const FILE = join(process.cwd(), 'scenarios/experiments/sarshoghi-icesphere-pbs-n1.json');
const uploaded = JSON.parse(readFileSync(FILE, 'utf8'));
let s: Session;

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
});
afterAll(async () => {
  await s?.close();
});

describe('finite bath in the temperature-history chart (Chromium)', () => {
  it('the saline bench draws its bath as a dashed trace equal to the result series', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #upload').setInputFiles(FILE);
    await page.waitForFunction((name) => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === name, uploaded.name);
    // Only the bench runs.
    await wb(page, (el) => el.setWs({ ...el.ws, compare: [el.ws.selected] }));
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    const run = await wb(page, (el) => {
      const r = el.runs.find((x: any) => x.id === el.ws.selected);
      return { id: r?.id, error: r?.error?.message ?? null, times: r?.result?.times_s ?? [], bath: r?.result?.bath ?? null, sensors: Object.keys(r?.result?.sensors ?? {}) };
    });
    expect(run.error).toBeNull();
    expect(run.bath).toHaveLength(1);
    expect(run.bath[0].temp_c).toHaveLength(run.times.length);
    // The ice draws heat from the 196 J/K bath: it cools by several kelvin over the 7 min.
    expect(run.bath[0].temp_c[0]).toBe(27.2);
    expect(run.bath[0].temp_c.at(-1)).toBeLessThan(20);

    const chart = page.locator('temperature-history-chart');
    await chart.locator('.plot .main-svg').first().waitFor({ timeout: 30_000 });
    const fig = await wb(page, (el) => {
      const data = el.shadowRoot.querySelector('temperature-history-chart').figure().data as any[];
      return data.map((d) => ({ name: d.name, y: d.y, x: d.x, dash: d.line.dash }));
    });
    const bath = fig.filter((d) => d.name === 'bath (well-mixed)');
    expect(bath).toHaveLength(1);
    expect(bath[0].dash).toBe('dash');
    expect(bath[0].y).toEqual(run.bath[0].temp_c);
    expect(bath[0].x).toEqual(run.times.map((t: number) => t / 60));
    // The thermocouples are still there, and the bath is not mistaken for one of them.
    expect(fig.map((d) => d.name)).toEqual(expect.arrayContaining(run.sensors));
    expect(fig).toHaveLength(run.sensors.length + 1);
    // The legend shows it on the page, and the note says what it is.
    await expect.poll(() => chart.locator('.legendtext', { hasText: 'bath (well-mixed)' }).count()).toBe(1);
    expect(await chart.locator('[data-role="bath-note"]').textContent()).toMatch(/well-mixed bath/);

    const dir = process.env.CRYO_SCREENSHOT_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await chart.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await chart.locator('section').screenshot({ path: join(dir, 'bath-history.png') });
    }

    // Download → Results (CSV): the bath column holds the same series at 0.01 °C.
    await page.locator('cryo-workbench #download').click();
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('cryo-workbench #dl-csv').click()]);
    const scratch = mkdtempSync(join(tmpdir(), 'cryo-e2e-bath-'));
    try {
      const path = join(scratch, dl.suggestedFilename());
      await dl.saveAs(path);
      const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
      const col = lines[0].indexOf('bath_tissue_c');
      expect(col).toBeGreaterThan(0);
      const rows = lines.slice(1).filter((l) => l[0] === run.id);
      expect(rows).toHaveLength(run.times.length);
      rows.forEach((l, i) => expect(Math.abs(Number(l[col]) - run.bath[0].temp_c[i])).toBeLessThan(0.01 + 1e-9));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    expect(s.errors).toEqual([]);
  }, 200_000);
});
