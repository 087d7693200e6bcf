/**
 * How many cells a grid graded away from the ice would need: the estimate behind "what would
 * close it" for issue 12's standard run. Uniform spacing where the run ever froze (its 0 °C
 * envelope) plus a margin, then each cell `ratio` times wider than the one before out to the
 * domain edge. An upper bound of what stretching could save, not a model of any solver: the
 * cells next to the ice keep the fine spacing, so the explicit stability limit and the implicit
 * step count stay as they are and only the cell count falls.
 */

/** Cells needed to cover `distanceMm` starting at width h·ratio and growing by `ratio` per cell. */
export function gradedCells(distanceMm: number, hMm: number, ratio: number): number {
  if (distanceMm <= 0) return 0;
  // h·(q + q² + … + qⁿ) ≥ d  ⇔  qⁿ ≥ 1 + d(q − 1)/(h·q)
  return Math.ceil(Math.log(1 + (distanceMm * (ratio - 1)) / (hMm * ratio)) / Math.log(ratio) - 1e-9);
}

/** Cells along one axis of length `lengthMm`: uniform h over [fineLoMm, fineHiMm], graded outside it. */
export function gradedAxisCells(lengthMm: number, fineLoMm: number, fineHiMm: number, hMm: number, ratio: number): number {
  const lo = Math.max(0, fineLoMm);
  const hi = Math.min(lengthMm, fineHiMm);
  return Math.ceil((hi - lo) / hMm - 1e-9) + gradedCells(lo, hMm, ratio) + gradedCells(lengthMm - hi, hMm, ratio);
}

export interface GradedBound {
  uniformCells: number;
  gradedCells: number;
  /** uniform over graded: the most stretching could divide the cell count by */
  factor: number;
}

/**
 * An axisymmetric grid of `sizeMm` [r, depth] at `hMm`, fine over r ≤ radius + margin and
 * depth [top − margin, bottom + margin] of the 0 °C envelope, graded by `ratio` outside.
 */
export function gradedBound(
  sizeMm: [number, number], hMm: number,
  envelope: { radius_mm: number; top_depth_mm: number; bottom_depth_mm: number }, marginMm: number, ratio: number,
): GradedBound {
  const uniformCells = Math.round(sizeMm[0] / hMm) * Math.round(sizeMm[1] / hMm);
  const nr = gradedAxisCells(sizeMm[0], 0, envelope.radius_mm + marginMm, hMm, ratio);
  const nz = gradedAxisCells(sizeMm[1], envelope.top_depth_mm - marginMm, envelope.bottom_depth_mm + marginMm, hMm, ratio);
  return { uniformCells, gradedCells: nr * nz, factor: uniformCells / (nr * nz) };
}
