/**
 * Linear solver of the implicit step (implicit.ts): conjugate gradients on the symmetric
 * finite-volume matrix, preconditioned with a modified incomplete factor (MIC(0)) in root-free
 * form M = (E − L)·E⁻¹·(E − Lᵀ).
 *
 * The matrix is a diagonal (wDiag) and, per cell, its couplings to the +x, +y and +z neighbours
 * (wAE, wAN, wAD; positive, the off-diagonal entries are their negatives), filled by implicit.ts.
 * The triangular solves are chains along each row (every cell needs the one before it), so their
 * speed is the latency of that chain and the instructions around it: for planar and axisymmetric
 * grids the factor stores each cell's chain coefficients premultiplied (one multiply and one add
 * per link of the chain), together in one record per cell (one address for all of them), r/e is
 * written with each residual (so the forward sweep starts from it), and four rows are swept
 * together, each one cell behind the row before (a wavefront: the cell above is always ready),
 * which runs four independent chains at once. Same arithmetic per cell as a plain row-by-row
 * sweep, and r·z summed in the same order, so the same bits.
 */

// Grid (padded cells) and the work arrays (f64 per cell), set by linearSetup.
let NX: i32 = 0;
let NY: i32 = 1;
let NZ: i32 = 0;
export let wDiag: usize = 0; // matrix diagonal
export let wAE: usize = 0; // coupling to the +x neighbour (positive)
export let wAN: usize = 0; // coupling to the +y neighbour (3D)
export let wAD: usize = 0; // coupling to the +z neighbour
export let wR: usize = 0; // right-hand side, then residual
export let wX: usize = 0; // solution
let wInvE: usize = 0; // 1 / MIC pivot
// 2D: the four arrays from wFW on hold one record per cell instead (REC, R_* below).
let wFW: usize = 0; // forward chain: a_west / pivot (2D)
let wFS: usize = 0; // forward: a_above / pivot (2D)
let wBE: usize = 0; // backward: a_east / pivot (2D)
let wBD: usize = 0; // backward: a_below / pivot (2D)
let wZ: usize = 0; // preconditioned residual
let wP: usize = 0; // search direction
let wQ: usize = 0; // A·p
let wZero: usize = 0; // one row of zeros: the row beyond each end of the grid

/** f64 arrays of one cell count each that linearSetup carves (the zero row counted as one). */
export const LINEAR_ARRAYS: i32 = 15;

/** Carves the solver's arrays from `at` (16-byte aligned) for an nx×ny×nz grid; returns the end. */
export function linearSetup(nx: i32, ny: i32, nz: i32, at: usize): usize {
  NX = nx; NY = ny; NZ = nz;
  const bytes = <usize>(nx * ny * nz) << 3;
  wDiag = at; at += bytes;
  wAE = at; at += bytes;
  wAN = at; at += bytes;
  wAD = at; at += bytes;
  wR = at; at += bytes;
  wX = at; at += bytes;
  wInvE = at; at += bytes;
  wFW = at; at += bytes;
  wFS = at; at += bytes;
  wBE = at; at += bytes;
  wBD = at; at += bytes;
  wZ = at; at += bytes;
  wP = at; at += bytes;
  wQ = at; at += bytes;
  wZero = at; at += bytes;
  memory.fill(wZero, 0, bytes);
  memory.fill(wAN, 0, bytes);
  return at;
}

// The planar/axisymmetric factor keeps each cell's sweep coefficients together, one record of REC
// bytes per cell in the space of the four arrays from wFW on, at these byte offsets.
const REC: usize = 32;
const R_FW: usize = 0; // forward: a_west / pivot
const R_FS: usize = 8; // forward: a_above / pivot
const R_BE: usize = 16; // backward: a_east / pivot
const R_BD: usize = 24; // backward: a_below / pivot

// MIC(0) relaxation and the pivot floor (fraction of the diagonal) below which a pivot falls back to the diagonal.
const MIC_TAU: f64 = 0.97;
const MIC_FLOOR: f64 = 0.25;

@inline function at(base: usize, c: i32): f64 {
  return load<f64>(base + (<usize>c << 3));
}

@inline function put(base: usize, c: i32, v: f64): void {
  store<f64>(base + (<usize>c << 3), v);
}

/** Factors the assembled matrix (MIC(0), natural x, y, z order). */
export function factor(): void {
  if (NY == 1) factor2d();
  else factor3d();
}

/**
 * One pivot of the planar/axisymmetric factor, e = d − Σ_lower a·(a + τ·a_other)/e_lower (west
 * neighbour: coupling aw, its pivot inverse invW, its other coupling awD; the one above: as,
 * invS, asE), stored with the premultiplied coefficients of both triangular sweeps. Returns 1/e.
 */
@inline function pivot(c: i32, aw: f64, invW: f64, awD: f64, as: f64, invS: f64, asE: f64): f64 {
  const d = at(wDiag, c);
  let e = d - aw * invW * (aw + MIC_TAU * awD) - as * invS * (as + MIC_TAU * asE);
  if (e < MIC_FLOOR * d) e = d;
  const inv = 1.0 / e;
  put(wInvE, c, inv);
  const q = wFW + <usize>c * REC;
  store<f64>(q, aw * inv, R_FW);
  store<f64>(q, as * inv, R_FS);
  store<f64>(q, at(wAE, c) * inv, R_BE);
  store<f64>(q, at(wAD, c) * inv, R_BD);
  return inv;
}

/**
 * Planar and axisymmetric factor: rows in pairs, the second one cell behind the first (each
 * pivot waits on its west neighbour's division; two rows give two such chains at once). The
 * first cell of a row has no west coupling (the previous row's last cell couples to nothing).
 */
function factor2d(): void {
  let k = 0;
  for (; k < NZ; k += 2) {
    const a0 = k * NX;
    // The row above the first one: zeros above the grid.
    const off = <usize>(a0 - NX) << 3;
    const upD = k > 0 ? wAD + off : wZero;
    const upE = k > 0 ? wAE + off : wZero;
    const upI = k > 0 ? wInvE + off : wZero;
    let invA = pivot(a0, 0, 0, 0, load<f64>(upD), load<f64>(upI), load<f64>(upE));
    if (k + 1 == NZ) {
      for (let i = 1; i < NX; i++) {
        const c = a0 + i;
        const o = <usize>i << 3;
        invA = pivot(c, at(wAE, c - 1), invA, at(wAD, c - 1), load<f64>(upD + o), load<f64>(upI + o), load<f64>(upE + o));
      }
      break;
    }
    const b0 = a0 + NX;
    let invB: f64 = 0;
    for (let i = 1; i < NX; i++) {
      const ca = a0 + i;
      const cb = b0 + i - 1;
      const o = <usize>i << 3;
      const na = pivot(ca, at(wAE, ca - 1), invA, at(wAD, ca - 1), load<f64>(upD + o), load<f64>(upI + o), load<f64>(upE + o));
      invB = pivot(cb, i > 1 ? at(wAE, cb - 1) : 0, invB, at(wAD, cb - 1), at(wAD, ca - 1), invA, at(wAE, ca - 1));
      invA = na;
    }
    const cb = b0 + NX - 1;
    pivot(cb, at(wAE, cb - 1), invB, at(wAD, cb - 1), at(wAD, a0 + NX - 1), invA, at(wAE, a0 + NX - 1));
  }
}

/**
 * A row's neighbour row in one of the arrays: `base` + the row's byte offset `o` − `back` bytes,
 * or the zero row where that neighbour lies beyond the grid (its couplings are zero there anyway,
 * so the sum is the one the cell-by-cell form with its index checks computed).
 */
@inline function rowOf(base: usize, o: usize, back: usize, inside: bool): usize {
  return inside ? base + o - back : wZero;
}

/**
 * One 3D pivot (cell at byte offset o + b): e = d − Σ_lower a·(a + τ·(a's other couplings))/e_lower
 * over the west cell (aw, invW, awD, awN, in registers) and the cells below in −y (row pointers sN,
 * sI, sE, sD) and −z (uD, uI, uE, uN), in that order. Stores and returns 1/e.
 */
@inline function pivot3(o: usize, b: usize, aw: f64, invW: f64, awD: f64, awN: f64,
  sN: usize, sI: usize, sE: usize, sD: usize, uD: usize, uI: usize, uE: usize, uN: usize): f64 {
  const d = load<f64>(wDiag + o + b);
  let e = d - aw * invW * (aw + MIC_TAU * (awD + awN));
  let a = load<f64>(sN + b);
  e -= a * load<f64>(sI + b) * (a + MIC_TAU * (load<f64>(sE + b) + load<f64>(sD + b)));
  a = load<f64>(uD + b);
  e -= a * load<f64>(uI + b) * (a + MIC_TAU * (load<f64>(uE + b) + load<f64>(uN + b)));
  if (e < MIC_FLOOR * d) e = d;
  const inv = 1.0 / e;
  store<f64>(wInvE + o + b, inv);
  return inv;
}

/**
 * 3D factor, x-row by x-row: the west pivot carried in registers, the row below (−y) and the
 * layer below (−z) read from their own rows without index checks (their couplings are zero at
 * the grid's edges, and the padding column couples to nothing east). Each pivot waits on its
 * west neighbour's division, so rows go in pairs (j, j+1) of a layer, the second one cell behind
 * the first (its −y cell is then ready): two chains at once. Same sums in the same order as a
 * cell-by-cell pass, so the same pivots.
 */
function factor3d(): void {
  const plane = NX * NY;
  const rowB = <usize>NX << 3;
  const planeB = <usize>plane << 3;
  for (let k = 0; k < NZ; k++) {
    const up = k > 0;
    for (let j = 0; j < NY; j += 2) {
      const o = <usize>(k * plane + j * NX) << 3;
      const sN = rowOf(wAN, o, rowB, j > 0);
      const sI = rowOf(wInvE, o, rowB, j > 0);
      const sE = rowOf(wAE, o, rowB, j > 0);
      const sD = rowOf(wAD, o, rowB, j > 0);
      const uD = rowOf(wAD, o, planeB, up);
      const uI = rowOf(wInvE, o, planeB, up);
      const uE = rowOf(wAE, o, planeB, up);
      const uN = rowOf(wAN, o, planeB, up);
      let invA = pivot3(o, 0, 0, 0, 0, 0, sN, sI, sE, sD, uD, uI, uE, uN);
      if (j + 1 == NY) {
        for (let b: usize = 8; b < rowB; b += 8) {
          invA = pivot3(o, b, load<f64>(wAE + o + b - 8), invA, load<f64>(wAD + o + b - 8), load<f64>(wAN + o + b - 8), sN, sI, sE, sD, uD, uI, uE, uN);
        }
        break;
      }
      const ob = o + rowB;
      const vD = rowOf(wAD, ob, planeB, up);
      const vI = rowOf(wInvE, ob, planeB, up);
      const vE = rowOf(wAE, ob, planeB, up);
      const vN = rowOf(wAN, ob, planeB, up);
      let invB: f64 = 0;
      let bw: f64 = 0;
      let bwD: f64 = 0;
      let bwN: f64 = 0;
      for (let b: usize = 8; b < rowB; b += 8) {
        const na = pivot3(o, b, load<f64>(wAE + o + b - 8), invA, load<f64>(wAD + o + b - 8), load<f64>(wAN + o + b - 8), sN, sI, sE, sD, uD, uI, uE, uN);
        invB = pivot3(ob, b - 8, bw, invB, bwD, bwN, wAN + o, wInvE + o, wAE + o, wAD + o, vD, vI, vE, vN);
        bw = load<f64>(wAE + ob + b - 8);
        bwD = load<f64>(wAD + ob + b - 8);
        bwN = load<f64>(wAN + ob + b - 8);
        invA = na;
      }
      pivot3(ob, rowB - 8, bw, invB, bwD, bwN, wAN + o, wInvE + o, wAE + o, wAD + o, vD, vI, vE, vN);
    }
  }
}

/** z = M⁻¹ r with the factor; returns r·z. */
function precondition(): f64 {
  if (NY == 1) {
    forward2d();
    return backward2d();
  }
  return precondition3d();
}

/**
 * One cell of the forward sweep, y = r/e + (a_above/e)·y_above + (a_west/e)·y_west, in place in
 * wZ, which holds r/e (written with r: solve, updateResidual): `p` points at the cell's z, `q`
 * at its factor record.
 */
@inline function fwd(p: usize, q: usize, above: f64, west: f64): f64 {
  const y = load<f64>(p) + load<f64>(q, R_FS) * above + load<f64>(q, R_FW) * west;
  store<f64>(p, y);
  return y;
}

/**
 * One cell of the backward sweep, z = y + (a_east/e)·z_east + (a_below/e)·z_below, stored in
 * wZ: `p` points at the cell's z, `q` at its factor record.
 */
@inline function bwd(p: usize, q: usize, east: f64, below: f64): f64 {
  const z = load<f64>(p) + load<f64>(q, R_BE) * east + load<f64>(q, R_BD) * below;
  store<f64>(p, z);
  return z;
}

/**
 * (E − L)·y = r, y into wZ (which holds r/e): rows in fours, then pairs, each row one cell behind
 * the row before. The cells are walked by pointer (z, and the factor record), so each load is a
 * register plus a constant.
 */
function forward2d(): void {
  const rowB = <usize>NX << 3;
  // From a cell of the first row of a pair to the cell one behind it in the second.
  const bR = rowB - 8;
  const bQ = <usize>(NX - 1) * REC;
  let k = 0;
  // Four rows at a time, each one cell behind the row before: four chains at once.
  if (NX >= 4) for (; k + 3 < NZ; k += 4) {
    const a0 = k * NX;
    let p = wZ + (<usize>a0 << 3);
    let q = wFW + <usize>a0 * REC;
    const end = p + rowB;
    const dU: usize = k > 0 ? <usize>0 - rowB : wZero - p;
    // i = 0..2: the wavefront enters (rows a; a, b; a, b, c).
    let ya = fwd(p, q, load<f64>(p + dU), 0);
    p += 8; q += REC;
    let na = fwd(p, q, load<f64>(p + dU), ya);
    let yb = fwd(p + bR, q + bQ, ya, 0);
    ya = na;
    p += 8; q += REC;
    na = fwd(p, q, load<f64>(p + dU), ya);
    let nb = fwd(p + bR, q + bQ, ya, yb);
    let yc = fwd(p + 2 * bR, q + 2 * bQ, yb, 0);
    ya = na;
    yb = nb;
    let yd: f64 = 0;
    for (p += 8, q += REC; p < end; p += 8, q += REC) {
      na = fwd(p, q, load<f64>(p + dU), ya);
      nb = fwd(p + bR, q + bQ, ya, yb);
      const nc = fwd(p + 2 * bR, q + 2 * bQ, yb, yc);
      yd = fwd(p + 3 * bR, q + 3 * bQ, yc, yd);
      ya = na;
      yb = nb;
      yc = nc;
    }
    // i = NX..NX+2: the wavefront leaves (rows b, c, d; c, d; d).
    nb = fwd(p + bR, q + bQ, ya, yb);
    let nc = fwd(p + 2 * bR, q + 2 * bQ, yb, yc);
    yd = fwd(p + 3 * bR, q + 3 * bQ, yc, yd);
    yb = nb;
    yc = nc;
    p += 8; q += REC;
    nc = fwd(p + 2 * bR, q + 2 * bQ, yb, yc);
    yd = fwd(p + 3 * bR, q + 3 * bQ, yc, yd);
    yc = nc;
    p += 8; q += REC;
    fwd(p + 3 * bR, q + 3 * bQ, yc, yd);
  }
  for (; k + 1 < NZ; k += 2) {
    const a0 = k * NX;
    let p = wZ + (<usize>a0 << 3);
    let q = wFW + <usize>a0 * REC;
    const end = p + rowB;
    // The row above the first one (zeros above the grid), at a fixed distance from p.
    const dU: usize = k > 0 ? <usize>0 - rowB : wZero - p;
    let ya = fwd(p, q, load<f64>(p + dU), 0);
    let yb: f64 = 0;
    for (p += 8, q += REC; p < end; p += 8, q += REC) {
      const na = fwd(p, q, load<f64>(p + dU), ya);
      yb = fwd(p + bR, q + bQ, ya, yb);
      ya = na;
    }
    fwd(p + bR, q + bQ, ya, yb);
  }
  if (k < NZ) {
    const a0 = k * NX;
    let p = wZ + (<usize>a0 << 3);
    let q = wFW + <usize>a0 * REC;
    const end = p + rowB;
    const dU: usize = k > 0 ? <usize>0 - rowB : wZero - p;
    let y: f64 = 0;
    for (; p < end; p += 8, q += REC) y = fwd(p, q, load<f64>(p + dU), y);
  }
}

/**
 * E⁻¹·(E − Lᵀ)·z = y in place in wZ: rows in fours, then pairs, from the top, each row one cell
 * behind the row before; returns r·z, summed in the order of a pair-by-pair pass (each pair's
 * first cell, then the cells two by two, then its last).
 */
function backward2d(): f64 {
  const dR = wR - wZ;
  const rowB = <usize>NX << 3;
  // From a cell of the first row of a pair (the upper one) to the cell one behind it (east) in the second.
  const bZ = rowB - 8;
  const bQ = <usize>(NX - 1) * REC;
  let rz: f64 = 0;
  let k = NZ - 1;
  // Four rows at a time from the top (a, b, c, d downwards), each one cell behind the row before.
  // r·z of the upper pair is summed as the sweep goes; the lower pair's terms are kept in wQ
  // (free until the next A·p) and summed after it, so the sum's order is the pair-by-pair one.
  if (NX >= 4) for (; k >= 3; k -= 4) {
    const a0 = k * NX;
    let p = wZ + (<usize>(a0 + NX - 1) << 3);
    let q = wFW + <usize>(a0 + NX - 1) * REC;
    const stop = wZ + (<usize>a0 << 3);
    const dD = k < NZ - 1 ? rowB : wZero - (p - rowB + 8);
    // The lower pair's r·z terms, in order.
    let t = wQ;
    // i = L, L−1, L−2: the wavefront enters (rows a; a, b; a, b, c).
    let za = bwd(p, q, 0, load<f64>(p + dD));
    rz += load<f64>(p + dR) * za;
    p -= 8; q -= REC;
    let na = bwd(p, q, za, load<f64>(p + dD));
    let pb = p - bZ;
    let zb = bwd(pb, q - bQ, 0, za);
    rz += load<f64>(p + dR) * na + load<f64>(pb + dR) * zb;
    za = na;
    p -= 8; q -= REC;
    na = bwd(p, q, za, load<f64>(p + dD));
    pb = p - bZ;
    let nb = bwd(pb, q - bQ, zb, za);
    rz += load<f64>(p + dR) * na + load<f64>(pb + dR) * nb;
    let pc = pb - bZ;
    let zc = bwd(pc, q - 2 * bQ, 0, zb);
    store<f64>(t, load<f64>(pc + dR) * zc);
    t += 8;
    za = na;
    zb = nb;
    let zd: f64 = 0;
    while (p > stop) {
      p -= 8;
      q -= REC;
      na = bwd(p, q, za, load<f64>(p + dD));
      pb = p - bZ;
      nb = bwd(pb, q - bQ, zb, za);
      rz += load<f64>(p + dR) * na + load<f64>(pb + dR) * nb;
      pc = pb - bZ;
      const nc = bwd(pc, q - 2 * bQ, zc, zb);
      const pd = pc - bZ;
      zd = bwd(pd, q - 3 * bQ, zd, zc);
      store<f64>(t, load<f64>(pc + dR) * nc + load<f64>(pd + dR) * zd);
      t += 8;
      za = na;
      zb = nb;
      zc = nc;
    }
    // The wavefront leaves: rows b, c, d; c, d; d.
    pb = p - bZ - 8;
    q -= REC;
    nb = bwd(pb, q - bQ, zb, za);
    rz += load<f64>(pb + dR) * nb;
    pc = pb - bZ;
    let nc = bwd(pc, q - 2 * bQ, zc, zb);
    let pd = pc - bZ;
    zd = bwd(pd, q - 3 * bQ, zd, zc);
    store<f64>(t, load<f64>(pc + dR) * nc + load<f64>(pd + dR) * zd);
    t += 8;
    zb = nb;
    zc = nc;
    pc -= 8;
    q -= REC;
    nc = bwd(pc, q - 2 * bQ, zc, zb);
    pd = pc - bZ;
    zd = bwd(pd, q - 3 * bQ, zd, zc);
    store<f64>(t, load<f64>(pc + dR) * nc + load<f64>(pd + dR) * zd);
    t += 8;
    zc = nc;
    pd -= 8;
    q -= REC;
    zd = bwd(pd, q - 3 * bQ, zd, zc);
    store<f64>(t, load<f64>(pd + dR) * zd);
    t += 8;
    for (let u = wQ; u < t; u += 8) rz += load<f64>(u);
  }
  for (; k >= 1; k -= 2) {
    const a0 = k * NX;
    // The last cell of the upper row and its record; the pair's lower row starts one cell behind.
    let p = wZ + (<usize>(a0 + NX - 1) << 3);
    let q = wFW + <usize>(a0 + NX - 1) * REC;
    const stop = wZ + (<usize>a0 << 3);
    // The row below the upper one (zeros below the grid), at a fixed distance from p.
    const dD = k < NZ - 1 ? rowB : wZero - (p - rowB + 8);
    let za = bwd(p, q, 0, load<f64>(p + dD));
    rz += load<f64>(p + dR) * za;
    let zb: f64 = 0;
    while (p > stop) {
      p -= 8;
      q -= REC;
      const na = bwd(p, q, za, load<f64>(p + dD));
      const pb = p - bZ;
      zb = bwd(pb, q - bQ, zb, za);
      rz += load<f64>(p + dR) * na + load<f64>(pb + dR) * zb;
      za = na;
    }
    const pb = p - bZ - 8;
    zb = bwd(pb, q - bQ - REC, zb, za);
    rz += load<f64>(pb + dR) * zb;
  }
  if (k == 0) {
    let p = wZ + (<usize>(NX - 1) << 3);
    let q = wFW + <usize>(NX - 1) * REC;
    const dD = NZ > 1 ? rowB : wZero - wZ;
    let z: f64 = 0;
    for (let i = NX - 1; i >= 0; i--) {
      z = bwd(p, q, z, load<f64>(p + dD));
      rz += load<f64>(p + dR) * z;
      p -= 8;
      q -= REC;
    }
  }
  return rz;
}

/** One cell of the 3D forward sweep: z = (r + a_west·z_west + a_−y·z_−y + a_−z·z_−z)/e, stored and returned. */
@inline function fwd3(o: usize, b: usize, aw: f64, zw: f64, sN: usize, sZ: usize, uD: usize, uZ: usize): f64 {
  let t = load<f64>(wR + o + b);
  t += aw * zw;
  t += load<f64>(sN + b) * load<f64>(sZ + b);
  t += load<f64>(uD + b) * load<f64>(uZ + b);
  const z = t * load<f64>(wInvE + o + b);
  store<f64>(wZ + o + b, z);
  return z;
}

/** One cell of the 3D backward sweep: z += (a_east·z_east + a_+y·z_+y + a_+z·z_+z)/e, stored and returned. */
@inline function bwd3(o: usize, b: usize, ze: f64, nZ: usize, dZ: usize): f64 {
  let t: f64 = 0;
  t += load<f64>(wAE + o + b) * ze;
  t += load<f64>(wAN + o + b) * load<f64>(nZ + b);
  t += load<f64>(wAD + o + b) * load<f64>(dZ + b);
  const z = load<f64>(wZ + o + b) + load<f64>(wInvE + o + b) * t;
  store<f64>(wZ + o + b, z);
  return z;
}

/**
 * 3D sweeps, x-row by x-row (neighbour rows as in factor3d), rows in pairs with the second one
 * cell behind, as the factor; returns r·z. r·z is summed after each pair, cell by cell in
 * descending order, so its rounding is that of a plain backward pass.
 */
function precondition3d(): f64 {
  const plane = NX * NY;
  const rowB = <usize>NX << 3;
  const planeB = <usize>plane << 3;
  for (let k = 0; k < NZ; k++) {
    const up = k > 0;
    for (let j = 0; j < NY; j += 2) {
      const o = <usize>(k * plane + j * NX) << 3;
      const sN = rowOf(wAN, o, rowB, j > 0);
      const sZ = rowOf(wZ, o, rowB, j > 0);
      const uD = rowOf(wAD, o, planeB, up);
      const uZ = rowOf(wZ, o, planeB, up);
      let za = fwd3(o, 0, 0, 0, sN, sZ, uD, uZ);
      if (j + 1 == NY) {
        for (let b: usize = 8; b < rowB; b += 8) za = fwd3(o, b, load<f64>(wAE + o + b - 8), za, sN, sZ, uD, uZ);
        break;
      }
      const ob = o + rowB;
      const vD = rowOf(wAD, ob, planeB, up);
      const vZ = rowOf(wZ, ob, planeB, up);
      let zb: f64 = 0;
      let bw: f64 = 0;
      for (let b: usize = 8; b < rowB; b += 8) {
        const na = fwd3(o, b, load<f64>(wAE + o + b - 8), za, sN, sZ, uD, uZ);
        zb = fwd3(ob, b - 8, bw, zb, wAN + o, wZ + o, vD, vZ);
        bw = load<f64>(wAE + ob + b - 8);
        za = na;
      }
      fwd3(ob, rowB - 8, bw, zb, wAN + o, wZ + o, vD, vZ);
    }
  }
  let rz: f64 = 0;
  for (let k = NZ - 1; k >= 0; k--) {
    // The layer beyond (+z): this layer's own couplings to it are zero at the edge.
    const dOff = k < NZ - 1 ? planeB : 0;
    for (let j = NY - 1; j >= 0; j -= 2) {
      const o = <usize>(k * plane + j * NX) << 3;
      const nZ = j < NY - 1 ? wZ + o + rowB : wZero;
      const dZ = dOff != 0 ? wZ + o + dOff : wZero;
      const last = rowB - 8;
      let za = bwd3(o, last, 0, nZ, dZ);
      if (j == 0) {
        for (let b = last; b > 0;) {
          b -= 8;
          za = bwd3(o, b, za, nZ, dZ);
        }
        for (let b = rowB; b > 0;) {
          b -= 8;
          rz += load<f64>(wR + o + b) * load<f64>(wZ + o + b);
        }
        break;
      }
      const ob = o - rowB;
      const eZ = dOff != 0 ? wZ + ob + dOff : wZero;
      let zb: f64 = 0;
      for (let b = last; b > 0;) {
        b -= 8;
        const na = bwd3(o, b, za, nZ, dZ);
        zb = bwd3(ob, b + 8, zb, wZ + o, eZ);
        za = na;
      }
      bwd3(ob, 0, zb, wZ + o, eZ);
      for (let b = rowB; b > 0;) {
        b -= 8;
        rz += load<f64>(wR + o + b) * load<f64>(wZ + o + b);
      }
      for (let b = rowB; b > 0;) {
        b -= 8;
        rz += load<f64>(wR + ob + b) * load<f64>(wZ + ob + b);
      }
    }
  }
  return rz;
}

/** q = A p; returns p·q. */
function matvec(): f64 {
  return NY == 1 ? matvec2d() : matvec3d();
}

/** matvec for one row range [c0, c1) with every neighbour index checked (the halo rows). */
function matvecRows2d(c0: i32, c1: i32): f64 {
  const n = NX * NZ;
  let pq: f64 = 0;
  for (let c = c0; c < c1; c++) {
    const pc = at(wP, c);
    let q = at(wDiag, c) * pc;
    if (c + 1 < n) q -= at(wAE, c) * at(wP, c + 1);
    if (c >= 1) q -= at(wAE, c - 1) * at(wP, c - 1);
    if (c + NX < n) q -= at(wAD, c) * at(wP, c + NX);
    if (c >= NX) q -= at(wAD, c - NX) * at(wP, c - NX);
    put(wQ, c, q);
    pq += pc * q;
  }
  return pq;
}

/**
 * Planar and axisymmetric matvec: the halo rows checked, the rows between two cells at a time
 * (f64x2), the product p·q in four running sums. NX is a multiple of 4, so the rows between
 * hold a multiple of 4 cells.
 */
function matvec2d(): f64 {
  const n = NX * NZ;
  if (NZ < 3) return matvecRows2d(0, n);
  let pq = matvecRows2d(0, NX) + matvecRows2d(n - NX, n);
  const rowB = <usize>NX << 3;
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  const end = wP + (<usize>(n - NX) << 3);
  const dP = wDiag - wP;
  const eP = wAE - wP;
  const zP = wAD - wP;
  const qP = wQ - wP;
  for (let p = wP + rowB; p < end; p += 32) {
    const p0 = v128.load(p);
    let q0 = f64x2.mul(v128.load(p + dP), p0);
    q0 = f64x2.sub(q0, f64x2.mul(v128.load(p + eP), v128.load(p, 8)));
    q0 = f64x2.sub(q0, f64x2.mul(v128.load(p + eP - 8), v128.load(p - 8)));
    q0 = f64x2.sub(q0, f64x2.mul(v128.load(p + zP), v128.load(p + rowB)));
    q0 = f64x2.sub(q0, f64x2.mul(v128.load(p + zP - rowB), v128.load(p - rowB)));
    v128.store(p + qP, q0);
    acc0 = f64x2.add(acc0, f64x2.mul(p0, q0));
    const p1 = v128.load(p, 16);
    let q1 = f64x2.mul(v128.load(p + dP, 16), p1);
    q1 = f64x2.sub(q1, f64x2.mul(v128.load(p + eP, 16), v128.load(p, 24)));
    q1 = f64x2.sub(q1, f64x2.mul(v128.load(p + eP, 8), v128.load(p, 8)));
    q1 = f64x2.sub(q1, f64x2.mul(v128.load(p + zP, 16), v128.load(p + rowB, 16)));
    q1 = f64x2.sub(q1, f64x2.mul(v128.load(p + zP - rowB, 16), v128.load(p - rowB, 16)));
    v128.store(p + qP, q1, 16);
    acc1 = f64x2.add(acc1, f64x2.mul(p1, q1));
  }
  const acc = f64x2.add(acc0, acc1);
  return pq + f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/**
 * 3D A·p, x-row by x-row (neighbour rows as in factor3d), two cells at a time (f64x2; NX is a
 * multiple of 4): each lane subtracts the same products in the same order as one cell alone, the
 * west product from the carried values, the padding column's east neighbour 0; p·q is summed cell
 * by cell in row order. Returns p·q.
 */
function matvec3d(): f64 {
  const plane = NX * NY;
  const rowB = <usize>NX << 3;
  const planeB = <usize>plane << 3;
  const lastPairB = rowB - 16;
  let pq: f64 = 0;
  for (let k = 0; k < NZ; k++) {
    for (let j = 0; j < NY; j++) {
      const o = <usize>(k * plane + j * NX) << 3;
      const pDown = k < NZ - 1 ? wP + o + planeB : wZero;
      const aUp = rowOf(wAD, o, planeB, k > 0);
      const pUp = rowOf(wP, o, planeB, k > 0);
      const pN = j < NY - 1 ? wP + o + rowB : wZero;
      const aS = rowOf(wAN, o, rowB, j > 0);
      const pS = rowOf(wP, o, rowB, j > 0);
      let aw: f64 = 0;
      let pw: f64 = 0;
      for (let b: usize = 0; b < rowB; b += 16) {
        const pc = v128.load(wP + o + b);
        const ae = v128.load(wAE + o + b);
        // East neighbours: the next two cells, the padding column's (the row's last cell) none.
        const pe = b < lastPairB ? v128.load(wP + o + b + 8) : f64x2.replace_lane(f64x2.splat(f64x2.extract_lane(pc, 1)), 1, 0);
        const awV = f64x2.replace_lane(f64x2.splat(aw), 1, f64x2.extract_lane(ae, 0));
        const pwV = f64x2.replace_lane(f64x2.splat(pw), 1, f64x2.extract_lane(pc, 0));
        let q = f64x2.sub(
          f64x2.sub(f64x2.mul(v128.load(wDiag + o + b), pc), f64x2.mul(v128.load(wAD + o + b), v128.load(pDown + b))),
          f64x2.mul(v128.load(aUp + b), v128.load(pUp + b)),
        );
        q = f64x2.sub(q, f64x2.mul(ae, pe));
        q = f64x2.sub(q, f64x2.mul(awV, pwV));
        q = f64x2.sub(q, f64x2.mul(v128.load(wAN + o + b), v128.load(pN + b)));
        q = f64x2.sub(q, f64x2.mul(v128.load(aS + b), v128.load(pS + b)));
        v128.store(wQ + o + b, q);
        const prod = f64x2.mul(pc, q);
        pq += f64x2.extract_lane(prod, 0);
        pq += f64x2.extract_lane(prod, 1);
        aw = f64x2.extract_lane(ae, 1);
        pw = f64x2.extract_lane(pc, 1);
      }
    }
  }
  return pq;
}

/** x += α·p, r −= α·q (and r/e into wZ on planar and axisymmetric grids); returns how many cells keep |r| above absTolK × their diagonal. */
function updateResidual(n: i32, alpha: f64, absTolK: f64): i32 {
  const va = f64x2.splat(alpha);
  const vt = f64x2.splat(absTolK);
  let over = i64x2.splat(0);
  const bytes = <usize>n << 3;
  // Planar/axisymmetric: also r/e into wZ, where the forward sweep starts (forward2d).
  const rOverE = NY == 1;
  for (let o: usize = 0; o < bytes; o += 16) {
    v128.store(wX + o, f64x2.add(v128.load(wX + o), f64x2.mul(va, v128.load(wP + o))));
    const r = f64x2.sub(v128.load(wR + o), f64x2.mul(va, v128.load(wQ + o)));
    v128.store(wR + o, r);
    if (rOverE) v128.store(wZ + o, f64x2.mul(r, v128.load(wInvE + o)));
    // A true comparison is all ones (−1 as an integer).
    over = i64x2.sub(over, f64x2.gt(f64x2.abs(r), f64x2.mul(vt, v128.load(wDiag + o))));
  }
  return <i32>(i64x2.extract_lane(over, 0) + i64x2.extract_lane(over, 1));
}

/** How many cells have |r| above absTolK × their diagonal, two cells at a time (`bytes` of cells, a multiple of 16). */
function countOver(bytes: usize, absTolK: f64): i32 {
  const vt = f64x2.splat(absTolK);
  let over = i64x2.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) {
    // A true comparison is all ones (−1 as an integer).
    over = i64x2.sub(over, f64x2.gt(f64x2.abs(v128.load(wR + o)), f64x2.mul(vt, v128.load(wDiag + o))));
  }
  return <i32>(i64x2.extract_lane(over, 0) + i64x2.extract_lane(over, 1));
}

/**
 * Preconditioned CG for A·x = r (x starts at 0), stopped when the preconditioned residual norm
 * falls by `relTol` or its diagonal-scaled size is below `absTolK` kelvin everywhere. The factor
 * must be current (factor()); r is overwritten by the residual. Returns the iterations.
 */
export function solve(relTol: f64, absTolK: f64, maxIter: i32): i32 {
  const n = NX * NY * NZ;
  const bytes = <usize>n << 3;
  memory.fill(wX, 0, bytes);
  if (NY == 1) {
    // r/e into wZ, where the planar/axisymmetric forward sweep starts (forward2d).
    for (let o: usize = 0; o < bytes; o += 16) v128.store(wZ + o, f64x2.mul(v128.load(wR + o), v128.load(wInvE + o)));
  }
  let rz = precondition();
  memory.copy(wP, wZ, bytes);
  const rz0 = rz;
  let it = 0;
  // Cells whose diagonal-scaled residual |r|/diag is above absTolK (compared without dividing).
  let over = countOver(bytes, absTolK);
  // β of the direction update still to do: it runs at the top of the next iteration, so the
  // solve that stops (most of them, after one or two iterations) skips that pass over p and z.
  let beta: f64 = 0;
  while (it < maxIter) {
    if (over == 0 || rz <= relTol * relTol * rz0) break;
    if (it > 0) {
      const vb = f64x2.splat(beta);
      // n is a multiple of 4 (NX is): two cells at a time.
      for (let o: usize = 0; o < bytes; o += 16) {
        v128.store(wP + o, f64x2.add(v128.load(wZ + o), f64x2.mul(vb, v128.load(wP + o))));
      }
    }
    const pq = matvec();
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    over = updateResidual(n, alpha, absTolK);
    const rzNew = precondition();
    beta = rzNew / rz;
    rz = rzNew;
    it++;
  }
  return it;
}
