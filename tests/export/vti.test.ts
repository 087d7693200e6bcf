/**
 * VTK image data export: `cryo run --vti` on a small axisymmetric and a small 3D run, and the
 * workbench's map-frame export, parsed back with an independent reader (tests/support/
 * vti-parse.ts). Each value is checked at cells whose temperature the run reports on its own:
 * sensors placed exactly at cell centres, so the geometry (Origin, Spacing, WholeExtent), the
 * data order (x fastest, then y, then depth) and the time must all be right for them to agree.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { Result, ScenarioFile, Vec3 } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { base64, vtiFromFrame, vtiXml } from '../../workers/export/vti.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { cryoInProcess } from '../support/cli.ts';
import { parsePvd, parseVti, valueAt } from '../support/vti-parse.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-vti-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A built-in made small: 1 mm grid, 60 s freeze, 30 s passive thaw, outputs every 10 s, sensors at cell centres. */
function axisymmetric(sensors: Vec3[]): ScenarioFile {
  const f = structuredClone(BUILTIN_SCENARIOS['yoon-2016']);
  f.geometry = { mode: 'axisymmetric', spacing_mm: 1, size_mm: [20, 40] };
  f.protocol = [{ phase: 'freeze', duration_s: 60 }, { phase: 'passive_thaw', duration_s: 30 }];
  f.output = { interval_s: 10, isotherms_c: [0, -20, -40] };
  f.sensors = sensors.map((p, i) => ({ name: `c${i}`, position_mm: p }));
  return f;
}

function threeD(sensors: Vec3[]): ScenarioFile {
  return {
    schema: 'cryo-scenario/1',
    name: 'small 3d',
    geometry: { mode: '3d', spacing_mm: 1, size_mm: [16, 12, 24] },
    tissue: { preset: 'muscle' },
    probes: [{ device: 'argon-1.7mm', tip_mm: [0.5, 0.5, 14.5], direction: [0, 0, 1], active_length_mm: 8 }],
    protocol: [{ phase: 'freeze', duration_s: 40 }],
    output: { interval_s: 10, isotherms_c: [0, -20] },
    sensors: sensors.map((p, i) => ({ name: `c${i}`, position_mm: p })),
  };
}

/** Every sensor's reading at time t against the .vti's value at its point. */
function expectSensorsMatch(vti: ReturnType<typeof parseVti>, result: Result, t: number, positions: Vec3[], axisymmetric: boolean) {
  const ti = result.times_s.findIndex((x) => Math.abs(x - t) < 1e-9);
  expect(ti).toBeGreaterThanOrEqual(0);
  const seen: number[] = [];
  positions.forEach((p, i) => {
    const at: Vec3 = axisymmetric ? [Math.hypot(p[0], p[1]), 0, p[2]] : p;
    const { value, offGrid_mm } = valueAt(vti, 'temperature_c', at);
    expect(offGrid_mm, `sensor ${i} must sit on a point of the image`).toBeLessThan(1e-6);
    const want = result.sensors[`c${i}`][ti];
    const kind = vti.arrays.cell_kind ? valueAt(vti, 'cell_kind', at).value : 0;
    // A probe cell beside tissue holds a ghost, the tissue profile extended through the surface
    // (it places isotherms); a sensor there reads no colder than the surface (sampleHeld).
    if (kind === 1) expect(want, `sensor ${i} at ${p} in a probe cell: vti ${value}, result ${want}`).toBeGreaterThanOrEqual(value - 1e-4 * Math.abs(value));
    else expect(Math.abs(value - want), `sensor ${i} at ${p}: vti ${value}, result ${want}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
    seen.push(value);
  });
  // Not vacuous: the chosen cells span the ice and the warm tissue.
  expect(Math.max(...seen) - Math.min(...seen)).toBeGreaterThan(20);
}

describe('cryo run --vti', () => {
  it('writes one .vti per chosen time and a .pvd for a 2D (axisymmetric) run; values match the sensors at cell centres', async () => {
    // Cell centres on a 1 mm grid: r = 0.5 + i, z = 0.5 + k. Near the tip and far out.
    const positions: Vec3[] = [[1.5, 0, 27.5], [2.5, 0, 24.5], [0.5, 0, 20.5], [4.5, 0, 30.5], [12.5, 0, 10.5], [0, 3.5, 26.5]];
    const file = join(dir, 'axi.json');
    writeFileSync(file, JSON.stringify(axisymmetric(positions)));
    const prefix = join(dir, 'axi', 'field');
    const { code, out, err } = await cryoInProcess(['run', file, '--vti', prefix, '--vti-times', '30,57', '--quiet']);
    expect(code, err).toBe(0);
    const result = JSON.parse(out) as Result;
    expect(err).toMatch(/wrote .*field-t30s\.vti/);
    // 57 s is not an output time: the nearest (60 s) is written, and the command says so.
    expect(err).toMatch(/field-t60s\.vti.*nearest output to 57 s/);
    const pvd = parsePvd(readFileSync(`${prefix}.pvd`, 'utf8'));
    expect(pvd).toEqual([{ time_s: 30, file: 'field-t30s.vti' }, { time_s: 60, file: 'field-t60s.vti' }]);
    for (const t of [30, 60]) {
      const vti = parseVti(readFileSync(`${prefix}-t${t}s.vti`, 'utf8'));
      expect(vti.time_s).toBe(t);
      expect(vti.dims).toEqual([20, 1, 40]);
      expect(vti.origin).toEqual([0.5, 0, 0.5]);
      expect(vti.spacing).toEqual([1, 1, 1]);
      expect(vti.arrays.temperature_c.values).toHaveLength(800);
      expect(vti.arrays.cell_kind.values.filter((k) => k === 1).length).toBeGreaterThan(0);
      expectSensorsMatch(vti, result, t, positions, true);
    }
  }, 60_000);

  it('writes the whole 3D field, x fastest, then y, then depth; values match the sensors at cell centres', async () => {
    // x centres −7.5…7.5, y −5.5…5.5, z 0.5…23.5; asymmetric offsets so a swapped axis shows.
    const positions: Vec3[] = [[1.5, 0.5, 14.5], [0.5, 2.5, 13.5], [3.5, -1.5, 10.5], [-6.5, 4.5, 2.5], [0.5, 0.5, 16.5], [2.5, 1.5, 12.5]];
    const file = join(dir, '3d.json');
    writeFileSync(file, JSON.stringify(threeD(positions)));
    const prefix = join(dir, 'three', 'f');
    const { code, out, err } = await cryoInProcess(['run', file, '--vti', prefix, '--quiet']);
    expect(code, err).toBe(0);
    const result = JSON.parse(out) as Result;
    // Default time: the end of the last freeze.
    const vti = parseVti(readFileSync(`${prefix}-t40s.vti`, 'utf8'));
    expect(vti.time_s).toBe(40);
    expect(vti.dims).toEqual([16, 12, 24]);
    expect(vti.origin).toEqual([-7.5, -5.5, 0.5]);
    expectSensorsMatch(vti, result, 40, positions, false);
    // The probe's cells are marked, along z below the tip's depth less the active length.
    const kinds = vti.arrays.cell_kind.values;
    expect(valueAt({ ...vti, arrays: { k: { type: 'UInt8', values: kinds } } }, 'k', [0.5, 0.5, 12.5]).value).not.toBe(0);
    expect(valueAt({ ...vti, arrays: { k: { type: 'UInt8', values: kinds } } }, 'k', [6.5, 4.5, 12.5]).value).toBe(0);
  }, 60_000);

  it('refuses bad --vti-times with a message naming the option', async () => {
    const r1 = await cryoInProcess(['run', 'yoon-2016', '--vti', join(dir, 'x'), '--vti-times', '10,abc', '--quiet']);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/--vti-times: "abc" is not a time between 0 and 240 s/);
    const r2 = await cryoInProcess(['run', 'yoon-2016', '--vti-times', '10', '--quiet']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/--vti-times needs --vti/);
  });
});

describe('map frame export (the workbench)', () => {
  it('a planar frame becomes a one-layer image whose values are the frame\'s, at the sensors\' cells', () => {
    const positions: Vec3[] = [[1.5, 0, 10.5], [-2.5, 0, 9.5], [4.5, 0, 12.5], [-9.5, 0, 3.5]];
    const f: ScenarioFile = {
      schema: 'cryo-scenario/1',
      name: 'planar',
      geometry: { mode: 'planar', spacing_mm: 1, size_mm: [20, 20] },
      tissue: { preset: 'muscle' },
      probes: [{ device: 'argon-1.7mm', tip_mm: [0.5, 0, 10.5], direction: [0, 1, 0] }],
      protocol: [{ phase: 'freeze', duration_s: 40 }],
      output: { interval_s: 10, isotherms_c: [0] },
      sensors: positions.map((p, i) => ({ name: `c${i}`, position_mm: p })),
    };
    const v = validateScenario(f);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const { result, frames } = runScenario(v.scenario, loadKernels(), { frames: true });
    const last = frames!.times_s.length - 1;
    const vti = parseVti(vtiFromFrame(frames!, last, 'planar test'));
    expect(vti.dims).toEqual([20, 1, 20]);
    expect(vti.origin).toEqual([-9.5, 0, 0.5]);
    expect(vti.time_s).toBe(40);
    expect(vti.arrays.temperature_c.values).toEqual(Array.from(frames!.temperatures_c[last]));
    expectSensorsMatch(vti, result, 40, positions, false);
  });

  it('a 3D run\'s frame is the x–z slice through the probe tip, placed at its y', () => {
    const positions: Vec3[] = [[1.5, 0.5, 14.5], [-2.5, 0.5, 12.5], [3.5, 0.5, 9.5], [-7.5, 0.5, 1.5]];
    const v = validateScenario(threeD(positions));
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const { result, frames } = runScenario(v.scenario, loadKernels(), { frames: true });
    const last = frames!.times_s.length - 1;
    const vti = parseVti(vtiFromFrame(frames!, last));
    expect(vti.dims).toEqual([16, 1, 24]);
    expect(vti.origin).toEqual([-7.5, 0.5, 0.5]);
    expectSensorsMatch(vti, result, 40, positions, false);
  });

  it('base64 matches the standard encoding, and a size mismatch is refused', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'hello, ParaView']) expect(base64(new TextEncoder().encode(s))).toBe(Buffer.from(s).toString('base64'));
    expect(() => vtiXml({ dims: [2, 1, 2], origin_mm: [0, 0, 0], spacing_mm: 1, temperature_c: [1, 2, 3], time_s: 0 })).toThrow(/3 values/);
  });
});
