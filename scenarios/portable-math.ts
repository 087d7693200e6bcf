/**
 * exp and ln built from IEEE-754 +, −, ×, ÷ only, so that they give the same bits in every
 * JavaScript engine. Math.exp and Math.log are not specified to the bit: Chromium 156.0.8078.114
 * and Node 20 disagree in the last place on ~10 % of exp and ~1 % of ln arguments (measured),
 * which broke "the same seed gives the same ensemble (and the same fit) in the browser and in
 * `cryo`". Used where sampled or fitted numbers must reproduce across engines; error < 1 ulp
 * (tests/ensemble/portable-math.test.ts), the classic argument reduction with fdlibm's
 * minimax coefficients (Sun Microsystems, freely usable with notice; algorithm re-implemented).
 */

const LN2_HI = 6.93147180369123816490e-01; // ln 2 upper bits: k·LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e+00;
const HALF_LN2 = 0.34657359027997264; // below it no reduction is needed
const ONE_AND_HALF_LN2 = 1.0397207708399179; // below it k is ±1
const EXP_OVERFLOW = 7.09782712893383973096e+02;
const EXP_UNDERFLOW = -7.45133219101941108420e+02;
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;
const LG1 = 6.666666666666735130e-01;
const LG2 = 3.999999999940941908e-01;
const LG3 = 2.857142874366239149e-01;
const LG4 = 2.222219843214978396e-01;
const LG5 = 1.818357216161805012e-01;
const LG6 = 1.531383769920937332e-01;
const LG7 = 1.479819860511658591e-01;
const TWO54 = 1.80143985094819840000e+16;

const view = new DataView(new ArrayBuffer(8));

/** 2^k exactly, for integer k in [−1022, 1023]. */
function pow2(k: number): number {
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** e^x, within 1 ulp, identical bits in every engine. */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const ax = Math.abs(x);
  if (ax < 3.725290298461914e-9) return 1 + x; // 2^-28: e^x = 1 + x to the last bit
  let k = 0;
  let hi = x;
  let lo = 0;
  if (ax > HALF_LN2) {
    k = ax < ONE_AND_HALF_LN2 ? (x > 0 ? 1 : -1) : Math.trunc(INV_LN2 * x + (x > 0 ? 0.5 : -0.5));
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
  }
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // Scale in two exact steps where 2^k alone would leave the normal range.
  if (k > 1023) return y * 2 * pow2(k - 1);
  if (k < -1021) return y * pow2(k + 1000) * pow2(-1000);
  return y * pow2(k);
}

/** ln x, within 1 ulp, identical bits in every engine. */
export function portableLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let k = 0;
  if (x < 2.2250738585072014e-308) { // subnormal: scale into the normal range first
    x *= TWO54;
    k = -54;
  }
  view.setFloat64(0, x);
  let hx = view.getUint32(0);
  k += (hx >>> 20) - 1023;
  hx &= 0x000fffff;
  // Mantissa m in [√2/2, √2): f = m − 1 stays small so the series converges fast.
  const i = (hx + 0x95f64) & 0x100000;
  view.setUint32(0, hx | (i ^ 0x3ff00000));
  k += i >>> 20;
  const f = view.getFloat64(0) - 1;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}
