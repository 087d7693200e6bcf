/**
 * The verdict table: per protocol, whether and when the whole nerve reached
 * −40 °C, how much reached −20 °C, the coldest skin temperature and the smallest
 * ice-to-skin gap, and pass / fail against margins the user sets. Pass and fail
 * are written out (not colour alone). Raw numbers sit in data-value attributes
 * so tests compare them with the engine's result exactly.
 */
import { html, LitElement, nothing } from 'lit';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { styleProps } from '../../lib/style-props.ts';
import { fmtC, fmtDuration, fmtNum, fmtPct, verdict, type Margins, type RunRecord } from '../../lib/analysis.ts';
import { defaultMargins } from '../../lib/margins.ts';
import { styles } from './verdict-table.styles.ts';

export class VerdictTable extends LitElement {
  static override properties = {
    runs: { attribute: false },
    margins: { attribute: false },
  };
  static override styles = [sharedStyles, styles];

  runs: RunRecord[] = [];
  margins: Margins = defaultMargins();

  private setMargin(key: keyof Margins, value: number) {
    if (!Number.isFinite(value)) return;
    this.margins = { ...this.margins, [key]: value };
    this.dispatchEvent(new CustomEvent('margins-change', { detail: this.margins, bubbles: true, composed: true }));
  }

  private marginInput(label: string, key: 'skin_margin_mm' | 'skin_limit_c', range: { min: number; max: number; step: number }) {
    return html`<label
      >${label}
      <input
        type="number"
        min=${range.min}
        max=${range.max}
        step=${range.step}
        .value=${String(this.margins[key])}
        @change=${(e: Event) => this.setMargin(key, Number((e.target as HTMLInputElement).value))}
    /></label>`;
  }

  override render() {
    const m = this.margins;
    const pct = fmtPct;
    return html`<section class="card" aria-labelledby="verdict-title">
      <div>
        <h2 id="verdict-title">Verdict</h2>
        <div class="controls">
          <label
            >Nerve target
            <select @change=${(e: Event) => this.setMargin('nerve_target_c', Number((e.target as HTMLSelectElement).value))}>
              <option value="-20" ?selected=${m.nerve_target_c === -20}>fully ≤ −20 °C (block)</option>
              <option value="-40" ?selected=${m.nerve_target_c === -40}>fully ≤ −40 °C (lethal)</option>
            </select></label
          >
          ${this.marginInput('Ice-to-skin margin (mm)', 'skin_margin_mm', { min: 0, max: 50, step: 0.5 })}
          ${this.marginInput('Coldest skin allowed (°C)', 'skin_limit_c', { min: -40, max: 37, step: 1 })}
        </div>
        <div class="table-wrap">
          <table>
            <caption class="sr-only">
              Verdict per protocol against the margins above
            </caption>
            <thead>
              <tr>
                <th scope="col">Protocol</th>
                <th scope="col">Nerve fully ≤ −40 °C</th>
                <th scope="col">Nerve ≤ −20 °C</th>
                <th scope="col">Coldest skin</th>
                <th scope="col">Smallest ice-to-skin gap</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              ${this.runs.map((run) => {
                if (run.error || !run.result) {
                  return html`<tr class="error" data-id=${run.id}>
                    <th scope="row"><span class="swatch" ${styleProps({ background: run.colour })}></span>${run.label}</th>
                    <td colspan="5" class="message">${run.error ? run.error.message : 'not run yet'}</td>
                  </tr>`;
                }
                const v = verdict(run, m)!;
                return html`<tr data-id=${run.id} class=${run.previous ? 'previous' : ''}>
                  <th scope="row"><span class="swatch" ${styleProps({ background: run.colour })}></span>${run.label}${run.previous
                      ? html`<small class="previous">previous results: the latest run was cancelled</small>`
                      : nothing}</th>
                  <td data-col="lethal_full_s" data-label="Nerve fully ≤ −40 °C" data-value=${v.lethal_full_s ?? ''} data-full=${v.lethal_full ? 'yes' : 'no'}>
                    ${!v.lethal_full
                      ? html`no (${pct(v.lethal_fraction)})`
                      : v.lethal_full_s !== null
                        ? html`yes, at ${fmtDuration(v.lethal_full_s)}`
                        : html`yes (each point at some time, never all at once)`}
                  </td>
                  <td data-col="block_fraction" data-label="Nerve ≤ −20 °C" data-value=${v.block_fraction ?? ''} data-full=${v.block_full ? 'yes' : 'no'}>
                    ${pct(v.block_fraction)}${v.block_full_s !== null ? html` (full at ${fmtDuration(v.block_full_s)})` : nothing}
                  </td>
                  <td data-col="skin_min_c" data-label="Coldest skin" data-value=${v.skin_min_c}>${fmtNum(v.skin_min_c)} °C</td>
                  <td data-col="ice_gap_mm" data-label="Smallest ice-to-skin gap" data-value=${v.ice_gap_mm}>${v.skin_frozen ? 'skin froze' : v.ice_gap_mm === null ? 'no ice' : `${v.ice_gap_mm.toFixed(1)} mm`}</td>
                  <td class="verdict" data-col="pass" data-label="Verdict" data-value=${v.pass ? 'pass' : 'fail'}>
                    ${v.pass ? html`<span class="pass">✔ pass</span>` : html`<span class="fail">✘ fail</span>`}
                    ${v.reasons.length ? html`<span class="why">${v.reasons.join('; ')}</span>` : nothing}
                    ${v.warnings.length
                      ? html`<ul class="warnings" aria-label="Warnings about this result">
                          ${v.warnings.map((w) => html`<li data-code=${w.code}><span aria-hidden="true">⚠</span> ${w.message}</li>`)}
                        </ul>`
                      : nothing}
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>
          ${this.runs.length ? nothing : html`<p class="empty">No protocols run yet.</p>`}
        </div>
      </div>
      <aside class="note">
        <h3>How to read it</h3>
        <p>Pass means every point of the nerve's cross-section reached the target (${fmtC(m.nerve_target_c)}) during the
          run (as the squares of the lethal-zone chart show), the ice
          stayed at least ${m.skin_margin_mm} mm from the skin, and the skin stayed above ${fmtC(m.skin_limit_c)}.</p>
        <p>⚠ marks a result that needs care (for example ice near a fixed model boundary, or a cold probe segment at
          the skin): read the number with that in mind.</p>
        <p>Seed studies kept ice ≥ 5 mm (von Falck 2022) or ≥ 10 mm (Yoon 2016) from the skin. The numbers are model
          estimates: tissue properties and probe output carry uncertainty (see the editor's marks).</p>
      </aside>
    </section>`;
  }
}

customElements.define('verdict-table', VerdictTable);

declare global {
  interface HTMLElementTagNameMap {
    'verdict-table': VerdictTable;
  }
}
