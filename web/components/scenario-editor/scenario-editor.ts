/**
 * The scenario editor: every field of a `cryo-scenario/1` file, grouped, with
 * units, presets, the validator's messages beside the field they concern, and a
 * mark on each physical value telling whether it comes from the literature, is an
 * estimate, or was set in this scenario. A JSON view edits the file directly.
 * The form itself is scenario-form.ts (sections) on material-fields.ts (tissue,
 * probes) on form-fields.ts (one field each); this element holds the state.
 *
 * The editor never validates on its own terms: the shell runs the same
 * validateScenario as the CLI and passes the issues in. A scenario whose shape
 * the form cannot show (a file where a list should be holds a number, say) opens
 * in the JSON view with the reason, instead of failing to render.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Issue, ScenarioFile } from '../../../scenarios/schema.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { setIn, type Path } from '../../lib/paths.ts';
import type { FormContext } from './form-fields.ts';
import { ScenarioForm } from './scenario-form.ts';
import { styles } from './scenario-editor.styles.ts';

export class ScenarioEditor extends LitElement implements FormContext {
  static override properties = {
    scenario: { attribute: false },
    issues: { attribute: false },
    sharedNote: { type: String, attribute: 'shared-note' },
    jsonText: { state: true },
    jsonError: { state: true },
    view: { state: true },
  };
  static override styles = [sharedStyles, styles];

  scenario: ScenarioFile | null = null;
  issues: Issue[] = [];
  /** shown on anatomy groups: edits there apply to every protocol in the comparison */
  sharedNote = '';
  view: 'form' | 'json' = 'form';
  jsonText = '';
  jsonError = '';
  claimed = new Set<string>();
  openGroups = new Map<string, boolean>();
  modeNotes: string[] = [];
  /** why the form cannot show the current scenario, or '' */
  private formProblem = '';

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('scenario')) return;
    this.formProblem = this.scenario ? formShapeProblem(this.scenario) : '';
    if (this.formProblem) {
      this.jsonText = JSON.stringify(this.scenario, null, 2);
      this.jsonError = '';
      this.view = 'json';
    }
  }

  change(path: Path, value: unknown) {
    if (!this.scenario) return;
    this.emit(setIn(this.scenario, path, value));
  }

  emit(next: ScenarioFile) {
    this.scenario = next;
    this.dispatchEvent(new CustomEvent('scenario-change', { detail: next, bubbles: true, composed: true }));
  }

  override render() {
    const s = this.scenario;
    if (!s) return html`<p class="empty">Select a protocol to edit it.</p>`;
    this.claimed = new Set();
    const form = new ScenarioForm(this);
    let groups: TemplateResult | null = null;
    if (!this.formProblem && this.view === 'form') {
      try {
        groups = form.formGroups(s);
      } catch (e) {
        // A shape formShapeProblem does not foresee: say so rather than leave the panel blank.
        groups = html`<p class="msg" role="alert">The form cannot show this scenario (${(e as Error).message}); use the JSON view.</p>`;
      }
    }
    return this.frame(s, form, groups);
  }

  /** Tabs, problems, assumptions, then the form or the JSON view. */
  private frame(s: ScenarioFile, form: ScenarioForm, groups: TemplateResult | null) {
    // Messages no field claimed (e.g. cross-field rules) go to the top, so none is hidden.
    const orphan = this.issues.filter((i) => ![...this.claimed].some((p) => i.path === p || i.path.startsWith(p + '[') || i.path.startsWith(p + '.')));
    return html`
      <div class="controls" role="tablist" aria-label="Editor view">
        <button
          role="tab"
          aria-selected=${this.view === 'form'}
          class=${this.view === 'form' ? 'primary' : ''}
          ?disabled=${!!this.formProblem}
          title=${this.formProblem ? `The form cannot show this scenario: ${this.formProblem}` : ''}
          @click=${() => (this.view = 'form')}
        >
          Form
        </button>
        <button
          role="tab"
          aria-selected=${this.view === 'json'}
          class=${this.view === 'json' ? 'primary' : ''}
          @click=${() => {
            this.jsonText = JSON.stringify(this.scenario, null, 2);
            this.jsonError = '';
            this.view = 'json';
          }}
        >
          JSON
        </button>
      </div>
      ${this.issues.length
        ? html`<div class="problems" role="alert" aria-live="polite">
            <strong>${this.issues.length} problem${this.issues.length > 1 ? 's' : ''} — fix before running.</strong>
            ${orphan.length ? html`<ul>${orphan.map((i) => html`<li><code>${i.path || '(scenario)'}</code>: ${i.message}</li>`)}</ul>` : nothing}
          </div>`
        : nothing}
      ${this.formProblem
        ? html`<p class="msg" role="alert" id="form-problem">The form cannot show this scenario: ${this.formProblem}. Fix it here in JSON.</p>`
        : nothing}
      ${Array.isArray(s.assumptions) && s.assumptions.length
        ? html`<details class="assumptions">
            <summary>${s.assumptions.length} assumption${s.assumptions.length > 1 ? 's' : ''} in this scenario (values the sources do not report)</summary>
            <ul>
              ${s.assumptions.map((a) => html`<li>${String(a)}</li>`)}
            </ul>
          </details>`
        : nothing}
      ${this.view === 'json'
        ? html`<label class="sr-only" for="json">Scenario JSON</label>
            <textarea id="json" class="json" spellcheck="false" .value=${this.jsonText} @input=${(e: Event) => (this.jsonText = (e.target as HTMLTextAreaElement).value)}></textarea>
            ${this.jsonError ? html`<p class="msg" role="alert">${this.jsonError}</p>` : nothing}
            <button
              class="primary"
              @click=${() => {
                try {
                  const parsed = JSON.parse(this.jsonText);
                  this.jsonError = '';
                  this.emit(parsed);
                } catch (e) {
                  this.jsonError = `Not valid JSON: ${(e as Error).message}`;
                }
              }}
            >
              Apply JSON
            </button>`
        : html`<p class="legend">
              Marks: ${form.markBadge({ kind: 'literature', source: 'a published measurement' })} literature
              ${form.markBadge({ kind: 'estimate', source: 'no measured source; calibrate' })} estimate
              ${form.markBadge({ kind: 'set', source: 'chosen in this scenario' })} set in scenario. Hover a mark for its source.
            </p>
            ${groups}`}
    `;
  }
}

/**
 * Why the form cannot show `s`, or '' when it can: the form walks lists and
 * objects field by field, so each must be what the format says it is. The
 * validator explains the details; this only decides form or JSON.
 */
export function formShapeProblem(s: ScenarioFile): string {
  const file = s as unknown as Record<string, unknown>;
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  for (const key of ['geometry', 'tissue', 'skin', 'far_field', 'nerve', 'output', 'solver']) {
    if (file[key] !== undefined && !isObject(file[key])) return `"${key}" is not an object`;
  }
  for (const key of ['probes', 'protocol', 'layers', 'vessels', 'sensors']) {
    const v = file[key];
    if (v === undefined) continue;
    if (!Array.isArray(v)) return `"${key}" is not a list`;
    const bad = v.findIndex((item) => !isObject(item));
    if (bad >= 0) return `${key}[${bad}] is not an object`;
  }
  if (file.assumptions !== undefined && !Array.isArray(file.assumptions)) return '"assumptions" is not a list';
  return '';
}

customElements.define('scenario-editor', ScenarioEditor);

declare global {
  interface HTMLElementTagNameMap {
    'scenario-editor': ScenarioEditor;
  }
}
