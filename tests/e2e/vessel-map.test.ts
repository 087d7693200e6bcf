/**
 * End to end in Chromium: a student's planar and 3D runs with blood vessels show each vessel on the
 * temperature map where it cuts the picture (planar: a circle; 3D slice: an oval for a slanted
 * vessel, a band for one lying in the slice, a dotted outline for one beside it), beside the ice
 * it pulls back. Screenshots of both maps go to $CRYO_SCREENSHOT_DIR when set.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWorkbench, type Session, waitForRunsDone, wb } from './browser.ts';

const baseUrl = inject('baseUrl');
let s: Session;
const scratch = mkdtempSync(join(tmpdir(), 'vessel-map-'));

beforeAll(async () => {
  s = await openWorkbench(baseUrl);
});
afterAll(async () => {
  await s?.close();
});

const base = {
  schema: 'cryo-scenario/1',
  tissue: { preset: 'generic' },
  protocol: [{ phase: 'freeze', duration_s: 240, power: 1 }],
  output: { interval_s: 20 },
};
const planar = {
  ...base,
  name: 'Vessel beside a planar ice ball',
  geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [40, 40] },
  probes: [{ device: 'argon-1.7mm', tip_mm: [0, 0, 15], direction: [0, 1, 0] }],
  vessels: [{ center_mm: [6, 0, 15], direction: [0, 1, 0], diameter_mm: 3, wall: 'convective', h_w_m2k: 500, blood_c: 37 }],
};
const threeD = {
  ...base,
  name: 'Vessels around a 3D ice ball',
  geometry: { mode: '3d', spacing_mm: 1, size_mm: [30, 30, 32] },
  probes: [{ device: 'argon-1.7mm', tip_mm: [0, 0, 16], direction: [0, 0, 1] }],
  vessels: [
    // slanted through the slice: an oval
    { center_mm: [6, 0, 14], direction: [0, 1, 1], diameter_mm: 3, wall: 'temperature', blood_c: 37 },
    // lying in the slice below the tip: a band
    { center_mm: [0, 0.3, 24], direction: [1, 0, 0], diameter_mm: 3, wall: 'temperature', blood_c: 37 },
    // parallel to the slice, 6 mm behind it: a dotted outline
    { center_mm: [0, 6, 8], direction: [1, 0, 0], diameter_mm: 2, wall: 'temperature', blood_c: 37 },
  ],
};

async function runAndShow(file: object, name: string) {
  const page = s.page;
  const path = join(scratch, `${name}.json`);
  writeFileSync(path, JSON.stringify(file));
  await page.locator('cryo-workbench #upload').setInputFiles(path);
  await page.waitForFunction((n) => (document.querySelector('cryo-workbench') as any).selectedScenario()?.name === n, (file as { name: string }).name);
  await wb(page, (el) => el.setWs({ ...el.ws, compare: [el.ws.selected] }));
  await page.locator('cryo-workbench #run').click();
  await waitForRunsDone(page);
  const err = await wb(page, (el) => el.runs.find((r: any) => r.id === el.ws.selected)?.error?.message ?? null);
  expect(err).toBeNull();
  await page.locator('temperature-map .plot .main-svg').first().waitFor({ timeout: 30_000 });
  const { shapes, xs } = await wb(page, (el) => {
    const fig = el.shadowRoot.querySelector('temperature-map').figure();
    return { shapes: (fig?.layout.shapes ?? []) as any[], xs: fig.data[0].x as number[] };
  });
  const dir = process.env.CRYO_SCREENSHOT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    await page.locator('temperature-map').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.locator('temperature-map section').screenshot({ path: join(dir, `vessel-map-${name}.png`) });
  }
  return { paths: shapes.filter((sh) => sh.type === 'path'), xs };
}

describe('vessels on the temperature map (Chromium)', () => {
  it('planar: the vessel is a circle of its diameter at its centre', async () => {
    const { paths } = await runAndShow(planar, 'planar');
    expect(paths).toHaveLength(1);
    const pts = [...paths[0].path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m: RegExpMatchArray) => [Number(m[1]), Number(m[2])]);
    for (const [x, z] of pts) expect(Math.hypot(x - 6, z - 15)).toBeCloseTo(1.5, 3);
    expect(s.errors).toEqual([]);
  }, 200_000);

  it('3D slice: an oval, a band and a dotted outline for the vessel beside the slice', async () => {
    const { paths, xs } = await runAndShow(threeD, '3d');
    expect(paths).toHaveLength(3);
    expect(paths.filter((p: any) => p.line.dash === 'dot')).toHaveLength(1);
    // The band of the vessel lying in the slice spans the field from edge to edge, and stops there.
    const band = paths[1].path.match(/(-?[\d.]+),/g).map((v: string) => Number(v.slice(0, -1)));
    const halfCell = (xs[1] - xs[0]) / 2;
    expect(Math.min(...band)).toBeCloseTo(xs[0] - halfCell, 6);
    expect(Math.max(...band)).toBeCloseTo(xs[xs.length - 1] + halfCell, 6);
    expect(s.errors).toEqual([]);
  }, 200_000);
});
