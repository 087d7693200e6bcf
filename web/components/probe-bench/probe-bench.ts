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
import type { Result, ResultWarning } from '../../../scenarios/schema.ts';
import type { BatchProgress, SimulationPool } from '../../../workers/pool/simulation-pool.ts';
import { fmtC, fmtDuration, fmtNum } from '../../lib/analysis.ts';
import {
  benchDifferences,
  benchGrowth,
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
import { readDeviceFile } from '../../lib/device-file.ts';
import { clip } from '../../lib/text.ts';
import { PROTOCOL_COLOURS } from '../../lib/palette.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { BENCH_MEDIA, BENCH_MESH_CHECK_MM, DRAFT_SPACING_MM, PROGRESS_INTERVAL_S, RESOLUTIONS_MM } from '../../ui-presets.ts';
import type { LineSeries } from './bench-line-chart.ts';
import './bench-line-chart.ts';
import { styles } from './probe-bench.styles.ts';

/** One finished bench run, with the setup it was run for. */
export interface BenchRun {
  setup: BenchSetup;
  result: Result;
}

/** A mesh difference this large (mm) is worth a second look: a cell is 0.5 mm at the coarse grid. */
const NOTABLE_DIFF_MM = 0.5;

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

  private renderTable(rows: BenchRow[], run: BenchRun) {
    const isos = run.setup.isothermsC;
    const spacing = run.result.solver.spacing_mm;
    return html`<div class="table-wrap">
        <table id="bench-table">
          <caption class="sr-only">Isotherm width × length at each time</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              ${isos.map((c) => html`<th scope="col">${fmtC(c)}<br /><abbr title="width × length, millimetres">w × l (mm)</abbr></th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr data-time=${row.time_s}>
                <th scope="row">${fmtDuration(row.time_s)}${row.sampled_s !== row.time_s ? html`<span class="sub">(read at ${fmtDuration(row.sampled_s)})</span>` : nothing}</th>
                ${row.cells.map(
                  (c) => html`<td data-iso=${c.isotherm_c} data-width=${c.width_mm ?? ''} data-length=${c.length_mm ?? ''}>
                    ${c.width_mm === null ? '—' : fmtNum(c.width_mm)} × ${c.length_mm === null ? '—' : fmtNum(c.length_mm)}
                  </td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="caption ${spacing >= DRAFT_SPACING_MM.value ? 'draft' : ''}">
        ${deviceOf(run.setup)?.label ?? run.setup.device} in ${BENCH_MEDIA.find((m) => m.id === run.setup.medium)?.label} at
        ${fmtC(run.setup.mediumC)}, one ${fmtDuration(run.setup.freezeS)} freeze · grid ${spacing} mm. Width: across the isotherm at the middle
        of the cold segment; length: along the probe. — means the isotherm has not reached that far yet.
      </p>`;
  }

  private renderMesh() {
    const m = this.mesh;
    if (!m) return nothing;
    const isos = m.fine.setup.isothermsC;
    const times = m.fine.setup.timesS;
    const diffs = benchDifferences(benchTable(m.coarse.result, times, isos), benchTable(m.fine.result, times, isos));
    const cmMm = m.coarse.result.solver.spacing_mm;
    const fnMm = m.fine.result.solver.spacing_mm;
    const worst = Math.max(0, ...diffs.flatMap((d) => [d.width_diff_mm, d.length_diff_mm]).filter((v): v is number => v !== null).map(Math.abs));
    const num = (v: number | null) => (v === null ? '—' : fmtNum(v));
    // Rounded before the sign is chosen, so a tiny negative change reads 0.0, not −0.0.
    const signed = (d: number | null) => {
      if (d === null) return '—';
      const r = Math.round(d * 10) / 10;
      return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r).toFixed(1)}`;
    };
    const big = (d: number | null) => (d !== null && Math.abs(d) > NOTABLE_DIFF_MM ? 'diff-big' : '');
    const rows = times.map((t) => diffs.filter((d) => d.time_s === t));
    return html`<h3 id="mesh-title">Mesh check: width × length (mm) on the ${cmMm} mm and the ${fnMm} mm grid</h3>
      <div class="table-wrap">
        <table id="bench-mesh-table" aria-labelledby="mesh-title">
          <thead>
            <tr>
              <th scope="col">Time</th>
              ${isos.map((c) => html`<th scope="col">${fmtC(c)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (cells, i) => html`<tr>
                <th scope="row">${fmtDuration(times[i])}</th>
                ${cells.map((d) => {
                  const coarseW = d.width_mm === null || d.width_diff_mm === null ? null : d.width_mm - d.width_diff_mm;
                  const coarseL = d.length_mm === null || d.length_diff_mm === null ? null : d.length_mm - d.length_diff_mm;
                  return html`<td data-time=${d.time_s} data-iso=${d.isotherm_c} data-width-diff=${d.width_diff_mm ?? ''} data-length-diff=${d.length_diff_mm ?? ''}>
                    <span class="sub">${cmMm} mm: ${num(coarseW)} × ${num(coarseL)}</span>
                    ${fnMm} mm: <b>${num(d.width_mm)} × ${num(d.length_mm)}</b>
                    <span class="sub">change <span class=${big(d.width_diff_mm)}>${signed(d.width_diff_mm)}</span> ×
                      <span class=${big(d.length_diff_mm)}>${signed(d.length_diff_mm)}</span></span>
                  </td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="caption" id="mesh-verdict">
        Largest change ${fmtNum(worst)} mm (all sizes in mm).
        ${worst <= NOTABLE_DIFF_MM
          ? `Within one coarse cell (${cmMm} mm): the ${cmMm}-mm grid is good enough for this table.`
          : `More than one coarse cell: use the ${fnMm}-mm grid (or finer) for these numbers.`}
      </p>`;
  }

  private growthSeries(): LineSeries[] {
    const out: LineSeries[] = [];
    const add = (run: BenchRun, suffix: string, dashWidth: 'solid' | 'dot', dashLength: 'dash' | 'dot') => {
      benchGrowth(run.result, run.setup.isothermsC).forEach((g, i) => {
        const colour = PROTOCOL_COLOURS[i % PROTOCOL_COLOURS.length];
        out.push({ name: `${fmtC(g.isotherm_c)} width${suffix}`, times_s: g.times_s, values: g.width_mm, colour, dash: dashWidth, unit: 'mm' });
        out.push({ name: `${fmtC(g.isotherm_c)} length${suffix}`, times_s: g.times_s, values: g.length_mm, colour, dash: dashLength, unit: 'mm' });
      });
    };
    if (this.run) add(this.run, this.mesh ? ` (${this.run.result.solver.spacing_mm} mm)` : '', 'solid', 'dash');
    if (this.mesh) {
      const c = this.mesh.coarse;
      benchGrowth(c.result, c.setup.isothermsC).forEach((g, i) => {
        out.push({ name: `${fmtC(g.isotherm_c)} width (${c.result.solver.spacing_mm} mm)`, times_s: g.times_s, values: g.width_mm, colour: PROTOCOL_COLOURS[i % PROTOCOL_COLOURS.length], dash: 'dot', unit: 'mm' });
      });
    }
    return out;
  }

  private surfaceSeries(): LineSeries[] {
    if (!this.run) return [];
    return this.run.result.probes.map((p, i) => ({
      name: `probe ${i + 1} surface`,
      times_s: this.run!.result.times_s,
      values: p.surface_c,
      colour: '#444444',
      unit: '°C',
    }));
  }

  override render() {
    const run = this.run;
    const rows = this.table;
    const surfaceEnd = run?.result.probes[0]?.surface_c.at(-1);
    return html`<section class="card" aria-labelledby="bench-title">
        <div>
          <h2 id="bench-title">Probe bench</h2>
          ${this.renderForm()} ${this.renderStatus()} ${run ? this.renderWarnings(run.result.warnings) : nothing}
          ${rows && run ? this.renderTable(rows, run) : html`<p class="empty">Choose a device and a medium, then Run bench.</p>`}
          ${this.renderMesh()}
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
            ? html`<bench-line-chart id="bench-growth" .series=${this.growthSeries()} y-title="size (mm)" label="Isotherm width and length over time"></bench-line-chart>`
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
            ? html`<bench-line-chart id="bench-surface" .series=${this.surfaceSeries()} y-title="surface temperature (°C)" label="Probe-surface temperature over time"></bench-line-chart>`
            : html`<p class="empty">Run the bench to see the probe-surface temperature.</p>`}
        </div>
        <aside class="note">
          <h3>Reading it</h3>
          <p>The mean temperature of the probe's cold surface${surfaceEnd !== undefined ? html` (at the end: <b>${fmtC(Number(surfaceEnd.toFixed(1)))}</b>)` : nothing}.
            Compare it with a thermocouple on the probe in gel to check the device model.</p>
        </aside>
      </section>`;
  }
}

customElements.define('probe-bench', ProbeBench);

declare global {
  interface HTMLElementTagNameMap {
    'probe-bench': ProbeBench;
  }
}
