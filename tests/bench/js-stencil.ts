/**
 * A plain-JavaScript port of the wasm f64 kernel's step (same arrays, same
 * arithmetic, same order of operations, one cell at a time): the 2D step is the
 * baseline the benchmark compares against; the 2D and 3D steps are independent
 * re-implementations the kernel test checks bit-for-bit agreement with.
 */
import { MAT, MAT_STRIDE, OWN, OWN_STRIDE, type KernelViews } from '../../wasm/kernel-host.ts';

export interface JsState {
  NX: number;
  /** padded cells along y: absent or 1 in 2D */
  NY?: number;
  NZ: number;
  invDx2: number;
  /** 3D only */
  invDy2?: number;
  invDz2: number;
  v: KernelViews;
  scratch: Float64Array;
}

/** Copies a kernel's views into plain typed arrays so the JS stencil runs on its own memory. */
export function cloneViews(v: KernelViews): KernelViews {
  const out = {} as Record<string, unknown>;
  for (const [k, a] of Object.entries(v)) out[k] = (a as Float64Array).slice();
  return out as unknown as KernelViews;
}

export function jsUpdateState(s: JsState): void {
  const { v } = s;
  const n = s.NX * (s.NY ?? 1) * s.NZ;
  const tab = v.matTable;
  for (let c = 0; c < n; c++) {
    const b = v.mat[c] * MAT_STRIDE;
    const h = v.h[c];
    const hLiq = tab[b + MAT.HLIQ];
    let t: number, k: number, fl: number;
    if (h <= 0) {
      t = tab[b + MAT.TSOL] + h * tab[b + MAT.INV_CF];
      k = tab[b + MAT.KF];
      fl = 0;
    } else if (h < hLiq) {
      t = tab[b + MAT.TSOL] + h * tab[b + MAT.INV_CM];
      fl = h * tab[b + MAT.INV_HLIQ];
      k = tab[b + MAT.KF] + fl * (tab[b + MAT.KU] - tab[b + MAT.KF]);
    } else {
      t = tab[b + MAT.TLIQ] + (h - hLiq) * tab[b + MAT.INV_CU];
      k = tab[b + MAT.KU];
      fl = 1;
    }
    if (h <= 0 && v.frozen[c] === 0) v.frozen[c] = 1;
    if (v.frozen[c] !== 0 && tab[b + MAT.STASIS] !== 0) fl = 0;
    v.t[c] = t;
    v.k[c] = k;
    const w = tab[b + MAT.W];
    v.pa[c] = fl * w;
    v.pb[c] = fl * (w * tab[b + MAT.TA] + tab[b + MAT.QM]);
    if (t < v.tmin[c]) v.tmin[c] = t;
  }
}

const hmean = (a: number, b: number) => (2.0 * a * b) / (a + b + 1e-300);

function updateOwners(v: KernelViews, time: number): void {
  const owners = v.owners;
  const nOwners = owners.length / OWN_STRIDE;
  for (let o = 0; o < nOwners; o++) {
    const r = o * OWN_STRIDE;
    const tf = owners[r + OWN.TFINAL];
    owners[r + OWN.TREF] = tf + (owners[r + OWN.TSTART] - tf) * Math.exp(-(time - owners[r + OWN.TSTART_S]) * owners[r + OWN.INV_TAU]);
  }
}

function applyLinks(v: KernelViews, dt: number): void {
  const owners = v.owners;
  for (let l = 0; l < v.linkCell.length; l++) {
    const c = v.linkCell[l];
    const r = v.linkOwner[l] * OWN_STRIDE;
    const mode = owners[r + OWN.MODE];
    let dh = 0;
    if (mode === 1) {
      const kc = v.k[c];
      const g = kc / (owners[r + OWN.INV_H] * kc + v.linkS[l]);
      dh = v.linkAT[l] * g * (owners[r + OWN.TREF] - v.t[c]);
    } else if (mode === 2) dh = v.linkAQ[l] * owners[r + OWN.Q];
    if (dh !== 0) v.h[c] = v.h[c] + dt * dh;
  }
}

export function jsStep(s: JsState, n: number, time: number, dt: number): number {
  const { v, NX, NZ } = s;
  for (let step = 0; step < n; step++) {
    updateOwners(v, time);
    s.scratch.fill(0);
    for (let k = 1; k < NZ - 1; k++) {
      let fromWest = 0;
      for (let i = 1; i < NX - 1; i++) {
        const c = k * NX + i;
        const tc = v.t[c];
        const kc = v.k[c];
        const east = hmean(kc, v.k[c + 1]) * (v.t[c + 1] - tc);
        const down = hmean(kc, v.k[c + NX]) * (v.t[c + NX] - tc);
        const fx = v.gE[i] * east + v.gW[i] * fromWest;
        const src = v.pb[c] - v.pa[c] * tc;
        v.h[c] = v.h[c] + dt * (fx * s.invDx2 + (s.scratch[i] + down) * s.invDz2 + src);
        s.scratch[i] = -down;
        fromWest = -east;
      }
    }
    applyLinks(v, dt);
    jsUpdateState(s);
    time += dt;
  }
  return time;
}

/** The 3D step: every active cell takes its six faces from its own side, as kernel.ts fluxes3d. */
export function jsStep3d(s: JsState, n: number, time: number, dt: number): number {
  const { v, NX, NZ } = s;
  const NY = s.NY!;
  const plane = NX * NY;
  const face = (c: number, d: number) => hmean(v.k[c], v.k[c + d]) * (v.t[c + d] - v.t[c]);
  for (let step = 0; step < n; step++) {
    updateOwners(v, time);
    for (let k = 1; k < NZ - 1; k++) {
      for (let j = 1; j < NY - 1; j++) {
        for (let i = 1; i < NX - 1; i++) {
          const c = k * plane + j * NX + i;
          if (v.mat[c] === 0) continue;
          const fx = face(c, 1) + face(c, -1);
          const fy = face(c, NX) + face(c, -NX);
          const fz = face(c, -plane) + face(c, plane);
          const src = v.pb[c] - v.pa[c] * v.t[c];
          v.h[c] = v.h[c] + dt * (fx * s.invDx2 + fy * s.invDy2! + fz * s.invDz2 + src);
        }
      }
    }
    applyLinks(v, dt);
    jsUpdateState(s);
    time += dt;
  }
  return time;
}
