/**
 * The app shell: holds the workspace (shared anatomy + protocols), validates
 * every protocol with the CLI's validator, runs comparisons on the worker pool,
 * keeps work in browser storage, imports and exports files and share links, and
 * lays out the charts. Components below it get data as properties and report
 * edits as events; all state changes go through here.
 *
 * Files and links come from other people: import.ts decides whether they hold a
 * scenario before anything changes, a refused one leaves the workspace as it was,
 * and an accepted one (which replaces the shared anatomy) can be undone from its
 * notice until the next edit.
 */
import { html, LitElement, nothing } from 'lit';
import type { Issue, ScenarioFile } from '../../../scenarios/schema.ts';
import { validateScenario } from '../../../scenarios/validate.ts';
import { BUILTIN_SCENARIOS } from '../../../scenarios/builtin.ts';
import type { RunReply } from '../../../workers/pool/simulation-service.ts';
import type { Batch, BatchProgress, SimulationPool } from '../../../workers/pool/simulation-pool.ts';
import { fmtDuration, shortLabel, withChartOutputs, type Margins, type RunRecord } from '../../lib/analysis.ts';
import { anatomySources, defaultWorkspace, isBuiltin, publishedProcedure } from '../../lib/builtins.ts';
import { downloadText, mapFrameVti, resultsCsv, resultsJson, safeFilename, verdictCsv, type ExportRun } from '../../lib/export.ts';
import { protocolColour } from '../../lib/palette.ts';
import { sharedStyles } from '../../lib/shared-styles.ts';
import { styleProps } from '../../lib/style-props.ts';
import { loadResults, loadWorkspaceJson, saveResults, saveWorkspaceJson } from '../../lib/storage.ts';
import { readScenarioText, readScenarioValue, sizeProblem } from '../../lib/import.ts';
import { clip } from '../../lib/text.ts';
import { menuItems, onMenuKeydown, openingFocus } from '../../lib/menu-keys.ts';
import type { FaultInjection } from '../../../workers/pool/simulation-service.ts';
import { buildQuery, parseUrlParams, URL_SCHEMA } from '../../lib/url-params.ts';
import {
  anatomyOf,
  asWorkspace,
  combine,
  moveNerve,
  newUserId,
  procedureOf,
  split,
  type ProtocolEntry,
  type Workspace,
} from '../../lib/workspace.ts';
import { frameIndices } from '../../../workers/pool/simulation-service.ts';
import { DEFAULT_SPACING_MM, MAX_MAP_FRAMES, MAX_STORED_FRAME_MB, MAX_WORKERS, MIN_STORED_FRAMES, PROGRESS_INTERVAL_S, SAVE_DEBOUNCE_MS, VERDICT_DEFAULTS } from '../../ui-presets.ts';
import type { AnatomyEdit } from '../anatomy-panel/anatomy-panel.ts';
import { anatomyAssumptions } from '../../lib/anatomy-text.ts';
import { PUBLISHED_ADJUNCTS, type AdjunctChoice } from '../../../scenarios/placement.ts';
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
import { LAB_CONTRASTS, setUpContrast } from '../../lib/lab.ts';
import { skinWords, tissueWords } from '../protocol-overrides/protocol-overrides.ts';
import { withFileDevice, type FileDevice } from '../../lib/device-file.ts';
import type { BenchSetup } from '../../lib/bench.ts';
import { describeOverrides, keepOverridesOnEdit, withOverrides, type AnatomyOverrides } from '../../lib/overrides.ts';
import { defaultPinName, makePin, pinColour, pinRun, type Pin } from '../../lib/pins.ts';
import '../ensemble-panel/ensemble-panel.ts';
import type { EnsembleBandSource, EnsembleProtocol } from '../ensemble-panel/ensemble-panel.ts';
import { withSuggestion, type SuggestedProtocol } from '../../lib/suggestion.ts';
import { styles } from './cryo-workbench.styles.ts';

const RESULTS_KEY = 'last-comparison';

interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  issues?: Issue[];
}

/** The workspace before a file or link replaced its anatomy, offered back until the next change. */
interface UndoPoint {
  noticeId: number;
  before: Workspace;
  after: Workspace;
}

/** Names and file names in notices and lists: enough to recognise, never a wall of text. */
const NAME_CHARS = 120;
/** Chromium's URL limit (2 MiB); a longer link would open as an empty page. */
const MAX_LINK_CHARS = 2 * 2 ** 20;
/** Past this, e-mail programs are known to wrap or truncate links. */
const LONG_LINK_CHARS = 8000;
/** A hostile file can carry thousands of problems; the editor shows each beside its field. */
const MAX_LISTED_ISSUES = 30;

interface SavedResults {
  saved_at: string;
  runs: RunRecord[];
}

export class CryoWorkbench extends LitElement {
  static override properties = {
    ws: { state: true },
    runs: { state: true },
    progress: { state: true },
    running: { state: true },
    notices: { state: true },
    tab: { state: true },
    shareUrl: { state: true },
    menuOpen: { state: true },
    saveState: { state: true },
    mode: { state: true },
    labActive: { state: true },
    ensembleBands: { state: true },
  };
  static override styles = [sharedStyles, styles];

  ws: Workspace;
  runs: RunRecord[] = [];
  progress: BatchProgress | null = null;
  running = false;
  notices: Notice[] = [];
  tab: 'setup' | 'editor' = 'setup';
  shareUrl = '';
  menuOpen = false;
  saveState: 'saved' | 'unsaved' | 'failed' = 'saved';
  /** compare protocols on the shared anatomy, or test one device alone (web/components/probe-bench) */
  mode: 'compare' | 'bench' = 'compare';
  /** the guided-lab contrast set up last */
  labActive = '';
  /** the last ensemble's member series, for the p10/p50/p90 bands on the charts (ensemble panel) */
  ensembleBands: EnsembleBandSource[] | null = null;

  private pool: SimulationPool | null = null;
  private batch: Batch | null = null;
  private noticeId = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private issueCache = new Map<string, { key: string; issues: Issue[] }>();
  private undoPoint: UndoPoint | null = null;

  constructor() {
    super();
    this.ws = this.initialWorkspace();
  }

  // ----- start-up -----------------------------------------------------------------------

  private initialWorkspace(): Workspace {
    const fresh = () => defaultWorkspace(DEFAULT_SPACING_MM.value);
    // A damaged or unusable newest save falls back to the previous one (storage.ts).
    const saved = loadWorkspaceJson(undefined, (v) => asWorkspace(v) !== null);
    if (saved.message) this.notify('error', saved.message);
    let ws = asWorkspace(saved.value) ?? fresh();
    // Built-ins the user did not edit are always the published ones (an older save may hold a
    // damaged placement); built-ins added in a newer version appear without disturbing the list.
    ws = { ...ws, protocols: ws.protocols.map((p) => (p.origin === 'builtin' && !p.edited && isBuiltin(p.id) ? { ...p, procedure: publishedProcedure(p.id)! } : p)) };
    for (const id of Object.keys(BUILTIN_SCENARIOS)) {
      if (!ws.protocols.some((p) => p.id === id)) ws.protocols.push({ id, origin: 'builtin', procedure: publishedProcedure(id)! });
    }
    return this.applyLink(ws);
  }

  /**
   * A share link replaces the anatomy and selected protocol, but keeps the user's own protocols.
   * Links carry their parameters in the fragment (#scenario=…); links made before that used the
   * query string (?scenario=…) and still open.
   */
  private applyLink(ws: Workspace): Workspace {
    if (typeof location === 'undefined') return ws;
    // A fragment naming any link parameter is a link, even a broken one (it then gets its messages).
    const fromHash = [...new URLSearchParams(location.hash.slice(1)).keys()].some((k) => Object.hasOwn(URL_SCHEMA, k));
    const link = fromHash ? location.hash.slice(1) : location.search;
    if (!link || link === '?') return ws;
    const { values, present, issues } = parseUrlParams(link);
    if (issues.length) this.notify('error', 'Some parts of the link could not be used:', issues);
    let next = ws;
    const read = values.scenario ? readScenarioValue(values.scenario) : null;
    if (read && !read.ok) {
      // Nothing of such a link is used (its margins belong to a scenario we could not read).
      this.notify('error', `The link's scenario was not loaded: it ${read.reason}. Your workspace is unchanged.`);
      history.replaceState(history.state, '', location.pathname + (fromHash ? '' : location.hash));
      return ws;
    }
    if (read?.ok) {
      const file = read.file;
      for (const note of read.notes) this.notify('info', `The link's scenario was migrated: ${note}.`);
      const check = validateScenario(file);
      if (!check.ok) this.notify('error', 'The shared scenario has problems; it is loaded so you can fix them in the editor:', check.issues);
      const anatomy = anatomyOf(file, `${String(file.name ?? 'shared scenario')} (from link)`);
      anatomy.assumptions = [];
      const wanted = values.id[0] || 'shared';
      // A user protocol of this browser never gets overwritten by a link: the link's one gets a fresh id.
      const id = isBuiltin(wanted) || !ws.protocols.some((p) => p.id === wanted) ? wanted : newUserId(ws, 'shared');
      // Built-ins in the link are the published ones. Edits this browser made to a built-in are kept as a
      // copy (never lost silently); the user's own protocols keep their placement relative to the nerve.
      const keptCopies: ProtocolEntry[] = [];
      let scratch: Workspace = ws;
      const protocols: ProtocolEntry[] = ws.protocols
        .filter((p) => p.id !== id)
        .map((p) => {
          if (p.origin !== 'builtin') return p;
          if (p.edited) {
            const copyId = newUserId(scratch, `${p.id}-edited`);
            const copy: ProtocolEntry = { id: copyId, origin: 'user', procedure: { ...p.procedure, name: `${p.procedure.name} (your edits)` } };
            keptCopies.push(copy);
            scratch = { ...scratch, protocols: [...scratch.protocols, copy] };
          }
          return { id: p.id, origin: 'builtin' as const, procedure: publishedProcedure(p.id) ?? p.procedure };
        });
      protocols.push(...keptCopies);
      if (keptCopies.length) this.notify('info', `Your edits to ${keptCopies.length} built-in protocol(s) were kept as copies: ${keptCopies.map((c) => c.procedure.name).join('; ')}.`);
      const entry: ProtocolEntry = { id, origin: isBuiltin(id) ? 'builtin' : 'user', procedure: procedureOf(file) };
      protocols.unshift(entry);
      const compare = [id, ...values.compare.filter((c) => c !== id && protocols.some((p) => p.id === c))];
      const unknown = values.compare.filter((c) => !protocols.some((p) => p.id === c));
      if (unknown.length) this.notify('error', `The link names protocols this version does not have: ${unknown.join(', ')}`);
      next = { ...ws, anatomy, protocols, compare, selected: id };
      this.notify('info', `Loaded “${clip(String(file.name), NAME_CHARS)}” from the link. It replaced the shared anatomy.`);
      this.undoPoint = { noticeId: this.noticeId, before: ws, after: next };
    }
    if (present.has('margin_mm')) next = { ...next, margins: { ...next.margins, skin_margin_mm: values.margin_mm } };
    if (present.has('target_c')) next = { ...next, margins: { ...next.margins, nerve_target_c: values.target_c } };
    // The link has been taken into the (saved) workspace; drop it from the address bar so a reload
    // keeps later edits instead of re-applying the link over them.
    history.replaceState(history.state, '', location.pathname + (fromHash ? '' : location.hash));
    if (this.undoPoint) this.undoPoint.after = next;
    return next;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.scheduleSave();
    void this.restoreResults();
    window.addEventListener('beforeunload', this.flushSave);
    window.addEventListener('hashchange', this.onHashChange);
  }

  /** A share link pasted into this tab's address bar changes only the fragment: no reload, so apply it here. */
  private onHashChange = () => {
    const next = this.applyLink(this.ws);
    if (next !== this.ws) this.setWs(next);
  };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.flushSave);
    window.removeEventListener('hashchange', this.onHashChange);
    this.pool?.close();
    this.pool = null;
  }

  private async restoreResults() {
    const { value, message } = await loadResults<unknown>(RESULTS_KEY);
    if (message) this.notify('error', message);
    if (value === null) return;
    if (!isSavedResults(value)) {
      // Left in place: a later version may read it, and the next run replaces it anyway.
      return this.notify('error', 'The results saved in this browser are in a form this version cannot show; run the comparison again.');
    }
    if (value.runs.length && !this.runs.length) {
      this.runs = value.runs;
      this.notify('info', `Showing the results saved on ${new Date(value.saved_at).toLocaleString()}.`);
    }
  }

  // ----- notices and saving -------------------------------------------------------------

  private notify(kind: Notice['kind'], text: string, issues?: Issue[]) {
    this.notices = [...this.notices, { id: ++this.noticeId, kind, text, issues }];
  }

  private dismiss(id: number) {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  setWs(ws: Workspace) {
    this.ws = ws;
    this.scheduleSave();
  }

  private scheduleSave() {
    this.saveState = 'unsaved';
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(this.flushSave, SAVE_DEBOUNCE_MS.value);
  }

  private flushSave = () => {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const r = saveWorkspaceJson(this.ws);
    if (r.ok) this.saveState = 'saved';
    else if (this.saveState !== 'failed') {
      this.saveState = 'failed';
      this.notify('error', r.message);
    }
  };

  // ----- derived data -------------------------------------------------------------------

  private entry(id: string): ProtocolEntry | undefined {
    return this.ws.protocols.find((p) => p.id === id);
  }

  private scenarioOf(id: string): ScenarioFile | null {
    const e = this.entry(id);
    if (!e) return null;
    const file = combine(this.ws.anatomy, e.procedure, this.ws.adjuncts);
    return e.overrides ? withOverrides(file, e.overrides, describeOverrides(e.overrides, { tissue: tissueWords, skin: skinWords })) : file;
  }

  /** The selected protocol on the current anatomy, exactly as "Download scenario" writes it. */
  selectedScenario(): ScenarioFile | null {
    return this.scenarioOf(this.ws.selected);
  }

  /** Validator issues for a protocol on the current anatomy (cached by content). */
  issuesOf(id: string): Issue[] {
    const file = this.scenarioOf(id);
    if (!file) return [];
    const key = JSON.stringify(file);
    const hit = this.issueCache.get(id);
    if (hit && hit.key === key) return hit.issues;
    let issues: Issue[];
    try {
      const r = validateScenario(file);
      issues = r.ok ? [] : r.issues;
    } catch (e) {
      issues = [{ path: '', message: `validator failed: ${(e as Error).message}` }];
    }
    this.issueCache.set(id, { key, issues });
    return issues;
  }

  private colourOf(id: string): string {
    return protocolColour(Math.max(0, this.ws.protocols.findIndex((p) => p.id === id)));
  }

  private get compareIds(): string[] {
    return this.ws.compare.filter((id) => this.entry(id));
  }

  /** Protocols whose results were computed for a setup that has since changed. */
  private get staleIds(): string[] {
    if (this.running) return [];
    return this.runs
      .filter((r) => r.result)
      .filter((r) => {
        const now = this.scenarioOf(r.id);
        return !now || JSON.stringify(withChartOutputs(now)) !== JSON.stringify(r.file);
      })
      .map((r) => r.id);
  }

  private get adjunctChoice(): AdjunctChoice {
    return this.ws.adjuncts ?? PUBLISHED_ADJUNCTS;
  }

  /** The validator's problems with the shared anatomy itself (each shown beside its field). */
  private anatomyIssues(): Issue[] {
    const anatomyPath = /^(nerve|layers|geometry|tissue|skin|far_field|vessels|sensors)\b/;
    return this.compareIds.flatMap((id) => this.issuesOf(id)).filter((i) => anatomyPath.test(i.path));
  }

  private get blocked(): { id: string; issues: Issue[] }[] {
    return this.compareIds.map((id) => ({ id, issues: this.issuesOf(id) })).filter((b) => b.issues.length);
  }

  // ----- running ------------------------------------------------------------------------

  /**
   * Runs the ticked protocols. `options.faultInjection` (protocol id → fault) is
   * for the reliability tests: a worker crash or a numerical fault in chosen runs.
   * Nothing in the page sets it, and a file or link cannot.
   */
  async run(options: { faultInjection?: Record<string, FaultInjection> } = {}) {
    if (this.running) return;
    const ticked = this.compareIds;
    if (!ticked.length) return this.notify('error', 'Tick at least one protocol to run.');
    // Run what is valid: a protocol that cannot sit on this anatomy is listed with its reasons and skipped.
    const blocked = this.blocked;
    const ids = ticked.filter((id) => !blocked.some((b) => b.id === id));
    if (blocked.length) {
      this.notify(
        'error',
        ids.length
          ? `Skipped ${blocked.length} protocol${blocked.length > 1 ? 's' : ''} that cannot run as set up (${blocked.map((b) => b.id).join(', ')}); the others run:`
          : `None of the ticked protocols can run as set up (${blocked.map((b) => b.id).join(', ')}):`,
        blocked.flatMap((b) => b.issues.map((i) => ({ path: `${b.id}: ${i.path}`, message: i.message }))),
      );
    }
    if (!ids.length) return;
    const pool = await this.ensurePool();
    const files = new Map(ids.map((id) => [id, withChartOutputs(this.scenarioOf(id)!)]));
    const short = (id: string) => {
      const f = this.scenarioOf(id);
      const o = this.entry(id)?.overrides;
      // A variant says what differs, so "perfusion off" and its original never look alike.
      const variant = o ? [o.tissue ? tissueWords(o.tissue) : '', o.skin ? `skin: ${skinWords(o.skin)}` : ''].filter(Boolean).join('; ') : '';
      return (f ? shortLabel(f.name, f.protocol) : id) + (variant ? ` · ${variant}` : '');
    };
    const shorts = ids.map(short);
    const label = (id: string) => {
      const l = short(id);
      return shorts.filter((x) => x === l).length > 1 ? `${l} (${id})` : l;
    };
    // Earlier results stay on screen until their protocol finishes again; a cancel keeps them.
    const before = new Map(this.runs.filter((r) => r.result).map((r) => [r.id, r]));
    this.runs = ids.map((id) => {
      const old = before.get(id);
      if (old) return { ...old, label: label(id), colour: this.colourOf(id), previous: true };
      return { id, label: label(id), colour: this.colourOf(id), file: files.get(id)!, scenario: null, result: null, frames: null, error: null };
    });
    this.running = true;
    this.progress = null;
    const started = performance.now();
    this.batch = pool.runBatch(
      ids.map((id) => ({ id, scenario: files.get(id)!, ...(options.faultInjection?.[id] ? { faultInjection: options.faultInjection[id] } : {}) })),
      {
        frames: true,
        maxFrames: MAX_MAP_FRAMES.value,
        progressIntervalS: PROGRESS_INTERVAL_S.value,
        onProgress: (p) => (this.progress = p),
        onReply: (id, reply) => this.onReply(id, reply, files.get(id)!),
      },
    );
    try {
      await this.batch.promise;
    } finally {
      this.running = false;
      this.batch = null;
    }
    const ok = this.runs.filter((r) => r.result && !r.previous);
    const failed = this.runs.filter((r) => r.error && r.error.message !== 'cancelled');
    const kept = this.runs.filter((r) => r.previous);
    if (failed.length) {
      this.notify(
        'error',
        `${failed.length} protocol${failed.length > 1 ? 's' : ''} did not finish:`,
        failed.map((r) => ({ path: r.id, message: r.error!.message + (r.error!.issues.length ? ' — ' + r.error!.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : '') })),
      );
    }
    if (kept.length) {
      this.notify('info', `Cancelled: ${kept.map((r) => r.id).join(', ')} show${kept.length === 1 ? 's' : ''} the previous results (marked “previous”); the runs that finished show new ones.`);
    }
    if (ok.length) {
      this.dispatchEvent(new CustomEvent('runs-complete', { detail: { seconds: (performance.now() - started) / 1000 } }));
      await this.persistResults();
    }
  }

  /** The ticked protocols that can run here, as the ensemble panel runs them. */
  private ensembleProtocols(): EnsembleProtocol[] {
    const blocked = new Set(this.blocked.map((b) => b.id));
    return this.compareIds
      .filter((id) => !blocked.has(id))
      .map((id) => {
        const f = this.scenarioOf(id)!;
        return { id, label: shortLabel(f.name, f.protocol), colour: this.colourOf(id), file: withChartOutputs(f) };
      });
  }

  private poolGetter = () => this.ensurePool();

  /** The worker pool, loaded on first use (its module pulls in the validator and engine glue). */
  async ensurePool(): Promise<SimulationPool> {
    if (!this.pool) {
      const { SimulationPool } = await import('../../../workers/pool/simulation-pool.ts');
      this.pool ??= new SimulationPool(undefined, MAX_WORKERS.value);
    }
    return this.pool;
  }

  private onReply(id: string, reply: RunReply, file: ScenarioFile) {
    this.runs = this.runs.map((r) => {
      if (r.id !== id) return r;
      if (reply.ok) return { id, label: r.label, colour: r.colour, file, scenario: reply.scenario, result: reply.result, frames: reply.frames, error: null };
      // A cancelled protocol keeps its previous result, still marked as previous.
      if (reply.message === 'cancelled' && r.previous) return r;
      return { id, label: r.label, colour: r.colour, file, scenario: null, result: null, frames: null, error: { message: reply.message, issues: reply.issues } };
    });
  }

  cancel(id?: string) {
    this.batch?.cancel(id);
  }

  private async persistResults() {
    const finished = this.runs.filter((r) => r.result);
    const { runs, perRun } = framesForStorage(finished, MAX_STORED_FRAME_MB.value * 1e6);
    if (perRun !== null) {
      this.notify(
        'info',
        perRun === 0
          ? 'The temperature-map snapshots are too large to keep in the browser; they stay available until you reload.'
          : `For browser storage the map keeps ${perRun} snapshots per protocol; the full set stays available until you reload.`,
      );
    }
    const payload: SavedResults = { saved_at: new Date().toISOString(), runs };
    let r = await saveResults(RESULTS_KEY, payload);
    if (!r.ok) {
      // Map frames are the bulk; keep at least the numbers.
      r = await saveResults(RESULTS_KEY, { ...payload, runs: payload.runs.map((x) => ({ ...x, frames: null })) });
      if (r.ok) this.notify('error', 'Results were saved in the browser without the temperature-map frames (not enough storage).');
      else this.notify('error', r.message);
    }
  }

  // ----- edits --------------------------------------------------------------------------

  private onAnatomyEdit(e: CustomEvent<AnatomyEdit>) {
    const { anatomy, nerveTo, moveProbes } = e.detail;
    // The anatomy's own words follow its numbers (a comparison's text described it as it was).
    let ws: Workspace = { ...this.ws, anatomy: { ...anatomy, assumptions: anatomyAssumptions(anatomy, this.adjunctChoice) } };
    if (nerveTo) ws = moveNerve(ws, nerveTo, moveProbes);
    this.setWs(ws);
  }

  private setAdjuncts(choice: AdjunctChoice) {
    this.setWs({ ...this.ws, adjuncts: choice, anatomy: { ...this.ws.anatomy, assumptions: anatomyAssumptions(this.ws.anatomy, choice) } });
  }

  private adoptAnatomy(id: string) {
    const file = anatomySources()[id];
    if (!file) return;
    const anatomy = anatomyOf(file, `${file.name} (anatomy)`);
    anatomy.assumptions = (file.assumptions ?? []).filter((a) => /^(anatomy|skin):/.test(a));
    if (anatomy.geometry) anatomy.geometry = { ...anatomy.geometry, spacing_mm: this.ws.anatomy.geometry?.spacing_mm ?? anatomy.geometry.spacing_mm };
    this.setWs({ ...this.ws, anatomy });
  }

  private onScenarioChange(e: CustomEvent<ScenarioFile>) {
    // A protocol's own variant keeps the edits to its fields; the shared anatomy gets the rest.
    const { file, overrides } = keepOverridesOnEdit(e.detail, this.entry(this.ws.selected)?.overrides, this.ws.anatomy);
    const { anatomy, procedure } = split(file, this.ws.anatomy.label, this.ws.anatomy, this.entry(this.ws.selected)?.procedure);
    const protocols = this.ws.protocols.map((p) => (p.id === this.ws.selected ? { ...p, procedure, edited: true, ...(overrides ? { overrides } : {}) } : p));
    this.setWs({ ...this.ws, anatomy, protocols });
  }

  /** A copy of every ticked protocol with the bench's device from a file, ticked beside its original. */
  private useFileDevice(dev: FileDevice) {
    const ids = this.compareIds;
    if (!ids.length) return this.notify('error', 'Tick the protocols that should get this device first (in the Protocols mode).');
    let ws = this.ws;
    const added: string[] = [];
    for (const id of ids) {
      const src = this.entry(id)!;
      const newId = newUserId(ws, `${id}-device`);
      const entry: ProtocolEntry = { id: newId, origin: 'user', procedure: withFileDevice(src.procedure, dev), ...(src.overrides ? { overrides: structuredClone(src.overrides) } : {}) };
      ws = { ...ws, protocols: [...ws.protocols, entry] };
      added.push(newId);
    }
    this.setWs({ ...ws, compare: [...ws.compare, ...added] });
    this.mode = 'compare';
    this.notify('info', `Added ${added.length} protocol${added.length > 1 ? 's' : ''} with “${clip(dev.label, NAME_CHARS)}” beside the originals (ticked); run the comparison to see the device's effect.`);
  }

  /** Adds and ticks a guided-lab contrast (web/lib/lab.ts); nothing changes when its base is missing. */
  private setUpLab(id: string) {
    const c = LAB_CONTRASTS.find((x) => x.id === id);
    const made = c ? setUpContrast(this.ws, c) : null;
    if (!c || !made) return this.notify('error', `This contrast needs the built-in protocol ${c?.base ?? id}, which is not in the list; nothing was changed.`);
    this.setWs(made.ws);
    this.labActive = id;
    this.notify('info', `Lab: ${c.question} Ticked: ${made.ids.map((x) => this.entry(x)?.procedure.name ?? x).join(' and ')}. Press Run comparison.`);
  }

  private setOverrides(id: string, overrides: AnatomyOverrides | undefined) {
    const protocols = this.ws.protocols.map((p) => {
      if (p.id !== id) return p;
      const { overrides: _old, ...rest } = p;
      return overrides ? { ...rest, overrides } : rest;
    });
    this.setWs({ ...this.ws, protocols });
  }

  private toggleCompare(id: string, on: boolean) {
    const compare = on ? [...new Set([...this.ws.compare, id])] : this.ws.compare.filter((c) => c !== id);
    // Keep the protocol order, so columns and colours stay put.
    this.setWs({ ...this.ws, compare: this.ws.protocols.map((p) => p.id).filter((p) => compare.includes(p)) });
  }

  private select(id: string) {
    this.setWs({ ...this.ws, selected: id });
  }

  private duplicate(id: string) {
    const src = this.entry(id);
    if (!src) return;
    const newId = newUserId(this.ws);
    const procedure = structuredClone(src.procedure);
    procedure.name = `${procedure.name} (copy)`;
    const protocols = [...this.ws.protocols, { id: newId, origin: 'user' as const, procedure }];
    this.setWs({ ...this.ws, protocols, selected: newId, compare: [...this.ws.compare, newId] });
    this.tab = 'editor';
  }

  private removeProtocol(id: string) {
    const e = this.entry(id);
    if (!e || e.origin !== 'user') return;
    if (!confirm(`Delete “${e.procedure.name}”? Download it first if you want to keep it.`)) return;
    const protocols = this.ws.protocols.filter((p) => p.id !== id);
    this.setWs({ ...this.ws, protocols, compare: this.ws.compare.filter((c) => c !== id), selected: this.ws.selected === id ? protocols[0]?.id ?? '' : this.ws.selected });
  }

  private resetBuiltin(id: string) {
    const procedure = publishedProcedure(id);
    if (!procedure) return;
    this.setWs({ ...this.ws, protocols: this.ws.protocols.map((p) => (p.id === id ? { id, origin: 'builtin', procedure } : p)) });
  }

  // ----- files and links ----------------------------------------------------------------

  downloadScenario() {
    const file = this.scenarioOf(this.ws.selected);
    if (file) downloadText(`${safeFilename(file.name)}.json`, JSON.stringify(file, null, 2) + '\n');
  }

  private exportRuns(): ExportRun[] {
    return this.runs.filter((r) => r.result).map((r) => ({ id: r.id, scenario: r.file, result: r.result!, resolved: r.scenario }));
  }

  downloadResultsJson() {
    const runs = this.exportRuns();
    if (runs.length) downloadText('cryo-comparison-results.json', resultsJson(runs) + '\n');
  }

  downloadResultsCsv() {
    const runs = this.exportRuns();
    if (runs.length) downloadText('cryo-comparison-results.csv', resultsCsv(runs), 'text/csv');
  }

  downloadVerdictCsv() {
    const runs = this.exportRuns();
    if (runs.length) downloadText('cryo-verdict-summary.csv', verdictCsv(runs), 'text/csv');
  }

  /** The temperature map's snapshot as shown (selected protocol, time on its slider) for ParaView. */
  downloadMapVti() {
    const map = this.renderRoot.querySelector<HTMLElement & { run: RunRecord | null; frameIndex: number }>('temperature-map');
    const vti = map?.run ? mapFrameVti(map.run, map.frameIndex) : null;
    if (vti) downloadText(vti.filename, vti.text, 'application/xml');
  }

  private async upload(e: Event) {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    input.value = '';
    if (f) await this.importFile(f);
  }

  /**
   * Opens a scenario file: refused files change nothing and say why; an accepted
   * one becomes a new protocol whose anatomy the others now share (undoable).
   */
  async importFile(f: File) {
    const name = clip(f.name, NAME_CHARS);
    const refuse = (reason: string) => this.notify('error', `${name} was not loaded: it ${reason}. Nothing in your workspace was changed.`);
    const tooLarge = sizeProblem(f.size);
    if (tooLarge) return refuse(tooLarge);
    let text: string;
    try {
      text = await f.text();
    } catch (err) {
      return refuse(`could not be read (${(err as Error).message})`);
    }
    const read = readScenarioText(text, f.size);
    if (!read.ok) return refuse(read.reason);
    const file = read.file;
    for (const note of read.notes) this.notify('info', `${name} was migrated: ${note}.`);
    const check = validateScenario(file);
    if (!check.ok) this.notify('error', `${name} has problems; it is loaded so you can fix them:`, check.issues);
    const anatomy = anatomyOf(file, `${clip(String(file.name ?? f.name), NAME_CHARS)} (uploaded)`);
    anatomy.assumptions = [];
    const id = newUserId(this.ws, safeFilename(String(file.name ?? 'uploaded')).toLowerCase().slice(0, 40).replace(/[^a-z0-9]+$/, '') || 'uploaded');
    const protocols = [
      ...this.ws.protocols,
      { id, origin: 'user' as const, procedure: procedureOf(file) },
    ];
    const before = this.ws;
    this.setWs({ ...this.ws, anatomy, protocols, selected: id, compare: [...this.ws.compare, id] });
    this.notify('info', `Loaded ${name}. Its anatomy is now shared by every protocol; the others keep their probe placement relative to the nerve.`);
    this.undoPoint = { noticeId: this.noticeId, before, after: this.ws };
  }

  /** Puts back the workspace from before the last file or link, if nothing changed since. */
  undoImport() {
    const u = this.undoPoint;
    if (!u || u.after !== this.ws) return;
    this.undoPoint = null;
    this.setWs(u.before);
    this.dismiss(u.noticeId);
    this.notify('info', 'Your previous workspace is back.');
  }

  /**
   * The link carries the selected scenario in the CLI format and the built-ins compared with it,
   * in the fragment: browsers never send a fragment to the server, so a long scenario cannot hit a
   * server's header limit (Node answers 431 above 16 kB, nginx 414 above 8 kB), and the scenario
   * stays out of server logs and Referer headers.
   */
  buildShareUrl(): string {
    const file = this.scenarioOf(this.ws.selected);
    const q = buildQuery({
      scenario: file,
      id: [this.ws.selected],
      compare: this.compareIds.filter((id) => id !== this.ws.selected && this.entry(id)?.origin === 'builtin'),
      margin_mm: this.ws.margins.skin_margin_mm,
      target_c: this.ws.margins.nerve_target_c,
    });
    return `${location.origin}${location.pathname}#${q}`;
  }

  private async share() {
    this.shareUrl = this.buildShareUrl();
    if (this.shareUrl.length > MAX_LINK_CHARS) {
      this.shareUrl = '';
      return this.notify('error', `This scenario is too long for a link (browsers stop at about ${MAX_LINK_CHARS / 1e6} million characters); use Download ▸ Selected scenario and send the file.`);
    }
    if (this.shareUrl.length > LONG_LINK_CHARS) {
      this.notify('info', `The link is ${Math.round(this.shareUrl.length / 1000)} thousand characters long; some e-mail programs cut long links, so sending the downloaded scenario file is safer.`);
    }
    try {
      await navigator.clipboard.writeText(this.shareUrl);
      this.notify('info', 'Share link copied to the clipboard. It carries the selected scenario and the built-in protocols compared with it.');
    } catch {
      this.notify('info', 'Share link created below the protocol list; copy it from there.');
    }
  }

  // ----- pinned results (web/lib/pins.ts, web/components/pinned-results) ----------------

  private pinRuns = new WeakMap<Pin, RunRecord>();

  /** The latest runs followed by the pins that are ticked, as the charts and the verdict table draw them. */
  get displayRuns(): RunRecord[] {
    const pins = this.ws.pins ?? [];
    const shown = pins
      .map((p, i) => {
        const colour = pinColour(i, this.ws.protocols.length);
        let r = this.pinRuns.get(p) ?? pinRun(p, i, this.ws.protocols.length);
        if (r.colour !== colour) r = { ...r, colour };
        this.pinRuns.set(p, r);
        return p.shown ? r : null;
      })
      .filter((r): r is RunRecord => r !== null);
    return shown.length ? [...this.runs, ...shown] : this.runs;
  }

  /** Pins the selected result; refused (with the reason) when it would not fit, and then nothing changes. */
  pinSelected(name: string) {
    const run = this.runs.find((r) => r.id === this.ws.selected && r.result) ?? this.runs.find((r) => r.result);
    if (!run) return this.notify('error', 'Nothing to pin yet: run a protocol first.');
    const pins = this.ws.pins ?? [];
    const made = makePin(run, name, pins);
    if (!made.ok) return this.notify('error', `Not pinned: ${made.reason}.`);
    const next: Workspace = { ...this.ws, pins: [...pins, made.pin] };
    // Saved at once: a pin the browser cannot keep is refused now, not lost at the next reload.
    const saved = saveWorkspaceJson(next);
    if (!saved.ok) return this.notify('error', `Not pinned: ${saved.message}. Your workspace is unchanged.`);
    this.setWs(next);
    this.notify('info', `Pinned “${made.pin.name}”: it stays on the charts and in the verdict table beside later runs (untick it to hide it).`);
  }

  private togglePin(id: string, shown: boolean) {
    this.setWs({ ...this.ws, pins: (this.ws.pins ?? []).map((p) => (p.id === id ? { ...p, shown } : p)) });
  }

  private removePin(id: string) {
    const pin = this.ws.pins?.find((p) => p.id === id);
    if (!pin || !confirm(`Remove the pinned result “${pin.name}”? It cannot be brought back.`)) return;
    const pins = this.ws.pins!.filter((p) => p.id !== id);
    const { pins: _old, ...rest } = this.ws;
    this.setWs(pins.length ? { ...rest, pins } : rest);
  }

  // ----- download menu (keyboard: web/lib/menu-keys.ts) ---------------------------------

  private async openMenu(at: 'first' | 'last') {
    this.menuOpen = true;
    await this.updateComplete;
    const list = this.renderRoot.querySelector<HTMLElement>('#download-menu');
    const items = list ? menuItems(list) : [];
    (at === 'first' ? items[0] : items.at(-1))?.focus();
  }

  private closeMenu(refocus: boolean) {
    this.menuOpen = false;
    if (refocus) this.renderRoot.querySelector<HTMLButtonElement>('#download')?.focus();
  }

  /** Focus leaving the menu and its button (Tab, a click elsewhere) closes it. */
  private onMenuFocusOut = (e: FocusEvent) => {
    const menu = e.currentTarget as HTMLElement;
    if (this.menuOpen && !(e.relatedTarget instanceof Node && menu.contains(e.relatedTarget))) this.menuOpen = false;
  };

  // ----- render -------------------------------------------------------------------------

  private renderHeader() {
    const p = this.progress;
    const blockedCount = this.blocked.length;
    const n = this.compareIds.length - blockedCount;
    const blocked = blockedCount > 0;
    const done = p?.runs.filter((r) => r.status === 'done').length ?? 0;
    return html`<header>
      <h1>Cryoneurolysis workbench <small>thermal model of percutaneous nerve freezing</small></h1>
      <div class="modes" role="group" aria-label="Mode">
        <button id="mode-compare" aria-pressed=${this.mode === 'compare' ? 'true' : 'false'} @click=${() => (this.mode = 'compare')}>Protocols</button>
        <button id="mode-bench" aria-pressed=${this.mode === 'bench' ? 'true' : 'false'} @click=${() => (this.mode = 'bench')}>Probe bench</button>
      </div>
      ${this.mode === 'bench' ? nothing : html`<button class="primary" id="run" @click=${() => this.run()} ?disabled=${this.running || !n}
        title=${blocked ? `${blockedCount} ticked protocol(s) cannot run as set up and will be skipped` : ''}>
        ${this.running ? 'Running…' : `Run ${n > 1 ? `comparison (${n})` : 'protocol'}`}
      </button>
      <button id="cancel" @click=${() => this.cancel()} ?disabled=${!this.running}>Cancel</button>`}
      ${this.running && p
        ? html`<span class="status" role="status" aria-live="polite"
            ><progress max="1" .value=${p.fraction}></progress> ${Math.round(p.fraction * 100)} % · ${done}/${p.runs.length} done
            ${p.eta_s !== null ? html`· about ${fmtDuration(Math.ceil(p.eta_s))} left` : ''}</span
          >`
        : this.running
          ? html`<span class="status" role="status">starting workers…</span>`
          : blocked
            ? html`<span class="status saved-bad" role="status" id="blocked-status">${blockedCount} protocol(s) cannot run as set up and will be skipped (see the list)</span>`
            : nothing}
      <span class="spacer"></span>
      <span class="status ${this.saveState === 'failed' ? 'saved-bad' : ''}" title="Your workspace is kept in this browser">
        ${this.saveState === 'saved' ? 'Saved in browser' : this.saveState === 'failed' ? 'Not saved!' : 'Saving…'}
      </span>
      <button id="share" @click=${() => this.share()}>Share link</button>
      <label class="sr-only" for="upload">Upload scenario JSON</label>
      <input id="upload" type="file" accept=".json,application/json" hidden @change=${this.upload} />
      <button @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#upload')!.click()}>Upload…</button>
      <div class="menu" @focusout=${this.onMenuFocusOut}>
        <button id="download" aria-haspopup="menu" aria-controls="download-menu" aria-expanded=${this.menuOpen ? 'true' : 'false'}
          @click=${() => (this.menuOpen ? this.closeMenu(false) : this.openMenu('first'))}
          @keydown=${(e: KeyboardEvent) => { const at = /^Arrow(Up|Down)$/.test(e.key) ? openingFocus(e.key) : null; if (at) { e.preventDefault(); this.openMenu(at); } }}>
          Download ▾
        </button>
        ${this.menuOpen
          ? html`<div class="menu-list" id="download-menu" role="menu" aria-labelledby="download" @click=${() => this.closeMenu(true)}
              @keydown=${(e: KeyboardEvent) => onMenuKeydown(e, e.currentTarget as HTMLElement, (refocus) => this.closeMenu(refocus))}>
              <button role="menuitem" id="dl-scenario" @click=${() => this.downloadScenario()}>Selected scenario (JSON, CLI format)</button>
              <button role="menuitem" id="dl-json" ?disabled=${!this.runs.some((r) => r.result)} @click=${() => this.downloadResultsJson()}>Results (JSON)</button>
              <button role="menuitem" id="dl-csv" ?disabled=${!this.runs.some((r) => r.result)} @click=${() => this.downloadResultsCsv()}>Results (CSV)</button>
              <button role="menuitem" id="dl-verdict-csv" ?disabled=${!this.runs.some((r) => r.result)} @click=${() => this.downloadVerdictCsv()}>Verdict summary with run settings (CSV)</button>
              <button role="menuitem" id="dl-vti" ?disabled=${!this.runs.some((r) => r.frames?.temperatures_c.length)} @click=${() => this.downloadMapVti()}>Temperature map frame (VTK .vti, ParaView)</button>
            </div>`
          : nothing}
      </div>
    </header>`;
  }

  private renderProtocolList() {
    const prog = new Map(this.progress?.runs.map((r) => [r.id, r]) ?? []);
    return html`<h2 class="side-title" id="protocols-title">Protocols to compare</h2>
      <ul class="protocols" aria-labelledby="protocols-title">
        ${this.ws.protocols.map((p) => {
          const issues = this.issuesOf(p.id);
          const run = this.runs.find((r) => r.id === p.id);
          const pr = this.running ? prog.get(p.id) : undefined;
          const state = pr
            ? pr.status === 'running'
              ? `${Math.round(pr.fraction * 100)} %`
              : pr.status
            : issues.length
              ? this.ws.compare.includes(p.id) ? 'skipped' : `${issues.length} problem${issues.length > 1 ? 's' : ''}`
              : run?.error
                ? run.error.message === 'cancelled' ? 'cancelled' : 'failed'
                : run?.previous
                  ? 'previous results'
                  : run?.result
                    ? '✔ done'
                    : '';
          const bad = issues.length > 0 || (!!run?.error && run.error.message !== 'cancelled');
          return html`<li class=${p.id === this.ws.selected ? 'selected' : ''} data-id=${p.id}>
            <input
              type="checkbox"
              .checked=${this.ws.compare.includes(p.id)}
              @change=${(e: Event) => this.toggleCompare(p.id, (e.target as HTMLInputElement).checked)}
              aria-label="Include ${clip(p.procedure.name, NAME_CHARS)} in the comparison"
            />
            <span class="swatch" ${styleProps({ background: this.colourOf(p.id) })} aria-hidden="true"></span>
            <button class="name" @click=${() => this.select(p.id)} aria-pressed=${p.id === this.ws.selected ? 'true' : 'false'}>
              ${clip(p.procedure.name, NAME_CHARS)}
              <small>${p.origin === 'builtin' ? `built-in · ${p.id}` : 'your protocol'}${p.edited ? ' · edited' : ''}${p.overrides
                  ? ` · own ${describeOverrides(p.overrides, { tissue: tissueWords, skin: skinWords })}`
                  : ''}</small>
            </button>
            <span class="state ${bad ? 'bad' : ''}">
              ${state}
              ${pr && (pr.status === 'running' || pr.status === 'queued')
                ? html`<button @click=${() => this.cancel(p.id)} aria-label="Cancel ${clip(p.procedure.name, NAME_CHARS)}" title="Cancel this run">✕</button>`
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
        <button @click=${() => this.duplicate(this.ws.selected)}>Copy selected as new</button>
        <button @click=${() => (this.tab = 'editor')}>Edit selected</button>
        ${this.entry(this.ws.selected)?.origin === 'builtin'
          ? html`<button @click=${() => this.resetBuiltin(this.ws.selected)}>Reset to published</button>`
          : html`<button @click=${() => this.removeProtocol(this.ws.selected)}>Delete selected</button>`}
      </div>
      ${this.shareUrl
        ? html`<div class="share">
            <label for="share-url">Link</label>
            <input id="share-url" type="text" readonly .value=${this.shareUrl} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          </div>`
        : nothing}`;
  }

  override render() {
    const selectedFile = this.scenarioOf(this.ws.selected);
    const selectedRun = this.runs.find((r) => r.id === this.ws.selected && r.result) ?? this.runs.find((r) => r.result) ?? null;
    const margins: Margins = this.ws.margins ?? {
      skin_margin_mm: VERDICT_DEFAULTS.skin_margin_mm.value,
      nerve_target_c: VERDICT_DEFAULTS.nerve_target_c.value,
      skin_limit_c: VERDICT_DEFAULTS.skin_limit_c.value,
    };
    return html`
      ${this.renderHeader()}
      <div class="notices" aria-live="polite">
        ${this.notices.map(
          (n) => html`<div class="notice ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'}>
            <div class="text">
              ${n.text}
              ${n.issues?.length
                ? html`<ul>${n.issues.slice(0, MAX_LISTED_ISSUES).map((i) => html`<li><code>${clip(i.path, NAME_CHARS)}</code>: ${clip(i.message, 400)}</li>`)}
                    ${n.issues.length > MAX_LISTED_ISSUES ? html`<li>… and ${n.issues.length - MAX_LISTED_ISSUES} more (see the editor)</li>` : nothing}</ul>`
                : nothing}
            </div>
            ${this.undoPoint?.noticeId === n.id && this.undoPoint.after === this.ws
              ? html`<button class="undo" @click=${() => this.undoImport()}>Undo</button>`
              : nothing}
            <button @click=${() => this.dismiss(n.id)} aria-label="Dismiss message">✕</button>
          </div>`,
        )}
      </div>
      <main class="bench" aria-label="Probe bench" ?hidden=${this.mode !== 'bench'}><probe-bench .getPool=${() => this.ensurePool()} .initial=${this.ws.bench}
        @bench-setup-change=${(e: CustomEvent<BenchSetup>) => JSON.stringify(e.detail) !== JSON.stringify(this.ws.bench) && this.setWs({ ...this.ws, bench: e.detail })}
        @bench-use-device=${(e: CustomEvent<FileDevice>) => this.useFileDevice(e.detail)}></probe-bench></main>
      <div class="layout" ?hidden=${this.mode === 'bench'}>
        <aside class="side" aria-label="Scenario setup">
          <div class="tabs" role="tablist">
            <button role="tab" id="tab-setup" aria-selected=${this.tab === 'setup' ? 'true' : 'false'} @click=${() => (this.tab = 'setup')}>
              Anatomy &amp; protocols
            </button>
            <button role="tab" id="tab-editor" aria-selected=${this.tab === 'editor' ? 'true' : 'false'} @click=${() => (this.tab = 'editor')}>
              Editor${this.issuesOf(this.ws.selected).length ? ' ⚠' : ''}
            </button>
          </div>
          ${this.tab === 'setup'
            ? html`<guided-lab active=${this.labActive} @lab-setup=${(e: CustomEvent<string>) => this.setUpLab(e.detail)}></guided-lab>
                <anatomy-panel
                  .anatomy=${this.ws.anatomy}
                  .issues=${this.anatomyIssues()}
                  .adjuncts=${this.adjunctChoice}
                  @adjuncts-change=${(e: CustomEvent<AdjunctChoice>) => this.setAdjuncts(e.detail)}
                  .sources=${anatomySources()}
                  @anatomy-edit=${this.onAnatomyEdit}
                  @anatomy-source=${(e: CustomEvent<string>) => this.adoptAnatomy(e.detail)}
                ></anatomy-panel>
                ${this.renderProtocolList()}
                ${this.entry(this.ws.selected)
                  ? html`<protocol-overrides
                      .overrides=${this.entry(this.ws.selected)!.overrides}
                      .sharedTissue=${this.ws.anatomy.tissue ?? { preset: 'generic' }}
                      protocol-name=${this.entry(this.ws.selected)!.procedure.name}
                      @overrides-change=${(e: CustomEvent<AnatomyOverrides | undefined>) => this.setOverrides(this.ws.selected, e.detail)}
                    ></protocol-overrides>`
                  : nothing}`
            : html`<div class="selected-bar">
                  <span class="swatch" ${styleProps({ background: this.colourOf(this.ws.selected) })}></span>
                  <label for="sel" class="sr-only">Protocol to edit</label>
                  <select id="sel" @change=${(e: Event) => this.select((e.target as HTMLSelectElement).value)}>
                    ${this.ws.protocols.map((p) => html`<option value=${p.id} ?selected=${p.id === this.ws.selected}>${clip(p.procedure.name, NAME_CHARS)}</option>`)}
                  </select>
                </div>
                <scenario-editor
                  .scenario=${selectedFile}
                  .issues=${this.issuesOf(this.ws.selected)}
                  shared-note="shared by all protocols"
                  @scenario-change=${this.onScenarioChange}
                ></scenario-editor>`}
        </aside>
        <main aria-label="Results">
          ${this.staleIds.length
            ? html`<div class="notice info" role="status" id="stale">
                <div class="text">
                  The setup changed since these results were computed (${this.staleIds.length === this.runs.length ? 'all protocols' : this.staleIds.join(', ')}).
                  The charts still show the old results; run again to update them.
                </div>
              </div>`
            : nothing}
          <lethal-zone-chart .runs=${this.displayRuns} .bands=${this.ensembleBands} margin-mm=${margins.skin_margin_mm}></lethal-zone-chart>
          <verdict-table
            .runs=${this.displayRuns}
            .margins=${margins}
            @margins-change=${(e: CustomEvent<Margins>) => this.setWs({ ...this.ws, margins: e.detail })}
          ></verdict-table>
          <pinned-results
            .pins=${this.ws.pins ?? []}
            .colours=${Object.fromEntries((this.ws.pins ?? []).map((p, i) => [p.id, pinColour(i, this.ws.protocols.length)]))}
            run-label=${selectedRun?.label ?? ''}
            suggested-name=${selectedRun ? defaultPinName(selectedRun.label, this.ws.pins ?? []) : ''}
            @pin-add=${(e: CustomEvent<{ name: string }>) => this.pinSelected(e.detail.name)}
            @pin-toggle=${(e: CustomEvent<{ id: string; shown: boolean }>) => this.togglePin(e.detail.id, e.detail.shown)}
            @pin-remove=${(e: CustomEvent<{ id: string }>) => this.removePin(e.detail.id)}
          ></pinned-results>
          <ensemble-panel
            .protocols=${this.ensembleProtocols()}
            .getPool=${this.poolGetter}
            margin-mm=${margins.skin_margin_mm}
            ?busy=${this.running}
            @ensemble-change=${(e: CustomEvent<EnsembleBandSource[] | null>) => (this.ensembleBands = e.detail)}
            @protocol-suggested=${(e: CustomEvent<SuggestedProtocol>) => ((made) => made && this.setWs(made.ws))(withSuggestion(this.ws, e.detail))}
          ></ensemble-panel>
                    <temperature-map .run=${selectedRun}></temperature-map>
          <isotherm-growth-chart .runs=${this.displayRuns} .bands=${this.ensembleBands} selected-id=${selectedRun?.id ?? ''}></isotherm-growth-chart>
          <temperature-history-chart .runs=${this.displayRuns} selected-id=${selectedRun?.id ?? ''}></temperature-history-chart>
          <p class="sources">
            Thresholds: −40 °C lethal (Gage &amp; Baust 1998); −20 °C reliable nerve block (J Clin Med 2024;13:3304; Evans 1981).
            Every number here is a model estimate; see each value's mark in the editor.
          </p>
        </main>
      </div>
    `;
  }
}

/** Enough of the shape that rendering cannot trip over it (the charts read these fields). */
function isSavedResults(v: unknown): v is SavedResults {
  const r = v as SavedResults;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.saved_at === 'string' &&
    Array.isArray(r.runs) &&
    r.runs.every(
      (x) =>
        !!x &&
        typeof x.id === 'string' &&
        typeof x.label === 'string' &&
        typeof x.colour === 'string' &&
        !!x.file &&
        (x.result === null || (typeof x.result === 'object' && Array.isArray(x.result.times_s) && !!x.result.isotherms)),
    )
  );
}

/**
 * Thins map snapshots so stored results stay within a byte budget (fine grids
 * over long protocols reach hundreds of megabytes). `perRun` is null when
 * nothing had to be dropped, 0 when no snapshots fit.
 */
export function framesForStorage(runs: RunRecord[], budgetBytes: number): { runs: RunRecord[]; perRun: number | null } {
  const bytesPerFrame = (r: RunRecord) => (r.frames ? r.frames.nx * r.frames.nz * 4 : 0);
  const total = runs.reduce((t, r) => t + bytesPerFrame(r) * (r.frames?.temperatures_c.length ?? 0), 0);
  if (total <= budgetBytes) return { runs, perRun: null };
  const withFrames = runs.filter((r) => r.frames);
  const perFrame = withFrames.reduce((t, r) => t + bytesPerFrame(r), 0);
  const perRun = Math.floor(budgetBytes / Math.max(1, perFrame));
  if (perRun < MIN_STORED_FRAMES.value) return { runs: runs.map((r) => ({ ...r, frames: null })), perRun: 0 };
  return {
    runs: runs.map((r) => {
      if (!r.frames) return r;
      const keep = frameIndices(r.frames.temperatures_c.length, perRun);
      return { ...r, frames: { ...r.frames, times_s: keep.map((i) => r.frames!.times_s[i]), temperatures_c: keep.map((i) => r.frames!.temperatures_c[i]) } };
    }),
    perRun,
  };
}

customElements.define('cryo-workbench', CryoWorkbench);

declare global {
  interface HTMLElementTagNameMap {
    'cryo-workbench': CryoWorkbench;
  }
}
