/**
 * What the ensemble panel shows, as render and figure functions: the probability table (per
 * protocol the share of finished members with each outcome, bold, with its 95 % Wilson
 * interval, and the nerve's coldest temperature p10/p50/p90) and the sensitivity bars.
 */
import { html, nothing } from 'lit';
import type { ProtocolEnsembleState } from '../../../workers/pool/ensemble-batch.ts';
import { SENSITIVITY_FIGURES, wilsonInterval, type SensitivityRow } from '../../lib/ensemble-stats.ts';
import type { Figure } from '../../lib/plot-element.ts';
import { styleProps } from '../../lib/style-props.ts';
import { clip, plotText } from '../../lib/text.ts';

export function renderEnsembleTable(states: readonly ProtocolEnsembleState[], shown: ReadonlyMap<string, { label: string; colour: string }>, running: boolean, margin: number) {
  if (!states.length) return html`<p class="empty">${running ? 'Waiting for the first members…' : 'No ensemble yet. Choose the uncertain inputs and run.'}</p>`;
  // The bold share is the CLI summary's probability; the interval is from its count.
  const pct = (p: number | null, n: number) => {
    const k = p === null ? 0 : Math.round(p * n);
    const ci = p === null ? null : wilsonInterval(k, n);
    if (!ci) return html`<td title="no members finished">—</td>`;
    return html`<td title="${k} of ${n} members; 95 % Wilson interval ${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)} %">
      <b>${Math.round(100 * p!)} %</b> <span class="ci">${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)}</span>
    </td>`;
  };
  return html`<div class="table-wrap"><table id="ensemble-table">
    <caption class="sr-only">Probabilities per protocol from the ensemble members that finished</caption>
    <thead>
      <tr>
        <th scope="col">Protocol</th>
        <th scope="col" title="members that finished (failed members are not counted)">n</th>
        <th scope="col">P(whole nerve ≤ −20 °C)</th>
        <th scope="col">P(whole nerve ≤ −40 °C)</th>
        <th scope="col">P(skin freezes)</th>
        <th scope="col">P(ice &lt; ${margin} mm from skin)</th>
        <th scope="col">nerve coldest °C p10 / p50 / p90</th>
      </tr>
    </thead>
    <tbody>
      ${states.map((s) => {
        const sum = s.summary;
        const n = sum.samples;
        const nn = sum.members.filter((m) => m.figures?.nerve).length;
        const pr = sum.probability;
        const label = shown.get(s.id);
        const b = sum.percentiles.nerve?.min_c;
        // Whole degrees with a true minus: the spread across members dwarfs the decimals.
        const f0 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v).toString().replace('-', '−'));
        return html`<tr data-id=${s.id}>
          <th scope="row"><span class="swatch" ${styleProps({ background: label?.colour ?? '#555' })}></span>${clip(label?.label ?? s.id, 60)}</th>
          <td class="n">${n}${sum.failed ? html` <span class="failed" title="members whose run failed">+${sum.failed} failed</span>` : nothing}</td>
          ${nn ? pct(pr.nerve_full_minus20, nn) : html`<td title="no nerve in this scenario">—</td>`}
          ${nn ? pct(pr.nerve_full_minus40, nn) : html`<td title="no nerve in this scenario">—</td>`}
          ${pct(pr.skin_frozen, n)}
          ${pct(pr.ice_within_margin, n)}
          <td class="bands">${b ? `${f0(b.p10)} / ${f0(b.p50)} / ${f0(b.p90)}` : '—'}</td>
        </tr>`;
      })}
    </tbody>
  </table></div>
  <p class="caption">Bold: share of the members that finished; small: its 95 % interval (Wilson) — with n members a share is known to about ±${Math.round(100 / Math.sqrt(Math.max(1, states[0]?.summary.samples ?? 1)))} points at most.</p>`;
}

const FIGURE_COLOURS = ['#0072B2', '#56B4E9', '#D55E00'];

/** Spearman rho of each input with each verdict figure, as grouped horizontal bars. */
export function sensitivityFigure(rows: readonly SensitivityRow[]): Figure | null {
  if (!rows.length) return null;
  const names = rows.map((r) => plotText(inputName(r.input)));
  return {
    data: SENSITIVITY_FIGURES.map((f, k) => ({
      type: 'bar',
      orientation: 'h',
      name: f.label,
      y: names,
      x: rows.map((r) => r.rho[f.id]),
      marker: { color: FIGURE_COLOURS[k % FIGURE_COLOURS.length] },
      hovertemplate: `${plotText(f.label)}<br>%{y}: ρ = %{x:.2f}<extra></extra>`,
    })),
    layout: {
      height: 90 + rows.length * 60,
      barmode: 'group',
      margin: { l: 10, r: 16, t: 8, b: 40 },
      xaxis: { title: { text: 'Spearman rank correlation ρ', standoff: 4 }, range: [-1.05, 1.05], zeroline: true, zerolinecolor: '#52606d', dtick: 0.5 },
      yaxis: { automargin: true, autorange: 'reversed' },
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    },
  };
}

/** A readable name for an input path in the sensitivity chart. */
function inputName(path: string): string {
  if (path === 'tissue.perfusion_w_m3k') return 'perfusion';
  if (path === 'tissue.k_frozen_w_mk') return 'frozen conductivity';
  if (path === 'probes[0].surface.h_w_m2k') return 'probe output (h)';
  if (path === 'probes[0].surface.temperature_c') return 'probe surface °C';
  if (path === 'probes[0].surface.w_per_m') return 'probe output (W/m)';
  if (path === 'placement x') return 'placement across nerve';
  if (path === 'placement depth') return 'placement in depth';
  return path;
}
