/**
 * End to end: saved work in Chromium. Importing a corrupt file, a JSON file that
 * is not a scenario, or one written for a newer version leaves the workspace and
 * its saved copies byte for byte as they were and says why; an older file
 * (without `schema`) is migrated and survives a reload. A tab killed in the
 * middle of saving (results to IndexedDB and the workspace to localStorage at
 * the same moment) leaves, on reopening, complete data: the previous save or
 * the new one, never a mix and never an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';
import { record } from './report.ts';

const baseUrl = inject('baseUrl');
const scratch = mkdtempSync(join(tmpdir(), 'cryo-e2e-saved-'));
let s: Session;

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
});
afterAll(async () => {
  await s?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The workspace as the app holds it and as localStorage holds it, for before/after comparison. */
function snapshot(page: Page) {
  return page.evaluate(() => ({
    ws: JSON.stringify((document.querySelector('cryo-workbench') as any).ws),
    stored: Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])),
  }));
}

async function waitSaved(page: Page) {
  await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).saveState === 'saved');
}

/** The results record in IndexedDB, summarised: which runs, and how many map frames each. */
function storedResults(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ ids: string[]; frames: number[]; complete: boolean } | null>((resolve, reject) => {
        const open = indexedDB.open('cryo-workbench', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('results').objectStore('results').get('last-comparison');
          get.onsuccess = () => {
            const v = get.result;
            open.result.close();
            resolve(
              v
                ? {
                    ids: v.runs.map((r: any) => r.id),
                    // Snapshots are stored packed, one Blob per run (result-storage.ts): count them by size.
                    frames: v.runs.map((r: any) => (r.frames ? r.frames.temperatures_blob.size / (4 * r.frames.nx * r.frames.nz) : 0)),
                    complete: v.runs.every((r: any) => r.result && Array.isArray(r.result.times_s)),
                  }
                : null,
            );
          };
        };
      }),
  );
}

describe('saved work in Chromium', () => {
  it('a corrupt, non-scenario or newer-version file changes nothing and says why; an older file is migrated', async () => {
    const page = s.page;
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'calixte-2019'], selected: 'calixte-2019' }));
    await waitSaved(page);
    const scenario = await wb(page, (el) => el.selectedScenario());
    const before = await snapshot(page);
    const files: [string, string | Buffer, RegExp][] = [
      ['truncated.json', JSON.stringify(scenario).slice(0, 300), /is not valid JSON/],
      ['random.json', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /is not valid JSON/],
      ['empty.json', '', /is empty/],
      ['notes.json', JSON.stringify({ patient: 'anonymised', notes: ['freeze 3 min'] }), /JSON but not a scenario/],
      ['array.json', '[{"schema":"cryo-scenario/1"}]', /JSON array/],
      ['results.json', JSON.stringify({ schema: 'cryo-comparison-results/1', runs: [] }), /results export/],
      ['future.json', JSON.stringify({ ...scenario, schema: 'cryo-scenario/2', name: 'From v2' }), /written for a newer version/],
    ];
    const outcomes: string[] = [];
    for (const [name, content, reason] of files) {
      const path = join(scratch, name);
      writeFileSync(path, content);
      const n = await page.locator('cryo-workbench .notice.error').count();
      await page.locator('cryo-workbench #upload').setInputFiles(path);
      await page.waitForFunction((k) => document.querySelector('cryo-workbench')!.shadowRoot!.querySelectorAll('.notice.error').length > k, n);
      const text = (await page.locator('cryo-workbench .notice.error').last().textContent())!.trim();
      outcomes.push(`${name}: "${text.replace(/\s+/g, ' ').slice(name.length + 1, name.length + 80)}…"`);
      expect(text).toMatch(reason);
      expect(text).toContain('Nothing in your workspace was changed.');
    }
    await page.waitForTimeout(500); // longer than the save debounce: a save would have happened by now
    const after = await snapshot(page);
    record({
      area: 'saved work',
      trial: 'import of files that are not usable scenarios',
      input: files.map(([n]) => n).join(', '),
      outcome: `workspace and localStorage ${after.ws === before.ws && JSON.stringify(after.stored) === JSON.stringify(before.stored) ? 'byte-identical' : 'CHANGED'}; ${outcomes.join('; ')}`,
      pass: after.ws === before.ws && JSON.stringify(after.stored) === JSON.stringify(before.stored),
    });
    expect(after).toEqual(before);

    // An older file: no "schema" (written before it was required). Migrated, loaded, kept over a reload.
    const { schema: _schema, ...old } = { ...scenario, name: 'Colleague file from 2023' };
    writeFileSync(join(scratch, 'old.json'), JSON.stringify(old));
    await page.locator('cryo-workbench #upload').setInputFiles(join(scratch, 'old.json'));
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === 'Colleague file from 2023');
    const note = await page.locator('cryo-workbench .notice.info', { hasText: 'migrated' }).textContent();
    expect(note).toMatch(/old\.json was migrated: it had no "schema" field/);
    expect(await wb(page, (el) => el.issuesOf(el.ws.selected))).toEqual([]);
    await waitSaved(page);
    await page.reload();
    await page.locator('cryo-workbench header h1').waitFor();
    const reloaded = await wb(page, (el) => el.selectedScenario());
    record({
      area: 'saved work',
      trial: 'import of an older scenario file (no "schema"), then reload',
      input: 'the selected scenario with "schema" removed',
      outcome: `loaded as ${reloaded.schema} "${reloaded.name}" with the notice "${note!.trim().slice(0, 70)}…"; still there after reload`,
      pass: reloaded.name === 'Colleague file from 2023' && reloaded.schema === 'cryo-scenario/1',
    });
    expect(reloaded).toMatchObject({ schema: 'cryo-scenario/1', name: 'Colleague file from 2023' });
  });

  it('a tab killed while saving leaves complete data: the previous save or the new one', async () => {
    const page = s.page;
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'calixte-2019'], margins: { ...el.ws.margins, skin_margin_mm: 5 } }));
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 60_000);
    // The app saves the results after the run; wait until IndexedDB has them.
    let saved = await storedResults(page);
    for (let i = 0; i < 50 && !(saved?.ids.length === 2); i++) {
      await page.waitForTimeout(100);
      saved = await storedResults(page);
    }
    expect(saved).toMatchObject({ ids: ['yoon-2016', 'calixte-2019'], complete: true });
    await waitSaved(page);
    const previous = { frames: saved!.frames, margin: 5 };

    // Now a large save (about 100 MB of map frames) and a workspace save at the same moment, and the
    // renderer killed while they are under way.
    const crashed = new Promise<void>((r) => page.once('crash', () => r()));
    const bigFrames = await page.evaluate(() => {
      const el = document.querySelector('cryo-workbench') as any;
      const nx = 120;
      const nz = 240;
      el.runs = el.runs.map((r: any) => ({
        ...r,
        frames: { ...r.frames, nx, nz, times_s: Array.from({ length: 450 }, (_, i) => i), temperatures_c: Array.from({ length: 450 }, () => new Float32Array(nx * nz).fill(37)), cell_kind: new Uint8Array(nx * nz) },
      }));
      el.setWs({ ...el.ws, margins: { ...el.ws.margins, skin_margin_mm: 9 } });
      void el.persistResults();
      el.flushSave();
      return 450;
    });
    // chrome://crash kills the renderer on the spot (no unload, no further script), like an OOM kill.
    await page.goto('chrome://crash').catch(() => undefined);
    await crashed;

    // Storage lives in the browser process, which survives: a new tab sees what was committed.
    const reopened = await s.context.newPage();
    await reopened.goto(baseUrl);
    await reopened.locator('cryo-workbench header h1').waitFor();
    await reopened.waitForFunction(() => (document.querySelector('cryo-workbench') as any).runs.length > 0, undefined, { timeout: 20_000 });
    const state = await wb(reopened, (el) => ({
      margin: el.ws.margins.skin_margin_mm,
      runs: el.runs.map((r: any) => ({ id: r.id, ok: !!r.result, frames: r.frames?.temperatures_c.length ?? 0 })),
      errors: el.notices.filter((n: any) => n.kind === 'error').map((n: any) => n.text),
    }));
    const frames = state.runs.map((r: any) => r.frames);
    // The browser may cap what it keeps (the app thins frames to a storage budget): "new" is any count other than before.
    const which = frames.every((f: number, i: number) => f === previous.frames[i]) ? 'previous' : frames.every((f: number) => f !== previous.frames[0] && f > 0) ? 'new' : 'MIXED';
    const ok = which !== 'MIXED' && state.runs.every((r: any) => r.ok) && state.errors.length === 0 && [5, 9].includes(state.margin);
    record({
      area: 'saved work',
      trial: 'renderer killed (chrome://crash) during a ~100 MB results save and a workspace save',
      input: `2 runs at 1 mm; frames inflated to ${bigFrames} of 120×240 cells per run; margin changed 5 → 9 mm; crash issued right after both saves started`,
      outcome: `reopened: results = ${which} save (${frames.join(', ')} frames per run, all ${state.runs.every((r: any) => r.ok) ? 'complete' : 'INCOMPLETE'}); workspace margin ${state.margin} mm (${state.margin === 9 ? 'new' : 'previous'} save); ${state.errors.length} error notices`,
      pass: ok,
    });
    expect(which).not.toBe('MIXED');
    expect(state.runs.map((r: any) => r.id)).toEqual(['yoon-2016', 'calixte-2019']);
    expect(state.runs.every((r: any) => r.ok)).toBe(true);
    expect([5, 9]).toContain(state.margin);
    expect(state.errors).toEqual([]);
    await reopened.close();
  });

  it('a workspace save cut short in real localStorage falls back to the previous save, and says so', async () => {
    const page = await s.context.newPage();
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await wb(page, (el) => el.setWs({ ...el.ws, selected: 'yoon-2016' }));
    await waitSaved(page);
    await wb(page, (el) => el.setWs({ ...el.ws, selected: 'bittman-2018' }));
    await waitSaved(page);
    // What a write interrupted half-way leaves: the newest slot holds only its first part.
    await page.evaluate(() => {
      const key = ['cryo-workbench/workspace/slot-a', 'cryo-workbench/workspace/slot-b'].find((k) => localStorage.getItem(k)!.includes('"selected":"bittman-2018"'))!;
      localStorage.setItem(key, localStorage.getItem(key)!.slice(0, 2000));
    });
    // Closed without its beforeunload save (a reload would save the intact workspace again).
    await page.close({ runBeforeUnload: false });
    const next = await s.context.newPage();
    await next.goto(baseUrl);
    await next.locator('cryo-workbench header h1').waitFor();
    const state = await wb(next, (el) => ({ selected: el.ws.selected, notice: el.notices.find((n: any) => n.kind === 'error')?.text ?? '' }));
    record({
      area: 'saved work',
      trial: 'newest workspace save cut short (first 2000 characters kept), tab closed without unload, reopened',
      input: 'two saves (selected yoon-2016, then bittman-2018); the second truncated in localStorage',
      outcome: `loaded the previous save (selected ${state.selected}); notice "${state.notice.slice(0, 90)}…"`,
      pass: state.selected === 'yoon-2016' && /cut short/.test(state.notice),
    });
    expect(state.selected).toBe('yoon-2016');
    expect(state.notice).toMatch(/cut short .* was loaded instead/);
    await next.close();
  });
});
