/**
 * What a finished calibration shows in the probe bench: the fitted values, the residuals
 * before and after (isotherm sizes), or each thermocouple's RMSE and its measured and
 * modelled curves before and after (temperature logs). Templates only; the numbers come from
 * the calibration job (workers/calibration/calibration-job.ts) unchanged.
 */
import { html, nothing } from 'lit';
import type { BathCurves, CalibrationOutcome, SensorCurves } from '../../../workers/calibration/calibration-job.ts';
import { bathLegendName } from '../../lib/bath-traces.ts';
import { BATH_COLOUR } from '../../lib/palette.ts';
import { fmtC, fmtDuration, fmtNum } from '../../lib/analysis.ts';
import { ARGON_SURFACE_IN_GEL_C, ARGON_WARM_MARGIN_C } from '../../ui-presets.ts';
import type { LineSeries } from './bench-line-chart.ts';
import './bench-line-chart.ts';

const sig4 = (x: number) => String(Number(x.toPrecision(4)));
/** Two decimals, and a residual that rounds to zero reads 0.00, not −0.00. */
const mm = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : (Math.abs(x) < 0.005 ? 0 : x).toFixed(2));
const degC = (x: number) => (Number.isFinite(x) ? (Math.abs(x) < 0.05 ? 0 : x).toFixed(1) : '—');

interface FittedRow {
  name: string;
  unit: string;
  start: number;
  value: number;
  atBound: boolean;
}

function fittedTable(rows: FittedRow[]) {
  return html`<div class="table-wrap">
    <table id="cal-fitted">
      <caption class="sr-only">Fitted parameters</caption>
      <thead><tr><th scope="col">Parameter</th><th scope="col">Before</th><th scope="col">Fitted</th><th scope="col">Unit</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr data-param=${r.name} data-value=${r.value}>
            <th scope="row">${r.name}</th><td>${sig4(r.start)}</td><td><b>${sig4(r.value)}</b>${r.atBound ? html` <span class="diff-big">(at a bound)</span>` : nothing}</td><td>${r.unit}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>
  ${rows.some((r) => r.atBound)
    ? html`<p class="warn" role="alert">A value ended on its bound: no value inside the bounds matches the measurements. Check the device size, the medium and the file before trusting it.</p>`
    : nothing}`;
}

function sizesResults(o: Extract<CalibrationOutcome, { kind: 'sizes' }>) {
  const c = o.file.calibration;
  return html`${fittedTable(c.fitted.map((f) => ({ name: f.name, unit: f.unit, start: f.start, value: f.value, atBound: f.at_bound })))}
    <h3>Residuals (model − measured)</h3>
    <div class="table-wrap">
      <table id="cal-residuals">
        <caption class="sr-only">Isotherm sizes measured and modelled, before and after the fit</caption>
        <thead>
          <tr>
            <th scope="col">Line</th><th scope="col">Time</th><th scope="col">Isotherm</th><th scope="col">Size</th><th scope="col">Measured (mm)</th>
            <th scope="col">Before (mm)</th><th scope="col">Residual before (mm)</th><th scope="col">Fitted (mm)</th><th scope="col">Residual after (mm)</th>
          </tr>
        </thead>
        <tbody>
          ${c.residuals.map(
            (r) => html`<tr data-line=${r.line} data-before=${r.start_residual_mm} data-after=${r.residual_mm}>
              <th scope="row">${r.line}</th><td>${fmtDuration(r.time_s)}</td><td>${fmtC(r.isotherm_c)}</td><td>${r.quantity}</td><td>${mm(r.measured_mm)}</td>
              <td>${mm(r.start_mm)}</td><td>${mm(r.start_residual_mm)}</td><td><b>${mm(r.fitted_mm)}</b></td><td><b>${mm(r.residual_mm)}</b></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="caption" id="cal-summary">
      RMS residual <b>${mm(c.rms_start_mm)} mm</b> before → <b>${mm(c.rms_mm)} mm</b> fitted, over ${c.residuals.length} size(s);
      ${c.evaluations} solver runs in ${fmtNum(c.wall_s)} s on the ${c.spacing_mm} mm grid (${c.medium} at ${fmtC(c.medium_c)}).
      Probe surface at the end of the freeze: ${fmtC(Number(degC(c.probe_surface_end_start_c)))} before → ${fmtC(Number(degC(c.probe_surface_end_c)))} fitted.
    </p>
    ${o.file.cryogen === 'argon' && c.probe_surface_end_c > ARGON_SURFACE_IN_GEL_C.value[1] + ARGON_WARM_MARGIN_C.value
      ? html`<p class="warn" id="cal-warm">The fitted probe surface (${fmtC(Number(degC(c.probe_surface_end_c)))}) is much warmer than the
          ${fmtC(ARGON_SURFACE_IN_GEL_C.value[1])} to ${fmtC(ARGON_SURFACE_IN_GEL_C.value[0])} measured at argon probes in gel: the device’s size or
          cold length may be what is off, rather than how well it draws heat.</p>`
      : nothing}
    ${c.residuals.length <= c.fitted.length
      ? html`<p class="warn" id="cal-exact">${c.fitted.length} parameter${c.fitted.length > 1 ? 's' : ''} fitted to ${c.residuals.length} size${c.residuals.length > 1 ? 's' : ''}: the match is exact by
          construction and says nothing yet about how well the model predicts. Check the fitted device against a measurement it was not fitted to.</p>`
      : nothing}`;
}

/**
 * The fitted model's baths, long-dashed grey, drawn first so the thermocouples stay on top: an
 * outer thermocouple ending on it says the bath, not the probe, sets its temperature there.
 * Only the fitted one: the before-fit bath would double the lines for a difference the caption
 * gives in numbers.
 */
function bathSeries(baths: BathCurves[]): LineSeries[] {
  return baths.map((b) => ({
    name: `${bathLegendName({ medium: b.medium, temp_c: [] })}, fitted`,
    times_s: b.after.times_s,
    values: b.after.temp_c,
    colour: BATH_COLOUR,
    dash: 'longdash',
    widthPx: 2.5,
    // Drawn under the thermocouples but listed after them.
    legendRank: 2000,
    unit: '°C',
  }));
}

/** The bath in words: where the fitted model's bath started and ended, and where it ended before the fit. */
function bathCaption(baths: BathCurves[]) {
  if (!baths.length) return nothing;
  const parts = baths.map((b) => {
    const endC = (s: { temp_c: number[] }) => s.temp_c.at(-1) ?? NaN;
    return `${bathLegendName({ medium: b.medium, temp_c: [] })} from ${degC(b.after.temp_c[0] ?? NaN)} to ${degC(endC(b.after))} °C fitted (${degC(endC(b.before))} °C before the fit)`;
  });
  return html`<p class="caption" id="cal-bath">Grey long dashes: the model’s well-mixed bath, which the log does not measure —
    ${parts.join('; ')}.</p>`;
}

/** Measured solid and black, the model before the fit dotted, after it dashed, in the sensor's colour. */
function sensorSeries(c: SensorCurves, colour: string, baths: LineSeries[]): LineSeries[] {
  return [
    ...baths,
    { name: `${c.name} measured`, times_s: c.times_s, values: c.measured, colour: '#222222', dash: 'solid', unit: '°C' },
    { name: `${c.name} model before`, times_s: c.times_s, values: c.before, colour, dash: 'dot', unit: '°C' },
    { name: `${c.name} model fitted`, times_s: c.times_s, values: c.after, colour, dash: 'dash', unit: '°C' },
  ];
}

const SENSOR_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

function logResults(o: Extract<CalibrationOutcome, { kind: 'log' }>) {
  const bath = bathSeries(o.baths);
  const worst = (k: 'rmseBeforeC' | 'rmseAfterC') => Math.max(0, ...o.curves.map((c) => c[k]));
  return html`${fittedTable(o.fitted.map((f) => ({ name: f.label, unit: f.unit, start: f.start, value: f.value, atBound: f.atBound })))}
    <h3>Thermocouples: RMSE over the freeze (°C)</h3>
    <div class="table-wrap">
      <table id="cal-sensors">
        <caption class="sr-only">Root-mean-square error of each thermocouple before and after the fit</caption>
        <thead><tr><th scope="col">Thermocouple</th><th scope="col">From the axis (mm)</th><th scope="col">Readings</th><th scope="col">RMSE before</th><th scope="col">RMSE fitted</th></tr></thead>
        <tbody>
          ${o.curves.map(
            (c) => html`<tr data-sensor=${c.name} data-before=${c.rmseBeforeC} data-after=${c.rmseAfterC}>
              <th scope="row">${c.name}</th><td>${c.distanceMm}</td><td>${c.times_s.length}</td><td>${degC(c.rmseBeforeC)}</td><td><b>${degC(c.rmseAfterC)}</b></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="caption" id="cal-summary">Worst thermocouple RMSE <b>${degC(worst('rmseBeforeC'))} °C</b> before → <b>${degC(worst('rmseAfterC'))} °C</b> fitted.</p>
    <div class="curves" id="cal-curves">
      ${o.curves.map(
        (c, i) => html`<figure>
          <figcaption>${c.name}, ${c.distanceMm} mm from the probe axis</figcaption>
          <bench-line-chart data-sensor=${c.name} .series=${sensorSeries(c, SENSOR_COLOURS[i % SENSOR_COLOURS.length], bath)} y-title="°C"
            label=${`${c.name}: measured and modelled temperature before and after the fit`}></bench-line-chart>
        </figure>`,
      )}
    </div>
    <p class="caption">Black: measured. Dotted: the model before the fit. Dashed: after it.</p>
    ${bathCaption(o.baths)}
    ${(o.file?.surface as { model?: string } | undefined)?.model === 'trace'
      ? html`<p class="warn" id="cal-trace">This device’s surface is the log’s own probe-thermocouple trace: in any protocol it replays this run’s
          timing. To carry a device to other protocols, tick “Run it on the bench as set up” and fit the bench device’s own parameters (h, gas).</p>`
      : nothing}
    ${o.presetIssues.length ? html`<p class="err" role="alert">No device preset from this fit: ${o.presetIssues.map((i) => `${i.path}: ${i.message}`).join('; ')}</p>` : nothing}`;
}

export function calibrationResults(o: CalibrationOutcome) {
  return o.kind === 'sizes' ? sizesResults(o) : logResults(o);
}
