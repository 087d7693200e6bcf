/**
 * The workbench on any screen, in Chromium: at 390 × 844 (a phone) the layout
 * stacks and the results get the full width; at 768 px the lethal-zone chart's
 * column labels do not overlap; the Download menu is complete from the keyboard;
 * fixing an editor error keeps its section open; Play starts from the beginning
 * and has a speed control. Screenshots go to $CRYO_SHOT_DIR when it is set, to
 * be looked at by a person.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, waitForRunsDone, wb, type Session } from './browser.ts';

const baseUrl = inject('baseUrl');
const shotDir = process.env.CRYO_SHOT_DIR;
let s: Session;

beforeAll(async () => {
  s = await openBrowser({ width: 390, height: 844 });
});
afterAll(async () => {
  await s?.close();
});

/** Bounding boxes of the lethal-zone chart's x tick labels, in page pixels. */
function tickBoxes(page: Page) {
  return wb(page, (el) =>
    [...el.shadowRoot.querySelector('lethal-zone-chart').shadowRoot.querySelectorAll('.xtick text')].map((t: any) => {
      const r = t.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: t.textContent };
    }),
  );
}

function overlaps(boxes: { left: number; right: number; top: number; bottom: number }[]): number {
  let n = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) n++;
    }
  return n;
}

async function waitForChart(page: Page, columns: number) {
  await page.waitForFunction(
    (n) => {
      const c = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('lethal-zone-chart') as any;
      return c.drawCount > 0 && c.shadowRoot.querySelectorAll('.xtick').length === n;
    },
    columns,
    { timeout: 30_000 },
  );
}

const activeId = (page: Page) => wb(page, (el) => el.shadowRoot.activeElement?.id ?? null);

describe('any screen', () => {
  it('at 390 × 844 the layout stacks, results get the full width and chart labels do not overlap', async () => {
    const page = s.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('anatomy-panel #res').selectOption('1');
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    await waitForChart(page, 8);
    const boxes = await wb(page, (el) => {
      const r = (sel: string) => el.shadowRoot.querySelector(sel).getBoundingClientRect();
      return { aside: r('aside.side').toJSON(), main: r('main[aria-label="Results"]').toJSON(), table: r('verdict-table').toJSON(), page: document.documentElement.scrollWidth };
    });
    // Stacked: setup above, results below, each nearly the whole 390 px.
    expect(boxes.main.top).toBeGreaterThanOrEqual(boxes.aside.bottom - 1);
    expect(boxes.main.width).toBeGreaterThan(360);
    expect(boxes.table.width).toBeGreaterThan(340);
    // Nothing makes the page scroll sideways.
    expect(boxes.page).toBeLessThanOrEqual(390);
    await page.waitForTimeout(500);
    const ticks = await tickBoxes(page);
    expect(ticks).toHaveLength(8);
    expect(overlaps(ticks)).toBe(0);
    // The phase labels over the time charts ("freeze", "passive thaw") do not run into each other.
    for (const chart of ['isotherm-growth-chart', 'temperature-history-chart']) {
      const labels = await wb(page, new Function('el', `return [...el.shadowRoot.querySelector('${chart}').shadowRoot.querySelectorAll('.annotation-text')]
        .filter((t) => /freeze|thaw/.test(t.textContent)).map((t) => t.getBoundingClientRect().toJSON())`) as (el: any) => any[]);
      expect(labels.length).toBeGreaterThan(0);
      expect(overlaps(labels)).toBe(0);
    }
    if (shotDir) {
      await wb(page, (el) => (el.notices = []));
      await wb(page, (el) => el.shadowRoot.querySelector('main[aria-label="Results"]').scrollIntoView());
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shotDir, 'phone-results.png') });
    }
    expect(s.errors).toEqual([]);
  });

  it('at 768 px the lethal-zone column labels do not overlap', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 768, height: 1024 });
    // The chart redraws for its new width (labels re-wrap), not just stretches.
    await page.waitForTimeout(1200);
    const ticks = await tickBoxes(page);
    expect(ticks).toHaveLength(8);
    expect(overlaps(ticks)).toBe(0);
    if (shotDir) await page.locator('lethal-zone-chart').screenshot({ path: join(shotDir, 'tablet-chart.png') });
  });

  it('the Download menu works from the keyboard and gives focus back to its button', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('cryo-workbench #download').focus();
    await page.keyboard.press('Enter');
    await page.locator('cryo-workbench #download-menu').waitFor();
    expect(await activeId(page)).toBe('dl-scenario');
    await page.keyboard.press('ArrowDown');
    expect(await activeId(page)).toBe('dl-json');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // wraps to the last item
    const last = await activeId(page);
    expect(last).not.toBe('dl-scenario');
    await page.keyboard.press('Home');
    expect(await activeId(page)).toBe('dl-scenario');
    await page.keyboard.press('Escape');
    expect(await page.locator('cryo-workbench #download-menu').count()).toBe(0);
    expect(await activeId(page)).toBe('download');
    expect(await page.locator('cryo-workbench #download').getAttribute('aria-expanded')).toBe('false');
    // ArrowUp opens at the last item; Enter on an item downloads and returns focus to the button.
    await page.keyboard.press('ArrowUp');
    expect(await activeId(page)).toBe(last);
    await page.keyboard.press('Home');
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.keyboard.press('Enter')]);
    expect(dl.suggestedFilename()).toMatch(/\.json$/);
    expect(await page.locator('cryo-workbench #download-menu').count()).toBe(0);
    expect(await activeId(page)).toBe('download');
  });

  it('Play starts from the beginning and its speed can be chosen', async () => {
    const page = s.page;
    const map = () => wb(page, (el) => el.shadowRoot.querySelector('temperature-map').frameIndex as number);
    expect(await map()).toBe(-1); // the default view: end of the last freeze
    await page.locator('temperature-map #speed').selectOption('4');
    // Clicked and read in one task, so a loaded machine cannot paint frames in between.
    const first = await wb(page, (el) => {
      const m = el.shadowRoot.querySelector('temperature-map');
      m.shadowRoot.querySelector('#play').click();
      return m.frameIndex as number;
    });
    expect(first).toBeLessThanOrEqual(2);
    await page.waitForTimeout(800);
    expect(await map()).toBeGreaterThan(first + 1);
    // 4× of 8 frames/s; how many get painted depends on the machine, the period asked for does not.
    expect(await wb(page, (el) => el.shadowRoot.querySelector('temperature-map').playIntervalMs)).toBeCloseTo(1000 / 32, 6);
    await page.locator('temperature-map #speed').selectOption('0.25');
    expect(await wb(page, (el) => el.shadowRoot.querySelector('temperature-map').playIntervalMs)).toBeCloseTo(500, 6);
    await page.locator('temperature-map #play').click(); // pause
  });

  it('fixing an editor error keeps the section being edited open', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #tab-editor').click();
    const nerve = page.locator('scenario-editor details', { has: page.locator('summary', { hasText: /^\s*Nerve/ }) }).first();
    expect(await nerve.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await nerve.locator('summary').click();
    const field = page.locator('scenario-editor [data-path="nerve.diameter_mm"]');
    await field.fill('-3');
    await field.press('Tab');
    await page.locator('scenario-editor [data-issue-for="nerve.diameter_mm"]').waitFor();
    await field.fill('3');
    await field.press('Tab');
    await page.waitForFunction(() => !(document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('#run') as HTMLButtonElement).disabled);
    expect(await page.locator('scenario-editor [data-issue-for="nerve.diameter_mm"]').count()).toBe(0);
    expect(await nerve.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    // and a section the user closes stays closed through the next edit
    await nerve.locator('summary').click();
    expect(await nerve.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(s.errors).toEqual([]);
  });

  it('switching the geometry mode converts the size and says what changes', async () => {
    const page = s.page;
    const geometry = page.locator('scenario-editor details', { has: page.locator('summary', { hasText: 'Geometry and grid' }) }).first();
    if (!(await geometry.evaluate((d) => (d as HTMLDetailsElement).open))) await geometry.locator('summary').click();
    await page.waitForFunction((d) => (d as HTMLDetailsElement).open, await geometry.elementHandle());
    const before = await wb(page, (el) => el.selectedScenario().geometry.size_mm);
    await page.locator('scenario-editor [data-path="geometry.mode"]').selectOption('3d');
    await page.locator('scenario-editor #mode-notes').waitFor();
    expect(await wb(page, (el) => el.selectedScenario().geometry.size_mm)).toEqual([2 * before[0], 2 * before[0], before[1]]);
    expect(await page.locator('scenario-editor [data-issue-for="geometry.size_mm"]').count()).toBe(0);
    await page.locator('scenario-editor [data-path="geometry.mode"]').selectOption('planar');
    expect(await page.locator('scenario-editor #mode-notes').textContent()).toMatch(/endless line/);
    if (shotDir) await geometry.screenshot({ path: join(shotDir, 'mode-switch.png') });
    await page.locator('scenario-editor [data-path="geometry.mode"]').selectOption('axisymmetric');
    expect(await wb(page, (el) => el.selectedScenario().geometry.size_mm)).toEqual(before);
    expect(s.errors).toEqual([]);
  });
});
