/**
 * Calibration in the probe bench (web/lib/calibration-setup.ts, workers/calibration/calibration-job.ts):
 * the job the bench's worker runs writes the same preset file as `cryo calibrate --out` for the
 * same inputs; a thermocouple log is run against the scenario its header names and gives curves
 * before and after and a preset the bench reads back; bad files name their line; the parameters
 * offered are the ones the scenario can take.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultBenchSetup } from '../../web/lib/bench.ts';
import { benchDevice, boundProblems, chosenSizeParameters, logFitSpecs, logParameters, logScenario, readCalibrationFile, sizeParameters, sizesMedium } from '../../web/lib/calibration-setup.ts';
import { readDeviceFile } from '../../web/lib/device-file.ts';
import { runCalibrationJob } from '../../workers/calibration/calibration-job.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { cryoInProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-benchcal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SIZES = 'scenarios/measurements/shah-2016-17g-gel.csv';
const LOG = 'scenarios/measurements/sarshoghi-2026/pbs-n1-cycle1.log.csv';

describe('reading calibration files', () => {
  it('tells a size file from a log, and names the file and line of a bad row', () => {
    const sizes = readCalibrationFile('shah.csv', readFileSync(SIZES, 'utf8'));
    expect('kind' in sizes && sizes.kind).toBe('sizes');
    const log = readCalibrationFile('n1.csv', readFileSync(LOG, 'utf8'));
    expect('kind' in log && log.kind).toBe('log');
    const bad = readCalibrationFile('bad.csv', 'time_s,isotherm_c,width_mm\n600,-40,20\n600,-20,wide\n');
    expect('issues' in bad && bad.issues[0]).toEqual({ path: 'bad.csv:3', message: "width_mm: 'wide' is not a number" });
    const badLog = readCalibrationFile('bad.log.csv', 'time_s,sensor,distance_mm,temperature_c\n0,tc,2,20\n1,tc,2,nan\n');
    expect('issues' in badLog && badLog.issues[0].path).toBe('bad.log.csv:3');
    expect('issues' in readCalibrationFile('empty.csv', '  \n')).toBe(true);
  });
});

describe('isotherm sizes', () => {
  it('the bench job writes the file cryo calibrate --out writes', async () => {
    const out = join(dir, 'cli.json');
    const cli = await cryoInProcess(['calibrate', 'iceseed-17g', SIZES, '--spacing-mm', '1', '--max-evals', '4', '--out', out, '--quiet']);
    expect(cli.code, cli.err).toBe(0);
    const setup = { ...defaultBenchSetup(), device: 'iceseed-17g' };
    const device = benchDevice(setup)!;
    const file = readCalibrationFile(SIZES, readFileSync(SIZES, 'utf8'));
    if (!('kind' in file) || file.kind !== 'sizes') throw new Error('not a size file');
    const medium = sizesMedium(file.measurements, setup);
    expect(medium).toEqual({ medium: 'gel', mediumC: 37, fromFile: true });
    const choices = sizeParameters(device);
    expect(choices.filter((c) => c.on).map((c) => c.name)).toEqual(['h_w_m2k']);
    const progress: number[] = [];
    const reply = runCalibrationJob(
      { kind: 'sizes', fileName: SIZES, text: file.text, device, ...medium, spacingMm: 1, params: chosenSizeParameters(device, choices), maxEvals: 4 },
      loadKernels(),
      (p) => progress.push(p.count),
    );
    if (!reply.ok || reply.outcome.kind !== 'sizes') throw new Error(JSON.stringify(reply));
    const strip = (f: Record<string, unknown>) => ({ ...f, calibration: { ...(f.calibration as object), wall_s: 0 } });
    expect(strip(reply.outcome.file)).toEqual(strip(JSON.parse(readFileSync(out, 'utf8'))));
    expect(progress.length).toBeGreaterThan(1);
    expect(readDeviceFile(JSON.stringify(reply.outcome.file)).ok).toBe(true);
  });

  it('bounds outside the CLI limits or upside down are refused by name', () => {
    const limits = sizeParameters(benchDevice(defaultBenchSetup())!);
    const h = limits.find((c) => c.name === 'h_w_m2k')!;
    expect(boundProblems([{ ...h, min: 10 }], limits).h_w_m2k).toMatch(/within 50/);
    expect(boundProblems([{ ...h, min: 900, max: 800 }], limits).h_w_m2k).toMatch(/below the upper/);
    expect(boundProblems([{ ...h, min: 500, max: 5000 }], limits)).toEqual({});
  });
});

describe('thermocouple logs', () => {
  it('run against the scenario the log names, with curves and a preset before and after', () => {
    const setup = defaultBenchSetup();
    const file = readCalibrationFile('pbs-n1-cycle1.log.csv', readFileSync(LOG, 'utf8'));
    if (!('kind' in file) || file.kind !== 'log') throw new Error('not a log');
    const scenario = logScenario(file.log, setup);
    expect(scenario.named).toBe(true);
    expect(scenario.name).toBe('sarshoghi-icesphere-pbs-n1.json');
    const base = { kind: 'log' as const, fileName: file.name, text: file.text, scenario: scenario.file, spacingMm: 1, maxEvals: 3 };
    const choices = logParameters(base);
    expect(choices.map((c) => c.name)).toContain('offset');
    expect(choices.map((c) => c.name)).not.toContain('h');
    const reply = runCalibrationJob({ ...base, fit: logFitSpecs(choices.map((c) => ({ ...c, on: c.name === 'offset' }))) }, loadKernels());
    if (!reply.ok || reply.outcome.kind !== 'log') throw new Error(JSON.stringify(reply));
    const { curves, baths, file: preset, fitted } = reply.outcome;
    expect(curves.map((c) => c.name)).toEqual(['tc_1.8mm', 'tc_2.8mm', 'tc_4.8mm', 'tc_6.8mm']);
    // The saline bench's finite bath, before and after, over the scored span (to the freeze end, 368 s, on 5 s outputs).
    expect(baths.map((b) => b.medium)).toEqual(['tissue']);
    const lastReadingS = Math.max(...curves.map((c) => c.times_s.at(-1)!));
    for (const side of [baths[0].before, baths[0].after]) {
      expect(side.temp_c).toHaveLength(side.times_s.length);
      expect(side.times_s[0]).toBe(0);
      expect(side.times_s.at(-1)!).toBeGreaterThanOrEqual(lastReadingS);
      expect(side.times_s.at(-2)!).toBeLessThan(lastReadingS);
      expect(side.temp_c[0]).toBe(27.2);
      // The ice draws heat from the 196 J/K bath: kelvins, not hundredths, over the freeze.
      expect(side.temp_c.at(-1)!).toBeLessThan(25);
    }
    for (const c of curves) expect(new Set([c.times_s.length, c.measured.length, c.before.length, c.after.length]).size).toBe(1);
    expect(Math.max(...curves.map((c) => c.rmseAfterC))).toBeLessThanOrEqual(Math.max(...curves.map((c) => c.rmseBeforeC)) + 1e-9);
    expect(fitted[0].label).toBe('offset');
    // The preset carries the fitted offset to four significant digits, as the size presets do.
    expect((preset as any).surface.offset_c).toBe(Number(fitted[0].value.toPrecision(4)));
    const read = readDeviceFile(JSON.stringify(preset));
    expect(read.ok && read.device.fit).toMatch(/thermocouple log, worst RMSE [\d.]+ °C/);
  });

  it('against the bench, offers the device surface (h, gas) and not a trace offset', () => {
    const setup = defaultBenchSetup();
    const text = 'time_s,sensor,distance_mm,temperature_c\n0,tc_5mm,5,37\n60,tc_5mm,5,20\n';
    const file = readCalibrationFile('own.csv', text);
    if (!('kind' in file) || file.kind !== 'log') throw new Error('not a log');
    const scenario = logScenario(file.log, setup);
    expect(scenario.named).toBe(false);
    const names = logParameters({ kind: 'log', fileName: 'own.csv', text, scenario: scenario.file, maxEvals: 3 }).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['h', 'gas', 'k_medium']));
    expect(names).not.toContain('offset');
  });
});
