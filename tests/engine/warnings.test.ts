/**
 * `result.warnings`: ice within 2 mm of a side or the bottom of the model (each named, in all
 * three modes, and silent when the domain is large enough); a probe's cold segment reaching the
 * skin, from the start or after a reposition; `cryo run` prints them on stderr.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result, Scenario } from '../../scenarios/schema.ts';
import { cryoInProcess } from '../support/cli.ts';
import { minimalAxisymmetric } from '../scenarios/fixtures.ts';
import { freeze, probe, scenario, tissue } from '../support/scenario-builders.ts';
import { simulate } from '../support/simulate.ts';

const run = (over: Partial<Scenario> & Pick<Scenario, 'geometry'>): Result =>
  simulate(scenario({ tissue: tissue({ perfusion_w_m3k: 5000 }), far_field: { boundary: 'temperature', temperature_c: 37 }, protocol: [freeze(120)], ...over }));
const codes = (r: Result) => r.warnings!.map((w) => w.code);
const iceWarning = (r: Result) => r.warnings!.find((w) => w.code === 'ice_near_boundary')?.message ?? '';

describe('ice near a model boundary', () => {
  it('axisymmetric: names the outer radius; silent in a wide domain', () => {
    const narrow = run({ geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [6, 40] }, probes: [probe({ tip_mm: [0, 0, 25], active_length_mm: 10 })] });
    expect(iceWarning(narrow)).toMatch(/outer radius \(r = 6 mm\): (reached|[\d.]+ mm away)/);
    expect(iceWarning(narrow)).not.toMatch(/bottom/);
    const wide = run({ geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [20, 40] }, probes: [probe({ tip_mm: [0, 0, 25], active_length_mm: 10 })] });
    expect(wide.isotherms['0'].radius_mm.at(-1)!).toBeGreaterThan(3);
    expect(codes(wide)).toEqual([]);
  });

  it('the bottom, when the tip sits near it', () => {
    const r = run({ geometry: { mode: 'axisymmetric', spacing_mm: 0.5, size_mm: [20, 30] }, probes: [probe({ tip_mm: [0, 0, 26], active_length_mm: 10 })] });
    expect(iceWarning(r)).toMatch(/bottom \(z = 30 mm\)/);
    expect(iceWarning(r)).not.toMatch(/outer radius/);
  });

  it('planar: the side it is near, not the other', () => {
    const r = run({ geometry: { mode: 'planar', spacing_mm: 0.5, size_mm: [30, 30] }, probes: [probe({ tip_mm: [-12, 0, 12], direction: [0, 1, 0] })] });
    expect(iceWarning(r)).toMatch(/side x = -15 mm/);
    expect(iceWarning(r)).not.toMatch(/x = 15 mm/);
  });

  it('3d: a y side', () => {
    const r = run({ geometry: { mode: '3d', spacing_mm: 1, size_mm: [24, 16, 24] }, probes: [probe({ tip_mm: [0, 5, 15], active_length_mm: 8 })], protocol: [freeze(90)] });
    expect(iceWarning(r)).toMatch(/side y = 8 mm/);
    expect(iceWarning(r)).not.toMatch(/y = -8 mm|x = /);
  });
});

describe('cold segment at the skin', () => {
  const geometry = { mode: 'axisymmetric' as const, spacing_mm: 0.5, size_mm: [20, 40] };
  it('from the start', () => {
    const r = run({ geometry, probes: [probe({ tip_mm: [0, 0, 10], active_length_mm: 10 })], protocol: [freeze(20)] });
    expect(r.warnings!.filter((w) => w.code === 'cold_segment_at_skin').map((w) => w.message)).toEqual([expect.stringMatching(/^probe 1's 10 mm cold segment reaches the skin from the start/)]);
  });

  it('after a reposition, at its time', () => {
    const r = run({
      geometry, probes: [probe({ tip_mm: [0, 0, 20], active_length_mm: 10 })],
      protocol: [freeze(20), { phase: 'reposition', duration_s: 5, probe: 0, tip_mm: [0, 0, 10], pull_back_mm: 10 }, freeze(20)],
    });
    expect(r.warnings!.map((w) => w.message)).toEqual([expect.stringMatching(/reaches the skin after the reposition at 20 s \(tip at depth 10 mm/)]);
  });

  it('not when the segment stays below the skin', () => {
    const r = run({ geometry, probes: [probe({ tip_mm: [0, 0, 10.5], active_length_mm: 10 })], protocol: [freeze(20)] });
    expect(codes(r)).toEqual([]);
  });
});

describe('cryo run', () => {
  it('prints each warning on stderr and keeps it in the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cryo-warn-'));
    const file = join(dir, 's.json');
    const s = minimalAxisymmetric();
    s.geometry.size_mm = [5, 40];
    s.output = { interval_s: 30 };
    writeFileSync(file, JSON.stringify(s));
    const r = await cryoInProcess(['run', file, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^cryo: warning \(ice_near_boundary\): ice came within 2 mm of the model's edge \(outer radius/m);
    expect(JSON.parse(r.out).warnings[0].code).toBe('ice_near_boundary');
  });
});
