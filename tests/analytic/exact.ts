/**
 * Exact (analytic) solutions that the finite-difference cryo-bioheat solver is validated
 * against — cases A–D of ../shared/validation/analytic.md — plus the special functions
 * (erf, erfc, erfcx, E1, K0, K1) and the scalar root finders they need.
 *
 * Pure functions, no dependencies. SI units throughout: m, s, °C (`_c`), W/(m·K) for
 * conductivities `k*`, J/(m³·K) for the VOLUMETRIC heat capacities `c*`, J/m³ for latent
 * heat, W/(m³·K) for the Pennes perfusion coefficient `w_perf` (= w_b·ρ_b·c_b), W/m³ for
 * metabolic heat, W/m for a line sink. Note: in `k_s`, `c_s` the `_s` means "solid/frozen",
 * not seconds; `_l` means "liquid/unfrozen".
 *
 * The special functions were written from their defining series / continued fractions /
 * integrals (no third-party code) and are accurate to ~1e-14 relative (see exact.test.ts).
 */

const EPS = Number.EPSILON;
const SQRT_PI = Math.sqrt(Math.PI);
const EULER_GAMMA = 0.57721566490153286061;

// ---------------------------------------------------------------------------------------
// Continued fractions
// ---------------------------------------------------------------------------------------

/** Evaluates b0 + a1/(b1 + a2/(b2 + ...)) by the modified Lentz method; coef(n) → [a_n, b_n]. */
function continuedFraction(b0: number, coef: (n: number) => [number, number], maxIter = 100000): number {
  const tiny = 1e-300;
  let f = b0 === 0 ? tiny : b0;
  let c = f;
  let d = 0;
  for (let n = 1; n <= maxIter; n++) {
    const [a, b] = coef(n);
    d = b + a * d;
    if (d === 0) d = tiny;
    c = b + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= EPS) return f;
  }
  throw new Error('continuedFraction: no convergence');
}

// ---------------------------------------------------------------------------------------
// Error functions
// ---------------------------------------------------------------------------------------

/** erf(x) for |x| ≤ ~3 from the all-positive series (2/√π)e^{-x²} Σ (2x²)^n x / (2n+1)!!. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < EPS * 0.25 * sum) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** e^{-x²} for x ≥ 0 with x² split so the argument of exp carries no rounding error of x². */
function expMinusSquare(x: number): number {
  const xh = Math.round(x * 65536) / 65536; // 16 fractional bits: xh² is exact for |x| < 2^18
  const xl = x - xh;
  return Math.exp(-xh * xh) * Math.exp(-(2 * xh + xl) * xl);
}

/** Boundary between the series (below) and the continued fraction (above) for erfc / erfcx. */
const ERFC_CF_FROM = 0.75;

/** Scaled complementary error function erfcx(x) = e^{x²} erfc(x) (finite for all x > -26). */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x);
  if (x < ERFC_CF_FROM) return Math.exp(x * x) * (1 - erfSeries(x));
  if (x > 1e8) return 1 / (SQRT_PI * x) * (1 - 0.5 / (x * x));
  // Laplace continued fraction, even contraction:
  // erfcx(x) = (x/√π) / (x² + 1/2 − (1·2/4)/(x² + 5/2 − (3·4/4)/(x² + 9/2 − ...)))
  const x2 = x * x;
  const cf = continuedFraction(x2 + 0.5, (n) => [-((2 * n - 1) * (2 * n)) / 4, x2 + 2 * n + 0.5]);
  return x / SQRT_PI / cf;
}

/** Error function erf(x) = (2/√π) ∫_0^x e^{-t²} dt. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  let v: number;
  if (ax < 2) v = erfSeries(ax);
  else if (ax > 6) v = 1; // erfc(6) ≈ 2e-17 < ulp(1)/2
  else v = 1 - erfcx(ax) * expMinusSquare(ax);
  return x < 0 ? -v : v;
}

/** Complementary error function erfc(x) = 1 − erf(x), without cancellation for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < ERFC_CF_FROM) return 1 - erfSeries(x); // erf(0.75) ≈ 0.71: under one digit lost
  if (x > 27.3) return 0; // below the smallest subnormal
  return erfcx(x) * expMinusSquare(x);
}

// ---------------------------------------------------------------------------------------
// Exponential integral
// ---------------------------------------------------------------------------------------

/** Scaled exponential integral e^x E1(x) for x > 0 (no underflow for large x). */
export function expintE1Scaled(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x <= 1) return Math.exp(x) * expintE1(x);
  // e^x E1(x) = 1/(x+1 − 1²/(x+3 − 2²/(x+5 − ...)))
  const cf = continuedFraction(x + 1, (n) => [-n * n, x + 2 * n + 1]);
  return 1 / cf;
}

/** Exponential integral E1(x) = ∫_x^∞ e^{-t}/t dt for x > 0 (series x ≤ 1, continued fraction above). */
export function expintE1(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x <= 1) {
    // E1(x) = −γ − ln x − Σ_{n≥1} (−x)^n / (n·n!)
    let term = 1; // (−x)^n / n!
    let sum = 0;
    for (let n = 1; n < 200; n++) {
      term *= -x / n;
      const t = term / n;
      sum += t;
      if (Math.abs(t) < 0.25 * EPS * Math.abs(sum)) break;
    }
    return -EULER_GAMMA - Math.log(x) - sum;
  }
  if (x > 745.2) return 0;
  return expintE1Scaled(x) * Math.exp(-x);
}

// ---------------------------------------------------------------------------------------
// Modified Bessel functions of the second kind, orders 0 and 1
// ---------------------------------------------------------------------------------------

/** Below this argument K0/K1 use their ascending series, above it the integral representation. */
const BESSELK_SERIES_TO = 2;

/** K0(x), K1(x) for 0 < x ≤ ~2 from the ascending series (A&S 9.6.13 and 9.6.11 with n = 1). */
function besselK01Series(x: number): [number, number] {
  const y = 0.25 * x * x;
  const lnHalf = Math.log(0.5 * x);
  // k = 0 terms
  let t0 = 1; // y^k / (k!)²
  let t1 = 1; // y^k / (k!(k+1)!)
  let h = 0; // harmonic number H_k
  let i0 = 1;
  let i1s = 1; // I1(x) / (x/2)
  let s0 = 0; // Σ H_k y^k/(k!)²
  let s1 = -2 * EULER_GAMMA + 1; // Σ (H_k + H_{k+1} − 2γ) y^k/(k!(k+1)!), k = 0 term
  for (let k = 1; k < 200; k++) {
    t0 *= y / (k * k);
    t1 *= y / (k * (k + 1));
    h += 1 / k;
    i0 += t0;
    i1s += t1;
    s0 += h * t0;
    const d1 = (2 * h + 1 / (k + 1) - 2 * EULER_GAMMA) * t1;
    s1 += d1;
    if (t0 < 0.1 * EPS * i0 && Math.abs(d1) < 0.1 * EPS * Math.abs(s1)) break;
  }
  const k0 = -(lnHalf + EULER_GAMMA) * i0 + s0;
  const k1 = 1 / x + lnHalf * (0.5 * x * i1s) - 0.25 * x * s1;
  return [k0, k1];
}

/**
 * e^x K0(x), e^x K1(x) for x ≳ 1 from K_ν(x) = ∫_0^∞ e^{-x cosh t} cosh(νt) dt by the
 * trapezoidal rule, which converges exponentially for this entire, rapidly decaying integrand.
 */
function besselK01ScaledIntegral(x: number): [number, number] {
  const h = Math.min(0.25, 0.5 / Math.sqrt(x)); // spacing small against the width ~1/√x
  let s0 = 0.5; // t = 0 term (halved)
  let s1 = 0.5;
  for (let j = 1; j < 100000; j++) {
    const t = j * h;
    const sh = Math.sinh(0.5 * t);
    const e = Math.exp(-2 * x * sh * sh); // e^{-x (cosh t − 1)}
    const c = Math.cosh(t);
    s0 += e;
    s1 += e * c;
    if (e * c < 1e-18 * s1) break;
  }
  return [h * s0, h * s1];
}

/** Scaled modified Bessel function e^x K0(x), x > 0. */
export function besselK0Scaled(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x <= BESSELK_SERIES_TO) return Math.exp(x) * besselK01Series(x)[0];
  return besselK01ScaledIntegral(x)[0];
}

/** Scaled modified Bessel function e^x K1(x), x > 0. */
export function besselK1Scaled(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x <= BESSELK_SERIES_TO) return Math.exp(x) * besselK01Series(x)[1];
  return besselK01ScaledIntegral(x)[1];
}

/** Modified Bessel function of the second kind K0(x), x > 0. */
export function besselK0(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x <= BESSELK_SERIES_TO) return besselK01Series(x)[0];
  return besselK01ScaledIntegral(x)[0] * Math.exp(-x);
}

/** Modified Bessel function of the second kind K1(x), x > 0. */
export function besselK1(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x <= BESSELK_SERIES_TO) return besselK01Series(x)[1];
  return besselK01ScaledIntegral(x)[1] * Math.exp(-x);
}

// ---------------------------------------------------------------------------------------
// Root finding
// ---------------------------------------------------------------------------------------

/** Options for the bracketing root finders: absolute x tolerance and iteration cap. */
export interface RootOptions {
  xtol?: number;
  maxIter?: number;
}

/** Root of f in [a, b] by bisection; f(a) and f(b) must differ in sign. */
export function bisect(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): number {
  const xtol = opts.xtol ?? 0;
  const maxIter = opts.maxIter ?? 2000;
  let fa = f(a);
  const fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) throw new Error(`bisect: root not bracketed (f(${a})=${fa}, f(${b})=${fb})`);
  for (let i = 0; i < maxIter; i++) {
    const m = 0.5 * (a + b);
    if (m === a || m === b || Math.abs(b - a) <= xtol) return m;
    const fm = f(m);
    if (fm === 0) return m;
    if (fa * fm < 0) b = m;
    else {
      a = m;
      fa = fm;
    }
  }
  return 0.5 * (a + b);
}

/** Root of f in [a, b] by Brent's method (inverse quadratic / secant steps safeguarded by bisection). */
export function brent(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): number {
  const xtol = opts.xtol ?? 0;
  const maxIter = opts.maxIter ?? 500;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(fa * fb < 0)) throw new Error(`brent: root not bracketed (f(${a})=${fa}, f(${b})=${fb})`);
  // b: best estimate; c: the other end of the bracket; a: previous b.
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * EPS * Math.abs(b) + 0.5 * xtol + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s; // secant
        q = 1 - s;
      } else {
        const qq = fa / fc; // inverse quadratic interpolation
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/** Grows hi geometrically from lo (> 0) until f changes sign between lo and hi; returns [lo, hi]. */
export function bracketUpward(f: (x: number) => number, lo: number, hi: number, factor = 2, maxSteps = 200): [number, number] {
  const flo = f(lo);
  for (let i = 0; i < maxSteps; i++) {
    const fhi = f(hi);
    if (flo * fhi <= 0) return [lo, hi];
    lo = hi;
    hi *= factor;
  }
  throw new Error('bracketUpward: no sign change found');
}

// ---------------------------------------------------------------------------------------
// Case A — Neumann planar two-phase freezing
// ---------------------------------------------------------------------------------------

/** Inputs of case A: conductivities W/(m·K), volumetric capacities J/(m³·K), latent J/m³, temperatures °C. */
export interface NeumannParams {
  k_s: number;
  k_l: number;
  c_s: number;
  c_l: number;
  latent_j_m3: number;
  t_surface_c: number;
  t_melt_c: number;
  t_initial_c: number;
}

/** Exact solution of case A. */
export interface NeumannSolution {
  lambda: number;
  alpha_s_m2_s: number;
  alpha_l_m2_s: number;
  frontPosition_m(t_s: number): number;
  temperature_c(x_m: number, t_s: number): number;
  /** Depth of the isotherm tempC in [t_surface_c, t_initial_c); NaN outside that range. */
  isothermPosition_m(tempC: number, t_s: number): number;
}

/** Neumann solution for a semi-infinite liquid at t_initial_c frozen from x = 0 held at t_surface_c. */
export function neumannFreezing(p: NeumannParams): NeumannSolution {
  const { k_s, k_l, c_s, c_l, latent_j_m3: L, t_surface_c: ts, t_melt_c: tm, t_initial_c: ti } = p;
  if (!(ts < tm)) throw new Error('neumannFreezing: need t_surface_c < t_melt_c');
  if (!(ti >= tm)) throw new Error('neumannFreezing: need t_initial_c >= t_melt_c');
  const aS = k_s / c_s;
  const aL = k_l / c_l;
  const nu = Math.sqrt(aS / aL);
  const stefan = (c_s * (tm - ts)) / L;
  const coef = (k_l / k_s) * nu * ((ti - tm) / (tm - ts));
  // exp(-λ²)/erf(λ) − coef·exp(-ν²λ²)/erfc(νλ) − λ√π/St; decreasing from +∞ to −∞
  const g = (lam: number) => Math.exp(-lam * lam) / erf(lam) - coef / erfcx(nu * lam) - (lam * SQRT_PI) / stefan;
  const [lo, hi] = bracketUpward(g, 1e-12, 1);
  const lambda = brent(g, lo, hi);
  const erfLam = erf(lambda);
  const nuLam = nu * lambda;
  const erfcxNuLam = erfcx(nuLam);

  const frontPosition_m = (t_s: number) => 2 * lambda * Math.sqrt(aS * Math.max(t_s, 0));
  const temperature_c = (x_m: number, t_s: number) => {
    if (x_m < 0) return NaN;
    if (x_m === 0) return t_s > 0 ? ts : ti;
    if (t_s <= 0) return ti;
    if (x_m <= frontPosition_m(t_s)) return ts + ((tm - ts) * erf(x_m / (2 * Math.sqrt(aS * t_s)))) / erfLam;
    const xi = x_m / (2 * Math.sqrt(aL * t_s)); // ≥ νλ here
    return ti - (ti - tm) * (erfcx(xi) / erfcxNuLam) * Math.exp((nuLam - xi) * (nuLam + xi));
  };
  const isothermPosition_m = (tempC: number, t_s: number) => {
    if (!(t_s > 0) || !(tempC >= ts && tempC < ti)) return NaN;
    if (tempC === ts) return 0;
    if (tempC === tm) return frontPosition_m(t_s);
    if (tempC < tm) {
      // erf(η) = erf(λ)(T − Ts)/(Tm − Ts), η ∈ (0, λ)
      const target = (erfLam * (tempC - ts)) / (tm - ts);
      const eta = brent((e) => erf(e) - target, 0, lambda);
      return 2 * eta * Math.sqrt(aS * t_s);
    }
    // erfc(ξ) = erfc(νλ)(Ti − T)/(Ti − Tm), ξ > νλ; solve in log form for large ξ
    const lnTarget = Math.log(erfcxNuLam) - nuLam * nuLam + Math.log((ti - tempC) / (ti - tm));
    const h = (xi: number) => Math.log(erfcx(xi)) - xi * xi - lnTarget;
    const [a, b] = bracketUpward(h, nuLam, nuLam + 1);
    const xi = brent(h, a, b);
    return 2 * xi * Math.sqrt(aL * t_s);
  };
  return { lambda, alpha_s_m2_s: aS, alpha_l_m2_s: aL, frontPosition_m, temperature_c, isothermPosition_m };
}

// ---------------------------------------------------------------------------------------
// Case B — transient 1D Pennes, surface held at a fixed temperature, no phase change
// ---------------------------------------------------------------------------------------

/** Inputs of case B: k W/(m·K), c J/(m³·K), w_perf W/(m³·K), temperatures °C, q_met W/m³ (default 0). */
export interface PennesTransientParams {
  k: number;
  c: number;
  w_perf: number;
  t_surface_c: number;
  t_arterial_c: number;
  q_met?: number;
}

/** Case B solution: callable as T(x_m, t_s) and also exposing .temperature_c, .delta_m, .t_inf_c. */
export type PennesTransientSolution = ((x_m: number, t_s: number) => number) & {
  temperature_c(x_m: number, t_s: number): number;
  delta_m: number;
  t_inf_c: number;
};

/** Semi-infinite perfused tissue at its Pennes equilibrium, surface x = 0 held at t_surface_c from t = 0. */
export function pennesTransient(p: PennesTransientParams): PennesTransientSolution {
  const { k, c, w_perf: w, t_surface_c: tp, t_arterial_c: ta } = p;
  const qm = p.q_met ?? 0;
  if (!(w >= 0)) throw new Error('pennesTransient: need w_perf >= 0');
  if (w === 0 && qm !== 0) throw new Error('pennesTransient: q_met needs w_perf > 0 (no steady baseline)');
  const tInf = w > 0 ? ta + qm / w : ta;
  const alpha = k / c;
  const beta = w / c;
  const delta = w > 0 ? Math.sqrt(k / w) : Infinity;
  const temperature_c = (x_m: number, t_s: number): number => {
    if (x_m < 0) return NaN;
    if (x_m === 0) return t_s > 0 ? tp : tInf;
    if (t_s <= 0) return tInf;
    const z = x_m / (2 * Math.sqrt(alpha * t_s));
    const s = Math.sqrt(beta * t_s);
    // exp(∓x/δ)·erfc(z ∓ s): since 2zs = x/δ, exp(∓x/δ − (z ∓ s)²) = exp(−z² − s²), so
    // for a non-negative argument the product is erfcx(z ∓ s)·exp(−z² − s²) — no overflow.
    const common = Math.exp(-z * z - s * s);
    const u = z - s;
    const term1 = u >= 0 ? erfcx(u) * common : Math.exp(-x_m / delta) * erfc(u);
    const term2 = erfcx(z + s) * common;
    return tInf + 0.5 * (tp - tInf) * (term1 + term2);
  };
  return Object.assign((x_m: number, t_s: number) => temperature_c(x_m, t_s), {
    temperature_c,
    delta_m: delta,
    t_inf_c: tInf,
  });
}

// ---------------------------------------------------------------------------------------
// Case C — steady frozen / unfrozen cylinder around a probe in perfused tissue
// ---------------------------------------------------------------------------------------

/** Inputs of case C (frozen): probe radius m, temperatures °C, k W/(m·K), w_perf W/(m³·K). */
export interface FrozenCylinderParams {
  a_m: number;
  t_probe_c: number;
  t_front_c: number;
  t_inf_c: number;
  k_f: number;
  k_u: number;
  w_perf: number;
}

/** Exact solution of case C with a frozen annulus a < r < R. */
export interface FrozenCylinderSolution {
  frontRadius_m: number;
  delta_m: number;
  /** T(r); r ≤ a returns t_probe_c (the probe is isothermal). */
  temperature_c(r_m: number): number;
  /** Radius of the isotherm tempC in [t_probe_c, t_inf_c); NaN outside that range. */
  isothermRadius_m(tempC: number): number;
}

/** Steady frozen cylinder: conduction-only ice a < r < R, Pennes tissue r > R, sharp front at t_front_c. */
export function frozenCylinderSteady(p: FrozenCylinderParams): FrozenCylinderSolution {
  const { a_m: a, t_probe_c: tp, t_front_c: tf, t_inf_c: tInf, k_f, k_u, w_perf: w } = p;
  if (!(tp < tf)) throw new Error('frozenCylinderSteady: need t_probe_c < t_front_c');
  if (!(tInf > tf)) throw new Error('frozenCylinderSteady: need t_inf_c > t_front_c (else the ice grows without bound)');
  if (!(w > 0) || !(a > 0)) throw new Error('frozenCylinderSteady: need w_perf > 0 and a_m > 0');
  const delta = Math.sqrt(k_u / w);
  // R·(flux balance) = k_f(Tf − Tp)/ln(R/a) − k_u(T∞ − Tf)(R/δ)K1(R/δ)/K0(R/δ): strictly decreasing in R
  const g = (R: number) =>
    (k_f * (tf - tp)) / Math.log(R / a) - (k_u * (tInf - tf) * (R / delta) * besselK1Scaled(R / delta)) / besselK0Scaled(R / delta);
  const [lo, hi] = bracketUpward(g, a * (1 + 1e-12), 2 * a);
  const R = brent(g, lo, hi);
  const lnRa = Math.log(R / a);
  const k0eR = besselK0Scaled(R / delta);
  const temperature_c = (r_m: number) => {
    if (!(r_m >= 0)) return NaN;
    if (r_m <= a) return tp;
    if (r_m <= R) return tp + ((tf - tp) * Math.log(r_m / a)) / lnRa;
    return tInf + (tf - tInf) * (besselK0Scaled(r_m / delta) / k0eR) * Math.exp((R - r_m) / delta);
  };
  const isothermRadius_m = (tempC: number) => {
    if (!(tempC >= tp && tempC < tInf)) return NaN;
    if (tempC <= tf) return a * Math.exp(((tempC - tp) / (tf - tp)) * lnRa);
    const lnTarget = Math.log((tInf - tempC) / (tInf - tf));
    const h = (r: number) => Math.log(besselK0Scaled(r / delta) / k0eR) + (R - r) / delta - lnTarget;
    const [lo2, hi2] = bracketUpward(h, R, 2 * R);
    return brent(h, lo2, hi2);
  };
  return { frontRadius_m: R, delta_m: delta, temperature_c, isothermRadius_m };
}

/** Inputs of case C without freezing: probe radius m, temperatures °C, k W/(m·K), w_perf W/(m³·K). */
export interface UnfrozenCylinderParams {
  a_m: number;
  t_probe_c: number;
  t_inf_c: number;
  k: number;
  w_perf: number;
}

/** Case C (no freezing): callable as T(r_m) and also exposing .temperature_c, .isothermRadius_m, .delta_m. */
export type UnfrozenCylinderSolution = ((r_m: number) => number) & {
  temperature_c(r_m: number): number;
  /** Radius of the isotherm tempC between t_probe_c and t_inf_c; NaN outside. */
  isothermRadius_m(tempC: number): number;
  delta_m: number;
};

/** Steady Pennes field around a cylinder held at t_probe_c: T = T∞ + (Tp − T∞) K0(r/δ)/K0(a/δ). */
export function unfrozenCylinderSteady(p: UnfrozenCylinderParams): UnfrozenCylinderSolution {
  const { a_m: a, t_probe_c: tp, t_inf_c: tInf, k, w_perf: w } = p;
  if (!(w > 0) || !(a > 0)) throw new Error('unfrozenCylinderSteady: need w_perf > 0 and a_m > 0');
  const delta = Math.sqrt(k / w);
  const k0eA = besselK0Scaled(a / delta);
  const temperature_c = (r_m: number) => {
    if (!(r_m >= 0)) return NaN;
    if (r_m <= a) return tp;
    return tInf + (tp - tInf) * (besselK0Scaled(r_m / delta) / k0eA) * Math.exp((a - r_m) / delta);
  };
  const isothermRadius_m = (tempC: number) => {
    const frac = (tempC - tInf) / (tp - tInf); // K0(r/δ)/K0(a/δ), in (0, 1]
    if (!(frac > 0 && frac <= 1)) return NaN;
    if (frac === 1) return a;
    const lnTarget = Math.log(frac);
    const h = (r: number) => Math.log(besselK0Scaled(r / delta) / k0eA) + (a - r) / delta - lnTarget;
    const [lo, hi] = bracketUpward(h, a, 2 * a);
    return brent(h, lo, hi);
  };
  return Object.assign((r_m: number) => temperature_c(r_m), { temperature_c, isothermRadius_m, delta_m: delta });
}

// ---------------------------------------------------------------------------------------
// Case D — freezing around a line sink (Paterson 1952)
// ---------------------------------------------------------------------------------------

/** Inputs of case D: sink strength W/m (heat removed), k W/(m·K), c J/(m³·K), latent J/m³, temperatures °C. */
export interface LineSinkParams {
  q_w_per_m: number;
  k_s: number;
  k_l: number;
  c_s: number;
  c_l: number;
  latent_j_m3: number;
  t_melt_c: number;
  t_initial_c: number;
}

/** Exact solution of case D. */
export interface LineSinkSolution {
  lambda: number;
  alpha_s_m2_s: number;
  alpha_l_m2_s: number;
  frontRadius_m(t_s: number): number;
  /** T(r, t); −Infinity on the sink itself (r = 0, t > 0). */
  temperature_c(r_m: number, t_s: number): number;
  /** Radius of the isotherm tempC < t_initial_c (any tempC below t_melt_c exists); NaN otherwise. */
  isothermRadius_m(tempC: number, t_s: number): number;
}

/** Paterson's solution: line sink extracting q_w_per_m from a liquid initially at t_initial_c ≥ t_melt_c. */
export function lineSinkFreezing(p: LineSinkParams): LineSinkSolution {
  const { q_w_per_m: q, k_s, k_l, c_s, c_l, latent_j_m3: L, t_melt_c: tm, t_initial_c: ti } = p;
  if (!(q > 0)) throw new Error('lineSinkFreezing: need q_w_per_m > 0');
  if (!(ti >= tm)) throw new Error('lineSinkFreezing: need t_initial_c >= t_melt_c');
  const aS = k_s / c_s;
  const aL = k_l / c_l;
  const kappa = aS / aL;
  // (q/4π)e^{-λ²} − k_l(Ti − Tm)e^{-κλ²}/E1(κλ²) − λ²α_s L: decreasing from q/4π > 0 to −∞
  const g = (lam: number) => {
    const l2 = lam * lam;
    return (q / (4 * Math.PI)) * Math.exp(-l2) - (k_l * (ti - tm)) / expintE1Scaled(kappa * l2) - l2 * aS * L;
  };
  const [lo, hi] = bracketUpward(g, 1e-12, 1e-3);
  const lambda = brent(g, lo, hi);
  const lam2 = lambda * lambda;
  const e1Lam2 = expintE1(lam2);
  const u0 = kappa * lam2;
  const e1sU0 = expintE1Scaled(u0);
  const coefS = q / (4 * Math.PI * k_s);

  const frontRadius_m = (t_s: number) => 2 * lambda * Math.sqrt(aS * Math.max(t_s, 0));
  const temperature_c = (r_m: number, t_s: number) => {
    if (!(r_m >= 0)) return NaN;
    if (t_s <= 0) return ti;
    if (r_m === 0) return -Infinity;
    if (r_m <= frontRadius_m(t_s)) return tm - coefS * (expintE1((r_m * r_m) / (4 * aS * t_s)) - e1Lam2);
    const u = (r_m * r_m) / (4 * aL * t_s); // ≥ u0 here
    return ti - (ti - tm) * (expintE1Scaled(u) / e1sU0) * Math.exp(u0 - u);
  };
  const isothermRadius_m = (tempC: number, t_s: number) => {
    if (!(t_s > 0) || !(tempC < ti)) return NaN;
    if (tempC === tm) return frontRadius_m(t_s);
    if (tempC < tm) {
      // E1(ρ) = E1(λ²) + (Tm − T)/coefS with ρ = r²/(4α_s t) ∈ (0, λ²); solve in s = ln ρ
      const target = e1Lam2 + (tm - tempC) / coefS;
      const h = (s: number) => expintE1(Math.exp(s)) - target;
      let sLo = Math.log(lam2) - 1;
      while (h(sLo) < 0) sLo -= Math.max(1, 0.5 * Math.abs(sLo));
      const s = brent(h, sLo, Math.log(lam2));
      return Math.sqrt(4 * aS * t_s * Math.exp(s));
    }
    // E1(u)/E1(u0) = (Ti − T)/(Ti − Tm), u > u0, in log form
    const lnTarget = Math.log(e1sU0) - u0 + Math.log((ti - tempC) / (ti - tm));
    const h = (u: number) => Math.log(expintE1Scaled(u)) - u - lnTarget;
    const [a, b] = bracketUpward(h, u0, u0 + 1);
    const u = brent(h, a, b);
    return Math.sqrt(4 * aL * t_s * u);
  };
  return { lambda, alpha_s_m2_s: aS, alpha_l_m2_s: aL, frontRadius_m, temperature_c, isothermRadius_m };
}
