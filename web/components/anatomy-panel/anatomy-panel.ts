/**
 * Quick anatomy controls: where the nerve is and how big, the bulk tissue, the
 * skin protection and the grid resolution. They edit the shared anatomy every
 * protocol in the comparison runs on; the full editor has every other field.
 */
import { html, LitElement, nothing } from 'lit';
import type { Layer, ScenarioFile, TissuePresetId, Vec3 } from '../../../scenarios/schema.ts';
import { TISSUE_PRESET_IDS, TISSUE_PRESETS } from '../../../scenarios/presets.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
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
    moveProbes: { state: true },
  };
  static override styles = [sharedStyles, styles];

  anatomy: Anatomy | null = null;
  /** scenarios whose anatomy can be adopted, by id */
  sources: Record<string, ScenarioFile> = {};
  moveProbes = true;

  private emit(anatomy: Anatomy, nerveTo?: Vec3) {
    this.dispatchEvent(
      new CustomEvent<AnatomyEdit>('anatomy-edit', { detail: { anatomy, nerveTo, moveProbes: this.moveProbes }, bubbles: true, composed: true }),
    );
  }

  private setNerve(i: 0 | 2, v: number) {
    const a = this.anatomy!;
    if (!a.nerve || !Number.isFinite(v)) return;
    const c = [...a.nerve.center_mm] as Vec3;
    c[i] = v;
    this.emit(a, c);
  }

  /**
   * The common layering as two thicknesses (skin, then fat, over the bulk tissue).
   * Anything else is shown as a list and left to the editor, never overwritten silently.
   */
  private renderLayers(a: Anatomy) {
    const simple = simpleLayers(a.layers);
    if (!simple) {
      return html`<p class="hint">Custom layers (edit them in the editor):</p>
        <ul>
          ${(a.layers ?? []).map((l) => html`<li>${l.from_depth_mm}–${l.to_depth_mm} mm: ${l.tissue.preset ?? 'custom'}</li>`)}
        </ul>`;
    }
    const set = (skin_mm: number, fat_mm: number) => {
      if (!Number.isFinite(skin_mm) || !Number.isFinite(fat_mm) || skin_mm < 0 || fat_mm < 0) return;
      this.emit({ ...a, layers: layersFor(skin_mm, fat_mm) });
    };
    return html`<div class="row">
        <label for="skin-mm">Skin layer</label>
        <span
          ><input id="skin-mm" type="number" min="0" step="0.5" .value=${String(simple.skin_mm)} @change=${(e: Event) => set(Number((e.target as HTMLInputElement).value), simple.fat_mm)} />
          <span class="unit">mm (skin preset; 0 = none)</span></span
        >
      </div>
      <div class="row">
        <label for="fat-mm">Fat below it</label>
        <span
          ><input id="fat-mm" type="number" min="0" step="0.5" .value=${String(simple.fat_mm)} @change=${(e: Event) => set(simple.skin_mm, Number((e.target as HTMLInputElement).value))} />
          <span class="unit">mm (fat preset; 0 = none)</span></span
        >
      </div>`;
  }

  override render() {
    const a = this.anatomy;
    if (!a) return nothing;
    const n = a.nerve;
    const protection = SKIN_PROTECTIONS.find((p) => JSON.stringify(p.skin) === JSON.stringify(a.skin ?? SKIN_PROTECTIONS[0].skin));
    const preset = (a.tissue?.preset ?? 'generic') as TissuePresetId;
    const spacing = a.geometry?.spacing_mm;
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
        <p class="hint">Now: ${a.label}</p>
        ${n
          ? html`<div class="row">
                <label for="nerve-depth">Nerve depth</label>
                <span
                  ><input id="nerve-depth" type="number" step="0.5" .value=${String(n.center_mm[2])} @change=${(e: Event) => this.setNerve(2, Number((e.target as HTMLInputElement).value))} />
                  <span class="unit">mm (centre)</span></span
                >
              </div>
              <div class="row">
                <label for="nerve-d">Nerve diameter</label>
                <span
                  ><input
                    id="nerve-d"
                    type="number"
                    step="0.5"
                    .value=${String(n.diameter_mm)}
                    @change=${(e: Event) => {
                      const d = Number((e.target as HTMLInputElement).value);
                      if (Number.isFinite(d)) this.emit({ ...a, nerve: { ...n, diameter_mm: d } });
                    }}
                  />
                  <span class="unit">mm</span></span
                >
              </div>
              <div class="row">
                <label for="nerve-x">Nerve to probe axis</label>
                <span
                  ><input id="nerve-x" type="number" step="0.5" .value=${String(n.center_mm[0])} @change=${(e: Event) => this.setNerve(0, Number((e.target as HTMLInputElement).value))} />
                  <span class="unit">mm (lateral x)</span></span
                >
              </div>
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
        ${protection ? html`<p class="hint">${protection.estimate && !/^estimate/i.test(protection.source) ? 'Estimate: ' : ''}${protection.source}</p>` : nothing}
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
      </fieldset>
    `;
  }
}

/** Skin and fat thicknesses if the layers are exactly [skin][fat] from the surface (either may be absent). */
export function simpleLayers(layers: Layer[] | undefined): { skin_mm: number; fat_mm: number } | null {
  const ls = layers ?? [];
  const plain = (l: Layer, preset: string) => l.tissue.preset === preset && Object.keys(l.tissue).length === 1;
  if (ls.length === 0) return { skin_mm: 0, fat_mm: 0 };
  if (ls.length === 1 && ls[0].from_depth_mm === 0) {
    if (plain(ls[0], 'skin')) return { skin_mm: ls[0].to_depth_mm, fat_mm: 0 };
    if (plain(ls[0], 'fat')) return { skin_mm: 0, fat_mm: ls[0].to_depth_mm };
  }
  if (ls.length === 2 && ls[0].from_depth_mm === 0 && plain(ls[0], 'skin') && plain(ls[1], 'fat') && ls[1].from_depth_mm === ls[0].to_depth_mm) {
    return { skin_mm: ls[0].to_depth_mm, fat_mm: ls[1].to_depth_mm - ls[1].from_depth_mm };
  }
  return null;
}

export function layersFor(skin_mm: number, fat_mm: number): Layer[] | undefined {
  const out: Layer[] = [];
  if (skin_mm > 0) out.push({ from_depth_mm: 0, to_depth_mm: skin_mm, tissue: { preset: 'skin' } });
  if (fat_mm > 0) out.push({ from_depth_mm: skin_mm, to_depth_mm: skin_mm + fat_mm, tissue: { preset: 'fat' } });
  return out.length ? out : undefined;
}

customElements.define('anatomy-panel', AnatomyPanel);

declare global {
  interface HTMLElementTagNameMap {
    'anatomy-panel': AnatomyPanel;
  }
}
