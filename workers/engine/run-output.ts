/**
 * The run-output policy, decided once for the engine, the worker pool and the page: how often
 * progress is reported, how the wall time left is estimated, and which map snapshots and
 * series points a bounded run keeps. Pure: no engine imports, so the page may load it.
 */
import { RUN_OUTPUT } from '../../scenarios/presets.ts';

/** A progress interval a caller asked for, or the default; never below the floor (each report is a cross-thread round trip). */
export function progressIntervalS(requestedS?: number): number {
  return Math.max(RUN_OUTPUT.min_progress_interval_s.value, requestedS ?? RUN_OUTPUT.progress_interval_s.value);
}

/**
 * Wall time left from the fraction done, assuming a constant rate: an explicit solver does the
 * same work per simulated second, so this is honest after the first few percent. Null before
 * there is enough to go on.
 */
export function estimateEtaS(fraction: number, elapsedS: number, minFraction = RUN_OUTPUT.eta_min_fraction.value): number | null {
  if (!(fraction >= minFraction) || !(elapsedS > 0)) return null;
  if (fraction >= 1) return 0;
  return (elapsedS * (1 - fraction)) / fraction;
}

/** Seconds on a monotonic clock where there is one (browsers, Node), else the wall clock. */
export function nowS(): number {
  return (typeof performance !== 'undefined' ? performance.now() : Date.now()) / 1000;
}

/** Leading-edge throttle for a synchronous loop: `due()` is true at most once per interval, `due(true)` always. */
export function progressClock(intervalS: number, clock: () => number = nowS): { due(force?: boolean): boolean } {
  let last = clock();
  return {
    due(force = false) {
      const t = clock();
      if (!force && t - last < intervalS) return false;
      last = t;
      return true;
    },
  };
}

/**
 * Evenly spaced snapshot indices, first and last always kept. Fine grids over long protocols
 * would otherwise send hundreds of megabytes to the page.
 */
export function frameIndices(n: number, max: number): number[] {
  if (n <= max || max < 2) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (max - 1);
  return [...new Set(Array.from({ length: max }, (_, j) => Math.round(j * step)))];
}

/**
 * Output times kept for an ensemble member's series: evenly spaced, plus the last time of
 * every phase, so the largest extent at the end of a freeze is never thinned away.
 */
export function seriesIndices(n: number, phase: readonly string[], max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const ends = new Set<number>();
  for (let i = 0; i < n; i++) if (i === n - 1 || phase[i] !== phase[i + 1]) ends.add(i);
  return [...new Set([...frameIndices(n, Math.max(2, max - ends.size)), ...ends])].sort((a, b) => a - b);
}
