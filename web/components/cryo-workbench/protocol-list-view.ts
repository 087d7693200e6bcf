/** The protocol list: tick to compare, select to edit, each with its run state or why it cannot run. */
import { html, nothing } from 'lit';
import type { BatchProgress } from '../../../workers/pool/simulation-pool.ts';
import type { RunRecord } from '../../lib/analysis.ts';
import { describeOverrides } from '../../lib/overrides.ts';
import { styleProps } from '../../lib/style-props.ts';
import { clip } from '../../lib/text.ts';
import { duplicateProtocol, protocolEntry, resetBuiltin, toggleCompare } from '../../lib/workspace-edits.ts';
import { NAME_CHARS } from './notices.ts';
import { OVERRIDE_WORDS } from './override-words.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

/** The short state shown beside a protocol: its run's progress, its problems, or its last result. */
function stateText(pr: BatchProgress['runs'][number] | undefined, problems: number, ticked: boolean, run: RunRecord | undefined): string {
  if (pr) return pr.status === 'running' ? `${Math.round(pr.fraction * 100)} %` : pr.status;
  if (problems) return ticked ? 'skipped' : `${problems} problem${problems > 1 ? 's' : ''}`;
  if (run?.error) return run.error.message === 'cancelled' ? 'cancelled' : 'failed';
  if (run?.previous) return 'previous results';
  return run?.result ? '✔ done' : '';
}

export function renderProtocolList(host: CryoWorkbench) {
  const ws = host.ws;
  const prog = new Map(host.progress?.runs.map((r) => [r.id, r]) ?? []);
  return html`<h2 class="side-title" id="protocols-title">Protocols to compare</h2>
    <ul class="protocols" aria-labelledby="protocols-title">
      ${ws.protocols.map((p) => {
        const issues = host.issuesOf(p.id);
        const run = host.runs.find((r) => r.id === p.id);
        const pr = host.running ? prog.get(p.id) : undefined;
        const bad = issues.length > 0 || (!!run?.error && run.error.message !== 'cancelled');
        const name = clip(p.procedure.name, NAME_CHARS);
        return html`<li class=${p.id === ws.selected ? 'selected' : ''} data-id=${p.id}>
          <input
            type="checkbox"
            .checked=${ws.compare.includes(p.id)}
            @change=${(e: Event) => host.setWs(toggleCompare(host.ws, p.id, (e.target as HTMLInputElement).checked))}
            aria-label="Include ${name} in the comparison"
          />
          <span class="swatch" ${styleProps({ background: host.colourOf(p.id) })} aria-hidden="true"></span>
          <button class="name" @click=${() => host.select(p.id)} aria-pressed=${p.id === ws.selected ? 'true' : 'false'}>
            ${name}
            <small>${p.origin === 'builtin' ? `built-in · ${p.id}` : 'your protocol'}${p.edited ? ' · edited' : ''}${p.overrides
                ? ` · own ${describeOverrides(p.overrides, OVERRIDE_WORDS)}`
                : ''}</small>
          </button>
          <span class="state ${bad ? 'bad' : ''}">
            ${stateText(pr, issues.length, ws.compare.includes(p.id), run)}
            ${pr && (pr.status === 'running' || pr.status === 'queued')
              ? html`<button @click=${() => host.cancel(p.id)} aria-label="Cancel ${name}" title="Cancel this run">✕</button>`
              : nothing}
          </span>
          ${pr && pr.status === 'running' ? html`<span class="bar" aria-hidden="true"><span ${styleProps({ width: `${pr.fraction * 100}%` })}></span></span>` : nothing}
          ${issues.length && !pr
            ? html`<p class="why" data-problem=${p.id}>Cannot run here: ${clip(issues[0].message, 240)}${issues.length > 1 ? ` (+${issues.length - 1} more in the editor)` : ''}</p>`
            : nothing}
        </li>`;
      })}
    </ul>
    <div class="list-actions">
      <button @click=${() => copySelected(host)}>Copy selected as new</button>
      <button @click=${() => (host.tab = 'editor')}>Edit selected</button>
      ${protocolEntry(ws, ws.selected)?.origin === 'builtin'
        ? html`<button @click=${() => host.setWs(resetBuiltin(host.ws, host.ws.selected))}>Reset to published</button>`
        : html`<button @click=${() => host.removeSelected()}>Delete selected</button>`}
    </div>
    ${host.links.render()}`;
}

function copySelected(host: CryoWorkbench) {
  const next = duplicateProtocol(host.ws, host.ws.selected);
  if (next === host.ws) return;
  host.setWs(next);
  host.tab = 'editor';
}
