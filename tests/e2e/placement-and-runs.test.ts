/**
 * End to end in Chromium: a typo in the nerve depth is refused beside the field and
 * typing the value back restores every protocol's placement exactly; a protocol that
 * cannot sit on the anatomy is listed with its reason and skipped while the others
 * run; cancelling a re-run keeps the runs that finished and the previous results of
 * the others, marked; a result's warnings appear next to its verdict; a protocol unchanged
 * since this page ran it keeps its result and is not run again, and any change runs it.
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

/** Probe tips, reposition targets, nerve and skin of every protocol as it would run now. */
const placements = () =>
  wb(s.page, (el) =>
    el.ws.protocols.map((p: any) => {
      const f = el.scenarioOf(p.id);
      return { id: p.id, probes: f.probes, protocol: f.protocol, nerve: f.nerve, skin: f.skin };
    }),
  );

async function typeDepth(text: string) {
  const input = s.page.locator('anatomy-panel #nerve-depth');
  await input.fill(text);
  await input.press('Enter');
  await input.dispatchEvent('change');
}

describe('placement and runs in Chromium', () => {
  it('refuses a depth typo beside the field; typing 20 back gives every protocol its published placement', async () => {
    const before = await placements();
    for (const typo of ['100', '', '2O', '-5', '0']) {
      await typeDepth(typo);
      const err = s.page.locator('anatomy-panel .field-error');
      await err.first().waitFor();
      expect(await err.first().textContent(), typo).toMatch(/nerve|enter/);
      expect(await s.page.locator('anatomy-panel #nerve-depth').getAttribute('aria-invalid')).toBe('true');
      // Refused: nothing moved.
      expect(await placements(), typo).toEqual(before);
    }
    await typeDepth('35');
    expect(await s.page.locator('anatomy-panel .field-error').count()).toBe(0);
    expect(await s.page.locator('anatomy-panel #anatomy-now').textContent()).toContain('35 mm deep');
    expect(await placements()).not.toEqual(before);
    await typeDepth('20');
    expect(await placements()).toEqual(before);
    expect(await s.page.locator('anatomy-panel #anatomy-now').textContent()).toContain('20 mm deep');
  });

  it('runs what is valid: a protocol that cannot sit on the anatomy is listed with its reason and skipped', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['cazzato-2016', 'yoon-2016', 'calixte-2019'] }));
    await typeDepth('10');
    const why = page.locator('cryo-workbench .protocols [data-problem="cazzato-2016"]');
    await why.waitFor();
    expect(await why.textContent()).toMatch(/cold segment would reach above the skin/);
    expect(await page.locator('cryo-workbench #blocked-status').textContent()).toMatch(/1 protocol\(s\) cannot run/);
    expect(await page.locator('cryo-workbench #run').isEnabled()).toBe(true);
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 120_000);
    const runs = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, ok: !!r.result })));
    expect(runs).toEqual([
      { id: 'yoon-2016', ok: true },
      { id: 'calixte-2019', ok: true },
    ]);
    const notice = await page.locator('cryo-workbench .notice.error').first().textContent();
    expect(notice).toMatch(/Skipped 1 protocol .*cazzato-2016/s);
    expect(await page.locator('verdict-table tbody tr').count()).toBe(2);
    await wb(page, (el) => (el.notices = []));
    await typeDepth('20');
  });

  it('cancel keeps the runs that finished and the previous results of the others, marked as previous', async () => {
    const page = s.page;
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['prologo-2017', 'yoon-2016'] }));
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 120_000);
    const first = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, spacing: r.result?.solver.spacing_mm })));
    expect(first).toEqual([
      { id: 'prologo-2017', spacing: 1 },
      { id: 'yoon-2016', spacing: 1 },
    ]);
    // A fine re-run: Yoon (4 min of protocol) finishes long before Prologo (30 min); cancel in between.
    await page.locator('anatomy-panel #res').selectOption('0.25');
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction(
      () => (document.querySelector('cryo-workbench') as any).progress?.runs.some((r: any) => r.id === 'yoon-2016' && r.status === 'done'),
      undefined,
      { timeout: 150_000, polling: 100 },
    );
    expect(await wb(page, (el) => el.running)).toBe(true);
    await page.locator('cryo-workbench #cancel').click();
    await page.waitForFunction(() => !(document.querySelector('cryo-workbench') as any).running, undefined, { timeout: 10_000 });
    const after = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, spacing: r.result?.solver.spacing_mm, previous: !!r.previous })));
    expect(after).toEqual([
      { id: 'prologo-2017', spacing: 1, previous: true },
      { id: 'yoon-2016', spacing: 0.25, previous: false },
    ]);
    // Marked where the numbers are read.
    expect(await page.locator('verdict-table tr[data-id="prologo-2017"] small.previous').count()).toBe(1);
    expect(await page.locator('lethal-zone-chart [data-id="prologo-2017"] .previous').count()).toBe(1);
    expect(await page.locator('cryo-workbench .protocols li[data-id="prologo-2017"] .state').textContent()).toContain('previous results');
    expect(s.errors).toEqual([]);
  });

  it('shows a result’s warnings next to its verdict', async () => {
    const page = s.page;
    // The engine's warnings (contract Extensions: [{code, message}]) on a finished result.
    await wb(page, (el) => {
      el.runs = el.runs.map((r: any, i: number) =>
        i === 1
          ? { ...r, result: { ...r.result, warnings: [{ code: 'ice-near-boundary', message: 'the −20 °C zone came within 1.5 mm of the far-field boundary' }] } }
          : r,
      );
    });
    const li = page.locator('verdict-table tr[data-id="yoon-2016"] .warnings li[data-code="ice-near-boundary"]');
    await li.waitFor();
    expect(await li.textContent()).toContain('within 1.5 mm of the far-field boundary');
    expect(await page.locator('verdict-table tr[data-id="prologo-2017"] .warnings').count()).toBe(0);
  });

  it('keeps the result of a protocol unchanged since this page ran it, and runs what changed', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'calixte-2019'] }));
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).progress?.runs.length === 2, undefined, { polling: 50 });
    await waitForRunsDone(page, 120_000);
    await wb(page, (el) => ((window as any).__first = el.runs.map((r: any) => r.result)));
    await wb(page, (el) => (el.notices = []));
    // A third protocol ticked: only it runs; the two others keep their very results.
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'calixte-2019', 'friedman-2012'] }));
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).progress?.runs.length === 1, undefined, { polling: 50 });
    await waitForRunsDone(page, 120_000);
    const second = await wb(page, (el) => ({
      ran: el.progress.runs.map((r: any) => r.id),
      same: el.runs.slice(0, 2).map((r: any, i: number) => r.result === (window as any).__first[i]),
      ids: el.runs.map((r: any) => r.id),
      previous: el.runs.map((r: any) => !!r.previous),
    }));
    expect(second).toEqual({ ran: ['friedman-2012'], same: [true, true], ids: ['yoon-2016', 'calixte-2019', 'friedman-2012'], previous: [false, false, false] });
    expect(await page.locator('cryo-workbench .notice').filter({ hasText: 'not run again' }).first().textContent()).toContain('yoon-2016, calixte-2019');
    // Nothing changed: nothing runs, every result stays.
    await wb(page, (el) => ((window as any).__second = el.runs.map((r: any) => r.result)));
    await page.locator('cryo-workbench #run').click();
    await page.waitForTimeout(300);
    expect(await wb(page, (el) => !el.running && el.runs.every((r: any, i: number) => r.result === (window as any).__second[i]))).toBe(true);
    // Unticked and ticked again: its last result comes back without a run.
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'friedman-2012'] }));
    await page.locator('cryo-workbench #run').click();
    await page.waitForTimeout(300);
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'calixte-2019', 'friedman-2012'] }));
    await page.locator('cryo-workbench #run').click();
    await page.waitForTimeout(300);
    expect(await wb(page, (el) => !el.running && el.runs.map((r: any, i: number) => r.result === (window as any).__second[i]))).toEqual([true, true, true]);
    // A change of the anatomy changes every protocol's file: all three run again.
    await typeDepth('22');
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).progress?.runs.length === 3, undefined, { polling: 50 });
    await waitForRunsDone(page, 120_000);
    expect(await wb(page, (el) => el.runs.map((r: any, i: number) => !!r.result && r.result !== (window as any).__second[i]))).toEqual([true, true, true]);
    await typeDepth('20');
    expect(s.errors).toEqual([]);
  }, 240_000);
});
