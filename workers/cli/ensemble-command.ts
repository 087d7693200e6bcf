/**
 * `cryo ensemble <scenario.json | built-in id | comparison> [--uncertainty u.json] [--samples N]
 *  [--seed S] [--out ensemble.json] [--workers N] [--shard i/n | auto | auto/n] [--spacing-mm S]
 *  [--skin-margin-mm M]` and `cryo ensemble merge <part.json>… [--out ensemble.json]`.
 * Reads and checks the request; sampling, running and merging live in workers/ensemble/.
 * A comparison takes its `uncertainty` section from --uncertainty (a comparison file has no
 * such section) and runs every protocol with the same members (common random numbers).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { BUILTIN_COMPARISONS, expandComparison, validateComparison } from '../../scenarios/builtin.ts';
import { isRecord } from '../../scenarios/checks.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { ENSEMBLE_LIMITS, ENSEMBLE_SKIN_MARGIN_MM, SOBOL_MIN_SAMPLES_FOR_SENSITIVITY } from '../../scenarios/presets.ts';
import { COMPARISON_SCHEMA, type ComparisonFile, type Issue, type Uncertainty } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { planEnsemble, type ProtocolInput } from '../ensemble/ensemble-plan.ts';
import { mergeEnsembles } from '../ensemble/merge.ts';
import { runEnsemble, sensitivityTable, summaryTable } from '../ensemble/run-ensemble.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { shardOption } from '../sweep/shard.ts';
import { numberOption, parseArgs, spacingOption, UsageError, workersOption } from './args.ts';
import type { Io } from './io.ts';
import { loadScenarioInput, parseJsonFile } from '../node/load-scenario.ts';

const VALUE_OPTIONS = ['uncertainty', 'samples', 'seed', 'out', 'workers', 'shard', 'spacing-mm', 'skin-margin-mm'];

export async function ensembleCommand(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'merge') return mergeCommand(argv.slice(1), io);
  const { positional, options } = parseArgs(argv, VALUE_OPTIONS);
  if (positional.length !== 1) throw new UsageError('ensemble needs exactly one scenario file, built-in scenario or comparison id');
  const issues: Issue[] = [];
  const whole = (name: string, min: number, max: number, what: string) =>
    numberOption(options, issues, name, (v) => Number.isInteger(v) && v >= min && v <= max, `a whole number from ${min} to ${max} (${what})`);
  const samples = whole('samples', 1, ENSEMBLE_LIMITS.maxSamples, 'members; split larger studies with --shard and merge');
  const seed = whole('seed', 0, ENSEMBLE_LIMITS.maxSeed, 'the seed that makes the ensemble reproducible');
  const threads = workersOption(options, issues);
  const positive = (name: string) => numberOption(options, issues, name, (v) => v > 0, 'a number > 0 (mm)');
  const spacingMm = spacingOption(options, issues);
  const skinMarginMm = positive('skin-margin-mm') ?? ENSEMBLE_SKIN_MARGIN_MM.value;
  const shard = shardOption(options.get('shard'), issues);
  if (issues.length) throw new ScenarioInputError(issues);

  const { name, protocols, section } = loadRequest(positional[0], options.get('uncertainty'));
  const raw = { ...section, ...(samples !== undefined ? { samples } : {}), ...(seed !== undefined ? { seed } : {}) };
  if (spacingMm !== undefined) for (const p of protocols) if (isRecord(p.file.geometry)) p.file.geometry.spacing_mm = spacingMm;
  const uncertainty = resolveUncertainty(protocols, raw);
  if (uncertainty.preset_ranges) io.err.write(presetRangesNote(uncertainty));
  if (uncertainty.design === 'sobol' && uncertainty.samples < SOBOL_MIN_SAMPLES_FOR_SENSITIVITY)
    io.err.write(`cryo ensemble: note: a Sobol design with fewer than ${SOBOL_MIN_SAMPLES_FOR_SENSITIVITY} members leaves some inputs strongly correlated with each other, so the sensitivity table may credit the wrong one; use "design": "lhs" or more samples\n`);
  const plan = planEnsemble(uncertainty, protocols);
  loadKernels(); // fail once, plainly, rather than once per run in every thread
  return runEnsemble({ name, plan, shard, threads, skinMarginMm, outPath: options.get('out'), out: io.out, err: io.err });
}

/** The protocols to run (scenario files without their uncertainty section) and the raw section. */
function loadRequest(input: string, uncertaintyPath: string | undefined): { name: string; protocols: ProtocolInput[]; section: Record<string, unknown> } {
  const fromFile = uncertaintyPath === undefined ? undefined : readSection(uncertaintyPath);
  const loaded = Object.hasOwn(BUILTIN_COMPARISONS, input) ? structuredClone(BUILTIN_COMPARISONS[input]) : loadScenarioInput(input);
  if (isRecord(loaded) && loaded.schema === COMPARISON_SCHEMA) {
    const v = validateComparison(loaded);
    if (!v.ok) throw new ScenarioInputError(v.issues);
    if (!fromFile)
      throw new ScenarioInputError([{ path: '--uncertainty', message: 'a comparison has no uncertainty section of its own; give one as a JSON file, e.g. --uncertainty u.json with {"placement_error_mm": [1, 0, 1], "samples": 32}' }]);
    const set = loaded as unknown as ComparisonFile;
    const protocols = expandComparison(set).map(({ id, scenario }) => ({ id, file: scenario as unknown as Record<string, unknown> }));
    return { name: set.name, protocols, section: fromFile };
  }
  if (!isRecord(loaded)) {
    const v = validateScenario(loaded);
    throw new ScenarioInputError(v.ok ? [{ path: input, message: 'not a scenario' }] : v.issues);
  }
  const { uncertainty, ...file } = loaded;
  const section = fromFile ?? (isRecord(uncertainty) ? uncertainty : undefined);
  if (!section) {
    const v = validateScenario(loaded);
    if (!v.ok) throw new ScenarioInputError(v.issues);
    throw new ScenarioInputError([{ path: 'uncertainty', message: 'missing: add an "uncertainty" section to the scenario (docs/scenario-format.md) or give one with --uncertainty u.json' }]);
  }
  return { name: typeof file.name === 'string' ? file.name : input, protocols: [{ id: input, file }], section };
}

function readSection(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioInputError([{ path: '--uncertainty', message: `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? e})` }]);
  }
  const value = parseJsonFile(path, text, 'an uncertainty');
  if (!isRecord(value)) throw new ScenarioInputError([{ path: '--uncertainty', message: `${path} must hold a JSON object: the uncertainty section, e.g. {"placement_error_mm": [1, 0, 1]}` }]);
  return value;
}

/** Validates the section against every protocol; all must resolve it the same way (common random numbers). */
function resolveUncertainty(protocols: ProtocolInput[], raw: Record<string, unknown>): Uncertainty {
  const resolved: Uncertainty[] = [];
  const issues: Issue[] = [];
  for (const p of protocols) {
    const v = validateScenario({ ...p.file, uncertainty: raw });
    const prefix = protocols.length > 1 ? `${p.id}: ` : '';
    if (!v.ok) issues.push(...v.issues.map((i) => ({ path: i.path, message: prefix + i.message })));
    else resolved.push(v.scenario.uncertainty!);
  }
  if (issues.length) throw new ScenarioInputError(issues);
  if (resolved[0].preset_ranges && resolved.some((r) => !isDeepStrictEqual(r.inputs.map((i) => i.path), resolved[0].inputs.map((i) => i.path))))
    throw new ScenarioInputError([
      {
        path: 'uncertainty.preset_ranges',
        message: `the protocols use different devices, so their preset ranges are different inputs and cannot share members; use "preset_ranges": ${
          Array.isArray(protocols[0].file.layers) && protocols[0].file.layers.length ? '["tissue", "layers"]' : '["tissue"]'
        } for a comparison (the anatomy is common), or run each protocol alone`,
      },
    ]);
  if (resolved.some((r) => !isDeepStrictEqual(r, resolved[0])))
    throw new ScenarioInputError([{ path: 'uncertainty.inputs', message: 'an input centres on each protocol\'s own value and those differ; give "mean" / "median" / "mode" explicitly so every protocol samples the same values' }]);
  return resolved[0];
}

/** What preset_ranges added and what it left fixed, for stderr. */
function presetRangesNote(u: Uncertainty): string {
  const p = u.preset_ranges!;
  const lines = [`cryo ensemble: preset_ranges (${p.groups.join(', ')}, ${p.distribution}) adds ${p.added.length} input${p.added.length === 1 ? '' : 's'}: ${p.added.join(', ') || 'none'}`];
  if (p.fixed.length) lines.push(`  kept fixed: ${p.fixed.map((f) => `${f.path} (${f.why})`).join('; ')}`);
  return lines.join('\n') + '\n';
}

function mergeCommand(argv: string[], io: Io): number {
  const { positional, options } = parseArgs(argv, ['out']);
  if (positional.length === 0) throw new UsageError('ensemble merge needs the part files, e.g. cryo ensemble merge part-*.json --out ensemble.json');
  const parts = positional.map((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new ScenarioInputError([{ path, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})` }]);
    }
    return { path, doc: parseJsonFile(path, text, 'an ensemble') };
  });
  const merged = mergeEnsembles(parts);
  if ('issues' in merged) throw new ScenarioInputError(merged.issues);
  const json = JSON.stringify(merged, null, 2) + '\n';
  const out = options.get('out');
  if (out) writeFileSync(out, json);
  else io.out.write(json);
  io.err.write(summaryTable(merged));
  io.err.write(sensitivityTable(merged));
  if (!merged.complete) io.err.write(`cryo ensemble merge: incomplete — ${merged.protocols[0]?.members.length ?? 0} of ${merged.uncertainty.samples} members present\n`);
  return 0;
}
