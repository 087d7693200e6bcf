/**
 * Worker threads that stay up for a whole search: the optimiser runs one small ensemble per
 * candidate, and starting threads anew for each (the sweep pool lets idle threads go) would
 * cost a TypeScript loader start-up per candidate. A thread that dies fails its task with the
 * reason and is replaced. close() ends them all.
 */
import { Worker } from 'node:worker_threads';
import type { EnsembleReply, EnsembleTask } from '../ensemble/member-run.ts';
// One definition of the entry, so the CLI bundle resolves it to its built worker.
import { WORKER_ENTRY } from '../ensemble/run-ensemble.ts';

interface Slot {
  worker: Worker;
  task: EnsembleTask | null;
}

export class ThreadPool {
  private readonly slots: Slot[] = [];
  private queue: EnsembleTask[] = [];
  private replies = new Map<number, EnsembleReply>();
  private pending = 0;
  private settle: (() => void) | null = null;
  private closed = false;

  constructor(private readonly threads: number) {}

  /** Runs the tasks (indices 0…n−1) and returns their replies in task order. */
  async run(tasks: EnsembleTask[]): Promise<EnsembleReply[]> {
    this.queue = [...tasks];
    this.replies = new Map();
    this.pending = tasks.length;
    const done = new Promise<void>((resolve) => (this.settle = resolve));
    if (this.pending === 0) this.finish();
    while (this.slots.length < Math.min(this.threads, tasks.length)) this.slots.push(this.spawn());
    for (const slot of this.slots) if (!slot.task) this.feed(slot);
    await done;
    return tasks.map((t) => this.replies.get(t.index)!);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(WORKER_ENTRY), task: null };
    slot.worker.on('message', (reply: EnsembleReply) => {
      slot.task = null;
      this.deliver(reply);
      this.feed(slot);
    });
    let reason = '';
    slot.worker.on('error', (e) => (reason = e instanceof Error ? e.message : String(e)));
    slot.worker.on('exit', (code) => {
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const lost = slot.task;
      if (lost) this.deliver({ index: lost.index, error: `the worker thread stopped (${reason || `exit code ${code}`})` });
      if (this.queue.length > 0) {
        const fresh = this.spawn();
        this.slots.push(fresh);
        this.feed(fresh);
      }
    });
    return slot;
  }

  private feed(slot: Slot): void {
    const next = this.queue.shift();
    if (!next) return; // stays up, idle, for the next candidate
    slot.task = next;
    slot.worker.postMessage(next);
  }

  private deliver(reply: EnsembleReply): void {
    this.replies.set(reply.index, reply);
    if (--this.pending === 0) this.finish();
  }

  private finish(): void {
    const settle = this.settle;
    this.settle = null;
    settle?.();
  }
}
