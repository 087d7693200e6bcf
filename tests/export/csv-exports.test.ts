/**
 * Exported tables: numbers at the precision of their unit (no 17-digit doubles), rounded so a
 * threshold is never claimed by rounding, the CLI's CSV columns unchanged, and the verdict
 * summary (one row per protocol) agreeing with the results it was made from.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { Result } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { bathColumn, resultSummaryCsv, resultTimeseriesCsv } from '../../workers/engine/result-csv.ts';
import { readFileSync } from 'node:fs';
import { csvNumber, kindOfColumn } from '../../workers/export/csv-numbers.ts';
import { VERDICT_COLUMNS, verdictSummaryCsv } from '../../workers/export/verdict-csv.ts';
import { resultsCsv, verdictCsv } from '../../web/lib/export.ts';
import { simulate } from '../support/simulate.ts';
import { makeResult, scenarioFile } from '../web/fixtures/results.ts';

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

const decimals = (s: string) => (s.includes('.') ? s.split('.')[1].length : 0);

describe('csvNumber', () => {
  it('knows the unit of a column from its name', () => {
    expect(kindOfColumn('iso_-20c_radius_mm')).toBe('length_mm');
    expect(kindOfColumn('iso_0c_area_mm2')).toBe('area_mm2');
    expect(kindOfColumn('iso_0c_volume_ml')).toBe('volume_ml');
    expect(kindOfColumn('sensor_TC1_c')).toBe('temperature_c');
    expect(kindOfColumn('probe0_surface_c')).toBe('temperature_c');
    expect(kindOfColumn('time_s')).toBe('time_s');
    expect(kindOfColumn('nerve_fraction_at_or_below_-20c')).toBe('fraction');
    expect(kindOfColumn('dt_s')).toBe('general');
  });

  it('writes temperatures to 0.01 °C rounded up, so no rounded value crosses a cold threshold', () => {
    expect(csvNumber(-19.996, 'temperature_c')).toBe('-19.99');
    expect(csvNumber(-20, 'temperature_c')).toBe('-20');
    expect(csvNumber(-40.0049, 'temperature_c')).toBe('-40');
    expect(csvNumber(36.99999999999997, 'temperature_c')).toBe('37');
    expect(csvNumber(-0.001, 'temperature_c')).toBe('0');
  });

  it('writes shares rounded down, so partial coverage never reads as full', () => {
    expect(csvNumber(0.99996, 'fraction')).toBe('0.9999');
    expect(csvNumber(99.96, 'percent')).toBe('99.9');
    expect(csvNumber(1, 'fraction')).toBe('1');
  });

  it('writes lengths to 0.01 mm, volumes to 0.001 mL, blanks for missing values', () => {
    expect(csvNumber(12.345678901234567, 'length_mm')).toBe('12.35');
    expect(csvNumber(0.285, 'length_mm')).toBe('0.29');
    expect(csvNumber(1.23456, 'volume_ml')).toBe('1.235');
    expect(csvNumber(null, 'length_mm')).toBe('');
    expect(csvNumber(NaN, 'length_mm')).toBe('');
    expect(csvNumber(0.0123456789, 'general')).toBe('0.0123457');
  });
});

describe('result CSVs of a real run', () => {
  const r = validateScenario({ ...BUILTIN_SCENARIOS['yoon-2016'], geometry: { ...BUILTIN_SCENARIOS['yoon-2016'].geometry, spacing_mm: 1 } });
  if (!r.ok) throw new Error('invalid');
  const result = simulate(r.scenario);

  it('the CLI time series keeps its columns, one row per output, with no cell past its unit\'s precision', () => {
    const lines = resultTimeseriesCsv(result).trim().split('\n');
    const header = cells(lines[0]);
    expect(header.slice(0, 3)).toEqual(['time_s', 'phase', 'iso_0c_radius_mm']);
    expect(header).toContain('probe0_surface_c');
    expect(lines).toHaveLength(result.times_s.length + 1);
    let checked = 0;
    for (const line of lines.slice(1)) {
      cells(line).forEach((c, i) => {
        if (c === '' || i === 1) return;
        const kind = kindOfColumn(header[i]);
        const max = kind === 'volume_ml' ? 3 : kind === 'time_s' ? 3 : 2;
        expect(decimals(c), `${header[i]} = ${c}`).toBeLessThanOrEqual(max);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
    // The values are the result's, rounded: the last probe temperature within 0.01 °C.
    const last = cells(lines.at(-1)!);
    const probe = Number(last[header.indexOf('probe0_surface_c')]);
    expect(Math.abs(probe - result.probes[0].surface_c.at(-1)!)).toBeLessThan(0.01 + 1e-12);
  });

  it('the CLI summary keeps its rows and rounds its values', () => {
    const rows = resultSummaryCsv(result).trim().split('\n').map(cells);
    const get = (k: string) => rows.find((x) => x[0] === k)?.[1];
    expect(rows[0]).toEqual(['quantity', 'value']);
    expect(Number(get('nerve_min_c'))).toBeCloseTo(result.nerve!.min_c, 1);
    expect(decimals(get('nerve_min_c')!)).toBeLessThanOrEqual(2);
    expect(get('skin_frozen')).toBe(String(result.skin.frozen));
  });

  it('the verdict summary has one row per protocol, its figures equal to the result\'s at the stated precision', () => {
    const text = verdictSummaryCsv([
      { id: 'yoon-2016', result, scenario: r.scenario },
      { id: 'same, as the file', result, scenario: BUILTIN_SCENARIOS['yoon-2016'] },
    ]);
    const lines = text.trim().split('\n').map(cells);
    expect(lines[0]).toEqual([...VERDICT_COLUMNS]);
    expect(lines).toHaveLength(3);
    const row = Object.fromEntries(lines[1].map((v, i) => [lines[0][i], v]));
    expect(row.protocol).toBe('yoon-2016');
    expect(row.scenario_name).toBe(result.scenario);
    expect(Number(row.nerve_min_c)).toBeGreaterThanOrEqual(result.nerve!.min_c);
    expect(Number(row.nerve_min_c) - result.nerve!.min_c).toBeLessThan(0.01);
    const c20 = 100 * result.nerve!.coverage['-20'].fraction;
    expect(Number(row['nerve_coverage_at_or_below_-20c_pct'])).toBeLessThanOrEqual(c20);
    expect(c20 - Number(row['nerve_coverage_at_or_below_-20c_pct'])).toBeLessThan(0.1);
    expect(row.spacing_mm).toBe('1');
    expect(row.geometry_mode).toBe('axisymmetric');
    expect(row.grid_cells).toBe(`${result.solver.grid[0]}x${result.solver.grid[1]}`);
    expect(row.precision).toBe(result.solver.precision);
    expect(Number(row.nerve_depth_mm)).toBe(r.scenario.nerve!.center_mm[2]);
    expect(Number(row.probe_tip_depth_mm)).toBe(r.scenario.probes[0].tip_mm[2]);
    expect(Number(row.protocol_duration_s)).toBe(r.scenario.protocol.reduce((t, p) => t + p.duration_s, 0));
    expect(row.skin_boundary).toMatch(/°C/);
    // The file as written (defaults left out) gives the same row apart from its id.
    expect(lines[2].slice(1)).toEqual(lines[1].slice(1));
  }, 60_000);
});

describe('finite-bath temperature in the CSVs', () => {
  it('names a bath\'s column for its medium', () => {
    expect(bathColumn('tissue')).toBe('bath_tissue_c');
    expect(bathColumn('layers[1].tissue')).toBe('bath_layers1_c');
    expect(kindOfColumn(bathColumn('layers[1].tissue'))).toBe('temperature_c');
  });

  it('the CLI time series of the saline bench carries the bath, one value per output, at 0.01 °C', () => {
    const f = JSON.parse(readFileSync(new URL('../../scenarios/experiments/sarshoghi-icesphere-pbs-n1.json', import.meta.url), 'utf8'));
    const v = validateScenario({ ...f, geometry: { ...f.geometry, spacing_mm: 1 }, protocol: [{ phase: 'freeze', duration_s: 60 }] });
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const bench = simulate(v.scenario);
    const lines = resultTimeseriesCsv(bench).trim().split('\n').map(cells);
    const col = lines[0].indexOf('bath_tissue_c');
    expect(col).toBeGreaterThan(0);
    const values = lines.slice(1).map((l) => Number(l[col]));
    expect(values).toHaveLength(bench.times_s.length);
    values.forEach((x, i) => expect(Math.abs(x - bench.bath![0].temp_c[i])).toBeLessThan(0.01 + 1e-12));
    // The ice draws heat from the 196 J/K bath: it has cooled from 27.2 °C within the minute.
    expect(values[0]).toBe(27.2);
    expect(values.at(-1)!).toBeLessThan(27.1);
  });

  it('a run without a finite bath has no bath column', () => {
    expect(resultTimeseriesCsv(makeResult())).not.toContain('bath_');
  });
});

describe('workbench CSV exports', () => {
  it('the long-format results CSV has a bath column, blank for a run without one', () => {
    const withBath = makeResult({ bath: [{ medium: 'tissue', temp_c: [27.2, 26.512345, 25.9, 25.5] }] });
    const lines = resultsCsv([
      { id: 'bench', scenario: scenarioFile, result: withBath },
      { id: 'held', scenario: scenarioFile, result: makeResult() },
    ]).trim().split('\n').map(cells);
    const col = lines[0].indexOf('bath_tissue_c');
    expect(col).toBeGreaterThan(0);
    expect(lines.slice(1).map((l) => l[col])).toEqual(['27.2', '26.52', '25.9', '25.5', '', '', '', '']);
  });

  it('the long-format results CSV rounds each column by its unit', () => {
    const res = makeResult({ sensors: { TC1: [37.000000000000014, -10.123456, -30.5, -5] } });
    const lines = resultsCsv([{ id: 'a', scenario: scenarioFile, result: res }]).trim().split('\n').map(cells);
    const col = lines[0].indexOf('sensor_TC1_c');
    expect(lines.slice(1).map((l) => l[col])).toEqual(['37', '-10.12', '-30.5', '-5']);
  });

  it('the verdict CSV says when there is no nerve and no ice (blank cells), with warnings by code', () => {
    const res = makeResult({ nerve: null, skin: { min_c: 30, min_ice_gap_mm: null, frozen: false }, warnings: [{ code: 'ice_near_boundary', message: 'x' }] });
    const lines = verdictCsv([{ id: 'bench', scenario: { ...scenarioFile, nerve: undefined }, result: res }]).trim().split('\n').map(cells);
    const row = Object.fromEntries(lines[1].map((v, i) => [lines[0][i], v]));
    expect(row.nerve_min_c).toBe('');
    expect(row['nerve_coverage_at_or_below_-40c_pct']).toBe('');
    expect(row.skin_min_ice_gap_mm).toBe('');
    expect(row.nerve_depth_mm).toBe('');
    expect(row.warnings).toBe('ice_near_boundary');
  });
});

describe('cryo compare --csv and cryo run --csv', () => {
  it('compare writes the verdict summary, one row per protocol, matching its JSON results', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { cryoInProcess } = await import('../support/cli.ts');
    const dir = mkdtempSync(join(tmpdir(), 'cryo-verdict-'));
    try {
      const set = {
        schema: 'cryo-comparison/1',
        name: 'two protocols',
        anatomy: { geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [30, 60] }, nerve: { center_mm: [2.5, 0, 20], direction: [0, 1, 0], diameter_mm: 3 } },
        protocols: ['yoon-2016', 'calixte-2019'],
      };
      writeFileSync(join(dir, 'set.json'), JSON.stringify(set));
      const r = await cryoInProcess(['compare', join(dir, 'set.json'), '--csv', join(dir, 'verdict.csv'), '--workers', '1', '--quiet']);
      expect(r.code, r.err).toBe(0);
      const results = JSON.parse(r.out).results as { id: string; result: Result }[];
      const lines = readFileSync(join(dir, 'verdict.csv'), 'utf8').trim().split('\n').map(cells);
      expect(lines[0]).toEqual([...VERDICT_COLUMNS]);
      expect(lines.slice(1).map((l) => l[0])).toEqual(['yoon-2016', 'calixte-2019']);
      lines.slice(1).forEach((l, i) => {
        const row = Object.fromEntries(l.map((v, k) => [lines[0][k], v]));
        expect(Math.abs(Number(row.nerve_min_c) - results[i].result.nerve!.min_c)).toBeLessThan(0.01);
        expect(row.nerve_depth_mm).not.toBe('');
      });

      const run = await cryoInProcess(['run', 'yoon-2016', '--spacing-mm', '1', '--csv', join(dir, 'csv'), '--quiet']);
      expect(run.code, run.err).toBe(0);
      const v = readFileSync(join(dir, 'csv', 'verdict.csv'), 'utf8').trim().split('\n').map(cells);
      expect(v).toHaveLength(2);
      expect(v[1][0]).toBe('yoon-2016');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
