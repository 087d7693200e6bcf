/**
 * Running the ticked protocols on the worker pool: skips (and lists) the ones
 * that cannot run as set up, keeps the results of protocols unchanged since this
 * page ran them, keeps earlier results on screen until their protocol finishes
 * again, reports progress, cancels, and reports failures.
 */
import type { ReactiveController } from 'lit';
import type { Issue, ScenarioFile } from '../../../scenarios/schema.ts';
import type { Batch, BatchProgress, SimulationPool } from '../../../workers/pool/simulation-pool.ts';
import type { FaultInjection, RunReply } from '../../../workers/pool/simulation-service.ts';
import { shortLabel, withChartOutputs, type RunRecord } from '../../lib/analysis.ts';
import { comparedIds, protocolEntry } from '../../lib/workspace-edits.ts';
import { variantLabelWords } from '../../lib/overrides.ts';
import { MAX_MAP_FRAMES, MAX_WORKERS, PROGRESS_INTERVAL_S } from '../../ui-presets.ts';
import { skinWords, tissueWords } from '../protocol-overrides/protocol-overrides.ts';
import type { EnsembleProtocol } from '../ensemble-panel/ensemble-panel.ts';
import type { CryoWorkbench } from './cryo-workbench.ts';
import type { Workspace } from '../../lib/workspace.ts';

export class RunController implements ReactiveController {
  pool: SimulationPool | null = null;
  running = false;
  progress: BatchProgress | null = null;
  private batch: Batch | null = null;
  /**
   * The last result this page computed for each protocol (kept while it is unticked), with the
   * exact file it ran as JSON. A run is deterministic (the same file gives the same bits in any
   * worker, at any thread count), so a protocol whose file has not changed since keeps its result
   * instead of running again. Results restored from storage are never here: they may come from
   * another version of the engine.
   */
  private readonly computed = new Map<string, { run: RunRecord; file: string }>();
  private ensembleList: { ws: Workspace; list: EnsembleProtocol[] } | null = null;
  /** Cancel pressed while the pool was still loading: the batch is not started. */
  private cancelledBeforeStart = false;

  constructor(private host: CryoWorkbench) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.pool?.close();
    this.pool = null;
  }

  /** The ticked protocols that cannot run as set up, with the validator's reasons. */
  blocked(): { id: string; issues: Issue[] }[] {
    return comparedIds(this.host.ws).map((id) => ({ id, issues: this.host.issuesOf(id) })).filter((b) => b.issues.length);
  }

  /** The worker pool, loaded on first use (its module pulls in the validator and engine glue). */
  async ensurePool(): Promise<SimulationPool> {
    if (!this.pool) {
      const { SimulationPool } = await import('../../../workers/pool/simulation-pool.ts');
      this.pool ??= new SimulationPool(undefined, MAX_WORKERS.value);
    }
    return this.pool;
  }

  /**
   * The ticked protocols that can run here, as the ensemble panel runs them: the same list
   * until the workspace changes, so the panel is not updated on every progress tick of a run.
   */
  ensembleProtocols(): EnsembleProtocol[] {
    const ws = this.host.ws;
    if (this.ensembleList?.ws === ws) return this.ensembleList.list;
    const blocked = new Set(this.blocked().map((b) => b.id));
    const list = comparedIds(ws)
      .filter((id) => !blocked.has(id))
      .map((id) => {
        const f = this.host.scenarioOf(id)!;
        return { id, label: shortLabel(f.name, f.protocol), colour: this.host.colourOf(id), file: withChartOutputs(f) };
      });
    this.ensembleList = { ws, list };
    return list;
  }

  /** Chart labels: short, with what a variant changes, and the id where two would read alike. */
  private labels(ids: string[]): (id: string) => string {
    const short = (id: string) => {
      const f = this.host.scenarioOf(id);
      const o = protocolEntry(this.host.ws, id)?.overrides;
      // A variant says what differs, so "perfusion off" and its original never look alike.
      const variant = o ? [o.tissue ? tissueWords(o.tissue) : '', o.skin ? `skin: ${skinWords(o.skin)}` : '', ...variantLabelWords(o)].filter(Boolean).join('; ') : '';
      return (f ? shortLabel(f.name, f.protocol) : id) + (variant ? ` · ${variant}` : '');
    };
    const shorts = ids.map(short);
    return (id) => {
      const l = short(id);
      return shorts.filter((x) => x === l).length > 1 ? `${l} (${id})` : l;
    };
  }

  /**
   * Runs the ticked protocols. `options.faultInjection` (protocol id → fault) is
   * for the reliability tests: a worker crash or a numerical fault in chosen runs.
   * Nothing in the page sets it, and a file or link cannot.
   */
  async run(options: { faultInjection?: Record<string, FaultInjection> } = {}) {
    if (this.running) return;
    const host = this.host;
    const notify = host.messages.notify.bind(host.messages);
    const ticked = comparedIds(host.ws);
    if (!ticked.length) return notify('error', 'Tick at least one protocol to run.');
    // Run what is valid: a protocol that cannot sit on this anatomy is listed with its reasons and skipped.
    const blocked = this.blocked();
    const ids = ticked.filter((id) => !blocked.some((b) => b.id === id));
    if (blocked.length) {
      notify(
        'error',
        ids.length
          ? `Skipped ${blocked.length} protocol${blocked.length > 1 ? 's' : ''} that cannot run as set up (${blocked.map((b) => b.id).join(', ')}); the others run:`
          : `None of the ticked protocols can run as set up (${blocked.map((b) => b.id).join(', ')}):`,
        blocked.flatMap((b) => b.issues.map((i) => ({ path: `${b.id}: ${i.path}`, message: i.message }))),
      );
    }
    if (!ids.length) return;
    const files = new Map(ids.map((id) => [id, withChartOutputs(host.scenarioOf(id)!)]));
    const keys = new Map(ids.map((id) => [id, JSON.stringify(files.get(id))]));
    const label = this.labels(ids);
    const before = new Map(host.runs.filter((r) => r.result).map((r) => [r.id, r]));
    const unchanged = new Set(ids.filter((id) => !options.faultInjection?.[id] && this.computed.get(id)?.file === keys.get(id)));
    const toRun = ids.filter((id) => !unchanged.has(id));
    // Earlier results stay on screen until their protocol finishes again; a cancel keeps them.
    host.runs = ids.map((id) => {
      if (unchanged.has(id)) return this.keep(id, { label: label(id), colour: host.colourOf(id) });
      const old = before.get(id);
      if (old) return { ...old, label: label(id), colour: host.colourOf(id), previous: true };
      return { id, label: label(id), colour: host.colourOf(id), file: files.get(id)!, scenario: null, result: null, frames: null, error: null };
    });
    if (unchanged.size) {
      const kept = ids.filter((id) => unchanged.has(id));
      notify('info', `Unchanged since this page ran ${kept.length === 1 ? 'it' : 'them'}, so not run again (a run gives the same numbers every time): ${kept.join(', ')}.`);
    }
    if (!toRun.length) return;
    // Running from the click on, not from when the worker pool's module has loaded: the page
    // shows it at once, and Cancel works from the start.
    this.setRunning(true, null);
    const started = performance.now();
    let pool: SimulationPool;
    try {
      pool = await this.ensurePool();
    } catch (e) {
      this.setRunning(false, null);
      throw e;
    }
    if (this.cancelledBeforeStart) {
      this.cancelledBeforeStart = false;
      host.runs = host.runs.map((r) => (toRun.includes(r.id) && !r.previous ? { ...r, error: { message: 'cancelled', issues: [] } } : r));
      this.setRunning(false, null);
      this.report();
      return;
    }
    this.batch = pool.runBatch(
      toRun.map((id) => ({ id, scenario: files.get(id)!, ...(options.faultInjection?.[id] ? { faultInjection: options.faultInjection[id] } : {}) })),
      {
        frames: true,
        maxFrames: MAX_MAP_FRAMES.value,
        progressIntervalS: PROGRESS_INTERVAL_S.value,
        onProgress: (p) => this.setRunning(true, p),
        onReply: (id, reply) => this.onReply(id, reply, files.get(id)!, keys.get(id)!),
      },
    );
    try {
      await this.batch.promise;
    } finally {
      this.batch = null;
      this.setRunning(false, this.progress);
    }
    this.report();
    if (host.runs.some((r) => r.result && !r.previous)) {
      host.dispatchEvent(new CustomEvent('runs-complete', { detail: { seconds: (performance.now() - started) / 1000 } }));
      await host.persistResults();
    }
  }

  cancel(id?: string) {
    if (this.batch) this.batch.cancel(id);
    else if (this.running && id === undefined) this.cancelledBeforeStart = true;
  }

  private setRunning(running: boolean, progress: BatchProgress | null) {
    this.running = running;
    this.progress = progress;
    this.host.requestUpdate();
  }

  /** A protocol's computed run, under its label and colour now. */
  private keep(id: string, look: { label: string; colour: string }): RunRecord {
    const c = this.computed.get(id)!;
    if (c.run.label !== look.label || c.run.colour !== look.colour) c.run = { ...c.run, ...look };
    return c.run;
  }

  private onReply(id: string, reply: RunReply, file: ScenarioFile, key: string) {
    this.host.runs = this.host.runs.map((r) => {
      if (r.id !== id) return r;
      if (reply.ok) {
        const run: RunRecord = { id, label: r.label, colour: r.colour, file, scenario: reply.scenario, result: reply.result, frames: reply.frames, error: null };
        this.computed.set(id, { run, file: key });
        return run;
      }
      // A cancelled protocol keeps its previous result, still marked as previous.
      if (reply.message === 'cancelled' && r.previous) return r;
      return { id, label: r.label, colour: r.colour, file, scenario: null, result: null, frames: null, error: { message: reply.message, issues: reply.issues } };
    });
  }

  /** What did not finish, and what still shows an earlier result. */
  private report() {
    const runs = this.host.runs;
    const failed = runs.filter((r) => r.error && r.error.message !== 'cancelled');
    const kept = runs.filter((r) => r.previous);
    if (failed.length) {
      this.host.messages.notify(
        'error',
        `${failed.length} protocol${failed.length > 1 ? 's' : ''} did not finish:`,
        failed.map((r) => ({ path: r.id, message: r.error!.message + (r.error!.issues.length ? ' — ' + r.error!.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : '') })),
      );
    }
    if (kept.length) {
      this.host.messages.notify('info', `Cancelled: ${kept.map((r) => r.id).join(', ')} show${kept.length === 1 ? 's' : ''} the previous results (marked “previous”); the runs that finished show new ones.`);
    }
  }
}
