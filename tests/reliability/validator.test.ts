/**
 * The scenario and comparison validators on arbitrary and hostile input: every input is
 * accepted or rejected with path-tagged issues, within the hang limit, without touching
 * shared prototypes (properties.ts). Below them, the concrete inputs that once broke the
 * contract, kept as regressions.
 */
import { describe, expect, it } from 'vitest';
import { formatIssues, validateScenario } from '../../scenarios/validate.ts';
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS, validateComparison } from '../../scenarios/builtin.ts';
import { HANG_MS } from './harness.ts';
import { arbitraryJsonProperty, comparisonProperty, jsValuesProperty, MIN_INPUTS, recorded } from './properties.ts';

describe('validators on arbitrary input (property-based)', () => {
  for (const p of [arbitraryJsonProperty, jsValuesProperty, comparisonProperty]) {
    it(p.title, async () => {
      const stats = await recorded(p);
      // An interrupted run (slow machine) must still have tried a fair share of its inputs.
      expect(stats.inputs).toBeGreaterThanOrEqual(Math.min(p.numRuns, MIN_INPUTS));
      expect(stats.rejected).toBeGreaterThan(0);
    });
  }
});

describe('regressions found by the properties', () => {
  const yoon = () => structuredClone(BUILTIN_SCENARIOS['yoon-2016']) as unknown as Record<string, unknown>;

  it('a file with 100 000 unknown keys is answered within the hang limit (was 4 s of typo guessing)', () => {
    const s = yoon();
    for (let i = 0; i < 100_000; i++) s[`unknown_field_with_a_long_name_${i}`] = 1;
    const t0 = performance.now();
    const r = validateScenario(s);
    const ms = performance.now() - t0;
    expect(r.ok).toBe(false);
    expect(r.issues.length).toBe(501); // 500 listed, then one summary line
    expect(r.issues[500].message).toMatch(/99500 more issue\(s\) not listed/);
    expect(ms).toBeLessThan(HANG_MS * 2);
  });

  it('keys with newlines, escape codes, dots or brackets are quoted in the path', () => {
    const s = yoon();
    s['a\nb\u001b[31m'] = 1;
    s['x.y'] = 2;
    (s.geometry as Record<string, unknown>)['[0]'] = 3;
    const paths = validateScenario(s).issues.map((i) => i.path);
    expect(paths).toEqual(['["a\\nb\\u001b[31m"]', '["x.y"]', 'geometry["[0]"]']);
    // One line per issue, and nothing a terminal would interpret.
    const text = formatIssues(validateScenario(s).issues);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('a duplicate sensor name is quoted with its control characters escaped', () => {
    const s = yoon();
    s.sensors = [
      { name: 'T\u001b]0;pwned\u0007', position_mm: [1, 0, 10] },
      { name: 'T\u001b]0;pwned\u0007', position_mm: [2, 0, 10] },
    ];
    const [issue] = validateScenario(s).issues;
    expect(issue.path).toBe('sensors[1].name');
    expect(issue.message).toContain('"T\\u001b]0;pwned\\u0007"');
  });

  it('bidirectional overrides and line separators in values are escaped in messages', () => {
    const s = yoon();
    s.schema = 'cryo-scenario/1\u202e\u2028';
    expect(validateScenario(s).issues[0].message).toContain('\\u202e\\u2028');
  });
});

describe('regressions', () => {
  it('a comparison whose anatomy is nested 20 000 levels deep is answered at that field (structuredClone overflowed)', () => {
    const set = structuredClone(BUILTIN_COMPARISONS['comparison-nerve-20mm']) as unknown as { anatomy: Record<string, unknown> };
    let v: unknown = 1;
    for (let i = 0; i < 20_000; i++) v = { a: v };
    set.anatomy.tissue = v;
    const r = validateComparison(set);
    expect(r.ok).toBe(false);
    expect(r.issues[0].path).toBe('anatomy.tissue');
  });

  it('a shallow nerve under hydrodissection with malformed sensors is answered at the sensor (the saline lift threw)', () => {
    const set = {
      schema: 'cryo-comparison/1',
      name: 'fuzz set',
      anatomy: { nerve: { center_mm: [0, 0, 0], direction: [0, 0, 0], diameter_mm: 0 }, sensors: [''] },
      protocols: ['yoon-2016'],
    };
    const r = validateComparison(set);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toContain('anatomy.sensors[0]');
    expect(r.issues.some((i) => i.message.includes('could not be read'))).toBe(false);
  });
});
