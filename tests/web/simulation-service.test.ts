/**
 * The worker's logic with a fake engine: validation issues come back as data,
 * engine input errors keep their paths, crashes become messages, a numerical
 * fault keeps the engine's explanation, an allocation failure asks for a fresh
 * worker, test-only faults reach the engine, and frames are copied into their
 * own buffers (Chromium cannot transfer wasm memory).
 */
import { describe, expect, it, vi } from 'vitest';
import { createSimulationService, isOutOfMemory, ownFrames, type ServiceDeps } from '../../workers/pool/simulation-service.ts';
import { frameIndices } from '../../workers/engine/run-output.ts';
import { NumericalFaultError, type FieldFrames } from '../../workers/engine/run-types.ts';

const okValidate: ServiceDeps['validate'] = (input) => ({ ok: true, scenario: input as never, issues: [] });
const request = { scenario: { name: 's' } as never, frames: true, progressIntervalS: 0.1 };

function deps(over: Partial<ServiceDeps>): ServiceDeps {
  return {
    validate: okValidate,
    run: () => ({ result: { scenario: 's' } as never }),
    loadKernel: async () => ({}) as WebAssembly.Module,
    ...over,
  };
}

describe('simulation service', () => {
  it('returns validation issues without running', async () => {
    const run = vi.fn();
    const svc = createSimulationService(
      deps({ validate: () => ({ ok: false, issues: [{ path: 'geometry.spacing_mm', message: 'must be > 0' }] }), run }),
    );
    const reply = await svc.run(request);
    expect(reply).toMatchObject({ ok: false, kind: 'invalid', issues: [{ path: 'geometry.spacing_mm' }] });
    expect(run).not.toHaveBeenCalled();
  });

  it('keeps the paths of an engine input error', async () => {
    const err = Object.assign(new Error('dt above stability limit'), {
      name: 'ScenarioInputError',
      issues: [{ path: 'solver.dt_s', message: 'above the stability limit 0.05 s' }],
    });
    const svc = createSimulationService(deps({ run: () => { throw err; } }));
    expect(await svc.run(request)).toMatchObject({ ok: false, kind: 'invalid', issues: [{ path: 'solver.dt_s' }] });
  });

  it('turns an engine crash into a message and compiles the kernel once', async () => {
    const loadKernel = vi.fn(async () => ({}) as WebAssembly.Module);
    let n = 0;
    const svc = createSimulationService(
      deps({
        loadKernel,
        run: () => {
          if (n++ === 0) throw new RangeError('memory access out of bounds');
          return { result: { scenario: 's' } as never };
        },
      }),
    );
    const bad = await svc.run(request);
    expect(bad).toMatchObject({ ok: false, kind: 'error' });
    if (!bad.ok) expect(bad.message).toMatch(/out of bounds/);
    expect((await svc.run(request)).ok).toBe(true);
    expect(loadKernel).toHaveBeenCalledTimes(1);
  });

  it('a numerical fault reaches the reply with the engine\'s where, when and likely cause', async () => {
    const text =
      'the temperature became -9000.0 °C at r = 1.25 mm, depth 20.25 mm after 3.00 s, which is physically impossible; the run was stopped. Likely cause: the fixed time step solver.dt_s = 5 s';
    const svc = createSimulationService(deps({ run: () => { throw new NumericalFaultError(text); } }));
    const reply = await svc.run(request);
    expect(reply).toMatchObject({ ok: false, kind: 'error', issues: [] });
    if (!reply.ok) {
      expect(reply.message).toBe(`numerical fault: ${text}`);
      expect(reply.replaceWorker).toBeUndefined();
    }
  });

  it('an allocation failure says "out of memory", suggests a coarser grid and asks for a fresh worker', async () => {
    const svc = createSimulationService(
      deps({ run: () => { throw new RangeError('WebAssembly.Memory(): could not allocate memory'); } }),
    );
    const reply = await svc.run(request);
    expect(reply).toMatchObject({ ok: false, kind: 'error', replaceWorker: true });
    if (!reply.ok) expect(reply.message).toMatch(/^out of memory: .*could not allocate memory.*geometry\.spacing_mm/);
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    // A RangeError that is a bug, not memory, stays an ordinary failure.
    expect(isOutOfMemory(new RangeError('Invalid array length'))).toBe(false);
  });

  it('passes test-only faults on: dtScale to the engine, crashes to the worker hook', async () => {
    const run = vi.fn<ServiceDeps['run']>(() => ({ result: { scenario: 's' } as never }));
    const injectCrash = vi.fn(async (kind: string): Promise<never> => {
      throw new RangeError(`WebAssembly.Memory(): could not allocate memory (${kind})`);
    });
    const svc = createSimulationService(deps({ run, injectCrash }));
    await svc.run({ ...request, maxFrames: 150, faultInjection: { dtScale: 10 } });
    // maxFrames goes to the engine too: it bounds memory while the run is going, not only after.
    expect(run.mock.calls[0][2]).toMatchObject({ maxFrames: 150, faultInjection: { dtScale: 10 } });
    // Without faults the engine gets no fault option at all.
    await svc.run(request);
    expect(run.mock.calls[1][2]).not.toHaveProperty('faultInjection');
    const oom = await svc.run({ ...request, faultInjection: { crash: 'oom' } });
    expect(injectCrash).toHaveBeenCalledWith('oom');
    expect(oom).toMatchObject({ ok: false, replaceWorker: true });
    expect(run).toHaveBeenCalledTimes(2);
    // A service without the hook says so instead of pretending.
    const bare = await createSimulationService(deps({})).run({ ...request, faultInjection: { crash: 'close' } });
    if (!bare.ok) expect(bare.message).toMatch(/not available/);
    else expect.unreachable('a crash without a hook must not succeed');
  });

  it('reports a kernel that fails to load', async () => {
    const svc = createSimulationService(deps({ loadKernel: async () => { throw new Error('404'); } }));
    const r = await svc.run(request);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/kernel.*404/);
  });

  it('passes progress through and copies frames into their own buffers before transfer', async () => {
    const memory = new Float32Array(100);
    const frames: FieldFrames = {
      nx: 2, nz: 2, spacing_mm: 1, x0_mm: 0.5, z0_mm: 0.5, times_s: [0, 10],
      temperatures_c: [memory.subarray(0, 4), memory.subarray(4, 8)],
      cell_kind: new Uint8Array(4),
    };
    const transfer = vi.fn(<T>(v: T, _buffers: Transferable[]) => v);
    const seen: number[] = [];
    const svc = createSimulationService(
      deps({
        transfer: transfer as ServiceDeps["transfer"],
        run: (_s, _k, opts) => {
          opts!.onProgress!({ fraction: 0.5, time_s: 1, total_s: 2, elapsed_s: 1, eta_s: 1, phase: 'freeze' });
          opts!.onProgress!({ fraction: 1, time_s: 2, total_s: 2, elapsed_s: 2, eta_s: 0, phase: 'freeze' });
          return { result: { scenario: 's' } as never, frames };
        },
      }),
    );
    const reply = await svc.run(request, (p) => seen.push(p.fraction));
    expect(seen).toEqual([0.5, 1]);
    expect(reply.ok).toBe(true);
    if (reply.ok) {
      expect(reply.frames!.temperatures_c[1].buffer).not.toBe(memory.buffer);
      expect(reply.frames!.temperatures_c[1].buffer.byteLength).toBe(16);
    }
    expect(transfer.mock.calls[0][1]).toHaveLength(3);
    expect(ownFrames(frames).temperatures_c[0].byteOffset).toBe(0);
  });

  it('thins snapshots evenly, keeping the first and last', () => {
    expect(frameIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(frameIndices(181, 150)).toHaveLength(150);
    expect(frameIndices(181, 150).at(-1)).toBe(180);
    expect(frameIndices(11, 3)).toEqual([0, 5, 10]);
  });
});
