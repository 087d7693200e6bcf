/** The temperatures one isotherm of the map is drawn from: a ghost cell answers on which side of the level it lies by its surface. */
import type { FieldFrames } from '../../../workers/engine/run-types.ts';

type Ghosts = NonNullable<FieldFrames['ghosts']>[number];

/**
 * A snapshot's temperatures for the contour at `levelC`. A ghost value (the tissue profile
 * extended into a probe cell) only places a contour between that cell and tissue when the probe's
 * surface is on the same side of the level; where they disagree the cell reads its surface, so no
 * isotherm is drawn inside a probe whose surface is warmer than it (as the isotherm figures,
 * workers/engine/analysis/intervals.ts). Returns the snapshot itself when nothing changes.
 */
export function contourValues(t: Float32Array, ghosts: Ghosts | undefined, levelC: number): Float32Array {
  if (!ghosts) return t;
  let out: Float32Array | null = null;
  for (let n = 0; n < ghosts.cells.length; n++) {
    const c = ghosts.cells[n];
    const surface = ghosts.surface_c[n];
    if (surface <= levelC === t[c] <= levelC) continue;
    out ??= t.slice();
    out[c] = surface;
  }
  return out ?? t;
}
