/**
 * Loads the compiled kernels under Node (CLI, tests, benchmarks) — the same
 * wasm files the browser fetches — and the shared-memory build for thread teams.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KernelSet } from '../engine/kernel-set.ts';

const PATHS = {
  f64: fileURLToPath(new URL('../../wasm/build/kernel.wasm', import.meta.url)),
  f32: fileURLToPath(new URL('../../wasm/build/kernel-simd.wasm', import.meta.url)),
  implicit: fileURLToPath(new URL('../../wasm/build/implicit.wasm', import.meta.url)),
  f32Shared: fileURLToPath(new URL('../../wasm/build/kernel-simd-shared.wasm', import.meta.url)),
};

let cached: KernelSet | null = null;
let cachedShared: WebAssembly.Module | null = null;

function load(path: string): WebAssembly.Module {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Uint8Array.from(readFileSync(path));
  } catch {
    throw new Error(`the solver kernel ${path} is missing; build it with: npm run build:wasm`);
  }
  return new WebAssembly.Module(bytes);
}

/** Both kernels, compiled once per process. */
export function loadKernels(): KernelSet {
  cached ??= { f64: load(PATHS.f64), f32: load(PATHS.f32), implicit: load(PATHS.implicit) };
  return cached;
}

/** The shared-memory build of the f32 kernel, for thread teams (team-node.ts). */
export function loadSharedKernel(): WebAssembly.Module {
  cachedShared ??= load(PATHS.f32Shared);
  return cachedShared;
}
