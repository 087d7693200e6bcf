/** Results exports: JSON keeps each engine result with its scenario; CSV has one row per protocol and time. */
import { describe, expect, it } from 'vitest';
import { COMPARISON_RESULTS_SCHEMA, resultsCsv, resultsJson, safeFilename } from '../../web/lib/export.ts';
import { makeResult, scenarioFile } from './fixtures/results.ts';

describe('exports', () => {
  const runs = [
    { id: 'a', scenario: scenarioFile, result: makeResult() },
    { id: 'b, "quoted"', scenario: scenarioFile, result: makeResult() },
  ];

  it('writes JSON with schema, scenarios and results', () => {
    const j = JSON.parse(resultsJson(runs));
    expect(j.schema).toBe(COMPARISON_RESULTS_SCHEMA);
    expect(j.runs[0].result.nerve.coverage['-20'].first_full_s).toBe(120);
  });

  it('writes CSV with units in headers, blanks for missing values, and quoting', () => {
    const lines = resultsCsv(runs).trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['protocol', 'time_s', 'phase']);
    expect(header).toContain('iso_-40c_radius_mm');
    expect(header).toContain('sensor_nerve centre_c');
    expect(lines).toHaveLength(1 + 2 * 4);
    const first = lines[1].split(',');
    expect(first[header.indexOf('iso_-40c_radius_mm')]).toBe('');
    expect(lines[5].startsWith('"b, ""quoted"""')).toBe(true);
  });

  it('carries each run\'s finite bath: a bath_tissue_c column (blank for a run without one) and the result\'s bath[] in JSON', () => {
    const bench = makeResult({ bath: [{ medium: 'tissue', temp_c: [27.2, 24.456, 21, 20.004] }] });
    const withBath = [
      { id: 'bench', scenario: scenarioFile, result: bench },
      { id: 'tissue', scenario: scenarioFile, result: makeResult() },
    ];
    const lines = resultsCsv(withBath).trim().split('\n').map((l) => l.split(','));
    const col = lines[0].indexOf('bath_tissue_c');
    expect(col).toBe(lines[0].length - 1);
    // At 0.01 °C, rounded warmer as every temperature column is (csv-numbers.ts).
    expect(lines.slice(1, 5).map((l) => l[col])).toEqual(['27.2', '24.46', '21', '20.01']);
    expect(lines.slice(5).map((l) => l[col])).toEqual(['', '', '', '']);
    expect(resultsCsv(runs).split('\n')[0]).not.toMatch(/bath_/);
    const j = JSON.parse(resultsJson(withBath));
    expect(j.runs[0].result.bath).toEqual(bench.bath);
    expect(j.runs[1].result.bath).toBeUndefined();
  });

  it('makes safe file names', () => {
    expect(safeFilename('von Falck 2022, 6-4-6 / test')).toBe('von-Falck-2022-6-4-6-test');
    expect(safeFilename('***')).toBe('scenario');
  });
});
