/**
 * Whole-workspace sharing in Chromium: a workspace with a user protocol that has
 * its own variant, an edited anatomy and a pinned result is downloaded as one
 * cryo-workspace/1 file and shared as one link; a fresh browser opening either
 * gets the same protocols, anatomy, ticks, margins and pin. A file from a newer
 * version is refused and nothing changes; while the probe bench is shown the
 * header's file and link buttons are disabled and say why. Screenshots go to
 * $CRYO_SHOT_DIR when set.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, waitForRunsDone, wb, type Session } from './browser.ts';

const baseUrl = inject('baseUrl');
const shotDir = process.env.CRYO_SHOT_DIR;
const scratch = mkdtempSync(join(tmpdir(), 'cryo-e2e-workspace-'));
let a: Session;

beforeAll(async () => {
  a = await openBrowser({ width: 1366, height: 900 });
});
afterAll(async () => {
  await a?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** What must arrive intact: everything but the probe bench's last set-up. */
const shared = (el: any) => {
  const { protocols, anatomy, compare, selected, margins, adjuncts, pins } = el.ws;
  return JSON.parse(JSON.stringify({ protocols, anatomy, compare, selected, margins, adjuncts, pins }));
};

let sent: any;
let file = '';
let link = '';

describe('whole-workspace share', () => {
  it('exports every protocol, the anatomy and the pins as one file and one link', async () => {
    const page = a.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('anatomy-panel #res').selectOption('1');
    // A user copy of a built-in, with its own variant (perfusion off), compared with the original.
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['cazzato-2016'], selected: 'cazzato-2016' }));
    await page.locator('cryo-workbench .list-actions button', { hasText: 'Copy selected as new' }).click();
    await wb(page, (el) => {
      const id = el.ws.selected;
      el.tab = 'setup';
      el.setWs({
        ...el.ws,
        margins: { ...el.ws.margins, skin_margin_mm: 4 },
        protocols: el.ws.protocols.map((p: any) => (p.id === id ? { ...p, overrides: { tissue: { preset: 'generic', perfusion_w_m3k: 0 } } } : p)),
      });
    });
    await page.locator('anatomy-panel #nerve-depth').fill('18');
    await page.locator('anatomy-panel #nerve-depth').dispatchEvent('change');
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    await page.locator('pinned-results #pin-name').fill('copy, perfusion off');
    await page.locator('pinned-results #pin-add').click();
    await page.locator('pinned-results li[data-pin="p1"]').waitFor();
    sent = await wb(page, shared);
    expect(sent.protocols.filter((p: any) => p.origin === 'user')).toHaveLength(1);
    expect(sent.anatomy.nerve.center_mm[2]).toBe(18);
    expect(sent.pins).toHaveLength(1);

    await page.locator('cryo-workbench #download').click();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('cryo-workbench #dl-workspace-pins').click()]);
    file = join(scratch, dl.suggestedFilename());
    await dl.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).schema).toBe('cryo-workspace/1');

    await page.locator('cryo-workbench #share-workspace').click();
    await page.locator('cryo-workbench #share-url').waitFor();
    link = await page.locator('cryo-workbench #share-url').inputValue();
    expect(link).toMatch(/#workspace=[A-Za-z0-9_-]+$/);
    console.info(`whole-workspace link with one pin: ${link.length} characters; file ${readFileSync(file, 'utf8').length} characters`);
    expect(a.errors).toEqual([]);
  });

  it('a fresh browser opening the file gets the same workspace, and can undo it', async () => {
    const b = await openBrowser({ width: 1366, height: 900 });
    try {
      await b.page.goto(baseUrl);
      await b.page.locator('cryo-workbench header h1').waitFor();
      const before = await wb(b.page, shared);
      await b.page.locator('cryo-workbench #upload').setInputFiles(file);
      await b.page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).ws.pins?.length === 1);
      expect(await wb(b.page, shared)).toEqual(sent);
      const notice = await wb(b.page, (el) => el.notices.at(-1).text);
      expect(notice).toMatch(/Opened the workspace from cryo-workspace-with-pins\.json: 9 protocols/);
      if (shotDir) {
        await b.page.waitForTimeout(800);
        await b.page.screenshot({ path: join(shotDir, 'workspace-import.png') });
      }
      // A file from a newer version is refused and changes nothing.
      const future = join(scratch, 'future.json');
      writeFileSync(future, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schema: 'cryo-workspace/2' }));
      await b.page.locator('cryo-workbench #upload').setInputFiles(future);
      await b.page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).notices.at(-1).kind === 'error');
      expect(await wb(b.page, (el) => el.notices.at(-1).text)).toMatch(/future\.json was not loaded: it was written by a newer version.*Nothing in your workspace was changed/);
      expect(await wb(b.page, shared)).toEqual(sent);
      // The Undo on the import's notice brings the browser's own workspace back.
      await b.page.locator('cryo-workbench .notice button.undo').click();
      expect(await wb(b.page, shared)).toEqual(before);
      expect(b.errors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('a fresh browser opening the link gets the same workspace', async () => {
    const c = await openBrowser({ width: 1366, height: 900 });
    try {
      await c.page.goto(link);
      await c.page.locator('cryo-workbench header h1').waitFor();
      await c.page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).ws.pins?.length === 1);
      expect(await wb(c.page, shared)).toEqual(sent);
      expect(new URL(c.page.url()).hash).toBe('');
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('while the probe bench is shown, the header’s file and link buttons are disabled and say why', async () => {
    const page = a.page;
    await page.locator('cryo-workbench #mode-bench').click();
    for (const id of ['share', 'share-workspace', 'upload-button', 'download']) {
      const button = page.locator(`cryo-workbench #${id}`);
      expect(await button.isDisabled(), id).toBe(true);
      expect(await button.getAttribute('title'), id).toMatch(/switch to Protocols/);
    }
    if (shotDir) await page.locator('cryo-workbench header').screenshot({ path: join(shotDir, 'bench-header.png') });
    await page.locator('cryo-workbench #mode-compare').click();
    expect(await page.locator('cryo-workbench #share').isDisabled()).toBe(false);
  });
});
