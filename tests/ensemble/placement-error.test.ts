/**
 * Placement error only, against the normal distribution. The probe lies on the axis of an
 * axisymmetric run; a nerve of radius a = 1 mm runs along y through (d, 0, z0), z0 the middle of
 * the active segment, where the −20 °C front is a cylinder r = R (locally vertical, so the
 * nerve's small height ±a does not matter to first order). Its cross-section is the disc of
 * radius a around (d + δ, z0) in the x–z plane, δ the x-offset ~ N(0, σ²). The disc is all at
 * or below −20 °C iff every point has r = |x| ≤ R, i.e. |d + δ| + a ≤ R, so
 *   P(full) = P(−R + a − d ≤ δ ≤ R − a − d) = Φ((R − a − d)/σ) − Φ((−R + a − d)/σ).
 * R is read independently of the ensemble: the radius where the run's coldest field crosses
 * −20 °C at depth z0 (bisection on a point-sized nerve). The ensemble's share must match
 * within 4 binomial standard errors (plus the small error of the vertical-front assumption),
 * and its error must shrink with the sample count. (Checked to fail when the formula drops a.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { normalCdf } from '../../scenarios/distributions.ts';
import { planMembers } from '../../workers/ensemble/members.ts';
import { summarise } from '../../workers/ensemble/summary.ts';
import { memberFigures } from '../../workers/ensemble/figures.ts';
import { shifted } from '../../workers/ensemble/member-run.ts';
import { runScenario } from '../../workers/engine/run.ts';
import type { NerveScore, RunOutput } from '../../workers/engine/run-types.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';

const D_MM = 1;
const A_MM = 1;
const SIGMA_MM = 5;

function scenario(spacingMm: number): Scenario {
  const v = validateScenario({
    schema: 'cryo-scenario/1',
    name: 'placement error only',
    geometry: { mode: 'axisymmetric', spacing_mm: spacingMm, size_mm: [15, 40] },
    tissue: { preset: 'generic' },
    probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 25] }],
    protocol: [{ phase: 'freeze', duration_s: 120 }],
    nerve: { center_mm: [D_MM, 0, 25 - 10], direction: [0, 1, 0], diameter_mm: 2 * A_MM },
  });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.scenario;
}

/** Share of members with full −20 °C coverage, scored on one run. */
function ensembleShare(run: RunOutput, s: Scenario, samples: number, seed: number, design: 'lhs' | 'random'): number {
  const members = planMembers({ inputs: [], placement_error_mm: [SIGMA_MM, 0, 0], samples, seed, design });
  const figures = members.map((m) => memberFigures(run.result, run.scoreNerve!(shifted(s.nerve!, m.offset_mm))));
  return summarise(figures, 5).probability.nerve_full_minus20!;
}

/** Radius (mm) at depth z0 where the coldest field crosses −20 °C, from a point-sized nerve. */
function frontRadiusMm(score: (x: number) => NerveScore): number {
  let lo = 1; // inside the ice
  let hi = 14;
  expect(score(lo).min_c).toBeLessThan(-20);
  expect(score(hi).min_c).toBeGreaterThan(-20);
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (score(mid).min_c <= -20) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('placement error only: P(whole nerve ≤ −20 °C) follows from the front radius and Φ', () => {
  const s = scenario(0.5);
  let run: RunOutput;
  let predicted: number;
  beforeAll(() => {
    run = runScenario(s, loadKernels(), { nerveScorer: true });
    const point = (x: number) => run.scoreNerve!({ center_mm: [x, 0, s.nerve!.center_mm[2]], direction: [0, 1, 0], diameter_mm: 1e-4 });
    const R = frontRadiusMm(point);
    expect(R).toBeGreaterThan(2); // the case needs both tails: R − a − d and R − a + d within a few σ
    predicted = normalCdf((R - A_MM - D_MM) / SIGMA_MM) - normalCdf((-R + A_MM - D_MM) / SIGMA_MM);
  });

  it('the ensemble share matches the prediction within its sampling error', () => {
    const n = 2000;
    const share = ensembleShare(run, s, n, 3, 'random');
    const se = Math.sqrt((predicted * (1 - predicted)) / n);
    expect(Math.abs(share - predicted)).toBeLessThan(4 * se + 0.005);
    expect(predicted).toBeGreaterThan(0.5); // a share far from 0 and 1, where a wrong R, a or σ shows
  });

  it('converges with the sample count (error ~ 1/√n for random sampling; LHS is tighter)', () => {
    const meanError = (n: number, design: 'lhs' | 'random') => {
      let e = 0;
      for (let seed = 1; seed <= 6; seed++) e += Math.abs(ensembleShare(run, s, n, seed, design) - predicted);
      return e / 6;
    };
    const coarse = meanError(32, 'random');
    const fine = meanError(1024, 'random');
    expect(fine).toBeLessThan(coarse / 2.5); // expected ratio √32 ≈ 5.7
    expect(meanError(256, 'lhs')).toBeLessThan(meanError(256, 'random'));
  });

  it('with no offset the scorer gives the run\'s own nerve figures exactly', () => {
    const own = run.scoreNerve!(s.nerve!);
    expect(own.min_c).toBe(run.result.nerve!.min_c);
    for (const [level, c] of Object.entries(run.result.nerve!.coverage)) expect(own.fraction[level]).toBe(c.fraction);
  });
});
