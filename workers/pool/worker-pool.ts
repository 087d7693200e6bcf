/**
 * A small pool of Comlink-wrapped workers: one job per worker at a time, a FIFO
 * queue, real cancellation, and crash isolation.
 *
 * Why a pool of whole workers rather than one worker: a comparison runs one
 * protocol per worker so the protocols finish in parallel on a multi-core laptop.
 * Why `terminate()` for cancel: the engine is synchronous inside its worker, so a
 * cancel flag posted to it would sit unread in its message queue until the run
 * ended. Killing the worker is the only cancel that is immediate; the slot is then
 * refilled with a fresh worker. Comlink's pending promises are not rejected when
 * a worker dies, so every call is raced against the slot's own failure promise.
 *
 * A worker can die three ways: an uncaught error (the `error` event), a message
 * that cannot be decoded (`messageerror`), or silently: `self.close()`, or the
 * browser stopping it. Browsers fire no event for the silent case, so a worker
 * may bring an `exited` promise (simulation-pool.ts builds one from a Web Lock
 * the worker holds for its whole life); without it a silent exit would leave its
 * run waiting forever.
 */
import * as Comlink from 'comlink';

/** What the pool needs from a worker: a Comlink endpoint that can be killed. */
export interface PoolWorker extends Comlink.Endpoint {
  terminate(): void;
  /** settles with a reason when the worker has stopped by itself (or was terminated) */
  readonly exited?: Promise<string>;
}

/** The job was cancelled by the caller (queued or running). */
export class JobCancelledError extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'JobCancelledError';
  }
}

/** The worker died (uncaught error, failed module load) while running this job. */
export class WorkerCrashedError extends Error {
  constructor(detail: string) {
    super(`the simulation worker stopped unexpectedly: ${detail}`);
    this.name = 'WorkerCrashedError';
  }
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job<R> {
  readonly id: number;
  readonly promise: Promise<R>;
  readonly state: JobState;
  cancel(): void;
}

/** What a task may ask of the pool about the worker it runs on. */
export interface TaskContext {
  /**
   * Replace this worker once the task has settled, e.g. after it ran out of
   * memory: a fresh worker starts with an empty heap, a used one may not.
   */
  retireWorker(): void;
}

export type Task<Api, R> = (api: Comlink.Remote<Api>, context: TaskContext) => Promise<R>;

/** Counters for tests and diagnostics: a leak shows up as `live` not returning to 0 after cancels. */
export interface PoolStats {
  /** workers alive now (busy or idle) */
  live: number;
  busy: number;
  queued: number;
  /** workers created since the pool started */
  created: number;
  /** workers stopped by the pool (cancel, crash, replacement, close) */
  retired: number;
  /** workers that died by themselves while the pool still used them */
  crashed: number;
  /** jobs finished, failed or cancelled */
  settled: number;
}

interface JobRecord<Api> {
  id: number;
  state: JobState;
  task: Task<Api, unknown>;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  slot: Slot<Api> | null;
}

interface Slot<Api> {
  worker: PoolWorker;
  remote: Comlink.Remote<Api>;
  job: JobRecord<Api> | null;
  /** rejects the call in flight on this slot (cancel or crash) */
  abort: ((e: Error) => void) | null;
  dead: boolean;
  /** a task asked for this worker to be replaced once it is idle */
  retireWhenIdle: boolean;
}

export interface PoolOptions {
  /** upper bound on live workers; the pool grows to it only when jobs are waiting */
  maxWorkers: number;
}

/** Workers to use: never more than the cores, the jobs, or the cap. */
export function poolSizeFor(jobs: number, cap: number, cores = availableCores()): number {
  return Math.max(1, Math.min(cores, jobs, cap));
}

/** Logical cores the browser reports (2 where it does not say). */
export function availableCores(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return n && n > 0 ? n : 2;
}

export class WorkerPool<Api> {
  private readonly slots: Slot<Api>[] = [];
  private readonly queue: JobRecord<Api>[] = [];
  private nextId = 1;
  private closed = false;
  private counts = { created: 0, retired: 0, crashed: 0, settled: 0 };
  maxWorkers: number;

  constructor(
    private readonly createWorker: () => PoolWorker,
    options: PoolOptions,
  ) {
    this.maxWorkers = Math.max(1, options.maxWorkers);
  }

  /** live workers (busy or idle) */
  get workerCount(): number {
    return this.slots.length;
  }

  get busyCount(): number {
    return this.slots.filter((s) => s.job).length;
  }

  get queuedCount(): number {
    return this.queue.length;
  }

  get stats(): PoolStats {
    return { live: this.slots.length, busy: this.busyCount, queued: this.queue.length, ...this.counts };
  }

  submit<R>(task: Task<Api, R>): Job<R> {
    if (this.closed) throw new Error('worker pool is closed');
    let resolve!: (v: unknown) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<R>((res, rej) => {
      resolve = res as (v: unknown) => void;
      reject = rej;
    });
    const rec: JobRecord<Api> = {
      id: this.nextId++,
      state: 'queued',
      task: task as Task<Api, unknown>,
      resolve,
      reject,
      slot: null,
    };
    this.queue.push(rec);
    const job: Job<R> = {
      id: rec.id,
      promise,
      get state() {
        return rec.state;
      },
      cancel: () => this.cancel(rec),
    };
    this.dispatch();
    return job;
  }

  /** Run one call on an idle worker without queueing semantics (e.g. validation). */
  run<R>(task: Task<Api, R>): Promise<R> {
    return this.submit(task).promise;
  }

  /** Cancel every queued and running job. */
  cancelAll(): void {
    for (const rec of [...this.queue]) this.cancel(rec);
    for (const slot of [...this.slots]) if (slot.job) this.cancel(slot.job);
  }

  /** Stop every worker; pending jobs are cancelled. */
  close(): void {
    this.cancelAll();
    this.closed = true;
    for (const slot of [...this.slots]) this.retire(slot);
  }

  private cancel(rec: JobRecord<Api>): void {
    if (rec.state === 'queued') {
      this.queue.splice(this.queue.indexOf(rec), 1);
      rec.state = 'cancelled';
      this.counts.settled++;
      rec.reject(new JobCancelledError());
    } else if (rec.state === 'running' && rec.slot) {
      const slot = rec.slot;
      rec.state = 'cancelled';
      // Kill first so the computation stops now, then settle the caller's promise.
      this.retire(slot);
      slot.abort?.(new JobCancelledError());
      this.dispatch();
    }
  }

  private spawn(): Slot<Api> {
    const worker = this.createWorker();
    this.counts.created++;
    const slot: Slot<Api> = {
      worker,
      remote: Comlink.wrap<Api>(worker),
      job: null,
      abort: null,
      dead: false,
      retireWhenIdle: false,
    };
    const onCrash = (detail: string) => {
      if (slot.dead) return;
      this.counts.crashed++;
      const rec = slot.job;
      this.retire(slot);
      if (rec) {
        rec.state = 'failed';
        slot.abort?.(new WorkerCrashedError(detail));
      }
      this.dispatch();
    };
    worker.addEventListener('error', ((ev: Event) => onCrash(describeErrorEvent(ev))) as EventListener);
    worker.addEventListener('messageerror', ((ev: Event) => onCrash(describeErrorEvent(ev))) as EventListener);
    // After our own terminate() the slot is already dead and this is ignored.
    worker.exited?.then(onCrash, () => undefined);
    this.slots.push(slot);
    return slot;
  }

  private retire(slot: Slot<Api>): void {
    if (slot.dead) return;
    slot.dead = true;
    this.counts.retired++;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    try {
      slot.worker.terminate();
    } catch {
      /* already gone */
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => !s.job && !s.dead);
      if (!slot) {
        if (this.slots.length >= this.maxWorkers) return;
        slot = this.spawn();
      }
      const rec = this.queue.shift()!;
      this.start(slot, rec);
    }
  }

  private start(slot: Slot<Api>, rec: JobRecord<Api>): void {
    rec.state = 'running';
    rec.slot = slot;
    slot.job = rec;
    const aborted = new Promise<never>((_, rej) => {
      slot.abort = rej;
    });
    const context: TaskContext = {
      retireWorker: () => {
        slot.retireWhenIdle = true;
      },
    };
    let call: Promise<unknown>;
    try {
      call = Promise.resolve(rec.task(slot.remote, context));
    } catch (e) {
      call = Promise.reject(e);
    }
    Promise.race([call, aborted]).then(
      (value) => {
        this.finish(slot, rec);
        rec.state = 'done';
        rec.resolve(value);
      },
      (err: unknown) => {
        this.finish(slot, rec);
        if (rec.state === 'running') rec.state = 'failed';
        rec.reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
    // The race may leave `call` pending forever after a cancel; swallow its late outcome.
    call.catch(() => undefined);
  }

  private finish(slot: Slot<Api>, rec: JobRecord<Api>): void {
    if (slot.job === rec) {
      slot.job = null;
      slot.abort = null;
      if (slot.retireWhenIdle) this.retire(slot);
    }
    rec.slot = null;
    this.counts.settled++;
    queueMicrotask(() => this.dispatch());
  }
}

function describeErrorEvent(ev: Event): string {
  const e = ev as ErrorEvent;
  if (e && typeof e.message === 'string' && e.message) return e.message;
  if (ev && ev.type === 'messageerror') return 'a message could not be decoded';
  return 'worker error (see the browser console)';
}

/**
 * Calls `fn` at most once per `intervalMs`, always delivering the latest value
 * (trailing call), because each progress report is a cross-thread round trip
 * and a re-render.
 */
export function throttle<T>(fn: (v: T) => void, intervalMs: number, now = () => Date.now()) {
  let last = -Infinity;
  let pending: { v: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    if (!pending) return;
    const { v } = pending;
    pending = null;
    last = now();
    fn(v);
  };
  const throttled = (v: T) => {
    pending = { v };
    const wait = last + intervalMs - now();
    if (wait <= 0) {
      if (timer) clearTimeout(timer);
      fire();
    } else if (!timer) {
      timer = setTimeout(fire, wait);
    }
  };
  /** deliver a pending value now (e.g. the final 100 %) */
  throttled.flush = () => {
    if (timer) clearTimeout(timer);
    fire();
  };
  throttled.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
