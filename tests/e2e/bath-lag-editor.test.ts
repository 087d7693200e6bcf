/**
 * End to end in Chromium: a researcher uploads the saline bench experiment, finds its finite bath
 * (exchange, heat capacity, room) and the probe surface's lag in the editor with their values,
 * edits them, types bad values and reads the validator's message beside each field, and after
 * putting the values back the scenario equals the uploaded file: nothing was lost on the way.
 * Screenshots go to $CRYO_SCREENSHOT_DIR when set, for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkbench, type Session, wb } from './browser.ts';

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

describe('finite bath and trace lag in the editor (Chromium)', () => {
  it('shows, edits and refuses bath and lag values beside their fields, losing nothing', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #upload').setInputFiles(FILE);
    await page.waitForFunction((name) => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === name, uploaded.name);
    await page.locator('cryo-workbench #tab-editor').click();
    await page.locator('scenario-editor summary', { hasText: 'Tissue (bulk)' }).click();

    const field = (path: string) => page.locator(`scenario-editor input[data-path="${path}"]`);
    const message = (path: string) => page.locator(`scenario-editor [data-issue-for="${path}"]`);
    const scenario = () => wb(page, (el) => el.selectedScenario());
    const type = async (path: string, value: string) => {
      await field(path).fill(value);
      await field(path).press('Tab');
    };

    // The uploaded bench's values are in their fields.
    expect(await field('tissue.bath_exchange_w_m3k').inputValue()).toBe('444000');
    expect(await field('tissue.bath_c').inputValue()).toBe('27.2');
    expect(await field('tissue.bath_heat_capacity_j_k').inputValue()).toBe('196');
    expect(await field('tissue.bath_room_w_k').inputValue()).toBe('1.15');
    expect(await field('tissue.bath_room_c').inputValue()).toBe('');
    expect(await field('tissue.bath_room_c').getAttribute('placeholder')).toBe('27.2');
    expect(await field('probes[0].surface.lag_s').inputValue()).toBe('8.28');
    // The capacity read as a volume of water, the way a bench is described.
    expect(await page.locator('scenario-editor [data-role="bath"]').textContent()).toContain('this one ≈ 47 ml of water');

    const dir = process.env.CRYO_SCREENSHOT_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.locator('scenario-editor [data-role="bath"]').screenshot({ path: join(dir, 'bath-fields.png') });
    }

    // An edit reaches the scenario.
    await type('tissue.bath_heat_capacity_j_k', '250');
    await expect.poll(async () => (await scenario()).tissue.bath_heat_capacity_j_k).toBe(250);

    // A bad heat capacity: the validator's message beside the field, the value kept for fixing.
    await type('tissue.bath_heat_capacity_j_k', '-5');
    await expect.poll(() => message('tissue.bath_heat_capacity_j_k').textContent()).toMatch(/bath_heat_capacity_j_k|> 0|greater/);
    expect(await field('tissue.bath_heat_capacity_j_k').getAttribute('aria-invalid')).toBe('true');
    expect(await field('tissue.bath_heat_capacity_j_k').inputValue()).toBe('-5');
    if (dir) await page.locator('scenario-editor [data-role="bath"]').screenshot({ path: join(dir, 'bath-fields-error.png') });
    await type('tissue.bath_heat_capacity_j_k', '196');
    await expect.poll(() => message('tissue.bath_heat_capacity_j_k').count()).toBe(0);

    // A finite bath with no exchange to act through: the cross-field rule lands beside the capacity.
    await type('tissue.bath_exchange_w_m3k', '0');
    await expect.poll(() => message('tissue.bath_heat_capacity_j_k').textContent()).toMatch(/needs bath_exchange_w_m3k > 0/);
    await type('tissue.bath_exchange_w_m3k', '444000');
    await expect.poll(() => message('tissue.bath_heat_capacity_j_k').count()).toBe(0);

    // The lag: edited, then refused above its limit beside its own field.
    await type('probes[0].surface.lag_s', '12');
    await expect.poll(async () => (await scenario()).probes[0].surface.lag_s).toBe(12);
    await type('probes[0].surface.lag_s', '5000');
    await expect.poll(() => message('probes[0].surface.lag_s').textContent()).toMatch(/3600/);
    if (dir) {
      const probe = page.locator('scenario-editor .item', { hasText: 'Probe 1' }).first();
      await field('probes[0].surface.lag_s').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const box = (await probe.boundingBox())!;
      const lag = (await field('probes[0].surface.lag_s').boundingBox())!;
      // The trace's chart, the lag field, its message and hint: what the researcher looks at.
      await page.screenshot({ path: join(dir, 'trace-lag-error.png'), clip: { x: box.x, y: lag.y - 220, width: box.width, height: 340 } });
    }
    // The trace's points are untouched by the lag's edits.
    expect(await page.locator('trace-surface-editor [data-role="summary"] [data-count]').getAttribute('data-count')).toBe(
      String(uploaded.probes[0].surface.points.length),
    );
    await type('probes[0].surface.lag_s', '8.28');
    await expect.poll(() => message('probes[0].surface.lag_s').count()).toBe(0);

    // Put back, the scenario is the uploaded file again: nothing lost, nothing added.
    await type('tissue.bath_heat_capacity_j_k', '196');
    await expect.poll(() => scenario()).toEqual(uploaded);
    expect(await page.locator('scenario-editor .msg').count()).toBe(0);
    expect(s.errors).toEqual([]);
  });
});
