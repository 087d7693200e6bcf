/**
 * The batch runner the UI uses: every protocol gets a reply (result, validation
 * issues, crash or cancel), progress is summarised with an ETA, and cancelling
 * one run leaves the others running.
 */
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
});
