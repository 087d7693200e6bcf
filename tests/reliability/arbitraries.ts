/**
 * Input generators for the reliability properties: hostile JSON (prototype keys, huge and
 * special numbers, long strings, control characters, markup), JS-only values a page could
 * hand the validator (NaN, -0, undefined, bigint, Map, sparse arrays, null prototypes),
 * deep nesting, scenario-shaped objects that get past the first checks, and random
 * mutations of the built-in scenarios at random JSON paths. Values are built the way
 * JSON.parse builds them (own data properties, so a `__proto__` key is an ordinary key).
 */
import fc from 'fast-check';
import { at } from '../../scenarios/checks.ts';
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { DEVICE_IDS, TISSUE_PRESET_IDS } from '../../scenarios/presets.ts';
import { validateScenario } from '../../scenarios/validate.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type PathSeg = string | number;

/** Keys an attacker or a confused user might write: the schema's own, prototype names, near-misses. */
export const SCHEMA_KEYS = [
  'schema', 'name', 'source', 'assumptions', 'geometry', 'tissue', 'layers', 'skin', 'far_field', 'probes',
  'protocol', 'nerve', 'vessels', 'sensors', 'output', 'solver', 'mode', 'spacing_mm', 'size_mm', 'preset',
  'k_frozen_w_mk', 'c_frozen_j_m3k', 'latent_j_m3', 'solidus_c', 'liquidus_c', 'perfusion_w_m3k', 'boundary',
  'ambient_c', 'h_w_m2k', 'temperature_c', 'device', 'diameter_mm', 'active_length_mm', 'tip_mm', 'direction',
  'surface', 'model', 'gas_c', 'w_per_m', 'cooldown_s', 'phase', 'duration_s', 'power', 'pull_back_mm', 'probe',
  'center_mm', 'wall', 'position_mm', 'interval_s', 'isotherms_c', 'dt_s', 'precision', 'from_depth_mm',
  'to_depth_mm', 'anatomy', 'protocols', 'probe_tip_depth_mm', 'description',
];
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

const SPECIAL_STRINGS = [
  '', ' ', '0', '-0', '1e3', 'NaN', 'Infinity', 'null', 'true', '0.25', '[0,0,1]',
  'axisymmetric', 'planar', '3d', 'freeze', 'passive_thaw', 'active_thaw', 'reposition',
  'cryo-scenario/1', 'cryo-comparison/1', 'convective', 'temperature', 'insulated', 'line_sink', 'f32', 'f64',
  ...TISSUE_PRESET_IDS, ...DEVICE_IDS, ...Object.keys(BUILTIN_SCENARIOS), ...PROTO_KEYS,
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"; rm -rf / #', '${process.exit(1)}',
  '\u001b[2J\u001b[31mred', '\u009b31m', 'line\nbreak', 'tab\there', '\r\n', '\u0000nul', '\u202eevil\u202c',
  '\u2028', '\ud800', '\ufeffbom', '𝕦𝕟𝕚𝕔𝕠𝕕𝕖', 'a.b', 'a[0]', '["x"]',
];

const SPECIAL_NUMBERS = [
  0, -0, 1, -1, 0.25, 0.5, 2, 4, 10, 20, 25, 30, 37, 60, 360, -8, -1, -20, -40, -150, -186, -273.15, -274,
  1e-300, 5e-324, -5e-324, 1e-9, 0.001, 1e6, 1e9, 1e21, 1e308, -1e308, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 32, 86400, 86401, 100000, 4_000_000,
];

/** A long string without paying for it character by character: one short piece repeated. */
const longString = (max: number) =>
  fc
    .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.integer({ min: 1000, max }))
    .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));

/** Strings up to `longMax` characters (files: 200 000; links, which browsers cap near 2 MB: 20 000). */
export const hostileStringUpTo = (longMax: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: longString(longMax) },
  );

export const hostileString = hostileStringUpTo(200_000);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_NUMBERS) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
);

/** JSON leaves: what a file or a link can hold. */
const jsonLeafUpTo = (longMax: number): fc.Arbitrary<Json> => fc.oneof(fc.constant(null), fc.boolean(), hostileNumber, hostileStringUpTo(longMax));
export const jsonLeaf = jsonLeafUpTo(200_000);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SCHEMA_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('a\nb', '\u001b[31m', 'x.y', 'a b', '"q"', '[0]', 'k'.repeat(100)) },
);

/** An object made as JSON.parse makes it: own, enumerable data properties (so `__proto__` is just a key). */
export function jsonObject(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** Arbitrary JSON of bounded size, with hostile keys and leaves (strings up to `longMax` characters). */
export const hostileJsonUpTo = (longMax: number): fc.Arbitrary<Json> =>
  fc.letrec<{ value: Json; array: Json[]; object: Record<string, Json> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', maxDepth: 6 }, jsonLeafUpTo(longMax), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 6 }),
    object: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 8 }).map((e) => jsonObject(e) as Record<string, Json>),
  })).value;

export const hostileJson = hostileJsonUpTo(200_000);

/** Deep nesting (up to 20 000 levels) of arrays or objects, optionally under a schema key of a built-in. */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .record({
    depth: fc.integer({ min: 50, max: 20_000 }),
    kind: fc.constantFrom('array', 'object', 'mixed'),
    key: fc.constantFrom(...SCHEMA_KEYS.slice(0, 16), '__proto__'),
    underBuiltin: fc.boolean(),
  })
  .map(({ depth, kind, key, underBuiltin }) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = kind === 'array' || (kind === 'mixed' && i % 2) ? [v] : jsonObject([[key, v]]);
    if (!underBuiltin) return v;
    const base = structuredClone(BUILTIN_SCENARIOS['yoon-2016']) as unknown as Record<string, unknown>;
    return jsonObject([...Object.entries(base), [key, v]]);
  });

/**
 * Wide input: up to 100 000 keys in one object or items in one array (a few MB of JSON), in a
 * section of a built-in or alone. Work per key or item must stay small, or this hangs.
 */
export const wideInput: fc.Arbitrary<unknown> = fc
  .record({
    n: fc.integer({ min: 1000, max: 100_000 }),
    kind: fc.constantFrom('keys', 'array', 'array of objects'),
    key: fc.constantFrom('', ...SCHEMA_KEYS.slice(0, 16)),
    stem: fc.constantFrom('k', 'unknown_field_with_a_long_name_', 'probes', 'x'.repeat(64)),
  })
  .map(({ n, kind, key, stem }) => {
    const wide =
      kind === 'keys'
        ? jsonObject(Array.from({ length: n }, (_, i) => [`${stem}${i}`, i]))
        : kind === 'array'
          ? Array.from({ length: n }, (_, i) => i)
          : Array.from({ length: n }, (_, i) => jsonObject([[`${stem}${i % 50}`, i]]));
    if (key === '') return wide;
    const base = structuredClone(BUILTIN_SCENARIOS['yoon-2016']) as unknown as Record<string, unknown>;
    return jsonObject([...Object.entries(base).filter(([k]) => k !== key), [key, wide]]);
  });

/** Any JS value, including what JSON cannot express (NaN, -0, undefined, bigint, Map, Set, Date, sparse arrays, null prototypes). */
export const jsAnything: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 5,
  maxKeys: 8,
  key: hostileKey,
  values: [jsonLeaf, fc.constantFrom(NaN, Infinity, -Infinity, -0, undefined), fc.bigInt(), fc.func(fc.integer())],
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

// ---------------------------------------------------------------------------------------
// Scenario-shaped inputs: plausible structure with hostile values, so they get past the first checks.

/**
 * Scenario- and comparison-shaped arbitraries whose hostile strings are at most `longMax`
 * characters (200 000 for files; 20 000 for links, which browsers cap near 2 MB).
 */
function shaped(longMax: number) {
  const hostileJson = hostileJsonUpTo(longMax);
  const hostileString = hostileStringUpTo(longMax);
  const maybe = <T>(a: fc.Arbitrary<T>, hostile = 0.2): fc.Arbitrary<T | Json> =>
    fc.oneof({ weight: Math.round((1 - hostile) * 10), arbitrary: a }, { weight: Math.round(hostile * 10), arbitrary: hostileJson });

  const num = (values: number[]) => maybe(fc.oneof(fc.constantFrom(...values), hostileNumber), 0.1);
  const vec = (values: number[]) => maybe(fc.tuple(num(values), num(values), num(values)), 0.1);

  const tissueShaped = maybe(
    fc.record(
      {
        preset: maybe(fc.constantFrom(...TISSUE_PRESET_IDS), 0.1),
        k_frozen_w_mk: num([0.3, 2, 2.2, 1000]),
        c_frozen_j_m3k: num([1.8e6, 1e8]),
        latent_j_m3: num([0, 2.5e8]),
        solidus_c: num([-8, -1]),
        liquidus_c: num([-1, 0]),
        perfusion_w_m3k: num([0, 1900]),
      },
      { requiredKeys: [] },
    ),
  );

  const probeShaped = fc.record(
    {
      device: maybe(fc.constantFrom(...DEVICE_IDS), 0.1),
      diameter_mm: num([0, 1.47, 2.4]),
      active_length_mm: num([10, 20]),
      tip_mm: vec([0, 20, 25]),
      direction: vec([0, 1]),
      surface: maybe(
        fc.oneof(
          fc.record({ model: fc.constant('temperature'), temperature_c: num([-150, -70]), cooldown_s: num([0, 20]) }, { requiredKeys: ['model'] }),
          fc.record({ model: fc.constant('convective'), gas_c: num([-186]), h_w_m2k: num([4000]) }, { requiredKeys: ['model'] }),
          fc.record({ model: fc.constant('line_sink'), w_per_m: num([100]) }, { requiredKeys: ['model'] }),
        ),
      ),
    },
    { requiredKeys: ['tip_mm'] },
  );

  const phaseShaped = fc.record(
    {
      phase: maybe(fc.constantFrom('freeze', 'passive_thaw', 'active_thaw', 'reposition'), 0.1),
      duration_s: num([10, 60, 360, 86400]),
      power: num([0.5, 1]),
      temperature_c: num([20]),
      pull_back_mm: num([2, 5]),
      probe: num([0, 1]),
    },
    { requiredKeys: ['phase', 'duration_s'] },
  );

  /** Objects with the scenario's sections, each plausible or hostile: reaches the deeper checks. */
  const scenarioShaped: fc.Arbitrary<unknown> = fc.record(
    {
      schema: maybe(fc.constant('cryo-scenario/1'), 0.1),
      name: maybe(fc.oneof(fc.constant('fuzz'), hostileString), 0.1),
      source: maybe(hostileString),
      assumptions: maybe(fc.array(hostileString, { maxLength: 3 })),
      geometry: maybe(
        fc.record({
          mode: maybe(fc.constantFrom('axisymmetric', 'planar', '3d'), 0.1),
          spacing_mm: num([0.25, 0.5, 1, 0.001]),
          size_mm: maybe(fc.array(num([10, 20, 30, 40, 60]), { minLength: 2, maxLength: 3 }), 0.1),
        }),
        0.1,
      ),
      tissue: tissueShaped,
      layers: maybe(fc.array(fc.record({ from_depth_mm: num([0, 2]), to_depth_mm: num([2, 5]), tissue: tissueShaped }), { maxLength: 2 })),
      skin: maybe(fc.record({ boundary: fc.constantFrom('convective', 'temperature', 'insulated'), ambient_c: num([22]), h_w_m2k: num([10]), temperature_c: num([20]) }, { requiredKeys: ['boundary'] })),
      probes: maybe(fc.array(probeShaped, { maxLength: 2 }), 0.1),
      protocol: maybe(fc.array(phaseShaped, { minLength: 1, maxLength: 4 }), 0.1),
      nerve: maybe(fc.record({ center_mm: vec([0, 4, 20]), direction: vec([0, 1]), diameter_mm: num([3]) })),
      vessels: maybe(fc.array(fc.record({ center_mm: vec([0, 8, 20]), diameter_mm: num([4]), wall: fc.constantFrom('convective', 'temperature') }), { maxLength: 2 })),
      sensors: maybe(fc.array(fc.record({ name: fc.oneof(fc.constantFrom('TC1', 'TC1', 'TC2'), hostileString), position_mm: vec([0, 5, 20]) }), { maxLength: 3 })),
      output: maybe(fc.record({ interval_s: num([1, 10, 0.001]), isotherms_c: maybe(fc.array(num([0, -20, -40]), { maxLength: 4 })) }, { requiredKeys: [] })),
      solver: maybe(fc.record({ dt_s: num([0.001, 0.01, 1e-7]), precision: maybe(fc.constantFrom('f32', 'f64')) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );

  /** Comparison sets shaped from scratch. */
  const comparisonShaped: fc.Arbitrary<unknown> = fc.record(
    {
      schema: maybe(fc.constant('cryo-comparison/1'), 0.1),
      name: maybe(fc.constant('fuzz set'), 0.1),
      description: maybe(hostileString),
      assumptions: maybe(fc.array(hostileString, { maxLength: 3 })),
      anatomy: maybe(
        fc.record(
          {
            geometry: maybe(fc.record({ mode: maybe(fc.constantFrom('axisymmetric', 'planar'), 0.1), spacing_mm: num([0.5, 1]), size_mm: maybe(fc.tuple(num([30]), num([60])), 0.1) }), 0.1),
            tissue: tissueShaped,
            nerve: maybe(fc.record({ center_mm: vec([0, 5, 20]), direction: vec([0, 1]), diameter_mm: num([3]) }), 0.1),
            probe_tip_depth_mm: num([20, 25]),
            sensors: maybe(fc.array(fc.record({ name: hostileString, position_mm: vec([5, 20]) }), { maxLength: 2 })),
          },
          { requiredKeys: [] },
        ),
        0.1,
      ),
      protocols: maybe(fc.array(fc.oneof(fc.constantFrom(...Object.keys(BUILTIN_SCENARIOS)), hostileString), { maxLength: 4 }), 0.1),
      output: maybe(fc.record({ interval_s: num([10, 0.001]), isotherms_c: maybe(fc.array(num([0, -20, -40]), { maxLength: 3 })) }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  return { scenarioShaped, comparisonShaped };
}

const fileShaped = shaped(200_000);
export const scenarioShaped = fileShaped.scenarioShaped;
export const comparisonShaped = fileShaped.comparisonShaped;
const linkShaped = shaped(20_000);
/** Scenario-shaped objects small enough for a share link. */
export const linkScenarioShaped = linkShaped.scenarioShaped;

// ---------------------------------------------------------------------------------------
// Mutations of valid files at random JSON paths

export const MUTATION_KINDS = ['delete', 'set', 'negate', 'scale', 'duplicate', 'swap-type', 'rename'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  kind: MutationKind;
  /** which candidate location, modulo the number of candidates */
  pick: number;
  value: Json;
  factor: number;
}

/** Scale factors: unit slips (mm↔m, s↔ms, kJ↔J) and absurd magnitudes. */
export const SCALE_FACTORS = [1e-9, 1e-6, 1e-3, 0.01, 0.1, 0.5, 2, 10, 100, 1000, 1e6, 1e300];

const mutationUpTo = (longMax: number): fc.Arbitrary<Mutation> =>
  fc.record({
    kind: fc.constantFrom(...MUTATION_KINDS),
    pick: fc.nat(),
    value: hostileJsonUpTo(longMax),
    factor: fc.constantFrom(...SCALE_FACTORS),
  });
export const mutation = mutationUpTo(200_000);

export interface Location {
  path: PathSeg[];
  value: unknown;
}

/** Every location in a JSON document except the root, depth first. */
export function locations(doc: unknown): Location[] {
  const out: Location[] = [];
  const walk = (v: unknown, path: PathSeg[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ path: [...path, i], value: x }), walk(x, [...path, i])));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) out.push({ path: [...path, k], value: x }), walk(x, [...path, k]);
  };
  walk(doc, []);
  return out;
}

function parentOf(doc: unknown, path: PathSeg[]): Record<string | number, unknown> {
  let v = doc as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) v = v[seg] as Record<string | number, unknown>;
  return v;
}

function setAt(doc: unknown, path: PathSeg[], value: unknown): void {
  const parent = parentOf(doc, path);
  Object.defineProperty(parent, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

function swapType(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : [v];
  if (typeof v === 'boolean') return String(v);
  if (v === null) return {};
  if (Array.isArray(v)) return jsonObject(v.map((x, i) => [String(i), x]));
  return Object.values(v as object);
}

/**
 * Keeps earlier mutated paths pointing at the same items after an array lost or gained the
 * item at `index` (a deleted item's own path stays: its issue is reported at its old place).
 */
function shiftIndices(paths: PathSeg[][], arrayPath: PathSeg[], index: number, delta: number): void {
  const n = arrayPath.length;
  for (const p of paths) {
    if (p.length <= n || !arrayPath.every((s, i) => s === p[i])) continue;
    const at = p[n] as number;
    if (at > index || (delta > 0 && at === index)) p[n] = at + delta;
  }
}

/**
 * Applies one mutation in place and returns the paths it changed, or null when the document
 * has no location of the kind (no numbers to negate, no arrays to duplicate into).
 */
export function applyMutation(doc: unknown, m: Mutation, earlier: PathSeg[][] = []): PathSeg[][] | null {
  const all = locations(doc);
  const candidates = all.filter((l) => {
    switch (m.kind) {
      case 'negate':
      case 'scale':
        return typeof l.value === 'number';
      case 'duplicate':
        return Array.isArray(l.value) && l.value.length > 0;
      case 'rename':
        return typeof l.path[l.path.length - 1] === 'string';
      default:
        return true;
    }
  });
  if (candidates.length === 0) return null;
  const { path, value } = candidates[m.pick % candidates.length];
  const parent = parentOf(doc, path);
  const last = path[path.length - 1];
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) {
        parent.splice(last as number, 1);
        shiftIndices(earlier, path.slice(0, -1), last as number, -1);
      } else delete parent[last];
      break;
    case 'set':
      setAt(doc, path, structuredClone(m.value));
      break;
    case 'negate':
      setAt(doc, path, -(value as number));
      break;
    case 'scale':
      setAt(doc, path, (value as number) * m.factor);
      break;
    case 'duplicate': {
      const arr = value as unknown[];
      const i = m.pick % arr.length;
      arr.splice(i, 0, structuredClone(arr[i]));
      shiftIndices(earlier, path, i, +1);
      break;
    }
    case 'swap-type':
      setAt(doc, path, swapType(value));
      break;
    case 'rename': {
      // The commonest slips: a unit suffix dropped or changed, a letter's case, a typo.
      const key = last as string;
      const renamed = key.includes('_') ? key.slice(0, key.lastIndexOf('_')) : key.length > 1 ? key[0].toUpperCase() + key.slice(1) : `${key}x`;
      delete parent[key];
      setAt(doc, [...path.slice(0, -1), renamed], value);
      // Both places changed: the old key is now missing, the new one unknown.
      return [path, [...path.slice(0, -1), renamed]];
    }
  }
  return [path];
}

/**
 * The built-ins as written (presets, defaults left out) and as the validator resolves them
 * (every field spelled out: tissue properties, probe diameter and surface, skin, far field,
 * output, solver), so mutations reach every field of the format, not only those a file names.
 */
export const BASES: Record<string, unknown> = Object.fromEntries(
  Object.entries(BUILTIN_SCENARIOS).flatMap(([id, file]) => {
    const r = validateScenario(file);
    if (!r.ok) throw new Error(`built-in ${id} is invalid`);
    return [[id, file], [`${id} (resolved)`, JSON.parse(JSON.stringify(r.scenario))]];
  }),
);

/** A built-in scenario (by id, as written or resolved) with 1–4 mutations. */
const mutatedBuiltinUpTo = (longMax: number) =>
  fc.record({
    id: fc.constantFrom(...Object.keys(BASES)),
    mutations: fc.array(mutationUpTo(longMax), { minLength: 1, maxLength: 4 }),
  });
export const mutatedBuiltin = mutatedBuiltinUpTo(200_000);
/** Mutated built-ins small enough for a share link. */
export const linkMutatedBuiltin = mutatedBuiltinUpTo(20_000);

export function buildMutated(id: string, mutations: Mutation[]): { doc: unknown; paths: PathSeg[][]; kinds: MutationKind[] } {
  const doc = structuredClone(BASES[id]);
  const paths: PathSeg[][] = [];
  const kinds: MutationKind[] = [];
  for (const m of mutations) {
    const changed = applyMutation(doc, m, paths);
    if (changed) paths.push(...changed), kinds.push(m.kind);
  }
  return { doc, paths, kinds };
}

/** The built-in comparison with 1–3 mutations. */
export const mutatedComparison = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => {
  const doc = structuredClone(Object.values(BUILTIN_COMPARISONS)[0]) as unknown;
  for (const m of ms) applyMutation(doc, m);
  return doc;
});

/** A path in the validator's notation, for messages. */
export function pathText(path: PathSeg[]): string {
  return path.reduce<string>((p, seg) => at(p, seg), '');
}

/**
 * Splits a validator path (`probes[0].tip_mm`, `tissue["a b"]`) back into segments. Returns
 * null for text that is not a well-formed path, which the mutation property reports.
 */
export function parsePath(text: string): PathSeg[] | null {
  const out: PathSeg[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      if (text[i + 1] === '"') {
        // A JSON string: up to the first unescaped quote.
        let j = i + 2;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        if (text[j + 1] !== ']') return null;
        try {
          out.push(JSON.parse(text.slice(i + 1, j + 1)) as string);
        } catch {
          return null;
        }
        i = j + 2;
      } else {
        const m = /^\[(\d+)\]/.exec(text.slice(i));
        if (!m) return null;
        out.push(Number(m[1]));
        i += m[0].length;
      }
    } else {
      if (text[i] === '.') {
        if (i === 0) return null;
        i++;
      }
      const m = /^[A-Za-z0-9_$-]+/.exec(text.slice(i));
      if (!m) return null;
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}
