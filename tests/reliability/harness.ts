/**
 * What every input-side property checks, in one place: the answer contract of the
 * validators (accepted with a scenario, or rejected with well-formed, path-tagged issues;
 * never both, never a throw), a wall-clock guard that turns a slow input into a failure
 * (a hang detector), and a check that nothing was written onto shared prototypes.
 * Plain functions that throw on violation, so fast-check can shrink the failing input.
 */
import type { Issue } from '../../scenarios/schema.ts';

/** One validation of one input may take this long before it counts as a hang (validation is ~0.1–2 ms). */
export const HANG_MS = 200;

/**
 * The CLI's `validate` also compiles the accepted scenario (builds the grid and the stability
 * estimate, up to a few million cells), so one command gets more room.
 */
export const CLI_HANG_MS = 5000;

export class ContractError extends Error {}

const fail = (message: string): never => {
  throw new ContractError(message);
};

/** Short rendering of an input for failure messages (inputs can be megabytes). */
export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

/**
 * Runs `fn`, failing if it takes longer than `limitMs` of wall-clock time (a hang that still
 * ends is caught here). The test files run in parallel on a shared machine, so a garbage
 * collection or another process can stall one call: a call over the limit is timed once more
 * (the functions are deterministic), and only a second overrun fails. A real hang overruns both.
 */
export function timed<T>(what: string, input: unknown, fn: () => T, limitMs = HANG_MS): { value: T; ms: number } {
  let t0 = performance.now();
  let value = fn();
  let ms = performance.now() - t0;
  if (ms > limitMs) {
    const first = ms;
    t0 = performance.now();
    value = fn();
    ms = performance.now() - t0;
    if (ms > limitMs) fail(`${what} took ${first.toFixed(0)} ms, then ${ms.toFixed(0)} ms (limit ${limitMs} ms) on ${preview(input)}`);
  }
  return { value, ms };
}

export async function timedAsync<T>(what: string, input: unknown, fn: () => Promise<T>, limitMs: number): Promise<{ value: T; ms: number }> {
  let t0 = performance.now();
  let value = await fn();
  let ms = performance.now() - t0;
  if (ms > limitMs) {
    const first = ms;
    t0 = performance.now();
    value = await fn();
    ms = performance.now() - t0;
    if (ms > limitMs) fail(`${what} took ${first.toFixed(0)} ms, then ${ms.toFixed(0)} ms (limit ${limitMs} ms) on ${preview(input)}`);
  }
  return { value, ms };
}

/**
 * Decoding a share link is linear in its length (base64, UTF-8, JSON): a 2 MB link may take
 * longer than a validation without hanging, so links get 0.5 ms per KB on top of HANG_MS.
 */
export const linkLimitMs = (chars: number) => HANG_MS + (0.5 * chars) / 1024;

/** Raw control characters in a path or message would split lines or drive the user's terminal. */
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function checkIssues(issues: unknown, what: string, opts: { printable?: boolean } = {}): Issue[] {
  const printable = opts.printable ?? true;
  if (!Array.isArray(issues)) fail(`${what}: issues is not an array`);
  const list = issues as unknown[];
  for (const [i, issue] of list.entries()) {
    const { path, message } = (issue ?? {}) as Partial<Issue>;
    if (typeof path !== 'string') fail(`${what}: issues[${i}].path is not a string: ${preview(issue)}`);
    if (typeof message !== 'string' || message.trim() === '') fail(`${what}: issues[${i}].message is empty: ${preview(issue)}`);
    if (printable && RAW_CONTROL.test(path as string)) fail(`${what}: issues[${i}].path holds a raw control character: ${JSON.stringify(path)}`);
    if (printable && RAW_CONTROL.test(message as string)) fail(`${what}: issues[${i}].message holds a raw control character: ${JSON.stringify(message)}`);
  }
  return list as Issue[];
}

export type Verdict = { ok: true } | { ok: false; issues: Issue[] };

/**
 * The validators' answer contract: `{ok: true, scenario | runs, issues: []}` or
 * `{ok: false, issues: [≥ 1 well-formed issue]}` with no accepted value alongside.
 */
export function checkVerdict(r: unknown, what: string, acceptedKey: 'scenario' | 'runs'): Verdict {
  if (!r || typeof r !== 'object') return fail(`${what}: returned ${preview(r)}`);
  const res = r as { ok?: unknown; issues?: unknown; [k: string]: unknown };
  if (res.ok === true) {
    const accepted = res[acceptedKey];
    if (!accepted || typeof accepted !== 'object') fail(`${what}: accepted without a ${acceptedKey}`);
    if (!Array.isArray(res.issues) || res.issues.length !== 0) fail(`${what}: accepted but also lists issues: ${preview(res.issues)}`);
    return { ok: true };
  }
  if (res.ok !== false) fail(`${what}: ok is ${preview(res.ok)}`);
  if (acceptedKey in res) fail(`${what}: rejected but also returned a ${acceptedKey}`);
  const issues = checkIssues(res.issues, what);
  if (issues.length === 0) fail(`${what}: rejected with no issues`);
  return { ok: false, issues };
}

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

/** The own property names of the shared prototypes, to compare after each input. */
export function prototypeSnapshot(): string {
  return PROTOTYPES.map(([n, p]) => `${n}:${Reflect.ownKeys(p).map(String).sort().join(',')}`).join('\n');
}

export function checkNoPollution(before: string, input: unknown): void {
  const after = prototypeSnapshot();
  if (after !== before) fail(`shared prototypes changed after ${preview(input)}`);
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'x', 'schema', 'geometry']) {
    if (probe[key] !== undefined) fail(`({}).${key} is defined after ${preview(input)}`);
  }
}

/** Counts of what a property saw, for the report (docs/reliability.md). */
export interface PropertyStats {
  inputs: number;
  accepted: number;
  rejected: number;
  /** slowest single call, ms */
  maxMs: number;
  extra: Record<string, number>;
}

export function newStats(): PropertyStats {
  return { inputs: 0, accepted: 0, rejected: 0, maxMs: 0, extra: {} };
}

export function bump(stats: PropertyStats, key: string, by = 1): void {
  stats.extra[key] = (stats.extra[key] ?? 0) + by;
}
