/** Hostile `uncertainty` sections get a message naming the field and the fix, quickly. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { tinyScenario } from '../sweep/sweep-fixtures.ts';

const withU = (uncertainty: unknown, over: Record<string, unknown> = {}) => validateScenario({ ...tinyScenario(over), uncertainty });
const issues = (uncertainty: unknown, over: Record<string, unknown> = {}) => {
  const v = withU(uncertainty, over);
  expect(v.ok).toBe(false);
  return v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
};
const normalInput = (extra: Record<string, unknown>) => ({ inputs: [{ path: 'tissue.perfusion_w_m3k', distribution: 'normal', ...extra }] });

describe('uncertainty section', () => {
  it('accepts a good section and centres on the field value when mean is left out', () => {
    const v = withU({ ...normalInput({ sd: 300, bounds: { low: 0 } }), placement_error_mm: [1, 0, 1] });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.scenario.uncertainty!.inputs[0]).toMatchObject({ mean: v.scenario.tissue.perfusion_w_m3k, sd: 300 });
    expect(v.scenario.uncertainty).toMatchObject({ samples: 64, seed: 1, design: 'lhs' });
  });
  it('names each hostile field with its fix', () => {
    expect(issues(normalInput({ sd: -1 }))).toEqual([expect.stringMatching(/^uncertainty\.inputs\[0\]\.sd: .*≥ 0.*cannot be negative/)]);
    expect(issues({ inputs: [{ path: 'protocol[0].duration_s', distribution: 'uniform', min: 50, max: 10 }] })).toEqual([expect.stringMatching(/^uncertainty\.inputs\[0\]\.min: min 50 is greater than max 10; swap them/)]);
    expect(issues({ ...normalInput({ sd: 1 }), samples: 1e6 })).toEqual([expect.stringMatching(/^uncertainty\.samples: .*≤ 4096.*--shard/)]);
    expect(issues({ ...normalInput({ sd: 1 }), seed: 1.5 })).toEqual([expect.stringMatching(/^uncertainty\.seed: must be an integer/)]);
    expect(issues({ inputs: [{ path: 'tissue.perfusion', distribution: 'normal', mean: 1, sd: 1 }] })).toEqual([expect.stringMatching(/^uncertainty\.inputs\[0\]\.path: tissue\.perfusion: unknown field.*perfusion_w_m3k/)]);
    expect(issues({ inputs: [{ path: 'protocol[9].duration_s', distribution: 'normal', mean: 60, sd: 1 }] })).toEqual([expect.stringMatching(/^uncertainty\.inputs\[0\]\.path: protocol has 3 entries/)]);
    expect(issues({ inputs: [{ path: 'protocol[0]..x', distribution: 'normal', mean: 1, sd: 1 }] })[0]).toMatch(/^uncertainty\.inputs\[0\]\.path: .*not a JSON path/);
    expect(issues({ inputs: [{ path: 'probes[0].tip_mm[2]', distribution: 'gaussian', sd: 1 }] })[0]).toMatch(/distribution.*"normal".*got "gaussian"/);
    expect(issues({ placement_error_mm: [1, -2, 0] })).toEqual([expect.stringMatching(/^uncertainty\.placement_error_mm\[1\]: .*≥ 0/)]);
    expect(issues({ placement_error_mm: [1, 0, 0] }, { nerve: undefined })).toEqual([expect.stringMatching(/no nerve to misplace/)]);
    expect(issues({})).toEqual([expect.stringMatching(/^uncertainty: nothing is uncertain/)]);
    expect(issues({ ...normalInput({ sd: 1 }), desgin: 'lhs' })[0]).toMatch(/^uncertainty\.desgin: unknown field.*"design"/);
  });
  it('reports a distribution that samples invalid values, and bounds that exclude it', () => {
    expect(issues({ inputs: [{ path: 'protocol[0].duration_s', distribution: 'normal', mean: 30, sd: 20 }] })[0]).toMatch(
      /^uncertainty\.inputs\[0\]: with protocol\[0\]\.duration_s = -?[\d.]+ .*protocol\[0\]\.duration_s: must be .*add "bounds"/,
    );
    expect(withU({ inputs: [{ path: 'protocol[0].duration_s', distribution: 'normal', mean: 30, sd: 20, bounds: { low: 5 } }] }).ok).toBe(true);
    expect(issues(normalInput({ mean: 100, sd: 1, bounds: { low: 500, high: 600 } }))).toEqual([expect.stringMatching(/bounds: the bounds exclude the whole distribution/)]);
  });
  it('stays fast on the largest section allowed', () => {
    const inputs = Array.from({ length: 32 }, () => ({ path: 'tissue.perfusion_w_m3k', distribution: 'uniform', min: 0, max: 10 }));
    const start = performance.now();
    const list = issues({ inputs, samples: 4096 });
    expect(list.length).toBe(31); // each duplicate path once
    expect(list[0]).toMatch(/already uncertainty\.inputs\[0\]; give each path once/);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(issues({ inputs: Array(33).fill({}) })[0]).toMatch(/^uncertainty\.inputs: has 33 items; at most 32/);
  });
  it('names hostile values of the newer fields (design, preset_ranges, non-finite numbers) quickly', () => {
    const start = performance.now();
    expect(issues({ ...normalInput({ sd: 1 }), design: 'halton' })[0]).toMatch(/^uncertainty\.design: .*"lhs", "random", "sobol".*got "halton"/);
    expect(withU({ ...normalInput({ sd: 1 }), design: 'sobol', samples: 4096 }).ok).toBe(true);
    // Saltelli: one varying input and two placement axes → blocks of 5.
    expect(issues({ ...normalInput({ sd: 1 }), placement_error_mm: [1, 0, 1], design: 'saltelli', samples: 64 })).toEqual([
      expect.stringMatching(/^uncertainty\.samples: a Saltelli design needs a multiple of 5 members \(3 varying inputs and placement axes, plus 2\), at least 10; got 64: use 60 or 65/),
    ]);
    expect(withU({ ...normalInput({ sd: 1 }), placement_error_mm: [1, 0, 1], design: 'saltelli', samples: 65 }).ok).toBe(true);
    expect(issues(normalInput({ sd: 100, bounds: { low: NaN } }))).toEqual([expect.stringMatching(/^uncertainty\.inputs\[0\]\.bounds\.low: must be a number, got NaN/)]);
    expect(issues(normalInput({ sd: NaN }))[0]).toMatch(/^uncertainty\.inputs\[0\]\.sd: must be a number ≥ 0, got NaN/);
    expect(issues({ inputs: [{ path: 'tissue.perfusion_w_m3k', distribution: 'uniform', min: -Infinity, max: 5 }] })[0]).toMatch(/\.min: must be a number, got -Infinity/);
    expect(issues(normalInput({ sd: 1e300 }))[0]).toMatch(/^uncertainty\.inputs\[0\]: with tissue\.perfusion_w_m3k = -?[\d.]+e\+300 .*add "bounds"/);
    expect(issues({ placement_error_mm: [NaN, 0, 0] })[0]).toMatch(/^uncertainty\.placement_error_mm\[0\]: must be a number ≥ 0 and ≤ 20/);
    expect(issues({ preset_ranges: null })[0]).toMatch(/^uncertainty\.preset_ranges: must be true, a list of groups/);
    expect(issues({ preset_ranges: [] })[0]).toMatch(/^uncertainty\.preset_ranges: must be a non-empty list of preset groups/);
    // A huge list of a known group is one group; a huge `added` list is ignored.
    expect(withU({ preset_ranges: Array(100000).fill('tissue') }, { probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 24] }] }).ok).toBe(true);
    expect(withU({ preset_ranges: { groups: ['tissue'], added: Array(100000).fill('tissue.k_frozen_w_mk') } }).ok).toBe(true);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
