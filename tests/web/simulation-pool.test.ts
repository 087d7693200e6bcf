/**
 * The batch runner the UI uses: every protocol gets a reply (result, validation
 * issues, crash, silent exit, out of memory or cancel), progress is summarised
 * with an ETA, cancelling one run leaves the others running, and fifty runs in a
 * row hold no more memory than ten (real threads, frames transferred each time).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulationPool, summarise, type BatchProgress } from '../../workers/pool/simulation-pool.ts';
import { nodePoolWorker } from './node-pool-worker.ts';

const url = new URL('./fixtures/fake-simulation-worker.mjs', import.meta.url);
let sim: SimulationPool | null = null;
afterEach(() => sim?.close());

const scenario = (name: string) => ({ id: name, scenario: { name } as never });

describe('SimulationPool.runBatch', () => {
  it('returns one reply per protocol, including invalid ones and crashes', async () => {
    sim = new SimulationPool(nodePoolWorker(url), 2);
    const order: string[] = [];
    const batch = sim.runBatch([scenario('a'), scenario('invalid'), scenario('crash'), scenario('b')], {
      frames: false,
      progressIntervalS: 0.05,
      onReply: (id) => order.push(id),
    });
    const replies = await batch.promise;
    expect(replies.get('a')!.ok).toBe(true);
    expect(replies.get('b')!.ok).toBe(true);
    const inv = replies.get('invalid')!;
    expect(inv.ok).toBe(false);
    if (!inv.ok) expect(inv.issues[0].path).toBe('protocol[0].duration_s');
    const crash = replies.get('crash')!;
    if (!crash.ok) expect(crash.message).toMatch(/wasm trap/);
    else expect.unreachable('crash should fail');
    expect(order.sort()).toEqual(['a', 'b', 'crash', 'invalid']);
  });

  it('reports throttled progress and cancels one run without the others', async () => {
    sim = new SimulationPool(nodePoolWorker(url), 2);
    const events: BatchProgress[] = [];
    const batch = sim.runBatch([scenario('slow'), scenario('b')], {
      frames: false,
      progressIntervalS: 0.1,
      onProgress: (p) => events.push(p),
    });
    await new Promise((r) => setTimeout(r, 600));
    batch.cancel('slow');
    const replies = await batch.promise;
    expect(replies.get('b')!.ok).toBe(true);
    const slow = replies.get('slow')!;
    expect(slow.ok).toBe(false);
    if (!slow.ok) expect(slow.message).toBe('cancelled');
    const last = events.at(-1)!;
    expect(last.runs.find((r) => r.id === 'slow')!.status).toBe('cancelled');
    // ~1 event per 100 ms, not one per engine step (2000)
    expect(events.length).toBeLessThan(30);
    const mid = events.find((e) => e.runs.some((r) => r.status === 'running' && r.fraction > 0.05));
    expect(mid?.eta_s).not.toBeNull();
  });
});

describe('SimulationPool failures and memory', () => {
  it('a worker that ends silently or runs out of memory fails only its own run and is replaced', async () => {
    sim = new SimulationPool(nodePoolWorker(url), 1);
    const batch = sim.runBatch([scenario('a'), scenario('exit'), scenario('oom'), scenario('b')], { frames: false, progressIntervalS: 0.05 });
    const replies = await batch.promise;
    const text = (id: string) => {
      const r = replies.get(id)!;
      return r.ok ? 'ok' : r.message;
    };
    expect(text('a')).toBe('ok');
    expect(text('exit')).toMatch(/stopped unexpectedly.*exited/);
    expect(text('oom')).toMatch(/out of memory/);
    expect(text('b')).toBe('ok');
    // One worker at a time: the first died, the second was retired after its out-of-memory reply.
    const threads = ['a', 'b'].map((id) => (replies.get(id) as unknown as { result: { threadId: number } }).result.threadId);
    expect(threads[0]).not.toBe(threads[1]);
    expect(sim.stats).toMatchObject({ created: 3, crashed: 1, live: 1 });
  });

  it('memory stays flat over 50 consecutive runs with map frames', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const used = async () => {
      // Array buffer backing stores are swept after the collection, on a background task.
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 20));
      }
      const m = process.memoryUsage();
      // Transferred buffers count as "external" in Node (backing stores that came from another thread).
      return m.heapUsed + m.external;
    };
    sim = new SimulationPool(nodePoolWorker(url), 1);
    let afterTen = 0;
    for (let i = 1; i <= 50; i++) {
      const replies = await sim.runBatch([scenario('big')], { frames: true, progressIntervalS: 0.05 }).promise;
      const r = replies.get('big')!;
      expect(r.ok && r.frames!.temperatures_c).toHaveLength(100);
      if (i === 10) afterTen = await used();
    }
    const growth = (await used()) - afterTen;
    // Each run brings 4 MB of frames: keeping even a tenth of the last 40 would add 16 MB.
    expect(growth).toBeLessThan(8e6);
    expect(sim.stats).toMatchObject({ live: 1, created: 1, busy: 0, queued: 0, settled: 50 });
  });
});

describe('summarise', () => {
  it('spreads remaining work over the workers', () => {
    const base = { time_s: 0, total_s: 0, phase: '' };
    const p = summarise(
      [
        { id: 'a', status: 'running', fraction: 0.5, elapsed_s: 10, eta_s: 10, ...base },
        { id: 'b', status: 'queued', fraction: 0, elapsed_s: 0, eta_s: null, ...base },
      ],
      1,
    );
    expect(p.fraction).toBeCloseTo(0.25);
    expect(p.eta_s).toBeCloseTo(30);
  });

  it('costs a queued run by its predicted work at the rate of the runs seen', () => {
    const base = { time_s: 0, total_s: 0, phase: '' };
    // a: 10 s done, 10 s left, 2e9 of work: 1e-8 s per unit; b is half its work, c twice.
    const runs = [
      { id: 'a', status: 'running' as const, fraction: 0.5, elapsed_s: 10, eta_s: 10, work: 2e9, ...base },
      { id: 'b', status: 'queued' as const, fraction: 0, elapsed_s: 0, eta_s: null, work: 1e9, ...base },
      { id: 'c', status: 'queued' as const, fraction: 0, elapsed_s: 0, eta_s: null, work: 4e9, ...base },
    ];
    expect(summarise(runs, 1).eta_s).toBeCloseTo(10 + 10 + 40);
    expect(summarise(runs, 2).eta_s).toBeCloseTo((10 + 10 + 40) / 2);
    // A queued run whose work is unknown (its file does not validate) costs the mean of the runs seen.
    expect(summarise([runs[0], { ...runs[1], work: 0 }], 1).eta_s).toBeCloseTo(10 + 20);
  });

  it('reads a running implicit run\'s total from its own time left, not its simulated time', () => {
    const base = { time_s: 0, total_s: 0, phase: '' };
    // 20 % of the simulated time in 8 s, but its engine says 2 s are left: 10 s in all, so b (same work) costs 10 s, not 40.
    const p = summarise(
      [
        { id: 'a', status: 'running', fraction: 0.2, elapsed_s: 8, eta_s: 2, work: 1e9, ...base },
        { id: 'b', status: 'queued', fraction: 0, elapsed_s: 0, eta_s: null, work: 1e9, ...base },
      ],
      1,
    );
    expect(p.eta_s).toBeCloseTo(12);
  });
});
