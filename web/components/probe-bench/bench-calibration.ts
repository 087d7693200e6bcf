/**
 * Calibration in the probe bench: an isotherm-size file or a thermocouple log (uploaded or
 * pasted; the formats `cryo calibrate` reads), the parameters to fit with their bounds, a fit
 * in its own worker with progress and cancel, the residuals before and after, and the result
 * saved as the device preset file the CLI writes — downloaded, and loaded into the bench
 * (event `calibration-device`, detail: the FileDevice) so every protocol can use it.
 * A file that cannot be read says which file and line, and changes nothing.
 */
import { html, LitElement, nothing } from 'lit';
import type { Issue } from '../../../scenarios/schema.ts';
import type { CalibrationJob, CalibrationOutcome, JobProgress } from '../../../workers/calibration/calibration-job.ts';
import { fmtC } from '../../lib/analysis.ts';
import type { BenchSetup } from '../../lib/bench.ts';
import { CANCELLED, startCalibration, type RunningCalibration } from '../../lib/calibration-client.ts';
import {
  benchDevice,
  boundProblems,
  chosenSizeParameters,
  logFitSpecs,
  logParameters,
  logNamesShipped,
  logScenario,
  readCalibrationFile,
  sizeParameters,
  sizesMedium,
  type CalibrationFile,
  type ParameterChoice,
} from '../../lib/calibration-setup.ts';
import { readDeviceFile } from '../../lib/device-file.ts';
import { downloadText, safeFilename } from '../../lib/export.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { clip } from '../../lib/text.ts';
import { CALIBRATION_DEFAULTS, RESOLUTIONS_MM } from '../../ui-presets.ts';
import { calibrationResults } from './calibration-results.ts';
import { styles } from './probe-bench.styles.ts';
import { calibrationStyles } from './bench-calibration.styles.ts';

export class BenchCalibration extends LitElement {
  static override properties = {
    setup: { attribute: false },
    file: { state: true },
    choices: { state: true },
    spacingMm: { state: true },
    maxEvals: { state: true },
    pasting: { state: true },
    progress: { state: true },
    busy: { state: true },
    issues: { state: true },
    outcome: { state: true },
    notice: { state: true },
    onBench: { state: true },
  };
  static override styles = [sharedStyles, styles, calibrationStyles];

  /** the bench's setup: its device is the one fitted, its medium the default bench */
  setup: BenchSetup | null = null;
  file: CalibrationFile | null = null;
  choices: ParameterChoice[] = [];
  /** the limits the bounds may be edited within */
  private limits: ParameterChoice[] = [];
  spacingMm = CALIBRATION_DEFAULTS.value.spacingMm;
  maxEvals = CALIBRATION_DEFAULTS.value.maxEvalsSizes;
  pasting = false;
  progress: JobProgress | null = null;
  busy = false;
  issues: Issue[] = [];
  outcome: CalibrationOutcome | null = null;
  notice = '';
  /** a log that names its own scenario is run on the bench as set up instead (to fit the bench's device) */
  onBench = false;
  private running: RunningCalibration | null = null;
  /** the device the choices were made for (a device change resets them) */
  private choicesFor = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('setup') || changed.has('file') || changed.has('onBench')) && this.file && this.setup) {
      const key = `${this.file.name}|${this.file.kind}|${this.onBench}|${JSON.stringify(this.setup)}`;
      if (key !== this.choicesFor) {
        this.choicesFor = key;
        this.limits = this.offered();
        this.choices = this.limits.map((c) => ({ ...c }));
      }
    }
  }

  /** The parameters the current file and device allow, with the CLI's bounds. */
  private offered(): ParameterChoice[] {
    if (!this.file || !this.setup) return [];
    if (this.file.kind === 'sizes') {
      const dev = benchDevice(this.setup);
      return dev ? sizeParameters(dev) : [];
    }
    const sc = logScenario(this.file.log, this.setup, this.onBench);
    return logParameters({ kind: 'log', fileName: this.file.name, text: this.file.text, scenario: sc.file, spacingMm: this.spacingMm, maxEvals: this.maxEvals });
  }

  /** Reads a file's text; a refused file keeps the previous one and says why, naming file and line. */
  readText(name: string, text: string, bytes = text.length) {
    const read = readCalibrationFile(clip(name, 120), text, bytes);
    if ('issues' in read) {
      this.issues = read.issues;
      this.notice = `${clip(name, 120)} was not read; ${this.file ? `${this.file.name} is still loaded` : 'nothing changed'}.`;
      return;
    }
    this.issues = [];
    this.notice = '';
    this.outcome = null;
    this.onBench = false;
    this.file = read;
    this.maxEvals = read.kind === 'sizes' ? CALIBRATION_DEFAULTS.value.maxEvalsSizes : CALIBRATION_DEFAULTS.value.maxEvalsLog;
  }

  private async onFile(e: Event) {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    let text: string;
    try {
      text = await f.text();
    } catch (err) {
      this.issues = [{ path: clip(f.name, 120), message: `could not be read (${(err as Error).message})` }];
      return;
    }
    this.readText(f.name, text, f.size);
  }

  private readPasted() {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#cal-paste');
    this.readText('pasted text', area?.value ?? '');
    if (!this.issues.length) this.pasting = false;
  }

  private get boundErrors(): Record<string, string> {
    return boundProblems(this.choices, this.limits);
  }

  /** Why Fit cannot start now, or null. */
  private get blocked(): string | null {
    if (!this.file) return 'load a file first';
    if (!this.setup || !benchDevice(this.setup)) return 'choose a device on the bench';
    if (!this.choices.some((c) => c.on)) return 'tick at least one parameter to fit';
    if (Object.keys(this.boundErrors).length) return 'fix the bounds marked in red';
    if (!(Number.isInteger(this.maxEvals) && this.maxEvals >= 3 && this.maxEvals <= CALIBRATION_DEFAULTS.value.maxEvalsLimit))
      return `solver runs must be a whole number from 3 to ${CALIBRATION_DEFAULTS.value.maxEvalsLimit}`;
    return null;
  }

  private job(): CalibrationJob | null {
    const f = this.file;
    const setup = this.setup;
    const device = setup ? benchDevice(setup) : null;
    if (!f || !setup || !device) return null;
    if (f.kind === 'sizes') {
      const m = sizesMedium(f.measurements, setup);
      return { kind: 'sizes', fileName: f.name, text: f.text, device, medium: m.medium, mediumC: m.mediumC, spacingMm: this.spacingMm, params: chosenSizeParameters(device, this.choices), maxEvals: this.maxEvals };
    }
    const sc = logScenario(f.log, setup, this.onBench);
    return { kind: 'log', fileName: f.name, text: f.text, scenario: sc.file, fit: logFitSpecs(this.choices), spacingMm: this.spacingMm, maxEvals: this.maxEvals };
  }

  /** Runs the fit in its own worker; the previous result stays until the new one is in. */
  async fit() {
    const job = this.job();
    if (this.busy || this.blocked || !job) return;
    this.busy = true;
    this.issues = [];
    this.notice = '';
    this.progress = null;
    this.running = startCalibration(job, (p) => (this.progress = p));
    try {
      const reply = await this.running.promise;
      if (reply.ok) this.outcome = reply.outcome;
      else if (reply.issues[0]?.message === CANCELLED) this.notice = `Cancelled; ${this.outcome ? 'the previous fit stays' : 'nothing changed'}.`;
      else this.issues = reply.issues;
    } finally {
      this.running = null;
      this.busy = false;
      this.progress = null;
    }
  }

  cancel() {
    this.running?.cancel();
  }

  /** The preset file as `cryo calibrate --out` writes it, or null when the fit gave none. */
  get presetFile(): Record<string, unknown> | null {
    return this.outcome ? (this.outcome.file as Record<string, unknown> | null) : null;
  }

  private download() {
    const file = this.presetFile;
    if (!file) return;
    downloadText(`${safeFilename(String(file.label ?? 'device'))}.json`, JSON.stringify(file, null, 2) + '\n');
  }

  /** Hands the fitted device to the bench, through the same reader as an uploaded preset file. */
  private useOnBench() {
    const file = this.presetFile;
    if (!file) return;
    const read = readDeviceFile(JSON.stringify(file));
    if (!read.ok) {
      this.issues = [{ path: 'preset', message: `the fitted device cannot be used: it ${read.reason}` }];
      return;
    }
    this.dispatchEvent(new CustomEvent('calibration-device', { detail: read.device, bubbles: true, composed: true }));
  }

  private setChoice(i: number, patch: Partial<ParameterChoice>) {
    this.choices = this.choices.map((c, j) => (j === i ? { ...c, ...patch } : c));
  }

  private renderFileSummary() {
    const f = this.file;
    const setup = this.setup;
    if (!f || !setup) return nothing;
    const dev = benchDevice(setup);
    if (f.kind === 'sizes') {
      const m = sizesMedium(f.measurements, setup);
      const rows = f.measurements.rows;
      return html`<p class="cal-file" id="cal-file">
        <b>${f.name}</b>: ${rows.length} isotherm size${rows.length > 1 ? 's' : ''} (${[...new Set(rows.map((r) => `${fmtC(r.isothermC)} at ${r.timeS} s`))].join(', ')}).
        Fitted: <b>${dev?.preset.label ?? setup.device}</b> on the calibration bench of <code>cryo calibrate</code>, ${m.medium} at ${fmtC(m.mediumC)}
        ${m.fromFile ? '(from the file)' : '(the bench’s medium; the file names none)'}.
        ${f.measurements.source ? html`<span class="sub">Source: ${clip(f.measurements.source, 300)}</span>` : nothing}
      </p>`;
    }
    const sc = logScenario(f.log, setup, this.onBench);
    const shipped = logNamesShipped(f.log, setup);
    const n = f.log.sensors.reduce((a, s) => a + s.readings.length, 0);
    return html`<p class="cal-file" id="cal-file">
      <b>${f.name}</b>: temperature log, ${f.log.sensors.length} thermocouple${f.log.sensors.length > 1 ? 's' : ''} (${f.log.sensors.map((s) => `${s.distanceMm} mm`).join(', ')}), ${n} readings${f.log.fronts.length ? `, ${f.log.fronts.length} ice-front rows (reported, not fitted)` : ''}.
      Run against <b>${sc.named ? sc.name : `${dev?.preset.label ?? setup.device} on the bench as set up`}</b>${sc.named ? ' (named in the log)' : ''}.
      ${sc.note ? html`<span class="sub warn-text">Note: ${sc.note}.</span>` : nothing}
      ${shipped
        ? html`<label class="sub"><input type="checkbox" id="cal-on-bench" .checked=${this.onBench} @change=${(e: Event) => (this.onBench = (e.target as HTMLInputElement).checked)} />
            Run it on the bench as set up instead, to fit the bench’s device (set the medium, its temperature and the block to match the experiment)</label>`
        : nothing}
      ${f.log.source ? html`<span class="sub">Source: ${clip(f.log.source, 300)}</span>` : nothing}
    </p>`;
  }

  private renderParameters() {
    if (!this.file) return nothing;
    if (!this.choices.length) return html`<p class="err" role="alert">Nothing in this setup can be fitted: choose another device on the bench.</p>`;
    const errs = this.boundErrors;
    return html`<fieldset id="cal-params">
      <legend>Parameters to fit, with bounds</legend>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Fit</th><th scope="col">Parameter</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Unit</th></tr></thead>
        <tbody>
          ${this.choices.map(
            (c, i) => html`<tr data-param=${c.name}>
              <td><input type="checkbox" id="cal-on-${c.name}" .checked=${c.on} @change=${(e: Event) => this.setChoice(i, { on: (e.target as HTMLInputElement).checked })} /></td>
              <th scope="row"><label for="cal-on-${c.name}">${c.name}</label><span class="sub">${c.why}</span>${errs[c.name] ? html`<span class="field-error" role="alert">${errs[c.name]}</span>` : nothing}</th>
              <td><input type="number" aria-label="${c.name} lower bound" .value=${String(c.min)} ?disabled=${!c.on} @change=${(e: Event) => this.setChoice(i, { min: Number((e.target as HTMLInputElement).value) })} /></td>
              <td><input type="number" aria-label="${c.name} upper bound" .value=${String(c.max)} ?disabled=${!c.on} @change=${(e: Event) => this.setChoice(i, { max: Number((e.target as HTMLInputElement).value) })} /></td>
              <td>${c.unit}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      <div class="cal-options">
        <label>Grid
          <select id="cal-grid" @change=${(e: Event) => (this.spacingMm = Number((e.target as HTMLSelectElement).value))}>
            ${RESOLUTIONS_MM.filter((r) => r.spacing_mm >= 0.25).map((r) => html`<option value=${r.spacing_mm} ?selected=${r.spacing_mm === this.spacingMm}>${r.spacing_mm} mm</option>`)}
          </select>
        </label>
        <label>At most (solver runs)
          <input id="cal-max-evals" type="number" min="3" max=${CALIBRATION_DEFAULTS.value.maxEvalsLimit} step="1" .value=${String(this.maxEvals)}
            @change=${(e: Event) => (this.maxEvals = Number((e.target as HTMLInputElement).value))} />
        </label>
      </div>
    </fieldset>`;
  }

  private renderActions() {
    const blocked = this.blocked;
    const p = this.progress;
    return html`<div class="actions">
        <button class="primary" id="cal-fit" ?disabled=${this.busy || !!blocked} title=${blocked ?? 'Fit the ticked parameters to the file'} @click=${() => this.fit()}>
          ${this.busy ? 'Fitting…' : 'Fit'}
        </button>
        <button id="cal-cancel" ?disabled=${!this.busy} @click=${() => this.cancel()}>Cancel</button>
        ${this.busy
          ? html`<span class="status" role="status" id="cal-progress">
              ${p ? html`<progress max="1" .value=${Math.min(1, p.count / p.total)}></progress> solver run ${p.count} of at most ${p.total} · ${p.score}` : 'starting the solver…'}
            </span>`
          : blocked && this.file ? html`<span class="status">To fit: ${blocked}.</span>` : nothing}
      </div>
      ${this.issues.length
        ? html`<div class="err" role="alert" id="cal-issues"><ul>${this.issues.slice(0, 12).map((i) => html`<li><code>${i.path}</code>: ${i.message}</li>`)}</ul></div>`
        : nothing}
      ${this.notice ? html`<p class="status" role="status" id="cal-notice">${this.notice}</p>` : nothing}`;
  }

  override render() {
    const o = this.outcome;
    return html`<section class="card" aria-labelledby="cal-title">
      <div>
        <h2 id="cal-title">Calibrate the device against measurements</h2>
        <div class="actions">
          <input id="cal-file-input" type="file" accept=".csv,text/csv,text/plain" hidden @change=${this.onFile} />
          <button id="cal-upload" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#cal-file-input')!.click()}>Upload measurements…</button>
          <button id="cal-paste-toggle" aria-expanded=${this.pasting ? 'true' : 'false'} @click=${() => (this.pasting = !this.pasting)}>Paste…</button>
        </div>
        ${this.pasting
          ? html`<div class="paste">
              <textarea id="cal-paste" rows="6" spellcheck="false" aria-label="Measurements as CSV text"
                placeholder="time_s,isotherm_c,width_mm,length_mm&#10;600,-40,20,"></textarea>
              <button id="cal-paste-read" @click=${() => this.readPasted()}>Read pasted text</button>
            </div>`
          : nothing}
        ${this.renderFileSummary()} ${this.renderParameters()} ${this.renderActions()}
        ${o
          ? html`<div id="cal-result">
              <h3>Result</h3>
              ${calibrationResults(o)}
              ${this.presetFile
                ? html`<div class="actions">
                    <button class="primary" id="cal-use" @click=${() => this.useOnBench()}>Use the fitted device on the bench</button>
                    <button id="cal-download" @click=${() => this.download()}>Download preset file</button>
                  </div>`
                : nothing}
            </div>`
          : nothing}
      </div>
      <aside class="note">
        <h3>How the fit works</h3>
        <p>The same calculation as <code>cryo calibrate</code>: the bench is re-run with trial values until the model matches the file as
          well as it can (Brent’s method for one parameter, Nelder–Mead for several), within the bounds you set.</p>
        <p><b>Isotherm sizes</b> (<code>time_s,isotherm_c,width_mm,length_mm</code>): widths and lengths of the ice at given times.
          <b>Thermocouple logs</b> (<code>time_s,sensor,distance_mm,temperature_c</code>): readings at known distances from the probe axis.</p>
        <p>A coarse grid and a cap on solver runs keep a fit to tens of seconds; refine both for final numbers. The saved preset is the file
          <code>cryo calibrate --out</code> writes, and the bench’s “Use in every ticked protocol…” puts it into the protocols.</p>
      </aside>
    </section>`;
  }
}

customElements.define('bench-calibration', BenchCalibration);

declare global {
  interface HTMLElementTagNameMap {
    'bench-calibration': BenchCalibration;
  }
}
