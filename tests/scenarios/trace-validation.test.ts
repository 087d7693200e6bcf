/**
 * A probe `trace` surface: good traces resolve (offset defaults to 0); each kind of bad trace
 * gets an issue at the JSON path of the offending point with a message saying the fix, and a
 * long faulty log lists only its first few problems.
 */
import { describe, expect, it } from 'vitest';
import { MAX_TRACE_POINTS } from '../../scenarios/presets.ts';
import { validateScenario } from '../../scenarios/index.ts';
import { minimalAxisymmetric } from './fixtures.ts';

const withSurface = (surface: unknown) => {
  const s = minimalAxisymmetric();
  s.probes[0].surface = surface;
  return validateScenario(s);
};
const issuesOf = (surface: unknown) => {
  const v = withSurface(surface);
  return v.ok ? [] : v.issues;
};
const P = 'probes[0].surface';

describe('trace surface validation', () => {
  it('resolves a good trace, offset 0 by default', () => {
    const v = withSurface({ model: 'trace', points: [[0, 20], [1.5, -40.5], [60, -100]] });
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.scenario.probes[0].surface).toEqual({ model: 'trace', points: [[0, 20], [1.5, -40.5], [60, -100]], offset_c: 0 });
  });

  const cases: { name: string; surface: Record<string, unknown>; path: string; message: RegExp }[] = [
    { name: 'no points', surface: {}, path: `${P}.points`, message: /missing: must be an array of \[time_s, temperature_c\] pairs/ },
    { name: 'points not an array', surface: { points: '0,20\n1,10' }, path: `${P}.points`, message: /array of \[time_s, temperature_c\]/ },
    { name: 'one point', surface: { points: [[0, -100]] }, path: `${P}.points`, message: /at least 2/ },
    { name: 'a point that is not a pair', surface: { points: [[0, 20], [1, 2, 3]] }, path: `${P}.points[1]`, message: /pair \[time_s, temperature_c\]/ },
    { name: 'a number as text', surface: { points: [[0, 20], [1, '-40']] }, path: `${P}.points[1]`, message: /pair/ },
    { name: 'negative time', surface: { points: [[-1, 20], [1, -40]] }, path: `${P}.points[0][0]`, message: /≥ 0/ },
    { name: 'repeated time', surface: { points: [[0, 20], [1, -40], [1, -41]] }, path: `${P}.points[2][0]`, message: /increase strictly/ },
    { name: 'times out of order', surface: { points: [[0, 20], [5, -40], [3, -41]] }, path: `${P}.points[2][0]`, message: /not after the previous point's 5 s/ },
    { name: 'below absolute zero', surface: { points: [[0, 20], [1, -300]] }, path: `${P}.points[1][1]`, message: /> -273.15/ },
    { name: 'boiling', surface: { points: [[0, 20], [1, 150]] }, path: `${P}.points[1][1]`, message: /≤ 100/ },
    { name: 'offset not finite', surface: { points: [[0, 20], [1, -40]], offset_c: 'x' }, path: `${P}.offset_c`, message: /number/ },
    { name: 'offset pushes below absolute zero', surface: { points: [[0, 20], [1, -260]], offset_c: -20 }, path: `${P}.offset_c`, message: /above -273.15/ },
    { name: 'unknown key', surface: { points: [[0, 20], [1, -40]], ofset_c: 2 }, path: `${P}.ofset_c`, message: /offset_c/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const issues = issuesOf({ model: 'trace', ...c.surface });
      expect(issues.map((i) => i.path)).toContain(c.path);
      expect(issues.find((i) => i.path === c.path)!.message).toMatch(c.message);
    });
  }

  it('too many points: one message with the limit and the fix', () => {
    const points = Array.from({ length: MAX_TRACE_POINTS + 1 }, (_, i) => [i, -50]);
    const issues = issuesOf({ model: 'trace', points });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toEqual({ path: `${P}.points`, message: expect.stringMatching(/at most 100000.*--every/) });
  });

  it('a log full of NaN-like values lists five problems and counts the rest', () => {
    const points = Array.from({ length: 1000 }, (_, i) => [i, null]);
    const issues = issuesOf({ model: 'trace', points });
    expect(issues).toHaveLength(6);
    expect(issues[5]).toEqual({ path: `${P}.points`, message: expect.stringMatching(/^995 more problem/) });
  });

  it('the full limit validates quickly', () => {
    const points = Array.from({ length: MAX_TRACE_POINTS }, (_, i) => [i * 0.5, -50 + Math.sin(i)]);
    const t0 = performance.now();
    expect(withSurface({ model: 'trace', points }).ok).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
