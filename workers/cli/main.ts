/**
 * The `cryo` command line (CONTRACT.md): run, validate and list scenarios with
 * the same engine and wasm kernel as the browser. Exit codes: 0 success,
 * 2 invalid input (one `path: message` per line), 1 anything else; no stack
 * traces for bad input. The subcommands are registered in commands.ts.
 */
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { formatIssues } from '../../scenarios/validate.ts';
import { UsageError } from './args.ts';
import { COMMANDS } from './commands.ts';
import type { Io } from './io.ts';

export type { Io } from './io.ts';

const USAGE = `usage:
  cryo run <scenario.json | built-in id> [--out result.json] [--csv out-dir] [--spacing-mm S] [--quiet]
             [--vti out-prefix [--vti-times 60,120]]
  cryo validate <scenario.json | built-in id>
  cryo compare <comparison.json | built-in id> [--out results.json] [--csv verdict.csv] [--spacing-mm S] [--workers N] [--quiet]
  cryo list
  cryo sweep <scenario.json | built-in id> --vary <json-path>=<from>:<to>:<step> [--vary <json-path>=<v1>,<v2>,...]
             [--out results.csv] [--shard i/n | auto | auto/n] [--workers N] [--spacing-mm S] [--no-header]
  cryo ensemble <scenario.json | built-in id | comparison id> [--uncertainty u.json] [--samples N] [--seed S]
             [--out ensemble.json] [--workers N] [--shard i/n | auto | auto/n] [--spacing-mm S] [--skin-margin-mm M]
  cryo ensemble merge <part.json>... [--out ensemble.json]
  cryo optimise <scenario.json | built-in id> [--objective shortest|least-skin] [--target nerve_full_minus20|nerve_full_minus40|nerve_block] [--probability P]
             [--skin-margin-mm M] [--max-total-s T] [--cycles 1,2] [--thaw passive,active] [--thaw-s S] [--tolerance-s S]
             [--samples N] [--seed S] [--max-runs R] [--workers N] [--spacing-mm S] [--out suggestion.json] [--summary file]
  cryo calibrate <device-id | scenario.json> <measurements.csv> [--medium gel|tissue] [--medium-c C]
             [--fit name,name] [--spacing-mm S] [--max-evals N] [--out preset.json] [--quiet]
  cryo calibrate [scenario.json | built-in id] <log.csv>... [--fit p[=min:max],...] [--fit-each p[=min:max]]
             [--sensors a,b] [--each-on a] [--check log.csv]... [--spacing-mm S] [--max-evals N] [--out fit.json] [--quiet]
  cryo trace <logger.csv> [--column NAME] [--time-column NAME] [--start-row N | --start-time H:MM:SS]
             [--every S] [--offset C] [--scenario scenario.json [--probe I]] [--out file]`;

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === 'help' || command === '--help') {
      io.out.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command '${command}'`);
    return await COMMANDS[command](rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`cryo: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ScenarioInputError) {
      io.err.write(formatIssues(e.issues) + '\n');
      return 2;
    }
    io.err.write(`cryo: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.CRYO_DEBUG && e instanceof Error) io.err.write(`${e.stack}\n`);
    return 1;
  }
}
