/**
 * The guided lab's new contrasts in Chromium: "probe–nerve distance" and "vessel near / far"
 * are set up from the lab with their question, run side by side, and read the way the
 * explanation says: the nerve further from the probe, or with a vessel close beside it, ends
 * warmer. Screenshots go to $CRYO_SHOT_DIR when set.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, waitForRunsDone, wb, type Session } from './browser.ts';

const baseUrl = inject('baseUrl');
const shotDir = process.env.CRYO_SHOT_DIR;
let s: Session;

beforeAll(async () => {
  s = await openBrowser({ width: 1366, height: 900 });
});
afterAll(async () => {
  await s?.close();
});

async function runContrast(id: string) {
  const page = s.page;
  await page.locator('cryo-workbench #tab-setup').click();
  if (!(await page.locator('guided-lab details').evaluate((d: HTMLDetailsElement) => d.open))) await page.locator('guided-lab summary').click();
  expect(await page.locator(`guided-lab [data-lab="${id}"] .q`).textContent()).toMatch(/\?$/);
  // The explanation can be read before setting the contrast up.
  await page.locator(`guided-lab [data-lab="${id}"] button.why`).click();
  await page.locator(`guided-lab #why-${id}`).waitFor();
  await page.locator(`guided-lab #lab-${id}`).click();
  await page.locator(`guided-lab [data-lab="${id}"] .look`).waitFor();
  const compare = await wb(page, (el) => el.ws.compare);
  expect(compare).toHaveLength(2);
  await page.locator('cryo-workbench #run').click();
  await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).running === true, undefined, { timeout: 10_000 }).catch(() => {});
  await waitForRunsDone(page);
  const runs = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, label: r.label, error: r.error ?? null, min: r.result?.nerve.min_c, mode: r.result?.solver.mode })));
  expect(runs.map((r: any) => r.id)).toEqual(compare);
  expect(runs.map((r: any) => r.error)).toEqual([null, null]);
  return runs;
}

async function shot(name: string) {
  if (!shotDir) return;
  await wb(s.page, (el) => (el.notices = []));
  await s.page.waitForTimeout(1000);
  await s.page.screenshot({ path: join(shotDir, name) });
}

describe('guided lab: new contrasts', () => {
  it('probe–nerve distance: the nerve moved away from the probe ends warmer', async () => {
    const page = s.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('anatomy-panel #res').selectOption('0.5');
    const runs = await runContrast('distance');
    expect(runs[0].id).toBe('calixte-2019');
    expect(runs[1].id).toMatch(/lab-nerve-further/);
    // the run label says what the variant changes
    expect(runs[1].label).toMatch(/nerve at x [\d.]+ mm/);
    expect(runs[1].min).toBeGreaterThan(runs[0].min + 5);
    expect(await page.locator('guided-lab [data-lab="distance"] .look').textContent()).toMatch(/falls off steeply with distance/);
    await shot('guided-lab-distance.png');
    expect(s.errors).toEqual([]);
  });

  it('vessel near / far: both sides in the same 3D block; the near vessel keeps the nerve warmer', async () => {
    const runs = await runContrast('vessel');
    expect(runs.map((r: any) => r.mode)).toEqual(['3d', '3d']);
    expect(runs[0].id).toMatch(/lab-vessel-far/);
    expect(runs[1].id).toMatch(/lab-vessel-near/);
    expect(runs[0].label).toMatch(/vessel x [\d.]+ mm/);
    expect(runs[1].label).toMatch(/vessel x [\d.]+ mm/);
    expect(runs[0].label).not.toBe(runs[1].label);
    expect(runs[1].min).toBeGreaterThan(runs[0].min);
    expect(await s.page.locator('guided-lab [data-lab="vessel"] .look').textContent()).toMatch(/heat-sink/);
    await shot('guided-lab-vessel.png');
    expect(s.errors).toEqual([]);
  });
});
