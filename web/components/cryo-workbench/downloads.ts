/**
 * The Download menu: what it offers (the selected scenario, results, the map
 * frame, the whole workspace) and its keyboard behaviour (web/lib/menu-keys.ts).
 * Everything it writes is what the Protocols mode shows.
 */
import { html, nothing, type ReactiveController } from 'lit';
import type { RunRecord } from '../../lib/analysis.ts';
import { downloadText, mapFrameVti, resultsCsv, resultsJson, safeFilename, verdictCsv, type ExportRun } from '../../lib/export.ts';
import { menuItems, onMenuKeydown, openingFocus } from '../../lib/menu-keys.ts';
import { workspaceFile } from '../../lib/workspace-file.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';

export class DownloadMenu implements ReactiveController {
  open = false;

  constructor(private host: CryoWorkbench) {
    host.addController(this);
  }

  hostConnected(): void {}

  private get root() {
    return this.host.renderRoot;
  }

  private async show(at: 'first' | 'last') {
    this.open = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const list = this.root.querySelector<HTMLElement>('#download-menu');
    const items = list ? menuItems(list) : [];
    (at === 'first' ? items[0] : items.at(-1))?.focus();
  }

  private close(refocus: boolean) {
    this.open = false;
    this.host.requestUpdate();
    if (refocus) this.root.querySelector<HTMLButtonElement>('#download')?.focus();
  }

  /** Focus leaving the menu and its button (Tab, a click elsewhere) closes it. */
  private onFocusOut = (e: FocusEvent) => {
    const menu = e.currentTarget as HTMLElement;
    if (this.open && !(e.relatedTarget instanceof Node && menu.contains(e.relatedTarget))) {
      this.open = false;
      this.host.requestUpdate();
    }
  };

  private exportRuns(): ExportRun[] {
    return this.host.runs.filter((r) => r.result).map((r) => ({ id: r.id, scenario: r.file, result: r.result!, resolved: r.scenario }));
  }

  private withRuns(write: (runs: ExportRun[]) => void) {
    const runs = this.exportRuns();
    if (runs.length) write(runs);
  }

  downloadScenario() {
    const file = this.host.selectedScenario();
    if (file) downloadText(`${safeFilename(file.name)}.json`, JSON.stringify(file, null, 2) + '\n');
  }

  /** The temperature map's snapshot as shown (selected protocol, time on its slider) for ParaView. */
  private downloadMapVti() {
    const map = this.root.querySelector<HTMLElement & { run: RunRecord | null; frameIndex: number }>('temperature-map');
    const vti = map?.run ? mapFrameVti(map.run, map.frameIndex) : null;
    if (vti) downloadText(vti.filename, vti.text, 'application/xml');
  }

  downloadWorkspace(pins: boolean) {
    downloadText(pins ? 'cryo-workspace-with-pins.json' : 'cryo-workspace.json', JSON.stringify(workspaceFile(this.host.ws, { pins }), null, 2) + '\n');
  }

  render(disabledWhy: string) {
    const hasResults = this.host.runs.some((r) => r.result);
    const hasPins = !!this.host.ws.pins?.length;
    return html`<div class="menu" @focusout=${this.onFocusOut}>
      <button id="download" aria-haspopup="menu" aria-controls="download-menu" aria-expanded=${this.open ? 'true' : 'false'}
        ?disabled=${!!disabledWhy} title=${disabledWhy}
        @click=${() => (this.open ? this.close(false) : this.show('first'))}
        @keydown=${(e: KeyboardEvent) => { const at = /^Arrow(Up|Down)$/.test(e.key) ? openingFocus(e.key) : null; if (at) { e.preventDefault(); void this.show(at); } }}>
        Download ▾
      </button>
      ${this.open && !disabledWhy
        ? html`<div class="menu-list" id="download-menu" role="menu" aria-labelledby="download" @click=${() => this.close(true)}
            @keydown=${(e: KeyboardEvent) => onMenuKeydown(e, e.currentTarget as HTMLElement, (refocus) => this.close(refocus))}>
            <button role="menuitem" id="dl-scenario" @click=${() => this.downloadScenario()}>Selected scenario (JSON, CLI format)</button>
            <button role="menuitem" id="dl-json" ?disabled=${!hasResults} @click=${() => this.withRuns((runs) => downloadText('cryo-comparison-results.json', resultsJson(runs) + '\n'))}>Results (JSON)</button>
            <button role="menuitem" id="dl-csv" ?disabled=${!hasResults} @click=${() => this.withRuns((runs) => downloadText('cryo-comparison-results.csv', resultsCsv(runs), 'text/csv'))}>Results (CSV)</button>
            <button role="menuitem" id="dl-verdict-csv" ?disabled=${!hasResults} @click=${() => this.withRuns((runs) => downloadText('cryo-verdict-summary.csv', verdictCsv(runs), 'text/csv'))}>Verdict summary with run settings (CSV)</button>
            <button role="menuitem" id="dl-vti" ?disabled=${!this.host.runs.some((r) => r.frames?.temperatures_c.length)} @click=${() => this.downloadMapVti()}>Temperature map frame (VTK .vti, ParaView)</button>
            <button role="menuitem" id="dl-workspace" @click=${() => this.downloadWorkspace(false)}>Whole workspace: every protocol and the anatomy (JSON)</button>
            <button role="menuitem" id="dl-workspace-pins" ?disabled=${!hasPins} @click=${() => this.downloadWorkspace(true)}>Whole workspace with pinned results (JSON)</button>
          </div>`
        : nothing}
    </div>`;
  }
}
