/**
 * The simulation worker: one wasm kernel compiled once per worker, the shared
 * validator, the engine, exposed over Comlink. All logic lives in
 * simulation-service.ts; this file only wires browser-specific pieces.
 */
import * as Comlink from 'comlink';
import kernelUrl from '../../wasm/build/kernel.wasm?url';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../engine/run.ts';
import { createSimulationService } from './simulation-service.ts';

const service = createSimulationService({
  validate: validateScenario,
  run: runScenario,
  loadKernel: async () => {
    const response = await fetch(kernelUrl);
    if (!response.ok) throw new Error(`kernel.wasm: HTTP ${response.status}`);
    // A host that serves .wasm without application/wasm breaks compileStreaming only.
    const fallback = response.clone();
    try {
      return await WebAssembly.compileStreaming(response);
    } catch {
      return WebAssembly.compile(await fallback.arrayBuffer());
    }
  },
  transfer: (value, buffers) => Comlink.transfer(value, buffers),
});

Comlink.expose(service);
