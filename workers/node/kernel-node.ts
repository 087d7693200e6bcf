/**
 * Loads the compiled kernel under Node (CLI, tests, benchmarks) — the same
 * wasm file the browser fetches.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const KERNEL_PATH = fileURLToPath(new URL('../../wasm/build/kernel.wasm', import.meta.url));

let cached: WebAssembly.Module | null = null;

export function loadKernelModule(): WebAssembly.Module {
  if (!cached) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = Uint8Array.from(readFileSync(KERNEL_PATH));
    } catch {
      throw new Error(`the solver kernel ${KERNEL_PATH} is missing; build it with: npm run build:wasm`);
    }
    cached = new WebAssembly.Module(bytes);
  }
  return cached;
}
