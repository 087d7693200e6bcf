/**
 * Small, total (never-throwing) checks the scenario validator is built from. Each check
 * takes a JSON path and an untrusted value, records an `Issue` saying what is wrong and
 * how to fix it, and returns the accepted value or `undefined`. Messages name the unit,
 * derived from the field name's suffix, so a user sees `must be a number > 0 (s)`.
 */
import type { Issue, Vec3 } from './schema.ts';

/** Beyond this many, further issues are summarised in one line (a garbage array can hold millions). */
export const MAX_ISSUES = 500;

export class Issues {
  private readonly items: Issue[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.items.length < MAX_ISSUES) this.items.push({ path, message });
    else this.dropped++;
  }

  /** Counts one more issue once the list is full, without the cost of wording it. */
  skip(): void {
    this.dropped++;
  }

  /** The issues, and past MAX_ISSUES one summary line (written when read, not per dropped issue). */
  get list(): Issue[] {
    if (this.dropped > 0) {
      this.items[MAX_ISSUES] = { path: '', message: `${this.dropped} more issue(s) not listed; fix the ones above first` };
    }
    return this.items;
  }

  get count(): number {
    return this.items.length + (this.dropped > 0 && this.items.length === MAX_ISSUES ? 1 : 0);
  }

  /** True once further issues are only counted: callers may skip costly wording (typo guesses). */
  get full(): boolean {
    return this.items.length >= MAX_ISSUES;
  }
}

/** A key that reads unambiguously after a dot: no dots, brackets, quotes, spaces or control characters. */
const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/**
 * The JSON path of `key` under `base`: `a.b`, `a[0]`. A key that is not plain (an unknown field
 * named `"x.y"`, `"a b"` or `"line\nbreak"`) is written quoted, `a["x.y"]`, so every path stays
 * one unambiguous line however hostile the file's keys are.
 */
export function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!PLAIN_KEY.test(key)) return `${base}[${quote(key)}]`;
  return base ? `${base}.${key}` : key;
}

/**
 * Characters that must never reach a terminal or log line raw: C0/C1 controls (ESC and CSI start
 * terminal escape sequences), line and paragraph separators, and the bidirectional overrides that
 * can make text display differently from what it is ("Trojan Source").
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeChar = (c: string): string => {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

/** `text` with every unprintable character written as an escape: safe for one line of a terminal. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/** A string in double quotes, JSON-escaped and printable (for paths and "got …" in messages). */
export function quote(text: string): string {
  return printable(JSON.stringify(text));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
}

/**
 * How deeply arrays and objects nest in `value`, counted without recursion (so a value nested
 * 100 000 levels cannot overflow the stack here); stops counting once past `limit`.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > deepest) deepest = d + 1;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** A short, safe rendering of any value for "got …" (never throws, never huge). */
export function describe(value: unknown): string {
  try {
    switch (typeof value) {
      case 'undefined':
        return 'nothing';
      case 'number':
        return Number.isNaN(value) ? 'NaN' : String(value);
      case 'string': {
        const s = value.length > 40 ? `${value.slice(0, 37)}...` : value;
        return quote(s);
      }
      case 'boolean':
        return String(value);
      case 'bigint':
        return `the integer ${String(value).slice(0, 30)}n (not a JSON number)`;
      case 'object':
        if (value === null) return 'null';
        if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
        return 'an object';
      default:
        return `a ${typeof value}`;
    }
  } catch {
    return 'an unreadable value';
  }
}

/** Number formatting for messages: short, no float noise. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n !== 0 && (Math.abs(n) >= 1e7 || Math.abs(n) < 1e-4)) return n.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(n.toPrecision(6)));
}

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}

const UNIT_SUFFIXES: [string, string][] = [
  ['_w_m2k', 'W/m²/K'],
  ['_w_m3k', 'W/m³/K'],
  ['_w_mk', 'W/m/K'],
  ['_w_m3', 'W/m³'],
  ['_j_m3k', 'J/m³/K'],
  ['_j_m3', 'J/m³'],
  ['w_per_m', 'W/m'],
  ['_mm', 'mm'],
  ['_s', 's'],
  ['_c', '°C'],
  ['power', 'fraction of full power'],
];

/** The unit a field's name carries, e.g. `protocol[1].duration_s` → `s`. */
export function unitOf(path: string): string {
  const last = path.replace(/(\[\d+\])+$/, '').split('.').pop() ?? '';
  for (const [suffix, unit] of UNIT_SUFFIXES) if (last.endsWith(suffix)) return unit;
  return '';
}

export interface NumOpts {
  /** value ≥ min */
  min?: number;
  /** value > gt */
  gt?: number;
  /** value ≤ max */
  max?: number;
  /** value < lt */
  lt?: number;
  integer?: boolean;
  /** extra advice appended to a range failure */
  hint?: string;
}

function rangeText(o: NumOpts): string {
  const lo = o.gt !== undefined ? `> ${fmt(o.gt)}` : o.min !== undefined ? `≥ ${fmt(o.min)}` : '';
  const hi = o.lt !== undefined ? `< ${fmt(o.lt)}` : o.max !== undefined ? `≤ ${fmt(o.max)}` : '';
  if (lo && hi) return ` ${lo} and ${hi}`;
  return lo || hi ? ` ${lo || hi}` : '';
}

/** A required finite number within the range; `undefined` (and an issue) otherwise. */
export function num(iss: Issues, path: string, value: unknown, opts: NumOpts = {}): number | undefined {
  const unit = unitOf(path);
  const want = `must be ${opts.integer ? 'an integer' : 'a number'}${rangeText(opts)}${unit ? ` (${unit})` : ''}`;
  const hint = opts.hint ? `; ${opts.hint}` : '';
  if (value === undefined) {
    iss.add(path, `missing: ${want}${hint}`);
    return undefined;
  }
  if (typeof value !== 'number') {
    const quoted = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
    iss.add(path, `${want}, got ${describe(value)}${quoted ? ' (write the number without quotes)' : ''}${hint}`);
    return undefined;
  }
  const bad =
    !Number.isFinite(value) ||
    (opts.integer && !Number.isInteger(value)) ||
    (opts.gt !== undefined && !(value > opts.gt)) ||
    (opts.min !== undefined && !(value >= opts.min)) ||
    (opts.lt !== undefined && !(value < opts.lt)) ||
    (opts.max !== undefined && !(value <= opts.max));
  if (bad) {
    iss.add(path, `${want}, got ${describe(value)}${hint}`);
    return undefined;
  }
  return value;
}

/** Like `num`, but an absent value takes `fallback` silently. */
export function optNum(
  iss: Issues,
  path: string,
  value: unknown,
  fallback: number,
  opts: NumOpts = {},
): number | undefined {
  return value === undefined ? fallback : num(iss, path, value, opts);
}

export function str(
  iss: Issues,
  path: string,
  value: unknown,
  what: string,
  opts: { nonEmpty?: boolean } = {},
): string | undefined {
  if (typeof value !== 'string') {
    iss.add(path, `${value === undefined ? 'missing: ' : ''}must be a string (${what})${value === undefined ? '' : `, got ${describe(value)}`}`);
    return undefined;
  }
  if (opts.nonEmpty && value.trim() === '') {
    iss.add(path, `must not be empty (${what})`);
    return undefined;
  }
  return value;
}

export function oneOf<T extends string>(
  iss: Issues,
  path: string,
  value: unknown,
  options: readonly T[],
  what: string,
): T | undefined {
  if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
  const list = options.map((o) => `"${o}"`).join(', ');
  const guess = typeof value === 'string' ? nearest(value, options) : undefined;
  const got = value === undefined ? 'missing' : `got ${describe(value)}`;
  iss.add(path, `${what} must be one of ${list}; ${got}${guess ? ` (did you mean "${guess}"?)` : ''}`);
  return undefined;
}

export function record(
  iss: Issues,
  path: string,
  value: unknown,
  what: string,
): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  iss.add(path, `${value === undefined ? 'missing: ' : ''}must be an object ${what}${value === undefined ? '' : `, got ${describe(value)}`}`);
  return undefined;
}

export function list(
  iss: Issues,
  path: string,
  value: unknown,
  what: string,
  opts: { nonEmpty?: boolean; max?: number } = {},
): unknown[] | undefined {
  if (!Array.isArray(value)) {
    iss.add(path, `${value === undefined ? 'missing: ' : ''}must be an array ${what}${value === undefined ? '' : `, got ${describe(value)}`}`);
    return undefined;
  }
  if (opts.nonEmpty && value.length === 0) {
    iss.add(path, `must not be empty: give at least one ${what.replace(/^of /, '')}`);
    return undefined;
  }
  if (opts.max !== undefined && value.length > opts.max) {
    iss.add(path, `has ${value.length} items; at most ${opts.max} are allowed`);
    return undefined;
  }
  return value;
}

/** An [x, y, z] position or direction in mm; with `direction`, any non-zero length, normalised. */
export function vec3(
  iss: Issues,
  path: string,
  value: unknown,
  opts: { direction?: boolean } = {},
): Vec3 | undefined {
  const what = opts.direction
    ? 'a direction [x, y, z] (any non-zero length; it is normalised)'
    : 'a position [x, y, z] in mm, z = depth below the skin';
  if (!Array.isArray(value) || value.length !== 3) {
    iss.add(path, `${value === undefined ? 'missing: ' : ''}must be ${what}${value === undefined ? '' : `, got ${describe(value)}`}`);
    return undefined;
  }
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e9) {
      iss.add(at(path, i), `must be a finite number${opts.direction ? '' : ' (mm)'}, got ${describe(v)}`);
    } else out.push(v);
  }
  if (out.length !== 3) return undefined;
  if (!opts.direction) return out as Vec3;
  const len = Math.hypot(out[0], out[1], out[2]);
  if (!(len > 0)) {
    iss.add(path, `must be a non-zero direction vector, got [0, 0, 0]; e.g. [0, 0, 1] points straight into the body`);
    return undefined;
  }
  return [out[0] / len, out[1] / len, out[2] / len];
}

/** Flags keys the schema does not know (usually typos), suggesting the closest known key. */
export function knownKeys(
  iss: Issues,
  path: string,
  obj: Record<string, unknown>,
  allowed: readonly string[],
  context: string,
): void {
  const list = allowed.join(', ');
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    // A file with 100 000 unknown keys once took seconds here, guessing a typo for each one that
    // would never be listed; once the list is full, only count.
    if (iss.full) {
      iss.skip();
      continue;
    }
    const guess = nearest(key, allowed);
    iss.add(at(path, key), `unknown field in ${context}${guess ? ` (did you mean "${guess}"?)` : ''}; allowed: ${list}`);
  }
}

/** The option closest to `word` by edit distance, if it is close enough to be a typo. */
function nearest(word: string, options: readonly string[]): string | undefined {
  if (word.length > 64) return undefined;
  // A name without its unit suffix (`duration` for `duration_s`) is the commonest slip.
  const lower = word.toLowerCase();
  const prefixed = options.filter((o) => lower.length >= 3 && o.toLowerCase().startsWith(`${lower}_`));
  if (prefixed.length === 1) return prefixed[0];
  // `k_frozen` against `k_frozen_w_mk` and `k_frozen_model`: the one that only adds a unit.
  const withUnit = prefixed.filter((o) => unitOf(o) !== '');
  if (withUnit.length === 1) return withUnit[0];
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 4));
  for (const o of options) {
    // The distance is at least the difference in length: skip what cannot be close enough.
    if (Math.abs(o.length - word.length) > limit) continue;
    const d = editDistance(lower, o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return bestD <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * A file may name its JSON Schema (`"$schema": "…/cryo-scenario-1.schema.json"`) so editors give
 * completion; the key changes nothing. Checks it is a string and returns the object without it,
 * for `knownKeys` (which then neither refuses nor lists it).
 */
export function withoutSchemaPointer(iss: Issues, obj: Record<string, unknown>): Record<string, unknown> {
  if (!Object.prototype.hasOwnProperty.call(obj, '$schema')) return obj;
  str(iss, '$schema', obj.$schema, 'the path or URL of the JSON Schema this file follows, for editors');
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    if (k !== '$schema') Object.defineProperty(rest, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
  }
  return rest;
}
