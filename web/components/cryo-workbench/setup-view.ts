/** The setup column: guided lab, shared anatomy, protocol list and variant on one tab; the scenario editor on the other. */
import { html, nothing } from 'lit';
import type { ScenarioFile } from '../../../scenarios/schema.ts';
import type { AdjunctChoice } from '../../../scenarios/placement.ts';
import { anatomySources } from '../../lib/builtins.ts';
import type { AnatomyOverrides } from '../../lib/overrides.ts';
import { styleProps } from '../../lib/style-props.ts';
import { clip } from '../../lib/text.ts';
import { ANATOMY_ISSUE_PATH } from '../../lib/validation-cache.ts';
import { adjunctChoice, adoptAnatomy, comparedIds, editAnatomy, editSelected, protocolEntry, setAdjuncts, setOverrides } from '../../lib/workspace-edits.ts';
import type { AnatomyEdit } from '../anatomy-panel/anatomy-panel.ts';
import { NAME_CHARS } from './notices.ts';
import { renderProtocolList } from './protocol-list-view.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

export function renderSetup(host: CryoWorkbench, selectedFile: ScenarioFile | null) {
  const ws = host.ws;
  const selected = protocolEntry(ws, ws.selected);
  // The validator's problems with the shared anatomy itself, each shown beside its field.
  const anatomyIssues = comparedIds(ws).flatMap((id) => host.issuesOf(id)).filter((i) => ANATOMY_ISSUE_PATH.test(i.path));
  return html`<aside class="side" aria-label="Scenario setup">
    <div class="tabs" role="tablist">
      <button role="tab" id="tab-setup" aria-selected=${host.tab === 'setup' ? 'true' : 'false'} @click=${() => (host.tab = 'setup')}>
        Anatomy &amp; protocols
      </button>
      <button role="tab" id="tab-editor" aria-selected=${host.tab === 'editor' ? 'true' : 'false'} @click=${() => (host.tab = 'editor')}>
        Editor${host.issuesOf(ws.selected).length ? ' ⚠' : ''}
      </button>
    </div>
    ${host.tab === 'setup'
      ? html`<guided-lab active=${host.labActive} @lab-setup=${(e: CustomEvent<string>) => host.setUpLab(e.detail)}></guided-lab>
          <anatomy-panel
            .anatomy=${ws.anatomy}
            .issues=${anatomyIssues}
            .adjuncts=${adjunctChoice(ws)}
            @adjuncts-change=${(e: CustomEvent<AdjunctChoice>) => host.setWs(setAdjuncts(host.ws, e.detail))}
            .sources=${anatomySources()}
            @anatomy-edit=${(e: CustomEvent<AnatomyEdit>) => host.setWs(editAnatomy(host.ws, e.detail.anatomy, e.detail.nerveTo, e.detail.moveProbes))}
            @anatomy-source=${(e: CustomEvent<string>) => {
              const file = anatomySources()[e.detail];
              if (file) host.setWs(adoptAnatomy(host.ws, file));
            }}
          ></anatomy-panel>
          ${renderProtocolList(host)}
          ${selected
            ? html`<protocol-overrides
                .overrides=${selected.overrides}
                .sharedTissue=${ws.anatomy.tissue ?? { preset: 'generic' }}
                protocol-name=${selected.procedure.name}
                @overrides-change=${(e: CustomEvent<AnatomyOverrides | undefined>) => host.setWs(setOverrides(host.ws, host.ws.selected, e.detail))}
              ></protocol-overrides>`
            : nothing}`
      : html`<div class="selected-bar">
            <span class="swatch" ${styleProps({ background: host.colourOf(ws.selected) })}></span>
            <label for="sel" class="sr-only">Protocol to edit</label>
            <select id="sel" @change=${(e: Event) => host.select((e.target as HTMLSelectElement).value)}>
              ${ws.protocols.map((p) => html`<option value=${p.id} ?selected=${p.id === ws.selected}>${clip(p.procedure.name, NAME_CHARS)}</option>`)}
            </select>
          </div>
          <scenario-editor
            .scenario=${selectedFile}
            .issues=${host.issuesOf(ws.selected)}
            shared-note="shared by all protocols"
            @scenario-change=${(e: CustomEvent<ScenarioFile>) => host.setWs(editSelected(host.ws, e.detail))}
          ></scenario-editor>`}
  </aside>`;
}
