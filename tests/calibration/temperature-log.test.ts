/**
 * Temperature logs for `cryo calibrate`: the shipped logs parse; bad logs (unsorted times,
 * NaN, wrong columns, empty, a million rows, a sensor that moves) are refused with
 * `<file>:<line>: …` and exit code 2, never a crash or a hang; bad options likewise.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemperatureLog, isTemperatureLog, MAX_LOG_ROWS } from '../../workers/calibration/temperature-log.ts';
import { parseParameter } from '../../workers/calibration/scenario-parameters.ts';
import { cryoInProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-log-bad-'));
const HEADER = 'time_s,sensor,distance_mm,temperature_c';
const SCENARIO = 'scenarios/experiments/sarshoghi-icesphere-pbs-n1.json';

/** [title, file text, expected message]; each file is named as its message begins. */
const cases: [string, string, RegExp][] = [
  ['unsorted times', `${HEADER}\n0,tc,2,20\n2,tc,2,10\n1,tc,2,15\n`, /unsorted\.csv:4: time_s: 1 s is not after tc's previous reading \(2 s, line 3\)/m],
  ['a NaN reading', `${HEADER}\n0,tc,2,20\n1,tc,2,NaN\n`, /nan\.csv:3: temperature_c: 'NaN' is not a number \(drop readings/m],
  ['a wrong column', 'time_s,sensor,radius_mm,temperature_c\n0,tc,2,20\n', /wrong-column\.csv:1: unknown column 'radius_mm'.*\n.*wrong-column\.csv:1: missing column distance_mm/m],
  ['a short row', `${HEADER}\n0,tc,2\n`, /short-row\.csv:2: 3 values but the header has 4 columns/m],
  ['only a header', `# scenario: x.json\n${HEADER}\n`, /only-header\.csv:2: no readings after the header/m],
  ['a sensor that moves', `${HEADER}\n0,tc,2,20\n1,tc,3,10\n`, /moves\.csv:3: distance_mm: sensor tc was at 2 mm \(line 2\), here 3 mm/m],
  ['a temperature below absolute zero', `${HEADER}\n0,tc,2,-300\n`, /absolute\.csv:2: temperature_c: must be a temperature in °C above −273\.15/m],
];

describe('cryo calibrate refuses bad temperature logs with exit code 2', () => {
  for (const [title, text, expected] of cases) {
    it(title, async () => {
      const name = `${/^[\w-]+/.exec(expected.source)![0]}.csv`;
      writeFileSync(join(dir, name), text);
      const { code, out, err } = await cryoInProcess(['calibrate', SCENARIO, join(dir, name)]);
      expect(code, err).toBe(2);
      expect(err).toMatch(expected);
      expect(err).not.toMatch(/\n\s+at /);
      expect(out).toBe('');
    });
  }

  it('an empty file is not mistaken for a log and gets the isotherm reader\'s message', async () => {
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(isTemperatureLog('')).toBe(false);
    const { code, err } = await cryoInProcess(['calibrate', 'icesphere-17g', join(dir, 'empty.csv')]);
    expect(code).toBe(2);
    expect(err).toMatch(/empty\.csv:1: no header line/);
  });

  it('an empty log body is reported with its file', () => {
    const r = parseTemperatureLog('e.csv', '# source: nothing\n');
    expect('issues' in r && r.issues[0]).toEqual({ path: 'e.csv:1', message: expect.stringMatching(/no header line; .*time_s,sensor,distance_mm,temperature_c/) });
  });

  it(`a million rows stop at the ${MAX_LOG_ROWS.toLocaleString('en-US')}-reading limit, quickly`, async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i / 100},tc,2,20`);
    writeFileSync(join(dir, 'million.csv'), `${HEADER}\n${rows.join('\n')}\n`);
    const t0 = Date.now();
    const { code, err } = await cryoInProcess(['calibrate', SCENARIO, join(dir, 'million.csv')]);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`million\\.csv:${MAX_LOG_ROWS + 2}: more than 500,000 readings; resample`));
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('lists the problems of many bad rows with their lines, capped', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i},tc,2,hot`);
    const r = parseTemperatureLog('m.csv', `${HEADER}\n${rows.join('\n')}\n`);
    expect('issues' in r && r.issues.length).toBe(20);
    expect('issues' in r && r.issues[0].path).toBe('m.csv:2');
  });

  const options: [string, string[], RegExp][] = [
    ['an unknown parameter name', ['--fit', 'warmth'], /^--fit: 'warmth' needs bounds .* or is not one of the named parameters: offset, bath/m],
    ['bounds the wrong way round', ['--fit', 'bath=10:1'], /^--fit: 'bath=10:1': the lower bound must be below the upper bound/m],
    ['a path that is not in the scenario', ['--fit', 'nerve.diameter_mm=1:3'], /its scenario is not valid .*nerve/m],
    ['a sensor the log does not have', ['--fit', 'offset', '--sensors', 'tc_9mm'], /^--sensors: .* has no sensor 'tc_9mm'; its sensors are tc_1\.8mm, tc_2\.8mm, tc_4\.8mm, tc_6\.8mm/m],
    ['a parameter both shared and per run', ['--fit', 'offset', '--fit-each', 'offset'], /^--fit-each: probes\[0\]\.surface\.offset_c is also in --fit/m],
    ['a medium option, which only isotherm files take', ['--medium', 'gel'], /^--medium: applies to isotherm-size files/m],
  ];
  for (const [title, args, expected] of options) {
    it(`exits 2 for ${title}`, async () => {
      const { code, out, err } = await cryoInProcess(['calibrate', 'scenarios/measurements/sarshoghi-2026/pbs-n1-cycle1.log.csv', ...args]);
      expect(code, err).toBe(2);
      expect(err).toMatch(expected);
      expect(out).toBe('');
    });
  }
});

describe('shipped temperature logs', () => {
  const logs: [string, number, number][] = [
    ['pbs-n1-cycle1.log.csv', 4, 3],
    ['pbs-n2-cycle1.log.csv', 4, 3],
    ['pbs-n3-cycle1.log.csv', 4, 3],
    ['gelma-fig3c.log.csv', 6, 0],
  ];
  for (const [file, sensors, fronts] of logs) {
    it(`${file} parses with its scenario, freeze end, sensors and fronts`, () => {
      const path = `scenarios/measurements/sarshoghi-2026/${file}`;
      const log = parseTemperatureLog(path, readFileSync(path, 'utf8'));
      if ('issues' in log) throw new Error(log.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      expect(log.sensors).toHaveLength(sensors);
      expect(log.fronts).toHaveLength(fronts);
      expect(log.scenario).toMatch(/^\.\.\/\.\.\/experiments\/sarshoghi-icesphere-.*\.json$/);
      expect(log.freezeEndsS).toHaveLength(1);
      expect(log.source).toMatch(/Sarshoghi et al\. 2026/);
      for (const s of log.sensors) expect(s.readings.length).toBeGreaterThan(70);
    });
  }
});

describe('fit parameters', () => {
  it('reads a named parameter with default bounds, a JSON path with bounds, and log scaling for wide positive ranges', () => {
    expect(parseParameter('offset')).toMatchObject({ path: 'probes[0].surface.offset_c', min: -60, max: 60, log: false });
    expect(parseParameter('bath=10:1e5')).toMatchObject({ path: 'tissue.bath_exchange_w_m3k', min: 10, max: 1e5, log: true });
    expect(parseParameter('tissue.k_unfrozen_w_mk=0.5:5')).toMatchObject({ path: 'tissue.k_unfrozen_w_mk', unit: 'W/m/K', log: true });
    expect(parseParameter('geometry.size_mm[0]=10:20')).toMatchObject({ unit: 'mm', log: false });
    expect(parseParameter('tissue.k_unfrozen_w_mk')).toEqual({ error: expect.stringMatching(/needs bounds/) });
  });
});
