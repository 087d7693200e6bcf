/**
 * The simulation worker: the wasm kernels (f32 SIMD production, f64 reference) compiled once per worker, the shared
 * validator, the engine, exposed over Comlink. All logic lives in
 * simulation-service.ts; this file only wires browser-specific pieces: the
 * life lock the pool watches to notice a silent exit, and the crashes the
 * reliability tests inject.
 */
import * as Comlink from 'comlink';
import kernelF64Url from '../../wasm/build/kernel.wasm?url';
import kernelF32Url from '../../wasm/build/kernel-simd.wasm?url';
import kernelImplicitUrl from '../../wasm/build/implicit.wasm?url';
import kernelSharedUrl from '../../wasm/build/kernel-simd-shared.wasm?url';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../engine/run.ts';
import { createSimulationService, type CrashKind, type SimulationApi } from './simulation-service.ts';
import { LIFE_LOCK_MESSAGE, lifeLockName } from './life-lock.ts';
import { createBrowserTeam } from './team-browser.ts';

declare const self: DedicatedWorkerGlobalScope;

// Held until this worker ends, however it ends; the page is told the name once it is held,
// and its own request for the same lock is granted exactly when the worker is gone.
if (typeof navigator !== 'undefined' && navigator.locks && self.name) {
  const name = lifeLockName(self.name);
  void navigator.locks.request(name, () => {
    self.postMessage({ [LIFE_LOCK_MESSAGE]: name });
    return new Promise<never>(() => undefined);
  });
}

const service = createSimulationService({
  validate: validateScenario,
  run: runScenario,
  loadKernel: async () => {
    const [f32, f64, implicit] = await Promise.all([compile(kernelF32Url), compile(kernelF64Url), compile(kernelImplicitUrl)]);
    return { f32, f64, implicit };
  },
  transfer: (value, buffers) => Comlink.transfer(value, buffers),
  injectCrash,
  // Helpers only where memory can be shared; the shared kernel is compiled on first use.
  createTeam: async (threads) => (self.crossOriginIsolated ? createBrowserTeam(threads, await (sharedKernel ??= compile(kernelSharedUrl))) : null),
});

let sharedKernel: Promise<WebAssembly.Module> | null = null;

async function compile(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // A host that serves .wasm without application/wasm breaks compileStreaming only.
  const fallback = response.clone();
  try {
    return await WebAssembly.compileStreaming(response);
  } catch {
    return WebAssembly.compile(await fallback.arrayBuffer());
  }
}

/** Tests only (RunRequest.faultInjection): the ways a real worker dies or runs out of memory. */
async function injectCrash(kind: CrashKind): Promise<never> {
  if (kind === 'oom') {
    // A grid too large for the tab fails exactly here: the kernel hosts size one
    // WebAssembly.Memory per run. Reserve 4 GiB memories until the browser refuses
    // (about a hundred; address space only, nothing is written), then let go.
    let held: WebAssembly.Memory[] = [];
    try {
      for (let i = 0; i < 10_000; i++) held.push(new WebAssembly.Memory({ initial: 65536 }));
    } finally {
      held = [];
    }
    throw new RangeError('WebAssembly.Memory(): could not allocate memory (the test could not exhaust it)');
  }
  if (kind === 'close') self.close();
  // Outside any Comlink handler, so nothing catches it: the worker's `error` event fires.
  else setTimeout(() => {
    throw new Error('injected fault: an uncaught error in the simulation worker');
  });
  return new Promise<never>(() => undefined);
}

// Release each run's progress callback when the run ends, so the page closes its end of the
// channel now rather than whenever this worker's garbage collector gets to it.
Comlink.expose({
  ...service,
  async run(request, onProgress) {
    try {
      return await service.run(request, onProgress);
    } finally {
      (onProgress as Partial<Comlink.Remote<unknown>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
} satisfies SimulationApi);
