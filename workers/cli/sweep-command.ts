/**
 * `cryo sweep <scenario.json | built-in id> --vary <json-path>=<from>:<to>:<step> [--vary …]
 *  [--out results.csv] [--shard i/n | auto | auto/n] [--workers N] [--spacing-mm S] [--no-header]`:
 * runs every combination of the varied fields in parallel and writes one CSV row per run.
 * Reading and checking the options lives here; planning and running live in workers/sweep/.
 */
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { runSweep } from '../sweep/run-sweep.ts';
import { shardOption } from '../sweep/shard.ts';
import { planSweep } from '../sweep/sweep-plan.ts';
import { parseVary, type Varied } from '../sweep/vary.ts';
import { parseArgs, spacingOption, UsageError, workersOption } from './args.ts';
import { loadScenarioInput } from '../node/load-scenario.ts';
import type { Io } from './io.ts';

const VALUE_OPTIONS = ['out', 'shard', 'workers', 'spacing-mm'];
const FLAGS = ['no-header'];

export async function sweepCommand(argv: string[], io: Io): Promise<number> {
  const { positional, options, repeated } = parseArgs(argv, VALUE_OPTIONS, FLAGS, ['vary']);
  const vary = repeated.get('vary')!;
  if (positional.length !== 1) throw new UsageError('sweep needs exactly one scenario file or built-in id');
  if (vary.length === 0) throw new UsageError('sweep needs at least one --vary <json-path>=<from>:<to>:<step>, e.g. --vary protocol[0].duration_s=60:180:60');

  const issues: Issue[] = [];
  const varied: Varied[] = [];
  for (const spec of vary) {
    const v = parseVary(spec);
    if ('error' in v) issues.push({ path: `--vary ${spec}`, message: v.error });
    else if (varied.some((w) => w.path === v.path)) issues.push({ path: '--vary', message: `${v.path} is varied twice; give each path once` });
    else varied.push(v);
  }
  const shard = shardOption(options.get('shard'), issues);
  const threads = workersOption(options, issues);
  const spacingMm = spacingOption(options, issues);
  if (issues.length) throw new ScenarioInputError(issues);

  const plan = planSweep(loadScenarioInput(positional[0]), varied, spacingMm);
  if ('issues' in plan) throw new ScenarioInputError(plan.issues);
  // Fail once, plainly, rather than once per run in every thread.
  loadKernels();
  return runSweep({
    plan,
    variedPaths: varied.map((v) => v.path),
    shard,
    threads,
    outPath: options.get('out'),
    header: !options.has('no-header'),
    out: io.out,
    err: io.err,
  });
}
