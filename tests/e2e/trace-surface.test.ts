/**
 * End to end in Chromium: a researcher switches the selected protocol's probe to a measured
 * surface trace, pastes two CSV columns, sees the point count and the chart, runs it, and the
 * result's probe surface follows the pasted trace (plus its offset) at every output time.
 * A screenshot of the editor goes to $CRYO_SCREENSHOT_DIR when set, for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
let s: Session;

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
});
afterAll(async () => {
  await s?.close();
});

// A cool-down, a hold that drifts, a thaw: one row every 15 s, as a logger export would give.
const points: [number, number][] = [];
for (let t = 0; t <= 1500; t += 15) points.push([t, t < 30 ? 37 - 5.2 * t : t < 600 ? -120 - t / 30 : t < 700 ? -140 + (t - 600) * 1.5 : 10]);
const csv = ['time_s,temperature_c', ...points.map(([t, v]) => `${t},${v}`)].join('\n');
const traceAt = (t: number) => {
  const j = points.findIndex((p) => p[0] > t);
  if (j <= 0) return points[j === 0 ? 0 : points.length - 1][1];
  const [t0, v0] = points[j - 1];
  const [t1, v1] = points[j];
  return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
};

describe('measured probe trace in Chromium', () => {
  it('paste a trace, see it, run it: the surface follows it', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('1');
    // Only the selected protocol runs.
    await wb(page, (el) => el.setWs({ ...el.ws, compare: [el.ws.selected] }));
    await page.locator('cryo-workbench #tab-editor').click();
    // The Probes group opens by default.
    await page.locator('scenario-editor [data-path="probes[0].surface.model"]').selectOption('trace');
    const box = page.locator('trace-surface-editor [data-role="csv"]');
    await box.fill(csv);
    await box.press('Tab');
    await page.locator('trace-surface-editor [data-path$="offset_c"]').fill('-3');
    await page.locator('trace-surface-editor [data-path$="offset_c"]').press('Tab');
    const summary = page.locator('trace-surface-editor [data-role="summary"]');
    await expect.poll(() => summary.textContent()).toMatch(/101 points, 0–1500 s/);
    await page.waitForFunction(() => {
      const ed = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('scenario-editor')!.shadowRoot!.querySelector('trace-surface-editor') as any;
      return ed?.drawCount > 0;
    });
    const dir = process.env.CRYO_SCREENSHOT_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.locator('scenario-editor details', { hasText: 'Probes' }).first().screenshot({ path: join(dir, 'trace-editor.png') });
    }
    expect(await page.locator('trace-surface-editor [role="alert"]').count()).toBe(0);

    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    const run = await wb(page, (el) => {
      const r = el.runs.find((x: any) => x.id === el.ws.selected);
      return { error: r?.error?.message ?? null, times: r?.result?.times_s ?? [], surface: r?.result?.probes[0].surface_c ?? [] };
    });
    expect(run.error).toBeNull();
    expect(run.times.length).toBeGreaterThan(10);
    run.times.forEach((t: number, i: number) => expect(Math.abs(run.surface[i] - (traceAt(t) - 3))).toBeLessThan(1e-6));
    expect(s.errors).toEqual([]);
  });
});
