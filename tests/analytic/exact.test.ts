/**
 * Tests of the exact solutions in exact.ts: the special functions against reference values
 * (each also re-derived here by numerical quadrature of its defining integral), the root
 * finders, every check number in ../shared/validation/analytic.md (to the digits given
 * there), and self-consistency of cases A–D (PDE residuals by finite differences, Stefan
 * condition, continuity, boundary and far-field values, isotherm round trips).
 */
import { describe, expect, it } from 'vitest';
import {
  besselK0,
  besselK0Scaled,
  besselK1,
  besselK1Scaled,
  bisect,
  brent,
  erf,
  erfc,
  erfcx,
  expintE1,
  expintE1Scaled,
  frozenCylinderSteady,
  lineSinkFreezing,
  neumannFreezing,
  pennesTransient,
  unfrozenCylinderSteady,
} from './exact.ts';

// ---------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------

/** Asserts |actual − expected| ≤ tol·|expected|. */
function expectRel(actual: number, expected: number, tol: number, what = ''): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  if (!(err <= tol)) throw new Error(`${what} actual ${actual} vs ${expected}: rel err ${err.toExponential(2)} > ${tol}`);
}

/** Asserts actual matches the decimal string `given` to all of its printed decimals (half-unit rounding). */
function expectDigits(actual: number, given: string): void {
  const decimals = given.includes('.') ? given.split('.')[1].length : 0;
  const tol = 0.5 * 10 ** -decimals;
  const err = Math.abs(actual - Number(given));
  if (!(err <= tol * (1 + 1e-9))) throw new Error(`actual ${actual} does not round to ${given} (|err| ${err})`);
}

/** Composite Simpson rule of f on [a, b] with n (even) panels. */
function simpson(f: (t: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** Fourth-order central first derivative. */
function d1(f: (x: number) => number, x: number, h: number): number {
  return (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h);
}

/** Fourth-order central second derivative. */
function d2(f: (x: number) => number, x: number, h: number): number {
  return (16 * (f(x + h) + f(x - h)) - (f(x + 2 * h) + f(x - 2 * h)) - 30 * f(x)) / (12 * h * h);
}

/** Fourth-order one-sided first derivative; dir = +1 looks right of x, −1 left. */
function d1OneSided(f: (x: number) => number, x: number, h: number, dir: 1 | -1): number {
  const g = (i: number) => f(x + dir * i * h);
  return (dir * (-25 * g(0) + 48 * g(1) - 36 * g(2) + 16 * g(3) - 3 * g(4))) / (12 * h);
}

// Quadratures of the defining integrals (independent of exact.ts).
const quadErf = (x: number) => (2 / Math.sqrt(Math.PI)) * simpson((t) => Math.exp(-t * t), 0, x, 4000);
/** erfc(x) = (2/√π) e^{-x²} ∫_0^∞ e^{-2xu − u²} du (u = t − x), cut where the integrand is < e^{-40}. */
const quadErfc = (x: number) =>
  (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * simpson((u) => Math.exp(-2 * x * u - u * u), 0, Math.min(7, 20 / x), 20000);
/** E1(x) = ∫_x^∞ e^{-t}/t dt = ∫_0^∞ exp(−x e^s) ds (t = x e^s). */
const quadE1 = (x: number) => {
  const sMax = Math.log(60 / x) + 1;
  return simpson((s) => Math.exp(-x * Math.exp(s)), 0, sMax, 20000);
};
/** K_ν(x) = ∫_0^∞ e^{-x cosh t} cosh(νt) dt. */
const quadK = (nu: number, x: number) => {
  const tMax = Math.acosh(1 + 60 / x) + 0.5;
  return simpson((t) => Math.exp(-x * Math.cosh(t)) * Math.cosh(nu * t), 0, tMax, 20000);
};

// Parameters of analytic.md
const caseAProps = { k_s: 2.0, k_l: 0.5, c_s: 1.8e6, c_l: 3.6e6, latent_j_m3: 3.0e8 };

// ---------------------------------------------------------------------------------------
// special functions
// ---------------------------------------------------------------------------------------

describe('special functions: values quoted in the brief', () => {
  // [name, function, x, quoted value, quadrature of the defining integral]
  const cases: Array<[string, (x: number) => number, number, number, (x: number) => number]> = [
    ['erf', erf, 0.5, 0.5204998778130465, quadErf],
    ['erfc', erfc, 3, 2.209049699858544e-5, quadErfc],
    ['erfc', erfc, 10, 2.088487583762545e-45, quadErfc],
    ['E1', expintE1, 1, 0.21938393439552029, quadE1],
    ['E1', expintE1, 0.01, 4.037929576538114, quadE1],
    ['E1', expintE1, 5, 0.001148295591275326, quadE1],
    ['K0', besselK0, 1, 0.42102443824070834, (x) => quadK(0, x)],
    ['K1', besselK1, 1, 0.6019072301972346, (x) => quadK(1, x)],
    ['K0', besselK0, 0.1, 2.427069024702017, (x) => quadK(0, x)],
    ['K1', besselK1, 5, 0.004044613445452164, (x) => quadK(1, x)],
    ['K0', besselK0, 20, 5.741237815336524e-10, (x) => quadK(0, x)],
  ];
  for (const [name, f, x, value, quad] of cases) {
    it(`${name}(${x}) = ${value}, confirmed by quadrature`, () => {
      expectRel(quad(x), value, 1e-12, `quadrature ${name}(${x})`);
      expectRel(f(x), value, 1e-14, `${name}(${x})`);
    });
  }
});

describe('special functions: 30-digit reference values', () => {
  // Generated with mpmath 1.3.0 at 40 significant digits, rounded to double.
  const table: Array<[string, (x: number) => number, Array<[number, number]>]> = [
    ['erf', erf, [[1e-10, 1.1283791670955126e-10], [0.001, 0.0011283787909692365], [0.1, 0.1124629160182849],
      [0.75, 0.7111556336535151], [1, 0.8427007929497149], [1.5, 0.9661051464753108], [2, 0.9953222650189527],
      [3.5, 0.9999992569016276], [5, 0.9999999999984626]]],
    ['erfc', erfc, [[-2, 1.9953222650189528], [0.001, 0.9988716212090307], [0.3, 0.6713732405408726],
      [0.75, 0.28884436634648486], [1, 0.15729920705028513], [2, 0.004677734981047266], [4, 1.541725790028002e-8],
      [6, 2.1519736712498913e-17], [15, 7.212994172451207e-100], [26, 5.663192408856143e-296]]],
    ['erfcx', erfcx, [[-3, 16205.988853999586], [0.5, 0.6156903441929259], [1, 0.427583576155807],
      [5, 0.11070463773306863], [30, 0.01879588886141675], [1e3, 0.0005641893014533876], [1e6, 5.641895835474742e-7]]],
    ['E1', expintE1, [[1e-8, 17.84346508905083], [0.001, 6.331539364136149], [0.5, 0.5597735947761608],
      [0.999, 0.21975218202294455], [1.001, 0.2190164225274689], [2, 0.04890051070806112], [10, 4.156968929685325e-6],
      [50, 3.783264029550459e-24], [300, 1.71038427680451e-133]]],
    ['E1 scaled', expintE1Scaled, [[0.001, 6.337874070325488], [2, 0.3613286168882226], [100, 0.009901942286733018],
      [1000, 0.0009990019940238808]]],
    ['K0', besselK0, [[1e-6, 13.93144207362642], [0.001, 7.023688800562382], [0.5, 0.9244190712276659],
      [1.999, 0.11403383058923292], [2.001, 0.11375409873668463], [3, 0.03473950438627925], [10, 1.778006231616765e-5],
      [50, 3.4101677497894956e-23], [500, 3.992321609117793e-219]]],
    ['K1', besselK1, [[1e-6, 999999.9999927843], [0.001, 999.9962381560856], [0.5, 1.656441120003301],
      [1.999, 0.14004984207710966], [2.001, 0.13968218830176757], [3, 0.040156431128194184],
      [10, 1.8648773453825585e-5], [50, 3.4441022267175555e-23], [500, 3.9963119385460035e-219]]],
    ['K0 scaled', besselK0Scaled, [[0.001, 7.030716002378251], [5, 0.547807564313519], [100, 0.12517562165912657],
      [1000, 0.03962832160075422]]],
    ['K1 scaled', besselK1Scaled, [[0.001, 1000.9967345590684], [5, 0.6002738587883126], [100, 0.12579995047957854],
      [1000, 0.03964813081296021]]],
  ];
  for (const [name, f, rows] of table) {
    it(`${name} to 1e-14 relative`, () => {
      for (const [x, v] of rows) expectRel(f(x), v, 1e-14, `${name}(${x})`);
    });
  }
});

describe('special functions: sweeps against quadrature of the defining integrals', () => {
  const logSweep = (lo: number, hi: number, n: number) =>
    Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));

  it('K0, K1 on 1e-3 < x < 50 agree with ∫ e^{-x cosh t} cosh(νt) dt to 1e-11', () => {
    for (const x of logSweep(1e-3, 50, 61)) {
      expectRel(besselK0(x), quadK(0, x), 1e-11, `K0(${x})`);
      expectRel(besselK1(x), quadK(1, x), 1e-11, `K1(${x})`);
      expectRel(besselK0Scaled(x), quadK(0, x) * Math.exp(x), 1e-11, `K0e(${x})`);
    }
  });

  it('E1 on 1e-4 < x < 60 agrees with ∫ e^{-t}/t dt to 1e-11', () => {
    for (const x of logSweep(1e-4, 60, 61)) expectRel(expintE1(x), quadE1(x), 1e-11, `E1(${x})`);
  });

  it('erf and erfc on 0 < x < 20 agree with ∫ e^{-t²} dt to 1e-11', () => {
    for (const x of logSweep(1e-3, 20, 61)) {
      expectRel(erfc(x), quadErfc(x), 1e-11, `erfc(${x})`);
      if (x < 5) expectRel(erf(x), quadErf(x), 1e-11, `erf(${x})`);
    }
  });
});

describe('special functions: identities, derivatives and continuity across method switches', () => {
  it('erf is odd, erf + erfc = 1, erfc(−x) = 2 − erfc(x), erfcx = e^{x²} erfc', () => {
    for (const x of [0.01, 0.3, 0.74, 0.76, 1.2, 1.99, 2.01, 3, 5.5, 6.5]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(5e-15);
      expect(Math.abs(erfc(-x) - (2 - erfc(x)))).toBeLessThan(5e-16);
      expectRel(erfcx(x), Math.exp(x * x) * erfc(x), 5e-14, `erfcx(${x})`);
      expectRel(erfcx(-x), Math.exp(x * x) * erfc(-x), 5e-14, `erfcx(-${x})`);
    }
    expect(erf(0)).toBe(0);
    expect(erfc(0)).toBe(1);
    expect(erf(40)).toBe(1);
    expect(erfc(40)).toBe(0);
    expect(erfc(-40)).toBe(2);
  });

  it('derivatives: erf′ = (2/√π)e^{-x²}, E1′ = −e^{-x}/x, K0′ = −K1, (xK1)′ = −xK0', () => {
    for (const x of [0.05, 0.5, 0.75, 1, 1.5, 2, 3, 8, 25]) {
      const h = 1e-5 * x;
      if (x < 2) expectRel(d1(erf, x, h), (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x), 1e-8, `erf'(${x})`);
      expectRel(d1(erfc, x, h), (-2 / Math.sqrt(Math.PI)) * Math.exp(-x * x), 1e-8, `erfc'(${x})`);
      expectRel(d1(expintE1, x, h), -Math.exp(-x) / x, 1e-8, `E1'(${x})`);
      expectRel(d1(besselK0, x, h), -besselK1(x), 1e-8, `K0'(${x})`);
      expectRel(d1((y) => y * besselK1(y), x, h), -x * besselK0(x), 1e-8, `(xK1)'(${x})`);
    }
  });

  it('is continuous where the method changes (erfc 0.75 / 2, E1 1, K 2)', () => {
    const jump = (f: (x: number) => number, x0: number) => Math.abs(f(x0 * (1 + 1e-14)) / f(x0 * (1 - 1e-14)) - 1);
    expect(jump(erfc, 0.75)).toBeLessThan(1e-13);
    expect(jump(erf, 2)).toBeLessThan(1e-13);
    expect(jump(erfcx, 0.75)).toBeLessThan(1e-13);
    expect(jump(expintE1, 1)).toBeLessThan(1e-13);
    expect(jump(expintE1Scaled, 1)).toBeLessThan(1e-13);
    expect(jump(besselK0, 2)).toBeLessThan(1e-13);
    expect(jump(besselK1, 2)).toBeLessThan(1e-13);
  });

  it('domain edges: E1(0) = K(0) = ∞, negative arguments give NaN', () => {
    expect(expintE1(0)).toBe(Infinity);
    expect(besselK0(0)).toBe(Infinity);
    expect(besselK1(0)).toBe(Infinity);
    expect(expintE1(-1)).toBeNaN();
    expect(besselK0(-1)).toBeNaN();
    expect(expintE1(800)).toBe(0);
    expect(besselK0(800)).toBe(0);
  });
});

describe('root finders', () => {
  it('brent and bisect find cos x = x and x³ − 2x − 5 = 0 to machine precision', () => {
    const f1 = (x: number) => Math.cos(x) - x;
    const f2 = (x: number) => x * x * x - 2 * x - 5;
    expectRel(brent(f1, 0, 1), 0.7390851332151607, 4e-16);
    expectRel(bisect(f1, 0, 1), 0.7390851332151607, 4e-16);
    expectRel(brent(f2, 2, 3), 2.0945514815423265, 4e-16);
    expectRel(bisect(f2, 2, 3), 2.0945514815423265, 4e-16);
  });

  it('brent is fast on a smooth root and copes with a nasty one', () => {
    let calls = 0;
    const f = (x: number) => {
      calls++;
      return Math.exp(x) - 1e6;
    };
    expectRel(brent(f, 0, 100), Math.log(1e6), 1e-15);
    expect(calls).toBeLessThan(60);
    const step = (x: number) => (x < 1 / 3 ? -1 : 1); // discontinuous: falls back to bisection
    expect(Math.abs(brent(step, 0, 1) - 1 / 3)).toBeLessThan(1e-15);
  });

  it('refuses an unbracketed interval', () => {
    expect(() => brent((x) => x * x + 1, -1, 1)).toThrow(/bracket/);
    expect(() => bisect((x) => x * x + 1, -1, 1)).toThrow(/bracket/);
  });
});

// ---------------------------------------------------------------------------------------
// Case A — Neumann
// ---------------------------------------------------------------------------------------

describe('case A: Neumann planar two-phase freezing', () => {
  const A = neumannFreezing({ ...caseAProps, t_surface_c: -150, t_melt_c: 0, t_initial_c: 37 });

  it('reproduces the check numbers of analytic.md', () => {
    expectDigits(A.lambda, '0.49893');
    expectDigits(A.frontPosition_m(60) * 1e3, '8.148');
    expectDigits(A.frontPosition_m(600) * 1e3, '25.765');
    expectDigits(A.isothermPosition_m(-40, 600) * 1e3, '18.158');
    expectDigits(A.isothermPosition_m(0, 600) * 1e3, '25.765');
  });

  it('λ satisfies its transcendental equation', () => {
    const nu = Math.sqrt(A.alpha_s_m2_s / A.alpha_l_m2_s);
    const st = (1.8e6 * 150) / 3e8;
    const lhs =
      Math.exp(-(A.lambda ** 2)) / erf(A.lambda) -
      (0.5 / 2.0) * nu * (37 / 150) * (Math.exp(-((nu * A.lambda) ** 2)) / erfc(nu * A.lambda));
    expectRel(lhs, (A.lambda * Math.sqrt(Math.PI)) / st, 1e-13);
  });

  it('boundary, initial and far-field values; continuity at the front', () => {
    for (const t of [1, 60, 600, 3600]) {
      expect(A.temperature_c(0, t)).toBe(-150);
      const X = A.frontPosition_m(t);
      expect(Math.abs(A.temperature_c(X, t))).toBeLessThan(1e-12);
      expect(Math.abs(A.temperature_c(X * (1 + 1e-12), t))).toBeLessThan(1e-8);
      expect(Math.abs(A.temperature_c(X * (1 - 1e-12), t))).toBeLessThan(1e-8);
      expect(A.temperature_c(X + 50 * Math.sqrt(A.alpha_l_m2_s * t), t)).toBe(37);
    }
    expect(A.temperature_c(0.01, 0)).toBe(37);
  });

  it('satisfies C T_t = k T_xx in both phases (finite-difference residual)', () => {
    const t = 600;
    const X = A.frontPosition_m(t);
    const scale = (2.0 * 150) / (X * X); // k ΔT / X², the size of each term
    for (const frac of [0.1, 0.3, 0.6, 0.9, 1.1, 1.5, 2, 3]) {
      const x = frac * X;
      const [k, c] = frac < 1 ? [2.0, 1.8e6] : [0.5, 3.6e6];
      const Tt = d1((s) => A.temperature_c(x, s), t, 1e-3 * t);
      const Txx = d2((y) => A.temperature_c(y, t), x, 1e-3 * X);
      expect(Math.abs(c * Tt - k * Txx) / scale).toBeLessThan(1e-7);
    }
  });

  it('satisfies the Stefan condition k_s T_x(X−) − k_l T_x(X+) = L dX/dt', () => {
    for (const t of [60, 600]) {
      const X = A.frontPosition_m(t);
      const h = 1e-5 * X;
      const gs = d1OneSided((y) => A.temperature_c(y, t), X, h, -1);
      const gl = d1OneSided((y) => A.temperature_c(y, t), X, h, 1);
      const dXdt = d1(A.frontPosition_m, t, 1e-4 * t);
      expectRel(2.0 * gs - 0.5 * gl, 3e8 * dXdt, 1e-8, `Stefan at ${t} s`);
    }
  });

  it('isotherm positions invert the temperature field', () => {
    for (const T of [-149, -100, -40, -1, 0, 0.5, 10, 36]) {
      const x = A.isothermPosition_m(T, 600);
      expect(Math.abs(A.temperature_c(x, 600) - T)).toBeLessThan(1e-9);
    }
    expect(A.isothermPosition_m(-150, 600)).toBe(0);
    expect(A.isothermPosition_m(-151, 600)).toBeNaN();
    expect(A.isothermPosition_m(37, 600)).toBeNaN();
  });

  it('one-phase limit (liquid at the melting point): λ e^{λ²} erf λ = St/√π', () => {
    const one = neumannFreezing({ ...caseAProps, t_surface_c: -150, t_melt_c: 0, t_initial_c: 0 });
    const st = (1.8e6 * 150) / 3e8;
    expectRel(one.lambda * Math.exp(one.lambda ** 2) * erf(one.lambda), st / Math.sqrt(Math.PI), 1e-13);
    expect(one.lambda).toBeGreaterThan(A.lambda); // warm liquid slows the front
  });
});

// ---------------------------------------------------------------------------------------
// Case B — transient Pennes
// ---------------------------------------------------------------------------------------

describe('case B: transient 1D Pennes with the surface held fixed', () => {
  const B = pennesTransient({ k: 0.5, c: 3.6e6, w_perf: 2500, t_surface_c: -10, t_arterial_c: 37, q_met: 0 });

  it('reproduces the check numbers of analytic.md', () => {
    expectDigits(B.temperature_c(1e-3, 300), '-5.185');
    expectDigits(B.temperature_c(3e-3, 300), '3.678');
    expectDigits(B.temperature_c(5e-3, 300), '11.423');
    expectDigits(B.temperature_c(10e-3, 300), '25.543');
    expect(B(5e-3, 300)).toBe(B.temperature_c(5e-3, 300)); // callable directly too
    expectRel(B.delta_m, Math.sqrt(0.5 / 2500), 1e-15);
    expect(B.t_inf_c).toBe(37);
  });

  it('matches 40-digit reference values, including extreme perfusion (mpmath)', () => {
    // [w_perf, t_surface_c, x_m, t_s, T − T_inf]
    const rows: Array<[number, number, number, number, number]> = [
      [2500, -10, 0.03, 3600, -5.3604048580337957611],
      [2500, -10, 0.0005, 1, -16.105057835356183537],
      [1e5, -150, 0.03, 3600, -0.00027872100789681851414],
      [1e5, -150, 0.01, 3600, -2.136080615778318136],
      [1e7, -150, 0.003, 3600, -0.00027872100789681829791],
      [5e8, -150, 0.001, 3600, -3.4533788587061238246e-12],
      [40000, -150, 0.02, 2000, -0.65328249431001134052],
      [1e-3, -150, 0.005, 600, -130.62610633318388504],
    ];
    for (const [w, tp, x, t, dev] of rows) {
      const s = pennesTransient({ k: 0.5, c: 3.6e6, w_perf: w, t_surface_c: tp, t_arterial_c: 37 });
      expect(Math.abs(s.temperature_c(x, t) - 37 - dev)).toBeLessThan(1e-12 * Math.abs(dev) + 2e-14 * 187);
    }
  });

  it('stays finite and bounded where exp(x/δ)·erfc(...) overflows (x ≤ 30 mm, t ≤ 3600 s)', () => {
    const naive = (w: number, x: number, t: number) => {
      const d = Math.sqrt(0.5 / w);
      const z = x / (2 * Math.sqrt((0.5 / 3.6e6) * t));
      const s = Math.sqrt((w / 3.6e6) * t);
      return Math.exp(x / d) * erfc(z + s);
    };
    expect(naive(5e8, 0.03, 3600)).toBeNaN(); // Infinity · 0
    for (const w of [1e-3, 2500, 4e4, 1e6, 5e8]) {
      const s = pennesTransient({ k: 0.5, c: 3.6e6, w_perf: w, t_surface_c: -150, t_arterial_c: 37 });
      for (const t of [1e-3, 1, 60, 600, 3600]) {
        let prev = -Infinity;
        for (let i = 0; i <= 60; i++) {
          const T = s.temperature_c(i * 0.5e-3, t);
          expect(Number.isFinite(T)).toBe(true);
          expect(T).toBeGreaterThanOrEqual(-150);
          expect(T).toBeLessThanOrEqual(37);
          expect(T).toBeGreaterThanOrEqual(prev - 1e-12); // monotone in depth
          prev = T;
        }
      }
    }
  });

  it('satisfies C T_t = k T_xx + W(T_a − T) + q_m (finite-difference residual)', () => {
    const p = { k: 0.5, c: 3.6e6, w_perf: 2500, t_surface_c: -10, t_arterial_c: 36, q_met: 700 };
    const s = pennesTransient(p);
    expectRel(s.t_inf_c, 36 + 700 / 2500, 1e-15);
    for (const t of [30, 300, 3000]) {
      for (const x of [0.5e-3, 2e-3, 5e-3, 12e-3]) {
        const Tt = d1((u) => s.temperature_c(x, u), t, 1e-3 * t);
        const Txx = d2((y) => s.temperature_c(y, t), x, 2e-5);
        const res = p.c * Tt - (p.k * Txx + p.w_perf * (p.t_arterial_c - s.temperature_c(x, t)) + p.q_met);
        const scale = p.w_perf * 46; // W·ΔT, the size of the perfusion term
        expect(Math.abs(res) / scale).toBeLessThan(1e-7);
      }
    }
  });

  it('surface value, initial value, steady limit and the W → 0 limit', () => {
    expect(B.temperature_c(0, 10)).toBe(-10);
    expect(B.temperature_c(0.01, 0)).toBe(37);
    for (const x of [1e-3, 5e-3, 20e-3]) {
      expectRel(B.temperature_c(x, 1e7) - 37, -47 * Math.exp(-x / B.delta_m), 1e-12, 'steady');
    }
    const noPerf = pennesTransient({ k: 0.5, c: 3.6e6, w_perf: 0, t_surface_c: -10, t_arterial_c: 37 });
    const alpha = 0.5 / 3.6e6;
    for (const x of [1e-3, 5e-3]) {
      const pure = 37 - 47 * erfc(x / (2 * Math.sqrt(alpha * 300)));
      expectRel(noPerf.temperature_c(x, 300), pure, 1e-14);
      const tiny = pennesTransient({ k: 0.5, c: 3.6e6, w_perf: 1e-6, t_surface_c: -10, t_arterial_c: 37 });
      expectRel(tiny.temperature_c(x, 300), pure, 1e-9);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Case C — steady frozen / unfrozen cylinder
// ---------------------------------------------------------------------------------------

describe('case C: steady cylinder in perfused tissue', () => {
  const pC = { a_m: 0.75e-3, t_probe_c: -150, t_front_c: 0, t_inf_c: 37, k_f: 2.0, k_u: 0.5, w_perf: 40000 };
  const C = frozenCylinderSteady(pC);
  const U = unfrozenCylinderSteady({ a_m: 0.75e-3, t_probe_c: -10, t_inf_c: 37, k: 0.5, w_perf: 2500 });

  it('reproduces the check numbers of analytic.md', () => {
    expectDigits(C.frontRadius_m * 1e3, '16.76');
    expectDigits(C.isothermRadius_m(-40) * 1e3, '7.32');
    expectDigits(U.temperature_c(1e-3), '-5.604');
    expectDigits(U.temperature_c(2e-3), '4.894');
    expectDigits(U.temperature_c(5e-3), '18.178');
    expectDigits(U.temperature_c(10e-3), '26.954');
    expect(U(5e-3)).toBe(U.temperature_c(5e-3));
  });

  it('probe value, continuity and flux balance at the front, far field', () => {
    const R = C.frontRadius_m;
    expect(C.temperature_c(pC.a_m)).toBe(-150);
    expect(Math.abs(C.temperature_c(R))).toBeLessThan(1e-12);
    expect(Math.abs(C.temperature_c(R * (1 + 1e-13)))).toBeLessThan(1e-9);
    const h = 1e-5 * R;
    const gf = d1OneSided(C.temperature_c, R, h, -1);
    const gu = d1OneSided(C.temperature_c, R, h, 1);
    expectRel(pC.k_f * gf, pC.k_u * gu, 1e-8, 'flux balance');
    expectRel(37 - C.temperature_c(R + 5 * C.delta_m), (37 * besselK0(R / C.delta_m + 5)) / besselK0(R / C.delta_m), 1e-12);
    expect(C.temperature_c(10)).toBe(37);
  });

  it('satisfies Laplace (ice) and k(T″ + T′/r) = W(T − T∞) (tissue) by finite differences', () => {
    const R = C.frontRadius_m;
    for (const r of [1e-3, 4e-3, 10e-3, 15e-3]) {
      const h = 1e-3 * r;
      const lap = d2(C.temperature_c, r, h) + d1(C.temperature_c, r, h) / r;
      expect(Math.abs(lap) / (150 / (r * r))).toBeLessThan(1e-7);
    }
    for (const r of [18e-3, 22e-3, 30e-3]) {
      const h = 1e-3 * (r - R);
      const lhs = pC.k_u * (d2(C.temperature_c, r, h) + d1(C.temperature_c, r, h) / r);
      const rhs = pC.w_perf * (C.temperature_c(r) - 37);
      expect(Math.abs(lhs - rhs) / (pC.w_perf * 37)).toBeLessThan(1e-7);
    }
    for (const r of [1e-3, 2e-3, 5e-3, 10e-3]) {
      const h = 4e-3 * r;
      const lhs = 0.5 * (d2(U.temperature_c, r, h) + d1(U.temperature_c, r, h) / r);
      const rhs = 2500 * (U.temperature_c(r) - 37);
      expect(Math.abs(lhs - rhs) / (2500 * 47)).toBeLessThan(1e-6);
    }
    expect(U.temperature_c(0.75e-3)).toBe(-10);
  });

  it('isotherm radii invert the temperature field', () => {
    for (const T of [-150, -100, -40, -1, 0, 1, 20, 36.9]) {
      expect(Math.abs(C.temperature_c(C.isothermRadius_m(T)) - T)).toBeLessThan(1e-9);
    }
    for (const T of [-10, -5, 0, 20, 36.9]) {
      expect(Math.abs(U.temperature_c(U.isothermRadius_m(T)) - T)).toBeLessThan(1e-9);
    }
    expect(C.isothermRadius_m(37)).toBeNaN();
    expect(U.isothermRadius_m(-20)).toBeNaN();
  });

  it('refuses a configuration with no bounded ice', () => {
    expect(() => frozenCylinderSteady({ ...pC, t_inf_c: 0 })).toThrow();
    expect(() => frozenCylinderSteady({ ...pC, t_probe_c: 5 })).toThrow();
  });
});

// ---------------------------------------------------------------------------------------
// Case D — line sink
// ---------------------------------------------------------------------------------------

describe('case D: freezing around a line sink', () => {
  const pD = { q_w_per_m: 100, ...caseAProps, t_melt_c: 0, t_initial_c: 37 };
  const D = lineSinkFreezing(pD);
  const aS = D.alpha_s_m2_s;
  const aL = D.alpha_l_m2_s;

  it('reproduces the check numbers of analytic.md', () => {
    expectDigits(D.lambda, '0.06717');
    expectDigits(D.frontRadius_m(600) * 1e3, '3.47');
  });

  it('λ satisfies its transcendental equation', () => {
    const l2 = D.lambda ** 2;
    const u0 = (l2 * aS) / aL;
    const lhs = (100 / (4 * Math.PI)) * Math.exp(-l2) - (0.5 * 37 * Math.exp(-u0)) / expintE1(u0);
    expectRel(lhs, l2 * aS * 3e8, 1e-12);
  });

  it('continuity at the front, far field, initial state and the sink singularity', () => {
    for (const t of [10, 600, 3600]) {
      const R = D.frontRadius_m(t);
      expect(Math.abs(D.temperature_c(R, t))).toBeLessThan(1e-12);
      expect(Math.abs(D.temperature_c(R * (1 + 1e-12), t))).toBeLessThan(1e-9);
      expect(Math.abs(D.temperature_c(R * (1 - 1e-12), t))).toBeLessThan(1e-9);
      expect(D.temperature_c(60 * Math.sqrt(aL * t), t)).toBeCloseTo(37, 12);
    }
    expect(D.temperature_c(0, 600)).toBe(-Infinity);
    expect(D.temperature_c(1e-3, 0)).toBe(37);
  });

  it('the sink extracts q′: 2πr k_s ∂T/∂r → q′ as r → 0', () => {
    const t = 600;
    for (const r of [1e-7, 1e-6]) {
      const flux = 2 * Math.PI * r * 2.0 * d1((y) => D.temperature_c(y, t), r, 1e-3 * r);
      expectRel(flux, 100 * Math.exp(-(r * r) / (4 * aS * t)), 1e-10, `flux at r=${r}`);
    }
  });

  it('satisfies C T_t = k (T_rr + T_r / r) in both phases (finite-difference residual)', () => {
    const t = 600;
    const R = D.frontRadius_m(t);
    for (const frac of [0.05, 0.3, 0.7, 1.3, 2, 4]) {
      const r = frac * R;
      const [k, c] = frac < 1 ? [2.0, 1.8e6] : [0.5, 3.6e6];
      const h = 1e-3 * r;
      const f = (y: number) => D.temperature_c(y, t);
      const Tt = d1((s) => D.temperature_c(r, s), t, 1e-4 * t);
      const lap = d2(f, r, h) + d1(f, r, h) / r;
      const scale = Math.max(Math.abs(c * Tt), Math.abs(k * d2(f, r, h)));
      expect(Math.abs(c * Tt - k * lap) / scale).toBeLessThan(1e-7);
    }
  });

  it('satisfies the Stefan condition k_s T_r(R−) − k_l T_r(R+) = L dR/dt', () => {
    for (const t of [60, 600]) {
      const R = D.frontRadius_m(t);
      const f = (y: number) => D.temperature_c(y, t);
      const gs = d1OneSided(f, R, 1e-5 * R, -1);
      const gl = d1OneSided(f, R, 1e-5 * R, 1);
      const dRdt = d1(D.frontRadius_m, t, 1e-4 * t);
      expectRel(2.0 * gs - 0.5 * gl, 3e8 * dRdt, 1e-8, `Stefan at ${t} s`);
    }
  });

  it('isotherm radii invert the temperature field', () => {
    for (const T of [-300, -40, -10, -1, 0, 1, 20, 36]) {
      const r = D.isothermRadius_m(T, 600);
      expect(Math.abs(D.temperature_c(r, 600) - T)).toBeLessThan(1e-9 * Math.max(1, Math.abs(T)));
    }
    expect(D.isothermRadius_m(37, 600)).toBeNaN();
  });
});
