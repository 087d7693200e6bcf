/**
 * The simulation worker: the wasm kernels (f32 SIMD production, f64 reference) compiled once per worker, the shared
 * validator, the engine, exposed over Comlink. All logic lives in
 * simulation-service.ts; this file only wires browser-specific pieces.
 */
import * as Comlink from 'comlink';
import kernelF64Url from '../../wasm/build/kernel.wasm?url';
import kernelF32Url from '../../wasm/build/kernel-simd.wasm?url';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../engine/run.ts';
import { createSimulationService } from './simulation-service.ts';

const service = createSimulationService({
  validate: validateScenario,
  run: runScenario,
  loadKernel: async () => {
    const [f32, f64] = await Promise.all([compile(kernelF32Url), compile(kernelF64Url)]);
    return { f32, f64 };
  },
  transfer: (value, buffers) => Comlink.transfer(value, buffers),
});

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

Comlink.expose(service);
