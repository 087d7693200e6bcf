/**
 * End to end: cancel really stops a long run (the worker is terminated, the UI
 * is free at once), and the pool recovers: the next run completes normally.
 */
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

describe('cancel in Chromium', () => {
  it('stops a long run at once and the next run still works', async () => {
    const page = s.page;
    // The longest protocols on the fine grid: minutes of work if not stopped.
    await page.locator('anatomy-panel #res').selectOption('0.2');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['prologo-2017', 'bittman-2018'] }));
    // The warm start left idle workers; the two runs take two of them.
    const before = await wb(page, (el) => el.pool.stats);
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction(
      () => (document.querySelector('cryo-workbench') as any).progress?.runs.some((r: any) => r.status === 'running' && r.fraction > 0),
      undefined,
      { timeout: 60_000, polling: 100 },
    );
    // Progress is reported with an estimate of the time left.
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).progress?.eta_s > 0, undefined, { timeout: 30_000 });
    // The page stays responsive while the workers compute: animation frames keep coming.
    const worstFrameGapMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let last = performance.now();
          let worst = 0;
          const end = last + 1000;
          const tick = (t: number) => {
            worst = Math.max(worst, t - last);
            last = t;
            if (t < end) requestAnimationFrame(tick);
            else resolve(worst);
          };
          requestAnimationFrame(tick);
        }),
    );
    expect(worstFrameGapMs).toBeLessThan(500);
    const fractionAtCancel = await wb(page, (el) => Math.max(...el.progress.runs.map((r: any) => r.fraction)));
    expect(fractionAtCancel).toBeLessThan(0.9);

    const t0 = Date.now();
    await page.locator('cryo-workbench #cancel').click();
    await page.waitForFunction(() => !(document.querySelector('cryo-workbench') as any).running, undefined, { timeout: 10_000, polling: 50 });
    expect(Date.now() - t0).toBeLessThan(3000);
    const after = await wb(page, (el) => ({
      runs: el.runs.map((r: any) => ({ id: r.id, result: !!r.result, error: r.error?.message })),
      stats: el.pool.stats,
    }));
    expect(after.runs.every((r: any) => !r.result && r.error === 'cancelled')).toBe(true);
    // Terminated, not left computing in the background: both workers gone, none busy.
    expect(after.stats.retired - before.retired).toBe(2);
    expect(after.stats).toMatchObject({ busy: 0, queued: 0, live: before.live - 2 });
    // No error notice for a cancel the user asked for.
    expect(await page.locator('cryo-workbench .notice.error').count()).toBe(0);

    // Recovery: a quick run on fresh workers completes.
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'calixte-2019'] }));
    // From the keyboard this time: focus the labelled button and press Enter.
    await page.locator('cryo-workbench #run').focus();
    await page.keyboard.press('Enter');
    await waitForRunsDone(page, 60_000);
    expect(await wb(page, (el) => el.runs.map((r: any) => !!r.result))).toEqual([true, true]);
    expect(s.errors).toEqual([]);
  });
});
