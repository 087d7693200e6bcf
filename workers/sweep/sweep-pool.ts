/**
 * Runs sweep scenarios on `node:worker_threads`, one scenario per task and one task per
 * thread at a time, reporting each outcome as soon as it arrives. A thread that dies
 * (out of memory, a crash in the engine) costs only its current run, which is reported as
 * an error, and is replaced. `terminate()` stops everything at once (Ctrl-C): a run is
 * synchronous inside its thread, so killing the thread is the only immediate stop.
 * Idle threads are let go so the process can exit, unless `keepIdle` (the optimiser runs one
 * small ensemble per candidate, and a thread start costs a TypeScript loader start-up); then
 * `terminate()` ends them.
 */
import { Worker } from 'node:worker_threads';
import type { Result, Scenario } from '../../scenarios/schema.ts';
import type { SummaryValue } from './sweep-columns.ts';

export interface WorkerTask {
  index: number;
  scenario: Scenario;
  /** answer with the whole result (cryo compare) instead of the sweep's summary row */
  full?: boolean;
}

export type WorkerReply =
  | { index: number; row: Record<string, SummaryValue> }
  | { index: number; result: Result }
  | { index: number; error: string };

const WORKER_ENTRY = new URL('./sweep-worker.mjs', import.meta.url);

/** Exit codes of a process ended by a signal, as shells report them (128 + signal number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT;

/** What the pool reports for a task whose thread died. */
export interface LostTask {
  index: number;
  error: string;
}

interface Slot<Task> {
  worker: Worker;
  task: Task | null;
  /** let go for want of work: its exit is no loss */
  retired: boolean;
}

/** Other thread programs (cryo ensemble) pass their own entry, task and reply types. */
export class SweepPool<Task extends { index: number } = WorkerTask, Reply extends { index: number } = WorkerReply> {
  private readonly queue: Task[] = [];
  private readonly slots = new Set<Slot<Task>>();
  private pending = 0;
  private stopped = false;
  private settle: (() => void) | null = null;

  constructor(
    private readonly threads: number,
    private readonly onReply: (reply: Reply | LostTask) => void,
    private readonly entry: URL = WORKER_ENTRY,
    private readonly keepIdle = false,
  ) {}

  /** Runs every task; resolves when all have an outcome (or the pool was terminated). */
  run(tasks: Task[]): Promise<void> {
    this.queue.push(...tasks);
    this.pending += tasks.length;
    const done = new Promise<void>((resolve) => (this.settle = resolve));
    if (this.pending === 0) this.finish();
    for (const slot of this.slots) if (!slot.task) this.feed(slot);
    while (this.slots.size < this.threads && this.queue.length > 0) this.feed(this.spawn());
    return done;
  }

  /**
   * Runs every task like run(), but the first SIGINT or SIGTERM stops the threads (outcomes
   * reported so far stand) and a second exits at once, without waiting for the threads.
   * Resolves with the signal that stopped it, or null when every task has an outcome.
   */
  async runStoppable(tasks: Task[]): Promise<StopSignal | null> {
    let signalled: StopSignal | null = null;
    const onSignal = (signal: StopSignal) => {
      if (signalled) process.exit(SIGNAL_EXIT[signal]);
      signalled = signal;
      void this.terminate();
    };
    const onInt = () => onSignal('SIGINT');
    const onTerm = () => onSignal('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    try {
      await this.run(tasks);
    } finally {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    }
    return signalled;
  }

  async terminate(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
    this.finish();
  }

  private spawn(): Slot<Task> {
    const slot: Slot<Task> = { worker: new Worker(this.entry), task: null, retired: false };
    this.slots.add(slot);
    slot.worker.on('message', (reply: Reply) => {
      slot.task = null;
      this.deliver(reply);
      this.feed(slot);
    });
    // 'error' (an uncaught exception) is followed by 'exit'; report the reason once, on 'error'.
    let reason = '';
    slot.worker.on('error', (e) => (reason = e instanceof Error ? e.message : String(e)));
    slot.worker.on('exit', (code) => {
      this.slots.delete(slot);
      if (this.stopped || slot.retired) return;
      const lost = slot.task;
      if (lost) this.deliver({ index: lost.index, error: `the worker thread stopped (${reason || `exit code ${code}`})` });
      if (this.queue.length > 0) this.feed(this.spawn());
    });
    return slot;
  }

  private feed(slot: Slot<Task>): void {
    const next = this.queue.shift();
    if (!next) {
      if (this.keepIdle) return;
      slot.retired = true;
      this.slots.delete(slot);
      void slot.worker.terminate();
      return;
    }
    slot.task = next;
    slot.worker.postMessage(next);
  }

  private deliver(reply: Reply | LostTask): void {
    if (this.stopped) return;
    this.onReply(reply);
    if (--this.pending === 0) this.finish();
  }

  private finish(): void {
    const settle = this.settle;
    this.settle = null;
    settle?.();
  }
}
