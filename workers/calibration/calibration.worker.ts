/**
 * The workbench's calibration worker: compiles the solver kernels (the same wasm files the
 * simulation workers run), takes one job (calibration-job.ts), posts progress after every
 * solver run and the reply at the end. One job per worker: the page cancels by terminating it,
 * which stops a fit between any two instructions without leaving a half-run behind.
 */
import kernelF64Url from '../../wasm/build/kernel.wasm?url';
import kernelF32Url from '../../wasm/build/kernel-simd.wasm?url';
import kernelImplicitUrl from '../../wasm/build/implicit.wasm?url';
import { runCalibrationJob, type CalibrationJob, type JobProgress, type JobReply } from './calibration-job.ts';

declare const self: DedicatedWorkerGlobalScope;

export type WorkerMessage = { type: 'progress'; progress: JobProgress } | { type: 'reply'; reply: JobReply };

async function compile(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

self.onmessage = async (e: MessageEvent<CalibrationJob>) => {
  const post = (m: WorkerMessage) => self.postMessage(m);
  try {
    const [f32, f64, implicit] = await Promise.all([compile(kernelF32Url), compile(kernelF64Url), compile(kernelImplicitUrl)]);
    const reply = runCalibrationJob(e.data, { f32, f64, implicit }, (progress) => post({ type: 'progress', progress }));
    post({ type: 'reply', reply });
  } catch (err) {
    post({ type: 'reply', reply: { ok: false, issues: [{ path: 'calibration', message: `the fit stopped: ${(err as Error).message}` }] } });
  }
};
