/**
 * Stored map snapshots (web/lib/result-storage.ts): each run's snapshots packed into one Blob
 * come back as the same temperatures, snapshot by snapshot; a run without a map, a map saved
 * before packing (a list of arrays) and the runs themselves pass unchanged; a Blob that does
 * not hold exactly its snapshots costs that run its map, not its numbers.
 */
import { describe, expect, it } from 'vitest';
import { packFrames, unpackFrames } from '../../web/lib/result-storage.ts';
import { makeRun } from './fixtures/results.ts';

const frames = (n: number, seed: number) => ({
  nx: 7, nz: 5, spacing_mm: 1, x0_mm: 0.5, z0_mm: 0.5,
  times_s: Array.from({ length: n }, (_, i) => i * 10),
  temperatures_c: Array.from({ length: n }, (_, i) => Float32Array.from({ length: 35 }, (_, c) => 37 - seed * 10 - i - c / 7)),
  cell_kind: new Uint8Array(35).fill(1, 0, 3),
  ghosts: Array.from({ length: n }, () => ({ cells: Uint32Array.of(3, 4), surface_c: Float32Array.of(-150, -149) })),
});

describe('stored map snapshots', () => {
  it('pack into one Blob per run and come back as the same temperatures', async () => {
    const runs = [makeRun('a', { frames: frames(12, 1) }), makeRun('b', { frames: null }), makeRun('c', { frames: frames(3, 2) })];
    const packed = await packFrames(runs);
    const a = packed[0].frames as unknown as { temperatures_blob: Blob; temperatures_c?: unknown };
    expect(a.temperatures_blob).toBeInstanceOf(Blob);
    expect(a.temperatures_blob.size).toBe(12 * 35 * 4);
    expect(a.temperatures_c).toBeUndefined();
    expect(packed[1]).toBe(runs[1]);
    // The live runs keep their arrays.
    expect(runs[0].frames!.temperatures_c).toHaveLength(12);
    // What IndexedDB does to a value: a structured clone.
    const back = await unpackFrames(structuredClone(packed));
    for (const i of [0, 2]) {
      const f = back[i].frames!;
      expect(f.temperatures_c.map((t) => Array.from(t))).toEqual(runs[i].frames!.temperatures_c.map((t) => Array.from(t)));
      expect(f.times_s).toEqual(runs[i].frames!.times_s);
      expect(Array.from(f.cell_kind)).toEqual(Array.from(runs[i].frames!.cell_kind));
      expect(f.ghosts!.map((g) => Array.from(g.cells))).toEqual(runs[i].frames!.ghosts!.map((g) => Array.from(g.cells)));
    }
    expect(back[1].frames).toBeNull();
    expect(back.map((r) => r.result)).toEqual(runs.map((r) => r.result));
  });

  it('keep results saved before packing, and drop only the map of a run whose Blob does not fit', async () => {
    const old = [makeRun('a', { frames: frames(4, 1) })];
    expect(await unpackFrames(old)).toEqual(old);
    const [packed] = await packFrames([makeRun('a', { frames: frames(4, 1) })]);
    const short = { ...packed, frames: { ...(packed.frames as object), times_s: [0, 10, 20, 30, 40] } } as typeof packed;
    const [back] = await unpackFrames([short]);
    expect(back.frames).toBeNull();
    expect(back.result).toEqual(packed.result);
  });
});
