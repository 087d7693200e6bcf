/**
 * The cartesian product of the varied parameters, addressed by run index so a shard can
 * compute its own runs without listing the others. The first `--vary` changes slowest and
 * the last fastest, like nested loops in the order the options were written.
 */
import type { Varied } from './vary.ts';

/** A sweep larger than this is almost surely a typo in a range. */
export const MAX_RUNS = 1_000_000;

export function runCount(varied: readonly Varied[]): number {
  return varied.reduce((n, v) => n * v.values.length, 1);
}

/** The values of run `index` (0-based), one per varied parameter, in option order. */
export function combination(varied: readonly Varied[], index: number): (number | string)[] {
  const out = new Array<number | string>(varied.length);
  let rest = index;
  for (let p = varied.length - 1; p >= 0; p--) {
    const n = varied[p].values.length;
    out[p] = varied[p].values[rest % n];
    rest = Math.floor(rest / n);
  }
  return out;
}
