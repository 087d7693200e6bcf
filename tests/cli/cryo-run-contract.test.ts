/**
 * `cryo run` writes a `cryo-result/1` that matches the public contract: every
 * field named there, series as long as `times_s`, units by mode (volume_ml in
 * axisymmetric, area_mm2 in planar), CSV tables on request, progress on stderr, and an implicit
 * run's mean step there (not the explicit limit).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../scenarios/schema.ts';
import { cryoInProcess, cryoProcess } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cryo-cli-'));

function expectContract(r: Result, mode: 'axisymmetric' | 'planar') {
  expect(r.schema).toBe('cryo-result/1');
  expect(typeof r.scenario).toBe('string');
  for (const key of ['mode', 'spacing_mm', 'grid', 'dt_s', 'steps', 'cell_updates', 'wall_s', 'mcells_per_s', 'precision']) {
    expect(r.solver).toHaveProperty(key);
  }
  expect(r.solver.mode).toBe(mode);
  expect(r.solver.grid).toHaveLength(3);
  const n = r.times_s.length;
  expect(n).toBeGreaterThan(2);
  expect(r.times_s[0]).toBe(0);
  expect(r.phase).toHaveLength(n);
  for (const [, s] of Object.entries(r.isotherms)) {
    for (const key of ['radius_mm', 'length_mm', 'top_depth_mm', 'bottom_depth_mm'] as const) expect(s[key]).toHaveLength(n);
    if (mode === 'planar') {
      expect(s.area_mm2).toHaveLength(n);
      expect(s.volume_ml).toBeUndefined();
      expect(s.length_mm.every((x) => x === null)).toBe(true);
    } else {
      expect(s.volume_ml).toHaveLength(n);
      expect(s.area_mm2).toBeUndefined();
    }
  }
  for (const values of Object.values(r.sensors)) expect(values).toHaveLength(n);
  for (const p of r.probes) expect(p.surface_c).toHaveLength(n);
  expect(r.skin).toEqual({ min_c: expect.any(Number), min_ice_gap_mm: expect.any(Number), frozen: expect.any(Boolean) });
}

describe('cryo run output', () => {
  it('matches the contract for an axisymmetric built-in, with nerve coverage at −20 and −40 °C', async () => {
    const { code, out, err } = await cryoInProcess(['run', 'yoon-2016', '--spacing-mm', '0.5', '--csv', join(dir, 'csv')]);
    expect(code, err).toBe(0);
    const r = JSON.parse(out) as Result;
    expectContract(r, 'axisymmetric');
    expect(Object.keys(r.isotherms)).toEqual(expect.arrayContaining(['0', '-20', '-40']));
    expect(r.nerve).not.toBeNull();
    expect(r.bath).toBeUndefined();
    for (const level of ['-20', '-40']) {
      const c = r.nerve!.coverage[level];
      expect(c.fraction).toBeGreaterThanOrEqual(0);
      expect(c.fraction).toBeLessThanOrEqual(1);
    }
    expect(err).toMatch(/100%/);
    const csv = readFileSync(join(dir, 'csv', 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^time_s,phase,iso_0c_radius_mm/);
    expect(csv).toHaveLength(r.times_s.length + 1);
    expect(readFileSync(join(dir, 'csv', 'summary.csv'), 'utf8')).toMatch(/skin_min_ice_gap_mm/);
  });

  it('matches the contract in planar mode, written with --out by the real command', () => {
    const scenarioPath = join(dir, 'planar.json');
    writeFileSync(scenarioPath, JSON.stringify({
      schema: 'cryo-scenario/1', name: 'planar check',
      geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [30, 20] },
      tissue: { preset: 'muscle' },
      probes: [{ device: 'argon-1.7mm', tip_mm: [0, 0, 10], direction: [0, 1, 0] }],
      protocol: [{ phase: 'freeze', duration_s: 60 }, { phase: 'passive_thaw', duration_s: 20 }],
      vessels: [{ center_mm: [5, 0, 10], direction: [0, 1, 0], diameter_mm: 2, wall: 'temperature', blood_c: 37 }],
      sensors: [{ name: 'TC1', position_mm: [3, 0, 10] }],
      output: { interval_s: 10, isotherms_c: [0, -40] },
    }));
    const outPath = join(dir, 'planar-result.json');
    const { code, err } = cryoProcess(['run', scenarioPath, '--out', outPath]);
    expect(code, err).toBe(0);
    const r = JSON.parse(readFileSync(outPath, 'utf8')) as Result;
    expectContract(r, 'planar');
    expect(r.times_s.at(-1)).toBe(80);
    expect(r.phase.at(-1)).toBe('passive_thaw');
    expect(r.sensors.TC1.at(-2)!).toBeLessThan(r.sensors.TC1[0]);
  });

  it('reports a finite bath: its series in the JSON and the CSV, its drift on stderr', async () => {
    const scenarioPath = join(dir, 'bath.json');
    writeFileSync(scenarioPath, JSON.stringify({
      schema: 'cryo-scenario/1', name: 'small saline well',
      geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [10, 30] },
      tissue: { preset: 'saline', initial_c: 25, bath_exchange_w_m3k: 4e5, bath_heat_capacity_j_k: 20, bath_room_w_k: 0.1, bath_room_c: 22 },
      far_field: { boundary: 'insulated' },
      probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 20], direction: [0, 0, 1] }],
      protocol: [{ phase: 'freeze', duration_s: 60 }],
      output: { interval_s: 10, isotherms_c: [0] },
    }));
    const { code, out, err } = await cryoInProcess(['run', scenarioPath, '--csv', join(dir, 'bath-csv'), '--quiet']);
    expect(code, err).toBe(0);
    const r = JSON.parse(out) as Result;
    expect(r.bath).toHaveLength(1);
    expect(r.bath![0].medium).toBe('tissue');
    expect(r.bath![0].temp_c).toHaveLength(r.times_s.length);
    const end = r.bath![0].temp_c.at(-1)!;
    expect(end).toBeLessThan(25);
    expect(err).toContain(`cryo: well-mixed bath (tissue): 25.00 → ${end.toFixed(2)} °C over 60 s`);
    const csv = readFileSync(join(dir, 'bath-csv', 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(csv[0].split(',').at(-1)).toBe('bath_tissue_c');
  });

  it('says an implicit run took steps of varying length: their mean, beside the explicit limit', async () => {
    const scenarioPath = join(dir, 'implicit.json');
    writeFileSync(scenarioPath, JSON.stringify({
      schema: 'cryo-scenario/1', name: 'implicit steps',
      geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [15, 30] },
      tissue: { preset: 'muscle' },
      probes: [{ device: 'argon-1.7mm', tip_mm: [0, 0, 20], direction: [0, 0, 1] }],
      protocol: [{ phase: 'freeze', duration_s: 300 }],
      output: { interval_s: 60, isotherms_c: [0, -40] },
      solver: { integrator: 'implicit' },
    }));
    const { code, out, err } = await cryoInProcess(['run', scenarioPath]);
    expect(code, err).toBe(0);
    const r = JSON.parse(out) as Result;
    expect(r.solver.integrator).toBe('implicit');
    const mean = r.solver.mean_dt_s!;
    expect(mean).toBeGreaterThan(r.solver.dt_s);
    expect(err).toContain(`cryo: ${r.solver.steps} implicit steps of ${mean.toPrecision(3)} s on average (explicit limit ${r.solver.dt_s.toPrecision(3)} s)`);
  });
});

describe('cryo compare', () => {
  it('runs every protocol of a comparison set on the same anatomy', async () => {
    const setPath = join(dir, 'set.json');
    writeFileSync(setPath, JSON.stringify({
      schema: 'cryo-comparison/1', name: 'two protocols',
      anatomy: {
        geometry: { mode: 'axisymmetric', spacing_mm: 1, size_mm: [20, 40] },
        nerve: { center_mm: [4, 0, 20], direction: [0, 1, 0], diameter_mm: 3 },
        probe_tip_depth_mm: 24,
      },
      protocols: ['yoon-2016', 'calixte-2019'],
    }));
    const { code, out, err } = await cryoInProcess(['compare', setPath, '--quiet']);
    expect(code, err).toBe(0);
    const doc = JSON.parse(out) as { schema: string; results: { id: string; result: Result }[] };
    expect(doc.schema).toBe('cryo-comparison-result/1');
    expect(doc.results.map((r) => r.id)).toEqual(['yoon-2016', 'calixte-2019']);
    for (const { result } of doc.results) {
      expectContract(result, 'axisymmetric');
      expect(result.solver.grid).toEqual([20, 40, 1]);
    }
    expect(err).toMatch(/yoon-2016 .*\n.*calixte-2019/);
  });
});
