/**
 * The probe bench: one device alone in a block of test medium (gel, saline,
 * perfused tissue) at a chosen temperature, run on the workbench's worker pool,
 * read the way a manufacturer's chart is read: isotherm width × length at chosen
 * times, their growth curves, the probe-surface temperature, a warning when the
 * ice nears the model's edge, and a mesh check (0.5 vs 0.25 mm side by side).
 * It is a mode of its own: nothing here touches the anatomy the protocols share.
 * The scenario and the table come from web/lib/bench.ts, the same functions the
 * test compares with `cryo run`.
 */
import { html, LitElement, nothing } from 'lit';
import { DEVICE_PRESETS, DEVICE_IDS } from '../../../scenarios/presets.ts';
import type { ResultWarning } from '../../../scenarios/schema.ts';
import type { BatchProgress, SimulationPool } from '../../../workers/pool/simulation-pool.ts';
import { fmtC, fmtNum } from '../../lib/analysis.ts';
import {
  benchProblems,
  benchScenario,
  benchTable,
  defaultBenchSetup,
  deviceOf,
  FILE_DEVICE,
  parseNumberList,
  type BenchRow,
  type BenchSetup,
} from '../../lib/bench.ts';
import { readDeviceFile, type FileDevice } from '../../lib/device-file.ts';
import { clip } from '../../lib/text.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { BENCH_MEDIA, BENCH_MESH_CHECK_MM, PROGRESS_INTERVAL_S, RESOLUTIONS_MM } from '../../ui-presets.ts';
import './bench-line-chart.ts';
import { benchTableView, growthSeries, meshView, surfaceSeries, type BenchRun } from './bench-tables.ts';
import './bench-calibration.ts';
import { styles } from './probe-bench.styles.ts';

export class ProbeBench extends LitElement {
  static override properties = {
    setup: { state: true },
    timesText: { state: true },
    isothermsText: { state: true },
    run: { state: true },
    mesh: { state: true },
    busy: { state: true },
    progress: { state: true },
    error: { state: true },
    notice: { state: true },
  };
  static override styles = [sharedStyles, styles];

  /** The setup saved with the workspace, applied at the first render. */
  initial: BenchSetup | undefined = undefined;

  /** The workbench's pool (shared, so the bench and the comparison never hold two sets of workers). */
  getPool: (() => Promise<SimulationPool>) | null = null;
  setup: BenchSetup = defaultBenchSetup();
  timesText = this.setup.timesS.join(', ');
  isothermsText = this.setup.isothermsC.join(', ');
  run: BenchRun | null = null;
  /** coarse and fine runs of the mesh check */
  mesh: { coarse: BenchRun; fine: BenchRun } | null = null;
  busy: 'run' | 'mesh' | null = null;
  progress: BatchProgress | null = null;
  error = '';
  notice = '';
  private cancelBatch: (() => void) | null = null;

  protected override willUpdate(changed: Map<string, unknown>): void {
    // Only a setup there at the first render is applied: later it is this bench's own echo.
    if (!this.hasUpdated) {
      if (!this.initial) return;
      this.setup = structuredClone(this.initial);
      this.timesText = this.setup.timesS.join(', ');
      this.isothermsText = this.setup.isothermsC.join(', ');
    } else if (changed.has('setup') || changed.has('timesText') || changed.has('isothermsText')) {
      // The workbench keeps the setup in the workspace save, so it is there after a reload. Never on
      // the first render: opening the page must not change the workspace (a link's Undo would vanish).
      this.dispatchEvent(new CustomEvent('bench-setup-change', { detail: this.parsed.setup, bubbles: true, composed: true }));
    }
  }

  /** The setup with the two list fields as typed (null fields when they do not parse). */
  private get parsed(): { setup: BenchSetup; listErrors: Partial<Record<'timesS' | 'isothermsC', string>> } {
    const times = parseNumberList(this.timesText);
    const isos = parseNumberList(this.isothermsText);
    const listErrors: Partial<Record<'timesS' | 'isothermsC', string>> = {};
    if (times.bad) listErrors.timesS = `"${times.bad}" is not a number of seconds`;
    if (isos.bad) listErrors.isothermsC = `"${isos.bad}" is not a temperature`;
    return { setup: { ...this.setup, timesS: times.values, isothermsC: [...new Set(isos.values)] }, listErrors };
  }

  /** Every problem by field: unparsable lists first, then the range checks. */
  get problems(): Partial<Record<keyof BenchSetup, string>> {
    const { setup, listErrors } = this.parsed;
    const out: Partial<Record<keyof BenchSetup, string>> = { ...listErrors };
    for (const p of benchProblems(setup)) out[p.field] ??= p.message;
    return out;
  }

  /** The scenario file the bench runs (what "Download bench scenario" writes and `cryo run` accepts). */
  get scenario() {
    return benchScenario(this.parsed.setup);
  }

  /** The table as shown, from the last run (null before any). */
  get table(): BenchRow[] | null {
    return this.run ? benchTable(this.run.result, this.run.setup.timesS, this.run.setup.isothermsC) : null;
  }

  private set<K extends keyof BenchSetup>(key: K, value: BenchSetup[K]) {
    this.setup = { ...this.setup, [key]: value };
  }

  private async runSetups(setups: BenchSetup[]): Promise<BenchRun[] | null> {
    if (!this.getPool) {
      this.error = 'The simulation workers are not available on this page.';
      return null;
    }
    const pool = await this.getPool();
    const entries = setups.map((s, i) => ({ id: `bench-${i}`, scenario: benchScenario(s) }));
    const batch = pool.runBatch(entries, { frames: false, progressIntervalS: PROGRESS_INTERVAL_S.value, onProgress: (p) => (this.progress = p) });
    this.cancelBatch = () => batch.cancel();
    try {
      const replies = await batch.promise;
      const runs: BenchRun[] = [];
      for (const [i, e] of entries.entries()) {
        const r = replies.get(e.id);
        if (!r || !r.ok) {
          this.error = r ? (r.message === 'cancelled' ? 'Cancelled; the previous results stay.' : `The bench run failed: ${r.message}${r.issues.length ? ' — ' + r.issues.map((x) => `${x.path}: ${x.message}`).join('; ') : ''}`) : 'The bench run gave no answer.';
          return null;
        }
        runs.push({ setup: setups[i], result: r.result });
      }
      return runs;
    } finally {
      this.cancelBatch = null;
      this.progress = null;
    }
  }

  /** Runs the bench as set up. */
  async runBench() {
    if (this.busy || Object.keys(this.problems).length) return;
    this.busy = 'run';
    this.error = '';
    try {
      const runs = await this.runSetups([this.parsed.setup]);
      if (runs) {
        this.run = runs[0];
        this.mesh = null;
        this.notice = '';
        this.dispatchEvent(new CustomEvent('bench-done', { bubbles: true, composed: true }));
      }
    } finally {
      this.busy = null;
    }
  }

  /** The mesh check: the same bench at the coarse and the fine grid, side by side. */
  async runMeshCheck() {
    if (this.busy || Object.keys(this.problems).length) return;
    this.busy = 'mesh';
    this.error = '';
    const [coarseMm, fineMm] = BENCH_MESH_CHECK_MM.value;
    try {
      const runs = await this.runSetups([
        { ...this.parsed.setup, spacingMm: coarseMm },
        { ...this.parsed.setup, spacingMm: fineMm },
      ]);
      if (runs) {
        this.mesh = { coarse: runs[0], fine: runs[1] };
        this.run = runs[1];
        this.setup = { ...this.setup, spacingMm: fineMm };
        this.dispatchEvent(new CustomEvent('bench-done', { bubbles: true, composed: true }));
      }
    } finally {
      this.busy = null;
    }
  }

  cancel() {
    this.cancelBatch?.();
  }

  /** Loads a device preset file (`cryo calibrate --out`); a refused file changes nothing and says why. */
  async loadDeviceFile(f: File) {
    const name = clip(f.name, 120);
    let text: string;
    try {
      text = await f.text();
    } catch (e) {
      this.notice = '';
      this.error = `${name} was not loaded: it could not be read (${(e as Error).message}). Nothing changed.`;
      return;
    }
    const read = readDeviceFile(text, f.size);
    if (!read.ok) {
      this.notice = '';
      this.error = `${name} was not loaded: it ${read.reason}. Nothing changed.`;
      return;
    }
    this.error = '';
    this.setup = { ...this.setup, device: FILE_DEVICE, fileDevice: read.device };
    this.notice = `Loaded “${clip(read.device.label, 120)}” from ${name}${read.device.fit ? ` (${read.device.fit})` : ''}; the bench now runs it.`;
  }

  /** The device a calibration just fitted becomes the bench's device, as if its preset file had been loaded. */
  useFittedDevice(device: FileDevice) {
    this.error = '';
    this.setup = { ...this.setup, device: FILE_DEVICE, fileDevice: device };
    this.notice = `The bench now runs “${clip(device.label, 120)}”${device.fit ? ` (${device.fit})` : ''}. Run bench to see its table, or use it in the protocols.`;
    this.renderRoot.querySelector('#bench-title')?.scrollIntoView({ block: 'start' });
  }

  private async onDeviceFile(e: Event) {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    input.value = '';
    if (f) await this.loadDeviceFile(f);
  }

  private renderForm() {
    const p = this.problems;
    const err = (f: keyof BenchSetup) => (p[f] ? html`<span class="field-error" id="bench-${f}-error" role="alert">${p[f]}</span>` : nothing);
    const dev = deviceOf(this.setup);
    const fileDev = this.setup.fileDevice;
    return html`<form @submit=${(e: Event) => e.preventDefault()}>
      <div class="field device">
        <label for="bench-device">Device</label>
        <select id="bench-device" @change=${(e: Event) => this.set('device', (e.target as HTMLSelectElement).value)}>
          ${DEVICE_IDS.map((id) => html`<option value=${id} ?selected=${id === this.setup.device}>${DEVICE_PRESETS[id].label}</option>`)}
          ${fileDev ? html`<option value=${FILE_DEVICE} ?selected=${this.setup.device === FILE_DEVICE}>${clip(fileDev.label, 80)} (from file)</option>` : nothing}
        </select>
        ${dev && 'diameter_mm' in dev ? html`<span>${fmtNum(dev.diameter_mm as number, 2)} mm across, ${dev.active_length_mm} mm cold segment</span>` : nothing}
        <input id="bench-device-file" type="file" accept=".json,application/json" hidden @change=${this.onDeviceFile} />
        <span class="buttons">
        <button type="button" id="bench-load-device" @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#bench-device-file')!.click()}
          title="A device preset file, as cryo calibrate --out writes it">Load device file…</button>
        ${this.setup.device === FILE_DEVICE && fileDev
          ? html`<button type="button" id="bench-use-device" @click=${() => this.dispatchEvent(new CustomEvent('bench-use-device', { detail: fileDev, bubbles: true, composed: true }))}
              title="Adds a copy of each ticked protocol whose probes are this device, to compare with the originals">Use in every ticked protocol…</button>`
          : nothing}
        </span>
      </div>
      <label
        >Medium
        <select id="bench-medium" @change=${(e: Event) => this.set('medium', (e.target as HTMLSelectElement).value)}>
          ${BENCH_MEDIA.map((m) => html`<option value=${m.id} ?selected=${m.id === this.setup.medium}>${m.label}</option>`)}
        </select>
      </label>
      <label
        >Medium temperature (°C)
        <input id="bench-temp" type="number" step="0.5" .value=${String(this.setup.mediumC)} aria-invalid=${p.mediumC ? 'true' : 'false'}
          @change=${(e: Event) => this.set('mediumC', Number((e.target as HTMLInputElement).value))} />
        ${err('mediumC')}
      </label>
      <label
        >Freeze time (s)
        <input id="bench-freeze" type="number" step="30" .value=${String(this.setup.freezeS)} aria-invalid=${p.freezeS ? 'true' : 'false'}
          @change=${(e: Event) => this.set('freezeS', Number((e.target as HTMLInputElement).value))} />
        ${err('freezeS')}
      </label>
      <label
        >Block radius (mm)
        <input id="bench-block" type="number" step="1" .value=${String(this.setup.blockRadiusMm)} aria-invalid=${p.blockRadiusMm ? 'true' : 'false'}
          @change=${(e: Event) => this.set('blockRadiusMm', Number((e.target as HTMLInputElement).value))} />
        ${err('blockRadiusMm')}
      </label>
      <label
        >Grid
        <select id="bench-grid" @change=${(e: Event) => this.set('spacingMm', Number((e.target as HTMLSelectElement).value))}>
          ${RESOLUTIONS_MM.map((r) => html`<option value=${r.spacing_mm} ?selected=${r.spacing_mm === this.setup.spacingMm}>${r.spacing_mm} mm</option>`)}
        </select>
      </label>
      <label
        >Table times (s)
        <input id="bench-times" type="text" .value=${this.timesText} aria-invalid=${p.timesS ? 'true' : 'false'}
          @change=${(e: Event) => (this.timesText = (e.target as HTMLInputElement).value)} />
        ${err('timesS')}
      </label>
      <label
        >Isotherms (°C)
        <input id="bench-isotherms" type="text" .value=${this.isothermsText} aria-invalid=${p.isothermsC ? 'true' : 'false'}
          @change=${(e: Event) => (this.isothermsText = (e.target as HTMLInputElement).value)} />
        ${err('isothermsC')}
      </label>
    </form>`;
  }

  private renderStatus() {
    const blocked = Object.keys(this.problems).length > 0;
    const pr = this.progress;
    const [coarseMm, fineMm] = BENCH_MESH_CHECK_MM.value;
    return html`<div class="actions">
        <button class="primary" id="bench-run" ?disabled=${!!this.busy || blocked} @click=${() => this.runBench()}>
          ${this.busy === 'run' ? 'Running…' : 'Run bench'}
        </button>
        <button id="bench-mesh" ?disabled=${!!this.busy || blocked} @click=${() => this.runMeshCheck()}
          title="Runs the bench at ${coarseMm} and ${fineMm} mm and shows how much the table moves">
          ${this.busy === 'mesh' ? 'Checking…' : `Mesh check (${coarseMm} vs ${fineMm} mm)`}
        </button>
        <button id="bench-cancel" ?disabled=${!this.busy} @click=${() => this.cancel()}>Cancel</button>
        ${this.busy
          ? html`<span class="status" role="status">${pr ? html`<progress max="1" .value=${pr.fraction}></progress> ${Math.round(pr.fraction * 100)} %` : 'starting workers…'}</span>`
          : nothing}
      </div>
      ${this.error ? html`<p class="err" role="alert" id="bench-error">${this.error}</p>` : nothing}
      ${this.notice ? html`<p class="status" role="status" id="bench-notice">${this.notice}</p>` : nothing}`;
  }

  private renderWarnings(warnings: ResultWarning[] | undefined) {
    if (!warnings?.length) return nothing;
    return html`<div class="warn" role="alert" id="bench-warnings">
      ${warnings.map(
        (w) => html`<div data-code=${w.code}>
          <b>⚠ ${w.code === 'ice_near_boundary' ? 'Ice near the edge of the model' : 'Needs care'}:</b> ${w.message}.
          ${w.code === 'ice_near_boundary' ? 'The edge is held at the medium temperature, so sizes near it are too small; use a shorter freeze or read the earlier times.' : ''}
        </div>`,
      )}
    </div>`;
  }

  override render() {
    const run = this.run;
    const rows = this.table;
    const surfaceEnd = run?.result.probes[0]?.surface_c.at(-1);
    return html`<section class="card" aria-labelledby="bench-title">
        <div>
          <h2 id="bench-title">Probe bench</h2>
          ${this.renderForm()} ${this.renderStatus()} ${run ? this.renderWarnings(run.result.warnings) : nothing}
          ${rows && run ? benchTableView(rows, run) : html`<p class="empty">Choose a device and a medium, then Run bench.</p>`}
          ${this.mesh ? meshView(this.mesh) : nothing}
        </div>
        <aside class="note">
          <h3>What this shows</h3>
          <p>The device alone in a block of test medium, as on a manufacturer's bench: no anatomy, no nerve, no skin. The
            protocols' shared anatomy is not changed.</p>
          <p>The table gives each isotherm's width (across, at the middle of the probe's cold segment) and length (along the
            probe) at the chosen times, the way isotherm charts are printed: 0 °C is the ice edge, −20 °C and −40 °C the
            colder zones inside.</p>
          <p>The mesh check runs the same bench on two grids; if the numbers move by more than a cell, trust the finer one.</p>
        </aside>
      </section>
      <section class="card" aria-labelledby="bench-growth-title">
        <div>
          <h2 id="bench-growth-title">Isotherm width and length over time</h2>
          ${run
            ? html`<bench-line-chart id="bench-growth" .series=${growthSeries(run, this.mesh)} y-title="size (mm)" label="Isotherm width and length over time"></bench-line-chart>`
            : html`<p class="empty">Run the bench to see the growth curves.</p>`}
        </div>
        <aside class="note">
          <h3>Reading it</h3>
          <p>Solid: width; dashed: length along the probe; one colour per isotherm.${this.mesh ? ' Dotted: width on the coarse grid of the mesh check.' : ''}
            A curve starts when its isotherm first reaches the middle of the cold segment.</p>
        </aside>
      </section>
      <section class="card" aria-labelledby="bench-surface-title">
        <div>
          <h2 id="bench-surface-title">Probe-surface temperature</h2>
          ${run
            ? html`<bench-line-chart id="bench-surface" .series=${surfaceSeries(run)} y-title="surface temperature (°C)" label="Probe-surface temperature over time"></bench-line-chart>`
            : html`<p class="empty">Run the bench to see the probe-surface temperature.</p>`}
        </div>
        <aside class="note">
          <h3>Reading it</h3>
          <p>The mean temperature of the probe's cold surface${surfaceEnd !== undefined ? html` (at the end: <b>${fmtC(Number(surfaceEnd.toFixed(1)))}</b>)` : nothing}.
            Compare it with a thermocouple on the probe in gel to check the device model.</p>
        </aside>
      </section>
      <bench-calibration .setup=${this.parsed.setup} @calibration-device=${(e: CustomEvent<FileDevice>) => this.useFittedDevice(e.detail)}></bench-calibration>`;
  }
}

customElements.define('probe-bench', ProbeBench);

declare global {
  interface HTMLElementTagNameMap {
    'probe-bench': ProbeBench;
  }
}
