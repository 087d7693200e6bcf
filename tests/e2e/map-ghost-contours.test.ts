/**
 * End to end in Chromium: in the first 10 s of the GelMA cool-down (0.25 mm, as the page runs it)
 * the temperature map draws no isotherm colder than every gel cell and the probe surface. The
 * snapshots' ghost values (the gel's profile extrapolated through the surface into the probe's
 * cells) reach such levels — before, 0 °C appeared inside the probe at 2 s and −20 °C at 6 s —
 * and no longer make a contour there. A screenshot of the map at 6 s goes to
 * $CRYO_SCREENSHOT_DIR when set.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
let s: Session;
const scratch = mkdtempSync(join(tmpdir(), 'ghost-map-'));

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
});
afterAll(async () => {
  await s?.close();
});

describe('isotherms on the map stay out of an unreached probe (Chromium)', () => {
  it('GelMA cool-down, first 10 s: no isotherm inside the probe colder than its surface', async () => {
    const gelma = JSON.parse(readFileSync(new URL('../../scenarios/experiments/sarshoghi-icesphere-gelma.json', import.meta.url), 'utf8'));
    const file = { ...gelma, name: 'GelMA cool-down', protocol: [{ phase: 'freeze', duration_s: 30 }], output: { interval_s: 2, isotherms_c: [-2.8, -20, -40] } };
    const path = join(scratch, 'gelma.json');
    writeFileSync(path, JSON.stringify(file));
    const page = s.page;
    await page.locator('cryo-workbench #upload').setInputFiles(path);
    await page.waitForFunction(() => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === 'GelMA cool-down');
    await wb(page, (el) => el.setWs({ ...el.ws, compare: [el.ws.selected] }));
    await page.locator('cryo-workbench #run').click();
    await waitForRunsDone(page);
    expect(await wb(page, (el) => el.runs.find((r: any) => r.id === el.ws.selected)?.error?.message ?? null)).toBeNull();
    await page.locator('temperature-map .plot .main-svg').first().waitFor({ timeout: 30_000 });
    // Every snapshot of the first 10 s, every map level colder than all the gel and the probe surface.
    const seen = await wb(page, async (el) => {
      const map = el.shadowRoot.querySelector('temperature-map');
      const f = map.run.frames;
      const r = map.run.result;
      const out = { checked: 0, raw: 0, drawn: 0, cases: [] as string[] };
      for (let i = 0; i < f.times_s.length && f.times_s[i] <= 10; i++) {
        map.frameIndex = i;
        const fig = map.figure();
        const T = f.temperatures_c[i] as Float32Array;
        let coldest = r.probes[0].surface_c[r.times_s.indexOf(f.times_s[i])];
        T.forEach((v: number, c: number) => f.cell_kind[c] === 0 && (coldest = Math.min(coldest, v)));
        for (const d of fig.data.filter((x: any) => x.meta?.isotherm_c !== undefined)) {
          const level = d.meta.isotherm_c;
          if (level >= coldest) continue;
          out.checked++;
          const raw = T.some((v: number) => v <= level);
          const drawn = d.x.some((v: number | null) => v !== null);
          out.raw += raw ? 1 : 0;
          out.drawn += drawn ? 1 : 0;
          if (raw) out.cases.push(`${level} °C at ${f.times_s[i]} s (surface ${coldest.toFixed(1)} °C or warmer)`);
        }
      }
      map.frameIndex = f.times_s.indexOf(6);
      await map.updateComplete;
      return out;
    });
    expect(seen.checked).toBeGreaterThan(5);
    expect(seen.raw, seen.cases.join('; ')).toBeGreaterThan(0); // what the map drew inside the probe before
    expect(seen.drawn).toBe(0);
    if (process.env.CRYO_SCREENSHOT_DIR) console.log(seen.cases.join("; "));
    const dir = process.env.CRYO_SCREENSHOT_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.waitForTimeout(500);
      await page.locator('temperature-map').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      // The probe's last 5 mm and the gel around it, at 6 s and at the end (30 s).
      for (const t of [6, 30]) {
        await page.evaluate(async (at) => {
          const map = (document.querySelector('cryo-workbench') as any).shadowRoot.querySelector('temperature-map');
          map.frameIndex = map.run.frames.times_s.indexOf(at);
          await map.updateComplete;
          await new Promise((res) => setTimeout(res, 300));
          await map.plotly.relayout(map.plotDiv, { 'xaxis.range': [-4, 4], 'yaxis.range': [37, 30] });
        }, t);
        await page.waitForTimeout(300);
        await page.locator('temperature-map section').screenshot({ path: join(dir, `gelma-map-${t}s.png`) });
      }
    }
    expect(s.errors).toEqual([]);
  }, 200_000);
});
