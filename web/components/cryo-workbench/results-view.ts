/** The results column: staleness note, lethal-zone chart, verdicts, pins, ensemble, map and time charts. */
import { html, nothing } from 'lit';
import { withChartOutputs, type Margins, type RunRecord } from '../../lib/analysis.ts';
import { defaultMargins } from '../../lib/margins.ts';
import { defaultPinName, pinColour } from '../../lib/pins.ts';
import { selectedRun } from '../../lib/selected-run.ts';
import { removePin, togglePin } from '../../lib/workspace-edits.ts';
import type { EnsembleBandSource } from '../ensemble-panel/ensemble-panel.ts';
import { withSuggestion, type SuggestedProtocol } from '../../lib/suggestion.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

/** Protocols whose results were computed for a setup that has since changed. */
function staleIds(host: CryoWorkbench): string[] {
  if (host.running) return [];
  return host.runs
    .filter((r) => r.result)
    .filter((r) => {
      const now = host.scenarioOf(r.id);
      return !now || JSON.stringify(withChartOutputs(now)) !== JSON.stringify(r.file);
    })
    .map((r) => r.id);
}

export function renderResults(host: CryoWorkbench, displayRuns: RunRecord[]) {
  const ws = host.ws;
  const margins = ws.margins ?? defaultMargins();
  const selected = selectedRun(host.runs, ws.selected);
  const stale = staleIds(host);
  const pins = ws.pins ?? [];
  // While simulations run, charts out of view wait to redraw: on two cores the page's thread would take a worker's share.
  const busy = host.running || host.ensembleRunning;
  return html`<main aria-label="Results">
    ${stale.length
      ? html`<div class="notice info" role="status" id="stale">
          <div class="text">
            The setup changed since these results were computed (${stale.length === host.runs.length ? 'all protocols' : stale.join(', ')}).
            The charts still show the old results; run again to update them.
          </div>
        </div>`
      : nothing}
    <lethal-zone-chart ?deferred=${busy} .runs=${displayRuns} .bands=${host.ensembleBands} margin-mm=${margins.skin_margin_mm}></lethal-zone-chart>
    <verdict-table
      .runs=${displayRuns}
      .margins=${margins}
      @margins-change=${(e: CustomEvent<Margins>) => host.setWs({ ...host.ws, margins: e.detail })}
    ></verdict-table>
    <pinned-results
      .pins=${pins}
      .colours=${Object.fromEntries(pins.map((p, i) => [p.id, pinColour(i, ws.protocols.length)]))}
      run-label=${selected?.label ?? ''}
      suggested-name=${selected ? defaultPinName(selected.label, pins) : ''}
      @pin-add=${(e: CustomEvent<{ name: string }>) => host.pinSelected(e.detail.name)}
      @pin-toggle=${(e: CustomEvent<{ id: string; shown: boolean }>) => host.setWs(togglePin(host.ws, e.detail.id, e.detail.shown))}
      @pin-remove=${(e: CustomEvent<{ id: string }>) => {
        const pin = host.ws.pins?.find((p) => p.id === e.detail.id);
        if (pin && confirm(`Remove the pinned result “${pin.name}”? It cannot be brought back.`)) host.setWs(removePin(host.ws, pin.id));
      }}
    ></pinned-results>
    <ensemble-panel
      .protocols=${host.runner.ensembleProtocols()}
      .getPool=${host.poolGetter}
      margin-mm=${margins.skin_margin_mm}
      ?busy=${host.running}
      @ensemble-change=${(e: CustomEvent<EnsembleBandSource[] | null>) => (host.ensembleBands = e.detail)}
      @ensemble-running=${(e: CustomEvent<boolean>) => (host.ensembleRunning = e.detail)}
      @protocol-suggested=${(e: CustomEvent<SuggestedProtocol>) => ((made) => made && host.setWs(made.ws))(withSuggestion(host.ws, e.detail))}
    ></ensemble-panel>
    <temperature-map ?deferred=${busy} .run=${selected}></temperature-map>
    <isotherm-growth-chart ?deferred=${busy} .runs=${displayRuns} .bands=${host.ensembleBands} selected-id=${selected?.id ?? ''}></isotherm-growth-chart>
    <temperature-history-chart ?deferred=${busy} .runs=${displayRuns} selected-id=${selected?.id ?? ''}></temperature-history-chart>
    <p class="sources">
      Thresholds: −40 °C lethal (Gage &amp; Baust 1998); −20 °C reliable nerve block (J Clin Med 2024;13:3304; Evans 1981).
      Every number here is a model estimate; see each value's mark in the editor.
    </p>
  </main>`;
}
