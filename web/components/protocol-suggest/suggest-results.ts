/**
 * What "Suggest a protocol" shows: the suggested schedule beside the ticked protocols (their
 * probabilities from the ensemble table), with the Add button, and the candidates the search
 * tried. Render functions of the protocol-suggest component.
 */
import { html, nothing } from 'lit';
import type { Candidate, SearchResult } from '../../../workers/optimise/search.ts';
import type { ProtocolEnsembleState } from '../../../workers/pool/ensemble-batch.ts';
import type { PoolSearchRequest } from '../../../workers/pool/optimise-pool.ts';
import { fmtDuration } from '../../lib/analysis.ts';
import { wilsonInterval } from '../../lib/ensemble-stats.ts';
import { scheduleText, TARGET_LABELS, totalSOf } from '../../lib/suggest-request.ts';
import { clip } from '../../lib/text.ts';
import { styleProps } from '../../lib/style-props.ts';
import type { EnsembleProtocol } from '../ensemble-panel/ensemble-panel.ts';

export interface ShownSearch {
  base: EnsembleProtocol;
  request: PoolSearchRequest;
  result: SearchResult;
  samples: number;
  seed: number;
  seconds: number;
}

const pctCell = (p: number | null | undefined, n: number | null, title = '') => {
  if (p === null || p === undefined) return html`<td title=${title || 'not computed'}>—</td>`;
  const ci = n ? wilsonInterval(Math.round(p * n), n) : null;
  return html`<td title=${ci ? `${Math.round(p * n!)} of ${n} members; 95 % Wilson interval ${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)} %` : title}>
    <b>${Math.round(p * 100)} %</b>${ci ? html` <span class="ci">${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)}</span>` : nothing}
  </td>`;
};

export function renderComparison(s: ShownSearch, protocols: readonly EnsembleProtocol[], states: readonly ProtocolEnsembleState[], ensembleMarginMm: number, add: () => void) {
  const c = s.result.chosen;
  const o = s.request.search;
  const target = s.request.target;
  const margin = o.skinMarginMm ?? ensembleMarginMm;
  const n = c ? Math.max(0, s.samples - c.failed) : null;
  const fromEnsemble = (id: string) => states.find((x) => x.id === id)?.summary ?? null;
  return html`<div class="table-wrap"><table id="sug-table">
      <caption class="sr-only">The suggested schedule beside the ticked protocols</caption>
      <thead><tr>
        <th scope="col">Protocol</th><th scope="col">Schedule</th><th scope="col">Total</th>
        <th scope="col">P(${TARGET_LABELS[target]})</th><th scope="col">P(ice &lt; ${margin} mm from skin)</th>
      </tr></thead>
      <tbody>
        ${c
          ? html`<tr class="suggested" data-id="suggested">
              <th scope="row"><span class="badge">suggested</span> ${c.structure}, from ${clip(s.base.label, 40)}</th>
              <td class="schedule">${scheduleText(c.phases)}</td>
              <td>${fmtDuration(c.total_s)}</td>
              ${pctCell(c.probability, target === 'nerve_block' ? null : n, 'expected blocked share of the nerve section, averaged over the members')}
              ${pctCell(c.skin_risk, n, 'no skin constraint was set')}
            </tr>`
          : nothing}
        ${protocols.map((p) => {
          const sum = fromEnsemble(p.id);
          const nerveN = sum ? sum.members.filter((m) => m.figures?.nerve).length : null;
          const pTarget = sum && target !== 'nerve_block' ? sum.probability[target] : null;
          const sameMargin = sum && margin === ensembleMarginMm;
          return html`<tr data-id=${p.id}>
            <th scope="row"><span class="swatch" ${styleProps({ background: p.colour })}></span>${clip(p.label, 50)}</th>
            <td class="schedule">${scheduleText(p.file.protocol)}</td>
            <td>${fmtDuration(totalSOf(p.file.protocol))}</td>
            ${pctCell(pTarget, nerveN, sum ? 'the ensemble table has no such figure' : 'run the ensemble above for this protocol\'s probabilities')}
            ${pctCell(sameMargin ? sum.probability.ice_within_margin : null, sum?.samples ?? null, sum ? `the ensemble table used a ${ensembleMarginMm} mm margin` : 'run the ensemble above')}
          </tr>`;
        })}
      </tbody>
    </table></div>
    <p class="caption">
      Suggested: ${s.samples > 1 ? `scored on ${s.samples} members (seed ${s.seed})` : 'one deterministic run'} during the search, ${s.result.runs} runs in ${fmtDuration(Math.round(s.seconds))};
      within ${s.result.tolerance_s} s of the shortest freeze${s.result.budget_exhausted || s.result.interrupted ? ' (search cut short: the bracket may be wider and some structures untried)' : ''}.
      Ticked protocols: from the ensemble table above (— where it has not run); the same members and seed there make it like for like.
    </p>
    ${c ? html`<div class="controls"><button class="primary" id="sug-add" @click=${add}>Add as a protocol</button><span class="caption">a copy of ${clip(s.base.label, 40)} with this schedule, ticked for the next comparison</span></div>` : nothing}`;
}

export function renderCandidates(candidates: readonly Candidate[], open: boolean) {
  if (!candidates.length) return nothing;
  return html`<details class="candidates" ?open=${open}>
    <summary>Candidates tried (${candidates.length})</summary>
    <div class="table-wrap"><table id="sug-candidates">
      <thead><tr><th scope="col">Structure</th><th scope="col">Freeze</th><th scope="col">Total</th><th scope="col">P(target)</th><th scope="col">P(ice near skin)</th><th scope="col">Verdict</th></tr></thead>
      <tbody>
        ${candidates.map(
          (c) => html`<tr>
            <th scope="row">${c.structure}</th><td>${fmtDuration(c.freeze_s)}</td><td>${fmtDuration(c.total_s)}</td>
            <td>${c.probability.toFixed(2)}</td><td>${c.skin_risk === null ? '—' : c.skin_risk.toFixed(2)}</td>
            <td class=${c.meets_target && c.meets_skin ? 'ok' : 'no'}>${c.meets_target ? (c.meets_skin ? 'meets' : 'skin too close') : 'misses target'}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>
  </details>`;
}
