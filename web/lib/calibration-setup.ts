/**
 * What the probe bench's calibration needs before a fit: the uploaded file read as an
 * isotherm-size file or a thermocouple log (the formats `cryo calibrate` reads, by the same
 * parsers), the device under test from the bench's setup, the parameters that can be fitted
 * with their bounds, and the scenario a log is run against. All pure; the fit itself runs in
 * the calibration worker (web/lib/calibration-client.ts).
 */
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { DEVICE_PRESETS } from '../../scenarios/presets.ts';
import type { Issue } from '../../scenarios/schema.ts';
import type { LogJob } from '../../workers/calibration/calibration-job.ts';
import { logJobProblems } from '../../workers/calibration/calibration-job.ts';
import { cryogenLimitC, presetDevice, type DeviceUnderTest } from '../../workers/calibration/device-preset.ts';
import { DEFAULT_FIT, parametersOf, type FitParameter } from '../../workers/calibration/fit-parameters.ts';
import { parseMeasurements, type MeasurementSet, type Medium } from '../../workers/calibration/measurements.ts';
import { NAMED_PARAMETERS } from '../../workers/calibration/scenario-parameters.ts';
import { isTemperatureLog, parseTemperatureLog, type TemperatureLog } from '../../workers/calibration/temperature-log.ts';
import { CALIBRATION_DEFAULTS } from '../ui-presets.ts';
import { benchScenario, FILE_DEVICE, type BenchSetup } from './bench.ts';

export type CalibrationFile =
  | { kind: 'sizes'; name: string; text: string; measurements: MeasurementSet }
  | { kind: 'log'; name: string; text: string; log: TemperatureLog };

/** An uploaded or pasted file read the way `cryo calibrate` reads it: a `sensor` column makes it a log. */
export function readCalibrationFile(name: string, text: string, bytes = text.length): CalibrationFile | { issues: Issue[] } {
  const maxBytes = CALIBRATION_DEFAULTS.value.maxFileBytes;
  if (bytes > maxBytes) return { issues: [{ path: name, message: `is larger than ${maxBytes / 2 ** 20} MB; resample the log (e.g. to 1 Hz) or cut it to the run you compare` }] };
  if (!text.trim()) return { issues: [{ path: `${name}:1`, message: 'the file is empty; an isotherm-size file starts with the header time_s,isotherm_c,width_mm,length_mm, a log with time_s,sensor,distance_mm,temperature_c' }] };
  if (isTemperatureLog(text)) {
    const log = parseTemperatureLog(name, text);
    return 'issues' in log ? log : { kind: 'log', name, text, log };
  }
  const m = parseMeasurements(name, text);
  return 'issues' in m ? m : { kind: 'sizes', name, text, measurements: m };
}

/** The bench's device as the calibration's device under test (a preset, or the device loaded from a file). */
export function benchDevice(setup: BenchSetup): DeviceUnderTest | null {
  if (setup.device !== FILE_DEVICE) return presetDevice(setup.device);
  const f = setup.fileDevice;
  if (!f) return null;
  const base = f.baseDevice ? DEVICE_PRESETS[f.baseDevice] : undefined;
  const surface = structuredClone(f.surface);
  return {
    id: f.baseDevice ?? 'custom-probe',
    origin: `${f.label} (from a file)`,
    preset: {
      label: f.label.replace(/, calibrated$/, ''),
      cryogen: base?.cryogen ?? (surface.model === 'convective' && surface.gas_c > -120 ? 'nitrous_oxide' : 'argon'),
      diameter_mm: f.diameter_mm,
      active_length_mm: f.active_length_mm,
      surface,
      source: f.source || f.label,
      estimates: base ? [...base.estimates] : [],
    },
  };
}

/** The calibration bench's medium for a size file: the file's own, else the bench's (perfused tissue or, for any phantom, gel). */
export function sizesMedium(m: MeasurementSet, setup: BenchSetup): { medium: Medium; mediumC: number; fromFile: boolean } {
  if (m.medium !== undefined || m.mediumC !== undefined)
    return { medium: m.medium ?? (setup.medium === 'tissue' ? 'tissue' : 'gel'), mediumC: m.mediumC ?? setup.mediumC, fromFile: true };
  return { medium: setup.medium === 'tissue' ? 'tissue' : 'gel', mediumC: setup.mediumC, fromFile: false };
}

export interface ParameterChoice {
  /** the name the fit knows it by (a surface field, or a short name of NAMED_PARAMETERS) */
  name: string;
  unit: string;
  min: number;
  max: number;
  /** for people */
  why: string;
  on: boolean;
}

const SURFACE_WHY: Record<string, string> = {
  h_w_m2k: 'film coefficient between the cold gas and the probe wall: sets how much heat the probe draws',
  gas_c: 'temperature of the expanded gas inside the probe (no colder than the cryogen allows)',
  temperature_c: 'temperature the probe surface is held at',
  cooldown_s: 'time the surface takes to reach it',
  w_per_m: 'heat drawn per metre of cold segment',
  offset_c: 'gap between the probe thermocouple and the true surface',
};

/** Parameters of the device's surface model, the default one ticked. */
export function sizeParameters(device: DeviceUnderTest): ParameterChoice[] {
  const model = device.preset.surface.model;
  return parametersOf(model, cryogenLimitC(device.preset)).map((p) => ({ name: p.name, unit: p.unit, min: p.min, max: p.max, why: SURFACE_WHY[p.name] ?? '', on: p.name === DEFAULT_FIT[model] }));
}

/** The chosen size parameters with the bounds as edited (the log scale follows the CLI's rule). */
export function chosenSizeParameters(device: DeviceUnderTest, choices: ParameterChoice[]): FitParameter[] {
  const all = parametersOf(device.preset.surface.model, cryogenLimitC(device.preset));
  return choices.filter((c) => c.on).flatMap((c) => {
    const p = all.find((q) => q.name === c.name);
    return p ? [{ ...p, min: c.min, max: c.max }] : [];
  });
}

/** Problems with edited bounds, by parameter name: the fitter needs min < max inside the CLI's own limits. */
export function boundProblems(choices: ParameterChoice[], limits: ParameterChoice[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of choices.filter((x) => x.on)) {
    const lim = limits.find((l) => l.name === c.name);
    if (!Number.isFinite(c.min) || !Number.isFinite(c.max) || !(c.min < c.max)) out[c.name] = 'the lower bound must be a number below the upper bound';
    else if (lim && (c.min < lim.min || c.max > lim.max)) out[c.name] = `bounds must stay within ${lim.min} – ${lim.max} ${lim.unit} (outside it the model stops making sense)`;
  }
  return out;
}

/** Shipped experiment scenarios by file name, so a log's `# scenario:` line finds its bench without a file system. */
const EXPERIMENTS: Record<string, unknown> = Object.fromEntries(
  Object.entries(import.meta.glob('../../scenarios/experiments/*.json', { eager: true, import: 'default' })).map(([path, file]) => [path.split('/').pop()!, file]),
);

/**
 * The scenario a log runs against: the one its `# scenario:` line names when the workbench ships
 * it (unless `onBench`), else the bench as set up.
 */
export function logScenario(log: TemperatureLog, setup: BenchSetup, onBench = false): { file: unknown; name: string; named: boolean; note: string | null } {
  const wanted = log.scenario;
  if (wanted && !onBench) {
    const base = wanted.split(/[\\/]/).pop()!;
    if (Object.hasOwn(EXPERIMENTS, base)) return { file: structuredClone(EXPERIMENTS[base]), name: base, named: true, note: null };
    if (Object.hasOwn(BUILTIN_SCENARIOS, wanted)) return { file: structuredClone(BUILTIN_SCENARIOS[wanted]), name: wanted, named: true, note: null };
  }
  return {
    file: benchWithSurface(setup),
    name: 'the bench as set up',
    named: false,
    note: wanted && !onBench ? `the log names the scenario ${wanted}, which the workbench does not ship; it is compared with the bench as set up instead (device, medium, temperature)` : null,
  };
}

/** The bench scenario with the device's size and surface written out, so a fit can set them (`h`, `gas`, `active_length`). */
function benchWithSurface(setup: BenchSetup) {
  const file = benchScenario(setup);
  const dev = benchDevice(setup);
  if (dev) file.probes[0] = { ...file.probes[0], diameter_mm: dev.preset.diameter_mm, active_length_mm: dev.preset.active_length_mm, surface: structuredClone(dev.preset.surface) };
  return file;
}

/** Whether the log names a scenario the workbench ships (so the bench can offer both). */
export function logNamesShipped(log: TemperatureLog, setup: BenchSetup): boolean {
  return logScenario(log, setup).named;
}

/** Short-named log parameters that can be set in this scenario (each tried at both bounds), the usual one ticked. */
export function logParameters(job: Omit<LogJob, 'fit'>): ParameterChoice[] {
  const usual = ['h', 'offset'];
  const out: ParameterChoice[] = [];
  for (const [name, p] of Object.entries(NAMED_PARAMETERS)) {
    const ok = logJobProblems({ ...job, fit: [name] });
    if (Array.isArray(ok)) continue;
    out.push({ name, unit: p.unit, min: p.min, max: p.max, why: p.why, on: false });
  }
  const first = out.find((c) => usual.includes(c.name)) ?? out[0];
  if (first) first.on = true;
  return out;
}

/** The `--fit` entries for the ticked log parameters, bounds as edited. */
export function logFitSpecs(choices: ParameterChoice[]): string[] {
  return choices.filter((c) => c.on).map((c) => `${c.name}=${c.min}:${c.max}`);
}
