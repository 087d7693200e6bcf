/**
 * The face conductivity of the f64 kernels (kernel.ts, implicit.ts): the harmonic mean of the
 * two cells' conductivities, 0 when either is 0 (an inactive neighbour). One definition, on one
 * lane and on two, so the two-cell passes do the one-cell passes' operations in their order.
 */

/** 2ab/(a + b), +0 when either is 0. */
@inline export function hmean(a: f64, b: f64): f64 {
  return (2.0 * a * b) / (a + b + 1e-300);
}

/** hmean on both lanes of an f64x2, with the one-lane operations in their order (the same bits). */
@inline export function hmeanPair(a: v128, b: v128): v128 {
  return f64x2.div(f64x2.mul(f64x2.mul(f64x2.splat(2.0), a), b), f64x2.add(f64x2.add(a, b), f64x2.splat(1e-300)));
}
