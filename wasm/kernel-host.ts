/**
 * Host side of the wasm kernel: lays out every array of one simulation in a
 * freshly sized WebAssembly.Memory (JS owns memory; the kernel only sees byte
 * offsets), instantiates the kernel on it, and exposes typed views.
 *
 * Memory is sized once per run, so no `memory.grow` ever detaches the views.
 */
import { allocator, instantiateOn, takeLinkArrays, wireLinks, type LinkViews } from './memory-layout.ts';

export interface KernelExports {
  setGrid(nx: number, ny: number, nz: number, idx2: number, idy2: number, idz2: number): void;
  setCellArrays(
    h: number, t: number, k: number, pa: number, pb: number, tmin: number, mat: number, frozen: number,
    gE: number, gW: number, vol: number, matTable: number, scratch: number,
  ): void;
  setLinks(
    n: number, cell: number, owner: number, aT: number, s: number, aQ: number, vol: number,
    owners: number, ownerTable: number,
  ): void;
  updateState(): void;
  step(n: number, time: number, dt: number): number;
  getBoundaryEnergy(): number;
  getSourceEnergy(): number;
  resetEnergy(): void;
  totalEnthalpy(): number;
}

/** The material table (wasm/assembly/layout.ts M_*) and the owner table (O_*, OM_*), generated from the kernels' source. */
export { MAT, MAT_STRIDE, OWN, OWN_STRIDE, OWNER_MODE } from './layouts.generated.mjs';
import { MAT_STRIDE } from './layouts.generated.mjs';

/** Bytes per node of a tabulated frozen branch, in both kernels (f64: T and k; f32 SIMD: T, k, ΔT, Δk). */
export const FROZEN_NODE_BYTES = 16;


export interface KernelSizes {
  /** padded cell counts */
  nx: number;
  ny: number;
  nz: number;
  materials: number;
  links: number;
  owners: number;
  /** nodes of every material's tabulated frozen branch together (0: all frozen properties constant) */
  frozenNodes?: number;
  /** bytes of solver work area after every array (the implicit step's; 0 for the explicit kernels) */
  workBytes?: number;
}

export interface KernelViews extends LinkViews {
  h: Float64Array;
  t: Float64Array;
  k: Float64Array;
  pa: Float64Array;
  pb: Float64Array;
  tmin: Float64Array;
  mat: Uint8Array;
  frozen: Uint8Array;
  gE: Float64Array;
  gW: Float64Array;
  vol: Float64Array;
  matTable: Float64Array;
  /** tabulated frozen branches: per material N temperatures then N conductivities */
  frozenTable: Float64Array;
}

export interface KernelInstance {
  exports: KernelExports;
  views: KernelViews;
  memoryBytes: number;
  /** tells the kernel how many of the allocated links are in use (geometry changes) */
  setLinkCount(n: number): void;
  /** byte offset of frozenTable in the kernel's memory (the material table points into it) */
  frozenTableOffset: number;
  /** byte offset of the solver work area (KernelSizes.workBytes long) */
  workOffset: number;
}

function layout(s: KernelSizes) {
  const cells = s.nx * s.ny * s.nz;
  const mem = allocator();
  const take = mem.take;
  const offsets = {
    h: take(cells * 8), t: take(cells * 8), k: take(cells * 8), pa: take(cells * 8), pb: take(cells * 8), tmin: take(cells * 8),
    mat: take(cells), frozen: take(cells),
    gE: take(s.nx * 8), gW: take(s.nx * 8), vol: take(s.nx * 8),
    matTable: take(s.materials * MAT_STRIDE * 8),
    frozenTable: take((s.frozenNodes ?? 0) * FROZEN_NODE_BYTES),
    scratch: take(s.nx * s.ny * 8),
    ...takeLinkArrays(take, s),
    work: take(s.workBytes ?? 0),
  };
  return { offsets, end: mem.end, cells };
}

/** Instantiates the kernel on a new memory laid out for `sizes`, wiring every pointer. */
export function instantiateKernel(module: WebAssembly.Module, sizes: KernelSizes): KernelInstance {
  const { offsets: o, end, cells } = layout(sizes);
  const { memory, exports: raw } = instantiateOn(module, end);
  const exports = raw as unknown as KernelExports;
  const buf = memory.buffer;
  const f64 = (off: number, n: number) => new Float64Array(buf, off, n);
  exports.setCellArrays(o.h, o.t, o.k, o.pa, o.pb, o.tmin, o.mat, o.frozen, o.gE, o.gW, o.vol, o.matTable, o.scratch);
  const links = wireLinks(buf, o, sizes, exports.setLinks);
  const views: KernelViews = {
    h: f64(o.h, cells), t: f64(o.t, cells), k: f64(o.k, cells), pa: f64(o.pa, cells), pb: f64(o.pb, cells), tmin: f64(o.tmin, cells),
    mat: new Uint8Array(buf, o.mat, cells), frozen: new Uint8Array(buf, o.frozen, cells),
    gE: f64(o.gE, sizes.nx), gW: f64(o.gW, sizes.nx), vol: f64(o.vol, sizes.nx),
    matTable: f64(o.matTable, sizes.materials * MAT_STRIDE),
    frozenTable: f64(o.frozenTable, ((sizes.frozenNodes ?? 0) * FROZEN_NODE_BYTES) / 8),
    ...links.views,
  };
  const setLinkCount = links.setLinkCount;
  return { exports, views, memoryBytes: end, setLinkCount, frozenTableOffset: o.frozenTable, workOffset: o.work };
}
