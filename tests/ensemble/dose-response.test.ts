/** The freezing dose–response: logistic curves through their stated points, and the cross-section mean. */
import { describe, expect, it } from 'vitest';
import { DOSE_RESPONSE } from '../../scenarios/presets.ts';
import { blockProbability, logistic } from '../../workers/engine/analysis/dose-response.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { tinyScenario } from '../sweep/sweep-fixtures.ts';

describe('freezing dose–response', () => {
  it('passes through the stated 50 % and 95 % temperatures and rises as it gets colder', () => {
    for (const { t50_c, t95_c } of Object.values(DOSE_RESPONSE)) {
      const p = logistic(t50_c.value, t95_c.value);
      expect(p(t50_c.value)).toBeCloseTo(0.5, 12);
      expect(p(t95_c.value)).toBeCloseTo(0.95, 12);
      expect(p(t95_c.value - 30)).toBeGreaterThan(0.999);
      expect(p(37)).toBeLessThan(0.001);
    }
    const a549 = logistic(DOSE_RESPONSE.cell_death_a549.t50_c.value, DOSE_RESPONSE.cell_death_a549.t95_c.value);
    expect(a549(-10)).toBeCloseTo(0.5, 12);
    expect(a549(-25)).toBeCloseTo(0.95, 12);
  });
  it('over a cross-section is the mean of the points (equal areas): a uniform field gives P(T)', () => {
    const { t50_c, t95_c } = DOSE_RESPONSE.nerve_block;
    const p = logistic(t50_c.value, t95_c.value);
    expect(blockProbability(Array(100).fill(-17))).toBeCloseTo(p(-17), 12);
    expect(blockProbability([...Array(50).fill(-60), ...Array(50).fill(30)])).toBeCloseTo(0.5, 3);
  });
  it('a run reports it for its nerve, between the −20 °C coverage share and certainty as the nerve is colder', () => {
    const v = validateScenario(tinyScenario());
    if (!v.ok) throw new Error('fixture');
    const nerve = runScenario(v.scenario, loadKernels()).result.nerve!;
    expect(nerve.block_probability).toBeGreaterThanOrEqual(0.95 * nerve.coverage['-20'].fraction);
    expect(nerve.block_probability).toBeLessThanOrEqual(1);
  });
});
