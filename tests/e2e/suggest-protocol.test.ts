/**
 * End to end in Chromium: a researcher asks "Suggest a protocol" for the shortest schedule that
 * brings the whole nerve to ≤ −20 °C in at least 3 of 4 ensemble members (draft grid, one
 * ticked protocol, one or two freezes), reads the suggestion beside the published protocol — and
 * it is what `cryo optimise` finds for the same protocol file, members and seed, computed here
 * in Node — then adds it as a protocol and finds it ticked in the list with its schedule.
 * Cancel stops a search and keeps its finished candidates; the ensemble survives a reload.
 * Hostile entries get a message beside the field and nothing runs. Screenshots go to
 * $CRYO_SCREENSHOT_DIR when set.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { sectionFor } from '../../web/lib/ensemble-request.ts';
import { cryoInProcess } from '../support/cli.ts';
import { dir as tmp } from '../sweep/sweep-fixtures.ts';
import { openWorkbench, type Session, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
let s: Session;
const shots = process.env.CRYO_SCREENSHOT_DIR;

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await s?.close();
});

function suggester<T>(fn: (el: any) => T): Promise<T> {
  return s.page.evaluate(`(${fn.toString()})(document.querySelector('cryo-workbench').shadowRoot.querySelector('ensemble-panel').shadowRoot.querySelector('protocol-suggest'))`) as Promise<T>;
}


describe('Suggest a protocol in Chromium', () => {
  it('hostile entries get a message beside the field and nothing runs', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['von-falck-2022'] }));
    await page.locator('protocol-suggest #sug-probability').fill('1.5');
    await page.locator('protocol-suggest #sug-maxRuns').fill('1000000');
    await page.locator('protocol-suggest [data-cycles="1"]').uncheck();
    await page.locator('protocol-suggest [data-cycles="2"]').uncheck();
    const jobsBefore = await wb(page, (el) => el.pool?.stats.settled ?? 0);
    await page.locator('protocol-suggest #sug-run').click();
    await expect.poll(() => page.locator('protocol-suggest #sug-probability-msg').textContent()).toMatch(/above 0 and at most 1.*got “1.5”/);
    expect(await page.locator('protocol-suggest #sug-maxRuns-msg').textContent()).toMatch(/whole number from 1 to 4000/);
    expect(await page.locator('protocol-suggest fieldset small.error').textContent()).toMatch(/at least one number of freezes/);
    expect(await suggester((p) => ({ running: p.running, progress: p.progress }))).toEqual({ running: false, progress: null });
    // Nothing was run for it (the pool's idle workers are the page's warm start).
    expect(await wb(page, (el) => ({ busy: el.pool?.stats.busy ?? 0, queued: el.pool?.stats.queued ?? 0, settled: el.pool?.stats.settled ?? 0 }))).toEqual({ busy: 0, queued: 0, settled: jobsBefore });
  });

  it('suggests what cryo optimise suggests for the same members and seed, and adds it as a protocol', async () => {
    const page = s.page;
    await page.locator('protocol-suggest #sug-probability').fill('0.75');
    await page.locator('protocol-suggest #sug-maxRuns').fill('120');
    await page.locator('protocol-suggest [data-cycles="1"]').check();
    await page.locator('protocol-suggest [data-cycles="2"]').check();
    await page.locator('protocol-suggest #sug-maxTotalMin').fill('16');
    await page.locator('protocol-suggest #sug-toleranceS').fill('20');
    await page.locator('protocol-suggest #sug-skinMarginMm').fill('');
    await page.locator('ensemble-panel #ens-samples').fill('4');
    await page.locator('ensemble-panel #ens-seed').fill('3');
    // The published protocol's probabilities come from the ensemble table: run it on the same members.
    await page.locator('ensemble-panel #ens-run').click();
    await page.waitForFunction(() => {
      const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel');
      return p && !p.running && p.states.length > 0;
    }, undefined, { timeout: 120_000, polling: 250 });
    const ensembleRows = () =>
      s.page.evaluate(() =>
        [...(document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel').shadowRoot.querySelectorAll('#ensemble-table tbody tr')].map((tr: any) =>
          [...tr.querySelectorAll('th, td')].map((c: any) => c.textContent.replace(/\s+/g, ' ').trim()),
        ),
      );
    const rowsBefore = await ensembleRows();
    expect(rowsBefore.length).toBe(1);
    await page.locator('protocol-suggest #sug-run').click();
    // Progress shows while it searches.
    await page.waitForFunction(() => {
      const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel').shadowRoot.querySelector('protocol-suggest');
      return p.progress && p.progress.runs > 0;
    }, undefined, { timeout: 120_000, polling: 50 });
    await page.waitForFunction(() => {
      const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel').shadowRoot.querySelector('protocol-suggest');
      return p && !p.running && p.shown;
    }, undefined, { timeout: 300_000, polling: 250 });
    const got = await suggester((p) => ({
      result: p.shown.result,
      file: p.shown.base.file,
      rows: [...p.shadowRoot.querySelectorAll('#sug-table tbody tr')].map((tr: any) => [...tr.querySelectorAll('th, td')].map((c: any) => c.textContent.replace(/\s+/g, ' ').trim())),
      message: p.message?.text ?? null,
    }));
    expect(got.message).toBeNull();
    expect(got.result.chosen).not.toBeNull();
    expect(got.rows.length).toBe(2);
    expect(got.rows[0][0]).toMatch(/^suggested /);
    expect(got.rows[0][3]).toMatch(/^\d{1,3} % \d{1,3}–\d{1,3}$/);
    expect(got.rows[1][3]).toMatch(/^\d{1,3} % \d{1,3}–\d{1,3}$/); // the published protocol, from the ensemble table

    // The same protocol file, members and seed through cryo optimise in Node: the same search, exactly.
    const v = validateScenario(got.file);
    if (!v.ok) throw new Error('protocol invalid');
    const { section } = sectionFor(v.scenario, { samples: 4, seed: 3, placementSdMm: 1, inputs: ['perfusion', 'probe-output'] });
    const path = join(tmp, 'e2e-suggest.json');
    writeFileSync(path, JSON.stringify({ ...got.file, uncertainty: section }));
    const cli = await cryoInProcess(['optimise', path, '--workers', '1', '--probability', '0.75', '--max-runs', '120', '--cycles', '1,2', '--thaw', 'passive', '--max-total-s', '960', '--tolerance-s', '20']);
    expect(cli.code, cli.err).toBe(0);
    const summary = JSON.parse(cli.out);
    expect(got.result.chosen).toEqual(summary.chosen);
    expect(got.result.candidates).toEqual(summary.candidates);

    if (shots) {
      await page.setViewportSize({ width: 1366, height: 1400 });
      await page.locator('protocol-suggest').scrollIntoViewIfNeeded();
      await page.locator('protocol-suggest').screenshot({ path: join(shots, 'suggest-protocol.png') });
    }

    // Add it: a copy of the protocol with the suggested phases, ticked and selected.
    const before = await wb(page, (el) => el.ws.protocols.length);
    await page.locator('protocol-suggest #sug-add').click();
    await expect.poll(() => wb(page, (el) => el.ws.protocols.length)).toBe(before + 1);
    const added = await wb(page, (el) => {
      const p = el.ws.protocols.at(-1);
      return { id: p.id, origin: p.origin, name: p.procedure.name, protocol: p.procedure.protocol, probes: p.procedure.probes, ticked: el.ws.compare.includes(p.id), selected: el.ws.selected, note: p.procedure.assumptions.at(-1) };
    });
    const base = await wb(page, (el) => el.ws.protocols.find((p: any) => p.id === 'von-falck-2022').procedure.probes);
    expect(added.origin).toBe('user');
    expect(added.protocol).toEqual(summary.chosen.phases);
    expect(added.probes).toEqual(base);
    expect(added.ticked).toBe(true);
    expect(added.selected).toBe(added.id);
    expect(added.name).toMatch(/suggested/);
    expect(added.note).toMatch(/4 members, seed 3/);
    expect(await page.locator('protocol-suggest #sug-message').textContent()).toMatch(/Added .* to the protocol list/);
    if (shots) await page.screenshot({ path: join(shots, 'suggest-added.png'), fullPage: false });

    // The ensemble survives a reload: the same table, and its bands on the growth chart.
    await page.reload();
    await page.locator('cryo-workbench header h1').waitFor();
    await expect.poll(ensembleRows, { timeout: 20_000 }).toEqual(rowsBefore);
    expect(await page.locator('ensemble-panel .message.info').first().textContent()).toMatch(/kept in the browser/);
    const fills = await wb(page, (el) => (el.shadowRoot.querySelector('isotherm-growth-chart') as any).figure()?.data.filter((d: any) => d.fill === 'tonexty').length ?? 0);
    expect(fills).toBe(1);
  });

  it('Cancel stops the search and keeps the candidates that finished', async () => {
    const page = s.page;
    await page.locator('ensemble-panel #ens-samples').fill('4');
    await page.locator('protocol-suggest #sug-toleranceS').fill('1');
    await page.locator('protocol-suggest #sug-run').click();
    await page.waitForFunction(() => {
      const p = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel').shadowRoot.querySelector('protocol-suggest');
      return p.progress && p.progress.candidates.length >= 1;
    }, undefined, { timeout: 120_000, polling: 50 });
    await page.locator('protocol-suggest #sug-cancel').click();
    await page.waitForFunction(() => !(document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('ensemble-panel').shadowRoot.querySelector('protocol-suggest').running, undefined, { timeout: 60_000 });
    const got = await suggester((p) => ({ interrupted: p.shown.result.interrupted, candidates: p.shown.result.candidates.length, message: p.message.text }));
    expect(got.interrupted).toBe(true);
    expect(got.candidates).toBeGreaterThanOrEqual(1);
    expect(got.message).toMatch(new RegExp(`^Cancelled after ${got.candidates} candidates`));
    expect(await wb(page, (el) => el.pool.pool.stats.busy)).toBe(0);
    // The ensemble panel can run again.
    expect(await page.locator('ensemble-panel #ens-run').isDisabled()).toBe(false);
  });
});
