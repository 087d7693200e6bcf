/**
 * The four input distributions by their cumulative distribution and its inverse, and
 * truncation to bounds by inverse transform: a uniform u in [0, 1) maps to
 * F⁻¹(F(low) + u·(F(high) − F(low))), so one uniform number gives one bounded sample and a
 * stratified design (Latin hypercube) stays stratified after the transform.
 * A zero-width distribution (sd 0, min = max) returns its value exactly, so such an input
 * reproduces the scenario it came from bit for bit.
 */
import type { UncertainInput } from './schema.ts';
import { portableExp, portableLog } from './portable-math.ts';

export interface Distribution {
  cdf(x: number): number;
  quantile(p: number): number;
  /** the single value of a zero-width distribution, else null */
  point: number | null;
}

/** Complementary error function, fractional error < 1.2e-7 (Numerical Recipes, erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    portableExp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal quantile Φ⁻¹(p), relative accuracy ~1e-16 (Wichura 1988, AS 241 PPND16). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r +
          1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r +
        687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = Math.sqrt(-portableLog(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r +
        5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r +
        1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    val =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r +
        1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
        0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -val : val;
}

const step = (at: number) => (x: number) => (x < at ? 0 : 1);

export function normal(mean: number, sd: number): Distribution {
  if (sd === 0) return { cdf: step(mean), quantile: () => mean, point: mean };
  return { cdf: (x) => normalCdf((x - mean) / sd), quantile: (p) => mean + sd * normalQuantile(p), point: null };
}

/** ln X ~ normal(ln median, sigma_log). */
export function lognormal(median: number, sigmaLog: number): Distribution {
  if (sigmaLog === 0) return { cdf: step(median), quantile: () => median, point: median };
  const mu = portableLog(median);
  return {
    cdf: (x) => (x <= 0 ? 0 : normalCdf((portableLog(x) - mu) / sigmaLog)),
    quantile: (p) => portableExp(mu + sigmaLog * normalQuantile(p)),
    point: null,
  };
}

export function uniform(min: number, max: number): Distribution {
  if (min === max) return { cdf: step(min), quantile: () => min, point: min };
  return { cdf: (x) => Math.min(Math.max((x - min) / (max - min), 0), 1), quantile: (p) => min + p * (max - min), point: null };
}

export function triangular(min: number, mode: number, max: number): Distribution {
  if (min === max) return { cdf: step(min), quantile: () => min, point: min };
  const w = max - min;
  const atMode = (mode - min) / w;
  return {
    cdf: (x) => (x <= min ? 0 : x >= max ? 1 : x <= mode ? ((x - min) * (x - min)) / (w * (mode - min)) : 1 - ((max - x) * (max - x)) / (w * (max - mode))),
    quantile: (p) => (p < atMode ? min + Math.sqrt(p * w * (mode - min)) : max - Math.sqrt((1 - p) * w * (max - mode))),
    point: null,
  };
}

export function distributionOf(input: UncertainInput): Distribution {
  switch (input.distribution) {
    case 'normal':
      return normal(input.mean, input.sd);
    case 'lognormal':
      return lognormal(input.median, input.sigma_log);
    case 'uniform':
      return uniform(input.min, input.max);
    case 'triangular':
      return triangular(input.min, input.mode, input.max);
  }
}

/** Probability mass the bounds keep; 0 means the bounds exclude the whole distribution. */
export function keptMass(d: Distribution, bounds?: { low?: number; high?: number }): number {
  if (d.point !== null) return (bounds?.low ?? -Infinity) <= d.point && d.point <= (bounds?.high ?? Infinity) ? 1 : 0;
  return (bounds?.high !== undefined ? d.cdf(bounds.high) : 1) - (bounds?.low !== undefined ? d.cdf(bounds.low) : 0);
}

/** The sample for uniform number u ∈ [0, 1), truncated to the bounds. */
export function sampleAt(d: Distribution, u: number, bounds?: { low?: number; high?: number }): number {
  if (d.point !== null) return d.point;
  const pLo = bounds?.low !== undefined ? d.cdf(bounds.low) : 0;
  const pHi = bounds?.high !== undefined ? d.cdf(bounds.high) : 1;
  const x = d.quantile(pLo + u * (pHi - pLo));
  // The cdf is accurate to ~1e-7, so a sample may land a hair outside its bounds: clamp.
  return Math.min(Math.max(x, bounds?.low ?? -Infinity), bounds?.high ?? Infinity);
}
