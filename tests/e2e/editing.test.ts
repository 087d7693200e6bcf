/**
 * End to end: an invalid field shows the validator's message beside it and
 * blocks the run; a saved scenario survives a reload; a share link reproduces
 * the scenario in a fresh browser profile (no saved state to lean on); a broken
 * link shows messages instead of crashing; the time stepping picked in the editor (implicit) is what
 * the worker runs, and the chart's caption says so.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
const shotDir = process.env.CRYO_SHOT_DIR;
let s: Session;

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
});
afterAll(async () => {
  await s?.close();
});

async function fill(selector: string, value: string) {
  const input = s.page.locator(selector);
  await input.fill(value);
  await input.press('Tab'); // commit: the editor reacts to `change`
}

/** A fresh page with yoon-2016 alone at 1 mm, its editor open at the solver settings. */
async function yoonSolverSettings() {
  const page = s.page;
  await page.goto(baseUrl);
  await page.locator('cryo-workbench header h1').waitFor();
  await page.locator('anatomy-panel #res').selectOption('1');
  await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016'], selected: 'yoon-2016' }));
  await page.locator('cryo-workbench #tab-editor').click();
  await page.locator('scenario-editor details summary', { hasText: 'Output and solver' }).click();
  return page;
}

describe('editing in Chromium', () => {
  it('an invalid field shows its message and blocks the run', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #tab-editor').click();
    await page.locator('scenario-editor details summary', { hasText: 'Geometry and grid' }).click();
    await fill('scenario-editor [data-path="geometry.spacing_mm"]', '-1');
    const msg = page.locator('scenario-editor [data-issue-for="geometry.spacing_mm"]');
    await msg.waitFor();
    expect((await msg.textContent())!.length).toBeGreaterThan(3);
    expect(await page.locator('scenario-editor [data-path="geometry.spacing_mm"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('cryo-workbench #run').isDisabled()).toBe(true);
    // Even a programmatic run refuses, and says why.
    await wb(page, (el) => el.run());
    expect(await wb(page, (el) => el.running)).toBe(false);
    expect(await page.locator('cryo-workbench .notice.error').last().textContent()).toContain('geometry.spacing_mm');
    // Fixing the value unblocks it.
    await fill('scenario-editor [data-path="geometry.spacing_mm"]', '1');
    await page.waitForFunction(() => !(document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('#run') as HTMLButtonElement).disabled);
    expect(await page.locator('scenario-editor [data-issue-for="geometry.spacing_mm"]').count()).toBe(0);
  });

  it('a saved scenario survives a reload', async () => {
    const page = s.page;
    await page.locator('scenario-editor details summary', { hasText: 'Nerve' }).first().click();
    await fill('scenario-editor [data-path="nerve.diameter_mm"]', '4.5');
    await page.locator('scenario-editor details:not(.assumptions) > summary').first().click(); // the "Scenario" group
    await fill('scenario-editor [data-path="name"]', 'My edited protocol');
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).saveState === 'saved');
    const before = await wb(page, (el) => el.selectedScenario());
    await page.reload();
    await page.locator('cryo-workbench header h1').waitFor();
    const after = await wb(page, (el) => el.selectedScenario());
    expect(after).toEqual(before);
    expect(after.nerve.diameter_mm).toBe(4.5);
    expect(after.name).toBe('My edited protocol');
    expect(await page.locator('cryo-workbench .protocols li.selected').textContent()).toContain('edited');
  });

  it('a share link reproduces the scenario in a fresh browser', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #tab-setup').click();
    await page.locator('cryo-workbench #share').click();
    const url = await page.locator('cryo-workbench #share-url').inputValue();
    // In the fragment: never sent to the server, whatever its length.
    expect(url).toContain('#scenario=');
    const original = await wb(page, (el) => ({ scenario: el.selectedScenario(), compare: el.ws.compare, margins: el.ws.margins }));

    const fresh = await openBrowser();
    try {
      await fresh.page.goto(url);
      await fresh.page.locator('cryo-workbench header h1').waitFor();
      const shared = await wb(fresh.page, (el) => ({ scenario: el.selectedScenario(), compare: el.ws.compare, margins: el.ws.margins }));
      expect(shared.scenario).toEqual(original.scenario);
      expect([...shared.compare].sort()).toEqual([...original.compare].sort());
      expect(shared.margins).toEqual(original.margins);
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('a broken link shows messages, never a crash', async () => {
    const fresh = await openBrowser();
    try {
      await fresh.page.goto(`${baseUrl}?scenario=not-base64!&margin_mm=lots&colour=red`);
      await fresh.page.locator('cryo-workbench header h1').waitFor();
      const text = await fresh.page.locator('cryo-workbench .notice.error').first().textContent();
      expect(text).toContain('link.scenario');
      expect(text).toContain('link.margin_mm');
      expect(text).toContain('link.colour');
      expect(fresh.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
      // A link whose scenario decodes but is invalid loads it with the validator's messages.
      const bad = Buffer.from(JSON.stringify({ schema: 'cryo-scenario/1', name: 'bad', geometry: { mode: 'axisymmetric', spacing_mm: 0, size_mm: [30, 60] }, tissue: { preset: 'generic' }, probes: [], protocol: [] })).toString('base64url');
      await fresh.page.goto(`${baseUrl}?scenario=${bad}`);
      await fresh.page.locator('cryo-workbench header h1').waitFor();
      expect(await fresh.page.locator('cryo-workbench .notice.error').first().textContent()).toContain('geometry.spacing_mm');
      expect(await fresh.page.locator('cryo-workbench #run').isDisabled()).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('an engine error reaches the UI as a message with its path, and the next run works', async () => {
    const page = await yoonSolverSettings();
    // Valid for the validator, but above the solver's stability limit: only the engine can tell.
    await fill('scenario-editor [data-path="solver.dt_s"]', '50');
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 60_000);
    const run = await wb(page, (el) => el.runs[0]);
    expect(run.result).toBeNull();
    expect(run.error.issues[0].path).toBe('solver.dt_s');
    expect(await page.locator('cryo-workbench .notice.error').last().textContent()).toContain('solver.dt_s');
    expect(await page.locator('verdict-table tbody tr').first().textContent()).toContain('stability limit');
    // The pool keeps working once the value is removed.
    await fill('scenario-editor [data-path="solver.dt_s"]', '');
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 60_000);
    expect(await wb(page, (el) => !!el.runs[0].result)).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it('implicit time stepping chosen in the editor runs in the worker, and the chart says so', async () => {
    const page = await yoonSolverSettings();
    const select = page.locator('scenario-editor [data-path="solver.integrator"]');
    // Nothing chosen is "auto", and the editor says so.
    expect(await select.inputValue()).toBe('');
    expect(await select.locator('option:checked').textContent()).toMatch(/^auto \(default\)/);
    if (shotDir) await select.locator('xpath=../../..').screenshot({ path: join(shotDir, 'editor-time-stepping.png') });
    await select.selectOption('implicit');
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 60_000);
    const solver = await wb(page, (el) => el.runs[0].result?.solver);
    expect(solver?.integrator).toBe('implicit');
    expect(solver?.steps).toBeGreaterThan(0);
    expect(await page.locator('lethal-zone-chart p.caption').last().textContent()).toContain('implicit steps');
    expect(s.errors).toEqual([]);
  });
});
