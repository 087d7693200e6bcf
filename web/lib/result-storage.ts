/**
 * The last comparison's results as kept in the browser between visits: their
 * shape check on the way back in, and the map-frame thinning that keeps them
 * within a byte budget on the way out.
 */
import { frameIndices } from '../../workers/engine/run-output.ts';
import { MIN_STORED_FRAMES } from '../ui-presets.ts';
import type { RunRecord } from './analysis.ts';

export const RESULTS_KEY = 'last-comparison';

export interface SavedResults {
  saved_at: string;
  runs: RunRecord[];
}

/** Enough of the shape that rendering cannot trip over it (the charts read these fields). */
export function isSavedResults(v: unknown): v is SavedResults {
  const r = v as SavedResults;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.saved_at === 'string' &&
    Array.isArray(r.runs) &&
    r.runs.every(
      (x) =>
        !!x &&
        typeof x.id === 'string' &&
        typeof x.label === 'string' &&
        typeof x.colour === 'string' &&
        !!x.file &&
        (x.result === null || (typeof x.result === 'object' && Array.isArray(x.result.times_s) && !!x.result.isotherms)),
    )
  );
}

/**
 * Thins map snapshots so stored results stay within a byte budget (fine grids
 * over long protocols reach hundreds of megabytes). `perRun` is null when
 * nothing had to be dropped, 0 when no snapshots fit.
 */
export function framesForStorage(runs: RunRecord[], budgetBytes: number): { runs: RunRecord[]; perRun: number | null } {
  const bytesPerFrame = (r: RunRecord) => (r.frames ? r.frames.nx * r.frames.nz * 4 : 0);
  const total = runs.reduce((t, r) => t + bytesPerFrame(r) * (r.frames?.temperatures_c.length ?? 0), 0);
  if (total <= budgetBytes) return { runs, perRun: null };
  const withFrames = runs.filter((r) => r.frames);
  const perFrame = withFrames.reduce((t, r) => t + bytesPerFrame(r), 0);
  const perRun = Math.floor(budgetBytes / Math.max(1, perFrame));
  if (perRun < MIN_STORED_FRAMES.value) return { runs: runs.map((r) => ({ ...r, frames: null })), perRun: 0 };
  return {
    runs: runs.map((r) => {
      if (!r.frames) return r;
      const keep = frameIndices(r.frames.temperatures_c.length, perRun);
      const f = r.frames;
      return {
        ...r,
        frames: { ...f, times_s: keep.map((i) => f.times_s[i]), temperatures_c: keep.map((i) => f.temperatures_c[i]), ...(f.ghosts ? { ghosts: keep.map((i) => f.ghosts![i]) } : {}) },
      };
    }),
    perRun,
  };
}
