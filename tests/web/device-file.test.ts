/**
 * Device preset files in the probe bench (web/lib/device-file.ts): the file
 * `cryo calibrate --out` writes is read, and the bench scenario then runs that
 * device's fitted surface; files that are not device presets (a scenario, not
 * JSON, missing or impossible numbers) are refused with a reason naming the field.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { benchScenario, defaultBenchSetup, FILE_DEVICE, benchProblems } from '../../web/lib/bench.ts';
import { readDeviceFile, withFileDevice } from '../../web/lib/device-file.ts';
import { defaultWorkspace } from '../../web/lib/builtins.ts';
import { combine } from '../../web/lib/workspace.ts';
import { cryoInProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-devfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('device preset files', () => {
  it('reads what cryo calibrate writes, and the bench runs that device', async () => {
    const out = join(dir, 'calibrated.json');
    const r = await cryoInProcess(['calibrate', 'iceseed-17g', 'scenarios/measurements/shah-2016-17g-gel.csv', '--spacing-mm', '1', '--max-evals', '3', '--out', out, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const text = readFileSync(out, 'utf8');
    const written = JSON.parse(text);
    const read = readDeviceFile(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.device.label).toBe(written.label);
    expect(read.device.surface).toEqual(written.surface);
    expect(read.device.baseDevice).toBe('iceseed-17g');
    expect(read.device.fit).toMatch(/RMS residual [\d.]+ mm/);
    const setup = { ...defaultBenchSetup(), device: FILE_DEVICE, fileDevice: read.device };
    expect(benchProblems(setup)).toEqual([]);
    const v = validateScenario(benchScenario(setup));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.scenario.probes[0].surface).toMatchObject(written.surface);
    expect(v.scenario.probes[0].diameter_mm).toBe(written.diameter_mm);
    expect(v.scenario.probes[0].active_length_mm).toBe(written.active_length_mm);
    // every probe of a protocol becomes the file's device, each keeping its place
    const ws = defaultWorkspace(0.5);
    const entry = ws.protocols.find((p) => p.id === 'tinnirello-2025') ?? ws.protocols[0];
    const before = combine(ws.anatomy, entry.procedure, ws.adjuncts);
    const after = combine(ws.anatomy, withFileDevice(entry.procedure, read.device), ws.adjuncts);
    expect(after.name).toContain(written.label);
    expect(after.probes.map((p) => p.tip_mm)).toEqual(before.probes.map((p) => p.tip_mm));
    for (const p of after.probes) expect(p).toMatchObject({ surface: written.surface, diameter_mm: written.diameter_mm, active_length_mm: written.active_length_mm });
    expect(validateScenario(after).ok).toBe(true);
    // without the file, FILE_DEVICE is a problem named on the device field
    expect(benchProblems({ ...setup, fileDevice: null }).map((p) => p.field)).toEqual(['device']);
  });

  it('refuses what is not a device preset, saying why', () => {
    const scenario = JSON.stringify(Object.values(BUILTIN_SCENARIOS)[0]);
    expect(readDeviceFile(scenario)).toMatchObject({ ok: false, reason: expect.stringMatching(/is a scenario, not a device preset/) });
    expect(readDeviceFile('{nope')).toMatchObject({ ok: false, reason: expect.stringMatching(/^is not JSON/) });
    expect(readDeviceFile('[1,2]')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a device preset/) });
    expect(readDeviceFile('{"label": "x", "surface": {"model": "convective", "gas_c": -186, "h_w_m2k": 4000}}')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no diameter_mm, active_length_mm/),
    });
    const bad = readDeviceFile(JSON.stringify({ label: 'x', diameter_mm: -1, active_length_mm: 20, surface: { model: 'convective', gas_c: -186, h_w_m2k: 4000 } }));
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/diameter_mm/) });
    const badSurface = readDeviceFile(JSON.stringify({ label: 'x', diameter_mm: 1.5, active_length_mm: 20, surface: { model: 'convective', gas_c: -186 } }));
    expect(badSurface).toMatchObject({ ok: false, reason: expect.stringMatching(/h_w_m2k/) });
    expect(readDeviceFile('x'.repeat(10), 10 * 2 ** 20)).toMatchObject({ ok: false, reason: expect.stringMatching(/larger than/) });
  });
});
