/**
 * Calibration in the probe bench, in Chromium: a bad file is refused with its file and line
 * and changes nothing; a shipped isotherm-size file fits the bench's device in the browser's
 * calibration worker with progress, the residuals shrink and the fitted value equals
 * `cryo calibrate` for the same inputs; the fitted device is used on the bench (its table still
 * equals `cryo run`) and in a protocol; a shipped thermocouple log fits against the scenario it
 * names, with measured vs modelled curves per thermocouple and the model's finite bath beside them; a fit can be cancelled and the
 * previous result stays. Screenshots go to $CRYO_SHOT_DIR when set.
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
const dir = mkdtempSync(join(tmpdir(), 'cryo-e2e-benchcal-'));
const SIZES = 'scenarios/measurements/littrup-2009-1.7mm-agar.csv';
const LOG = 'scenarios/measurements/sarshoghi-2026/pbs-n1-cycle1.log.csv';
let s: Session;

beforeAll(async () => {
  s = await openBrowser({ width: 1366, height: 900 });
});
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cal = <T>(fn: (c: any) => T) =>
  wb(s.page, new Function('el', `return (${fn.toString()})(el.shadowRoot.querySelector('probe-bench').shadowRoot.querySelector('bench-calibration'))`) as (el: any) => T);
const bench = <T>(fn: (b: any) => T) => wb(s.page, new Function('el', `return (${fn.toString()})(el.shadowRoot.querySelector('probe-bench'))`) as (el: any) => T);
const calIdle = () =>
  s.page.waitForFunction(() => {
    const c = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('probe-bench')!.shadowRoot!.querySelector('bench-calibration') as any;
    return !c.busy;
  }, undefined, { timeout: 170_000 });

async function shot(name: string, selector: string) {
  if (!shotDir) return;
  // Tall enough for the whole card: an element screenshot past the viewport comes out blank below it.
  await s.page.setViewportSize({ width: 1366, height: 2400 });
  await s.page.locator(selector).scrollIntoViewIfNeeded();
  await s.page.waitForTimeout(1200);
  await s.page.locator(selector).screenshot({ path: join(shotDir, name) });
  await s.page.setViewportSize({ width: 1366, height: 900 });
}

describe('calibration in the probe bench', () => {
  it('refuses a bad file by file and line, then fits a shipped size file as cryo calibrate does', async () => {
    const page = s.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('cryo-workbench #mode-bench').click();
    expect(await page.locator('probe-bench #bench-device').inputValue()).toBe('iceseed-17g');

    const bad = join(dir, 'bad-sizes.csv');
    writeFileSync(bad, 'time_s,isotherm_c,width_mm,length_mm\n600,-40,20,\n900,-30,1O,\n');
    await page.locator('bench-calibration #cal-file-input').setInputFiles(bad);
    await page.locator('bench-calibration #cal-issues').waitFor();
    expect(await page.locator('bench-calibration #cal-issues').textContent()).toMatch(/bad-sizes\.csv:3\s*: width_mm: '1O' is not a number/);
    expect(await page.locator('bench-calibration #cal-file').count()).toBe(0);
    expect(await page.locator('bench-calibration #cal-fit').isDisabled()).toBe(true);

    // Pasted text goes through the same reader: a bad row is named by line, nothing is loaded.
    await page.locator('bench-calibration #cal-paste-toggle').click();
    await page.locator('bench-calibration #cal-paste').fill('time_s,isotherm_c,width_mm\n-5,-40,20\n');
    await page.locator('bench-calibration #cal-paste-read').click();
    expect(await page.locator('bench-calibration #cal-issues').textContent()).toMatch(/pasted text:2\s*: time_s: must be > 0/);
    expect(await page.locator('bench-calibration #cal-file').count()).toBe(0);
    await page.locator('bench-calibration #cal-paste-toggle').click();

    await page.locator('bench-calibration #cal-file-input').setInputFiles(SIZES);
    await page.locator('bench-calibration #cal-file').waitFor();
    expect(await page.locator('bench-calibration #cal-issues').count()).toBe(0);
    expect((await page.locator('bench-calibration #cal-file').textContent())!.replace(/\s+/g, ' ')).toMatch(/gel at 39 °C \(from the file\)/);
    expect(await page.locator('bench-calibration #cal-on-h_w_m2k').isChecked()).toBe(true);
    // An upside-down bound is named and blocks the fit; putting it right unblocks it.
    const lower = page.locator('bench-calibration [aria-label="h_w_m2k lower bound"]');
    await lower.fill('200000');
    await lower.press('Tab');
    await page.locator('bench-calibration #cal-params .field-error').waitFor();
    expect(await page.locator('bench-calibration #cal-fit').isDisabled()).toBe(true);
    await lower.fill('50');
    await lower.press('Tab');
    expect(await page.locator('bench-calibration #cal-params .field-error').count()).toBe(0);

    await page.locator('bench-calibration #cal-fit').click();
    await page.locator('bench-calibration #cal-progress progress').waitFor({ timeout: 60_000 });
    await page.locator('bench-calibration #cal-result').waitFor({ timeout: 170_000 });
    const preset = await cal((c) => c.presetFile);
    const c = preset.calibration;
    expect(c.rms_start_mm).toBeGreaterThan(2);
    expect(c.rms_mm).toBeLessThan(0.1);
    expect(await page.locator('bench-calibration #cal-residuals tbody tr').count()).toBe(1);
    expect(await page.locator('bench-calibration #cal-summary').textContent()).toMatch(/RMS residual [\d.]+ mm before → 0\.\d\d mm fitted/);

    // The CLI, same device, file, grid and cap: the same fit and the same preset numbers.
    const out = join(dir, 'cli-preset.json');
    const r = await cryoInProcess(['calibrate', 'iceseed-17g', SIZES, '--spacing-mm', '0.5', '--max-evals', '20', '--out', out, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const cli = JSON.parse(readFileSync(out, 'utf8'));
    expect(preset.surface).toEqual(cli.surface);
    expect(c.residuals).toEqual(cli.calibration.residuals);
    expect(c.fitted).toEqual(cli.calibration.fitted);
    await shot('bench-calibration-sizes.png', 'bench-calibration section');
    if (shotDir) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('bench-calibration #cal-result').scrollIntoViewIfNeeded();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shotDir, 'bench-calibration-phone.png') });
      await page.setViewportSize({ width: 1366, height: 900 });
    }

    const download = page.waitForEvent('download');
    await page.locator('bench-calibration #cal-download').click();
    const saved = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(saved).toEqual(preset);
    expect(s.errors).toEqual([]);
  });

  it('the fitted device runs on the bench (table = cryo run) and in a protocol', async () => {
    const page = s.page;
    await page.locator('bench-calibration #cal-use').click();
    await page.locator('probe-bench #bench-notice').waitFor();
    expect(await page.locator('probe-bench #bench-device').inputValue()).toBe('file');
    const surface = await cal((c) => c.presetFile.surface);
    await page.locator('probe-bench #bench-freeze').fill('180');
    await page.locator('probe-bench #bench-freeze').press('Tab');
    await page.locator('probe-bench #bench-times').fill('60, 180');
    await page.locator('probe-bench #bench-times').press('Tab');
    await page.locator('probe-bench #bench-run').click();
    await page.waitForFunction(() => {
      const b = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('probe-bench') as any;
      return !b.busy && b.run?.setup.device === 'file';
    }, undefined, { timeout: 120_000 });
    const file = await bench((b) => b.scenario);
    expect(file.probes[0].surface).toEqual(surface);
    const path = join(dir, 'fitted-bench.json');
    const out = join(dir, 'fitted-bench.result.json');
    writeFileSync(path, JSON.stringify(file));
    const r = await cryoInProcess(['run', path, '--out', out, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const expected = benchTable(JSON.parse(readFileSync(out, 'utf8')) as Result, [60, 180], [0, -20, -40]);
    const shown = await bench((b) => b.table);
    expect(shown).toEqual(expected);
    await page.waitForFunction(() => ((document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('probe-bench')!.shadowRoot!.querySelector('#bench-growth') as any)?.drawCount ?? 0) > 0);
    if (shotDir) await page.screenshot({ path: join(shotDir, 'bench-calibrated-device.png') });

    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['calixte-2019'], selected: 'calixte-2019' }));
    await page.locator('probe-bench #bench-use-device').click();
    expect(await wb(page, (el) => el.mode)).toBe('compare');
    const ids = await wb(page, (el) => el.ws.compare);
    expect(ids).toHaveLength(2);
    const copy = await wb(page, new Function('el', `return el.scenarioOf(${JSON.stringify(ids[1])})`) as (el: any) => any);
    expect(copy.probes[0].surface).toEqual(surface);
    await page.locator('anatomy-panel #res').selectOption('1');
    await page.locator('cryo-workbench #run').click();
    await page.waitForFunction(() => {
      const el = document.querySelector('cryo-workbench') as any;
      return !el.running && el.runs.length === 2 && el.runs.every((r: any) => r.result || r.error);
    }, undefined, { timeout: 120_000 });
    expect(await wb(page, (el) => el.runs.map((r: any) => !!r.result))).toEqual([true, true]);
    if (shotDir) await page.screenshot({ path: join(shotDir, 'bench-calibrated-protocol.png') });
    expect(s.errors).toEqual([]);
  });

  it('fits a shipped thermocouple log against the scenario it names, with curves; a cancelled fit keeps the last one', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #mode-bench').click();
    await page.locator('bench-calibration #cal-file-input').setInputFiles(LOG);
    await page.locator('bench-calibration #cal-file').waitFor();
    expect((await page.locator('bench-calibration #cal-file').textContent())!.replace(/\s+/g, ' ')).toMatch(/4 thermocouples.*sarshoghi-icesphere-pbs-n1\.json \(named in the log\)/);
    expect(await page.locator('bench-calibration #cal-result').count()).toBe(0);
    expect(await page.locator('bench-calibration #cal-on-offset').isChecked()).toBe(true);
    await page.locator('bench-calibration #cal-max-evals').fill('6');
    await page.locator('bench-calibration #cal-max-evals').press('Tab');
    await page.locator('bench-calibration #cal-fit').click();
    await calIdle();
    await page.locator('bench-calibration #cal-curves').waitFor();
    const rows = await cal((c) => [...c.shadowRoot.querySelectorAll('#cal-sensors tbody tr')].map((tr: any) => ({ ...tr.dataset })));
    expect(rows.map((x: any) => x.sensor)).toEqual(['tc_1.8mm', 'tc_2.8mm', 'tc_4.8mm', 'tc_6.8mm']);
    // The fit lowers the sum of squares over all readings (not necessarily every thermocouple's RMSE).
    const ssr = await cal((c) => ['before', 'after'].map((k) => c.outcome.curves.reduce((a: number, x: any) => a + x[k].reduce((b: number, m: number, i: number) => b + (m - x.measured[i]) ** 2, 0), 0)));
    expect(ssr[1]).toBeLessThanOrEqual(ssr[0]);
    await page.waitForFunction(() => {
      const c = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('probe-bench')!.shadowRoot!.querySelector('bench-calibration')!.shadowRoot!;
      const charts = [...c.querySelectorAll('#cal-curves bench-line-chart')] as any[];
      return charts.length === 4 && charts.every((x) => x.drawCount > 0);
    }, undefined, { timeout: 60_000 });
    // The saline bench's finite bath, as fitted, long-dashed grey in every thermocouple's chart (the log has no bath reading).
    const bath = await cal((c) => c.outcome.baths);
    expect(bath.map((b: any) => b.medium)).toEqual(['tissue']);
    const drawn = await cal((c) =>
      [...c.shadowRoot.querySelectorAll('#cal-curves bench-line-chart')].map((x: any) =>
        x.figure().data.filter((d: any) => /^bath/.test(d.name)).map((d: any) => ({ name: d.name, y: d.y, x: d.x, dash: d.line.dash, colour: d.line.color })),
      ),
    );
    expect(drawn).toHaveLength(4);
    for (const traces of drawn) {
      expect(traces).toHaveLength(1);
      expect(traces[0]).toMatchObject({ name: 'bath (well-mixed), fitted', dash: 'longdash', y: bath[0].after.temp_c });
      expect(traces[0].x).toEqual(bath[0].after.times_s.map((t: number) => t / 60));
    }
    expect((await page.locator('bench-calibration #cal-bath').textContent())!.replace(/\s+/g, ' ')).toMatch(/well-mixed bath, which the log does not measure — bath \(well-mixed\) from 27\.2 to [\d.]+ °C fitted \([\d.]+ °C before the fit\)/);
    await shot('bench-calibration-log.png', 'bench-calibration section');

    // Cancel mid-fit: the worker stops, the fit shown stays.
    const fittedBefore = await cal((c) => JSON.stringify(c.outcome.fitted));
    await page.locator('bench-calibration #cal-max-evals').fill('60');
    await page.locator('bench-calibration #cal-max-evals').press('Tab');
    await page.locator('bench-calibration #cal-fit').click();
    await page.locator('bench-calibration #cal-progress').waitFor();
    await page.locator('bench-calibration #cal-cancel').click();
    await calIdle();
    expect(await page.locator('bench-calibration #cal-notice').textContent()).toMatch(/Cancelled; the previous fit stays/);
    expect(await cal((c) => JSON.stringify(c.outcome.fitted))).toBe(fittedBefore);
    // Its preset replays the log's own probe trace, and says so.
    expect(await page.locator('bench-calibration #cal-trace').count()).toBe(1);
    expect(s.errors).toEqual([]);
  });

  it('the same log on the bench as set up fits the bench device (h), giving a device for any protocol', async () => {
    const page = s.page;
    await page.locator('probe-bench #bench-device').selectOption('icesphere-17g');
    await page.locator('probe-bench #bench-medium').selectOption('saline');
    for (const [sel, v] of [['#bench-temp', '27'], ['#bench-block', '14'], ['#bench-freeze', '400'], ['#bench-times', '60, 400']]) {
      await page.locator(`probe-bench ${sel}`).fill(v);
      await page.locator(`probe-bench ${sel}`).press('Tab');
    }
    await page.locator('bench-calibration #cal-on-bench').check();
    expect((await page.locator('bench-calibration #cal-file').textContent())!.replace(/\s+/g, ' ')).toMatch(/IceSphere.* on the bench as set up/);
    expect(await page.locator('bench-calibration #cal-on-h').isChecked()).toBe(true);
    expect(await page.locator('bench-calibration #cal-on-offset').count()).toBe(0);
    await page.locator('bench-calibration #cal-max-evals').fill('5');
    await page.locator('bench-calibration #cal-max-evals').press('Tab');
    await page.locator('bench-calibration #cal-fit').click();
    await calIdle();
    expect(await page.locator('bench-calibration #cal-issues').count()).toBe(0);
    const preset = await cal((c) => c.presetFile);
    expect(preset.surface.model).toBe('convective');
    expect(preset.calibration.device).toBe('icesphere-17g');
    expect(preset.surface.h_w_m2k).toBe(Number(preset.calibration.shared[0].value.toPrecision(4)));
    expect(await page.locator('bench-calibration #cal-trace').count()).toBe(0);
    // The bench's saline is still (no finite bath): no bath line, no bath caption.
    expect(await page.locator('bench-calibration #cal-bath').count()).toBe(0);
    await page.locator('bench-calibration #cal-use').click();
    await page.locator('probe-bench #bench-notice').waitFor();
    expect(await page.locator('probe-bench #bench-notice').textContent()).toMatch(/thermocouple log, worst RMSE [\d.]+ °C/);
    await shot('bench-calibration-log-bench.png', 'bench-calibration section');
    expect(s.errors).toEqual([]);
  });
});
