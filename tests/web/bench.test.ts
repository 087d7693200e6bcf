/**
 * The probe bench's pure functions (web/lib/bench.ts): the bench scenario is a
 * valid CLI file of a device alone in its medium; the table the bench shows
 * equals what `cryo run` computes for that very file (width = 2 × mid_radius_mm
 * and length = length_mm at the asked times, read here independently from the
 * CLI's JSON); problems name their field; the mesh check subtracts the right way.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { benchDifferences, benchGrowth, benchProblems, benchScenario, benchTable, defaultBenchSetup, nearestIndex, parseNumberList } from '../../web/lib/bench.ts';
import { cryoInProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cliResult(file: object, name: string): Promise<Result> {
  const path = join(dir, `${name}.json`);
  const out = join(dir, `${name}.result.json`);
  writeFileSync(path, JSON.stringify(file));
  const r = await cryoInProcess(['run', path, '--out', out, '--quiet']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Result;
}

describe('bench scenario', () => {
  it('is a valid CLI scenario: the device alone on the axis of its medium, no nerve', () => {
    const setup = { ...defaultBenchSetup(), medium: 'saline', mediumC: 22 };
    const v = validateScenario(benchScenario(setup));
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.scenario.nerve).toBeNull();
    expect(v.scenario.vessels).toEqual([]);
    expect(v.scenario.probes).toHaveLength(1);
    expect(v.scenario.probes[0].device).toBe(setup.device);
    expect(v.scenario.tissue.initial_c).toBe(22);
    expect(v.scenario.tissue.perfusion_w_m3k).toBe(0);
    expect(v.scenario.far_field).toEqual({ boundary: 'temperature', temperature_c: 22 });
    expect(v.scenario.protocol).toEqual([expect.objectContaining({ phase: 'freeze', duration_s: setup.freezeS })]);
  });

  it('perfused tissue is perfused', () => {
    const v = validateScenario(benchScenario({ ...defaultBenchSetup(), medium: 'tissue' }));
    expect(v.ok && v.scenario.tissue.perfusion_w_m3k).toBeGreaterThan(0);
  });

  it('bad settings name the field and the fix', () => {
    const p = benchProblems({ ...defaultBenchSetup(), mediumC: -5, timesS: [60, 9999], isothermsC: [10], device: 'nope' });
    expect(p.map((x) => x.field).sort()).toEqual(['device', 'isothermsC', 'mediumC', 'timesS']);
    expect(p.find((x) => x.field === 'timesS')!.message).toMatch(/must not exceed the freeze time/);
    expect(benchProblems(defaultBenchSetup())).toEqual([]);
    expect(parseNumberList('0, −20 -40')).toEqual({ values: [0, -20, -40], bad: null });
    expect(parseNumberList('60, abc').bad).toBe('abc');
  });
});

describe('bench table equals the CLI result for the same scenario', () => {
  it('width = 2 × mid_radius_mm and length = length_mm at each asked time, from `cryo run`', async () => {
    const setup = { ...defaultBenchSetup(), freezeS: 300, spacingMm: 1, timesS: [60, 185, 300], isothermsC: [0, -20, -40] };
    const result = await cliResult(benchScenario(setup), 'bench');
    const table = benchTable(result, setup.timesS, setup.isothermsC);
    expect(table).toHaveLength(3);
    let nonNull = 0;
    for (const row of table) {
      // 185 s is between two 10-s samples: the table says which one it read.
      const i = result.times_s.findIndex((t) => t === row.sampled_s);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(Math.abs(row.sampled_s - row.time_s)).toBeLessThanOrEqual(5);
      for (const cell of row.cells) {
        const series = result.isotherms[String(cell.isotherm_c)];
        const mid = series.mid_radius_mm![i];
        expect(cell.width_mm).toBe(mid === null ? null : mid * 2);
        expect(cell.length_mm).toBe(series.length_mm[i]);
        if (cell.width_mm !== null) nonNull++;
      }
    }
    // A 5-min argon freeze in gel: all three isotherms exist at the end, colder ones smaller.
    expect(nonNull).toBeGreaterThanOrEqual(7);
    const end = table.at(-1)!.cells;
    expect(end[0].width_mm!).toBeGreaterThan(end[1].width_mm!);
    expect(end[1].width_mm!).toBeGreaterThan(end[2].width_mm!);
    expect(end[0].length_mm!).toBeGreaterThan(end[0].width_mm!); // elongated along a 20-mm cold segment
    // growth curves are the same numbers over every sample
    const g = benchGrowth(result, [0]);
    expect(g[0].width_mm.at(-1)).toBe(end[0].width_mm);
    expect(result.probes[0].surface_c.length).toBe(result.times_s.length);
  });

  it('nearest sample and the mesh-check difference (fine − coarse)', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 15)).toBe(1);
    const row = (w: number | null) => [{ time_s: 60, sampled_s: 60, cells: [{ isotherm_c: 0, width_mm: w, length_mm: 10 }] }];
    expect(benchDifferences(row(8), row(8.5))[0]).toMatchObject({ width_diff_mm: 0.5, length_diff_mm: 0 });
    expect(benchDifferences(row(null), row(8))[0].width_diff_mm).toBeNull();
  });
});
