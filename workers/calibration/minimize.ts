/**
 * Derivative-free minimisers for calibration, where each evaluation is a full solver run
 * (seconds), so the number of evaluations is what counts:
 * - one parameter: Brent's method (golden-section search with parabolic steps; Brent 1973,
 *   "Algorithms for Minimization without Derivatives", ch. 5), started at the given point;
 * - several: Nelder–Mead (Nelder & Mead 1965) kept inside box bounds by clamping each trial
 *   point onto the box.
 * Both stop at `maxEvals` or when the parameters are known to within `tol` (internal units).
 */

export interface MinimizeOptions {
  maxEvals: number;
  /** Stop when the minimiser's position is known to within this (internal units). */
  tol: number;
}

export interface MinimizeResult {
  x: number[];
  f: number;
  evals: number;
}

const GOLDEN = (3 - Math.sqrt(5)) / 2;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Minimises f on [lo, hi], starting at x0. */
export function brent(f: (x: number) => number, lo: number, hi: number, x0: number, o: MinimizeOptions): MinimizeResult {
  let a = lo;
  let b = hi;
  let x = clamp(x0, lo, hi);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let evals = 1;
  let d = 0;
  let e = 0;
  while (evals < o.maxEvals) {
    const m = 0.5 * (a + b);
    const tol1 = 1e-10 * Math.abs(x) + o.tol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      // Parabola through (v, fv), (w, fw), (x, fx); accept its vertex only if it lies well inside.
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = (x < m ? b : a) - x;
      d = GOLDEN * e;
    }
    const u = x + (Math.abs(d) >= tol1 ? d : d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evals++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      [v, fv, w, fw, x, fx] = [w, fw, x, fx, u, fu];
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) [v, fv, w, fw] = [w, fw, u, fu];
      else if (fu <= fv || v === x || v === w) [v, fv] = [u, fu];
    }
  }
  return { x: [x], f: fx, evals };
}

/** Minimises f inside the box [lo, hi] from x0, with an initial simplex of unit steps. */
export function nelderMead(f: (x: number[]) => number, lo: number[], hi: number[], x0: number[], o: MinimizeOptions): MinimizeResult {
  const n = x0.length;
  const box = (x: number[]) => x.map((xi, i) => clamp(xi, lo[i], hi[i]));
  let evals = 0;
  const evaluate = (x: number[]) => {
    evals++;
    return { x, f: f(x) };
  };
  const start = box(x0);
  const simplex = [evaluate(start)];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    // Step up by one unit, or down when the bound is closer than that.
    x[i] = x[i] + 1 <= hi[i] ? x[i] + 1 : x[i] - 1;
    simplex.push(evaluate(box(x)));
  }
  const towards = (from: number[], to: number[], t: number) => box(from.map((fi, i) => fi + t * (to[i] - fi)));

  while (evals < o.maxEvals) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0];
    const size = Math.max(...simplex.slice(1).map((p) => Math.max(...p.x.map((xi, i) => Math.abs(xi - best.x[i])))));
    if (size <= o.tol) break;
    const worst = simplex[n];
    const centroid = Array.from({ length: n }, (_, i) => simplex.slice(0, n).reduce((s, p) => s + p.x[i], 0) / n);
    const reflected = evaluate(towards(centroid, worst.x, -1));
    if (reflected.f < best.f) {
      if (evals >= o.maxEvals) {
        simplex[n] = reflected;
        break;
      }
      const expanded = evaluate(towards(centroid, worst.x, -2));
      simplex[n] = expanded.f < reflected.f ? expanded : reflected;
      continue;
    }
    if (reflected.f < simplex[n - 1].f) {
      simplex[n] = reflected;
      continue;
    }
    if (evals >= o.maxEvals) break;
    // Contract toward the better of the worst point and its reflection.
    const outside = reflected.f < worst.f;
    const contracted = evaluate(towards(centroid, outside ? reflected.x : worst.x, 0.5));
    if (contracted.f < (outside ? reflected.f : worst.f)) {
      simplex[n] = contracted;
      continue;
    }
    // Shrink every point toward the best.
    for (let k = 1; k <= n && evals < o.maxEvals; k++) simplex[k] = evaluate(towards(best.x, simplex[k].x, 0.5));
  }
  simplex.sort((p, q) => p.f - q.f);
  return { x: simplex[0].x, f: simplex[0].f, evals };
}
