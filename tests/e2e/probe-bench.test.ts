/**
 * The probe bench in Chromium: a device alone in gel runs in the browser's
 * workers and its width × length table equals `cryo run` on the very scenario
 * file the bench ran (web/lib/bench.ts builds both); the shared anatomy is not
 * touched; ice near the block's edge is warned about; the mesh check shows the
 * 0.5 and 0.25 mm numbers side by side with their differences; the growth and
 * probe-surface charts are drawn. Screenshots go to $CRYO_SHOT_DIR when set.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Result } from '../../scenarios/schema.ts';
import { benchTable } from '../../web/lib/bench.ts';
import { cryoInProcess } from '../support/cli.ts';
import { openBrowser, wb, type Session } from './browser.ts';

const baseUrl = inject('baseUrl');
const shotDir = process.env.CRYO_SHOT_DIR;
const dir = mkdtempSync(join(tmpdir(), 'cryo-e2e-bench-'));
let s: Session;

beforeAll(async () => {
  s = await openBrowser({ width: 1366, height: 900 });
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const bench = <T>(fn: (b: any) => T) => wb(s.page, new Function('el', `return (${fn.toString()})(el.shadowRoot.querySelector('probe-bench'))`) as (el: any) => T);

async function set(selector: string, value: string) {
  const input = s.page.locator(`probe-bench ${selector}`);
  await input.fill(value);
  await input.press('Tab');
}

async function cli(file: object, name: string): Promise<Result> {
  const path = join(dir, `${name}.json`);
  const out = join(dir, `${name}.result.json`);
  writeFileSync(path, JSON.stringify(file));
  const r = await cryoInProcess(['run', path, '--out', out, '--quiet']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Result;
}

/** The table as the page shows it: exact numbers from data attributes, and the text. */
function shownTable() {
  return bench((b) =>
    [...b.shadowRoot.querySelectorAll('#bench-table tbody tr')].map((tr: any) => ({
      time: Number(tr.dataset.time),
      cells: [...tr.querySelectorAll('td')].map((td: any) => ({
        iso: Number(td.dataset.iso),
        width: td.dataset.width === '' ? null : Number(td.dataset.width),
        length: td.dataset.length === '' ? null : Number(td.dataset.length),
        text: td.textContent.replace(/\s+/g, ' ').trim(),
      })),
    })),
  );
}

describe('probe bench', () => {
  it('runs a device alone in gel; the table equals cryo run on the same file', async () => {
    const page = s.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    const anatomyBefore = await wb(page, (el) => JSON.stringify(el.ws.anatomy));
    await page.locator('cryo-workbench #mode-bench').click();
    expect(await page.locator('cryo-workbench #mode-bench').getAttribute('aria-pressed')).toBe('true');
    await page.locator('probe-bench #bench-medium').selectOption('gel');
    await set('#bench-freeze', '300');
    await set('#bench-times', '60, 120, 300');
    await page.locator('probe-bench #bench-grid').selectOption('0.5');
    await page.locator('probe-bench #bench-run').click();
    await page.locator('probe-bench #bench-table').waitFor({ timeout: 120_000 });

    const file = await bench((b) => b.scenario);
    const result = await cli(file, 'gel');
    const expected = benchTable(result, [60, 120, 300], [0, -20, -40]);
    const shown = await shownTable();
    expect(shown.map((r) => r.time)).toEqual([60, 120, 300]);
    for (const [i, row] of expected.entries()) {
      for (const [j, cell] of row.cells.entries()) {
        const got = shown[i].cells[j];
        expect(got.iso).toBe(cell.isotherm_c);
        // f32 kernels in the worker and in Node: the same numbers, not merely close.
        expect(got.width).toBe(cell.width_mm);
        expect(got.length).toBe(cell.length_mm);
        expect(got.text).toBe(`${cell.width_mm === null ? '—' : cell.width_mm.toFixed(1)} × ${cell.length_mm === null ? '—' : cell.length_mm.toFixed(1)}`);
      }
    }
    // A 5-min argon freeze in gel makes ice: the 0 °C cell at the end has a size.
    expect(shown[2].cells[0].width).toBeGreaterThan(10);
    // The growth and surface charts are drawn, the surface curve from the result's probes[0].surface_c.
    await page.waitForFunction(() => {
      const b = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('probe-bench')!.shadowRoot!;
      return ['#bench-growth', '#bench-surface'].every((id) => (b.querySelector(id) as any)?.drawCount > 0);
    });
    const surface = await bench((b) => b.shadowRoot.querySelector('#bench-surface').series[0].values);
    expect(surface).toEqual(result.probes[0].surface_c);
    // The bench did not touch the protocols' shared anatomy.
    expect(await wb(page, (el) => JSON.stringify(el.ws.anatomy))).toBe(anatomyBefore);
    expect(await page.locator('probe-bench #bench-warnings').count()).toBe(0);
    if (shotDir) await page.screenshot({ path: join(shotDir, 'bench-table.png'), fullPage: false });
    expect(s.errors).toEqual([]);
    // The bench as set up comes back after a reload (kept with the workspace).
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).saveState === 'saved');
    await page.reload();
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('cryo-workbench #mode-bench').click();
    expect(await page.locator('probe-bench #bench-freeze').inputValue()).toBe('300');
    expect(await page.locator('probe-bench #bench-times').inputValue()).toBe('60, 120, 300');
    expect(await bench((b) => b.scenario)).toEqual(file);
  });

  it('a bad field is named and blocks the run; a long freeze warns of the model edge', async () => {
    const page = s.page;
    await set('#bench-times', '60, 9000');
    await page.locator('probe-bench #bench-timesS-error').waitFor();
    expect(await page.locator('probe-bench #bench-timesS-error').textContent()).toMatch(/must not exceed the freeze time/);
    expect(await page.locator('probe-bench #bench-run').isDisabled()).toBe(true);
    // 10 min in still saline at 20 °C in a 12-mm well: the ice reaches the wall.
    await page.locator('probe-bench #bench-medium').selectOption('saline');
    await set('#bench-temp', '20');
    await set('#bench-freeze', '600');
    await set('#bench-block', '12');
    await set('#bench-times', '60, 600');
    await page.locator('probe-bench #bench-grid').selectOption('1');
    await page.locator('probe-bench #bench-run').click();
    await page.locator('probe-bench #bench-warnings [data-code="ice_near_boundary"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('probe-bench #bench-warnings').textContent()).toMatch(/edge of the model/);
  });

  it('the mesh check shows 0.5 and 0.25 mm side by side with the differences', async () => {
    const page = s.page;
    await page.locator('probe-bench #bench-medium').selectOption('gel');
    await set('#bench-temp', '37');
    await set('#bench-block', '30');
    await set('#bench-freeze', '180');
    await set('#bench-times', '60, 180');
    await page.locator('probe-bench #bench-mesh').click();
    await page.locator('probe-bench #bench-mesh-table').waitFor({ timeout: 170_000 });
    const mesh = await bench((b) => ({
      coarse: b.mesh.coarse.result,
      fine: b.mesh.fine.result,
      rows: [...b.shadowRoot.querySelectorAll('#bench-mesh-table tbody td')].map((td: any) => ({ ...td.dataset })),
    }));
    expect(mesh.coarse.solver.spacing_mm).toBe(0.5);
    expect(mesh.fine.solver.spacing_mm).toBe(0.25);
    expect(mesh.rows).toHaveLength(6);
    const coarse = benchTable(mesh.coarse, [60, 180], [0, -20, -40]);
    const fine = benchTable(mesh.fine, [60, 180], [0, -20, -40]);
    const row0 = mesh.rows.find((r: any) => r.time === '180' && r.iso === '0');
    expect(Number(row0.widthDiff)).toBeCloseTo(fine[1].cells[0].width_mm! - coarse[1].cells[0].width_mm!, 9);
    // The two grids agree to within about a coarse cell at the ice edge.
    expect(Math.abs(Number(row0.widthDiff))).toBeLessThan(1.5);
    expect(await page.locator('probe-bench #mesh-verdict').textContent()).toMatch(/Largest change [\d.]+ mm/);
    if (shotDir) {
      await page.setViewportSize({ width: 1366, height: 1500 });
      await page.waitForTimeout(1200);
      await page.screenshot({ path: join(shotDir, 'bench-mesh.png') });
    }
    expect(s.errors).toEqual([]);
  });

  it('loads a device preset written by cryo calibrate and runs it; a scenario file is refused and changes nothing', async () => {
    const page = s.page;
    const presetPath = join(dir, 'calibrated.json');
    const r = await cryoInProcess(['calibrate', 'iceseed-17g', 'scenarios/measurements/shah-2016-17g-gel.csv', '--spacing-mm', '1', '--max-evals', '3', '--out', presetPath, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const written = JSON.parse(readFileSync(presetPath, 'utf8'));
    // A scenario is not a device preset: refused, the setup as it was.
    const before = await bench((b) => JSON.stringify(b.setup));
    const scenarioPath = join(dir, 'a-scenario.json');
    writeFileSync(scenarioPath, JSON.stringify(await bench((b) => b.scenario)));
    await page.locator('probe-bench #bench-device-file').setInputFiles(scenarioPath);
    await page.locator('probe-bench #bench-error').waitFor();
    expect(await page.locator('probe-bench #bench-error').textContent()).toMatch(/a-scenario\.json was not loaded: it is a scenario, not a device preset.*Nothing changed/);
    expect(await bench((b) => JSON.stringify(b.setup))).toBe(before);

    await page.locator('probe-bench #bench-device-file').setInputFiles(presetPath);
    await page.locator('probe-bench #bench-notice').waitFor();
    expect(await page.locator('probe-bench #bench-notice').textContent()).toContain(written.label);
    expect(await page.locator('probe-bench #bench-device').inputValue()).toBe('file');
    await page.locator('probe-bench #bench-grid').selectOption('1');
    await page.locator('probe-bench #bench-run').click();
    await page.waitForFunction(() => {
      const b = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('probe-bench') as any;
      return !b.busy && b.run?.result.solver.spacing_mm === 1 && b.run.setup.device === 'file';
    }, undefined, { timeout: 120_000 });
    const file = await bench((b) => b.scenario);
    expect(file.probes[0].surface).toEqual(written.surface);
    const result = await cli(file, 'calibrated');
    const shown = await shownTable();
    const expected = benchTable(result, [60, 180], [0, -20, -40]);
    expect(shown.map((row) => row.cells.map((c) => c.width))).toEqual(expected.map((row) => row.cells.map((c) => c.width_mm)));
    expect(await page.locator('probe-bench .caption').first().textContent()).toContain(written.label);

    // The same device in a protocol: a copy of each ticked protocol, ticked beside its original.
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['cazzato-2016'], selected: 'cazzato-2016' }));
    await page.locator('probe-bench #bench-use-device').click();
    expect(await wb(page, (el) => el.mode)).toBe('compare');
    const ids = await wb(page, (el) => el.ws.compare);
    expect(ids).toHaveLength(2);
    const copy = await wb(page, new Function('el', `return el.scenarioOf(${JSON.stringify(ids[1])})`) as (el: any) => any);
    expect(copy.probes[0].surface).toEqual(written.surface);
    await page.locator('anatomy-panel #res').selectOption('1');
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction(() => {
      const el = document.querySelector('cryo-workbench') as any;
      return !el.running && el.runs.length === 2 && el.runs.every((r: any) => r.result || r.error);
    }, undefined, { timeout: 120_000 });
    expect(await wb(page, (el) => el.runs.map((r: any) => !!r.result))).toEqual([true, true]);
    expect(s.errors).toEqual([]);
  });
});
