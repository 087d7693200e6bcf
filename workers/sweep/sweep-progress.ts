/**
 * Sweep progress on stderr: runs done of total, failures, elapsed time and an estimate of
 * the time left (mean wall time per finished run, which the parallel threads already
 * divide). One updating line on a terminal; on logs (Slurm, CI) a line every
 * RUN_OUTPUT.sweep_log_line_every_s at most.
 */
import { RUN_OUTPUT } from '../../scenarios/presets.ts';

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function sweepProgress(err: { write(text: string): unknown; isTTY?: boolean }, total: number, label: string) {
  const startMs = Date.now();
  let lastLogS = -Infinity;
  let done = 0;
  let failed = 0;
  const line = () => {
    const elapsedS = (Date.now() - startMs) / 1000;
    const eta = done > 0 && done < total ? `, ~${formatDuration((elapsedS / done) * (total - done))} left` : '';
    const failures = failed ? `, ${failed} with errors` : '';
    return `${label}: ${done}/${total} runs${failures}, ${formatDuration(elapsedS)} elapsed${eta}`;
  };
  return {
    runFinished(ok: boolean) {
      done++;
      if (!ok) failed++;
      const nowS = (Date.now() - startMs) / 1000;
      if (err.isTTY) err.write(`\r${line()}\x1b[K${done === total ? '\n' : ''}`);
      else if (nowS - lastLogS >= RUN_OUTPUT.sweep_log_line_every_s.value || done === total) {
        lastLogS = nowS;
        err.write(line() + '\n');
      }
    },
    /** A closing line when the sweep stops early. */
    interrupted() {
      err.write(`${err.isTTY ? '\n' : ''}${line()} — interrupted\n`);
    },
    get failed() {
      return failed;
    },
  };
}
