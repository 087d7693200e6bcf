/**
 * The last comparison's results as kept in the browser between visits: their
 * shape check on the way back in, the map-frame thinning that keeps them
 * within a byte budget on the way out, and the packing of each run's map
 * snapshots into one Blob (and back).
 */
import type { FieldFrames } from '../../workers/engine/run-types.ts';
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

/**
 * A run's map snapshots as stored: the temperatures of every snapshot in one Blob, in snapshot
 * order. IndexedDB keeps a Blob's bytes without copying them through the page's thread, where a
 * list of typed arrays is cloned there in one piece: 72 MB of snapshots (the 8 protocols at
 * 0.25 mm) held the page still for 0.8–0.9 s on every save.
 */
export type StoredFrames = Omit<FieldFrames, 'temperatures_c'> & { temperatures_blob: Blob };

/**
 * The runs with their snapshots packed for storage (the runs themselves are not changed). Making
 * a Blob copies its bytes on this thread too (40–60 ms per 9 MB run here), so the page gets
 * its turn between runs rather than one long pause.
 */
export async function packFrames(runs: RunRecord[]): Promise<RunRecord[]> {
  const packed: RunRecord[] = [];
  for (const r of runs) {
    if (!r.frames || typeof Blob === 'undefined') {
      packed.push(r);
      continue;
    }
    const { temperatures_c, ...rest } = r.frames;
    const stored: StoredFrames = { ...rest, temperatures_blob: new Blob(temperatures_c as BlobPart[]) };
    packed.push({ ...r, frames: stored as unknown as FieldFrames });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return packed;
}

/**
 * The runs with packed snapshots read back into one Float32Array per snapshot. A run whose Blob
 * cannot be read or does not hold exactly its snapshots keeps its numbers and loses only its map.
 * Results saved before packing (a list of arrays) pass unchanged.
 */
export async function unpackFrames(runs: RunRecord[]): Promise<RunRecord[]> {
  return Promise.all(
    runs.map(async (r) => {
      const f = r.frames as unknown as Partial<StoredFrames> | null;
      if (!f || !(f.temperatures_blob instanceof Blob)) return r;
      const { temperatures_blob, ...rest } = f;
      const cells = (rest.nx ?? 0) * (rest.nz ?? 0);
      const count = Array.isArray(rest.times_s) ? rest.times_s.length : 0;
      try {
        const bytes = await temperatures_blob.arrayBuffer();
        if (!cells || bytes.byteLength !== count * cells * 4) return { ...r, frames: null };
        const temperatures_c = Array.from({ length: count }, (_, i) => new Float32Array(bytes, i * cells * 4, cells));
        return { ...r, frames: { ...(rest as Omit<FieldFrames, 'temperatures_c'>), temperatures_c } };
      } catch {
        return { ...r, frames: null };
      }
    }),
  );
}
