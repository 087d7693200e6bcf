/**
 * Bad measurements and options never crash `cryo calibrate`: exit code 2, one
 * `<file>:<line>: …` (or `--option: …`) line per problem, no stack trace, nothing on stdout.
 * Also: the shipped example files parse, with their medium, temperature and source.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMeasurements } from '../../workers/calibration/measurements.ts';
import { cryoInProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-calibrate-bad-'));
const GOOD = '# medium: gel\ntime_s,isotherm_c,width_mm,length_mm\n600,-40,20,\n';

/** [title, file text, expected message]; each file is named as its message begins. */
const cases: [string, string, RegExp][] = [
  ['a missing column', 'time_s,width_mm\n600,20\n', /missing-column\.csv:1: missing column isotherm_c/m],
  ['an unknown column', 'time_s,isotherm_c,width_mm,depth_mm\n600,-40,20,3\n', /unknown-column\.csv:1: unknown column 'depth_mm'/m],
  ['a non-numeric value', '# medium: gel\ntime_s,isotherm_c,width_mm,length_mm\n600,-40,20,\n900,-40,wide,\n', /non-numeric-value\.csv:4: width_mm: 'wide' is not a number/m],
  ['a negative time', 'time_s,isotherm_c,width_mm\n-60,-40,20\n', /negative-time\.csv:2: time_s: must be > 0/m],
  ['a zero width', 'time_s,isotherm_c,width_mm\n60,-40,0\n', /zero-width\.csv:2: width_mm: must be > 0/m],
  ['a missing value', 'time_s,isotherm_c,width_mm\n60,,20\n', /missing-value\.csv:2: isotherm_c: missing value/m],
  ['too many values', 'time_s,isotherm_c,width_mm\n60,-40,20,5\n', /too-many-values\.csv:2: 4 values but the header has 3 columns/m],
  ['an unknown medium', '# medium: water\ntime_s,isotherm_c,width_mm\n60,-40,20\n', /unknown-medium\.csv:1: medium: 'water' is not one of gel, tissue/m],
  ['no rows', 'time_s,isotherm_c,width_mm\n', /no-rows\.csv:1: no measurement rows/m],
  ['an empty file', '', /empty-file\.csv:1: no header line/m],
];

describe('cryo calibrate rejects bad measurements with exit code 2', () => {
  for (const [title, text, expected] of cases) {
    it(title, async () => {
      const name = `${/^[\w-]+/.exec(expected.source)![0]}.csv`;
      writeFileSync(join(dir, name), text);
      const { code, out, err } = await cryoInProcess(['calibrate', 'icesphere-17g', join(dir, name)]);
      expect(code, err).toBe(2);
      expect(err).toMatch(expected);
      expect(err).not.toMatch(/\n\s+at /);
      expect(out).toBe('');
    });
  }

  it('reports every bad row, each with its line', () => {
    const r = parseMeasurements('m.csv', 'time_s,isotherm_c,width_mm\n-1,-40,20\n60,cold,20\n60,-40,-3\n');
    expect('issues' in r && r.issues.map((i) => i.path)).toEqual(['m.csv:2', 'm.csv:3', 'm.csv:4']);
  });

  const options: [string, string[], RegExp][] = [
    ['an unknown device', ['icecube-9000', 'good.csv'], /^icecube-9000: no such file, and not a built-in scenario.*or name a device: .*icesphere-17g/m],
    ['a parameter the surface does not have', ['icesphere-17g', 'good.csv', '--fit', 'temperature_c'], /^--fit: 'temperature_c' is not a parameter of a convective probe surface; choose from h_w_m2k, gas_c/m],
    ['an unknown medium option', ['icesphere-17g', 'good.csv', '--medium', 'water'], /^--medium: must be one of gel, tissue/m],
    ['a bad medium temperature', ['icesphere-17g', 'good.csv', '--medium-c', 'warm'], /^--medium-c: must be a temperature/m],
    ['too few evaluations', ['icesphere-17g', 'good.csv', '--max-evals', '1'], /^--max-evals: must be a whole number ≥ 3/m],
    ['a missing measurements file', ['icesphere-17g', 'nope.csv'], /nope\.csv: no such file/m],
  ];
  for (const [title, args, expected] of options) {
    it(`exits 2 for ${title}`, async () => {
      writeFileSync(join(dir, 'good.csv'), GOOD);
      const { code, out, err } = await cryoInProcess(['calibrate', ...args.map((a) => (a.endsWith('.csv') ? join(dir, a) : a))]);
      expect(code, err).toBe(2);
      expect(err).toMatch(expected);
      expect(out).toBe('');
    });
  }
});

describe('shipped example measurements', () => {
  const files: [string, string, number, RegExp][] = [
    ['shah-2016-17g-gel.csv', 'gel', 37, /PMC4850244/],
    ['littrup-2009-2.4mm-agar.csv', 'gel', 39, /PMC2762356/],
    ['littrup-2009-1.7mm-agar.csv', 'gel', 39, /PMC2762356/],
  ];
  for (const [file, medium, mediumC, source] of files) {
    it(`${file} parses with its medium, temperature, source and assumptions`, () => {
      const path = new URL(`../../scenarios/measurements/${file}`, import.meta.url);
      const set = parseMeasurements(file, readFileSync(path, 'utf8'));
      if ('issues' in set) throw new Error(set.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      expect(set.medium).toBe(medium);
      expect(set.mediumC).toBe(mediumC);
      expect(set.source).toMatch(source);
      expect(set.assumptions.length).toBeGreaterThan(0);
      expect(set.rows.length).toBeGreaterThan(0);
    });
  }
});
