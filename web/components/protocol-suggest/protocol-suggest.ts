/**
 * "Suggest a protocol" (issue 13): the shortest schedule (or the least skin exposure) that
 * brings the nerve to a target with a chosen probability under the constraints, found by the
 * search of `cryo optimise` (workers/optimise/search.ts) on the page's worker pool
 * (workers/pool/optimise-pool.ts) with the ensemble form's members, seed and uncertain inputs.
 * Bounded by a run budget, with progress and Cancel (the candidates that finished stay). The
 * suggestion is shown beside the ticked protocols (their probabilities from the ensemble table)
 * and "Add as a protocol" sends a `protocol-suggested` event (web/lib/suggestion.ts).
 */
import { html, LitElement, nothing } from 'lit';
import type { ProtocolEnsembleState } from '../../../workers/pool/ensemble-batch.ts';
import type { PoolSearch, PoolSearchProgress } from '../../../workers/pool/optimise-pool.ts';
import type { SimulationPool } from '../../../workers/pool/simulation-pool.ts';
import type { SearchResult } from '../../../workers/optimise/search.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { checkForm, type EnsembleForm } from '../../lib/ensemble-request.ts';
import { checkSuggestForm, defaultSuggestForm, TARGET_LABELS, type SuggestErrors, type SuggestForm } from '../../lib/suggest-request.ts';
import type { SuggestedProtocol } from '../../lib/suggestion.ts';
import type { EnsembleProtocol } from '../ensemble-panel/ensemble-panel.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { clip } from '../../lib/text.ts';
import { MAX_WORKERS, OPTIMISE_UI } from '../../ui-presets.ts';
import { styles } from '../ensemble-panel/ensemble-panel.styles.ts';
import { suggestStyles } from './protocol-suggest.styles.ts';
import { renderComparison, renderCandidates, type ShownSearch } from './suggest-results.ts';

export class ProtocolSuggest extends LitElement {
  static override properties = {
    protocols: { attribute: false },
    ensembleForm: { attribute: false },
    states: { attribute: false },
    getPool: { attribute: false },
    marginMm: { type: Number, attribute: 'margin-mm' },
    ensembleMarginMm: { type: Number, attribute: 'ensemble-margin-mm' },
    busy: { type: Boolean },
    form: { state: true },
    errors: { state: true },
    running: { state: true },
    progress: { state: true },
    shown: { state: true },
    message: { state: true },
  };
  static override styles = [sharedStyles, styles, suggestStyles];

  protocols: EnsembleProtocol[] = [];
  ensembleForm: EnsembleForm | null = null;
  /** the ensemble table's protocols, for their probabilities beside the suggestion */
  states: ProtocolEnsembleState[] = [];
  getPool: (() => Promise<SimulationPool>) | null = null;
  marginMm = 5;
  /** the skin margin the ensemble table was summarised with */
  ensembleMarginMm = 5;
  /** the comparison or the ensemble is running: the pool is busy */
  busy = false;
  form: SuggestForm | null = null;
  errors: SuggestErrors = {};
  running = false;
  progress: PoolSearchProgress | null = null;
  shown: ShownSearch | null = null;
  message: { kind: 'error' | 'info'; text: string } | null = null;
  private search: PoolSearch | null = null;

  protected override willUpdate() {
    // Start from the first ticked protocol, and again when the chosen one is unticked.
    if (!this.form || !this.protocols.some((p) => p.id === this.form!.baseId)) this.form = { ...(this.form ?? defaultSuggestForm('', this.marginMm)), baseId: this.protocols[0]?.id ?? '' };
  }

  private get current(): SuggestForm {
    return this.form ?? defaultSuggestForm(this.protocols[0]?.id ?? '', this.marginMm);
  }

  private set(field: keyof SuggestForm, value: unknown) {
    this.form = { ...this.current, [field]: value };
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  private toggle<T>(field: 'cycles' | 'thaws', value: T, on: boolean) {
    const list = this.current[field] as T[];
    this.set(field, on ? [...new Set([...list, value])] : list.filter((v) => v !== value));
  }

  async suggest() {
    if (this.running) return;
    const form = this.current;
    const ens = this.ensembleForm ? checkForm(this.ensembleForm) : null;
    if (!ens?.settings) {
      this.message = { kind: 'error', text: 'Nothing was run: fix the ensemble entries above first (members, seed, placement error); the search scores each candidate on those members.' };
      return;
    }
    const protocol = this.protocols.find((p) => p.id === form.baseId) ?? null;
    const v = protocol ? validateScenario(protocol.file) : null;
    const base = protocol && v?.ok ? { file: protocol.file as unknown as Record<string, unknown>, scenario: v.scenario } : null;
    const { request, errors } = checkSuggestForm(form, base, ens.settings);
    this.errors = errors;
    if (!request || !protocol) {
      this.message = { kind: 'error', text: 'Nothing was run: fix the entries marked in red.' };
      return;
    }
    if (!this.getPool) {
      this.message = { kind: 'error', text: 'The simulation workers are not available on this page.' };
      return;
    }
    const pool = await this.getPool();
    const { searchOnPool } = await import('../../../workers/pool/optimise-pool.ts');
    this.message = null;
    this.shown = null;
    this.progress = null;
    this.setRunning(true);
    const started = performance.now();
    this.search = searchOnPool(pool.pool, request, { maxWorkers: MAX_WORKERS.value, onProgress: (p) => (this.progress = p) });
    try {
      const result: SearchResult = await this.search.promise;
      this.shown = { base: protocol, request, result, samples: ens.settings.samples, seed: ens.settings.seed, seconds: (performance.now() - started) / 1000 };
      if (result.interrupted) this.message = { kind: 'info', text: `Cancelled after ${result.candidates.length} candidates (${result.runs} runs); ${result.chosen ? 'the best of them is shown' : 'none of them met the target'}.` };
      else if (!result.chosen)
        this.message = {
          kind: 'info',
          text: `No allowed schedule meets the target${result.budget_exhausted ? ' within the run budget (raise it)' : ''}: ${result.structures.map((s) => `${s.structure}: ${s.why ?? 'no'}`).join('; ')}.`,
        };
    } catch (e) {
      this.message = { kind: 'error', text: `The search stopped: ${(e as Error).message}` };
    } finally {
      this.search = null;
      this.setRunning(false);
    }
  }

  cancel() {
    this.search?.cancel();
  }

  private setRunning(on: boolean) {
    this.running = on;
    this.dispatchEvent(new CustomEvent('suggest-running', { detail: on }));
  }

  /** Sends the suggestion to the workspace (web/lib/suggestion.ts adds it beside its base). */
  addSuggestion() {
    const s = this.shown;
    const c = s?.result.chosen;
    if (!s || !c) return;
    const o = s.request.search;
    const detail: SuggestedProtocol = {
      baseId: s.base.id,
      name: `${clip(String(s.base.file.name), 60)} — suggested: ${c.structure}, ${c.freeze_s} s freezes`,
      protocol: c.phases,
      note:
        `Schedule suggested by the workbench's protocol search (cryo optimise): ${o.objective === 'least-skin' ? 'least skin exposure' : 'shortest'} meeting P(${TARGET_LABELS[s.request.target]}) ≥ ${o.probability}` +
        `${o.skinMarginMm === null ? '' : ` with P(ice within ${o.skinMarginMm} mm of the skin) ≤ ${+(1 - o.probability).toFixed(6)}`}, within ${s.result.tolerance_s} s per freeze; ` +
        `${s.samples > 1 ? `${s.samples} members, seed ${s.seed}` : 'deterministic'}; found P = ${c.probability.toFixed(3)}.`,
    };
    this.dispatchEvent(new CustomEvent('protocol-suggested', { detail, bubbles: true, composed: true }));
    this.message = { kind: 'info', text: `Added “${detail.name}” to the protocol list, ticked beside the others; run the comparison to see its maps and charts.` };
  }

  private numberField(field: 'probability' | 'skinMarginMm' | 'maxTotalMin' | 'thawS' | 'toleranceS' | 'maxRuns', label: string, hint: string, step: string) {
    const error = this.errors[field];
    return html`<div class="field ${error ? 'bad' : ''}">
      <label for="sug-${field}">${label}</label>
      <input id="sug-${field}" type="number" step=${step} .value=${this.current[field]} aria-invalid=${error ? 'true' : 'false'} aria-describedby="sug-${field}-msg"
        @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)} />
      <small id="sug-${field}-msg" class=${error ? 'error' : 'hint'} role=${error ? 'alert' : nothing}>${error ?? hint}</small>
    </div>`;
  }

  override render() {
    const f = this.current;
    const p = this.progress;
    const ens = this.ensembleForm ? checkForm(this.ensembleForm).settings : null;
    return html`<h3 class="sub" id="sug-title">Suggest a protocol</h3>
      <p class="caption">Finds the shortest schedule (freezes of one shared length, a fixed thaw between them) whose ensemble meets the target with the chosen probability, by bisection on the freeze length for each allowed number of freezes — the search of <code>cryo optimise</code>, on
        ${ens ? (ens.samples > 1 ? `the ensemble's ${ens.samples} members (seed ${ens.seed})` : 'one deterministic run per candidate (1 member)') : 'the ensemble members set above'}. Device and placement: the protocol it starts from, on this anatomy.</p>
      <div class="form" aria-labelledby="sug-title">
        <div class="field ${this.errors.baseId ? 'bad' : ''}">
          <label for="sug-base">Start from (device)</label>
          <select id="sug-base" @change=${(e: Event) => this.set('baseId', (e.target as HTMLSelectElement).value)}>
            ${this.protocols.map((x) => html`<option value=${x.id} ?selected=${x.id === f.baseId}>${clip(x.label, 50)}</option>`)}
          </select>
          <small id="sug-baseId-msg" class=${this.errors.baseId ? 'error' : 'hint'}>${this.errors.baseId ?? 'a ticked protocol'}</small>
        </div>
        <div class="field">
          <label for="sug-target">Target</label>
          <select id="sug-target" @change=${(e: Event) => this.set('target', (e.target as HTMLSelectElement).value)}>
            ${Object.entries(TARGET_LABELS).map(([id, label]) => html`<option value=${id} ?selected=${id === f.target}>${label}</option>`)}
          </select>
          <select id="sug-objective" aria-label="Objective" @change=${(e: Event) => this.set('objective', (e.target as HTMLSelectElement).value)}>
            <option value="shortest" ?selected=${f.objective === 'shortest'}>shortest total time</option>
            <option value="least-skin" ?selected=${f.objective === 'least-skin'}>least skin exposure</option>
          </select>
        </div>
        ${this.numberField('probability', 'with probability ≥', 'share of members, e.g. 0.9', '0.05')}
        ${this.numberField('skinMarginMm', 'Skin margin (mm)', 'ice kept this far from the skin in the same share of members; empty: no constraint', '0.5')}
        ${this.numberField('maxTotalMin', 'Max total (min)', 'freezes and thaws together', '1')}
        <fieldset class="inputs ${this.errors.cycles || this.errors.thaws ? 'bad' : ''}">
          <legend>Allowed schedules</legend>
          <span>Freezes:
            ${OPTIMISE_UI.cycles.value.map((c) => html`<label><input type="checkbox" data-cycles=${c} .checked=${f.cycles.includes(c)} @change=${(e: Event) => this.toggle('cycles', c, (e.target as HTMLInputElement).checked)} /> ${c}</label>`)}</span>
          <span>Thaw between:
            ${(['passive', 'active'] as const).map((t) => html`<label><input type="checkbox" data-thaw=${t} .checked=${f.thaws.includes(t)} @change=${(e: Event) => this.toggle('thaws', t, (e.target as HTMLInputElement).checked)} /> ${t}</label>`)}</span>
          ${this.errors.cycles || this.errors.thaws ? html`<small class="error" role="alert">${this.errors.cycles ?? this.errors.thaws}</small>` : nothing}
        </fieldset>
        ${this.numberField('thawS', 'Thaw (s)', "empty: the base protocol's first thaw", '10')}
        ${this.numberField('toleranceS', 'Tolerance (s)', 'the bisection stops this close to the shortest freeze', '1')}
        ${this.numberField('maxRuns', 'Run budget', `solver runs at most (1–${OPTIMISE_UI.maxMaxRuns.value})`, '1')}
      </div>
      <div class="controls">
        <button class="primary" id="sug-run" @click=${() => this.suggest()} ?disabled=${this.running || this.busy || !this.protocols.length}
          title=${this.busy ? 'Wait for the comparison or the ensemble to finish' : ''}>${this.running ? 'Searching…' : 'Suggest a protocol'}</button>
        <button id="sug-cancel" @click=${() => this.cancel()} ?disabled=${!this.running}>Cancel</button>
        ${p
          ? html`<span class="status" role="status" aria-live="polite"><progress max=${p.maxRuns} .value=${p.runs + p.candidateRunsDone}></progress>
              ${p.runs + p.candidateRunsDone} of at most ${p.maxRuns} runs · ${p.candidates.length} candidates${this.running && p.candidateRunsTotal ? html` · this candidate ${p.candidateRunsDone}/${p.candidateRunsTotal}` : nothing}
              ${!this.running && this.shown ? html` · ${Math.round(this.shown.seconds)} s` : nothing}</span>`
          : nothing}
      </div>
      ${this.message ? html`<div class="message ${this.message.kind}" id="sug-message" role=${this.message.kind === 'error' ? 'alert' : 'status'}>${clip(this.message.text, 600)}</div>` : nothing}
      ${this.shown ? renderComparison(this.shown, this.protocols, this.states, this.ensembleMarginMm, () => this.addSuggestion()) : nothing}
      ${this.running && p ? renderCandidates(p.candidates, true) : this.shown ? renderCandidates(this.shown.result.candidates, false) : nothing}`;
  }
}

customElements.define('protocol-suggest', ProtocolSuggest);

declare global {
  interface HTMLElementTagNameMap {
    'protocol-suggest': ProtocolSuggest;
  }
}
