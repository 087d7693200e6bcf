/**
 * Exports a researcher publishes, driven in Chromium on the built workbench: the temperature
 * map frame as VTK image data (.vti) parsed back and compared with the frame the map shows
 * (also after moving its time slider), the verdict summary CSV against the results on the
 * page, and a chart as SVG and PNG with its caption. A screenshot of the open Download menu
 * goes to $CRYO_SCREENSHOT_DIR when set, for a person to look at.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, waitForRunsDone, wb, type Session } from './browser.ts';
import { parseVti } from '../support/vti-parse.ts';

const baseUrl = inject('baseUrl');
let s: Session;
const downloads = mkdtempSync(join(tmpdir(), 'cryo-e2e-exports-'));

beforeAll(async () => {
  s = await openBrowser();
});
afterAll(async () => {
  await s?.close();
  rmSync(downloads, { recursive: true, force: true });
});

async function download(click: () => Promise<void>): Promise<string> {
  const [dl] = await Promise.all([s.page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = join(downloads, dl.suggestedFilename());
  await dl.saveAs(path);
  return path;
}

/** Splits one CSV line (quoted cells may hold commas). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

describe('exports in Chromium', () => {
  it('runs the comparison on the draft grid', async () => {
    const page = s.page;
    await page.goto(baseUrl);
    await page.locator('cryo-workbench header h1').waitFor();
    await page.locator('anatomy-panel #res').selectOption('1');
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    await page.locator('temperature-map .plot .main-svg').first().waitFor({ timeout: 30_000 });
    expect(await wb(page, (el) => el.runs.filter((r: any) => r.result && r.frames?.temperatures_c.length).length)).toBe(8);
  }, 200_000);

  it('downloads the map frame as .vti: the frame the map shows, parsed back value for value', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #download').click();
    const dir = process.env.CRYO_SCREENSHOT_DIR;
    const box = (await page.locator('cryo-workbench .menu-list').boundingBox())!;
    expect(box.height).toBeGreaterThan(100);
    if (dir) {
      const x = Math.max(0, box.x - 320);
      await page.screenshot({ path: join(dir, 'download-menu.png'), clip: { x, y: 0, width: box.x + box.width + 10 - x, height: box.y + box.height + 10 } });
    }
    const vtiPath = await download(() => page.locator('cryo-workbench #dl-vti').click());
    const vti = parseVti(readFileSync(vtiPath, 'utf8'));
    const shown = await wb(page, (el) => {
      const map = el.shadowRoot.querySelector('temperature-map');
      const f = map.run.frames;
      const i = map.index;
      return { time_s: f.times_s[i], nx: f.nx, nz: f.nz, x0: f.x0_mm, spacing: f.spacing_mm, values: Array.from(f.temperatures_c[i] as Float32Array), text: map.shadowRoot.querySelector('output').textContent };
    });
    expect(vti.time_s).toBe(shown.time_s);
    expect(vti.dims).toEqual([shown.nx, 1, shown.nz]);
    expect(vti.origin[0]).toBeCloseTo(shown.x0, 9);
    expect(vti.spacing).toEqual([shown.spacing, shown.spacing, shown.spacing]);
    expect(vti.arrays.temperature_c.values).toEqual(shown.values);
    // A field, not a constant: the ice and the warm tissue are both there.
    const finite = shown.values.filter((v: number) => Number.isFinite(v));
    expect(Math.min(...finite)).toBeLessThan(-40);
    expect(Math.max(...finite)).toBeGreaterThan(30);

    // Move the map's slider to the first snapshot: the next download is that one (t = 0, all warm).
    await page.locator('temperature-map input[type="range"]').first().fill('0');
    await page.locator('cryo-workbench #download').click();
    const first = parseVti(readFileSync(await download(() => page.locator('cryo-workbench #dl-vti').click()), 'utf8'));
    expect(first.time_s).toBe(0);
    expect(Math.min(...first.arrays.temperature_c.values.filter((v) => Number.isFinite(v)))).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
  }, 60_000);

  it('downloads the verdict summary: one row per protocol with the results\' figures and run settings', async () => {
    const page = s.page;
    await page.locator('cryo-workbench #download').click();
    const text = readFileSync(await download(() => page.locator('cryo-workbench #dl-verdict-csv').click()), 'utf8');
    const [header, ...rows] = text.trim().split('\n').map(cells);
    expect(header).toContain('nerve_coverage_at_or_below_-40c_pct');
    expect(header).toContain('spacing_mm');
    expect(rows).toHaveLength(8);
    const results = await wb(page, (el) => el.runs.map((r: any) => ({ id: r.id, min: r.result.nerve?.min_c ?? null, gap: r.result.skin.min_ice_gap_mm, spacing: r.result.solver.spacing_mm })));
    for (const row of rows) {
      const v = Object.fromEntries(row.map((x, i) => [header[i], x]));
      const r = results.find((x: any) => x.id === v.protocol)!;
      expect(r, v.protocol).toBeTruthy();
      expect(Number(v.spacing_mm)).toBe(r.spacing);
      if (r.min !== null) expect(Math.abs(Number(v.nerve_min_c) - r.min)).toBeLessThan(0.01);
      if (r.gap !== null) expect(Math.abs(Number(v.skin_min_ice_gap_mm) - r.gap)).toBeLessThan(0.006);
      // No 17-digit floats anywhere (dt_s keeps 6 significant digits).
      for (const c of row) expect(c).not.toMatch(/\d\.\d{7,}/);
    }
  });

  it('saves a chart as SVG with its caption, and as PNG', async () => {
    const page = s.page;
    const svgPath = await download(() => page.locator('lethal-zone-chart button', { hasText: 'Save SVG' }).click());
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toMatch(/^<svg/);
    const text = svg.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('8 protocols');
    expect(text).toMatch(/Shown: ice \(0 °C\), nerve-block/);
    expect(text).toMatch(/Grid: axisymmetric, 1 mm spacing/);
    expect(text).toMatch(/Anatomy: nerve \d/);
    const mapTime = await wb(page, (el) => el.shadowRoot.querySelector('temperature-map').shadowRoot.querySelector('output').textContent);
    const mapSvg = readFileSync(await download(() => page.locator('temperature-map button', { hasText: 'Save SVG' }).click()), 'utf8');
    // The caption's time is the one the map's slider shows.
    expect(mapSvg.replace(/<[^>]+>/g, ' ')).toContain(`Shown: temperature field at t = ${mapTime.split(' · ')[0].trim()}`);
    const png = await download(() => page.locator('isotherm-growth-chart button', { hasText: 'Save PNG' }).click());
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    if (process.env.CRYO_SCREENSHOT_DIR) {
      const { copyFileSync } = await import('node:fs');
      copyFileSync(png, join(process.env.CRYO_SCREENSHOT_DIR, 'isotherm-growth-export.png'));
      copyFileSync(svgPath, join(process.env.CRYO_SCREENSHOT_DIR, 'ice-zones-export.svg'));
    }
    expect(s.errors).toEqual([]);
  });
});
