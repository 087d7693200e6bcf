/**
 * The validator never throws, whatever it is given: JSON garbage, non-JSON JS values,
 * deep nesting, cycles, hostile proxies, and seeded random mutations of a valid file.
 * It always answers with well-formed issues.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario, type Issue } from '../../scenarios/index.ts';
import { minimalAxisymmetric, minimalPlanar } from './fixtures.ts';

const TOP_FIELDS = [
  'schema', 'name', 'source', 'assumptions', 'geometry', 'tissue', 'layers', 'skin',
  'far_field', 'probes', 'protocol', 'nerve', 'vessels', 'sensors', 'output', 'solver',
];

function deep(depth: number, make: (inner: unknown) => unknown): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = make(v);
  return v;
}

const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;
cyclic.geometry = cyclic;
cyclic.probes = [cyclic];

const throwing = new Proxy(
  {},
  {
    get() {
      throw new Error('boom');
    },
    ownKeys() {
      throw new Error('boom');
    },
  },
);

const garbage: unknown[] = [
  null, undefined, 0, -0, 1, -1, 1e308, -1e308, NaN, Infinity, -Infinity, '', 'x', '{}', true, false,
  [], [null], [[[]]], {}, { schema: 'cryo-scenario/1' }, 10n, Symbol('s'), () => 1, new Date(0), /re/,
  new Map([['schema', 'cryo-scenario/1']]), Object.create(null), cyclic, throwing,
  deep(10_000, (v) => ({ a: v })), deep(10_000, (v) => [v]),
  Object.fromEntries(TOP_FIELDS.map((k) => [k, null])),
  Object.fromEntries(TOP_FIELDS.map((k) => [k, {}])),
  Object.fromEntries(TOP_FIELDS.map((k) => [k, []])),
  Object.fromEntries(TOP_FIELDS.map((k) => [k, 'x'])),
  Object.fromEntries(TOP_FIELDS.map((k) => [k, NaN])),
  Object.fromEntries(TOP_FIELDS.map((k) => [k, deep(5_000, (v) => ({ [k]: v }))])),
  JSON.parse('{"__proto__": {"x": 1}, "constructor": {"prototype": {}}}'),
];

function expectWellFormed(r: ReturnType<typeof validateScenario>): void {
  expect(typeof r.ok).toBe('boolean');
  expect(Array.isArray(r.issues)).toBe(true);
  if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues as Issue[]) {
    expect(typeof i.path).toBe('string');
    expect(typeof i.message).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
  }
}

describe('validateScenario never throws', () => {
  it.each(garbage.map((g, i) => [i, g] as const))('garbage #%i', (_i, g) => {
    let r!: ReturnType<typeof validateScenario>;
    expect(() => (r = validateScenario(g))).not.toThrow();
    expectWellFormed(r);
    expect(r.ok).toBe(false);
  });

  it('garbage in every field of a valid scenario', () => {
    for (const field of TOP_FIELDS) {
      for (const g of garbage) {
        const s: Record<string, unknown> = { ...minimalAxisymmetric(), [field]: g };
        let r!: ReturnType<typeof validateScenario>;
        expect(() => (r = validateScenario(s)), `${field} = ${String(typeof g)}`).not.toThrow();
        expectWellFormed(r);
      }
    }
  });

  it('treats a JSON "__proto__" key as an unknown field and pollutes nothing', () => {
    const text = JSON.stringify(minimalAxisymmetric()).replace(/^\{/, '{"__proto__": {"polluted": 1},');
    const r = validateScenario(JSON.parse(text));
    expect(r.issues.map((i) => i.path)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const inherited = Object.assign(Object.create({ polluted: true }), minimalAxisymmetric());
    expect(validateScenario(inherited).ok).toBe(true);
  });

  it('caps the issue list for huge garbage arrays', () => {
    const s: Record<string, any> = { ...minimalPlanar(), sensors: Array.from({ length: 400 }, () => ({})), probes: new Array(20).fill(7) };
    s.vessels = Array.from({ length: 50 }, () => ({ center_mm: 'x' }));
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    expect(r.issues.length).toBeLessThanOrEqual(501);
    expect(r.issues[r.issues.length - 1].message).toMatch(/more issue\(s\) not listed/);
  });

  it('seeded random mutations of valid scenarios', () => {
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const values: unknown[] = [null, undefined, 0, -1, 0.25, 1e9, NaN, 'x', [], {}, [0, 0, 1], [1, 2], true, 'axisymmetric', 'freeze'];
    const mutate = (v: unknown, depth: number): unknown => {
      if (depth > 6 || rand() < 0.15) return pick(values);
      if (Array.isArray(v)) return v.map((x) => (rand() < 0.3 ? mutate(x, depth + 1) : x));
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
          if (rand() < 0.05) continue;
          out[rand() < 0.03 ? `${k}_typo` : k] = rand() < 0.3 ? mutate(x, depth + 1) : x;
        }
        return out;
      }
      return rand() < 0.5 ? pick(values) : v;
    };
    let invalid = 0;
    for (let n = 0; n < 3000; n++) {
      const base = n % 2 ? minimalAxisymmetric() : minimalPlanar();
      const s = mutate(base, 0);
      let r!: ReturnType<typeof validateScenario>;
      expect(() => (r = validateScenario(s))).not.toThrow();
      expectWellFormed(r);
      if (!r.ok) invalid++;
    }
    // The fuzzer must actually exercise the failure paths.
    expect(invalid).toBeGreaterThan(1000);
  });
});
