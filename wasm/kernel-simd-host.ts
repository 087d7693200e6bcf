/**
 * Host side of the f32 SIMD kernel (kernel-simd.ts): its memory layout, with
 * the slack its vector loads need, and typed views. Link and owner tables are
 * laid out exactly as for the f64 kernel (kernel-host.ts).
 */
import type { KernelSizes } from './kernel-host.ts';
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

/** Derived per-material constants the SIMD kernel reads per row (see kernel-simd.ts R_*). */
export const ROW_STRIDE = 16;
export const ROW = {
  CF0: 0, CM0: 1, CU0: 2, INV_CF: 3, INV_CM: 4, INV_CU: 5, HSOL: 6, HLIQ: 7, FL0: 8, INV_HLIQ: 9,
  KF: 10, DK: 11, W: 12, WTAQ: 13, STASIS: 14,
} as const;

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
}


function layout(s: KernelSizes) {
  if (s.nx % 4 !== 0) throw new Error('SIMD kernel: padded NX must be a multiple of 4');
  const cells = s.nx * s.ny * s.nz;
  const slack = s.nx + 8; // vector loads past the last interior column and row
  const mem = allocator();
  const take = mem.take;
  const cellBytes = (cells + slack) * 4;
  const offsets = {
    h: take(cellBytes), t: take(cellBytes), k: take(cellBytes), fl: take(cellBytes),
    tmin: take(cellBytes), act: take(cellBytes), frozen: take(cellBytes), acc: take(cellBytes),
    rowMat: take(s.nz * 4), gE: take((s.nx + 8) * 4), gW: take((s.nx + 8) * 4), scratch: take((s.nx * s.ny + 8) * 4),
    rowTable: take(s.materials * ROW_STRIDE * 8), linkOrder: take(s.links * 4),
    ...takeLinkArrays(take, s),
  };
  return { offsets, end: mem.end, cells };
}

export function instantiateSimdKernel(module: WebAssembly.Module, sizes: KernelSizes) {
  const { offsets: o, end, cells } = layout(sizes);
  const { memory, exports: raw } = instantiateOn(module, end);
  const exports = raw as unknown as SimdKernelExports;
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
    ...links.views,
  };
  const setLinkCount = links.setLinkCount;
  return { exports, views, memoryBytes: end, setLinkCount };
}
