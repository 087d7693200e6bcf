/**
 * exp and ln that give the same bits in every engine (scenarios/portable-math.ts): within one
 * unit in the last place of the engine's own Math.exp / Math.log over the whole double range,
 * exact at the special values, and each other's inverse. The e2e ensemble and bench-calibration
 * tests check the cross-engine part: Chromium reproduces `cryo`'s samples and fits bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { portableExp, portableLog } from '../../scenarios/portable-math.ts';

/** Distance in units of the last place, through the ordered integer image of the doubles. */
function ulpsApart(a: number, b: number): number {
  const f = new Float64Array([a, b]);
  const i = new BigInt64Array(f.buffer);
  const ordered = (v: bigint) => (v < 0n ? -(v & 0x7fffffffffffffffn) : v);
  const d = ordered(i[0]) - ordered(i[1]);
  return Number(d < 0n ? -d : d);
}

function uniformRandom(seed: number) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

describe('portable exp and ln', () => {
  it('stay within one ulp of the engine\'s own over the double range', () => {
    const rnd = uniformRandom(7);
    let worstExp = 0;
    let worstLog = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (rnd() * 2 - 1) * [1e-6, 1, 30, 745][i % 4];
      worstExp = Math.max(worstExp, ulpsApart(portableExp(x), Math.exp(x)));
      const y = rnd() * 10 ** (rnd() * 616 - 308);
      worstLog = Math.max(worstLog, ulpsApart(portableLog(y), Math.log(y)));
    }
    expect(worstExp).toBeLessThanOrEqual(1);
    expect(worstLog).toBeLessThanOrEqual(1);
  });

  it('are exact at the special values and at the ends of the range', () => {
    expect(portableExp(0)).toBe(1);
    expect(portableExp(-0)).toBe(1);
    expect(portableExp(Infinity)).toBe(Infinity);
    expect(portableExp(-Infinity)).toBe(0);
    expect(portableExp(NaN)).toBeNaN();
    expect(portableExp(710)).toBe(Infinity);
    expect(portableExp(-746)).toBe(0);
    expect(ulpsApart(portableExp(709.78), Math.exp(709.78))).toBeLessThanOrEqual(1);
    expect(ulpsApart(portableExp(-744), Math.exp(-744))).toBeLessThanOrEqual(1); // subnormal result
    expect(portableLog(1)).toBe(0);
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Infinity)).toBe(Infinity);
    expect(portableLog(Number.MIN_VALUE)).toBe(Math.log(Number.MIN_VALUE)); // subnormal argument
    expect(ulpsApart(portableLog(Number.MAX_VALUE), Math.log(Number.MAX_VALUE))).toBeLessThanOrEqual(1);
    for (let k = -1074; k <= 1023; k += 7) expect(ulpsApart(portableLog(2 ** k), k * Math.LN2)).toBeLessThanOrEqual(1);
  });

  it('invert each other: ln(exp x) = x to the rounding of exp x', () => {
    // exp x carries a relative error of one rounding, which ln turns into an absolute one.
    const rnd = uniformRandom(11);
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = (rnd() * 2 - 1) * [1, 700][i % 2];
      worst = Math.max(worst, Math.abs(portableLog(portableExp(x)) - x) / Math.max(1, Math.abs(x)));
    }
    expect(worst).toBeLessThanOrEqual(2 * Number.EPSILON);
  });
});
