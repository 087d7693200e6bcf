/**
 * When the whole nerve first reached a coverage threshold (`nerve.coverage[T].first_full_s`, the
 * verdict's "nerve fully ≤ −40 °C at"): the run looks at the nerve only between chunks of steps,
 * so the time is interpolated between the look that finds it covered and the one before
 * (run-trackers.ts crossingTimeS), and the explicit path looks every NERVE_LOOK.near_every_s
 * near an open threshold. Checked on an exact temperature history (second order in the time
 * between looks, where the look's own time is first order) and on built-in scenarios against
 * runs that look every 0.25 s whatever the threshold.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { Result, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { crossingTimeS } from '../../workers/engine/run-trackers.ts';
import { simulate } from '../support/simulate.ts';

describe('crossing time between two looks', () => {
  // A warmest point cooling as T(t) = 37 − 0.02·t² °C reaches −20 °C at t = √(57/0.02) = 53.39 s.
  const warmestC = (t: number) => 37 - 0.02 * t * t;
  const exactS = Math.sqrt(57 / 0.02);
  /** First look at or past the crossing on looks every `everyS` from 0, and the crossing time both ways. */
  function found(everyS: number) {
    let t = 0;
    while (warmestC(t + everyS) > -20) t += everyS;
    const before = { timeS: t, warmestC: warmestC(t) };
    const now = { timeS: t + everyS, warmestC: warmestC(t + everyS) };
    return { lookS: now.timeS, interpolatedS: crossingTimeS(before, now, -20) };
  }

  it('is exact on a temperature linear in time', () => {
    expect(crossingTimeS({ timeS: 10, warmestC: -15 }, { timeS: 14, warmestC: -25 }, -20)).toBeCloseTo(12, 12);
  });

  it('converges at second order in the time between looks, the look itself at first order', () => {
    // Looks every 5 s and 2.5 s (aligned so that each straddles the crossing with the same phase).
    const coarse = found(5);
    const fine = found(2.5);
    const errCoarse = Math.abs(coarse.interpolatedS - exactS);
    const errFine = Math.abs(fine.interpolatedS - exactS);
    expect(errCoarse).toBeLessThan(0.1);
    expect(errFine).toBeLessThan(errCoarse / 3);
    // The look's own time is late by up to a whole look interval.
    expect(coarse.lookS - exactS).toBeGreaterThan(10 * errCoarse);
  });

  it('falls back to the look time without an earlier look above the threshold', () => {
    expect(crossingTimeS(null, { timeS: 3, warmestC: -30 }, -20)).toBe(3);
    expect(crossingTimeS({ timeS: 1, warmestC: -25 }, { timeS: 3, warmestC: -30 }, -20)).toBe(3);
    expect(crossingTimeS({ timeS: 1, warmestC: Number.NaN }, { timeS: 3, warmestC: -30 }, -20)).toBe(3);
  });
});

function run(id: string, intervalS?: number): Result {
  const f = structuredClone(BUILTIN_SCENARIOS[id]) as ScenarioFile;
  f.geometry.spacing_mm = 0.5;
  if (intervalS) f.output = { ...f.output!, interval_s: intervalS };
  const v = validateScenario(f);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(v.scenario);
}

describe('first time the whole nerve is covered, on built-in scenarios at 0.5 mm', () => {
  // calixte-2019: its warmest nerve point lingers at −19.7 to −19.9 °C for 7 s before −20 °C (looks
  // 5 s apart put it 1.8 s early by interpolation alone, 2 s late by the look's time); cazzato-2016
  // and yoon-2016 cool through 0 and −20 °C steadily (the look's time was 1.5–3.3 s late).
  for (const id of ['calixte-2019', 'cazzato-2016', 'yoon-2016']) {
    it(`${id}: within 0.02 s of a run that looks every 0.25 s`, () => {
      const r = run(id);
      const ref = run(id, 0.25);
      let reached = 0;
      for (const [level, c] of Object.entries(ref.nerve!.coverage)) {
        const got = r.nerve!.coverage[level].first_full_s;
        if (c.first_full_s === null) {
          expect(got, level).toBeNull();
          continue;
        }
        reached++;
        expect(Math.abs(got! - c.first_full_s), `${level} °C`).toBeLessThan(0.02);
      }
      expect(reached).toBeGreaterThanOrEqual(2);
    });
  }
});
