/**
 * A temperature-log calibration as a device preset: probe 1 of the fitted run's scenario (its
 * size and surface with the fitted values put in) in the DEVICE_PRESETS shape, with the fit's
 * report (log-report.ts) under `calibration` — the same kind of file `cryo calibrate --out`
 * writes for isotherm sizes, so every reader of device presets takes it. Parameters of the
 * medium (conductivity, bath exchange, …) are fitted too but are not part of a device: the
 * source line names them so nobody mistakes the probe for the whole bench.
 */
import type { DevicePreset } from '../../scenarios/presets.ts';
import type { Issue } from '../../scenarios/schema.ts';
import type { LogCalibrationResult } from './calibrate-logs.ts';
import { scenarioProbeDevice } from './device-preset.ts';
import { logCalibrationJson } from './log-report.ts';

const sig4 = (x: number) => Number(x.toPrecision(4));
const basename = (path: string) => path.split(/[\\/]/).pop() ?? path;
/** `probes[0].surface.h_w_m2k` → `surface.h_w_m2k`: the dotted name a preset's `estimates` use. */
const probeField = (path: string) => (path.startsWith('probes[0].') ? path.slice('probes[0].'.length) : null);

export function logCalibratedPreset(r: LogCalibrationResult, date = new Date()): { preset: DevicePreset; file: Record<string, unknown> } | { issues: Issue[] } {
  const first = r.after[0];
  if (!first) return { issues: [{ path: 'runs', message: 'no fitted run to take the probe from' }] };
  const label = basename(first.run.label);
  const dut = scenarioProbeDevice(first.file, label);
  if ('issues' in dut) return dut;
  const { shared } = r.input;
  const fits = shared.map((p, i) => `${p.label} = ${sig4(r.sharedValues[i])} ${p.unit}`.trim());
  const probeFits = shared.filter((p) => probeField(p.path) !== null);
  const mediumFits = fits.filter((_, i) => probeField(shared[i].path) === null);
  const rmse = (o: typeof r.before) => Math.max(0, ...o.map((x) => x.score.worstRmseC));
  // Fitted probe numbers to four significant digits, as calibration-report.ts writes them (the fit's tolerance is ~0.2 %).
  const probe = { ...dut.preset, surface: { ...dut.preset.surface } } as unknown as Record<string, unknown> & { surface: Record<string, unknown> };
  shared.forEach((p, i) => {
    const field = probeField(p.path);
    if (!field) return;
    const [head, tail] = field.split('.');
    if (tail === undefined && typeof probe[head] === 'number') probe[head] = sig4(r.sharedValues[i]);
    else if (head === 'surface' && tail !== undefined && typeof probe.surface[tail] === 'number') probe.surface[tail] = sig4(r.sharedValues[i]);
  });
  const preset: DevicePreset = {
    ...(probe as unknown as DevicePreset),
    label: `${dut.preset.label}, calibrated`,
    source:
      `calibrated against ${r.before.map((b) => basename(b.run.label)).join(', ')} on ${date.toISOString().slice(0, 10)}: ` +
      `${fits.join(', ') || 'nothing'} fitted to thermocouple logs, worst thermocouple RMSE ${rmse(r.before).toFixed(1)} → ${rmse(r.after).toFixed(1)} °C` +
      (first.run.log.source ? `; log: ${first.run.log.source}` : '') +
      (mediumFits.length ? `; fitted with the medium (${mediumFits.join(', ')}), which this preset does not carry` : '') +
      `; before calibration: ${dut.preset.source}`,
    estimates: dut.preset.estimates.filter((e) => !probeFits.some((p) => probeField(p.path) === e)),
  };
  return { preset, file: { ...preset, calibration: { device: dut.id, ...logCalibrationJson(r) } } };
}
