/**
 * `cryo calibrate <device-id | scenario.json> <measurements.csv> [--medium gel|tissue]
 *  [--medium-c C] [--fit a,b] [--spacing-mm S] [--max-evals N] [--out preset.json]`:
 * fits the probe's surface parameters to measured isotherm sizes and prints the fit; with
 * --out, writes the calibrated device preset.
 *
 * `cryo calibrate [scenario.json] <log.csv>... [--fit p,p] [--fit-each p] [--sensors a,b]
 *  [--each-on a] [--check log.csv]... [--spacing-mm S] [--max-evals N] [--out fit.json]`:
 * with temperature logs (a `sensor` column), scores the scenario against each log and, with
 * --fit / --fit-each, fits scenario parameters to them. The work lives in workers/calibration/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { calibrate } from '../calibration/calibrate.ts';
import { calibratedPreset, calibrationJson, calibrationText } from '../calibration/calibration-report.ts';
import { cryogenLimitC } from '../calibration/device-preset.ts';
import { deviceUnderTest } from '../calibration/device-under-test.ts';
import { chooseParameters } from '../calibration/fit-parameters.ts';
import { MEDIA, parseMeasurements, type Medium } from '../calibration/measurements.ts';
import { calibrateLogs } from '../calibration/calibrate-logs.ts';
import { checkRuns } from '../calibration/log-checks.ts';
import { failed, loadLogRun, loadScenario } from '../calibration/log-inputs.ts';
import { logCalibrationJson, logCalibrationText } from '../calibration/log-report.ts';
import { parseParameterList } from '../calibration/scenario-parameters.ts';
import { isTemperatureLog } from '../calibration/temperature-log.ts';
import { numberOption, parseArgs, spacingOption, UsageError } from './args.ts';
import type { Io } from './io.ts';

const DEFAULT_MEDIUM: Medium = 'gel';
const DEFAULT_MEDIUM_C = 37;
const DEFAULT_SPACING_MM = 0.5;
/** Each evaluation is a full solver run (a few seconds at 0.5 mm). */
const DEFAULT_MAX_EVALS = 40;

export async function calibrateCommand(argv: string[], io: Io): Promise<number> {
  const { positional, options, repeated } = parseArgs(
    argv, ['medium', 'medium-c', 'fit', 'fit-each', 'sensors', 'each-on', 'max-each-evals', 'front-weight', 'spacing-mm', 'max-evals', 'out'], ['quiet'], ['check'],
  );
  const logPaths = positional.filter(isLogFile);
  if (logPaths.length) return calibrateLogsCommand(positional, options, repeated.get('check') ?? [], io);
  if (repeated.get('check')?.length) throw new UsageError('--check needs temperature logs (a CSV with a sensor column)');
  if (positional.length !== 2) throw new UsageError('calibrate needs a device id (or scenario file) and a measurements CSV');
  const [deviceName, csvPath] = positional;
  const issues: Issue[] = [];

  const device = deviceUnderTest(deviceName);
  if ('issues' in device) issues.push(...device.issues);

  let text: string | null = null;
  try {
    text = readFileSync(csvPath, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    issues.push({ path: csvPath, message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? e})` });
  }
  const measurements = text === null ? null : parseMeasurements(csvPath, text);
  if (measurements && 'issues' in measurements) issues.push(...measurements.issues);

  const mediumText = options.get('medium');
  if (mediumText !== undefined && !(MEDIA as readonly string[]).includes(mediumText))
    issues.push({ path: '--medium', message: `must be one of ${MEDIA.join(', ')}, got ${mediumText}` });
  const numberOption = (name: string, fallback: number, ok: (x: number) => boolean, rule: string) => {
    const t = options.get(name);
    if (t === undefined) return fallback;
    const x = Number(t);
    if (t.trim() === '' || !ok(x)) issues.push({ path: `--${name}`, message: `must be ${rule}, got ${t}` });
    return x;
  };
  const spacingMm = numberOption('spacing-mm', DEFAULT_SPACING_MM, (x) => x > 0, 'a number > 0 (mm)');
  const maxEvals = numberOption('max-evals', DEFAULT_MAX_EVALS, (x) => Number.isInteger(x) && x >= 3, 'a whole number ≥ 3 (solver runs)');
  const mediumCOption = options.has('medium-c')
    ? numberOption('medium-c', DEFAULT_MEDIUM_C, (x) => x > -50 && x < 60, 'a temperature in °C between −50 and 60')
    : undefined;

  const params = 'issues' in device ? null : chooseParameters(device.preset.surface.model, cryogenLimitC(device.preset), options.get('fit'));
  if (params && 'error' in params) issues.push({ path: '--fit', message: params.error });
  if (issues.length || !measurements || 'issues' in measurements || 'issues' in device || !params || 'error' in params)
    throw new ScenarioInputError(issues);

  const setup = {
    medium: (mediumText as Medium | undefined) ?? measurements.medium ?? DEFAULT_MEDIUM,
    mediumC: mediumCOption ?? measurements.mediumC ?? DEFAULT_MEDIUM_C,
    spacingMm,
  };
  const quiet = options.has('quiet');
  if (!quiet) io.err.write(`cryo calibrate: fitting ${params.map((p) => p.name).join(', ')} of ${device.id}, at most ${maxEvals} solver runs\n`);
  const result = calibrate({
    device, measurements, setup, params, maxEvals, kernels: loadKernels(),
    onEvaluation: quiet
      ? undefined
      : (e) => io.err.write(`  run ${e.count}: ${params.map((p, i) => `${p.name} = ${e.values[i].toPrecision(4)}`).join(', ')} → RMS ${e.rmsMm.toFixed(2)} mm (${e.wallS.toFixed(1)} s)\n`),
  });
  if ('issues' in result) throw new ScenarioInputError(result.issues);

  io.out.write(calibrationText(result));
  const outPath = options.get('out');
  if (outPath) {
    writeFileSync(outPath, JSON.stringify(calibrationJson(result, calibratedPreset(result)), null, 2) + '\n');
    io.out.write(`calibrated preset written to ${outPath}\n`);
  }
  return 0;
}

/** A temperature log: a CSV whose header has a `sensor` column (unreadable files are reported later). */
function isLogFile(path: string): boolean {
  if (!path.toLowerCase().endsWith('.csv')) return false;
  try {
    return isTemperatureLog(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

const DEFAULT_LOG_MAX_EVALS = 30;
const DEFAULT_EACH_EVALS = 12;

async function calibrateLogsCommand(positional: string[], options: Map<string, string>, checkPaths: string[], io: Io): Promise<number> {
  const issues: Issue[] = [];
  for (const name of ['medium', 'medium-c'] as const)
    if (options.has(name)) issues.push({ path: `--${name}`, message: 'applies to isotherm-size files; with temperature logs the scenario sets the medium' });
  const first = positional[0];
  const hasScenario = !first.toLowerCase().endsWith('.csv');
  let defaultScenario: unknown = null;
  if (hasScenario) {
    const loaded = loadScenario(first);
    if (failed(loaded)) issues.push(...loaded.issues);
    else defaultScenario = loaded;
  }
  const load = (paths: string[]) =>
    paths.flatMap((p) => {
      const r = loadLogRun(p, defaultScenario);
      if ('issues' in r) {
        issues.push(...r.issues);
        return [];
      }
      return [r];
    });
  const runs = load(positional.slice(hasScenario ? 1 : 0));
  const checks = load(checkPaths);
  const params = (name: string) => {
    const t = options.get(name);
    if (t === undefined) return [];
    const p = parseParameterList(t);
    if ('error' in p) {
      issues.push({ path: `--${name}`, message: p.error });
      return [];
    }
    return p;
  };
  const shared = params('fit');
  const each = params('fit-each');
  for (const p of each) if (shared.some((q) => q.path === p.path)) issues.push({ path: '--fit-each', message: `${p.path} is also in --fit; fit it jointly or per run, not both` });
  const list = (name: string) => (options.get(name) ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const sensors = list('sensors');
  const eachOn = list('each-on');
  const int = (name: string, fallback: number) =>
    numberOption(options, issues, name, (x) => Number.isInteger(x) && x >= 3 && x <= 10_000, 'a whole number from 3 to 10000 (solver runs)') ?? fallback;
  const maxEvals = int('max-evals', DEFAULT_LOG_MAX_EVALS);
  const maxEachEvals = int('max-each-evals', DEFAULT_EACH_EVALS);
  const frontWeightCPerMm = numberOption(options, issues, 'front-weight', (w) => w >= 0 && w <= 1000, 'a number from 0 to 1000 (°C per mm of front error)') ?? 0;
  const spacingMm = spacingOption(options, issues);
  if (runs.length === 0 && issues.length === 0) issues.push({ path: first, message: 'name at least one temperature log' });
  if (issues.length === 0) issues.push(...checkRuns([...runs, ...checks], shared, each, spacingMm, sensors, eachOn));
  if (issues.length) throw new ScenarioInputError(issues);

  const quiet = options.has('quiet');
  const result = calibrateLogs({
    runs, checks, shared, each, sensors, eachOn, frontWeightCPerMm, spacingMm, maxEvals, maxEachEvals, kernels: loadKernels(),
    onEvaluation: quiet ? undefined : (e) => io.err.write(`  run ${e.count}: ${e.label} ${e.values.map((v) => v.toPrecision(4)).join(', ')} → SSR ${e.ssr.toPrecision(4)} °C² (${e.wallS.toFixed(1)} s)\n`),
  });
  io.out.write(logCalibrationText(result));
  const outPath = options.get('out');
  if (outPath) {
    writeFileSync(outPath, JSON.stringify(logCalibrationJson(result), null, 2) + '\n');
    io.out.write(`calibration written to ${outPath}\n`);
  }
  return 0;
}
