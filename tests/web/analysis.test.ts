/**
 * The numbers behind the charts and the verdict: depth spans at the chosen time,
 * the verdict rules against margins, and the sensors the workbench adds.
 */
import { describe, expect, it } from 'vitest';
import { derivedSensors, fmtDuration, indexAtTime, isothermKey, lastFreezeEnd_s, phaseIntervals, verdict, withChartOutputs, zoneColumns, zoneSpans } from '../../web/lib/analysis.ts';
import { makeResult, makeRun, scenarioFile } from './fixtures/results.ts';

describe('zone spans', () => {
  const r = makeResult();
  const proto = { protocol: [{ phase: 'freeze' as const, duration_s: 120, power: 1 }, { phase: 'passive_thaw' as const, duration_s: 60 }] };

  it('reads the last output time at "end"', () => {
    const s = zoneSpans(r, proto, { mode: 'end' }, [-40, 0]);
    expect(s[0]).toMatchObject({ threshold_c: -40, top_mm: null, bottom_mm: null, time_s: 180 });
    expect(s[1]).toMatchObject({ threshold_c: 0, top_mm: 7, bottom_mm: 31, radius_mm: 7 });
  });

  it('reads the end of the last freeze, a chosen time, and the largest extent', () => {
    expect(zoneSpans(r, proto, { mode: 'last-freeze' }, [-40])[0]).toMatchObject({ top_mm: 11, bottom_mm: 26, time_s: 120 });
    expect(zoneSpans(r, proto, { mode: 'time', time_s: 90 }, [-20])[0]).toMatchObject({ top_mm: 10, time_s: 60 });
    expect(zoneSpans(r, proto, { mode: 'max' }, [0])[0]).toMatchObject({ top_mm: 6, bottom_mm: 32, radius_mm: 8, time_s: null });
  });

  it('uses the engine envelope for the largest extent when the result has one', () => {
    const withEnv = makeResult({ envelope: { '0': { radius_mm: 9, length_mm: 20, top_depth_mm: 5, bottom_depth_mm: 33 } } });
    expect(zoneSpans(withEnv, proto, { mode: 'max' }, [0])[0]).toMatchObject({ top_mm: 5, bottom_mm: 33, radius_mm: 9 });
  });

  it('reports missing isotherms as empty, not zero', () => {
    expect(zoneSpans(r, proto, { mode: 'end' }, [-60])[0]).toMatchObject({ top_mm: null, bottom_mm: null });
  });

  it('makes one column per run with a result', () => {
    const cols = zoneColumns([makeRun('a'), makeRun('b', { result: null, error: { message: 'x', issues: [] } }), makeRun('c')], { mode: 'end' });
    expect(cols.map((c) => c.id)).toEqual(['a', 'c']);
    expect(cols[0].zones.map((z) => z.threshold_c)).toEqual([-40, -20, 0]);
    expect(cols[0].probe_tip_mm).toBe(25);
  });
});

describe('time helpers', () => {
  it('finds indices and phase boundaries', () => {
    expect(indexAtTime([0, 10, 20], 15)).toBe(1);
    expect(indexAtTime([0, 10, 20], 99)).toBe(2);
    expect(lastFreezeEnd_s({ protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }, { phase: 'passive_thaw', duration_s: 30 }, { phase: 'freeze', duration_s: 60, power: 1 }, { phase: 'passive_thaw', duration_s: 30 }] })).toBe(150);
    expect(phaseIntervals([{ phase: 'freeze', duration_s: 60 }, { phase: 'passive_thaw', duration_s: 30 }])).toEqual([
      { phase: 'freeze', start_s: 0, end_s: 60 },
      { phase: 'passive_thaw', start_s: 60, end_s: 90 },
    ]);
    expect(isothermKey({ '-40': 1 }, -40)).toBe('-40');
    expect(fmtDuration(360)).toBe('6 min');
    expect(fmtDuration(45)).toBe('45 s');
    expect(fmtDuration(179.6)).toBe('3 min');
    expect(fmtDuration(150)).toBe('2 min 30 s');
    expect(fmtDuration(null)).toBe('—');
  });
});

describe('verdict', () => {
  it('passes when the nerve reaches the target and ice keeps the margin', () => {
    const v = verdict(makeRun('a'), { skin_margin_mm: 5, nerve_target_c: -20, skin_limit_c: 0 })!;
    expect(v.pass).toBe(true);
    expect(v).toMatchObject({ lethal_full_s: null, lethal_fraction: 0.6, block_fraction: 1, block_full_s: 120, skin_min_c: 12.5, ice_gap_mm: 6 });
  });

  it('fails with reasons for the lethal target and a larger margin', () => {
    const v = verdict(makeRun('a'), { skin_margin_mm: 10, nerve_target_c: -40, skin_limit_c: 0 })!;
    expect(v.pass).toBe(false);
    expect(v.reasons.join(' | ')).toMatch(/nerve only 60 %/);
    expect(v.reasons.join(' | ')).toMatch(/ice 6.0 mm from skin \(< 10 mm\)/);
  });

  it('fails when the skin gets too cold, and has no row without a result', () => {
    const run = makeRun('a', { result: makeResult({ skin: { min_c: -3, min_ice_gap_mm: 0, frozen: true } }) });
    expect(verdict(run, { skin_margin_mm: 5, nerve_target_c: -20, skin_limit_c: 0 })!.reasons.some((r) => r.includes('skin reached −3.0'))).toBe(true);
    expect(verdict(makeRun('b', { result: null }), { skin_margin_mm: 5, nerve_target_c: -20, skin_limit_c: 0 })).toBeNull();
  });
});

describe('derived sensors', () => {
  it('puts nerve-edge points along the line from the probe axis, in the nerve cross-section', () => {
    const s = Object.fromEntries(derivedSensors(scenarioFile).map((x) => [x.name, x.position_mm]));
    expect(s['nerve centre']).toEqual([4, 0, 20]);
    expect(s['nerve edge nearest probe']).toEqual([2.5, 0, 20]);
    expect(s['nerve edge farthest from probe']).toEqual([5.5, 0, 20]);
    const skin = s['skin above probe'];
    expect(skin[2]).toBe(0);
    expect(skin[0]).toBeCloseTo(1.47 / 2 + 0.5);
  });

  it('handles a 3D probe passing beside a nerve', () => {
    const file = {
      ...scenarioFile,
      geometry: { mode: '3d' as const, spacing_mm: 0.5, size_mm: [40, 40, 40] },
      probes: [{ tip_mm: [0, 0, 20] as [number, number, number], direction: [0, 0, 1] as [number, number, number], diameter_mm: 1.5 }],
      nerve: { center_mm: [0, 3, 15] as [number, number, number], direction: [1, 0, 0] as [number, number, number], diameter_mm: 2 },
    };
    const s = Object.fromEntries(derivedSensors(file).map((x) => [x.name, x.position_mm]));
    expect(s['nerve edge nearest probe']).toEqual([0, 2, 15]);
    expect(s['nerve edge farthest from probe']).toEqual([0, 4, 15]);
  });

  it('adds sensors and standard isotherms without touching the original', () => {
    const out = withChartOutputs({ ...scenarioFile, output: { isotherms_c: [-10] } });
    expect(out.sensors!.map((s) => s.name)).toContain('nerve centre');
    expect(out.output!.isotherms_c).toEqual([0, -10, -20, -40]);
    expect(scenarioFile.sensors).toBeUndefined();
    const again = withChartOutputs(out);
    expect(again.sensors!.length).toBe(out.sensors!.length);
  });
});
