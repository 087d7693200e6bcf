/**
 * Main-thread side of the simulation workers: runs a batch of scenarios (one per
 * worker), reports throttled progress with an estimate of the time left, and lets
 * the UI cancel one run or all of them. Failures arrive as RunReply messages, so
 * one bad protocol never stops the others.
 */
import * as Comlink from 'comlink';
import { MAX_CONCURRENT_RUNS, RUN_OUTPUT } from '../../scenarios/presets.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { nowS } from '../engine/run-output.ts';
import { predictedRunWork } from '../engine/run-cost.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import type { Progress } from '../engine/run-types.ts';
import { newWorkerName, watchLifeLock } from './life-lock.ts';
import type { FaultInjection, RunReply, SimulationApi, WarmUpReply } from './simulation-service.ts';
import {
  availableCores,
  JobCancelledError,
  poolSizeFor,
  throttle,
  WorkerPool,
  type Job,
  type PoolStats,
  type PoolWorker,
} from './worker-pool.ts';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One run's engine progress, with its place in the batch. */
export interface RunProgress extends Progress {
  id: string;
  status: RunStatus;
  /** predicted cost (run-cost.ts predictedRunWork; 0: unknown, e.g. a file the validator refuses): how a queued run is costed */
  work?: number;
}

export interface BatchProgress {
  runs: RunProgress[];
  fraction: number;
  /** rough wall seconds left for the whole batch, null until estimable */
  eta_s: number | null;
}

export interface BatchEntry {
  id: string;
  scenario: ScenarioFile;
  /** reliability tests only: make this run fail in a chosen way */
  faultInjection?: FaultInjection;
}

export interface BatchOptions {
  frames: boolean;
  /** cap on map snapshots per run (memory) */
  maxFrames?: number;
  /** wall seconds between progress events reaching the UI */
  progressIntervalS: number;
  onProgress?: (p: BatchProgress) => void;
  /** each run's reply as soon as it finishes (results appear one by one) */
  onReply?: (id: string, reply: RunReply) => void;
}

export interface Batch {
  promise: Promise<Map<string, RunReply>>;
  cancel(id?: string): void;
}

function createBrowserWorker(): PoolWorker {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
    type: 'module',
    // The worker names its life lock after this (life-lock.ts).
    name: newWorkerName(),
  });
  const exited = watchLifeLock(worker);
  return Object.assign(worker, { exited });
}

export class SimulationPool {
  readonly pool: WorkerPool<SimulationApi>;

  constructor(
    createWorker: () => PoolWorker = createBrowserWorker,
    /** hard cap on workers regardless of cores (memory: one grid and frames each) */
    private readonly cap = MAX_CONCURRENT_RUNS.value,
  ) {
    this.pool = new WorkerPool<SimulationApi>(createWorker, { maxWorkers: poolSizeFor(1, cap) });
  }

  runBatch(entries: BatchEntry[], options: BatchOptions): Batch {
    this.pool.maxWorkers = poolSizeFor(entries.length, this.cap);
    const progress = new Map<string, RunProgress>();
    for (const e of entries) {
      progress.set(e.id, {
        id: e.id,
        status: 'queued',
        fraction: 0,
        time_s: 0,
        total_s: 0,
        work: predictedWork(e),
        elapsed_s: 0,
        eta_s: null,
        phase: '',
      });
    }
    // Each run's engine already throttles; this merges the runs' reports into one UI update per interval.
    const emit = throttle(() => options.onProgress?.(summarise([...progress.values()], this.pool.maxWorkers)), options.progressIntervalS * 1000);
    const jobs = new Map<string, Job<RunReply>>();
    const replies = new Map<string, RunReply>();

    // Longest first: a free worker takes the next run, so the long runs must not be left for last.
    const settled = longestFirst(entries).map((entry) => {
      const p = progress.get(entry.id)!;
      let runStarted = 0;
      const relay = progressRelay((ev: Progress) => {
        if (p.status !== 'running') return;
        p.fraction = ev.fraction;
        p.time_s = ev.time_s;
        p.total_s = ev.total_s;
        p.phase = ev.phase;
        p.elapsed_s = nowS() - runStarted;
        p.eta_s = ev.eta_s;
        emit(undefined);
      });
      const job = this.pool.submit(async (api, context) => {
        runStarted = nowS();
        p.status = 'running';
        emit(undefined);
        try {
          const reply = await api.run(
            {
              scenario: entry.scenario,
              frames: options.frames,
              progressIntervalS: options.progressIntervalS,
              maxFrames: options.maxFrames,
              // Cores the batch leaves idle go to its runs: a single run may split its grid.
              threads: Math.max(1, Math.floor(availableCores() / this.pool.maxWorkers)),
              ...(entry.faultInjection ? { faultInjection: entry.faultInjection } : {}),
            },
            relay.proxy,
          );
          if (!reply.ok && reply.replaceWorker) context.retireWorker();
          return reply;
        } finally {
          relay.cut();
        }
      });
      // A cancelled or crashed run's call never settles (its worker is gone): cut here too.
      void job.promise.catch(() => undefined).finally(() => relay.cut());
      jobs.set(entry.id, job);
      return job.promise.then(
        (reply) => {
          p.status = reply.ok ? 'done' : 'failed';
          if (reply.ok) p.fraction = 1;
          p.eta_s = 0;
          replies.set(entry.id, reply);
          options.onReply?.(entry.id, reply);
        },
        (err: Error) => {
          const cancelled = err instanceof JobCancelledError;
          p.status = cancelled ? 'cancelled' : 'failed';
          p.eta_s = 0;
          const reply: RunReply = {
            ok: false,
            kind: 'error',
            message: cancelled ? 'cancelled' : err.message,
            issues: [],
          };
          replies.set(entry.id, reply);
          options.onReply?.(entry.id, reply);
        },
      ).finally(() => {
        if (runStarted > 0) p.elapsed_s = nowS() - runStarted;
        emit(undefined);
      });
    });

    const promise = Promise.all(settled).then(() => {
      emit.flush();
      return replies;
    });
    return {
      promise,
      cancel(id?: string) {
        for (const [jobId, job] of jobs) if (id === undefined || id === jobId) job.cancel();
      },
    };
  }

  /**
   * Starts the workers a batch of `runs` runs would use, and has each compile its kernels and run
   * `scenarios` once (SimulationApi.warmUp), so that the next batch starts on warm workers instead
   * of paying their start-up. Resolves when every worker has finished; never rejects (a worker
   * that failed here is replaced when a run needs it). A batch submitted meanwhile queues behind.
   */
  warmUp(scenarios: ScenarioFile[], runs: number): Promise<WarmUpReply[]> {
    const n = poolSizeFor(runs, this.cap);
    this.pool.maxWorkers = Math.max(this.pool.maxWorkers, n);
    return Promise.all(
      Array.from({ length: n }, () =>
        this.pool.submit((api) => api.warmUp(scenarios)).promise.catch((e: Error): WarmUpReply => ({ ran: 0, ms: 0, message: e.message })),
      ),
    );
  }

  /** live and lifetime worker counts (tests check that cancels leave no worker behind) */
  get stats(): PoolStats {
    return this.pool.stats;
  }

  close(): void {
    this.pool.close();
  }
}

/** Entries by simulated time, longest first (stable); a file whose protocol cannot be read counts as short. */
function longestFirst(entries: BatchEntry[]): BatchEntry[] {
  const simulatedS = (e: BatchEntry) => {
    const protocol = (e.scenario as { protocol?: unknown }).protocol;
    if (!Array.isArray(protocol)) return 0;
    return protocol.reduce((t: number, p) => t + (typeof p?.duration_s === 'number' && Number.isFinite(p.duration_s) ? p.duration_s : 0), 0);
  };
  return entries.map((e, i) => ({ e, i, s: simulatedS(e) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.e);
}

/**
 * The progress callback handed to a worker, built outside runBatch on purpose.
 * Comlink keeps a proxied callback reachable until the worker's side of it is
 * garbage-collected (or released), which an idle worker may never do; a closure
 * made inside runBatch would keep the whole batch, map frames included, alive
 * with it: tens of megabytes per run, run after run. This one holds only `sink`,
 * which `cut()` drops when the run settles, however it settles (a cancelled or
 * crashed run's call never settles, so its job's outcome cuts it too).
 */
function progressRelay(handler: (ev: Progress) => void): { proxy: ((ev: Progress) => void) & Comlink.ProxyMarked; cut(): void } {
  const holder: { sink: ((ev: Progress) => void) | null } = { sink: handler };
  return {
    proxy: Comlink.proxy((ev: Progress) => holder.sink?.(ev)),
    cut: () => {
      holder.sink = null;
    },
  };
}

/**
 * Batch fraction and the time left: the work still to do spread over the workers. A running run
 * has its engine's estimate (`eta_s`, which for an implicit run reads where its steps fall, not
 * the simulated time); a queued run is costed by its predicted work (`work`, run-cost.ts) at the
 * wall time per unit of work of the runs seen so far (each one's elapsed time plus its own time
 * left), or, where a run's work is unknown, at their mean wall time. The mean alone, as before,
 * put the built-in comparison's time left about 2× too high: the runs start longest first, so
 * the started ones are the long ones.
 */
export function summarise(runs: RunProgress[], workers: number): BatchProgress {
  const active = runs.filter((r) => r.status !== 'cancelled' && r.status !== 'failed');
  const fraction = active.length ? active.reduce((s, r) => s + (r.status === 'done' ? 1 : r.fraction), 0) / active.length : 1;
  // Wall seconds a started run takes in all, from what it has done and its own estimate of the rest.
  const seen = active.flatMap((r) => {
    if (r.status === 'done' && r.elapsed_s > 0) return [{ wallS: r.elapsed_s, work: r.work ?? 0 }];
    if (r.status !== 'running' || !(r.fraction >= RUN_OUTPUT.eta_min_fraction.value) || !(r.elapsed_s > 0)) return [];
    return [{ wallS: r.elapsed_s + (r.eta_s ?? (r.elapsed_s * (1 - r.fraction)) / r.fraction), work: r.work ?? 0 }];
  });
  if (!seen.length) return { runs: runs.map((r) => ({ ...r })), fraction, eta_s: null };
  const meanWallS = seen.reduce((a, x) => a + x.wallS, 0) / seen.length;
  const costed = seen.filter((x) => x.work > 0);
  const perWork = costed.length ? costed.reduce((a, x) => a + x.wallS, 0) / costed.reduce((a, x) => a + x.work, 0) : 0;
  const wallOf = (r: RunProgress) => (perWork > 0 && (r.work ?? 0) > 0 ? perWork * r.work! : meanWallS);
  let remaining = 0;
  let longest = 0;
  for (const r of active) {
    if (r.status === 'running') {
      const left = r.eta_s ?? wallOf(r) * (1 - r.fraction);
      remaining += left;
      longest = Math.max(longest, left);
    } else if (r.status === 'queued') remaining += wallOf(r);
  }
  return { runs: runs.map((r) => ({ ...r })), fraction, eta_s: Math.max(longest, remaining / Math.max(1, workers)) };
}

/** An entry's predicted work, 0 when its file does not validate (the run will say why). */
function predictedWork(e: BatchEntry): number {
  try {
    const v = validateScenario(e.scenario);
    return v.ok ? predictedRunWork(v.scenario) : 0;
  } catch {
    return 0;
  }
}
