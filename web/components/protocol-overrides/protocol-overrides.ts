/**
 * The selected protocol's own anatomy variant: its bulk tissue (another tissue,
 * or the shared tissue with perfusion off) and its skin protection, for this
 * protocol only. Copy a protocol, give the copy a variant, tick both: the
 * contrast runs side by side. Reports `overrides-change` with the new
 * overrides (undefined = none); the workbench stores them.
 */
import { html, LitElement } from 'lit';
import type { SkinBoundary, TissuePresetId, TissueSpec } from '../../../scenarios/schema.ts';
import { TISSUE_PRESETS, TISSUE_PRESET_IDS } from '../../../scenarios/presets.ts';
import type { AnatomyOverrides } from '../../lib/overrides.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { clip } from '../../lib/text.ts';
import { SKIN_PROTECTIONS } from '../../ui-presets.ts';
import { styles } from './protocol-overrides.styles.ts';

const NO_PERFUSION = 'shared-no-perfusion';

/** Words for an overridden tissue (also used in the protocol list). */
export function tissueWords(t: TissueSpec): string {
  const name = t.preset ? (TISSUE_PRESETS[t.preset]?.label ?? t.preset) : 'custom tissue';
  return t.perfusion_w_m3k === 0 ? `${name}, perfusion off` : Object.keys(t).some((k) => k !== 'preset') ? `${name} (edited)` : name;
}

/** Words for an overridden skin boundary. */
export function skinWords(s: SkinBoundary): string {
  return SKIN_PROTECTIONS.find((p) => JSON.stringify(p.skin) === JSON.stringify(s))?.label ?? `${s.boundary} (edited)`;
}

export class ProtocolOverrides extends LitElement {
  static override properties = {
    overrides: { attribute: false },
    sharedTissue: { attribute: false },
    protocolName: { attribute: 'protocol-name' },
  };
  static override styles = [sharedStyles, styles];

  overrides: AnatomyOverrides | undefined = undefined;
  sharedTissue: TissueSpec = { preset: 'generic' };
  protocolName = '';

  private emit(next: AnatomyOverrides) {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as AnatomyOverrides;
    this.dispatchEvent(new CustomEvent('overrides-change', { detail: Object.keys(clean).length ? clean : undefined, bubbles: true, composed: true }));
  }

  private tissueValue(): string {
    const t = this.overrides?.tissue;
    if (!t) return '';
    if (t.perfusion_w_m3k === 0 && JSON.stringify({ ...t, perfusion_w_m3k: undefined }) === JSON.stringify({ ...this.sharedTissue, perfusion_w_m3k: undefined })) return NO_PERFUSION;
    if (Object.keys(t).length === 1 && t.preset) return t.preset;
    return 'custom';
  }

  private onTissue(v: string) {
    const tissue: TissueSpec | undefined =
      v === '' ? undefined : v === NO_PERFUSION ? { ...structuredClone(this.sharedTissue), perfusion_w_m3k: 0 } : v === 'custom' ? this.overrides?.tissue : { preset: v as TissuePresetId };
    this.emit({ ...this.overrides, tissue });
  }

  private onSkin(v: string) {
    const skin = v === '' ? undefined : v === 'custom' ? this.overrides?.skin : SKIN_PROTECTIONS.find((p) => p.id === v)?.skin;
    this.emit({ ...this.overrides, skin: skin ? structuredClone(skin) : undefined });
  }

  override render() {
    const tv = this.tissueValue();
    const skin = this.overrides?.skin;
    const sv = !skin ? '' : (SKIN_PROTECTIONS.find((p) => JSON.stringify(p.skin) === JSON.stringify(skin))?.id ?? 'custom');
    return html`<fieldset>
      <legend>This protocol only</legend>
      <p class="hint">A variant of the shared anatomy for “${clip(this.protocolName, 80)}” alone. Copy a protocol and give the copy a variant to
        compare, say, perfusion off with on side by side.</p>
      <div class="row">
        <label for="ov-tissue">Tissue</label>
        <select id="ov-tissue" @change=${(e: Event) => this.onTissue((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${tv === ''}>as the shared anatomy</option>
          <option value=${NO_PERFUSION} ?selected=${tv === NO_PERFUSION}>shared tissue, perfusion off</option>
          ${TISSUE_PRESET_IDS.map((id) => html`<option value=${id} ?selected=${tv === id}>${TISSUE_PRESETS[id].label}</option>`)}
          ${tv === 'custom' ? html`<option value="custom" selected>custom (set in the editor)</option>` : ''}
        </select>
      </div>
      <div class="row">
        <label for="ov-skin">Skin</label>
        <select id="ov-skin" @change=${(e: Event) => this.onSkin((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${sv === ''}>as the shared anatomy (or the paper's)</option>
          ${SKIN_PROTECTIONS.map((p) => html`<option value=${p.id} ?selected=${sv === p.id}>${p.label}</option>`)}
          ${sv === 'custom' ? html`<option value="custom" selected>custom (set in the editor)</option>` : ''}
        </select>
      </div>
    </fieldset>`;
  }
}

customElements.define('protocol-overrides', ProtocolOverrides);

declare global {
  interface HTMLElementTagNameMap {
    'protocol-overrides': ProtocolOverrides;
  }
}
