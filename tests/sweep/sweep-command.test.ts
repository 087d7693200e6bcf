/**
 * `cryo sweep` end to end on a tiny coarse scenario: every combination runs exactly once,
 * shards are disjoint with identical headers and together cover the grid, an invalid
 * combination is an error row (the sweep goes on), and a bad request exits 2 with a message
 * naming the option.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cryoInProcess } from '../support/cli.ts';
import { csvRecords, dir, readCsv, tinyScenario, writeScenario } from './sweep-fixtures.ts';

const base = writeScenario('base.json', tinyScenario());
const DURATION = 'protocol[0].duration_s';
const H = 'probes[0].surface.h_w_m2k';

describe('cryo sweep', () => {
  it('runs every combination of two varied parameters exactly once, with figures at each freeze end', async () => {
    const out = join(dir, 'two.csv');
    const r = await cryoInProcess(['sweep', base, '--vary', `${DURATION}=20:40:10`, '--vary', `${H}=2000,4000`, '--workers', '2', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/6\/6 runs/);
    const rows = csvRecords(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(6);
    const combos = rows.map((x) => `${x[DURATION]}|${x[H]}`).sort();
    expect(combos).toEqual(['20|2000', '20|4000', '30|2000', '30|4000', '40|2000', '40|4000']);
    expect(rows.map((x) => Number(x.run)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const row of rows) {
      expect(row.error).toBe('');
      for (const col of ['freeze1_iso_0c_radius_mm', 'freeze2_iso_-40c_volume_ml', 'nerve_min_c', 'nerve_-20c_fraction', 'skin_min_c', 'wall_s'])
        expect(Number.isFinite(Number(row[col])) && row[col] !== '', `${col} = '${row[col]}'`).toBe(true);
    }
    // More cooling makes a larger ice ball at the end of the first freeze.
    const radius = (d: string, h: string) => Number(rows.find((x) => x[DURATION] === d && x[H] === h)!.freeze1_iso_0c_radius_mm);
    expect(radius('40', '4000')).toBeGreaterThan(radius('40', '2000'));
    expect(radius('40', '4000')).toBeGreaterThan(radius('20', '4000'));
  });

  it('splits a sweep into shards 1/3, 2/3, 3/3 with identical headers that together hold every run once', async () => {
    const texts: string[] = [];
    for (const i of [1, 2, 3]) {
      const out = join(dir, `shard${i}.csv`);
      const r = await cryoInProcess(['sweep', base, '--vary', `${DURATION}=20,30`, '--vary', `${H}=1000:3000:1000`, '--shard', `${i}/3`, '--workers', '1', '--out', out]);
      expect(r.code, r.err).toBe(0);
      texts.push(readFileSync(out, 'utf8'));
    }
    const headers = texts.map((t) => readCsv(t)[0].join(','));
    expect(new Set(headers).size).toBe(1);
    const runs = texts.flatMap((t) => csvRecords(t).map((x) => `${x.run}:${x[DURATION]}|${x[H]}`));
    expect(runs).toHaveLength(6);
    expect(new Set(runs).size).toBe(6);
    expect(runs.map((x) => Number(x.split(':')[0])).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(csvRecords(texts[1]).map((x) => Number(x.run)).sort()).toEqual([1, 4]); // round-robin: run mod 3 = 1
  });

  it('writes an invalid combination as an error row and runs the others', async () => {
    const r = await cryoInProcess(['sweep', base, '--vary', `${DURATION}=-10,20`, '--workers', '1', '--no-header']);
    expect(r.code, r.err).toBe(0);
    const rows = readCsv(r.out);
    expect(rows).toHaveLength(2); // no header
    const bad = rows.find((x) => x[1] === '-10')!;
    const good = rows.find((x) => x[1] === '20')!;
    expect(bad.at(-1)).toMatch(/^protocol\[0\]\.duration_s: must be a number > 0/);
    expect(good.at(-1)).toBe('');
    expect(good.length).toBe(bad.length);
    expect(r.err).toMatch(/1 with errors/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a range that does not end on its end', ['--vary', `${DURATION}=0:10:3`], /^--vary protocol\[0\]\.duration_s=0:10:3: .*step that divides/m],
    ['an index past the end of a list', ['--vary', 'protocol[7].duration_s=1,2'], /^--vary protocol\[7\]\.duration_s: protocol has 3 entries/m],
    ['a field the scenario does not have', ['--vary', 'tissue.perfusion=1,2'], /^--vary tissue\.perfusion: unknown field/m],
    ['a path to a list, not a number', ['--vary', 'probes[0].tip_mm=1,2'], /vary one number inside it, e.g\. probes\[0\]\.tip_mm\[0\]/],
    ['not a path', ['--vary', 'protocol[0.duration_s=1'], /not a JSON path/],
    ['no combination valid', ['--vary', `${DURATION}=-1,-2`], /^--vary: no combination gives a valid scenario/m],
    ['the same path twice', ['--vary', `${DURATION}=1,2`, '--vary', `${DURATION}=3`], /varied twice/],
    ['a shard outside the range', ['--vary', `${DURATION}=1,2`, '--shard', '4/3'], /^--shard 4\/3: shard index 4 is outside 1–3/m],
    ['zero workers', ['--vary', `${DURATION}=1,2`, '--workers', '0'], /^--workers: must be a whole number ≥ 1/m],
    ['no --vary at all', [], /sweep needs at least one --vary/],
  ];
  for (const [title, args, expected] of bad) {
    it(`exits 2 for ${title}`, async () => {
      const r = await cryoInProcess(['sweep', base, ...args]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(expected);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe('');
    });
  }
});
