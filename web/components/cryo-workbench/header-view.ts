/**
 * The header: mode switch, run and cancel with progress, the save state, and the
 * file and link buttons. Those act on the Protocols workspace, so while the probe
 * bench is shown they are disabled and say why (the bench has its own exports).
 */
import { html, nothing } from 'lit';
import { fmtDuration } from '../../lib/analysis.ts';
import { comparedIds } from '../../lib/workspace-edits.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

const BENCH_HEADER_REASON = 'Acts on the protocols: switch to Protocols first (the probe bench has its own downloads)';

export function renderHeader(host: CryoWorkbench) {
  const p = host.progress;
  const running = host.running;
  const blockedCount = host.runner.blocked().length;
  const n = comparedIds(host.ws).length - blockedCount;
  const blocked = blockedCount > 0;
  const done = p?.runs.filter((r) => r.status === 'done').length ?? 0;
  const onBench = host.mode === 'bench';
  const why = onBench ? BENCH_HEADER_REASON : '';
  const saveState = host.saveState;
  return html`<header>
    <h1>Cryoneurolysis workbench <small>thermal model of percutaneous nerve freezing</small></h1>
    <div class="modes" role="group" aria-label="Mode">
      <button id="mode-compare" aria-pressed=${onBench ? 'false' : 'true'} @click=${() => (host.mode = 'compare')}>Protocols</button>
      <button id="mode-bench" aria-pressed=${onBench ? 'true' : 'false'} @click=${() => (host.mode = 'bench')}>Probe bench</button>
    </div>
    ${onBench
      ? nothing
      : html`<button class="primary" id="run" @click=${() => host.run()} ?disabled=${running || !n}
            title=${blocked ? `${blockedCount} ticked protocol(s) cannot run as set up and will be skipped` : ''}>
            ${running ? 'Running…' : `Run ${n > 1 ? `comparison (${n})` : 'protocol'}`}
          </button>
          <button id="cancel" @click=${() => host.cancel()} ?disabled=${!running}>Cancel</button>`}
    ${running && p
      ? html`<span class="status" role="status" aria-live="polite"
          ><progress max="1" .value=${p.fraction}></progress> ${Math.round(p.fraction * 100)} % · ${done}/${p.runs.length} done
          ${p.eta_s !== null ? html`· about ${fmtDuration(Math.ceil(p.eta_s))} left` : ''}</span
        >`
      : running
        ? html`<span class="status" role="status">starting workers…</span>`
        : blocked && !onBench
          ? html`<span class="status saved-bad" role="status" id="blocked-status">${blockedCount} protocol(s) cannot run as set up and will be skipped (see the list)</span>`
          : nothing}
    <span class="spacer"></span>
    <span class="status ${saveState === 'failed' ? 'saved-bad' : ''}" title="Your workspace is kept in this browser">
      ${saveState === 'saved' ? 'Saved in browser' : saveState === 'failed' ? 'Not saved!' : 'Saving…'}
    </span>
    ${onBench ? html`<span class="status" id="bench-files-note">Links and files: in Protocols</span>` : nothing}
    <button id="share" ?disabled=${onBench} title=${why || 'A link to the selected protocol'} @click=${() => host.links.share()}>Share link</button>
    <button id="share-workspace" ?disabled=${onBench} title=${why || 'A link to every protocol, the anatomy and the pinned results'} @click=${() => host.links.shareWorkspace()}>Share workspace</button>
    <label class="sr-only" for="upload">Upload scenario or workspace JSON</label>
    <input id="upload" type="file" accept=".json,application/json" hidden @change=${host.imports.upload} />
    <button id="upload-button" ?disabled=${onBench} title=${why || 'Open a scenario file or a whole-workspace file'}
      @click=${() => host.renderRoot.querySelector<HTMLInputElement>('#upload')!.click()}>Upload…</button>
    ${host.downloads.render(why)}
  </header>`;
}
