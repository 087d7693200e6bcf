/** Where a 1D piecewise-linear profile of cell-centre samples is at or below a level. */

/**
 * Intervals of coordinate where the profile through `values` (samples `step` apart from `first`,
 * constant over the outer half steps) is ≤ level. `side` (default: the values) decides which
 * samples are at or below the level — a ghost cell answers with its surface temperature — and the
 * values place each crossing between the two samples it separates.
 */
export function intervalsBelow(
  values: ArrayLike<number>, first: number, step: number, level: number, side: ArrayLike<number> = values,
): [number, number][] {
  const n = values.length;
  const out: [number, number][] = [];
  const inside = (v: number) => v <= level; // NaN is never inside
  let open: number | null = inside(side[0]) ? first - step / 2 : null;
  for (let i = 0; i + 1 < n; i++) {
    const ia = inside(side[i]);
    const ib = inside(side[i + 1]);
    if (ia === ib) continue;
    const a = values[i];
    const b = values[i + 1];
    const x = first + i * step;
    const q = (level - a) / (b - a);
    // NaN: a non-tissue neighbour, crossing halfway. Out of the pair: side and values disagree
    // (a ghost centre just outside its surface, a ghost over several links, a coldest-over-run
    // field folded from several times): the region ends at the sample inside it.
    const frac = Number.isNaN(q) ? 0.5 : q >= 0 && q <= 1 ? q : ia ? 0 : 1;
    const cross = x + frac * step;
    if (ia) {
      out.push([open as number, cross]);
      open = null;
    } else open = cross;
  }
  if (open !== null) out.push([open, first + (n - 1) * step + step / 2]);
  return out;
}
