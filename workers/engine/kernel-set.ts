/**
 * Which compiled kernel runs a scenario. `f32` (SIMD, the default) is the fast
 * production kernel; `f64` (scalar) is the reference that also closes the full
 * energy balance. Callers pass both modules, or one module whose kind is detected.
 */
export type Precision = 'f32' | 'f64';

export interface KernelSet {
  f64: WebAssembly.Module;
  f32: WebAssembly.Module;
  /** the backward-Euler module (the f64 kernel plus the implicit step); absent: explicit only */
  implicit?: WebAssembly.Module;
}

export const DEFAULT_PRECISION: Precision = 'f32';

/** The f64 reference kernel is the one that exports the source-energy counter. */
function kernelPrecision(module: WebAssembly.Module): Precision {
  return WebAssembly.Module.exports(module).some((e) => e.name === 'getSourceEnergy') ? 'f64' : 'f32';
}

export function pickKernel(kernels: WebAssembly.Module | KernelSet, wanted: Precision | undefined): { module: WebAssembly.Module; precision: Precision } {
  if (kernels instanceof WebAssembly.Module) return { module: kernels, precision: kernelPrecision(kernels) };
  const precision = wanted ?? DEFAULT_PRECISION;
  return { module: kernels[precision], precision };
}
