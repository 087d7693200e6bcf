/**
 * End to end in Chromium: a researcher comparing thermocouples across runs of the saline bench
 * (replicates N1 and N3, each a medium with a finite well-mixed bath) pins N1, runs both, and
 * shows one thermocouple across protocols: every run's bath, the pin's included, is drawn as a
 * dashed line in that run's colour, equal to the result's (or the pin's) `bath` series, listed in
 * the legend and explained in the note. A screenshot of the chart goes to $CRYO_SCREENSHOT_DIR
 * when set, for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
const FILES = ['n1', 'n3'].map((n) => join(process.cwd(), `scenarios/experiments/sarshoghi-icesphere-pbs-${n}.json`));
const names = FILES.map((f) => JSON.parse(readFileSync(f, 'utf8')).name as string);
const SENSOR = 'tc_6.8mm';
let s: Session;

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
});
afterAll(async () => {
  await s?.close();
});

type Drawn = { name: string; y: number[]; x: number[]; dash?: string; colour: string };

describe('finite baths across protocols in the temperature-history chart (Chromium)', () => {
  it('draws each run\'s bath, a pinned run\'s too, dashed in the run\'s colour', async () => {
    const page = s.page;
    const ids: string[] = [];
    for (const [i, file] of FILES.entries()) {
      await page.locator('cryo-workbench #upload').setInputFiles(file);
      await page.waitForFunction((name) => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === name, names[i]);
      ids.push(await wb(page, (el) => el.ws.selected as string));
    }
    expect(new Set(ids).size).toBe(2);

    // N1 alone first, pinned as the run to keep.
    await wb(page, new Function('el', `el.setWs({ ...el.ws, compare: [${JSON.stringify(ids[0])}], selected: ${JSON.stringify(ids[0])} })`) as (el: any) => void);
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    await page.locator('pinned-results #pin-name').fill('N1 kept');
    await page.locator('pinned-results #pin-add').click();
    await page.locator('pinned-results li[data-pin="p1"]').waitFor();

    // Then both replicates.
    await wb(page, new Function('el', `el.setWs({ ...el.ws, compare: ${JSON.stringify(ids)}, selected: ${JSON.stringify(ids[0])} })`) as (el: any) => void);
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction((n) => {
      const el = document.querySelector('cryo-workbench') as any;
      return !el.running && el.runs.length === n && el.runs.every((r: any) => r.result || r.error);
    }, ids.length, { timeout: 200_000, polling: 250 });
    // The runs the chart is given: the protocols' and the shown pins'.
    const runs = await wb(page, (el) =>
      el.shadowRoot.querySelector('temperature-history-chart').runs.map((r: any) => ({ id: r.id, label: r.label, colour: r.colour, error: r.error?.message ?? null, bath: r.result?.bath ?? null, times: r.result?.times_s ?? [] })),
    );
    expect(runs.map((r: any) => r.id)).toEqual([...ids, 'pin:p1']);
    for (const r of runs) {
      expect(r.error).toBeNull();
      expect(r.bath).toHaveLength(1);
      // Each replicate's bath starts at its own temperature and the ice cools it by kelvins.
      expect(r.bath[0].temp_c.at(-1)).toBeLessThan(r.bath[0].temp_c[0] - 5);
    }
    // The pin is N1 as it was run: the same bath series.
    expect(runs[2].bath).toEqual(runs[0].bath);
    expect(runs[1].bath[0].temp_c).not.toEqual(runs[0].bath[0].temp_c);

    const chart = page.locator('temperature-history-chart');
    await chart.locator('select').first().selectOption('protocols');
    await chart.locator('select').nth(1).selectOption(SENSOR);
    await chart.locator('.plot .main-svg').first().waitFor({ timeout: 30_000 });
    const fig: Drawn[] = await wb(page, (el) => {
      const data = el.shadowRoot.querySelector('temperature-history-chart').figure().data as any[];
      return data.map((d) => ({ name: d.name, y: d.y, x: d.x, dash: d.line.dash, colour: d.line.color }));
    });
    const baths = fig.filter((d) => d.dash === 'dash');
    expect(baths.map((d) => d.name)).toEqual(runs.map((r: any) => `${r.label}: bath (well-mixed)`));
    baths.forEach((b, i) => {
      expect(b.colour).toBe(runs[i].colour);
      expect(b.y).toEqual(runs[i].bath[0].temp_c);
      expect(b.x).toEqual(runs[i].times.map((t: number) => t / 60));
    });
    // One solid sensor line per run beside its bath, nothing else; the pin's drawn first, beneath the runs'.
    const lines = fig.filter((d) => d.dash !== 'dash');
    const pinsFirst = [...runs.filter((r: any) => r.id.startsWith('pin:')), ...runs.filter((r: any) => !r.id.startsWith('pin:'))];
    expect(lines.map((d) => d.name)).toEqual(pinsFirst.map((r: any) => r.label));
    expect(fig).toHaveLength(2 * runs.length);

    // On the page: three bath entries in the legend, drawn as dashed paths, and the note.
    await expect.poll(() => chart.locator('.legendtext', { hasText: 'bath (well-mixed)' }).count()).toBe(3);
    const dashed = await chart.evaluate((el) =>
      [...el.shadowRoot!.querySelectorAll('.scatterlayer .trace .js-line')].filter((p) => {
        const d = (p as SVGPathElement).style.strokeDasharray;
        return d && d !== 'none';
      }).length,
    );
    expect(dashed).toBe(3);
    expect(await chart.locator('[data-role="bath-note"]').textContent()).toMatch(/dashed line in a protocol's colour/);

    const dir = process.env.CRYO_SCREENSHOT_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await chart.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(500);
      await chart.locator('section').screenshot({ path: join(dir, 'bath-compare.png') });
    }
    expect(s.errors).toEqual([]);
  }, 300_000);
});
