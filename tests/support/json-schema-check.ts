/**
 * A small JSON Schema (draft 2020-12) validator for the subset of keywords the repository's
 * schemas use (scenarios/json-schema/): type, properties, required, additionalProperties,
 * items, prefixItems, enum, const, minimum / exclusiveMinimum / maximum / exclusiveMaximum,
 * minItems / maxItems, minLength, uniqueItems, oneOf / anyOf, $ref to "#/$defs/…". It exists
 * so tests need no new dependency; `ajv` (ajv/dist/2020) could replace it. A schema keyword
 * outside the subset throws, so a schema cannot silently rely on a check this file skips.
 */

export type Schema = boolean | Record<string, unknown>;

export interface SchemaError {
  /** JSON-pointer-like path of the failing value, e.g. /probes/0/tip_mm */
  path: string;
  message: string;
}

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', '$defs', '$comment']);
const CHECKED = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'enum', 'const',
  'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minLength',
  'uniqueItems', 'oneOf', 'anyOf', '$ref',
]);

/** Structural equality of JSON values (for const, enum and uniqueItems). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function typeMatches(t: string, v: unknown): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    default:
      throw new Error(`unsupported type "${t}"`);
  }
}

/** Compiles nothing: walks the schema for each value. `root` resolves "#/$defs/name" references. */
export class JsonSchemaCheck {
  constructor(private readonly root: Record<string, unknown>) {}

  /** All errors (empty when valid); for oneOf / anyOf only a summary of the branches. */
  errors(value: unknown): SchemaError[] {
    const out: SchemaError[] = [];
    this.check(this.root, value, '', out);
    return out;
  }

  valid(value: unknown): boolean {
    return this.errors(value).length === 0;
  }

  private resolve(ref: string): Schema {
    const m = /^#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
    if (!m) throw new Error(`unsupported $ref ${ref}`);
    const defs = this.root.$defs as Record<string, Schema> | undefined;
    const target = defs?.[m[1]];
    if (target === undefined) throw new Error(`$ref ${ref} does not resolve`);
    return target;
  }

  private check(schema: Schema, v: unknown, path: string, out: SchemaError[]): void {
    if (schema === true) return;
    if (schema === false) return void out.push({ path, message: 'no value is allowed here' });
    for (const k of Object.keys(schema)) if (!CHECKED.has(k) && !ANNOTATIONS.has(k)) throw new Error(`unsupported keyword "${k}" at ${path || '/'}`);
    const s = schema as Record<string, unknown>;
    const err = (message: string) => out.push({ path, message });

    if (s.$ref !== undefined) this.check(this.resolve(s.$ref as string), v, path, out);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(t, v))) return void err(`must be ${types.join(' or ')}`);
    }
    if (s.const !== undefined && !jsonEqual(v, s.const)) err(`must be ${JSON.stringify(s.const)}`);
    if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => jsonEqual(e, v))) err(`must be one of ${JSON.stringify(s.enum)}`);

    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && !(v >= s.minimum)) err(`must be ≥ ${s.minimum}`);
      if (typeof s.exclusiveMinimum === 'number' && !(v > s.exclusiveMinimum)) err(`must be > ${s.exclusiveMinimum}`);
      if (typeof s.maximum === 'number' && !(v <= s.maximum)) err(`must be ≤ ${s.maximum}`);
      if (typeof s.exclusiveMaximum === 'number' && !(v < s.exclusiveMaximum)) err(`must be < ${s.exclusiveMaximum}`);
    }
    if (typeof v === 'string' && typeof s.minLength === 'number' && [...v].length < s.minLength) err(`must have at least ${s.minLength} characters`);

    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) err(`must have at least ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) err(`must have at most ${s.maxItems} items`);
      const prefix = (s.prefixItems as Schema[] | undefined) ?? [];
      prefix.forEach((p, i) => {
        if (i < v.length) this.check(p, v[i], `${path}/${i}`, out);
      });
      if (s.items !== undefined) for (let i = prefix.length; i < v.length; i++) this.check(s.items as Schema, v[i], `${path}/${i}`, out);
      if (s.uniqueItems === true) {
        for (let i = 1; i < v.length; i++) if (v.slice(0, i).some((x) => jsonEqual(x, v[i]))) err(`item ${i} repeats an earlier item`);
      }
    }

    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const r of (s.required as string[] | undefined) ?? []) if (!Object.prototype.hasOwnProperty.call(o, r)) err(`missing required "${r}"`);
      for (const [k, x] of Object.entries(o)) {
        const sub = `${path}/${k}`;
        if (Object.prototype.hasOwnProperty.call(props, k)) this.check(props[k], x, sub, out);
        else if (s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) out.push({ path: sub, message: 'unknown property' });
          else this.check(s.additionalProperties as Schema, x, sub, out);
        }
      }
    }

    if (s.anyOf !== undefined) {
      const ok = (s.anyOf as Schema[]).some((b) => this.branchValid(b, v, path));
      if (!ok) err('matches none of anyOf');
    }
    if (s.oneOf !== undefined) {
      const n = (s.oneOf as Schema[]).filter((b) => this.branchValid(b, v, path)).length;
      if (n !== 1) err(n === 0 ? 'matches none of oneOf' : `matches ${n} branches of oneOf`);
    }
  }

  private branchValid(b: Schema, v: unknown, path: string): boolean {
    const sub: SchemaError[] = [];
    this.check(b, v, path, sub);
    return sub.length === 0;
  }
}
