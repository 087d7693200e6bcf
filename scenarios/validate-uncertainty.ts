/**
 * The `uncertainty` section (issue 13): which scenario fields `cryo ensemble` samples, from
 * which distributions, plus the nerve–probe placement error, sample count, seed and design.
 * Every input path is checked the way a member will use it: set in a copy of the file at the
 * distribution's centre and at both ends of what it samples, and the copy validated, so an
 * unknown path or a distribution that reaches invalid values is reported here, by path,
 * before anything runs. `preset_ranges` (preset-ranges.ts) adds inputs from the presets'
 * published ranges, checked the same way. Never throws; the work is bounded by ENSEMBLE_LIMITS.
 */
import { distributionOf, keptMass, sampleAt } from './distributions.ts';
import { formatSteps, parseJsonPath, setAtPath, type PathStep } from './json-path.ts';
import { at, describe, fmt, Issues, isRecord, knownKeys, list, num, oneOf, record, str } from './checks.ts';
import { ENSEMBLE_DEFAULTS, ENSEMBLE_LIMITS } from './presets.ts';
import { checkPresetRanges, presetRangeInputs } from './preset-ranges.ts';
import { saltelliBlocks, SOBOL_MAX_DIMS } from './uncertainty-design.ts';
import type { InputBounds, Issue, Scenario, UncertainInput, Uncertainty, Vec3 } from './schema.ts';

const UNCERTAINTY_KEYS = ['inputs', 'placement_error_mm', 'samples', 'seed', 'design', 'preset_ranges'];
const DISTRIBUTIONS = ['normal', 'lognormal', 'uniform', 'triangular'] as const;
const PARAMS: Record<(typeof DISTRIBUTIONS)[number], string[]> = {
  normal: ['mean', 'sd'],
  lognormal: ['median', 'sigma_log'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
};
/** The ends of the sampled range that are checked: beyond them lie 1 member in a million. */
const END_U = 1e-6;

type Validate = (file: unknown) => { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] };

/**
 * The resolved section, or undefined with issues. `file` is the scenario as written and
 * `base` its resolved form (for the current value of a field a distribution centres on);
 * `validate` validates a scenario file (validate.ts passes its own validator).
 */
export function checkUncertainty(iss: Issues, value: unknown, file: Record<string, unknown>, base: Scenario, validate: Validate): Uncertainty | undefined {
  const u = record(iss, 'uncertainty', value, '{"inputs": [...], "placement_error_mm": [1, 0, 1], "samples": 64, "seed": 1, "design": "lhs"}');
  if (!u) return undefined;
  knownKeys(iss, 'uncertainty', u, UNCERTAINTY_KEYS, 'the uncertainty section');
  const before = iss.count;
  const { maxSamples, maxInputs, maxPlacementSdMm, maxSeed } = ENSEMBLE_LIMITS;
  const samples =
    u.samples === undefined
      ? ENSEMBLE_DEFAULTS.samples
      : num(iss, 'uncertainty.samples', u.samples, { min: 1, max: maxSamples, integer: true, hint: `each sample is a whole run; for more, run several ensembles with different seeds or split one with --shard` });
  const seed = u.seed === undefined ? ENSEMBLE_DEFAULTS.seed : num(iss, 'uncertainty.seed', u.seed, { min: 0, max: maxSeed, integer: true, hint: 'a whole number that makes the ensemble reproducible' });
  const design = u.design === undefined ? ENSEMBLE_DEFAULTS.design : oneOf(iss, 'uncertainty.design', u.design, ['lhs', 'random', 'sobol', 'saltelli'] as const, 'the sampling design');
  const placement = checkPlacement(iss, u.placement_error_mm, maxPlacementSdMm, base);
  const rawInputs = u.inputs === undefined ? [] : list(iss, 'uncertainty.inputs', u.inputs, 'of uncertain inputs', { max: maxInputs });
  const inputs: UncertainInput[] = [];
  const seen = new Map<string, number>();
  rawInputs?.forEach((raw, i) => {
    const input = checkInput(iss, at('uncertainty.inputs', i), raw, file, base, validate);
    if (!input) return;
    if (seen.has(input.path)) iss.add(at(at('uncertainty.inputs', i), 'path'), `${input.path} is already uncertainty.inputs[${seen.get(input.path)}]; give each path once`);
    seen.set(input.path, i);
    inputs.push(input);
  });
  const presetRequest = checkPresetRanges(iss, u.preset_ranges);
  if (iss.count > before || samples === undefined || seed === undefined || !design || !placement || !rawInputs || presetRequest === undefined) return undefined;
  // Preset ranges come after the explicit inputs; an explicit input of the same path wins.
  const presets = presetRequest ? presetRangeInputs(iss, presetRequest, file, new Set(inputs.map((i) => i.path))) : null;
  if (iss.count > before) return undefined;
  const expanded = presets?.inputs ?? [];
  if (inputs.length + expanded.length > ENSEMBLE_LIMITS.maxExpandedInputs)
    iss.add('uncertainty.preset_ranges', `gives ${expanded.length} inputs, with the ${inputs.length} explicit ones more than ${ENSEMBLE_LIMITS.maxExpandedInputs}; list only some groups, e.g. "preset_ranges": ["tissue"]`);
  else for (const input of expanded) {
    const path = `uncertainty.preset_ranges (${input.path})`;
    const d = distributionOf(input);
    const steps = (parseJsonPath(input.path) as { steps: PathStep[] }).steps;
    for (const v of [...new Set([sampleAt(d, END_U), sampleAt(d, 1 - END_U)])]) if (!tryValue(iss, path, file, steps, v, validate, `list ${input.path} in "inputs" with a range that stays valid (it then replaces the preset range), or leave its group out of preset_ranges`)) break;
    inputs.push(input);
  }
  if (design === 'sobol' && inputs.length + 3 > SOBOL_MAX_DIMS)
    iss.add('uncertainty.design', `a Sobol design has at most ${SOBOL_MAX_DIMS} dimensions (inputs + 3 placement axes), this section has ${inputs.length + 3}; use "lhs" or fewer inputs`);
  if (design === 'saltelli') {
    const blocks = saltelliBlocks({ inputs, placement_error_mm: placement });
    if (samples % blocks !== 0 || samples < 2 * blocks) {
      const lower = Math.max(2, Math.floor(samples / blocks)) * blocks;
      const suggestion = [lower, lower + blocks].filter((v) => v <= maxSamples).join(' or ');
      iss.add(
        'uncertainty.samples',
        `a Saltelli design needs a multiple of ${blocks} members (${blocks - 2} varying inputs and placement axes, plus 2), at least ${2 * blocks}; got ${samples}${suggestion ? `: use ${suggestion}` : `; fewer inputs fit within ${maxSamples}`}`,
      );
    }
  }
  if (iss.count > before) return undefined;
  if (inputs.length === 0 && placement.every((sd) => sd === 0))
    iss.add('uncertainty', presets ? 'nothing is uncertain: the presets this scenario uses give no ranges (see the preset_ranges notes), and there are no other inputs or placement error' : 'nothing is uncertain: list inputs in "inputs" or give "placement_error_mm" a non-zero standard deviation');
  return iss.count > before ? undefined : { inputs, placement_error_mm: placement, samples, seed, design, ...(presets ? { preset_ranges: presets.summary } : {}) };
}

function checkPlacement(iss: Issues, value: unknown, maxSd: number, base: Scenario): Vec3 | undefined {
  if (value === undefined) return [0, 0, 0];
  const path = 'uncertainty.placement_error_mm';
  if (!Array.isArray(value) || value.length !== 3) {
    iss.add(path, `must be [sx, sy, sz]: the standard deviation (mm) of the nerve–probe offset along x, y and depth, got ${describe(value)}`);
    return undefined;
  }
  const sd = value.map((v, k) => num(iss, at(path, k), v, { min: 0, max: maxSd, hint: 'a standard deviation (mm) is ≥ 0' }));
  if (sd.some((v) => v === undefined)) return undefined;
  if (!base.nerve && sd.some((v) => v! > 0)) {
    iss.add(path, 'the scenario has no nerve to misplace; add a "nerve" or set the placement error to [0, 0, 0]');
    return undefined;
  }
  return sd as Vec3;
}

function checkInput(iss: Issues, path: string, raw: unknown, file: Record<string, unknown>, base: Scenario, validate: Validate): UncertainInput | undefined {
  const r = record(iss, path, raw, '{"path": "tissue.perfusion_w_m3k", "distribution": "normal", "mean": 2500, "sd": 500, "bounds": {"low": 0}}');
  if (!r) return undefined;
  const before = iss.count;
  const fieldPath = str(iss, at(path, 'path'), r.path, 'a JSON path as cryo sweep understands it, e.g. protocol[0].duration_s', { nonEmpty: true });
  const parsed = fieldPath === undefined ? undefined : parseJsonPath(fieldPath);
  if (parsed && 'error' in parsed) iss.add(at(path, 'path'), parsed.error);
  const steps = parsed && 'steps' in parsed ? parsed.steps : undefined;
  const kind = oneOf(iss, at(path, 'distribution'), r.distribution, DISTRIBUTIONS, 'the distribution');
  if (!kind) return undefined;
  knownKeys(iss, path, r, ['path', 'distribution', 'bounds', ...PARAMS[kind]], `a ${kind} input`);
  const current = steps ? currentValue(base, steps) : undefined;
  const centre = (key: string) => {
    if (r[key] !== undefined || current === undefined) return num(iss, at(path, key), r[key], current === undefined ? { hint: `${fieldPath ?? 'the path'} has no number in the resolved scenario to centre on; give ${key}` } : {});
    return current;
  };
  const spread = (key: string, what: string) => num(iss, at(path, key), r[key], { min: 0, hint: `${what} cannot be negative; 0 keeps the input fixed` });
  let input: UncertainInput | undefined;
  if (kind === 'normal') {
    const mean = centre('mean');
    const sd = spread('sd', 'a standard deviation');
    if (mean !== undefined && sd !== undefined) input = { path: fieldPath!, distribution: kind, mean, sd };
  } else if (kind === 'lognormal') {
    const median = r.median === undefined && current !== undefined ? current : num(iss, at(path, 'median'), r.median, { gt: 0 });
    if (median !== undefined && !(median > 0)) iss.add(at(path, 'median'), `a lognormal input needs a median > 0; the field's value is ${fmt(median)}, give "median" or use "normal"`);
    const sigma = spread('sigma_log', 'sigma_log (the standard deviation of ln x)');
    if (median !== undefined && median > 0 && sigma !== undefined) input = { path: fieldPath!, distribution: kind, median, sigma_log: sigma };
  } else {
    const min = num(iss, at(path, 'min'), r.min);
    const max = num(iss, at(path, 'max'), r.max);
    if (min !== undefined && max !== undefined && min > max) iss.add(at(path, 'min'), `min ${fmt(min)} is greater than max ${fmt(max)}; swap them`);
    else if (min !== undefined && max !== undefined) {
      if (kind === 'uniform') input = { path: fieldPath!, distribution: kind, min, max };
      else {
        const mode = centre('mode');
        if (mode !== undefined && (mode < min || mode > max)) iss.add(at(path, 'mode'), `the mode ${fmt(mode)} must lie within min ${fmt(min)} and max ${fmt(max)}`);
        else if (mode !== undefined) input = { path: fieldPath!, distribution: kind, min, mode, max };
      }
    }
  }
  const bounds = checkBounds(iss, at(path, 'bounds'), r.bounds);
  if (!input || bounds === undefined || iss.count > before || !steps) return undefined;
  if (bounds) input.bounds = bounds;
  const d = distributionOf(input);
  if (!(keptMass(d, bounds ?? undefined) > 0)) {
    iss.add(at(path, 'bounds'), 'the bounds exclude the whole distribution; widen them or move the distribution inside');
    return undefined;
  }
  // Where members will land: the centre, and the ends of the sampled range.
  const probes = [...new Set([sampleAt(d, 0.5, input.bounds), sampleAt(d, END_U, input.bounds), sampleAt(d, 1 - END_U, input.bounds)])];
  for (const v of probes) if (!tryValue(iss, path, file, steps, v, validate)) return undefined;
  return input;
}

function checkBounds(iss: Issues, path: string, value: unknown): InputBounds | null | undefined {
  if (value === undefined) return null;
  const b = record(iss, path, value, '{"low": 0, "high": 10000}');
  if (!b) return undefined;
  knownKeys(iss, path, b, ['low', 'high'], 'bounds');
  const low = b.low === undefined ? undefined : num(iss, at(path, 'low'), b.low);
  const high = b.high === undefined ? undefined : num(iss, at(path, 'high'), b.high);
  if ((b.low !== undefined && low === undefined) || (b.high !== undefined && high === undefined)) return undefined;
  if (low !== undefined && high !== undefined && low > high) {
    iss.add(at(path, 'low'), `low ${fmt(low)} is greater than high ${fmt(high)}; swap them`);
    return undefined;
  }
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
}

/** Sets the value in a copy of the file and validates it; reports the first problems under the input's path. */
function tryValue(iss: Issues, path: string, file: Record<string, unknown>, steps: PathStep[], value: number, validate: Validate, fix = 'narrow the distribution or add "bounds"'): boolean {
  const copy = structuredClone({ ...file, uncertainty: undefined });
  delete copy.uncertainty;
  const error = setAtPath(copy, steps, value);
  if (error) {
    iss.add(at(path, 'path'), error);
    return false;
  }
  const v = validate(copy);
  if (v.ok) return true;
  const name = formatSteps(steps);
  const unknown = v.issues.find((i) => i.path === name && i.message.startsWith('unknown field'));
  if (unknown) iss.add(at(path, 'path'), `${name}: ${unknown.message}`);
  else
    for (const issue of v.issues.slice(0, 3))
      iss.add(path, `with ${name} = ${fmt(value)} (a value this distribution samples) the scenario is invalid: ${issue.path}: ${issue.message}; ${fix}`);
  return false;
}

/** The number at the path in the resolved scenario (presets filled in), if there is one. */
function currentValue(base: Scenario, steps: PathStep[]): number | undefined {
  let node: unknown = base;
  for (const s of steps) {
    if ('key' in s) node = isRecord(node) ? node[s.key] : undefined;
    else node = Array.isArray(node) ? node[s.index] : undefined;
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : undefined;
}
