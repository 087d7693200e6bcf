/**
 * What a calibration hands back: a table for people (stdout) and a JSON file in the
 * DEVICE_PRESETS shape (label, cryogen, diameter_mm, active_length_mm, surface, source,
 * estimates) with the fit's details under `calibration`, so the preset can be pasted into
 * scenarios/presets.ts or its `surface` into a scenario's probe.
 */
import type { DevicePreset } from '../../scenarios/presets.ts';
import type { CalibrationResult } from './calibrate.ts';
import type { SizeComparison } from './model-sizes.ts';

/** The file name without its folders (Windows or POSIX separators; the browser has no node:path). */
const basename = (path: string) => path.split(/[\\/]/).pop() ?? path;
/** Four significant digits: the fit's own tolerance is ~0.2 %. */
const sig4 = (x: number) => Number(x.toPrecision(4));
/** Two decimals, without printing −0.00 for a residual that rounds to zero. */
const mm = (x: number) => (Math.abs(x) < 0.005 ? 0 : x).toFixed(2);

export function calibratedPreset(r: CalibrationResult, date = new Date()): DevicePreset {
  const { device, measurements, setup } = r.input;
  const surface = { ...r.surface } as Record<string, unknown>;
  for (const f of r.fitted) surface[f.parameter.name] = sig4(f.value);
  const fittedNames = r.fitted.map((f) => `surface.${f.parameter.name}`);
  const fits = r.fitted.map((f) => `${f.parameter.name} = ${sig4(f.value)} ${f.parameter.unit}`).join(', ');
  return {
    label: `${device.preset.label}, calibrated`,
    cryogen: device.preset.cryogen,
    diameter_mm: device.preset.diameter_mm,
    active_length_mm: device.preset.active_length_mm,
    surface: surface as unknown as DevicePreset['surface'],
    source:
      `calibrated against ${basename(measurements.file)} on ${date.toISOString().slice(0, 10)}: ${fits} fitted to ` +
      `${r.final.length} isotherm size(s) in ${setup.medium} at ${setup.mediumC} °C, RMS residual ${mm(r.rmsMm)} mm ` +
      `(${setup.spacingMm} mm grid)` +
      (measurements.source ? `; measurements: ${measurements.source}` : '') +
      `; before calibration: ${device.preset.source}`,
    estimates: device.preset.estimates.filter((e) => !fittedNames.includes(e)),
  };
}

const rowJson = (c: SizeComparison, start: SizeComparison) => ({
  line: c.line, time_s: c.timeS, isotherm_c: c.isothermC, quantity: c.quantity, measured_mm: c.measuredMm,
  start_mm: start.modelMm, start_residual_mm: start.residualMm, fitted_mm: c.modelMm, residual_mm: c.residualMm,
});

/** The `--out` file: the preset, plus how it was obtained. */
export function calibrationJson(r: CalibrationResult, preset: DevicePreset) {
  const { device, measurements, setup } = r.input;
  return {
    ...preset,
    calibration: {
      device: device.id,
      measurements: measurements.file,
      measurements_source: measurements.source ?? null,
      measurement_assumptions: measurements.assumptions,
      medium: setup.medium,
      medium_c: setup.mediumC,
      spacing_mm: setup.spacingMm,
      freeze_s: Math.max(...measurements.rows.map((x) => x.timeS)),
      fitted: r.fitted.map((f) => ({ name: f.parameter.name, unit: f.parameter.unit, start: f.startValue, value: f.value, at_bound: f.atBound })),
      residuals: r.final.map((c, i) => rowJson(c, r.start[i])),
      rms_start_mm: r.rmsStartMm,
      rms_mm: r.rmsMm,
      probe_surface_end_start_c: r.surfaceEndStartC,
      probe_surface_end_c: r.surfaceEndC,
      evaluations: r.evaluations,
      wall_s: r.wallS,
    },
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function calibrationText(r: CalibrationResult): string {
  const { device, measurements, setup } = r.input;
  const freezeS = Math.max(...measurements.rows.map((x) => x.timeS));
  const fixed = Object.entries(r.surface)
    .filter(([k]) => k !== 'model' && !r.fitted.some((f) => f.parameter.name === k))
    .map(([k, v]) => `${k} = ${v}`);
  const out: string[] = [
    `cryo calibrate: ${device.id} (${device.origin}) against ${measurements.file}`,
    ...(measurements.source ? [`measurements: ${measurements.source}`] : []),
    `bench: ${setup.medium} at ${setup.mediumC} °C, axisymmetric, ${setup.spacingMm} mm grid, one ${freezeS} s freeze`,
    `surface model: ${r.surface.model}${fixed.length ? ` (fixed: ${fixed.join(', ')})` : ''}`,
    `solver runs: ${r.evaluations} in ${r.wallS.toFixed(1)} s (${(r.wallS / Math.max(1, r.evaluations)).toFixed(1)} s each)`,
    '',
    table(
      ['parameter', 'start', 'fitted', 'unit'],
      r.fitted.map((f) => [f.parameter.name, String(sig4(f.startValue)), String(sig4(f.value)) + (f.atBound ? ' (at bound)' : ''), f.parameter.unit]),
    ),
    '',
    table(
      ['line', 'time_s', 'isotherm_c', 'size', 'measured_mm', 'start_mm', 'fitted_mm', 'residual_mm'],
      r.final.map((c, i) => [String(c.line), String(c.timeS), String(c.isothermC), c.quantity, mm(c.measuredMm), mm(r.start[i].modelMm), mm(c.modelMm), mm(c.residualMm)]),
    ),
    '',
    `RMS residual (model − measured): ${mm(r.rmsStartMm)} mm at the start → ${mm(r.rmsMm)} mm fitted`,
    `probe surface at the end of the freeze: ${r.surfaceEndStartC.toFixed(1)} °C at the start → ${r.surfaceEndC.toFixed(1)} °C fitted`,
  ];
  for (const f of r.fitted.filter((x) => x.atBound))
    out.push(
      `note: ${f.parameter.name} ended on its bound (${f.parameter.min}–${f.parameter.max} ${f.parameter.unit}): ` +
        'no value inside the bounds matches the measurements; check the device size, the medium and the measurements',
    );
  return out.join('\n') + '\n';
}
