/**
 * Parses one `--vary <json-path>=<values>` option of `cryo sweep`: an inclusive range
 * `from:to:step` or a comma list `1,2,5` (numbers, or words such as tissue presets).
 * Problems come back as messages naming the option and the fix, never as exceptions.
 */
import { parseJsonPath, type PathStep } from '../../scenarios/json-path.ts';

export interface Varied {
  /** The path as the user wrote it; also the CSV column name. */
  path: string;
  steps: PathStep[];
  values: (number | string)[];
}

/** One parameter may take at most this many values (a typo like 0:1000:0.001 should not hang). */
const MAX_VALUES_PER_PARAMETER = 10_000;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Removes float noise such as 0.30000000000000004 without changing any value a user could mean. */
const clean = (x: number) => Number(x.toPrecision(12));

/** The varied parameter, or a message (without the option name) saying what to write instead. */
export function parseVary(option: string): Varied | { error: string } {
  const eq = option.indexOf('=');
  if (eq <= 0) return { error: `write <json-path>=<from>:<to>:<step> or <json-path>=<v1>,<v2>,…, e.g. --vary protocol[0].duration_s=60:180:60` };
  const path = option.slice(0, eq).trim();
  const spec = option.slice(eq + 1).trim();
  const parsed = parseJsonPath(path);
  if ('error' in parsed) return parsed;
  const values = spec.includes(':') && !spec.includes(',') ? parseRange(spec) : parseList(spec);
  if ('error' in values) return values;
  if (values.list.length > MAX_VALUES_PER_PARAMETER)
    return { error: `${values.list.length} values; at most ${MAX_VALUES_PER_PARAMETER} per parameter` };
  return { path, steps: parsed.steps, values: values.list };
}

function parseRange(spec: string): { list: number[] } | { error: string } {
  const parts = spec.split(':');
  if (parts.length !== 3) return { error: `range '${spec}' must be <from>:<to>:<step>, e.g. 60:180:60` };
  if (!parts.every((p) => NUMBER.test(p.trim()))) return { error: `range '${spec}': from, to and step must be numbers, e.g. 60:180:60` };
  const [from, to, step] = parts.map(Number);
  if (step === 0 && from !== to) return { error: `range '${spec}': step must not be 0` };
  if (from !== to && Math.sign(to - from) !== Math.sign(step))
    return { error: `range '${spec}': step ${step} never reaches ${to} from ${from}; use step ${-step}` };
  // Count from the span, not by accumulating steps, so 0:1:0.1 gives 11 values, not 10 or 12.
  const n = from === to ? 1 : Math.round((to - from) / step) + 1;
  if (n > MAX_VALUES_PER_PARAMETER) return { error: `range '${spec}' has ${n} values; at most ${MAX_VALUES_PER_PARAMETER} per parameter (use a larger step)` };
  const last = from + (n - 1) * step;
  if (Math.abs(last - to) > 1e-9 * Math.max(1, Math.abs(step), Math.abs(to))) {
    const below = clean(from + Math.floor((to - from) / step) * step);
    return { error: `range '${spec}' does not end on ${to} (its steps reach ${below}, then ${clean(below + step)}); pick a step that divides ${clean(Math.abs(to - from))}, or list the values with commas` };
  }
  return { list: Array.from({ length: n }, (_, i) => clean(from + i * step)) };
}

function parseList(spec: string): { list: (number | string)[] } | { error: string } {
  const items = spec.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) return { error: `list '${spec}' has an empty value; write values separated by single commas, e.g. 1,2,5` };
  const list = items.map((s) => (NUMBER.test(s) ? Number(s) : s));
  const seen = new Set<string>();
  for (const v of list) {
    if (seen.has(String(v))) return { error: `list '${spec}' names ${v} twice; list each value once` };
    seen.add(String(v));
  }
  return { list };
}
