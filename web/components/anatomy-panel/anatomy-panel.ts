/**
 * Quick anatomy controls: where the nerve is and how big, the bulk tissue, the
 * skin protection and the grid resolution. They edit the shared anatomy every
 * protocol in the comparison runs on; the full editor has every other field.
 */
import { html, LitElement, nothing } from 'lit';
import type { Issue, ScenarioFile, TissuePresetId, Vec3 } from '../../../scenarios/schema.ts';
import type { AdjunctChoice } from '../../../scenarios/placement.ts';
import { TISSUE_PRESET_IDS, TISSUE_PRESETS } from '../../../scenarios/presets.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { editAnatomyField, fieldOfIssue, simpleLayers, type AnatomyField } from '../../lib/anatomy-edits.ts';
import { describeAnatomy } from '../../lib/anatomy-text.ts';
import type { Anatomy } from '../../lib/workspace.ts';
import { RESOLUTIONS_MM, SKIN_PROTECTIONS } from '../../ui-presets.ts';
import { styles } from './anatomy-panel.styles.ts';

export interface AnatomyEdit {
  anatomy: Anatomy;
  /** set when the nerve centre moved: the shell moves probes too if asked */
  nerveTo?: Vec3;
  moveProbes: boolean;
}

export class AnatomyPanel extends LitElement {
  static override properties = {
    anatomy: { attribute: false },
    sources: { attribute: false },
    issues: { attribute: false },
    adjuncts: { attribute: false },
    moveProbes: { state: true },
    errors: { state: true },
  };
  static override styles = [sharedStyles, styles];

  anatomy: Anatomy | null = null;
  /** scenarios whose anatomy can be adopted, by id */
  sources: Record<string, ScenarioFile> = {};
  /** the validator's problems with the shared anatomy (paths as in a scenario file) */
  issues: Issue[] = [];
  /** whether protocols bring their published adjuncts */
  adjuncts: AdjunctChoice = { skin: 'published', placement: 'published', hydrodissection: 'published' };
  moveProbes = true;
  /** refused entries: what was typed and why it was refused, by field */
  errors: Partial<Record<AnatomyField, { text: string; message: string }>> = {};

  private emit(anatomy: Anatomy, nerveTo?: Vec3) {
    this.dispatchEvent(
      new CustomEvent<AnatomyEdit>('anatomy-edit', { detail: { anatomy, nerveTo, moveProbes: this.moveProbes }, bubbles: true, composed: true }),
    );
  }

  private onField(field: AnatomyField, e: Event) {
    const text = (e.target as HTMLInputElement).value;
    const r = editAnatomyField(this.anatomy!, field, text);
    const { [field]: _old, ...rest } = this.errors;
    this.errors = r.error ? { ...rest, [field]: { text, message: r.error } } : rest;
    if (!r.error) this.emit(r.anatomy, r.nerveTo);
  }

  private setAdjunct(kind: keyof AdjunctChoice, published: boolean) {
    const next: AdjunctChoice = { ...this.adjuncts, [kind]: published ? 'published' : 'anatomy' };
    this.dispatchEvent(new CustomEvent<AdjunctChoice>('adjuncts-change', { detail: next, bubbles: true, composed: true }));
  }

  /** A number field: shows what was typed while it is refused, and its own problem right below it. */
  private numberField(field: AnatomyField, id: string, label: string, value: number, unit: string, step = '0.5') {
    const refused = this.errors[field];
    const fromValidator = [...new Set(this.issues.filter((i) => fieldOfIssue(i.path) === field).map((i) => i.message))];
    const messages = refused ? [refused.message] : fromValidator;
    return html`<div class="row">
        <label for=${id}>${label}</label>
        <span
          ><input
            id=${id}
            type="text"
            inputmode="decimal"
            class=${messages.length ? 'invalid' : ''}
            aria-invalid=${messages.length ? 'true' : 'false'}
            aria-describedby=${messages.length ? `${id}-error` : nothing}
            .value=${refused ? refused.text : String(value)}
            @change=${(e: Event) => this.onField(field, e)}
            data-step=${step}
          />
          <span class="unit">${unit}</span></span
        >
      </div>
      ${messages.length ? html`<p class="field-error" id="${id}-error" role="alert">${messages.join('; ')}</p>` : nothing}`;
  }

  private renderLayers(a: Anatomy) {
    const simple = simpleLayers(a.layers);
    if (!simple) {
      return html`<p class="hint">Custom layers (edit them in the editor):</p>
        <ul>
          ${(a.layers ?? []).map((l) => html`<li>${l.from_depth_mm}–${l.to_depth_mm} mm: ${l.tissue.preset ?? 'custom'}</li>`)}
        </ul>`;
    }
    return html`${this.numberField('skin_layer_mm', 'skin-mm', 'Skin layer', simple.skin_mm, 'mm (skin preset; 0 = none)')}
    ${this.numberField('fat_layer_mm', 'fat-mm', 'Fat below it', simple.fat_mm, 'mm (fat preset; 0 = none)')}`;
  }

  override render() {
    const a = this.anatomy;
    if (!a) return nothing;
    const n = a.nerve;
    const protection = SKIN_PROTECTIONS.find((p) => JSON.stringify(p.skin) === JSON.stringify(a.skin ?? SKIN_PROTECTIONS[0].skin));
    const preset = (a.tissue?.preset ?? 'generic') as TissuePresetId;
    const spacing = a.geometry?.spacing_mm;
    const ownPlacement = this.adjuncts.placement === 'published';
    const ownSkin = this.adjuncts.skin === 'published';
    const resolutionIssues = [...new Set(this.issues.filter((i) => fieldOfIssue(i.path) === 'resolution').map((i) => i.message))];
    return html`
      <fieldset>
        <legend>Anatomy</legend>
        <div class="row">
          <label for="source">Start from</label>
          <select
            id="source"
            @change=${(e: Event) => {
              const id = (e.target as HTMLSelectElement).value;
              if (id) this.dispatchEvent(new CustomEvent('anatomy-source', { detail: id, bubbles: true, composed: true }));
              (e.target as HTMLSelectElement).value = '';
            }}
          >
            <option value="">— adopt a built-in anatomy —</option>
            ${Object.entries(this.sources).map(([id, s]) => html`<option value=${id}>${s.name}</option>`)}
          </select>
        </div>
        <p class="hint" id="anatomy-now">Now: ${describeAnatomy(a, this.adjuncts)}</p>
        ${n
          ? html`${this.numberField('nerve_depth_mm', 'nerve-depth', 'Nerve depth', n.center_mm[2], 'mm (centre)')}
              ${this.numberField('nerve_diameter_mm', 'nerve-d', 'Nerve diameter', n.diameter_mm, 'mm')}
              ${this.numberField('nerve_lateral_mm', 'nerve-x', 'Nerve to probe axis', n.center_mm[0], ownPlacement ? 'mm (not used: each protocol\'s own placement)' : 'mm (lateral x)')}
              <label class="hint"
                ><input type="checkbox" .checked=${this.moveProbes} @change=${(e: Event) => (this.moveProbes = (e.target as HTMLInputElement).checked)} />
                Probes follow the nerve depth (keeps each protocol's placement relative to the target)</label
              >`
          : html`<p class="hint">This anatomy has no nerve; add one in the editor.</p>`}
        <div class="row">
          <label for="tissue">Bulk tissue</label>
          <select id="tissue" @change=${(e: Event) => this.emit({ ...a, tissue: { preset: (e.target as HTMLSelectElement).value as TissuePresetId } })}>
            ${TISSUE_PRESET_IDS.map((id) => html`<option value=${id} ?selected=${id === preset}>${TISSUE_PRESETS[id].label}</option>`)}
          </select>
        </div>
        ${this.renderLayers(a)}
        <div class="row">
          <label for="skin">Skin protection</label>
          <select
            id="skin"
            @change=${(e: Event) => {
              const p = SKIN_PROTECTIONS.find((x) => x.id === (e.target as HTMLSelectElement).value);
              if (p) this.emit({ ...a, skin: structuredClone(p.skin) });
            }}
          >
            ${!protection ? html`<option selected value="">custom (see editor)</option>` : nothing}
            ${SKIN_PROTECTIONS.map((p) => html`<option value=${p.id} ?selected=${p === protection} title=${p.source}>${p.label}</option>`)}
          </select>
        </div>
        ${protection ? html`<p class="hint">${protection.estimate && !/^estimate/i.test(protection.source) ? 'Estimate: ' : ''}${protection.source}${ownSkin ? ' (for protocols whose paper does not protect the skin)' : ''}</p>` : nothing}
        <div class="row">
          <label for="res">Resolution</label>
          <select
            id="res"
            @change=${(e: Event) => {
              const s = Number((e.target as HTMLSelectElement).value);
              if (a.geometry) this.emit({ ...a, geometry: { ...a.geometry, spacing_mm: s } });
            }}
          >
            ${RESOLUTIONS_MM.some((r) => r.spacing_mm === spacing) ? nothing : html`<option selected value=${spacing ?? ''}>${spacing} mm (custom)</option>`}
            ${RESOLUTIONS_MM.map((r) => html`<option value=${r.spacing_mm} ?selected=${r.spacing_mm === spacing}>${r.label}</option>`)}
          </select>
        </div>
        ${resolutionIssues.length ? html`<p class="field-error" role="alert">${resolutionIssues.join('; ')}</p>` : nothing}
      </fieldset>
      <fieldset class="adjuncts">
        <legend>Published adjuncts</legend>
        <label class="check"
          ><input id="adj-skin" type="checkbox" .checked=${ownSkin} @change=${(e: Event) => this.setAdjunct('skin', (e.target as HTMLInputElement).checked)} />
          Each protocol's own skin protection (von Falck: warm gel; Bittman: warm saline gauze)</label
        >
        <label class="check"
          ><input id="adj-placement" type="checkbox" .checked=${ownPlacement} @change=${(e: Event) => this.setAdjunct('placement', (e.target as HTMLInputElement).checked)} />
          Each protocol's own probe-to-nerve placement (probe at the nerve, as its paper places it)</label
        >
        <label class="check"
          ><input id="adj-hydro" type="checkbox" .checked=${this.adjuncts.hydrodissection !== 'anatomy'} @change=${(e: Event) => this.setAdjunct('hydrodissection', (e.target as HTMLInputElement).checked)} />
          Each protocol's own hydrodissection (Yoon: 10 mm of saline under the skin over nerves shallower than 20 mm)</label
        >
        <p class="hint">Off: every protocol gets the skin protection, nerve distance and depths set above.</p>
      </fieldset>
    `;
  }
}

customElements.define('anatomy-panel', AnatomyPanel);

declare global {
  interface HTMLElementTagNameMap {
    'anatomy-panel': AnatomyPanel;
  }
}
