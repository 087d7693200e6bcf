/**
 * The `cryo` command line (CONTRACT.md): run, validate and list scenarios with
 * the same engine and wasm kernel as the browser. Exit codes: 0 success,
 * 2 invalid input (one `path: message` per line), 1 anything else; no stack
 * traces for bad input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quote } from '../../scenarios/checks.ts';
import { formatIssues, validateScenario } from '../../scenarios/validate.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { compileScenario } from '../engine/compile.ts';
import { EngineInputError } from '../engine/engine-input-error.ts';
import { resultSummaryCsv, resultTimeseriesCsv } from '../engine/result-csv.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { runScenarioSplit } from '../node/team-node.ts';
import { parseArgs, UsageError } from './args.ts';
import { compareCommand } from './compare-command.ts';
import { ensembleCommand } from './ensemble-command.ts';
import { optimiseCommand } from './optimise-command.ts';
import { listText } from './list.ts';
import { LoadError, loadScenarioInput } from './load-scenario.ts';
import { progressPrinter } from './progress.ts';
import { calibrateCommand } from './calibrate-command.ts';
import { sweepCommand } from './sweep-command.ts';
import { traceCommand } from './trace-command.ts';

const USAGE = `usage:
  cryo run <scenario.json | built-in id> [--out result.json] [--csv out-dir] [--spacing-mm S] [--quiet]
  cryo validate <scenario.json | built-in id>
  cryo compare <comparison.json | built-in id> [--out results.json] [--spacing-mm S] [--workers N] [--quiet]
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

export class InputError extends Error {
  constructor(readonly issues: Issue[]) {
    super(formatIssues(issues));
  }
}

/** Where the command writes; a real process passes its stdout and stderr. */
export interface Io {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown; isTTY?: boolean };
}

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'validate':
        return validateCommand(rest, io);
      case 'compare':
        return await compareCommand(rest, io, (issues) => new InputError(issues));
      case 'list':
        io.out.write(listText());
        return 0;
      case 'sweep':
        return await sweepCommand(rest, io);
      case 'ensemble':
        return await ensembleCommand(rest, io);
      case 'optimise':
        return await optimiseCommand(rest, io);
      case 'calibrate':
        return await calibrateCommand(rest, io);
      case 'trace':
        return traceCommand(rest, io, (issues) => new InputError(issues));
      case undefined:
      case 'help':
      case '--help':
        io.out.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`cryo: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError || e instanceof EngineInputError || e instanceof LoadError) {
      io.err.write(formatIssues(e.issues) + '\n');
      return 2;
    }
    io.err.write(`cryo: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.CRYO_DEBUG && e instanceof Error) io.err.write(`${e.stack}\n`);
    return 1;
  }
}

function validated(input: string, spacingMm?: string) {
  const loaded = loadScenarioInput(input);
  if (spacingMm !== undefined) {
    const s = Number(spacingMm);
    if (!(s > 0)) throw new InputError([{ path: '--spacing-mm', message: `must be a number > 0 (mm), got ${spacingMm}` }]);
    const geometry = (loaded as { geometry?: { spacing_mm?: number } }).geometry;
    if (geometry && typeof geometry === 'object') geometry.spacing_mm = s;
  }
  const v = validateScenario(loaded);
  if (!v.ok) throw new InputError(v.issues);
  return v.scenario;
}

async function runCommand(argv: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(argv, ['out', 'csv', 'spacing-mm'], ['quiet']);
  if (positional.length !== 1) throw new UsageError('run needs exactly one scenario file or built-in id');
  const scenario = validated(positional[0], options.get('spacing-mm'));
  const progress = options.has('quiet') ? undefined : progressPrinter(io.err, scenario.name);
  // A large f32 grid is split over this machine's cores (thread-policy.ts); results are the same.
  const { result } = await runScenarioSplit(scenario, loadKernels(), { onProgress: progress, progressIntervalS: 1 });
  const json = JSON.stringify(result, null, 2) + '\n';
  const outPath = options.get('out');
  if (outPath) writeFileSync(outPath, json);
  else io.out.write(json);
  const csvDir = options.get('csv');
  if (csvDir) {
    mkdirSync(csvDir, { recursive: true });
    writeFileSync(join(csvDir, 'timeseries.csv'), resultTimeseriesCsv(result));
    writeFileSync(join(csvDir, 'summary.csv'), resultSummaryCsv(result));
  }
  for (const w of result.warnings ?? []) io.err.write(`cryo: warning (${w.code}): ${w.message}\n`);
  const sv = result.solver;
  const share = sv.cell_updates / (sv.steps * sv.grid.reduce((a, b) => a * b, 1));
  // Two-rate stepping updates the warm cells less often than every step; say how much work it saved.
  const stepping = (share < 0.995 ? `, two-rate stepping: ${(100 * share).toFixed(0)} % of the cell updates` : '') + ((sv.threads ?? 1) > 1 ? `, ${sv.threads} threads` : '');
  io.err.write(
    `cryo: ${sv.steps} steps of ${sv.dt_s.toPrecision(3)} s on ${gridText(sv.grid, sv.mode)} cells in ${sv.wall_s.toFixed(2)} s (${sv.mcells_per_s} Mcells/s${stepping})\n`,
  );
  return 0;
}

function validateCommand(argv: string[], io: Io): number {
  const { positional } = parseArgs(argv, []);
  if (positional.length !== 1) throw new UsageError('validate needs exactly one scenario file or built-in id');
  const s = validated(positional[0]);
  // Compiling builds the grid without stepping: it finds what only the grid reveals (time step, probe fit).
  const model = compileScenario(s);
  const total = model.totalS;
  io.out.write(
    `ok: ${quote(s.name)} — ${s.geometry.mode}, ${model.grid.nx} × ${model.grid.nz} cells at ${s.geometry.spacing_mm} mm, ` +
      `${s.probes.length} probe(s), ${s.protocol.length} phase(s), ${total} s in steps of ${model.dtS.toPrecision(3)} s\n`,
  );
  return 0;
}

/** `120×240` in 2D, `80×60×80` in 3D. */
function gridText(grid: readonly number[], mode: string): string {
  return (mode === '3d' ? grid : grid.slice(0, 2)).join('×');
}
