/**
 * Isolines of a gridded field (marching squares with linear interpolation), joined into
 * polylines and ready for a Plotly line trace. The map draws its isotherms with these instead
 * of Plotly's contour traces: those placed their labels by sampling every path's length in the
 * browser and took about as long as the whole heat map; a playing map redraws at 8 frames a
 * second.
 */

/** One level's isoline: polylines separated by nulls, and where its label goes (null: no line). */
export interface Isoline {
  x: (number | null)[];
  y: (number | null)[];
  /** the deepest point of the longest polyline (largest y): below the ice, clear of the probe */
  label: { x: number; y: number } | null;
}

/**
 * The isoline at `level` of the field `rows` (rows[k][i] at x[i], y[k]). A cell with a corner
 * that is not finite has no line. A corner exactly at the level counts as above it, so a line
 * never runs along grid points twice; a saddle is split by the cell's mean value.
 */
export function isoline(x: ArrayLike<number>, y: ArrayLike<number>, rows: ArrayLike<ArrayLike<number>>, level: number): Isoline {
  const nx = x.length;
  const nz = rows.length;
  // Crossing points by grid edge (cross), and segments as pairs of edge keys.
  const px = new Map<number, number>();
  const py = new Map<number, number>();
  const ends: number[] = [];
  for (let k = 0; k + 1 < nz; k++) {
    const r0 = rows[k];
    const r1 = rows[k + 1];
    const y0 = y[k];
    const y1 = y[k + 1];
    for (let i = 0; i + 1 < nx; i++) {
      const a = r0[i];
      const b = r0[i + 1];
      const c = r1[i + 1];
      const d = r1[i];
      const code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // A NaN compares below every level: a cell with a missing value shows up among the crossings.
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      const x0 = x[i];
      const x1 = x[i + 1];
      const base = 2 * (k * nx + i);
      // The cell's edges that the line crosses, as keys; each crossing's point is stored once.
      let bottom = -1;
      let right = -1;
      let top = -1;
      let left = -1;
      if ((code & 1) !== (code & 2) >> 1) bottom = cross(px, py, base, x0, y0, a, x1, y0, b, level);
      if ((code & 2) >> 1 !== (code & 4) >> 2) right = cross(px, py, 2 * (k * nx + i + 1) + 1, x1, y0, b, x1, y1, c, level);
      if ((code & 8) >> 3 !== (code & 4) >> 2) top = cross(px, py, 2 * ((k + 1) * nx + i), x0, y1, d, x1, y1, c, level);
      if ((code & 1) !== (code & 8) >> 3) left = cross(px, py, base + 1, x0, y0, a, x0, y1, d, level);
      if (code === 5 || code === 10) {
        // Saddle: the corners above the level are joined through the centre when its mean is above.
        const centreAbove = (a + b + c + d) / 4 >= level;
        if ((code === 5) === centreAbove) ends.push(left, top, bottom, right);
        else ends.push(left, bottom, right, top);
      } else {
        // Two crossed edges: one segment between them.
        for (const e of [bottom, right, top, left]) if (e >= 0) ends.push(e);
      }
    }
  }
  return join(ends, px, py);
}

/**
 * The point where the level crosses the grid edge `key` from (xa, ya), value va, to (xb, yb),
 * value vb, stored under its key (2·(k·nx + i) for the edge from (i, k) to (i+1, k),
 * 2·(k·nx + i) + 1 for the edge from (i, k) to (i, k+1)); returns the key.
 */
function cross(px: Map<number, number>, py: Map<number, number>, key: number, xa: number, ya: number, va: number, xb: number, yb: number, vb: number, level: number): number {
  if (!px.has(key)) {
    const t = (level - va) / (vb - va);
    px.set(key, xa + t * (xb - xa));
    py.set(key, ya + t * (yb - ya));
  }
  return key;
}

/** Joins segments (pairs of crossing keys in `ends`) that share a crossing into polylines. */
function join(ends: number[], px: Map<number, number>, py: Map<number, number>): Isoline {
  const out: Isoline = { x: [], y: [], label: null };
  const nSeg = ends.length / 2;
  if (!nSeg) return out;
  // Each crossing lies on one grid edge, shared by at most the two cells beside it.
  const at = new Map<number, number[]>();
  for (let s = 0; s < ends.length; s++) {
    const list = at.get(ends[s]);
    if (list) list.push(s);
    else at.set(ends[s], [s]);
  }
  const used = new Uint8Array(nSeg);
  let bestLength = -1;
  const walk = (startSeg: number, startEnd: number) => {
    const keys: number[] = [ends[startEnd]];
    let seg = startSeg;
    let end = startEnd;
    for (;;) {
      used[seg] = 1;
      const other = end ^ 1;
      keys.push(ends[other]);
      const next = at.get(ends[other])!.find((e) => !used[e >> 1]);
      if (next === undefined) break;
      seg = next >> 1;
      end = next;
    }
    let length = 0;
    let deepest = 0;
    for (let n = 0; n < keys.length; n++) {
      if (n) length += Math.hypot(px.get(keys[n])! - px.get(keys[n - 1])!, py.get(keys[n])! - py.get(keys[n - 1])!);
      if (py.get(keys[n])! > py.get(keys[deepest])!) deepest = n;
    }
    if (out.x.length) {
      out.x.push(null);
      out.y.push(null);
    }
    for (const key of keys) {
      out.x.push(px.get(key)!);
      out.y.push(py.get(key)!);
    }
    if (length > bestLength) {
      bestLength = length;
      out.label = { x: px.get(keys[deepest])!, y: py.get(keys[deepest])! };
    }
  };
  // Open lines first, from an end only one segment reaches (the grid's edge or a missing value), then closed loops.
  for (let s = 0; s < ends.length; s++) if (!used[s >> 1] && at.get(ends[s])!.length === 1) walk(s >> 1, s);
  for (let s = 0; s < nSeg; s++) if (!used[s]) walk(s, 2 * s);
  return out;
}
