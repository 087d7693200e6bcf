/**
 * `cryo optimise <scenario.json | built-in id> [--objective shortest|least-skin] [--target nerve_full_minus20|nerve_full_minus40|nerve_block]
 *  [--probability P] [--skin-margin-mm M] [--max-total-s T] [--cycles 1,2] [--thaw passive,active]
 *  [--thaw-s S] [--tolerance-s S] [--samples N] [--seed S] [--max-runs R] [--workers N]
 *  [--spacing-mm S] [--out suggestion.json] [--summary summary.json]`:
 * the shortest freeze schedule (or the least skin exposure) meeting a nerve target with the
 * given probability under the constraints. Reads and checks the request; the search lives in workers/optimise/. Progress
 * goes to stderr, the JSON summary (`cryo-optimise/1`) to stdout or --summary, the suggested
 * scenario to --out. Exit 0 when a schedule was found, 1 when none meets the target, 130 after
 * Ctrl-C (the summary then holds the candidates tried).
 */
import { writeFileSync } from 'node:fs';
import { BUILTIN_COMPARISONS } from '../../scenarios/builtin.ts';
import { isRecord } from '../../scenarios/checks.ts';
import { ENSEMBLE_LIMITS, OPTIMISE_DEFAULTS, OPTIMISE_LIMITS } from '../../scenarios/presets.ts';
import { COMPARISON_SCHEMA, type Issue, type Uncertainty } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { makeEvaluator } from '../optimise/evaluate.ts';
import { runsPerEvaluation } from '../optimise/score.ts';
import type { ThawType } from '../optimise/schedule.ts';
import { OBJECTIVES, searchProtocol, TARGETS, type Objective, type Target } from '../optimise/search.ts';
import { SIGNAL_EXIT } from '../sweep/sweep-pool.ts';
import { numberOption, parseArgs, UsageError, workersOption } from './args.ts';
import { loadScenarioInput } from '../node/load-scenario.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import type { Io } from './io.ts';

const OPTIMISE_SCHEMA = 'cryo-optimise/1';
const VALUE_OPTIONS = ['objective', 'target', 'probability', 'skin-margin-mm', 'max-total-s', 'cycles', 'thaw', 'thaw-s', 'tolerance-s', 'samples', 'seed', 'max-runs', 'workers', 'spacing-mm', 'out', 'summary'];

export async function optimiseCommand(argv: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(argv, VALUE_OPTIONS);
  if (positional.length !== 1) throw new UsageError('optimise needs exactly one scenario file or built-in scenario id');
  const issues: Issue[] = [];
  const bad = (name: string, message: string) => issues.push({ path: `--${name}`, message });
  const number = (name: string, fallback: number, check: (v: number) => boolean, what: string) => numberOption(options, issues, name, check, what) ?? fallback;
  const whole = (v: number) => Number.isInteger(v);
  const target = (options.get('target') ?? 'nerve_full_minus20') as Target;
  if (!TARGETS.includes(target)) bad('target', `must be one of ${TARGETS.join(', ')}, got ${options.get('target')}`);
  const objective = (options.get('objective') ?? 'shortest') as Objective;
  if (!OBJECTIVES.includes(objective)) bad('objective', `must be shortest (least total time) or least-skin (largest median ice-to-skin gap), got ${options.get('objective')}`);
  const probability = number('probability', OPTIMISE_DEFAULTS.probability, (v) => v > 0 && v <= 1, 'a probability in (0, 1]');
  const skinText = options.get('skin-margin-mm');
  const skinMarginMm = skinText === undefined ? null : number('skin-margin-mm', 0, (v) => v > 0, 'a margin > 0 (mm)');
  const maxTotalS = number('max-total-s', OPTIMISE_DEFAULTS.maxTotalS, (v) => v > 0 && v <= OPTIMISE_LIMITS.maxTotalS, `a time in seconds from 1 to ${OPTIMISE_LIMITS.maxTotalS}`);
  const toleranceS = number('tolerance-s', OPTIMISE_DEFAULTS.toleranceS, (v) => whole(v) && v >= OPTIMISE_LIMITS.minToleranceS, 'a whole number of seconds ≥ 1');
  const maxRuns = number('max-runs', OPTIMISE_DEFAULTS.maxRuns, (v) => whole(v) && v >= 1 && v <= OPTIMISE_LIMITS.maxRuns, `a whole number from 1 to ${OPTIMISE_LIMITS.maxRuns}`);
  const samplesOpt = options.has('samples') ? number('samples', 1, (v) => whole(v) && v >= 1 && v <= ENSEMBLE_LIMITS.maxSamples, `a whole number from 1 to ${ENSEMBLE_LIMITS.maxSamples} (1 = deterministic)`) : undefined;
  const seedOpt = options.has('seed') ? number('seed', 1, (v) => whole(v) && v >= 0 && v <= ENSEMBLE_LIMITS.maxSeed, 'a whole number ≥ 0') : undefined;
  const threads = workersOption(options, issues);
  const spacingMm = options.has('spacing-mm') ? number('spacing-mm', 0, (v) => v > 0, 'a grid spacing > 0 (mm)') : undefined;
  const cyclesText = options.get('cycles');
  const cycles = cyclesText === undefined ? [...OPTIMISE_DEFAULTS.cycles] : cyclesText.split(',').map(Number);
  if (cycles.length === 0 || cycles.some((c) => !whole(c) || c < 1 || c > OPTIMISE_LIMITS.maxCycles)) bad('cycles', `must be a comma list of freeze counts from 1 to ${OPTIMISE_LIMITS.maxCycles}, e.g. 1,2; got ${cyclesText}`);
  const thawText = options.get('thaw');
  const thaws = (thawText === undefined ? [...OPTIMISE_DEFAULTS.thaws] : thawText.split(',')) as ThawType[];
  if (thaws.some((t) => t !== 'passive' && t !== 'active')) bad('thaw', `must be a comma list of passive and/or active, got ${thawText}`);
  if (issues.length) throw new ScenarioInputError(issues);

  // The scenario, its uncertainty section apart.
  const input = positional[0];
  if (Object.hasOwn(BUILTIN_COMPARISONS, input)) throw new ScenarioInputError([{ path: input, message: 'optimise takes one scenario, not a comparison; give one of its protocols as a scenario file' }]);
  const loaded = loadScenarioInput(input);
  if (isRecord(loaded) && loaded.schema === COMPARISON_SCHEMA) throw new ScenarioInputError([{ path: input, message: 'optimise takes one scenario, not a comparison' }]);
  if (!isRecord(loaded)) {
    const v = validateScenario(loaded);
    throw new ScenarioInputError(v.ok ? [{ path: input, message: 'not a scenario' }] : v.issues);
  }
  const { uncertainty: section, ...file } = loaded;
  if (spacingMm !== undefined && isRecord(file.geometry)) file.geometry.spacing_mm = spacingMm;
  const base = validateScenario(file);
  if (!base.ok) throw new ScenarioInputError(base.issues);
  if (!base.scenario.nerve) throw new ScenarioInputError([{ path: 'nerve', message: `missing: the target ${target} is about the nerve; add a "nerve" to the scenario` }]);
  const firstThaw = base.scenario.protocol.find((p) => p.phase === 'passive_thaw' || p.phase === 'active_thaw');
  const thawS = number('thaw-s', firstThaw?.duration_s ?? OPTIMISE_DEFAULTS.thawS, (v) => v > 0, 'a thaw duration > 0 (s)');
  if (issues.length) throw new ScenarioInputError(issues);

  let uncertainty: Uncertainty | null = null;
  if (samplesOpt !== 1) {
    if (!isRecord(section)) {
      if (samplesOpt !== undefined)
        throw new ScenarioInputError([{ path: '--samples', message: 'the scenario has no "uncertainty" section to sample; add one (docs/scenario-format.md) or use --samples 1 for a deterministic search' }]);
    } else {
      const raw = { ...section, ...(samplesOpt !== undefined ? { samples: samplesOpt } : {}), ...(seedOpt !== undefined ? { seed: seedOpt } : {}) };
      const v = validateScenario({ ...file, uncertainty: raw });
      if (!v.ok) throw new ScenarioInputError(v.issues);
      uncertainty = v.scenario.uncertainty!;
      const onProtocol = uncertainty.inputs.filter((i) => i.path.startsWith('protocol'));
      if (onProtocol.length)
        throw new ScenarioInputError([{ path: 'uncertainty.inputs', message: `${onProtocol.map((i) => i.path).join(', ')}: the optimiser sets the protocol itself; drop uncertain protocol inputs` }]);
    }
  }

  const kernels = loadKernels();
  const perEvaluation = runsPerEvaluation(uncertainty);
  io.err.write(
    `cryo optimise: shortest schedule with P(${target}) ≥ ${probability}${skinMarginMm === null ? '' : ` and P(ice within ${skinMarginMm} mm of the skin) ≤ ${+(1 - probability).toFixed(6)}`}; ` +
      `${uncertainty ? `${uncertainty.samples} members (seed ${uncertainty.seed}), ${perEvaluation} run${perEvaluation === 1 ? '' : 's'} per candidate` : 'deterministic, 1 run per candidate'}; at most ${maxRuns} runs\n`,
  );
  const evaluator = makeEvaluator({ file, uncertainty, target, skinMarginMm, threads: Math.min(threads, perEvaluation), kernels });
  // Ctrl-C: finish the candidate under way, then report what was found (a second Ctrl-C quits at once).
  const stop = { requested: false };
  const onSignal = () => {
    if (stop.requested) process.exit(SIGNAL_EXIT.SIGINT);
    stop.requested = true;
    io.err.write('cryo optimise: stopping after the candidate under way (Ctrl-C again to quit now)\n');
  };
  process.on('SIGINT', onSignal);
  let result;
  try {
    result = await searchProtocol(
      { target, objective, probability, skinMarginMm, maxTotalS, cycles, thaws, thawS, toleranceS, maxRuns, runsPerEvaluation: perEvaluation, stop },
      evaluator.evaluate,
      (line) => io.err.write(line + '\n'),
    );
  } finally {
    process.off('SIGINT', onSignal);
    await evaluator.close();
  }

  const name = typeof file.name === 'string' ? file.name : input;
  const summary = {
    schema: OPTIMISE_SCHEMA,
    scenario: name,
    target,
    objective,
    probability,
    skin_margin_mm: skinMarginMm,
    max_total_s: maxTotalS,
    thaw_s: thawS,
    samples: uncertainty?.samples ?? 1,
    seed: uncertainty?.seed ?? null,
    ...result,
  };
  const json = JSON.stringify(summary, null, 2) + '\n';
  const summaryPath = options.get('summary');
  if (summaryPath) writeFileSync(summaryPath, json);
  else io.out.write(json);
  const out = options.get('out');
  if (result.chosen && out) {
    const suggestion = { ...file, name: `${name} — suggested by cryo optimise`, protocol: result.chosen.phases, ...(isRecord(section) ? { uncertainty: section } : {}) };
    writeFileSync(out, JSON.stringify(suggestion, null, 2) + '\n');
  }
  if (result.interrupted) io.err.write(`cryo optimise: interrupted after ${result.candidates.length} candidates; the summary holds them (interrupted: true)\n`);
  if (!result.chosen) {
    io.err.write(`cryo optimise: no allowed schedule meets the target${result.budget_exhausted ? ' within the run budget (raise --max-runs)' : result.interrupted ? ' among the candidates tried' : ''}; see "structures" in the summary for why\n`);
    return result.interrupted ? SIGNAL_EXIT.SIGINT : 1;
  }
  const c = result.chosen;
  io.err.write(
    `cryo optimise: ${c.structure}, freeze ${c.freeze_s} s (total ${c.total_s} s, within ${result.tolerance_s} s per freeze): P(target) ${c.probability.toFixed(3)}; ${result.runs} runs${out ? ` → ${out}` : ''}${result.budget_exhausted || result.interrupted ? ' (search cut short: the bracket may be wider than the tolerance and other structures untried)' : ''}\n`,
  );
  return result.interrupted ? SIGNAL_EXIT.SIGINT : 0;
}
