/**
 * Implicit enthalpy step (variable-step BDF2, backward Euler without history) beside the
 * explicit reference kernel.
 *
 * This module re-exports the whole f64 kernel (kernel.ts): the host loads it exactly like the
 * reference kernel (same memory layout, same arrays, same boundary links and owners), plus a
 * work area for the solver. A step of length dt solves
 *
 *   H(T) − H_s = dt_eff · Op(T)            (Op: the explicit kernel's fluxes, sources and links)
 *
 * with H_s = Hⁿ, dt_eff = dt for backward Euler, and H_s = Hⁿ + a·(Hⁿ − Hⁿ⁻¹), dt_eff =
 * (1+ω)/(1+2ω)·dt, a = ω²/(1+2ω), ω = dt/dt_prev for BDF2. T is found by a Newton iteration on
 * H(T) (Voller–Swaminathan consistent update: H += C·δT with C the slope dH/dT of the cell's
 * current branch; an update that crosses the solidus or liquidus stops just past it, which stops
 * kink cycling). Conductivities, perfusion and film conductances are re-evaluated from each
 * iterate (lagging them at the step's start is a first-order error in the front speed), so each
 * linear system is the symmetric, positive definite finite-volume operator
 *
 *   (V·C + dt_eff·V·A) δT = V·[H_s − H + dt_eff·Op(T)]
 *
 * (axisymmetric r-weights are symmetric once multiplied by the cell volume), solved by
 * conjugate gradients preconditioned with a modified incomplete Cholesky factor (MIC(0)).
 *
 * The host solves (implicitSolve), reads the error estimate (implicitErrorRatio), then accepts
 * (implicitAccept) or rejects (implicitReject) the step. The accepted state is produced by the
 * explicit kernel's own `step`, run once with the solved temperatures in T:
 * H = H_s + dt_eff·Op(T_solved). So the discrete operator and the energy bookkeeping (boundary
 * and source counters, plus the BDF2 history part kept here) are the reference kernel's, and the
 * energy balance closes to round-off whatever the solver tolerance; the tolerance only sets how
 * far T(H) may differ from the temperatures the fluxes used (checked and reported).
 */
export * from './kernel';
import { step, updateState, getSourceEnergy as kernelSourceEnergy, resetEnergy as kernelResetEnergy } from './kernel';
import { updateOwners, getBoundaryEnergy as kernelBoundaryEnergy } from './boundary-links';

import { hmean, hmeanPair } from './harmonic-mean';
import { enthalpyState, enthalpyStatePair, lawTabulated, pairLaw, pairPerfusion, resetPairLaw } from './enthalpy-state';
import { LINEAR_ARRAYS, linearSetup, factor, solve, wDiag, wAE, wAN, wAD, wR, wX } from './implicit-linear';
import { MAT_STRIDE, M_TSOL, M_TLIQ, M_HLIQ, M_W, M_TA, M_QM, M_STASIS, OWN_STRIDE, O_MODE, O_INV_H, O_Q, O_TREF } from './layout';

let NX: i32 = 0;
let NY: i32 = 1;
let NZ: i32 = 0;
let invDx2: f64 = 0;
let invDy2: f64 = 0;
let invDz2: f64 = 0;

// Shared with the explicit kernel (byte offsets into the one memory).
let pH: usize = 0;
let pT: usize = 0;
let pK: usize = 0;
let pPA: usize = 0;
let pPB: usize = 0;
let pMat: usize = 0;
let pFrozen: usize = 0;
let pGE: usize = 0;
let pGW: usize = 0;
let pVol: usize = 0;
let pMatTable: usize = 0;
let pLinkCell: usize = 0;
let pLinkOwner: usize = 0;
let pLinkAT: usize = 0;
let pLinkS: usize = 0;
let pLinkAQ: usize = 0;
let pOwners: usize = 0;

// Work arrays (f64 per cell), carved from the host's work area; the linear solver's follow them.
let wHn: usize = 0; // enthalpy at the step's start
let wC: usize = 0; // dH/dT of the iterate
let wDH: usize = 0; // ΔH of the previous accepted step (BDF2 history, error estimate)
let wDH2: usize = 0; // ΔH of the step before it (second-order error estimate)
let wHs: usize = 0; // the solve's start enthalpy: Hⁿ (backward Euler) or Hⁿ + a·ΔH_prev (BDF2)
const OWN_ARRAYS: i32 = 5;

// BDF2 energy bookkeeping: a step's change is ΔHⁿ⁺¹ = a·ΔHⁿ + dt_eff·Op(T), and the kernel's
// counters see only the second term. The history part is the previous step's counted heat times
// a, added here so that getBoundaryEnergy/getSourceEnergy still sum every cell's change exactly.
let histBoundaryJ: f64 = 0;
let histSourceJ: f64 = 0;
let prevBoundaryJ: f64 = 0; // the previous accepted step's full counted boundary heat
let prevSourceJ: f64 = 0;
// The solved step's history weight a and effective length, kept for implicitAccept.
let lastHist: f64 = 0;
let lastDtE: f64 = 0;

let linearIterations: i32 = 0;
let newtonIterations: i32 = 0;
let lastMismatchK: f64 = 0;

/** Bytes of work area the implicit step needs for `cells` padded cells. */
export function implicitWorkBytes(cells: i32): i32 {
  return cells * (OWN_ARRAYS + LINEAR_ARRAYS) * 8 + 16 * 16;
}

/**
 * Wires the implicit step to the explicit kernel's arrays (byte offsets, as laid out by the
 * host) and to its own work area at `work` (implicitWorkBytes long). Call after setGrid.
 */
export function implicitSetup(
  nx: i32, ny: i32, nz: i32, idx2: f64, idy2: f64, idz2: f64,
  h: usize, t: usize, k: usize, pa: usize, pb: usize, mat: usize, frozen: usize,
  gE: usize, gW: usize, vol: usize, matTable: usize,
  linkCell: usize, linkOwner: usize, linkAT: usize, linkS: usize, linkAQ: usize, owners: usize,
  work: usize,
): void {
  NX = nx; NY = ny; NZ = nz; invDx2 = idx2; invDy2 = idy2; invDz2 = idz2;
  pH = h; pT = t; pK = k; pPA = pa; pPB = pb; pMat = mat; pFrozen = frozen;
  pGE = gE; pGW = gW; pVol = vol; pMatTable = matTable;
  pLinkCell = linkCell; pLinkOwner = linkOwner; pLinkAT = linkAT; pLinkS = linkS; pLinkAQ = linkAQ; pOwners = owners;
  const n = <usize>(nx * ny * nz);
  let at = (work + 15) & ~<usize>15;
  wHn = at; at += n << 3;
  wC = at; at += n << 3;
  wDH = at; at += n << 3;
  wDH2 = at; at += n << 3;
  wHs = at; at += n << 3;
  linearSetup(nx, ny, nz, at);
  memory.fill(wDH, 0, n << 3);
  memory.fill(wDH2, 0, n << 3);
  lastRate = 1;
}

@inline function matVal(m: i32, field: i32): f64 {
  return load<f64>(pMatTable + (<usize>(m * MAT_STRIDE + field) << 3));
}

@inline function ownVal(o: i32, field: i32): f64 {
  return load<f64>(pOwners + (<usize>(o * OWN_STRIDE + field) << 3));
}

@inline function f64At(base: usize, c: i32): f64 {
  return load<f64>(base + (<usize>c << 3));
}

@inline function setF64(base: usize, c: i32, v: f64): void {
  store<f64>(base + (<usize>c << 3), v);
}

/**
 * T, k, perfusion and dH/dT of every cell from H — the law of enthalpy-state.ts, as kernel.ts updateState,
 * without its side effects (coldest temperature, frozen flag), since iterates are not states.
 * Two cells at a time where both are active cells of one material without a frozen table, with
 * the material's pair law (enthalpy-state.ts pairLaw, as kernel.ts updateState): the same bits as
 * one cell at a time.
 */
function evalState(): void {
  const n = NX * NY * NZ;
  resetPairLaw();
  for (let c = 0; c < n; c += 2) {
    const m = <i32>load<u8>(pMat + <usize>c);
    const law = pairLaw(pMatTable, m);
    if (m != <i32>load<u8>(pMat + <usize>(c + 1)) || m == 0 || lawTabulated(law)) {
      evalCell(c);
      evalCell(c + 1);
      continue;
    }
    const off = <usize>c << 3;
    const fl = enthalpyStatePair(law, v128.load(pH + off), pT + off, pK + off, wC + off);
    pairPerfusion(law, fl, <u32>load<u16>(pFrozen + <usize>c), pPA + off, pPB + off);
  }
}

/** evalState for one cell. */
@inline function evalCell(c: i32): void {
  const m = <i32>load<u8>(pMat + <usize>c);
  if (m == 0) {
    setF64(wC, c, 0);
    return;
  }
  const h = f64At(pH, c);
  let fl = enthalpyState(pMatTable, m, h, pT + (<usize>c << 3), pK + (<usize>c << 3), wC + (<usize>c << 3));
  if (load<u8>(pFrozen + <usize>c) != 0 && matVal(m, M_STASIS) != 0) fl = 0;
  const w = matVal(m, M_W);
  setF64(pPA, c, fl * w);
  setF64(pPB, c, fl * (w * matVal(m, M_TA) + matVal(m, M_QM)));
}

// Film + half-cell conductance per volume of link l (owner o, cell c): as boundary-links.ts applyLinks.
@inline function linkConductance(l: i32, o: i32, c: i32): f64 {
  const lo = <usize>l << 3;
  const kc = f64At(pK, c);
  return load<f64>(pLinkAT + lo) * kc / (ownVal(o, O_INV_H) * kc + load<f64>(pLinkS + lo));
}

/**
 * The linearised system at the current iterate, in one pass: the face couplings dt·V·conductance
 * (each face once, from its lower cell, written for every cell: zero where there is no face), the
 * diagonal V·C + Σ couplings + dt·V·(perfusion + film links), and the residual
 * V·[H_s − H + dt·Op(T)] (Op exactly as kernel.ts step computes it: fluxes, perfusion and
 * metabolism, boundary links). A cell's faces to its lower neighbours were written earlier in the
 * same pass.
 */
function assemble(dt: f64, nLinks: i32): void {
  if (NY == 1) assembleCells2d(dt);
  else assembleCells3d(dt);
  assembleLinks(dt, nLinks);
}

/**
 * assemble's cell pass on a 3D grid: the boundary layers and rows, the last two columns and any
 * pair with an inactive cell as assembleCell, the other cells two at a time (f64x2) with the same
 * operations in the same order per cell (as assembleCells2d, plus the ±y couplings), so the same bits.
 */
function assembleCells3d(dt: f64): void {
  const plane = NX * NY;
  for (let k = 0; k < NZ; k++) {
    for (let j = 0; j < NY; j++) {
      const row = k * plane + j * NX;
      if (k == 0 || k == NZ - 1 || j == 0 || j == NY - 1) {
        for (let i = 0; i < NX; i++) assembleCell(dt, row + i, i, j, k);
        continue;
      }
      let i = 0;
      for (; i + 2 < NX - 1; i += 2) {
        const c = row + i;
        if (load<u8>(pMat + <usize>c) == 0 || load<u8>(pMat + <usize>(c + 1)) == 0) {
          assembleCell(dt, c, i, j, k);
          assembleCell(dt, c + 1, i + 1, j, k);
          continue;
        }
        assemblePair(dt, <usize>c << 3, <usize>i << 3, <usize>plane << 3, <usize>NX << 3);
      }
      for (; i < NX; i++) assembleCell(dt, row + i, i, j, k);
    }
  }
}

/** assemble's cell pass for cell c (column i, row j, layer k): its couplings to its upper neighbours, diagonal and residual. */
function assembleCell(dt: f64, c: i32, i: i32, j: i32, k: i32): void {
  const plane = NX * NY;
  const three = NY > 1;
  const kc = f64At(pK, c);
  const v = f64At(pVol, i);
  let aE: f64 = 0;
  let aN: f64 = 0;
  let aD: f64 = 0;
  // The last layer and column are padding: they couple to nothing beyond.
  if (kc != 0 && k < NZ - 1) {
    if (i < NX - 1) aE = dt * v * invDx2 * f64At(pGE, i) * hmean(kc, f64At(pK, c + 1));
    if (three && j < NY - 1) aN = dt * v * invDy2 * hmean(kc, f64At(pK, c + NX));
    aD = dt * v * invDz2 * hmean(kc, f64At(pK, c + plane));
  }
  setF64(wAE, c, aE);
  if (three) setF64(wAN, c, aN);
  setF64(wAD, c, aD);
  if (load<u8>(pMat + <usize>c) == 0) {
    setF64(wDiag, c, 1.0);
    setF64(wR, c, 0);
    return;
  }
  const tc = f64At(pT, c);
  const aW = f64At(wAE, c - 1);
  const aU = f64At(wAD, c - plane);
  let flux = aE * (f64At(pT, c + 1) - tc) + aW * (f64At(pT, c - 1) - tc) + aD * (f64At(pT, c + plane) - tc) + aU * (f64At(pT, c - plane) - tc);
  const pa = f64At(pPA, c);
  let d = aE + aD + dt * v * pa + aW + aU;
  if (three) {
    const aS = f64At(wAN, c - NX);
    flux += aN * (f64At(pT, c + NX) - tc) + aS * (f64At(pT, c - NX) - tc);
    d += aN + aS;
  }
  const src = f64At(pPB, c) - pa * tc;
  setF64(wDiag, c, v * f64At(wC, c) + d);
  setF64(wR, c, v * (f64At(wHs, c) - f64At(pH, c)) + flux + dt * v * src);
}

/**
 * assemble's cell pass on a planar or axisymmetric grid: the edge rows, the last two columns and
 * any pair with an inactive cell as assembleCell, the other cells two at a time (f64x2), with
 * the same operations in the same order per cell, so the same bits. (assembleCell skips the
 * couplings of a cell with k = 0; an active cell's k is positive, and the harmonic mean with a
 * neighbour's k = 0 is +0 either way.)
 */
function assembleCells2d(dt: f64): void {
  for (let k = 0; k < NZ; k++) {
    const row = k * NX;
    if (k == 0 || k == NZ - 1) {
      for (let i = 0; i < NX; i++) assembleCell(dt, row + i, i, 0, k);
      continue;
    }
    let i = 0;
    for (; i + 2 < NX - 1; i += 2) {
      const c = row + i;
      if (load<u8>(pMat + <usize>c) == 0 || load<u8>(pMat + <usize>(c + 1)) == 0) {
        assembleCell(dt, c, i, 0, k);
        assembleCell(dt, c + 1, i + 1, 0, k);
        continue;
      }
      assemblePair(dt, <usize>c << 3, <usize>i << 3, <usize>NX << 3, 0);
    }
    for (; i < NX; i++) assembleCell(dt, row + i, i, 0, k);
  }
}

/**
 * assemble's cell pass for the two active cells at byte offset o (column byte offset io), on the
 * two lanes of an f64x2: `zB` bytes to the ±z neighbours, `yB` to the ±y ones (0: a planar or
 * axisymmetric grid, no y couplings). Each lane does assembleCell's operations in its order, so the
 * same bits; the west coupling of the first lane is the one written just before.
 */
@inline function assemblePair(dt: f64, o: usize, io: usize, zB: usize, yB: usize): void {
  const kc = v128.load(pK + o);
  const v = v128.load(pVol + io);
  const dtv = f64x2.mul(f64x2.splat(dt), v);
  const aE = f64x2.mul(f64x2.mul(f64x2.mul(dtv, f64x2.splat(invDx2)), v128.load(pGE + io)), hmeanPair(kc, v128.load(pK + o, 8)));
  const aD = f64x2.mul(f64x2.mul(dtv, f64x2.splat(invDz2)), hmeanPair(kc, v128.load(pK + o + zB)));
  v128.store(wAE + o, aE);
  v128.store(wAD + o, aD);
  const aW = f64x2.replace_lane(f64x2.splat(load<f64>(wAE + o - 8)), 1, f64x2.extract_lane(aE, 0));
  const aU = v128.load(wAD + o - zB);
  const tc = v128.load(pT + o);
  let flux = f64x2.add(
    f64x2.mul(aE, f64x2.sub(v128.load(pT + o, 8), tc)),
    f64x2.mul(aW, f64x2.sub(v128.load(pT + o - 8), tc)),
  );
  flux = f64x2.add(flux, f64x2.mul(aD, f64x2.sub(v128.load(pT + o + zB), tc)));
  flux = f64x2.add(flux, f64x2.mul(aU, f64x2.sub(v128.load(pT + o - zB), tc)));
  const pa = v128.load(pPA + o);
  let d = f64x2.add(f64x2.add(f64x2.add(f64x2.add(aE, aD), f64x2.mul(dtv, pa)), aW), aU);
  if (yB != 0) {
    const aN = f64x2.mul(f64x2.mul(dtv, f64x2.splat(invDy2)), hmeanPair(kc, v128.load(pK + o + yB)));
    v128.store(wAN + o, aN);
    const aS = v128.load(wAN + o - yB);
    flux = f64x2.add(flux, f64x2.add(f64x2.mul(aN, f64x2.sub(v128.load(pT + o + yB), tc)), f64x2.mul(aS, f64x2.sub(v128.load(pT + o - yB), tc))));
    d = f64x2.add(d, f64x2.add(aN, aS));
  }
  const src = f64x2.sub(v128.load(pPB + o), f64x2.mul(pa, tc));
  v128.store(wDiag + o, f64x2.add(f64x2.mul(v, v128.load(wC + o)), d));
  const dh = f64x2.mul(v, f64x2.sub(v128.load(wHs + o), v128.load(pH + o)));
  v128.store(wR + o, f64x2.add(f64x2.add(dh, flux), f64x2.mul(dtv, src)));
}

/** assemble's link pass: film links add to the diagonal and residual, line powers to the residual. */
function assembleLinks(dt: f64, nLinks: i32): void {
  for (let l = 0; l < nLinks; l++) {
    const c = load<i32>(pLinkCell + (<usize>l << 2));
    const o = load<i32>(pLinkOwner + (<usize>l << 2));
    const mode = ownVal(o, O_MODE);
    const v = f64At(pVol, c % NX);
    if (mode == 1) {
      const g = dt * v * linkConductance(l, o, c);
      if (load<u8>(pMat + <usize>c) != 0) setF64(wDiag, c, f64At(wDiag, c) + g);
      setF64(wR, c, f64At(wR, c) + g * (ownVal(o, O_TREF) - f64At(pT, c)));
    } else if (mode == 2) {
      setF64(wR, c, f64At(wR, c) + dt * v * load<f64>(pLinkAQ + (<usize>l << 3)) * ownVal(o, O_Q));
    }
  }
}

// How far past a kink a clipped update lands, as a fraction of the latent enthalpy range.
const KINK_STEP: f64 = 1e-9;

// How much looser the first linear solve of a step may stop (inexact Newton).
const FIRST_LOOSER: f64 = 10;
// Newton's contraction rate at the end of the last converged solve: the first correction of the
// next step is judged with it (1: none yet, after setup or a phase boundary).
let lastRate: f64 = 1;

/**
 * Solves one step of length `dt` (s) ending at `time + dt`, with `nLinks` boundary links in use:
 * backward Euler when `dtPrev` ≤ 0 (no history), else variable-step BDF2 with the previous step
 * of length `dtPrev`. With ω = dt/dtPrev, BDF2
 *
 *   (1+2ω)/(1+ω)·Hⁿ⁺¹ − (1+ω)·Hⁿ + ω²/(1+ω)·Hⁿ⁻¹ = dt·Op(Tⁿ⁺¹)
 *
 * is a backward-Euler step of length dt_eff = (1+ω)/(1+2ω)·dt from Hⁿ + a·(Hⁿ − Hⁿ⁻¹),
 * a = ω²/(1+2ω): the same Newton iteration and linear solver serve both. Newton stops when the
 * largest temperature correction, or the corrections still to come estimated from the
 * contraction rate (CVODE's test; on a step's first iteration the previous step's rate), is below
 * `tolK` (kelvin) and no cell crossed a kink; the linear solves stop at relative
 * residual `linTol`. Returns the Newton iterations used, or −1 when they did not converge within
 * `maxNewton` (the state is then left as it was: retry shorter). On success T holds the solved
 * temperatures: read implicitErrorRatio, then implicitAccept or implicitReject.
 */
export function implicitSolve(time: f64, dt: f64, dtPrev: f64, nLinks: i32, tolK: f64, linTol: f64, maxNewton: i32): i32 {
  const n = NX * NY * NZ;
  const bytes = <usize>n << 3;
  const omega = dtPrev > 0 ? dt / dtPrev : 0;
  const hist = omega * omega / (1 + 2 * omega);
  const dtE = dtPrev > 0 ? dt * (1 + omega) / (1 + 2 * omega) : dt;
  memory.copy(wHn, pH, bytes);
  if (hist > 0) {
    // Newton starts from the enthalpy extrapolated along the previous step: fewer kinks to cross.
    // Two cells at a time (n is even): the same operations per cell.
    const vHist = f64x2.splat(hist);
    const vOmega = f64x2.splat(omega);
    for (let o: usize = 0; o < bytes; o += 16) {
      const h = v128.load(wHn + o);
      const dh = v128.load(wDH + o);
      v128.store(wHs + o, f64x2.add(h, f64x2.mul(vHist, dh)));
      v128.store(pH + o, f64x2.add(h, f64x2.mul(vOmega, dh)));
    }
  } else {
    memory.copy(wHs, wHn, bytes);
  }
  updateOwners(time + dt);
  let converged = false;
  let it = 0;
  let prevWorst: f64 = 0;
  while (it < maxNewton) {
    evalState();
    assemble(dtE, nLinks);
    // The preconditioner of the step's first system serves its later Newton systems too (they
    // differ only where a cell changed branch or conductivity): CG still converges to the same
    // tolerance, and the factor is the one pass whose chain holds a division.
    if (it == 0) factor();
    // Inexact Newton: the first system of a step is solved 10× looser (its correction is
    // corrected by the next iteration anyway); the ones that decide convergence at linTol.
    linearIterations += solve(it == 0 ? linTol * FIRST_LOOSER : linTol, tolK * 0.01, 2000);
    it++;
    const worst = applyCorrection();
    const clipped = clippedCells;
    if (clipped == 0) {
      // Convergence-rate test (as in CVODE/IDA): with rate ρ = |δ_k|/|δ_(k−1)| the corrections still
      // to come sum to about ρ/(1−ρ)·|δ_k|; stop once that, not |δ_k| itself, is below tolK. The
      // previous step's rate lets a step whose predictor was close stop after one solve.
      const rate = prevWorst > 0 ? worst / prevWorst : lastRate;
      if (worst <= tolK || (rate < 0.5 && worst * rate / (1 - rate) <= tolK)) {
        converged = true;
        if (prevWorst > 0 && rate < 0.5) lastRate = rate;
        break;
      }
    }
    prevWorst = clipped == 0 ? worst : 0;
  }
  newtonIterations += it;
  if (!converged) {
    implicitReject();
    return -1;
  }
  lastHist = hist;
  lastDtE = dtE;
  return it;
}

/** How many cells the last applyCorrection stopped at a kink of H(T). */
let clippedCells: i32 = 0;

/**
 * Applies the Newton correction δT (the solver's wX) to every cell that moved: H ← H + C·δT,
 * T ← T + δT. An update that would carry a cell across a kink of H(T) (solidus H = 0, liquidus
 * H = H_liq) stops just past it: the next iteration continues with the new branch's slope. Plain
 * Newton overshoots and can cycle there; this is the consistent enthalpy update of
 * Voller–Swaminathan with the phase fraction clipped to its range. Returns the largest |ΔT| and
 * counts the stopped cells in clippedCells. Two cells at a time where both are active cells of
 * one material, every case evaluated and the cell's own selected, with the one-cell update's
 * operations: the same bits as one cell at a time.
 */
function applyCorrection(): f64 {
  const n = NX * NY * NZ;
  clippedCells = 0;
  let worst: f64 = 0;
  let worstPair = f64x2.splat(0);
  const zero = f64x2.splat(0);
  let lawM = -1;
  let hLiq = zero, tSol = zero, tLiq = zero, eps = zero;
  for (let c = 0; c < n; c += 2) {
    const off = <usize>c << 3;
    const x = v128.load(wX + off);
    const moved = f64x2.ne(x, zero);
    if (!v128.any_true(moved)) continue;
    const m = <i32>load<u8>(pMat + <usize>c);
    if (m != <i32>load<u8>(pMat + <usize>(c + 1)) || m == 0) {
      worst = max(worst, correctCell(c));
      worst = max(worst, correctCell(c + 1));
      continue;
    }
    if (m != lawM) {
      lawM = m;
      const hl = matVal(m, M_HLIQ);
      hLiq = f64x2.splat(hl);
      eps = f64x2.splat(KINK_STEP * hl);
      tSol = f64x2.splat(matVal(m, M_TSOL));
      tLiq = f64x2.splat(matVal(m, M_TLIQ));
    }
    const h = v128.load(pH + off);
    const t = v128.load(pT + off);
    const hNew = f64x2.add(h, f64x2.mul(v128.load(wC + off), x));
    const tNew = f64x2.add(t, x);
    const below = v128.and(f64x2.gt(h, zero), f64x2.le(hNew, zero));
    const above = v128.and(f64x2.le(h, zero), f64x2.gt(hNew, zero));
    const intoLiquid = v128.and(f64x2.lt(h, hLiq), f64x2.ge(hNew, hLiq));
    const outOfLiquid = v128.and(f64x2.ge(h, hLiq), f64x2.lt(hNew, hLiq));
    // The one-cell update's else-if chain, applied last-first so the earlier case wins.
    let hOut = v128.bitselect(f64x2.sub(hLiq, eps), hNew, outOfLiquid);
    let tOut = v128.bitselect(tLiq, tNew, outOfLiquid);
    hOut = v128.bitselect(f64x2.add(hLiq, eps), hOut, intoLiquid);
    tOut = v128.bitselect(tLiq, tOut, intoLiquid);
    hOut = v128.bitselect(eps, hOut, above);
    tOut = v128.bitselect(tSol, tOut, above);
    hOut = v128.bitselect(f64x2.neg(eps), hOut, below);
    tOut = v128.bitselect(tSol, tOut, below);
    const stopped = v128.and(v128.or(v128.or(below, above), v128.or(intoLiquid, outOfLiquid)), moved);
    clippedCells += <i32>popcnt(i64x2.bitmask(stopped));
    worstPair = f64x2.max(worstPair, v128.and(f64x2.abs(f64x2.sub(tOut, t)), moved));
    v128.store(pH + off, v128.bitselect(hOut, h, moved));
    v128.store(pT + off, v128.bitselect(tOut, t, moved));
  }
  return max(worst, max(f64x2.extract_lane(worstPair, 0), f64x2.extract_lane(worstPair, 1)));
}

/** applyCorrection for one cell: its |ΔT| (0 when it did not move). */
@inline function correctCell(c: i32): f64 {
  const x = f64At(wX, c);
  if (x == 0) return 0;
  const m = <i32>load<u8>(pMat + <usize>c);
  const h = f64At(pH, c);
  let hNew = h + f64At(wC, c) * x;
  let tNew = f64At(pT, c) + x;
  const hLiq = matVal(m, M_HLIQ);
  const eps = KINK_STEP * hLiq;
  if (h > 0 && hNew <= 0) {
    hNew = -eps;
    tNew = matVal(m, M_TSOL);
    clippedCells++;
  } else if (h <= 0 && hNew > 0) {
    hNew = eps;
    tNew = matVal(m, M_TSOL);
    clippedCells++;
  } else if (h < hLiq && hNew >= hLiq) {
    hNew = hLiq + eps;
    tNew = matVal(m, M_TLIQ);
    clippedCells++;
  } else if (h >= hLiq && hNew < hLiq) {
    hNew = hLiq - eps;
    tNew = matVal(m, M_TLIQ);
    clippedCells++;
  }
  const dT = Math.abs(tNew - f64At(pT, c));
  setF64(pH, c, hNew);
  setF64(pT, c, tNew);
  return dT;
}

/** Undoes a solved step (Newton failed, or the error estimate rejected it): back to the step's start. */
export function implicitReject(): void {
  memory.copy(pH, wHn, <usize>(NX * NY * NZ) << 3);
  updateState();
}

/**
 * Accepts the step implicitSolve just solved (pT holds T_solved, pK/pPA/pPB the properties its
 * last system used): the explicit kernel's own update with the solved temperatures makes the
 * state, H = H_s + dt_eff·Op(T_solved), and the BDF2 history moves on.
 */
export function implicitAccept(time: f64, dt: f64): void {
  const n = NX * NY * NZ;
  const bytes = <usize>n << 3;
  const hist = lastHist;
  const dtE = lastDtE;
  memory.copy(pH, wHs, bytes);
  // Keep T_solved (in the solver's δT array, free until the next solve) to measure how far the
  // accepted state's T(H) lies from it.
  memory.copy(wX, pT, bytes);
  const b0 = kernelBoundaryEnergy();
  const s0 = kernelSourceEnergy();
  step(1, time + dt, dtE);
  // This step's counted heat: the kernel's dt_eff·Op part plus the history part a·(previous step's).
  const stepB = kernelBoundaryEnergy() - b0 + hist * prevBoundaryJ;
  const stepS = kernelSourceEnergy() - s0 + hist * prevSourceJ;
  histBoundaryJ += hist * prevBoundaryJ;
  histSourceJ += hist * prevSourceJ;
  prevBoundaryJ = stepB;
  prevSourceJ = stepS;
  // The history moves on and the largest |T(H) − T_solved| of an active cell is taken, two cells
  // at a time (n is even); an inactive cell's lane counts as 0, which cannot change the maximum.
  memory.copy(wDH2, wDH, bytes);
  let worst = f64x2.splat(0);
  for (let c = 0; c < n; c += 2) {
    const o = <usize>c << 3;
    v128.store(wDH + o, f64x2.sub(v128.load(pH + o), v128.load(wHn + o)));
    const active = i64x2.ne(i64x2.replace_lane(i64x2.splat(<i64>load<u8>(pMat + <usize>c)), 1, <i64>load<u8>(pMat + <usize>(c + 1))), i64x2.splat(0));
    worst = f64x2.max(worst, v128.and(f64x2.abs(f64x2.sub(v128.load(pT + o), v128.load(wX + o))), active));
  }
  lastMismatchK = max(f64x2.extract_lane(worst, 0), f64x2.extract_lane(worst, 1));
}

// The local error estimate's weights for the step being judged, set by implicitErrorRatio.
let errSecond = false;
let errW: f64 = 0;
let errR: f64 = 0;
let errQ: f64 = 0;
let errI1: f64 = 0;
let errI2: f64 = 0;
let errDt: f64 = 0;

/**
 * The estimated local error in H of cell c (J/m³) for the step solved last (pH holds its
 * enthalpy): after a backward-Euler step that followed another step, the gap to the change
 * extrapolated linearly from the previous step, dt/(dt+dtPrev)·|ΔH − (dt/dtPrev)·ΔH_prev|, the
 * leading O(dt²) term; after a BDF2 step, the gap to the change predicted by the quadratic
 * through the three previous states, times 2/11 (Milne: BDF2's error constant 2/9 against the
 * predictor's 1), the leading O(dt³) term. Where a cell crosses the solidus or liquidus, H is one
 * order smoother in time than T(H): its rate, the net heat flow, is continuous, while dT/dt jumps
 * by the ratio of the two branches' slopes, which a quotient of T differences reads as error.
 */
@inline function errorH(c: i32): f64 {
  const d = f64At(pH, c) - f64At(wHn, c);
  const d1 = f64At(wDH, c);
  if (errSecond) {
    const f1 = d1 * errI1;
    return errW * Math.abs(d - (errDt * f1 + errQ * (f1 - f64At(wDH2, c) * errI2)));
  }
  return errW * Math.abs(d - errR * d1);
}

/**
 * Largest enthalpy difference (J/m³) between cell c and an active neighbour along each axis,
 * combined over the axes: |∇H|·h, from the solved state. An enthalpy error δH moves the
 * enthalpy profile, and with it every isotherm through the cell, by δH/|∇H|; across the mushy
 * zone |∇H| holds the latent heat, so a cell that has just frozen or thawed (whose ΔH bends in
 * time as its temperature starts to move) is judged by how far the front moves, not by δH over
 * the slope of the branch it has just entered.
 */
@inline function gradientH(c: i32): f64 {
  const plane = NX * NY;
  const hc = f64At(pH, c);
  let g2: f64 = 0;
  let a: f64 = 0;
  if (load<u8>(pMat + <usize>(c + 1)) != 0) a = Math.abs(f64At(pH, c + 1) - hc);
  if (load<u8>(pMat + <usize>(c - 1)) != 0) a = max(a, Math.abs(f64At(pH, c - 1) - hc));
  g2 += a * a;
  a = 0;
  if (load<u8>(pMat + <usize>(c + plane)) != 0) a = Math.abs(f64At(pH, c + plane) - hc);
  if (load<u8>(pMat + <usize>(c - plane)) != 0) a = max(a, Math.abs(f64At(pH, c - plane) - hc));
  g2 += a * a;
  if (NY > 1) {
    a = 0;
    if (load<u8>(pMat + <usize>(c + NX)) != 0) a = Math.abs(f64At(pH, c + NX) - hc);
    if (load<u8>(pMat + <usize>(c - NX)) != 0) a = max(a, Math.abs(f64At(pH, c - NX) - hc));
    g2 += a * a;
  }
  return Math.sqrt(g2);
}

/** 0 frozen (at or below the solidus), 1 mushy, 2 unfrozen: the branch of H(T) that enthalpy h lies on. */
@inline function branchOf(hLiq: f64, h: f64): i32 {
  return h <= 0 ? 0 : (h < hLiq ? 1 : 2);
}

/**
 * Whether cell c froze across a kink of H(T) (down through the liquidus or the solidus, never
 * back) between any two of the states its error estimate reads: the solved one, Hⁿ, and the one
 * or two before. Within a branch H(t) is smooth, but at the solidus the latent release stops and
 * the cell's capacity falls about 20× (tissue), so its rate of change jumps. A polynomial through
 * states on both sides then measures that jump, not the step's error. Measured on the standard
 * run at 0.25 mm: the cells just past the solidus held every step late in a freeze, at 2–6 s.
 * A cell that thaws across a kink is judged as any other: relaxing those too doubled the
 * isotherm error of a freeze–thaw–freeze run (docs/method.md §5c).
 */
@inline function frozeInWindow(c: i32): bool {
  const hLiq = matVal(<i32>load<u8>(pMat + <usize>c), M_HLIQ);
  const hn = f64At(wHn, c);
  const h1 = hn - f64At(wDH, c);
  const bNew = branchOf(hLiq, f64At(pH, c));
  const b = branchOf(hLiq, hn);
  const b1 = branchOf(hLiq, h1);
  const b2 = errSecond ? branchOf(hLiq, h1 - f64At(wDH2, c)) : b1;
  if (bNew > b || b > b1 || b1 > b2) return false;
  return bNew != b2;
}

/**
 * Local error of the step just solved (steps dt, dtPrev, dtPrev2; ≤ 0: none) as a ratio to its
 * tolerance, maximised over cells: the host aims its steps at 1. The error is estimated on the enthalpy (errorH):
 * T(H) has kinks at the solidus and liquidus, so difference quotients of T see a kink crossing
 * as an error of the integrator. Each cell's tolerance is in J/m³: the isotherm shift allowed,
 * posTolCells (a fraction of a cell) × |∇H|·h, kept between minTolK and maxTolK times the cell's
 * dH/dT on its solved branch (so a single-phase cell's temperature error stays within
 * [minTolK, maxTolK]), times freezeKinkRelax where the cell froze across a kink within the
 * estimate's window (frozeInWindow). Cells linked to an owner in [tightLo, tightHi) (the host passes every
 * boundary owner: the probe readings, the skin minimum and the coldest isotherms come from the
 * linked cells) are held to readTolK × dH/dT. Without history it returns 0.
 * Call between implicitSolve and implicitAccept/implicitReject (pT, pH hold the solved state).
 */
export function implicitErrorRatio(
  dt: f64, dtPrev: f64, dtPrev2: f64, nLinks: i32, tightLo: i32, tightHi: i32,
  readTolK: f64, posTolCells: f64, minTolK: f64, maxTolK: f64, freezeKinkRelax: f64,
): f64 {
  if (dtPrev <= 0) return 0;
  const n = NX * NY * NZ;
  errSecond = dtPrev2 > 0;
  errW = errSecond ? 2.0 / 11.0 : dt / (dt + dtPrev);
  errR = dt / dtPrev;
  // ΔH_pred = dt·f1 + dt(dt + dtPrev)·(f1 − f2)/(dtPrev + dtPrev2), f = ΔH/step (divided differences)
  errQ = errSecond ? dt * (dt + dtPrev) / (dtPrev + dtPrev2) : 0;
  errI1 = 1.0 / dtPrev;
  errI2 = errSecond ? 1.0 / dtPrev2 : 0;
  errDt = dt;
  // The smallest tolerance any cell can get, per unit of dH/dT (see the skip below).
  const tolFloorK = min(minTolK, maxTolK) * min(1.0, freezeKinkRelax);
  let worst: f64 = 0;
  for (let c = 0; c < n; c++) {
    if (load<u8>(pMat + <usize>c) == 0) continue;
    const e = errorH(c);
    const cc = f64At(wC, c);
    // The tolerance is never below tolFloorK·dH/dT: a cell whose ratio stays under the worst so far
    // even at that tolerance cannot change the maximum, and skips the gradient and the branches.
    if (e <= worst * tolFloorK * cc) continue;
    let tolH = min(maxTolK * cc, max(minTolK * cc, posTolCells * gradientH(c)));
    if (frozeInWindow(c)) tolH *= freezeKinkRelax;
    worst = max(worst, e / tolH);
  }
  for (let l = 0; l < nLinks; l++) {
    const o = load<i32>(pLinkOwner + (<usize>l << 2));
    if (o < tightLo || o >= tightHi) continue;
    const c = load<i32>(pLinkCell + (<usize>l << 2));
    if (load<u8>(pMat + <usize>c) == 0) continue;
    worst = max(worst, errorH(c) / (readTolK * f64At(wC, c)));
  }
  return worst;
}

/**
 * The step-length factor that brings an error ratio to the control's aim of 1, with a 0.9 safety
 * margin; the estimate grows as dt^(order+1). Computed here rather than on the host: JavaScript's
 * Math.pow is the engine's own and Node's and Chromium's differed in the last bit, which the step
 * control amplified into different runs (0.0002 mm); wasm's pow is this module's code.
 */
export function implicitStepFactor(ratio: f64, order: i32): f64 {
  return 0.9 * Math.pow(1.0 / ratio, 1.0 / <f64>(order + 1));
}

/** Drops the BDF2 history (boundary conditions or geometry changed): the next step is backward Euler. */
export function implicitForget(): void {
  lastRate = 1;
  prevBoundaryJ = 0;
  prevSourceJ = 0;
}

/** Boundary heat since the last reset (J; J/m planar), the BDF2 history part included. */
export function getBoundaryEnergy(): f64 {
  return kernelBoundaryEnergy() + histBoundaryJ;
}

/** Perfusion and metabolic heat since the last reset, the BDF2 history part included. */
export function getSourceEnergy(): f64 {
  return kernelSourceEnergy() + histSourceJ;
}

/** Zeroes the energy counters (the kernel's and the history part). */
export function resetEnergy(): void {
  kernelResetEnergy();
  histBoundaryJ = 0;
  histSourceJ = 0;
}

/** Conjugate-gradient iterations since the last reset. */
export function getLinearIterations(): i32 {
  return linearIterations;
}

/** Newton iterations since the last reset. */
export function getNewtonIterations(): i32 {
  return newtonIterations;
}

/** Largest |T(H) − T_solved| of the last accepted step (kelvin): the nonlinear residual left. */
export function getMismatchK(): f64 {
  return lastMismatchK;
}

/** Zeroes the iteration counters. */
export function resetImplicitCounters(): void {
  linearIterations = 0;
  newtonIterations = 0;
}
