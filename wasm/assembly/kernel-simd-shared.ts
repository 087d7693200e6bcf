/**
 * Shared-memory build of the f32 SIMD kernel (kernel-simd.ts): one instance per
 * thread on one shared WebAssembly.Memory, each thread stepping a contiguous block
 * of rows (2D) or planes (3D) with the kernel's own range sweeps, a whole chunk of
 * steps inside wasm. Also a drop-in single-thread kernel (`step`).
 *
 * Per step, thread t with rows [k0, k1):
 *   its boundary links (the host sorts links by cell, so they are one slice) → sweep
 *   of its rows → barrier → state of its two deferred edge rows → barrier.
 * A neighbour's edge row is read (old state) during the sweep and only replaced after
 * the first barrier, and read again only after the second, so every cell sees exactly
 * the operands of the single-thread step: results are bit-identical.
 * Owner reference temperatures (one table in shared memory) are written by thread 0
 * only, between the two barriers, while nobody reads them.
 *
 * Team block (host-allocated), byte offsets below. A barrier waits by spinning on the
 * generation word for up to `spin` polls, then with memory.atomic.wait32 in slices.
 * Waking a sleeping thread takes tens of microseconds or more (a VM's wake-ups), as long
 * as a whole 2D step, and once one thread sleeps the other tends to be late for the next
 * barrier and sleep too: on an idle 2-core machine two threads gained 1.9× spinning
 * through and lost (0.5–0.9×) sleeping after a short spin (tests/bench). An adaptive
 * budget (shrink after each sleep) collapsed into that convoy; the spin is fixed.
 * A helper that fails sets FAIL (and wakes everyone); a helper that stops answering is
 * noticed when the wait has lasted `timeoutMs`.
 */
import {
  applyLinks, getBoundaryEnergy, LINKS_ALL, LINKS_IN_BOX, LINKS_OUTSIDE_BOX, resetBoundaryEnergy, setLinks as setKernelLinks, updateOwners,
} from './boundary-links';
import {
  boxFaces, edgeState, interiorJ0, interiorJ1, setBox as setKernelBox, setBoxOrder, setCellArrays as setKernelArrays, setGrid as setKernelGrid, step as stepKernel,
  sweepRows,
} from './kernel-simd';
export { getBoundaryEnergy, resetEnergy, setStasis, stepTwoRate, updateState, updateTmin } from './kernel-simd';
import * as L from './team-layout';
export * from './team-layout';
export * from './layout';
export * from './row-layout';

// Team block layout: wasm/assembly/team-layout.ts B_*. Offsets are i32 there (exported as globals); addresses here are usize.
const B_COUNT = <usize>L.B_COUNT;
const B_GEN = <usize>L.B_GEN;
const B_FAIL = <usize>L.B_FAIL;
const B_N = <usize>L.B_N;
const B_LINKS = <usize>L.B_LINKS;
const B_TIME = <usize>L.B_TIME;
const B_DT = <usize>L.B_DT;
const B_TIME_END = <usize>L.B_TIME_END;
const B_ENERGY = <usize>L.B_ENERGY;
const B_RATIO = <usize>L.B_RATIO;
const B_BOX = <usize>L.B_BOX;

let NX: i32 = 0;
let NY: i32 = 1;
let NZ: i32 = 0;
let pH: usize = 0;
let pT: usize = 0;
let pK: usize = 0;
let pOrder: usize = 0;

let pBlock: usize = 0;
let threads: i32 = 1;
let pScratch0: usize = 0;
let scratchStride: usize = 0;
let spin: i32 = 0;
let timeoutMs: f64 = 0;

// Full link arrays; each thread narrows the kernel's view to its own slice per chunk.
let linkN: i32 = 0;
let pLCell: usize = 0;
let pLOwner: usize = 0;
let pLAT: usize = 0;
let pLS: usize = 0;
let pLAQ: usize = 0;
let pLVol: usize = 0;
let ownerN: i32 = 0;
let pOwnerTable: usize = 0;

/** As kernel-simd's setGrid; this build also keeps the sizes to split the grid. */
export function setGrid(nx: i32, ny: i32, nz: i32, idx2: f64, idy2: f64, idz2: f64): void {
  NX = nx;
  NY = ny;
  NZ = nz;
  setKernelGrid(nx, ny, nz, idx2, idy2, idz2);
}

/** As kernel-simd's setCellArrays; this build also keeps the fields the boundary links change. */
export function setCellArrays(
  h: usize, t: usize, k: usize, fl: usize, tmin: usize, act: usize, frozen: usize,
  rowMat: usize, gE: usize, gW: usize, scratch: usize, rowTable: usize, acc: usize, linkOrder: usize,
): void {
  pH = h;
  pT = t;
  pK = k;
  pOrder = linkOrder;
  setKernelArrays(h, t, k, fl, tmin, act, frozen, rowMat, gE, gW, scratch, rowTable, acc, linkOrder);
}

/** As boundary-links' setLinks; in a team the links must be sorted by cell (stable). */
export function setLinks(
  n: i32, cell: usize, owner: usize, aT: usize, s: usize, aQ: usize, vol: usize,
  owners: i32, ownerTable: usize,
): void {
  linkN = n; pLCell = cell; pLOwner = owner; pLAT = aT; pLS = s; pLAQ = aQ; pLVol = vol;
  ownerN = owners; pOwnerTable = ownerTable;
  setKernelLinks(n, cell, owner, aT, s, aQ, vol, owners, ownerTable);
}

// Thread 0's instance alone steps with every link (a team chunk leaves it only its own slice).
function allLinks(): void {
  setKernelLinks(linkN, pLCell, pLOwner, pLAT, pLS, pLAQ, pLVol, ownerN, pOwnerTable);
}

/** Single-thread stepping over the whole grid, as kernel-simd's step. */
export function step(n: i32, time: f64, dt: f64): f64 {
  allLinks();
  return stepKernel(n, time, dt);
}

/** As kernel-simd's setBox (two-rate stepping, single-thread: stepTwoRate), over every link. */
export function setBox(i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32): void {
  allLinks();
  setKernelBox(i0, i1, j0, j1, k0, k1);
}

/**
 * Joins a team: the shared block at `block`, `count` threads, per-thread scratch rows
 * from `scratch` every `stride` bytes; barrier spin polls and the wait limit (ms).
 */
export function setTeam(block: usize, count: i32, scratch: usize, stride: usize, spinPolls: i32, limitMs: f64): void {
  pBlock = block;
  threads = count;
  pScratch0 = scratch;
  scratchStride = stride;
  spin = spinPolls;
  timeoutMs = limitMs;
}

// First row (2D) or plane (3D) of thread t's block; interior rows [1, NZ − 1) split evenly.
@inline function firstRow(t: i32): i32 {
  return 1 + <i32>((<i64>t * <i64>(NZ - 2)) / <i64>threads);
}

// First link whose cell is ≥ c (links sorted by cell).
function lowerBound(n: i32, c: i32): i32 {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<i32>(pLCell + (<usize>mid << 2)) < c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// First link of thread t's rows, from row (plane) k on; t = threads: past the last link.
function firstLink(t: i32, k: i32, nLinks: i32): i32 {
  return t == 0 ? 0 : t == threads ? nLinks : lowerBound(nLinks, k * NX * NY);
}

// Slice of wait32 (ns) between checks of the fail word and the clock.
const WAIT_SLICE_NS: i64 = 2_000_000;

/** Waits until every thread has arrived; false if the team failed meanwhile (then FAIL is set). */
function barrier(t: i32): bool {
  const gen = atomic.load<i32>(pBlock + B_GEN);
  if (atomic.add<i32>(pBlock + B_COUNT, 1) == threads - 1) {
    atomic.store<i32>(pBlock + B_COUNT, 0);
    atomic.add<i32>(pBlock + B_GEN, 1);
    atomic.notify(pBlock + B_GEN, threads - 1);
    return atomic.load<i32>(pBlock + B_FAIL) == 0;
  }
  for (let i = 0; i < spin; i++) {
    if (atomic.load<i32>(pBlock + B_GEN) != gen) return atomic.load<i32>(pBlock + B_FAIL) == 0;
  }
  let waitedMs: f64 = 0;
  while (atomic.load<i32>(pBlock + B_GEN) == gen) {
    if (atomic.load<i32>(pBlock + B_FAIL) != 0) return false;
    if (atomic.wait<i32>(pBlock + B_GEN, gen, WAIT_SLICE_NS) == AtomicWaitResult.TIMED_OUT) {
      waitedMs += <f64>WAIT_SLICE_NS / 1e6;
      if (waitedMs >= timeoutMs) {
        fail(t);
        return false;
      }
    }
  }
  return atomic.load<i32>(pBlock + B_FAIL) == 0;
}

/** Marks the team failed (first failure wins) and wakes every waiting thread. */
export function fail(t: i32): void {
  atomic.cmpxchg<i32>(pBlock + B_FAIL, 0, t + 1);
  atomic.notify(pBlock + B_GEN, -1);
}

// This thread's view of the links: the slice [l0, l1) (sorted by cell).
function useLinks(l0: i32, l1: i32): void {
  setKernelLinks(
    l1 - l0, pLCell + (<usize>l0 << 2), pLOwner + (<usize>l0 << 2), pLAT + (<usize>l0 << 3), pLS + (<usize>l0 << 3),
    pLAQ + (<usize>l0 << 3), pLVol + (<usize>l0 << 3), ownerN, pOwnerTable,
  );
}

/**
 * Thread t's part of one chunk: the step count, start time, step and link count are read
 * from the team block (written by the host before the command). Returns 0, or the FAIL
 * word if the team failed (the state is then undefined).
 */
export function stepThread(t: i32): i32 {
  const n = load<i32>(pBlock + B_N);
  const nLinks = load<i32>(pBlock + B_LINKS);
  let time = load<f64>(pBlock + B_TIME);
  const dt = load<f64>(pBlock + B_DT);
  const k0 = firstRow(t);
  const k1 = firstRow(t + 1);
  useLinks(firstLink(t, k0, nLinks), firstLink(t + 1, k1, nLinks));
  resetBoundaryEnergy();
  const scr = pScratch0 + <usize>t * scratchStride;
  const j0 = interiorJ0();
  const j1 = interiorJ1();
  const dt32 = <f32>dt;
  if (t == 0) updateOwners(time);
  let ok = barrier(t);
  for (let s = 0; s < n && ok; s++) {
    applyLinks<f32>(dt, pH, pT, pK, LINKS_ALL);
    sweepRows(dt32, 1, NX + 1, j0, j1, k0, k1, scr, false);
    if (!barrier(t)) break;
    edgeState(1, NX + 1, j0, j1, k0, k1);
    // The owners' reference temperatures for the next step; after the last step they keep this one's, as single-thread.
    if (t == 0 && s < n - 1) updateOwners(time + dt);
    time += dt;
    ok = barrier(t);
  }
  if (t == 0) store<f64>(pBlock + B_TIME_END, time);
  store<f64>(pBlock + B_ENERGY + (<usize>t << 3), load<f64>(pBlock + B_ENERGY + (<usize>t << 3)) + getBoundaryEnergy());
  return atomic.load<i32>(pBlock + B_FAIL);
}

/**
 * Thread t's part of a two-rate chunk (kernel-simd.ts stepTwoRate): B_N long steps of
 * B_RATIO short ones, the cold box in B_BOX. The short steps split the box's rows (planes)
 * between the threads, the long step the grid's, each with the links of its own rows and
 * the same barriers as `stepThread`; one more barrier lets every thread's box-boundary means
 * be in place before any long step reads them. Each thread sorts its own link slice by the
 * box into its own part of the order array, after a barrier, so no two threads' parts are
 * in use at once. Bit-identical to the single-thread stepTwoRate.
 */
export function stepTwoRateThread(t: i32): i32 {
  const n = load<i32>(pBlock + B_N);
  const m = load<i32>(pBlock + B_RATIO);
  const nLinks = load<i32>(pBlock + B_LINKS);
  let time = load<f64>(pBlock + B_TIME);
  const dt = load<f64>(pBlock + B_DT);
  const bi0 = load<i32>(pBlock + B_BOX);
  const bi1 = load<i32>(pBlock + B_BOX + 4);
  const bj0 = load<i32>(pBlock + B_BOX + 8);
  const bj1 = load<i32>(pBlock + B_BOX + 12);
  const bk0 = load<i32>(pBlock + B_BOX + 16);
  const bk1 = load<i32>(pBlock + B_BOX + 20);
  const plane = NX * NY;
  const gk0 = firstRow(t);
  const gk1 = firstRow(t + 1);
  const gl0 = firstLink(t, gk0, nLinks);
  const gl1 = firstLink(t + 1, gk1, nLinks);
  const boxRows = max(0, bk1 - bk0);
  const fk0 = bk0 + <i32>((<i64>t * <i64>boxRows) / <i64>threads);
  const fk1 = bk0 + <i32>((<i64>(t + 1) * <i64>boxRows) / <i64>threads);
  const fl0 = lowerBound(nLinks, fk0 * plane);
  const fl1 = lowerBound(nLinks, fk1 * plane);
  const emptyBox = bk1 <= bk0 || bj1 <= bj0 || bi1 <= bi0;
  resetBoundaryEnergy();
  const scr = pScratch0 + <usize>t * scratchStride;
  const j0 = interiorJ0();
  const j1 = interiorJ1();
  const dt32 = <f32>dt;
  const big = dt * <f64>m;
  const big32 = <f32>big;
  if (t == 0) updateOwners(time);
  let ok = barrier(t);
  for (let s = 0; s < n && ok; s++) {
    if (!emptyBox) {
      useLinks(fl0, fl1);
      setBoxOrder(pOrder + (<usize>fl0 << 2), bi0, bi1, bj0, bj1, bk0, bk1);
      boxFaces(0, 0, fk0, fk1);
      for (let q = 0; q < m && ok; q++) {
        boxFaces(1, 0, fk0, fk1);
        applyLinks<f32>(dt, pH, pT, pK, LINKS_IN_BOX);
        sweepRows(dt32, bi0, bi1, bj0, bj1, fk0, fk1, scr, false);
        if (!barrier(t)) {
          ok = false;
          break;
        }
        edgeState(bi0, bi1, bj0, bj1, fk0, fk1);
        // The owners at the next short step's start, or at the long step's (the macro step's start).
        if (t == 0) updateOwners(q < m - 1 ? time + <f64>(q + 1) * dt : time);
        ok = barrier(t);
      }
      if (!ok) break;
      boxFaces(2, <f32>(1.0 / <f64>m), fk0, fk1);
      if (!barrier(t)) break;
    }
    useLinks(gl0, gl1);
    setBoxOrder(pOrder + (<usize>gl0 << 2), bi0, bi1, bj0, bj1, bk0, bk1);
    applyLinks<f32>(big, pH, pT, pK, LINKS_OUTSIDE_BOX);
    sweepRows(big32, 1, NX + 1, j0, j1, gk0, gk1, scr, true);
    if (!barrier(t)) break;
    edgeState(1, NX + 1, j0, j1, gk0, gk1);
    time += big;
    if (t == 0 && s < n - 1) updateOwners(time);
    ok = barrier(t);
  }
  if (t == 0) store<f64>(pBlock + B_TIME_END, time);
  store<f64>(pBlock + B_ENERGY + (<usize>t << 3), load<f64>(pBlock + B_ENERGY + (<usize>t << 3)) + getBoundaryEnergy());
  return atomic.load<i32>(pBlock + B_FAIL);
}
