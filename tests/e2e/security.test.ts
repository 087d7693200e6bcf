/**
 * End to end: the built app under its Content-Security-Policy. The policy
 * arrives as a header from `vite preview` and as a <meta> in the built page;
 * loading, a comparison, the map and every export run with zero violations and
 * no request leaving the origin. A hostile scenario (markup and script in its
 * name, source, assumptions and sensor names, `javascript:` URLs, very long
 * strings), opened by upload and by share link, stays text everywhere: in the
 * page, in the shadow roots, and in Plotly's ticks, legends and hover labels.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspHeaderValue, cspMetaValue } from '../../web/csp.ts';
import { allElementsScript, cspViolations, openBrowser, waitForRunsDone, wb, type Session } from './browser.ts';
import { record } from './report.ts';

const baseUrl = inject('baseUrl');
const distDir = inject('distDir');
const origin = new URL(baseUrl).origin;
const scratch = mkdtempSync(join(tmpdir(), 'cryo-e2e-security-'));
let s: Session;

beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const LINK = '<a href="javascript:window.__pwned=1">click</a>';
/** Under 120 characters, so the protocol list shows it whole. */
const NAME = `${IMG} ${SCRIPT} 2021 %{x}`;
const SENSORS = [IMG, `<b>bold</b>${LINK}`, 'S'.repeat(5000)];

function hostile(base: Record<string, unknown>): Record<string, unknown> {
  const nerve = base.nerve as { center_mm: number[] };
  return {
    ...base,
    name: NAME,
    source: `javascript:window.__pwned=1 ${LINK} ${'A'.repeat(100_000)}`,
    assumptions: [SCRIPT, IMG, LINK, 'L'.repeat(50_000)],
    sensors: SENSORS.map((name, i) => ({ name, position_mm: [nerve.center_mm[0] + i, 0, nerve.center_mm[2]] })),
  };
}

/** Everything that would mean the payload ran or became markup, searched through every shadow root. */
async function inertness(page: Page) {
  return page.evaluate(`(() => {
    const all = ${allElementsScript()};
    const attr = (el, name) => el.getAttribute(name) || el.getAttribute('xlink:href') || '';
    return {
      pwned: typeof window.__pwned,
      imgs: all.filter((el) => el.tagName === 'IMG').length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + ' ' + a.name)),
      scripts: all.filter((el) => el.tagName === 'SCRIPT').map((el) => el.getAttribute('src')),
      jsLinks: all.filter((el) => /^\\s*javascript:/i.test(attr(el, 'href'))).length,
      boldTspans: all.filter((el) => el.tagName === 'tspan' && /bold/.test(el.getAttribute('style') || '')).length,
    };
  })()`) as Promise<{ pwned: string; imgs: number; handlers: string[]; scripts: (string | null)[]; jsLinks: number; boldTspans: number }>;
}

/** Concatenated text of the selector's matches inside one component's shadow root. */
function chartText(page: Page, component: string, selector: string): Promise<string> {
  return page.evaluate(
    ([c, sel]) => {
      const el = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector(c)!;
      return [...el.shadowRoot!.querySelectorAll(sel)].map((n) => n.textContent).join(' | ');
    },
    [component, selector] as const,
  );
}

/**
 * Asks Plotly to show the hover label of every trace whose name contains `marker`
 * (through the chart's own Plotly module: the mouse would land on whichever line
 * is nearest) and returns the label texts and whether any came out as markup.
 */
function hoverLabels(page: Page, component: string, marker: string) {
  return page.evaluate(
    async ([c, m]) => {
      const chart = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector(c) as any;
      const gd = chart.shadowRoot.querySelector('.plot');
      const texts: string[] = [];
      let markup = 0;
      const traces = gd.data.map((t: any, i: number) => [t.name ?? '', i]).filter(([name]: [string]) => name.includes(m));
      for (const [, i] of traces) {
        chart.plotly.Fx.unhover(gd);
        // Plotly throttles hover to one per 50 ms per chart.
        await new Promise((r) => setTimeout(r, 80));
        chart.plotly.Fx.hover(gd, [{ curveNumber: i, pointNumber: 5 }]);
        await new Promise((r) => requestAnimationFrame(r));
        const layer = chart.shadowRoot.querySelector('.hoverlayer');
        texts.push(layer.textContent);
        markup += layer.querySelectorAll('a, [style*="bold"]').length;
      }
      chart.plotly.Fx.unhover(gd);
      return { traces: traces.length, texts, markup };
    },
    [component, marker] as const,
  );
}

async function checkHostilePage(page: Page, how: string) {
  const inert = await inertness(page);
  // The page's own entry module is the only script element anywhere.
  const ok =
    inert.pwned === 'undefined' && inert.imgs === 0 && inert.handlers.length === 0 && inert.jsLinks === 0 && inert.boldTspans === 0 && inert.scripts.length === 1;
  record({
    area: 'security',
    trial: `hostile scenario opened by ${how}, run, charts drawn`,
    input: 'name/source/assumptions/sensor names with <img onerror>, <script>, javascript: links, <b>, %{x}; 100 000- and 50 000-character strings',
    outcome: `window.__pwned ${inert.pwned}; ${inert.imgs} <img>, ${inert.handlers.length} on* attributes, ${inert.jsLinks} javascript: links, ${inert.boldTspans} bold Plotly spans, ${inert.scripts.length} script element (the app's own) in the document and all shadow roots`,
    pass: ok,
  });
  expect(inert).toMatchObject({ pwned: 'undefined', imgs: 0, handlers: [], jsLinks: 0, boldTspans: 0 });
  expect(inert.scripts).toHaveLength(1);
  expect(inert.scripts[0]).toMatch(/^\/assets\/index-.*\.js$/);

  // Shown as text: the protocol list, the verdict table, the editor fields.
  expect(await page.locator('cryo-workbench .protocols li.selected .name').textContent()).toContain(NAME);
  expect(await page.locator('verdict-table tbody tr').first().textContent()).toContain('<img src=x onerror');
  // Plotly: tick labels and legends show the characters, not markup.
  const ticks = await chartText(page, 'lethal-zone-chart', '.xtick text');
  expect(ticks).toContain('<img');
  const legend = await chartText(page, 'temperature-history-chart', '.legendtext');
  expect(legend).toContain(IMG);
  expect(legend).toContain('<b>bold</b><a href="javascript:');
  expect(legend).not.toContain('S'.repeat(100)); // a 5000-character name is clipped
  // Hover labels of the hostile sensors: `&lt;` stays text, `%{x}` is not expanded.
  const hover = await hoverLabels(page, 'temperature-history-chart', '&#60;');
  expect(hover.traces).toBe(2);
  expect(hover.texts.join(' | ')).toContain(IMG);
  expect(hover.texts.join(' | ')).toContain('<b>bold</b><a href="javascript:');
  expect(hover.markup).toBe(0);
  expect((await inertness(page)).pwned).toBe('undefined');
  record({
    area: 'security',
    trial: `Plotly text of the hostile scenario (${how})`,
    input: 'protocol name as lethal-zone tick label, sensor names as legend entries and hover labels',
    outcome: `ticks "${ticks.slice(0, 60)}…"; legend shows the literal markup; hover labels of the 2 hostile sensors "${hover.texts.map((t) => t.slice(0, 50)).join('" and "')}…", ${hover.markup} links or bold spans`,
    pass: ticks.includes('<img') && legend.includes(IMG) && hover.texts.join('').includes(IMG) && hover.markup === 0,
  });

  await page.locator('cryo-workbench #tab-editor').click();
  await page.locator('scenario-editor details:not(.assumptions) > summary').first().click();
  expect(await page.locator('scenario-editor [data-path="name"]').inputValue()).toBe(NAME);
  expect((await page.locator('scenario-editor [data-path="source"]').inputValue()).length).toBeGreaterThan(100_000);
  await page.locator('cryo-workbench #tab-setup').click();
  expect((await inertness(page)).pwned).toBe('undefined');
}

describe('security in Chromium', () => {
  it('serves the policy as a header and as a <meta> in the built page', async () => {
    const assets = readdirSync(join(distDir, 'assets'));
    const worker = assets.find((f) => f.startsWith('simulation.worker-'))!;
    const wasm = assets.find((f) => f.endsWith('.wasm'))!;
    const seen: string[] = [];
    for (const path of ['', `assets/${worker}`, `assets/${wasm}`]) {
      const res = await fetch(baseUrl + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(cspHeaderValue());
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      seen.push(`/${path}`);
    }
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(cspMetaValue());
    // Before any script or stylesheet: a <meta> policy only governs what comes after it.
    const firstGoverned = Math.min(...['<script', '<link rel="stylesheet"', '<style'].map((t) => html.indexOf(t)).filter((i) => i >= 0));
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(firstGoverned);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/<style|\sstyle=/); // no inline style either
    record({
      area: 'security',
      trial: 'policy delivered',
      input: `GET ${seen.join(', ')}; built index.html`,
      outcome: `header on every response (${cspHeaderValue().length} characters), <meta> first in <head> without frame-ancestors, no inline <script>`,
      pass: true,
    });
  });

  it('loads, compares, draws and exports under the policy with zero violations and only same-origin requests', async () => {
    const page = s.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('anatomy-panel #res').selectOption('1');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016', 'cazzato-2016'], selected: 'cazzato-2016' }));
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 60_000);
    expect(await wb(page, (el) => el.runs.map((r: any) => !!r.result))).toEqual([true, true]); // the wasm compiled and ran
    for (const chart of ['lethal-zone-chart', 'temperature-map', 'isotherm-growth-chart', 'temperature-history-chart']) {
      await page.locator(`${chart} .plot .main-svg`).first().waitFor({ timeout: 30_000 });
    }
    // The heatmap is a bitmap Plotly draws to a data: URL: img-src must allow it.
    await page.waitForFunction(() => {
      const map = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('temperature-map')!;
      return !!map.shadowRoot!.querySelector('.hm image');
    });
    const downloads: string[] = [];
    for (const id of ['dl-json', 'dl-csv', 'dl-scenario']) {
      await page.locator('cryo-workbench #download').click();
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`cryo-workbench #${id}`).click()]);
      downloads.push(dl.suggestedFilename());
    }
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('lethal-zone-chart button', { hasText: 'Save PNG' }).click()]);
    downloads.push(png.suggestedFilename());
    await page.locator('cryo-workbench #share').click();
    await page.waitForTimeout(300);

    const violations = [...(await cspViolations(page)), ...s.errors.filter((e) => /Security.Policy/i.test(e))];
    const foreign = s.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith(`blob:${origin}/`));
    record({
      area: 'security',
      trial: 'load, 2-protocol comparison at 1 mm, 4 charts, 4 exports, share link',
      input: `${s.requests.length} requests; downloads ${downloads.join(', ')}`,
      outcome: `${violations.length} CSP violations, ${foreign.length} requests outside ${origin}, ${s.errors.length} console errors`,
      pass: violations.length === 0 && foreign.length === 0 && s.errors.length === 0,
    });
    expect(violations).toEqual([]);
    expect(foreign).toEqual([]);
    expect(s.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(s.errors).toEqual([]);
  });

  it("only Plotly needs inline styles: under style-src 'self' every violation comes from its chunk", async () => {
    const strict = (policy: string) => policy.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'");
    const b = await openBrowser();
    try {
      // The same build, served with the stricter policy in both the header and the <meta>.
      await b.page.route(`${origin}/**`, async (route) => {
        const res = await route.fetch();
        const headers = { ...res.headers(), 'content-security-policy': strict(res.headers()['content-security-policy'] ?? '') };
        const isPage = new URL(route.request().url()).pathname === '/';
        await route.fulfill({ response: res, headers, body: isPage ? strict(await res.text()) : await res.body() });
      });
      await b.page.goto(baseUrl);
      await b.page.locator('cryo-workbench header h1').waitFor();
      await b.page.locator('anatomy-panel #res').selectOption('1');
      await wb(b.page, (el) => el.setWs({ ...el.ws, compare: ['yoon-2016'], selected: 'yoon-2016' }));
      await b.page.locator('cryo-workbench #run').click();
      await waitForRunsDone(b.page, 60_000);
      await b.page.locator('lethal-zone-chart .plot .main-svg').first().waitFor();
      await b.page.locator('temperature-map .plot .main-svg').first().waitFor();
      const violations = await cspViolations(b.page);
      const ours = violations.filter((v) => !/\/assets\/plotly[^/]*\.js:/.test(v));
      record({
        area: 'security',
        trial: "the same app under style-src 'self' (no 'unsafe-inline'), one run, charts drawn",
        input: 'policy rewritten in the header and the <meta> by the test',
        outcome: `${violations.length} style violations, ${violations.length - ours.length} from Plotly's chunk, ${ours.length} from the workbench's own code; the run ${(await wb(b.page, (el) => !!el.runs[0].result)) ? 'completed' : 'FAILED'}`,
        pass: ours.length === 0 && violations.length > 0,
      });
      expect(ours).toEqual([]);
      // If this ever reaches 0, Plotly no longer needs 'unsafe-inline' and web/csp.ts can drop it.
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.startsWith('style-src'))).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('a hostile scenario stays text when uploaded, and when opened from its share link', async () => {
    const page = s.page;
    const base = await wb(page, (el) => el.selectedScenario());
    const path = join(scratch, 'colleague.json');
    writeFileSync(path, JSON.stringify(hostile(base)));
    await page.locator('cryo-workbench #upload').setInputFiles(path);
    await page.waitForFunction((name) => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === name, NAME);
    await wb(page, (el) => el.setWs({ ...el.ws, compare: [el.ws.selected, 'yoon-2016'] }));
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page, 60_000);
    await page.waitForFunction(() => {
      const h = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('temperature-history-chart') as any;
      return h.drawCount > 0 && h.shadowRoot.querySelectorAll('.legendtext').length >= 3;
    });
    await checkHostilePage(page, 'upload');

    const url = await wb(page, (el) => el.buildShareUrl());
    expect(url.length).toBeGreaterThan(200_000); // the long strings travel in the link
    const fresh = await openBrowser();
    try {
      await fresh.page.goto(url);
      await fresh.page.locator('cryo-workbench header h1').waitFor();
      expect(await wb(fresh.page, (el) => el.selectedScenario().name)).toBe(NAME);
      await fresh.page.locator('cryo-workbench #run').click();
      await waitForRunsDone(fresh.page, 60_000);
      await fresh.page.waitForFunction(() => {
        const h = document.querySelector('cryo-workbench')!.shadowRoot!.querySelector('temperature-history-chart') as any;
        return h.drawCount > 0 && h.shadowRoot.querySelectorAll('.legendtext').length >= 3;
      });
      await checkHostilePage(fresh.page, 'share link');
      expect(await cspViolations(fresh.page)).toEqual([]);
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
    expect(await cspViolations(page)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
