/**
 * A pinned contrast in Chromium: run one protocol in generic tissue, pin the
 * result, switch the anatomy to fat (little perfusion) and run again; the
 * pinned result stays on the charts and in the verdict table beside the new
 * one with its own numbers; it survives a reload; a pin the browser cannot
 * store is refused and nothing changes; unticking hides it, Remove deletes it.
 * Screenshots go to $CRYO_SHOT_DIR when set.
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

const verdictRows = () =>
  wb(s.page, (el) =>
    [...el.shadowRoot.querySelector('verdict-table').shadowRoot.querySelectorAll('tbody tr')].map((tr: any) => ({
      id: tr.dataset.id,
      skin: Number(tr.querySelector('[data-col="skin_min_c"]')?.dataset.value),
    })),
  );

async function runSelected() {
  await s.page.locator('cryo-workbench #run').click();
  await s.page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).running === true, undefined, { timeout: 10_000 }).catch(() => {});
  await waitForRunsDone(s.page);
}

describe('pinned contrast', () => {
  it('a pinned result stays beside a later run on a changed anatomy', async () => {
    const page = s.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['cazzato-2016'], selected: 'cazzato-2016' }));
    await runSelected();
    await page.locator('pinned-results #pin-name').fill('generic tissue');
    await page.locator('pinned-results #pin-add').click();
    await page.locator('pinned-results li[data-pin="p1"]').waitFor();
    const pinned = await wb(page, (el) => el.ws.pins[0].result.skin.min_c);

    // The variant: fat instead of generic soft tissue, run again.
    await page.locator('anatomy-panel #tissue').selectOption('fat');
    await runSelected();
    const rows = await verdictRows();
    expect(rows.map((r) => r.id)).toEqual(['cazzato-2016', 'pin:p1']);
    const fresh = await wb(page, (el) => el.runs[0].result.skin.min_c);
    expect(rows[1].skin).toBe(pinned);
    expect(rows[0].skin).toBe(fresh);
    // the two anatomies give different numbers, so the contrast shows something
    const [a, b] = await wb(page, (el) => [el.runs[0].result.isotherms['0'].radius_mm.at(-1), el.ws.pins[0].result.isotherms['0'].radius_mm.at(-1)]);
    expect(a).not.toBe(b);
    await page.waitForFunction(() => {
      const c = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('lethal-zone-chart') as any;
      return c.columns.length === 2 && c.shadowRoot.querySelectorAll('.xtick').length === 2;
    });
    if (shotDir) {
      await wb(page, (el) => (el.notices = []));
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shotDir, 'pinned-contrast.png') });
    }
    expect(s.errors).toEqual([]);
  });

  it('pins survive a reload; a pin the browser cannot store is refused and nothing changes', async () => {
    const page = s.page;
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).saveState === 'saved');
    await page.reload();
    await page.locator('cryo-workbench header h1').waitFor();
    expect(await wb(page, (el) => el.ws.pins.map((p: any) => p.name))).toEqual(['generic tissue']);
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).runs.length > 0);
    // Storage refuses every write: the pin is refused, the workspace keeps one pin.
    await page.evaluate(() => {
      (window as any).__setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = () => {
        throw new DOMException('quota', 'QuotaExceededError');
      };
    });
    await page.locator('pinned-results #pin-name').fill('second');
    await page.locator('pinned-results #pin-add').click();
    await page.locator('cryo-workbench .notice.error', { hasText: 'Not pinned' }).waitFor();
    expect(await wb(page, (el) => el.ws.pins.length)).toBe(1);
    await page.evaluate(() => {
      Storage.prototype.setItem = (window as any).__setItem;
    });
    // A duplicate name is refused too.
    await page.locator('pinned-results #pin-name').fill('generic tissue');
    await page.locator('pinned-results #pin-add').click();
    await page.locator('cryo-workbench .notice.error', { hasText: 'already called' }).waitFor();
    expect(await wb(page, (el) => el.ws.pins.length)).toBe(1);
  });

  it('unticking hides a pin; Remove deletes it after confirming', async () => {
    const page = s.page;
    await page.locator('pinned-results li[data-pin="p1"] input[type="checkbox"]').uncheck();
    expect((await verdictRows()).map((r) => r.id)).toEqual(['cazzato-2016']);
    page.once('dialog', (d) => d.accept());
    await page.locator('pinned-results li[data-pin="p1"] button').click();
    await page.waitForFunction(() => !(document.querySelector('cryo-workbench') as any).ws.pins);
    expect(await page.locator('pinned-results li').count()).toBe(0);
  });

  it('a copied protocol with perfusion off runs side by side with the original; the shared anatomy is untouched', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #tissue').selectOption('generic');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['cazzato-2016'], selected: 'cazzato-2016' }));
    const anatomyBefore = await wb(page, (el) => JSON.stringify(el.ws.anatomy));
    await page.locator('cryo-workbench .list-actions button', { hasText: 'Copy selected as new' }).click();
    await page.locator('cryo-workbench #tab-setup').click();
    await page.locator('protocol-overrides #ov-tissue').selectOption('shared-no-perfusion');
    const copyId = await wb(page, (el) => el.ws.selected);
    expect(copyId).not.toBe('cazzato-2016');
    const files = await wb(page, (el) => [el.selectedScenario(), el.scenarioOf('cazzato-2016')]);
    expect(files[0].tissue.perfusion_w_m3k).toBe(0);
    expect(files[1].tissue.perfusion_w_m3k).toBeUndefined();
    expect(await wb(page, (el) => JSON.stringify(el.ws.anatomy))).toBe(anatomyBefore);
    expect(await page.locator(`cryo-workbench .protocols li[data-id="${copyId}"] small`).textContent()).toContain('perfusion off');
    await runSelected();
    const runs = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, r0: r.result.isotherms['0'].radius_mm.at(-1), perf: r.file.tissue.perfusion_w_m3k ?? null })));
    expect(runs.map((r: any) => r.id)).toEqual(['cazzato-2016', copyId]);
    // Without perfusion's heat the ice grows at least as far.
    expect(runs[1].r0).toBeGreaterThanOrEqual(runs[0].r0);
    expect(runs[1].perf).toBe(0);
    if (shotDir) {
      await wb(page, (el) => (el.notices = []));
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shotDir, 'variant-contrast.png') });
    }
    expect(s.errors).toEqual([]);
  });

  it('a guided-lab step: set up the skin-warming contrast, run it, read what to look for', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #tab-setup').click();
    await page.locator('guided-lab summary').click();
    await page.locator('guided-lab #lab-skin').click();
    await page.locator('guided-lab .look').waitFor();
    const compare = await wb(page, (el) => el.ws.compare);
    expect(compare[0]).toBe('calixte-2019');
    expect(compare).toHaveLength(2);
    await runSelected();
    const runs = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, label: r.label, skin: r.result.skin.min_c })));
    expect(runs.map((r: any) => r.id)).toEqual(compare);
    expect(runs[1].label).toMatch(/warm gel/i);
    // A 37 °C gel on the skin keeps it warmer than room air.
    expect(runs[1].skin).toBeGreaterThan(runs[0].skin);
    expect(await page.locator('guided-lab .look').textContent()).toMatch(/Coldest skin/);
    if (shotDir) {
      await wb(page, (el) => (el.notices = []));
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shotDir, 'guided-lab.png') });
    }
    expect(s.errors).toEqual([]);
  });
});
