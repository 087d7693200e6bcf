/**
 * What both kernel hosts lay out the same way: a bump allocator over one
 * WebAssembly.Memory sized per run, and the boundary links and owners that the
 * shared AssemblyScript module (assembly/boundary-links.ts) reads in either precision.
 */

const PAGE = 65536;
/** Bytes kept free at the bottom of memory for the kernel's own static data (and a thread team's mailbox). */
export const RESERVED = PAGE;
import { OWN_STRIDE } from './layouts.generated.mjs';

/** Hands out 16-byte aligned byte offsets from the bottom of a memory still to be created. */
export function allocator() {
  let at = RESERVED;
  return {
    take(bytes: number): number {
      const start = at;
      at += Math.ceil(bytes / 16) * 16;
      return start;
    },
    get end() {
      return at;
    },
  };
}

export interface LinkSizes {
  links: number;
  owners: number;
}

export interface LinkViews {
  linkCell: Int32Array;
  linkOwner: Int32Array;
  linkAT: Float64Array;
  linkS: Float64Array;
  linkAQ: Float64Array;
  linkVol: Float64Array;
  owners: Float64Array;
}

type LinkOffsets = Record<keyof LinkViews, number>;

export function takeLinkArrays(take: (bytes: number) => number, s: LinkSizes): LinkOffsets {
  return {
    linkCell: take(s.links * 4), linkOwner: take(s.links * 4),
    linkAT: take(s.links * 8), linkS: take(s.links * 8), linkAQ: take(s.links * 8), linkVol: take(s.links * 8),
    owners: take(s.owners * OWN_STRIDE * 8),
  };
}

/**
 * A memory of `bytes` and the kernel instantiated on it — or, for a thread team, the team's
 * shared memory (`teamMemory`, created once with room to grow, which its helper threads
 * already hold), grown to `bytes` and cleared above the reserved page for this run.
 */
export function instantiateOn(
  module: WebAssembly.Module,
  bytes: number,
  teamMemory: WebAssembly.Memory | null = null,
): { memory: WebAssembly.Memory; exports: WebAssembly.Exports } {
  const pages = Math.ceil(bytes / PAGE);
  let memory: WebAssembly.Memory;
  if (teamMemory) {
    memory = teamMemory;
    const have = memory.buffer.byteLength / PAGE;
    if (pages > have) memory.grow(pages - have);
    new Uint8Array(memory.buffer, RESERVED, memory.buffer.byteLength - RESERVED).fill(0);
  } else memory = new WebAssembly.Memory({ initial: pages });
  return { memory, exports: new WebAssembly.Instance(module, { env: { memory } }).exports };
}

/** Typed views of the link arrays, and the setter that tells the kernel how many links are in use. */
export function wireLinks(
  buf: ArrayBufferLike,
  o: LinkOffsets,
  s: LinkSizes,
  setLinks: (n: number, cell: number, owner: number, aT: number, sM: number, aQ: number, vol: number, owners: number, ownerTable: number) => void,
): { views: LinkViews; setLinkCount(n: number): void } {
  const f64 = (off: number, n: number) => new Float64Array(buf, off, n);
  const views: LinkViews = {
    linkCell: new Int32Array(buf, o.linkCell, s.links), linkOwner: new Int32Array(buf, o.linkOwner, s.links),
    linkAT: f64(o.linkAT, s.links), linkS: f64(o.linkS, s.links), linkAQ: f64(o.linkAQ, s.links), linkVol: f64(o.linkVol, s.links),
    owners: f64(o.owners, s.owners * OWN_STRIDE),
  };
  const setLinkCount = (n: number) => setLinks(n, o.linkCell, o.linkOwner, o.linkAT, o.linkS, o.linkAQ, o.linkVol, s.owners, o.owners);
  setLinkCount(s.links);
  return { views, setLinkCount };
}
