/**
 * The worker pool against real Node threads: parallelism up to the cap, FIFO
 * queue, throttled progress, cancel that really stops a busy worker, errors
 * that fail only their job, recovery after a crash or a silent exit, workers
 * replaced on request, and no thread left behind by many cancels in a row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import type { Worker } from 'node:worker_threads';
import { JobCancelledError, poolSizeFor, throttle, WorkerCrashedError, WorkerPool } from '../../workers/pool/worker-pool.ts';
import { estimateEtaS } from '../../workers/engine/run-output.ts';
import { nodePoolWorker } from './node-pool-worker.ts';

interface TestApi {
  threadId(): number;
  echo<T>(x: T): T;
  work(steps: number, stepMs: number, onProgress?: (p: { fraction: number }) => void): { steps: number; threadId: number };
  fail(message: string): never;
  crash(): Promise<never>;
  exit(): Promise<never>;
}

const workerUrl = new URL('./fixtures/pool-test-worker.mjs', import.meta.url);
let pool: WorkerPool<TestApi> | null = null;
afterEach(() => pool?.close());

function makePool(maxWorkers: number, created?: Worker[]) {
  pool = new WorkerPool<TestApi>(nodePoolWorker(workerUrl, created), { maxWorkers });
  return pool;
}

describe('poolSizeFor', () => {
  it('never exceeds cores, jobs or cap', () => {
    expect(poolSizeFor(8, 4, 2)).toBe(2);
    expect(poolSizeFor(1, 4, 16)).toBe(1);
    expect(poolSizeFor(10, 3, 16)).toBe(3);
    expect(poolSizeFor(0, 3, 16)).toBe(1);
  });
});

describe('WorkerPool', () => {
  it('runs jobs in parallel up to the cap and queues the rest', async () => {
    const p = makePool(2);
    const jobs = [0, 1, 2].map(() => p.submit((api) => api.work(5, 20)));
    expect(p.workerCount).toBe(2);
    expect(jobs[2].state).toBe('queued');
    const results = await Promise.all(jobs.map((j) => j.promise));
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
  });

  it('delivers progress from inside a synchronous run', async () => {
    const p = makePool(1);
    const seen: number[] = [];
    await p.run((api) => api.work(4, 10, Comlink.proxy((ev: { fraction: number }) => void seen.push(ev.fraction))));
    // Callbacks are posted during the busy loop and arrive in order.
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('cancel stops a busy worker at once, replaces it, and the pool goes on', async () => {
    const created: Worker[] = [];
    const p = makePool(1, created);
    const first = await p.run((api) => api.threadId());
    const long = p.submit((api) => api.work(1000, 10)); // 10 s if not stopped
    const queued = p.submit((api) => api.threadId());
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    long.cancel();
    await expect(long.promise).rejects.toBeInstanceOf(JobCancelledError);
    expect(long.state).toBe('cancelled');
    const next = await queued.promise;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(next).not.toBe(first); // a fresh worker took the slot
    expect(created.length).toBe(2);
  });

  it('cancelling a queued job never starts it', async () => {
    const p = makePool(1);
    const running = p.submit((api) => api.work(5, 10));
    const queued = p.submit((api) => api.echo('never'));
    queued.cancel();
    await expect(queued.promise).rejects.toBeInstanceOf(JobCancelledError);
    await running.promise;
    expect(queued.state).toBe('cancelled');
  });

  it('an error thrown in a job fails only that job', async () => {
    const p = makePool(2);
    const bad = p.submit((api) => api.fail('bad input at protocol[0]'));
    const good = p.submit((api) => api.echo(42));
    await expect(bad.promise).rejects.toThrow('bad input at protocol[0]');
    expect(await good.promise).toBe(42);
    expect(await p.run((api) => api.echo('still working'))).toBe('still working');
  });

  it('a crashed worker fails its job with a message and is replaced', async () => {
    const p = makePool(1);
    const crash = p.submit((api) => api.crash());
    await expect(crash.promise).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(crash.promise).rejects.toThrow(/boom/);
    expect(await p.run((api) => api.echo('recovered'))).toBe('recovered');
  });

  it('a worker that ends without an error (self.close) fails its job and is replaced', async () => {
    const p = makePool(1);
    const gone = p.submit((api) => api.exit());
    await expect(gone.promise).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(gone.promise).rejects.toThrow(/exited/);
    expect(gone.state).toBe('failed');
    expect(await p.run((api) => api.echo('next'))).toBe('next');
    expect(p.stats).toMatchObject({ live: 1, created: 2, crashed: 1 });
  });

  it('a task can ask for its worker to be replaced once it is done', async () => {
    const p = makePool(1);
    const first = await p.run(async (api, context) => {
      context.retireWorker();
      return api.threadId();
    });
    expect(p.stats.live).toBe(0);
    const second = await p.run((api) => api.threadId());
    expect(second).not.toBe(first);
    expect(p.stats).toMatchObject({ created: 2, retired: 1, crashed: 0 });
  });

  it('twenty start-and-cancel cycles leave no thread behind', async () => {
    const created: Worker[] = [];
    const p = makePool(2, created);
    for (let i = 0; i < 20; i++) {
      const job = p.submit((api) => api.work(1000, 10));
      await new Promise((r) => setTimeout(r, 5));
      job.cancel();
      await expect(job.promise).rejects.toBeInstanceOf(JobCancelledError);
    }
    expect(p.stats).toMatchObject({ live: 0, busy: 0, queued: 0, created: 20, retired: 20, settled: 20 });
    // Every thread really ended (terminate is asynchronous in Node; its exit event follows).
    await Promise.all(created.map((w) => (w.threadId === -1 ? null : new Promise((r) => w.once('exit', r)))));
    expect(created.every((w) => w.threadId === -1)).toBe(true);
    expect(await p.run((api) => api.echo('still fine'))).toBe('still fine');
    expect(p.stats.live).toBe(1);
  });

  it('cancelAll rejects queued and running jobs', async () => {
    const p = makePool(1);
    const a = p.submit((api) => api.work(1000, 10));
    const b = p.submit((api) => api.echo(1));
    await new Promise((r) => setTimeout(r, 50));
    p.cancelAll();
    await expect(a.promise).rejects.toBeInstanceOf(JobCancelledError);
    await expect(b.promise).rejects.toBeInstanceOf(JobCancelledError);
    expect(await p.run((api) => api.echo(2))).toBe(2);
  });
});

describe('throttle and ETA', () => {
  it('limits calls and always delivers the latest value', async () => {
    let t = 0;
    const got: number[] = [];
    const f = throttle((v: number) => got.push(v), 100, () => t);
    f(1);
    f(2);
    f(3);
    expect(got).toEqual([1]);
    t = 150;
    f.flush();
    expect(got).toEqual([1, 3]);
    f.cancel();
  });

  it('estimates time left at a constant rate and refuses to guess too early', () => {
    expect(estimateEtaS(0.5, 10)).toBeCloseTo(10);
    expect(estimateEtaS(0.25, 10)).toBeCloseTo(30);
    expect(estimateEtaS(0.01, 10)).toBeNull();
    expect(estimateEtaS(1, 10)).toBe(0);
  });
});
