/**
 * `cryo calibrate <device-id | scenario.json> <measurements.csv> [--medium gel|tissue]
 *  [--medium-c C] [--fit a,b] [--spacing-mm S] [--max-evals N] [--out preset.json]`:
 * fits the probe's surface parameters to measured isotherm sizes and prints the fit; with
 * --out, writes the calibrated device preset. The work lives in workers/calibration/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Issue } from '../../scenarios/schema.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { calibrate } from '../calibration/calibrate.ts';
import { calibratedPreset, calibrationJson, calibrationText } from '../calibration/calibration-report.ts';
import { cryogenLimitC, deviceUnderTest } from '../calibration/device-under-test.ts';
import { chooseParameters } from '../calibration/fit-parameters.ts';
import { MEDIA, parseMeasurements, type Medium } from '../calibration/measurements.ts';
import { parseArgs, UsageError } from './args.ts';
import type { Io } from './main.ts';
import { InputError } from './main.ts';

const DEFAULT_MEDIUM: Medium = 'gel';
const DEFAULT_MEDIUM_C = 37;
const DEFAULT_SPACING_MM = 0.5;
/** Each evaluation is a full solver run (a few seconds at 0.5 mm). */
const DEFAULT_MAX_EVALS = 40;

export async function calibrateCommand(argv: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(argv, ['medium', 'medium-c', 'fit', 'spacing-mm', 'max-evals', 'out'], ['quiet']);
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
    throw new InputError(issues);

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
  if ('issues' in result) throw new InputError(result.issues);

  io.out.write(calibrationText(result));
  const outPath = options.get('out');
  if (outPath) {
    writeFileSync(outPath, JSON.stringify(calibrationJson(result, calibratedPreset(result)), null, 2) + '\n');
    io.out.write(`calibrated preset written to ${outPath}\n`);
  }
  return 0;
}
