/**
 * Every built-in scenario with random mutations at random JSON paths (delete a field, set it
 * to random JSON, negate or scale a number, duplicate an array item, swap a value's type,
 * rename a key): each result is accepted, or rejected with an issue whose path is the changed
 * field, its object, a field beside it, or a field that depends on it (properties.ts).
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { parsePath } from './arbitraries.ts';
import { MIN_INPUTS, mutationProperty, recorded, related } from './properties.ts';

describe('mutated built-in scenarios (property-based)', () => {
  it(mutationProperty.title, async () => {
    const stats = await recorded(mutationProperty);
    expect(stats.inputs).toBeGreaterThanOrEqual(Math.min(mutationProperty.numRuns, MIN_INPUTS));
    // Both answers must be exercised, or the property proves little.
    expect(stats.accepted).toBeGreaterThan(0);
    expect(stats.rejected).toBeGreaterThan(stats.inputs / 2);
  });

  it('"related" accepts the field, its object, its siblings and declared dependents, and nothing else', () => {
    const p = (t: string) => parsePath(t)!;
    expect(related(p('probes[0].tip_mm'), p('probes[0].tip_mm'))).toBe(true);
    expect(related(p('probes[0]'), p('probes[0].tip_mm[2]'))).toBe(true);
    expect(related(p('probes[0].active_length_mm'), p('probes[0].tip_mm[2]'))).toBe(true);
    expect(related(p('probes[0].tip_mm'), p('geometry.size_mm[1]'))).toBe(true);
    expect(related(p('geometry.spacing_mm'), p('protocol[0].duration_s'))).toBe(true);
    // An issue about something the change cannot affect must not count.
    expect(related(p('nerve.diameter_mm'), p('protocol[0].duration_s'))).toBe(false);
    expect(related(p('probes[1].tip_mm'), p('probes[0].device'))).toBe(false);
    expect(related(p('schema'), p('name'))).toBe(false);
    expect(related(p(''), p('name'))).toBe(false);
    expect(related(p('tissue.k_frozen_w_mk'), p('output.interval_s'))).toBe(false);
  });

  it('parses every path notation the validator writes', () => {
    expect(parsePath('probes[0].surface.h_w_m2k')).toEqual(['probes', 0, 'surface', 'h_w_m2k']);
    expect(parsePath('tissue["a b"].c')).toEqual(['tissue', 'a b', 'c']);
    expect(parsePath('["x\\"]y"]')).toEqual(['x"]y']);
    expect(parsePath('')).toEqual([]);
    expect(parsePath('a..b')).toBeNull();
    expect(parsePath('a[x]')).toBeNull();
  });
});

describe('regressions found by the properties', () => {
  it('every built-in, once resolved, validates again (a resolved pull-back carries pull_back_mm and tip_mm)', () => {
    // cazzato-2016 and friedman-2012 were rejected: "a reposition needs exactly one of …".
    for (const [id, file] of Object.entries(BUILTIN_SCENARIOS)) {
      const r = validateScenario(file);
      if (!r.ok) throw new Error(id);
      const again = validateScenario(JSON.parse(JSON.stringify(r.scenario)));
      expect(again.issues, id).toEqual([]);
      if (again.ok) expect(again.scenario).toEqual(r.scenario);
    }
  });

  it('a pull-back and a tip that disagree are still refused', () => {
    const f = structuredClone(BUILTIN_SCENARIOS['cazzato-2016']) as unknown as { protocol: Record<string, unknown>[] };
    const i = f.protocol.findIndex((p) => p.phase === 'reposition');
    f.protocol[i].tip_mm = [0, 0, 1];
    const r = validateScenario(f);
    expect(r.issues.map((x) => x.path)).toEqual([`protocol[${i}]`]);
    expect(r.issues[0].message).toMatch(/exactly one of "pull_back_mm" or "tip_mm" .* puts the tip at \[0, 0, \d+\], not \[0, 0, 1\]/);
  });
});
