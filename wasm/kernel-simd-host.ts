/**
 * Host side of the f32 SIMD kernel (kernel-simd.ts): its memory layout, with
 * the slack its vector loads need, and typed views. Link and owner tables are
 * laid out exactly as for the f64 kernel (kernel-host.ts). For a thread team
 * (kernel-simd-shared.ts) the memory is shared and also holds the team block and
 * one scratch plane per thread.
 */
import { FROZEN_NODE_BYTES, type KernelSizes } from './kernel-host.ts';
import { allocator, instantiateOn, takeLinkArrays, wireLinks, type LinkViews } from './memory-layout.ts';

export interface SimdKernelExports {
  setGrid(nx: number, ny: number, nz: number, idx2: number, idy2: number, idz2: number): void;
  setCellArrays(
    h: number, t: number, k: number, fl: number, tmin: number, act: number, frozen: number,
    rowMat: number, gE: number, gW: number, scratch: number, rowTable: number, acc: number, linkOrder: number,
  ): void;
  setLinks(n: number, cell: number, owner: number, aT: number, s: number, aQ: number, vol: number, owners: number, ownerTable: number): void;
  updateState(): void;
  updateTmin(): void;
  setStasis(on: number): void;
  step(n: number, time: number, dt: number): number;
  setBox(i0: number, i1: number, j0: number, j1: number, k0: number, k1: number): void;
  stepTwoRate(n: number, m: number, time: number, dt: number): number;
  getBoundaryEnergy(): number;
  resetEnergy(): void;
}

/** What the shared-memory build adds (assembly/kernel-simd-shared.ts). */
export interface SharedSimdKernelExports extends SimdKernelExports {
  setTeam(block: number, threads: number, scratch: number, strideBytes: number, spinPolls: number, timeoutMs: number): void;
  stepThread(thread: number): number;
  stepTwoRateThread(thread: number): number;
  fail(thread: number): void;
}

/** Bytes of the team block (assembly/team-layout.ts B_BYTES) and the per-material row constants (row-layout.ts R_*), generated from the kernels' source. */
export { ROW, ROW_STRIDE, TEAM_BLOCK_BYTES } from './layouts.generated.mjs';
import { ROW_STRIDE, TEAM_BLOCK_BYTES } from './layouts.generated.mjs';

export interface SimdKernelViews extends LinkViews {
  h: Float32Array;
  t: Float32Array;
  k: Float32Array;
  fl: Float32Array;
  tmin: Float32Array;
  act: Float32Array;
  frozen: Float32Array;
  rowMat: Int32Array;
  gE: Float32Array;
  gW: Float32Array;
  rowTable: Float64Array;
  /** tabulated frozen branches: per node T, k, ΔT, Δk (assembly/row-layout.ts R_TAB) */
  frozenTable: Float32Array;
}


function layout(s: KernelSizes, threads: number) {
  if (s.nx % 4 !== 0) throw new Error('SIMD kernel: padded NX must be a multiple of 4');
  const cells = s.nx * s.ny * s.nz;
  const slack = s.nx + 8; // vector loads past the last interior column and row
  const mem = allocator();
  const take = mem.take;
  const cellBytes = (cells + slack) * 4;
  // One scratch plane per thread, each on its own cache lines.
  const scratchBytes = Math.ceil(((s.nx * s.ny + 8) * 4) / 64) * 64;
  const offsets = {
    h: take(cellBytes), t: take(cellBytes), k: take(cellBytes), fl: take(cellBytes),
    tmin: take(cellBytes), act: take(cellBytes), frozen: take(cellBytes), acc: take(cellBytes),
    rowMat: take(s.nz * 4), gE: take((s.nx + 8) * 4), gW: take((s.nx + 8) * 4), scratch: take(threads * scratchBytes),
    team: threads > 1 ? take(TEAM_BLOCK_BYTES) : 0,
    rowTable: take(s.materials * ROW_STRIDE * 8), linkOrder: take(s.links * 4),
    frozenTable: take((s.frozenNodes ?? 0) * FROZEN_NODE_BYTES),
    ...takeLinkArrays(take, s),
  };
  return { offsets, end: mem.end, cells, scratchBytes };
}

/**
 * The kernel on a memory of its own (threads = 1), or the shared build on a shared memory
 * laid out for a team of `threads`; `team` then says where the team block and scratch are.
 */
export function instantiateSimdKernel(module: WebAssembly.Module, sizes: KernelSizes, threads = 1, teamMemory: WebAssembly.Memory | null = null) {
  const { offsets: o, end, cells, scratchBytes } = layout(sizes, threads);
  const { memory, exports: raw } = instantiateOn(module, end, threads > 1 ? teamMemory : null);
  // A team's helpers replay the configuration calls made on this instance (thread-team.ts).
  const calls: [string, number[]][] = [];
  const exports = threads > 1 ? recording(raw as unknown as SharedSimdKernelExports, calls) : (raw as unknown as SimdKernelExports);
  const buf = memory.buffer;
  const f32 = (off: number, n: number) => new Float32Array(buf, off, n);
  exports.setCellArrays(o.h, o.t, o.k, o.fl, o.tmin, o.act, o.frozen, o.rowMat, o.gE, o.gW, o.scratch, o.rowTable, o.acc, o.linkOrder);
  const links = wireLinks(buf, o, sizes, exports.setLinks);
  const views: SimdKernelViews = {
    h: f32(o.h, cells), t: f32(o.t, cells), k: f32(o.k, cells), fl: f32(o.fl, cells),
    tmin: f32(o.tmin, cells), act: f32(o.act, cells), frozen: f32(o.frozen, cells),
    rowMat: new Int32Array(buf, o.rowMat, sizes.nz),
    gE: f32(o.gE, sizes.nx), gW: f32(o.gW, sizes.nx),
    rowTable: new Float64Array(buf, o.rowTable, sizes.materials * ROW_STRIDE),
    frozenTable: f32(o.frozenTable, ((sizes.frozenNodes ?? 0) * FROZEN_NODE_BYTES) / 4),
    ...links.views,
  };
  const setLinkCount = links.setLinkCount;
  const team = threads > 1 ? { block: o.team, scratch: o.scratch, scratchBytes } : null;
  return { exports, views, memoryBytes: end, setLinkCount, memory, team, calls, frozenTableOffset: o.frozenTable };
}

/** The exports, with every configuration call also appended to `calls`. */
function recording(raw: SharedSimdKernelExports, calls: [string, number[]][]): SharedSimdKernelExports {
  const wrapped = { ...raw };
  for (const name of ['setGrid', 'setCellArrays', 'setLinks', 'setStasis'] as const) {
    const f = raw[name] as (...a: number[]) => void;
    (wrapped as Record<string, unknown>)[name] = (...args: number[]) => {
      calls.push([name, args]);
      f(...args);
    };
  }
  return wrapped;
}
