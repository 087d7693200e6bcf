/**
 * A nerve a probe touches, or a sensor inside a probe, reads no temperature colder than the probe's surface. Solid cells next
 * to tissue hold ghost values (the tissue profile extended through the surface to the cell
 * centre, for placing isotherm crossings), which overshoot below the surface when it is colder
 * than the tissue; the coldest-over-run field folds them in at every output time, so a nerve
 * point at or inside the probe used to read colder the more often the run wrote outputs. A nerve
 * point just outside a probe mixed a ghost's coldest moment (early, while the film surface is
 * coldest and the tissue still warm) with its tissue neighbours' (at the freeze's end); it is now
 * read without the output times' ghosts.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../../scenarios/builtin.ts';
import type { ScenarioFile } from '../../../scenarios/schema.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { sampleField, type Field } from '../../../workers/engine/analysis/field.ts';
import { simulate } from '../../support/simulate.ts';

/** A built-in at another spacing and output interval. */
function runBuiltin(id: string, spacingMm: number, intervalS: number) {
  const file = structuredClone(BUILTIN_SCENARIOS[id]) as ScenarioFile;
  file.geometry.spacing_mm = spacingMm;
  file.output = { ...file.output!, interval_s: intervalS };
  const v = validateScenario(file);
  if (!v.ok) throw new Error(`${id}: invalid`);
  return simulate(v.scenario);
}

describe('sampling beside a ghost cell', () => {
  // One row: a tissue cell at −60 °C (centre 0.5 mm), a probe cell whose ghost is −80 °C and whose surface is −70 °C (centre 1.5 mm).
  const f: Field = { nx: 2, ny: 1, nz: 1, spacingMm: 1, x0Mm: 0.5, y0Mm: 0, values: Float64Array.of(-60, -80), sideC: Float64Array.of(-60, -70) };

  it('keeps the linear tissue profile where it lies above the surface', () => {
    expect(sampleField(f, 0.75, 0.5, true)).toBeCloseTo(-65, 12);
    expect(sampleField(f, 1.0, 0.5, true)).toBeCloseTo(-70, 12);
  });

  it('reads the surface, not the overshoot, beyond it', () => {
    expect(sampleField(f, 1.5, 0.5)).toBeCloseTo(-80, 12);
    expect(sampleField(f, 1.5, 0.5, true)).toBeCloseTo(-70, 12);
    expect(sampleField(f, 1.25, 0.5, true)).toBeCloseTo(-70, 12);
  });

  it('leaves a point without a ghost corner alone', () => {
    const tissue: Field = { ...f, values: Float64Array.of(-60, -80), sideC: Float64Array.of(-60, -80) };
    expect(sampleField(tissue, 1.25, 0.5, true)).toBeCloseTo(-75, 12);
  });
});

describe('friedman-2012 at 0.5 mm: the probe pulled back into the nerve cross-section', () => {
  const run = (intervalS: number) => runBuiltin('friedman-2012', 0.5, intervalS);

  it('puts the nerve no colder than the probe surface, however often the run writes outputs', () => {
    // Before: −73.7 °C with outputs every second and −77.7 every half second, beside a probe whose
    // links were never colder than −69.93 °C (its mean surface at the output times: −69.1).
    const every1 = run(1);
    const everyHalf = run(0.5);
    const probeC = Math.min(...every1.probes[0].surface_c);
    expect(every1.nerve!.min_c).toBeGreaterThan(probeC - 1);
    expect(everyHalf.nerve!.min_c).toBeCloseTo(every1.nerve!.min_c, 2);
  });
});

describe('cazzato-2016 at 1 mm: a nerve point beside a convective probe', () => {
  const run = (intervalS: number) => runBuiltin('cazzato-2016', 1, intervalS).nerve!;

  it('reads the same coldest temperature whether the run writes outputs every 5 s or every second', () => {
    // Before: −125.5 °C every 5 s, −140.7 every second (ghosts of −197 °C at 1–2 s, when the film
    // surface was at its coldest beside still-unfrozen tissue); 0.5 and 0.25 mm: −122.8, −122.1.
    const every5 = run(5);
    const every1 = run(1);
    expect(Math.abs(every1.min_c - every5.min_c)).toBeLessThan(0.5);
    expect(every1.min_c).toBeGreaterThan(-130);
    expect(every1.coverage['-40'].fraction).toBe(every5.coverage['-40'].fraction);
  });
});

describe('yoon-2016 at 1 mm: sensors inside, on and outside the probe', () => {
  it('read no colder than the probe surface inside it, and the tissue profile outside', () => {
    const file = structuredClone(BUILTIN_SCENARIOS['yoon-2016']) as ScenarioFile;
    file.geometry.spacing_mm = 1;
    file.output = { ...file.output!, interval_s: 1 };
    // The argon 1.7 mm device: surface at r = 0.85 mm; its active segment's middle 10 mm above the tip.
    file.sensors = [0.3, 0.85, 1.35].map((r) => ({ name: `r${r}`, position_mm: [r, 0, file.probes[0].tip_mm[2] - 10] as [number, number, number] }));
    const v = validateScenario(file);
    if (!v.ok) throw new Error('invalid');
    const r = simulate(v.scenario);
    const coldest = (name: string) => Math.min(...r.sensors[name]);
    const surfaceC = Math.min(...r.probes[0].surface_c);
    // Before: −169.6 °C inside the probe, the ghost's overshoot.
    expect(coldest('r0.3')).toBeGreaterThanOrEqual(surfaceC - 0.5);
    expect(coldest('r0.85')).toBeGreaterThanOrEqual(surfaceC - 0.5);
    // Half a millimetre out in the ice: the tissue's own profile, well above the surface.
    expect(coldest('r1.35')).toBeGreaterThan(surfaceC + 10);
    expect(coldest('r1.35')).toBeLessThan(-60);
  });
});
