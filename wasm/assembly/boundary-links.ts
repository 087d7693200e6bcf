/**
 * Boundary links and their owners, shared by both kernels: each link couples
 * one tissue cell to an owner (skin, far field, a probe, a vessel) through a
 * wall film and the half cell (OM_TEMPERATURE), or feeds it a fixed line power
 * (OM_LINE_POWER). Generic over the precision of the cell fields (f32 or f64).
 * The host reads the same film back as a surface temperature (Simulation.linkSurfaceC;
 * tests/kernel/link-film.test.ts keeps the two equal).
 */

import { OWN_STRIDE, O_MODE, O_TFINAL, O_TSTART, O_TSTART_S, O_INV_TAU, O_INV_H, O_Q, O_TREF, OM_TEMPERATURE, OM_LINE_POWER } from './layout';

let nLinks: i32 = 0;
let pLinkCell: usize = 0; // i32 cell index
let pLinkOwner: usize = 0; // i32 owner index
let pLinkAT: usize = 0; // f64 face area / cell volume (1/m)
let pLinkS: usize = 0; // f64 distance cell centre → surface (m)
let pLinkAQ: usize = 0; // f64 share of the owner's line power per cell volume
let pLinkVol: usize = 0; // f64 cell volume, for the energy bookkeeping
let nOwners: i32 = 0;
let pOwners: usize = 0;
let boundaryEnergy: f64 = 0;

/** Sets the byte offsets and counts of the boundary links and owners. */
export function setLinks(
  n: i32, cell: usize, owner: usize, aT: usize, s: usize, aQ: usize, vol: usize,
  owners: i32, ownerTable: usize,
): void {
  nLinks = n; pLinkCell = cell; pLinkOwner = owner; pLinkAT = aT; pLinkS = s;
  pLinkAQ = aQ; pLinkVol = vol; nOwners = owners; pOwners = ownerTable;
}

/** Heat that entered through boundary links since the last reset (J; J/m in planar mode). */
export function getBoundaryEnergy(): f64 {
  return boundaryEnergy;
}

export function resetBoundaryEnergy(): void {
  boundaryEnergy = 0;
}

@inline function ownVal(o: i32, field: i32): f64 {
  return load<f64>(pOwners + (<usize>(o * OWN_STRIDE + field) << 3));
}

/** Each owner's reference temperature at `time`: a first-order ramp from its start value. */
export function updateOwners(time: f64): void {
  for (let o = 0; o < nOwners; o++) {
    const tf = ownVal(o, O_TFINAL);
    const ts = ownVal(o, O_TSTART);
    const ref = tf + (ts - tf) * Math.exp(-(time - ownVal(o, O_TSTART_S)) * ownVal(o, O_INV_TAU));
    store<f64>(pOwners + (<usize>(o * OWN_STRIDE + O_TREF) << 3), ref);
  }
}

/** Which links `applyLinks` applies: all, only those of cells inside the two-rate box, or only those outside it. */
export const LINKS_ALL: i32 = 0;
export const LINKS_IN_BOX: i32 = 1;
export const LINKS_OUTSIDE_BOX: i32 = 2;

// Link indices of the two-rate box: those of cells inside it first, then the rest.
let pOrder: usize = 0;
let nInBox: i32 = 0;

/**
 * Sorts the links by the two-rate box (padded grid indices, half-open) that LINKS_IN_BOX /
 * LINKS_OUTSIDE_BOX refer to, into `order` (an i32 per link, owned by the host).
 */
export function setLinkBox(order: usize, nx: i32, ny: i32, i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32): void {
  pOrder = order;
  let front = 0;
  let back = nLinks;
  for (let l = 0; l < nLinks; l++) {
    const c = load<i32>(pLinkCell + (<usize>l << 2));
    const row = c / nx;
    const i = c - row * nx;
    const k = row / ny;
    const j = row - k * ny;
    const inside = i >= i0 && i < i1 && j >= j0 && j < j1 && k >= k0 && k < k1;
    store<i32>(pOrder + (<usize>(inside ? front++ : --back) << 2), l);
  }
  nInBox = front;
}

/** Adds one step of the selected links' heat to H (fields of type T at pH, pT, pK), from the state at the step's start. */
export function applyLinks<T>(dt: f64, pH: usize, pT: usize, pK: usize, which: i32): void {
  const shift: usize = sizeof<T>() == 8 ? 3 : 2;
  let e: f64 = 0;
  const first = which == LINKS_OUTSIDE_BOX ? nInBox : 0;
  const end = which == LINKS_IN_BOX ? nInBox : nLinks;
  for (let x = first; x < end; x++) {
    const l = which == LINKS_ALL ? x : load<i32>(pOrder + (<usize>x << 2));
    const lo = <usize>l << 3;
    const c = load<i32>(pLinkCell + (<usize>l << 2));
    const o = load<i32>(pLinkOwner + (<usize>l << 2));
    const mode = ownVal(o, O_MODE);
    const off = <usize>c << shift;
    let dh: f64 = 0;
    if (mode == OM_TEMPERATURE) {
      const kc = <f64>load<T>(pK + off);
      // Series resistance of the wall film (1/h) and the half-cell of tissue (s/k).
      const g = kc / (ownVal(o, O_INV_H) * kc + load<f64>(pLinkS + lo));
      dh = load<f64>(pLinkAT + lo) * g * (ownVal(o, O_TREF) - <f64>load<T>(pT + off));
    } else if (mode == OM_LINE_POWER) {
      dh = load<f64>(pLinkAQ + lo) * ownVal(o, O_Q);
    }
    if (dh != 0) {
      store<T>(pH + off, <T>(<f64>load<T>(pH + off) + dt * dh));
      e += dh * load<f64>(pLinkVol + lo);
    }
  }
  boundaryEnergy += dt * e;
}
