/**
 * Starts a calibration in its own worker (workers/calibration/calibration.worker.ts) and
 * hands back its progress, its reply, and a cancel that ends the worker at once.
 */
import type { CalibrationJob, JobProgress, JobReply } from '../../workers/calibration/calibration-job.ts';
import type { WorkerMessage } from '../../workers/calibration/calibration.worker.ts';

export interface RunningCalibration {
  /** resolves with the reply, or with a `cancelled` issue after cancel() */
  promise: Promise<JobReply>;
  cancel(): void;
}

export const CANCELLED = 'cancelled';

export function startCalibration(job: CalibrationJob, onProgress: (p: JobProgress) => void): RunningCalibration {
  const worker = new Worker(new URL('../../workers/calibration/calibration.worker.ts', import.meta.url), { type: 'module' });
  let settle: (r: JobReply) => void = () => undefined;
  const promise = new Promise<JobReply>((resolve) => (settle = resolve));
  const finish = (r: JobReply) => {
    worker.terminate();
    settle(r);
  };
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    if (e.data.type === 'progress') onProgress(e.data.progress);
    else finish(e.data.reply);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    finish({ ok: false, issues: [{ path: 'calibration', message: `the calibration worker failed: ${e.message || 'unknown error'}` }] });
  };
  worker.postMessage(job);
  return { promise, cancel: () => finish({ ok: false, issues: [{ path: 'calibration', message: CANCELLED }] }) };
}
