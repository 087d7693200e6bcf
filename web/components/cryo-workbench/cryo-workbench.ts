/**
 * The app shell: holds the workspace (shared anatomy + protocols) and the latest
 * runs, and wires the parts together. Every workspace change is a pure function
 * in web/lib/workspace-edits.ts or workspace-merge.ts; the controllers beside
 * this file keep messages (notices.ts), save (persistence.ts), run (runs.ts),
 * start the workers and charts while the page is idle (warm-start.ts), open
 * files (imports.ts), open and make links (links.ts) and offer downloads
 * (downloads.ts); the *-view.ts modules render the header, setup and results.
 */
import { html, LitElement } from 'lit';
import type { Issue, ScenarioFile } from '../../../scenarios/schema.ts';
import type { BatchProgress, SimulationPool } from '../../../workers/pool/simulation-pool.ts';
import type { FaultInjection } from '../../../workers/pool/simulation-service.ts';
import type { RunRecord } from '../../lib/analysis.ts';
import { defaultWorkspace } from '../../lib/builtins.ts';
import type { FileDevice } from '../../lib/device-file.ts';
import { LAB_CONTRASTS, setUpContrast } from '../../lib/lab.ts';
import { protocolColour } from '../../lib/palette.ts';
import { makePin, pinColour, pinRun, type Pin } from '../../lib/pins.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { loadWorkspaceJson, saveWorkspaceJson } from '../../lib/storage.ts';
import { clip } from '../../lib/text.ts';
import { selectedRun } from '../../lib/selected-run.ts';
import { ValidationCache } from '../../lib/validation-cache.ts';
import { addDeviceCopies, protocolEntry, protocolScenario, removeProtocol } from '../../lib/workspace-edits.ts';
import { refreshBuiltins } from '../../lib/workspace-merge.ts';
import { asWorkspace, type Workspace } from '../../lib/workspace.ts';
import type { BenchSetup } from '../../lib/bench.ts';
import { DEFAULT_SPACING_MM } from '../../ui-presets.ts';
import { OVERRIDE_WORDS } from './override-words.ts';
import type { EnsembleBandSource } from '../ensemble-panel/ensemble-panel.ts';
import { DownloadMenu } from './downloads.ts';
import { renderHeader } from './header-view.ts';
import { ImportController } from './imports.ts';
import { LinkController } from './links.ts';
import { NAME_CHARS, NoticesController, type Notice } from './notices.ts';
import { PersistenceController } from './persistence.ts';
import { renderResults } from './results-view.ts';
import { RunController } from './runs.ts';
import { WarmStartController } from './warm-start.ts';
import { renderSetup } from './setup-view.ts';
import { styles } from './cryo-workbench.styles.ts';
import '../anatomy-panel/anatomy-panel.ts';
import '../scenario-editor/scenario-editor.ts';
import '../lethal-zone-chart/lethal-zone-chart.ts';
import '../verdict-table/verdict-table.ts';
import '../temperature-map/temperature-map.ts';
import '../isotherm-growth-chart/isotherm-growth-chart.ts';
import '../temperature-history-chart/temperature-history-chart.ts';
import '../probe-bench/probe-bench.ts';
import '../pinned-results/pinned-results.ts';
import '../guided-lab/guided-lab.ts';
import '../protocol-overrides/protocol-overrides.ts';
import '../ensemble-panel/ensemble-panel.ts';

export class CryoWorkbench extends LitElement {
  static override properties = {
    ws: { state: true },
    runs: { state: true },
    tab: { state: true },
    mode: { state: true },
    labActive: { state: true },
    ensembleBands: { state: true },
    ensembleRunning: { state: true },
  };
  static override styles = [sharedStyles, styles];

  ws: Workspace;
  runs: RunRecord[] = [];
  tab: 'setup' | 'editor' = 'setup';
  /** compare protocols on the shared anatomy, or test one device alone (web/components/probe-bench) */
  mode: 'compare' | 'bench' = 'compare';
  /** the guided-lab contrast set up last */
  labActive = '';
  /** the last ensemble's member series, for the p10/p50/p90 bands on the charts (ensemble panel) */
  ensembleBands: EnsembleBandSource[] | null = null;
  /** the ensemble panel is running members (the charts hold their redraws out of view meanwhile) */
  ensembleRunning = false;

  readonly messages = new NoticesController(this);
  readonly persistence = new PersistenceController(this);
  readonly runner = new RunController(this);
  readonly warmStart = new WarmStartController(this);
  readonly imports = new ImportController(this);
  readonly links = new LinkController(this);
  readonly downloads = new DownloadMenu(this);
  private validation = new ValidationCache();
  private pinRuns = new WeakMap<Pin, RunRecord>();
  private files: { ws: Workspace | null; byId: Map<string, ScenarioFile | null> } = { ws: null, byId: new Map() };

  constructor() {
    super();
    this.ws = this.links.applyLink(this.savedWorkspace());
  }

  /** The newest usable save (a damaged one falls back to the previous, storage.ts), or the built-ins. */
  private savedWorkspace(): Workspace {
    const saved = loadWorkspaceJson(undefined, (v) => asWorkspace(v) !== null);
    if (saved.message) this.messages.notify('error', saved.message);
    return refreshBuiltins(asWorkspace(saved.value) ?? defaultWorkspace(DEFAULT_SPACING_MM.value));
  }

  // ----- state the tests and other parts read -------------------------------------------

  get notices(): Notice[] {
    return this.messages.notices;
  }
  /** Clearing them is how screenshots hide the messages. */
  set notices(list: Notice[]) {
    this.messages.notices = list;
    this.requestUpdate();
  }
  get running(): boolean {
    return this.runner.running;
  }
  get progress(): BatchProgress | null {
    return this.runner.progress;
  }
  get pool(): SimulationPool | null {
    return this.runner.pool;
  }
  /** the idle-time start of the workers and charts has finished (or was skipped) */
  get warmed(): boolean {
    return this.warmStart.done;
  }
  get saveState() {
    return this.persistence.saveState;
  }

  setWs(ws: Workspace) {
    this.ws = ws;
    this.persistence.scheduleSave();
  }

  flushSave() {
    this.persistence.flushSave();
  }

  persistResults() {
    return this.persistence.persistResults();
  }

  // ----- derived data -------------------------------------------------------------------

  /**
   * A protocol's scenario on the current anatomy. Made once per workspace (the workspace is
   * replaced on every edit, never changed in place): every render asks for each protocol's file,
   * and remaking them all on each progress tick of a run took the page's thread from the workers.
   * Callers read the file and never change it.
   */
  scenarioOf(id: string): ScenarioFile | null {
    if (this.files.ws !== this.ws) this.files = { ws: this.ws, byId: new Map() };
    let file = this.files.byId.get(id);
    if (file === undefined) {
      file = protocolScenario(this.ws, id, OVERRIDE_WORDS);
      this.files.byId.set(id, file);
    }
    return file;
  }

  /** The selected protocol on the current anatomy, exactly as "Download scenario" writes it. */
  selectedScenario(): ScenarioFile | null {
    return this.scenarioOf(this.ws.selected);
  }

  /** Validator issues for a protocol on the current anatomy (cached by content). */
  issuesOf(id: string): Issue[] {
    return this.validation.issues(id, this.scenarioOf(id));
  }

  colourOf(id: string): string {
    return protocolColour(Math.max(0, this.ws.protocols.findIndex((p) => p.id === id)));
  }

  /** The latest runs followed by the pins that are ticked, as the charts and the verdict table draw them. */
  get displayRuns(): RunRecord[] {
    const n = this.ws.protocols.length;
    const shown = (this.ws.pins ?? [])
      .map((p, i) => {
        const colour = pinColour(i, n);
        let r = this.pinRuns.get(p) ?? pinRun(p, i, n);
        if (r.colour !== colour) r = { ...r, colour };
        this.pinRuns.set(p, r);
        return p.shown ? r : null;
      })
      .filter((r): r is RunRecord => r !== null);
    return shown.length ? [...this.runs, ...shown] : this.runs;
  }

  // ----- actions ------------------------------------------------------------------------

  run(options: { faultInjection?: Record<string, FaultInjection> } = {}) {
    return this.runner.run(options);
  }

  cancel(id?: string) {
    this.runner.cancel(id);
  }

  ensurePool(): Promise<SimulationPool> {
    return this.runner.ensurePool();
  }

  poolGetter = () => this.ensurePool();

  importFile(f: File) {
    return this.imports.importFile(f);
  }

  buildShareUrl(): string {
    return this.links.buildShareUrl();
  }

  select(id: string) {
    this.setWs({ ...this.ws, selected: id });
  }

  removeSelected() {
    const e = protocolEntry(this.ws, this.ws.selected);
    if (!e || e.origin !== 'user') return;
    if (confirm(`Delete “${e.procedure.name}”? Download it first if you want to keep it.`)) this.setWs(removeProtocol(this.ws, e.id));
  }

  /** Pins the selected result; refused (with the reason) when it would not fit, and then nothing changes. */
  pinSelected(name: string) {
    const run = selectedRun(this.runs, this.ws.selected);
    if (!run) return this.messages.notify('error', 'Nothing to pin yet: run a protocol first.');
    const pins = this.ws.pins ?? [];
    const made = makePin(run, name, pins);
    if (!made.ok) return this.messages.notify('error', `Not pinned: ${made.reason}.`);
    const next: Workspace = { ...this.ws, pins: [...pins, made.pin] };
    // Saved at once: a pin the browser cannot keep is refused now, not lost at the next reload.
    const saved = saveWorkspaceJson(next);
    if (!saved.ok) return this.messages.notify('error', `Not pinned: ${saved.message}. Your workspace is unchanged.`);
    this.setWs(next);
    this.messages.notify('info', `Pinned “${made.pin.name}”: it stays on the charts and in the verdict table beside later runs (untick it to hide it).`);
  }

  /** A copy of every ticked protocol with the bench's device from a file, ticked beside its original. */
  private useFileDevice(dev: FileDevice) {
    const { ws, added } = addDeviceCopies(this.ws, dev);
    if (!added.length) return this.messages.notify('error', 'Tick the protocols that should get this device first (in the Protocols mode).');
    this.setWs(ws);
    this.mode = 'compare';
    this.messages.notify('info', `Added ${added.length} protocol${added.length > 1 ? 's' : ''} with “${clip(dev.label, NAME_CHARS)}” beside the originals (ticked); run the comparison to see the device's effect.`);
  }

  /** Adds and ticks a guided-lab contrast (web/lib/lab.ts); nothing changes when its base is missing. */
  setUpLab(id: string) {
    const c = LAB_CONTRASTS.find((x) => x.id === id);
    const made = c ? setUpContrast(this.ws, c) : null;
    if (!c || !made) return this.messages.notify('error', `This contrast needs the built-in protocol ${c?.base ?? id}, which is not in the list; nothing was changed.`);
    this.setWs(made.ws);
    this.labActive = id;
    this.messages.notify('info', `Lab: ${c.question} Ticked: ${made.ids.map((x) => protocolEntry(this.ws, x)?.procedure.name ?? x).join(' and ')}. Press Run comparison.`);
  }

  // ----- render -------------------------------------------------------------------------

  override render() {
    const selectedFile = this.scenarioOf(this.ws.selected);
    return html`
      ${renderHeader(this)} ${this.messages.render()}
      <main class="bench" aria-label="Probe bench" ?hidden=${this.mode !== 'bench'}><probe-bench .getPool=${this.poolGetter} .initial=${this.ws.bench}
        @bench-setup-change=${(e: CustomEvent<BenchSetup>) => JSON.stringify(e.detail) !== JSON.stringify(this.ws.bench) && this.setWs({ ...this.ws, bench: e.detail })}
        @bench-use-device=${(e: CustomEvent<FileDevice>) => this.useFileDevice(e.detail)}></probe-bench></main>
      <div class="layout" ?hidden=${this.mode === 'bench'}>${renderSetup(this, selectedFile)} ${renderResults(this, this.displayRuns)}</div>
    `;
  }
}

customElements.define('cryo-workbench', CryoWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'cryo-workbench': CryoWorkbench;
  }
}
