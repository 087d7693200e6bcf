/**
 * Minimal argument parsing for the `cryo` command: positional arguments and
 * `--name value` / `--name=value` options (some repeatable, like `--vary`),
 * with unknown options reported; numeric options read one way by every command.
 */
import os from 'node:os';
import { MAX_CLI_WORKERS } from '../../scenarios/presets.ts';
import type { Issue } from '../../scenarios/schema.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string>;
  /** every value of each option listed as repeatable, in order */
  repeated: Map<string, string[]>;
}

/**
 * A numeric option's value, or undefined when it is absent; a value `ok` refuses (or text that
 * is not a number) adds the issue `--name: must be <what>, got <text>`.
 */
export function numberOption(options: Map<string, string>, issues: Issue[], name: string, ok: (v: number) => boolean, what: string): number | undefined {
  const text = options.get(name);
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !ok(v)) issues.push({ path: `--${name}`, message: `must be ${what}, got ${text}` });
  return v;
}

/** `--spacing-mm`: the grid spacing that overrides the scenario's. */
export const spacingOption = (options: Map<string, string>, issues: Issue[]) => numberOption(options, issues, 'spacing-mm', (v) => v > 0, 'a number > 0 (mm)');

/** `--workers`: worker threads, every core when absent. */
export function workersOption(options: Map<string, string>, issues: Issue[]): number {
  const ok = (v: number) => Number.isInteger(v) && v >= 1 && v <= MAX_CLI_WORKERS;
  return numberOption(options, issues, 'workers', ok, `a whole number ≥ 1 and ≤ ${MAX_CLI_WORKERS} (threads)`) ?? os.availableParallelism();
}

export function parseArgs(argv: string[], known: string[], flags: string[] = [], repeatable: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const repeated = new Map<string, string[]>(repeatable.map((name) => [name, []]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq >= 0 ? eq : undefined);
    if (flags.includes(name)) {
      options.set(name, 'true');
      continue;
    }
    if (!known.includes(name) && !repeatable.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    if (repeatable.includes(name)) repeated.get(name)!.push(value);
    else options.set(name, value);
  }
  return { positional, options, repeated };
}
