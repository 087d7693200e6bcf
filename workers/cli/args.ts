/**
 * Minimal argument parsing for the `cryo` command: positional arguments and
 * `--name value` / `--name=value` options (some repeatable, like `--vary`),
 * with unknown options reported.
 */
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
