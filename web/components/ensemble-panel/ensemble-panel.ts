/**
 * The ensemble panel (issue 13): asks how many members, which seed, how large a placement
 * error and which inputs are uncertain; runs every ticked protocol's ensemble on the page's
 * worker pool (workers/pool/ensemble-batch.ts, the CLI's planning and summary); and shows,
 * per protocol, the probabilities a planner reads — whole nerve ≤ −20 / ≤ −40 °C, skin
 * freezes, ice within the skin margin — each with its 95 % Wilson interval from the members
 * that finished, and a rank-correlation chart naming the inputs that decide each figure.
 *
 * The table fills in as members finish; Cancel keeps them. The members' bands over time go
 * up in an `ensemble-change` event for the p10/p50/p90 bands on the charts, and its start and end
 * in `ensemble-running` (the charts hold their redraws out of view meanwhile). The last ensemble
 * is kept in the browser (web/lib/ensemble-store.ts); "Suggest a protocol" sits below the table.
 */
import { html, nothing } from 'lit';
import type { ScenarioFile } from '../../../scenarios/schema.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import type { EnsembleBatch, EnsembleProgress, ProtocolEnsembleState } from '../../../workers/pool/ensemble-batch.ts';
import type { BandSource } from '../../lib/ensemble-bands.ts';
import type { SimulationPool } from '../../../workers/pool/simulation-pool.ts';
import { sensitivity, type SensitivityRow } from '../../lib/ensemble-stats.ts';
import { checkForm, defaultForm, sectionFor, type EnsembleForm, type EnsembleInputId } from '../../lib/ensemble-request.ts';
import { PlotElement, type Figure } from '../../lib/plot-element.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { clip } from '../../lib/text.ts';
import { fmtDuration } from '../../lib/analysis.ts';
import { downloadText } from '../../lib/export.ts';
import { ensembleCsv, ensembleDocument } from '../../lib/ensemble-export.ts';
import { loadEnsemble, saveEnsemble } from '../../lib/ensemble-store.ts';
import type { Uncertainty } from '../../../scenarios/schema.ts';
import { ENSEMBLE_INPUTS, ENSEMBLE_UI, MAX_WORKERS } from '../../ui-presets.ts';
import { styles } from './ensemble-panel.styles.ts';
import { renderEnsembleTable, sensitivityFigure } from './ensemble-views.ts';
import '../protocol-suggest/protocol-suggest.ts';

export interface EnsembleProtocol {
  id: string;
  label: string;
  colour: string;
  /** the protocol on the current anatomy, as the comparison runs it */
  file: ScenarioFile;
}

/** What the charts draw bands from: each protocol's summary bands over time (the CLI's). */
export type EnsembleBandSource = BandSource;

export class EnsemblePanel extends PlotElement {
  static override properties = {
    protocols: { attribute: false },
    getPool: { attribute: false },
    marginMm: { type: Number, attribute: 'margin-mm' },
    busy: { type: Boolean },
    form: { state: true },
    errors: { state: true },
    running: { state: true },
    progress: { state: true },
    states: { state: true },
    message: { state: true },
    sensitivityId: { state: true },
    showBands: { state: true },
    suggesting: { state: true },
    saveNote: { state: true },
  };
  static override styles = [sharedStyles, styles];

  protocols: EnsembleProtocol[] = [];
  getPool: (() => Promise<SimulationPool>) | null = null;
  marginMm = 5;
  /** the comparison is running: the pool is busy */
  busy = false;
  form: EnsembleForm = defaultForm();
  errors: Partial<Record<keyof EnsembleForm, string>> = {};
  running = false;
  progress: EnsembleProgress | null = null;
  states: ProtocolEnsembleState[] = [];
  message: { kind: 'error' | 'info'; text: string; details?: string[] } | null = null;
  sensitivityId = '';
  /** draw the p10–p90 bands on the charts */
  showBands = true;
  /** "Suggest a protocol" is searching: the pool is busy */
  suggesting = false;
  /** why the shown ensemble is not kept in the browser (empty when it is) */
  saveNote = '';
  /** labels and colours of the protocols of the last ensemble (the ticked list may change since) */
  private shown = new Map<string, { label: string; colour: string }>();
  private batch: EnsembleBatch | null = null;
  /** the skin margin the shown ensemble was summarised with */
  private runMarginMm = 5;
  /** the protocol files the shown ensemble ran, to say when the setup has changed since */
  private ranFiles = '';
  private startedMs = 0;
  private bandsAtMs = 0;
  /** each protocol's resolved uncertainty section and whether the run was cancelled (for the downloads) */
  private resolved = new Map<string, Uncertainty>();
  private wasCancelled = false;
  /** wall seconds the last ensemble took (the benchmark reads it) */
  elapsedS = 0;

  private setField(field: keyof EnsembleForm, value: string) {
    this.form = { ...this.form, [field]: value };
    // A message beside a field goes as soon as the field is fixed.
    if (this.errors[field]) this.recheck();
  }

  private recheck() {
    this.errors = checkForm(this.form).errors;
    if (!Object.keys(this.errors).length && this.message?.kind === 'error' && this.message.text.startsWith('Nothing was run: fix')) this.message = null;
  }

  private toggleInput(id: EnsembleInputId, on: boolean) {
    const inputs = on ? [...new Set([...this.form.inputs, id])] : this.form.inputs.filter((i) => i !== id);
    this.form = { ...this.form, inputs };
    if (this.errors.inputs) this.recheck();
  }

  /** Checks the form and every protocol; runs only when all is well. */
  async run() {
    if (this.running) return;
    const { settings, errors } = checkForm(this.form);
    this.errors = errors;
    if (!settings) {
      this.message = { kind: 'error', text: 'Nothing was run: fix the entries marked in red above.' };
      return;
    }
    if (!this.protocols.length) {
      this.message = { kind: 'error', text: 'Tick at least one protocol (that can run on this anatomy) in the list to run its ensemble.' };
      return;
    }
    const skipped: string[] = [];
    const inputs = this.protocols.flatMap((p) => {
      const v = validateScenario(p.file);
      if (!v.ok) {
        skipped.push(`${p.id}: cannot run as set up (${v.issues[0]?.message ?? 'invalid'})`);
        return [];
      }
      const { section, skipped: notes } = sectionFor(v.scenario, settings);
      skipped.push(...notes.map((n) => `${p.id}: ${n}`));
      return [{ id: p.id, file: p.file as unknown as Record<string, unknown>, section }];
    });
    const { prepareEnsemble, runEnsembleBatch } = await import('../../../workers/pool/ensemble-batch.ts');
    const prepared = prepareEnsemble(inputs);
    if (!prepared.ok) {
      this.message = { kind: 'error', text: 'Nothing was run: the uncertainty section does not fit these protocols.', details: prepared.issues.slice(0, 12).map((i) => `${i.path}: ${i.message}`) };
      return;
    }
    if (!this.getPool) {
      this.message = { kind: 'error', text: 'The simulation workers are not available on this page.' };
      return;
    }
    const pool = await this.getPool();
    this.shown = new Map(this.protocols.map((p) => [p.id, { label: p.label, colour: p.colour }]));
    this.resolved = new Map(prepared.protocols.map((p) => [p.id, p.uncertainty]));
    this.wasCancelled = false;
    this.message = skipped.length ? { kind: 'info', text: 'Some inputs do not apply to every protocol:', details: skipped } : null;
    this.setRunning(true);
    this.runMarginMm = this.marginMm;
    this.ranFiles = filesKey(this.protocols);
    this.startedMs = performance.now();
    this.states = [];
    this.progress = null;
    this.emitBands(null);
    this.batch = runEnsembleBatch(pool.pool, prepared.protocols, {
      skinMarginMm: this.marginMm,
      maxWorkers: MAX_WORKERS.value,
      updateIntervalS: ENSEMBLE_UI.updateIntervalS.value,
      maxUpdateShare: ENSEMBLE_UI.maxUpdateShare.value,
      onUpdate: (states, progress) => {
        this.states = states;
        this.progress = progress;
        // The bands grow with the table, redrawn less often (two charts).
        if (performance.now() - this.bandsAtMs >= ENSEMBLE_UI.bandsIntervalS.value * 1000) this.emitBands(states);
      },
    });
    try {
      const { states, progress, cancelled } = await this.batch.promise;
      this.elapsedS = (performance.now() - this.startedMs) / 1000;
      this.wasCancelled = cancelled;
      this.states = states;
      this.progress = progress;
      if (cancelled) this.message = { kind: 'info', text: `Cancelled: the table shows the ${progress.membersDone} of ${progress.membersTotal} member runs that finished.` };
      this.emitBands(states);
      void this.persist();
    } catch (e) {
      this.message = { kind: 'error', text: `The ensemble stopped: ${(e as Error).message}` };
    } finally {
      this.setRunning(false);
      this.batch = null;
    }
  }

  private setRunning(running: boolean) {
    this.running = running;
    this.dispatchEvent(new CustomEvent('ensemble-running', { detail: running, bubbles: true, composed: true }));
  }

  cancel() {
    this.batch?.cancel();
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.restore();
  }

  /** Keeps the shown ensemble in the browser (web/lib/ensemble-store.ts); says so when it is too large to keep. */
  private async persist() {
    const protocols = this.states.flatMap((s) => {
      const u = this.resolved.get(s.id);
      const shown = this.shown.get(s.id);
      return u && shown ? [{ id: s.id, ...shown, uncertainty: u, summary: s.summary }] : [];
    });
    const saved = await saveEnsemble({ margin_mm: this.runMarginMm, files_key: this.ranFiles, elapsed_s: this.elapsedS, cancelled: this.wasCancelled, protocols });
    this.saveNote = saved.ok ? '' : saved.message;
  }

  /** The last ensemble kept in the browser, shown as it was left (unless one has started since). */
  private async restore() {
    const { value, message } = await loadEnsemble();
    if (this.running || this.states.length) return;
    if (!value) {
      this.saveNote = message ?? '';
      return;
    }
    this.shown = new Map(value.protocols.map((p) => [p.id, { label: p.label, colour: p.colour }]));
    this.resolved = new Map(value.protocols.map((p) => [p.id, p.uncertainty]));
    Object.assign(this, { runMarginMm: value.margin_mm, ranFiles: value.files_key, elapsedS: value.elapsed_s, wasCancelled: value.cancelled });
    this.states = value.protocols.map((p) => ({ id: p.id, summary: p.summary }));
    this.message = { kind: 'info', text: `The ensemble run ${new Date(value.saved_at).toLocaleString()}${value.cancelled ? ' (cancelled part-way)' : ''}, kept in the browser.` };
    this.emitBands(this.states);
  }

  /** The CLI's cryo-ensemble/1 document of the shown ensemble, or null when its protocols' sections differ. */
  ensembleDocument() {
    if (this.states.some((s) => !this.resolved.has(s.id))) return null;
    const name = this.states.length === 1 ? (this.protocols.find((p) => p.id === this.states[0].id)?.file.name ?? this.states[0].id) : 'workbench comparison ensemble';
    return ensembleDocument(
      String(name),
      this.states.map((s) => ({ uncertainty: this.resolved.get(s.id)!, summary: s.summary })),
      this.runMarginMm,
      !this.wasCancelled,
    );
  }

  private downloadCsv() {
    downloadText('cryo-ensemble-members.csv', ensembleCsv(this.states.map((s) => ({ id: s.id, label: this.shown.get(s.id)?.label ?? s.id, summary: s.summary }))), 'text/csv');
  }

  private downloadJson() {
    const doc = this.ensembleDocument();
    if (doc) downloadText('cryo-ensemble.json', JSON.stringify(doc, null, 2) + '\n');
  }

  private emitBands(states: ProtocolEnsembleState[] | null) {
    this.bandsAtMs = performance.now();
    const detail: EnsembleBandSource[] | null = states && this.showBands
      ? states.flatMap((s) => (s.summary.bands_over_time && s.summary.samples ? [{ id: s.id, ...(this.shown.get(s.id) ?? { label: s.id, colour: '#555' }), members: s.summary.samples, bands: s.summary.bands_over_time }] : []))
      : null;
    this.dispatchEvent(new CustomEvent('ensemble-change', { detail, bubbles: true, composed: true }));
  }

  // ----- sensitivity chart -------------------------------------------------------------

  private get sensitivityState(): ProtocolEnsembleState | null {
    return this.states.find((s) => s.id === this.sensitivityId) ?? this.states[0] ?? null;
  }

  /** Rank correlations for the chosen protocol (exposed for tests). */
  get sensitivityRows(): SensitivityRow[] {
    const s = this.sensitivityState;
    return s ? sensitivity(s.summary.members) : [];
  }

  protected override figure(): Figure | null {
    return sensitivityFigure(this.sensitivityRows);
  }

  // ----- render ------------------------------------------------------------------------

  private field(field: 'samples' | 'seed' | 'placementSdMm', label: string, hint: string, attrs: { min: number; max: number; step: string }) {
    const error = this.errors[field];
    return html`<div class="field ${error ? 'bad' : ''}">
      <label for="ens-${field}">${label}</label>
      <input
        id="ens-${field}"
        type="number"
        min=${attrs.min}
        max=${attrs.max}
        step=${attrs.step}
        .value=${this.form[field]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="ens-${field}-msg"
        @input=${(e: Event) => this.setField(field, (e.target as HTMLInputElement).value)}
      />
      <small id="ens-${field}-msg" class=${error ? 'error' : 'hint'} role=${error ? 'alert' : nothing}>${error ?? hint}</small>
    </div>`;
  }

  override render() {
    const p = this.progress;
    const maxSamples = ENSEMBLE_UI.maxSamples.value;
    const states = this.states;
    return html`<section class="card" aria-labelledby="ens-title">
      <div>
        <h2 id="ens-title">Ensemble: how likely is each outcome?</h2>
        <p class="caption">Runs each ticked protocol many times with the uncertain inputs drawn at random (Latin hypercube, reproducible from the seed) and the nerve displaced by the placement error, scored on each run's field without re-running.</p>
        <div class="form">
          ${this.field('samples', 'Members', `1–${maxSamples} in the browser; each is a full run per protocol`, { min: 1, max: maxSamples, step: '1' })}
          ${this.field('seed', 'Seed', 'same seed, same members (as cryo ensemble)', { min: 0, max: 4294967295, step: '1' })}
          ${this.field('placementSdMm', 'Placement error sd (mm)', 'nerve–probe offset across the nerve and in depth', { min: 0, max: ENSEMBLE_UI.maxPlacementSdMm.value, step: '0.1' })}
          <fieldset class="inputs ${this.errors.inputs ? 'bad' : ''}">
            <legend>Uncertain inputs (each about the protocol's own value)</legend>
            ${ENSEMBLE_INPUTS.map(
              (i) => html`<label title=${i.relativeSd.source}>
                <input type="checkbox" data-input=${i.id} .checked=${this.form.inputs.includes(i.id)} @change=${(e: Event) => this.toggleInput(i.id, (e.target as HTMLInputElement).checked)} />
                ${i.label} ±${Math.round(i.relativeSd.value * 100)} %${i.relativeSd.estimate ? html` <span class="est">estimate</span>` : nothing}
              </label>`,
            )}
            ${this.errors.inputs ? html`<small class="error" role="alert">${this.errors.inputs}</small>` : nothing}
          </fieldset>
        </div>
        <div class="controls">
          <button class="primary" id="ens-run" @click=${() => this.run()} ?disabled=${this.running || this.busy || this.suggesting}
            title=${this.busy || this.suggesting ? 'Wait for the comparison or the protocol search to finish' : ''}>
            ${this.running ? 'Running ensemble…' : `Run ensemble (${this.protocols.length} protocol${this.protocols.length === 1 ? '' : 's'})`}
          </button>
          <button id="ens-cancel" @click=${() => this.cancel()} ?disabled=${!this.running}>Cancel</button>
          <label title="p10–p90 of the members on the isotherm growth and zone charts"
            ><input type="checkbox" id="ens-bands" .checked=${this.showBands}
              @change=${(e: Event) => {
                this.showBands = (e.target as HTMLInputElement).checked;
                this.emitBands(this.states.length ? this.states : null);
              }} />
            Bands on charts</label
          >
          <button id="ens-csv" @click=${() => this.downloadCsv()} ?disabled=${this.running || !this.states.length} title="Every member: sampled inputs, nerve offset, figures">Members (CSV)</button>
          <button id="ens-json" @click=${() => this.downloadJson()} ?disabled=${this.running || !this.states.length || !this.ensembleDocument()}
            title=${this.states.length && !this.running && !this.ensembleDocument() ? 'The protocols sampled different inputs (each probe about its own output), so this is not one cryo ensemble document; use the CSV' : 'The cryo-ensemble/1 document, as cryo ensemble --out writes it'}>Ensemble (JSON)</button>
          ${p
            ? html`<span class="status" role="status" aria-live="polite"
                ><progress max=${p.membersTotal} .value=${p.membersDone}></progress> ${p.membersDone} / ${p.membersTotal} member runs
                ${p.runsTotal < p.membersTotal ? html`(${p.runsDone} / ${p.runsTotal} simulations; members differing only in placement share one)` : nothing}
                ${this.running && p.runsDone > 0 && p.runsDone < p.runsTotal
                  ? html`· about ${fmtDuration(Math.ceil((((performance.now() - this.startedMs) / 1000) * (p.runsTotal - p.runsDone)) / p.runsDone))} left`
                  : !this.running && this.startedMs
                    ? html`· ${fmtDuration(Math.round(this.elapsedS))}`
                    : nothing}</span
              >`
            : nothing}
        </div>
        ${this.message
          ? html`<div class="message ${this.message.kind}" role=${this.message.kind === 'error' ? 'alert' : 'status'}>
              ${this.message.text}
              ${this.message.details?.length ? html`<ul>${this.message.details.map((d) => html`<li>${clip(d, 300)}</li>`)}</ul>` : nothing}
            </div>`
          : nothing}
        ${this.saveNote ? html`<p class="message info" id="ens-save-note" role="status">${this.saveNote}</p>` : nothing}
        ${this.states.length && !this.running && filesKey(this.protocols) !== this.ranFiles
          ? html`<p class="message info" id="ens-stale" role="status">The ticked protocols or the setup changed since this ensemble ran; the table and bands still show it. Run the ensemble again to update them.</p>`
          : nothing}
        ${renderEnsembleTable(this.states, this.shown, this.running, this.runMarginMm)}
        <h3 class="sub">Which inputs decide the outcome</h3>
        ${states.length > 1
          ? html`<label class="controls"
              >Protocol
              <select id="ens-sens-protocol" @change=${(e: Event) => (this.sensitivityId = (e.target as HTMLSelectElement).value)}>
                ${states.map((s) => html`<option value=${s.id} ?selected=${s.id === this.sensitivityState?.id}>${clip(this.shown.get(s.id)?.label ?? s.id, 60)}</option>`)}
              </select></label
            >`
          : nothing}
        ${this.sensitivityRows.length ? nothing : html`<p class="empty small">The rank correlations appear once at least 3 members have finished.</p>`}
        <div class="plot" role="img" aria-label="Spearman rank correlation of each uncertain input with each verdict figure"></div>
        ${this.sensitivityRows.length
          ? html`<p class="caption">A missing bar: that figure was the same in every member. With ${this.sensitivityState?.summary.samples} members, |ρ| below about
              ${(2 / Math.sqrt(Math.max(1, (this.sensitivityState?.summary.samples ?? 2) - 1))).toFixed(2)} can arise by chance (inputs drawn at random may
              even be correlated with each other in a small ensemble); more members sharpen the ranking.</p>`
          : nothing}
        <protocol-suggest .protocols=${this.protocols} .ensembleForm=${this.form} .states=${this.states} .getPool=${this.getPool} margin-mm=${this.marginMm}
          ensemble-margin-mm=${this.runMarginMm} ?busy=${this.busy || this.running} @suggest-running=${(e: CustomEvent<boolean>) => (this.suggesting = e.detail)}></protocol-suggest>
      </div>
      <aside class="note">
        <h3>How to read this</h3>
        <p>Each probability is the share of ensemble members with that outcome; the small range is its 95 % interval, which
          narrows as 1/√n: 16 members tell 20 % from 80 %, not 60 % from 70 %.</p>
        <p>The bars rank the inputs: ρ near +1 or −1 means that input decides the figure across the members; near 0, it
          hardly matters. Placement error usually dominates the nerve; probe output and perfusion the size of the ice.</p>
        <p>The p10–p90 bands on the isotherm growth and zone charts come from the same members. The spreads are estimates
          (hover an input for its reason); the same seed gives the same members as <code>cryo ensemble</code>.</p>
      </aside>
    </section>`;
  }
}

function filesKey(protocols: readonly EnsembleProtocol[]): string {
  return JSON.stringify(protocols.map((p) => [p.id, p.file]));
}

customElements.define('ensemble-panel', EnsemblePanel);

declare global {
  interface HTMLElementTagNameMap {
    'ensemble-panel': EnsemblePanel;
  }
}
