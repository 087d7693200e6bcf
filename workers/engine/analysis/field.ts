/**
 * A temperature field on the interior cells (row-major, index i + nx·k) with
 * the non-tissue cells filled in — probe cells at their probe's surface
 * temperature, vessel cells at blood temperature, the probe shaft as NaN (not
 * tissue) — and bilinear sampling between cell centres.
 */
import type { Grid } from '../grid.ts';

/** Interior cells, index i + nx·(j + ny·k); ny = 1 and y0Mm = 0 in 2D. */
export interface Field {
  nx: number;
  ny: number;
  nz: number;
  spacingMm: number;
  x0Mm: number;
  y0Mm: number;
  values: Float64Array;
  /**
   * The temperature that decides on which side of a level each cell lies, where it differs from
   * `values`: a solid cell next to tissue holds a ghost value (the tissue profile extended through
   * the surface to the cell's centre) that only places crossings; whether that cell is at or below
   * a level is its surface's answer (the mean over its links). Absent: the values decide.
   */
  sideC?: Float64Array;
}

/**
 * Bilinear value at (a, z) in mm; clamps to the outermost cell centres; NaN corners are skipped.
 * With `surfaceFloor`, a value that mixes in a solid cell's ghost is kept no colder than the
 * coldest of those cells' surfaces (`sideC`): the ghost extends the tissue profile through the
 * surface, so at a point at or inside a surface colder than the tissue it overshoots below the
 * surface, a temperature no tissue had (`FieldReader.sampleHeld` in run-trackers.ts: sensors, and
 * the nerve on its coldest-over-run field, whose surfaces are their coldest).
 */
export function sampleField(f: Field, aMm: number, zMm: number, surfaceFloor = false): number {
  const fi = Math.min(Math.max((aMm - f.x0Mm) / f.spacingMm, 0), f.nx - 1);
  const fk = Math.min(Math.max((zMm - f.spacingMm / 2) / f.spacingMm, 0), f.nz - 1);
  const i0 = Math.min(Math.floor(fi), f.nx - 2 < 0 ? 0 : f.nx - 2);
  const k0 = Math.min(Math.floor(fk), f.nz - 2 < 0 ? 0 : f.nz - 2);
  const ti = f.nx > 1 ? fi - i0 : 0;
  const tk = f.nz > 1 ? fk - k0 : 0;
  const i1 = Math.min(i0 + 1, f.nx - 1);
  const k1 = Math.min(k0 + 1, f.nz - 1);
  // Corners in a fixed order (the sum is rounded the same way at every call); written out, as this runs for every nerve point after every chunk.
  const vals = f.values;
  let sum = 0;
  let wsum = 0;
  let w = (1 - ti) * (1 - tk);
  let v = vals[i0 + f.nx * k0];
  if (w !== 0 && !Number.isNaN(v)) (sum += w * v), (wsum += w);
  w = ti * (1 - tk);
  v = vals[i1 + f.nx * k0];
  if (w !== 0 && !Number.isNaN(v)) (sum += w * v), (wsum += w);
  w = (1 - ti) * tk;
  v = vals[i0 + f.nx * k1];
  if (w !== 0 && !Number.isNaN(v)) (sum += w * v), (wsum += w);
  w = ti * tk;
  v = vals[i1 + f.nx * k1];
  if (w !== 0 && !Number.isNaN(v)) (sum += w * v), (wsum += w);
  if (!(wsum > 0)) return NaN;
  if (!surfaceFloor || !f.sideC) return sum / wsum;
  return floorAtGhostSurfaces(f, sum / wsum, [
    [i0 + f.nx * k0, (1 - ti) * (1 - tk)], [i1 + f.nx * k0, ti * (1 - tk)], [i0 + f.nx * k1, (1 - ti) * tk], [i1 + f.nx * k1, ti * tk],
  ]);
}

/** `value`, raised to the coldest surface (`sideC`) of the weighted corners that hold a ghost (sideC ≠ values). */
function floorAtGhostSurfaces(f: Field, value: number, corners: [number, number][]): number {
  let floor = Infinity;
  for (const [c, w] of corners) {
    const side = f.sideC![c];
    if (w !== 0 && !Number.isNaN(f.values[c]) && side !== f.values[c] && side < floor) floor = side;
  }
  return floor !== Infinity && value < floor ? floor : value;
}

/** Trilinear value at a 3D point (mm) of a 3D field; clamps to the outermost cell centres; NaN corners are skipped; `surfaceFloor` as in sampleField. */
export function sampleField3(f: Field, p: readonly number[], surfaceFloor = false): number {
  const clampTo = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  const fx = clampTo((p[0] - f.x0Mm) / f.spacingMm, f.nx);
  const fy = clampTo((p[1] - f.y0Mm) / f.spacingMm, f.ny);
  const fz = clampTo((p[2] - f.spacingMm / 2) / f.spacingMm, f.nz);
  const base = [Math.floor(fx), Math.floor(fy), Math.floor(fz)];
  const frac = [fx - base[0], fy - base[1], fz - base[2]];
  const size = [f.nx, f.ny, f.nz];
  let sum = 0;
  let wsum = 0;
  const used: [number, number][] | null = surfaceFloor ? [] : null;
  for (let corner = 0; corner < 8; corner++) {
    let w = 1;
    const idx = [0, 0, 0];
    for (let a = 0; a < 3; a++) {
      const up = (corner >> a) & 1;
      w *= up ? frac[a] : 1 - frac[a];
      idx[a] = Math.min(base[a] + up, size[a] - 1);
    }
    if (w === 0) continue;
    const c = idx[0] + f.nx * (idx[1] + f.ny * idx[2]);
    const v = f.values[c];
    if (Number.isNaN(v)) continue;
    sum += w * v;
    wsum += w;
    used?.push([c, w]);
  }
  if (!(wsum > 0)) return NaN;
  return used && f.sideC ? floorAtGhostSurfaces(f, sum / wsum, used) : sum / wsum;
}

/** Grid-mode coordinate of a 3D point: r = sqrt(x² + y²) in axisymmetric mode, x in planar mode. */
export function lateralMm(mode: Exclude<Grid['mode'], '3d'>, p: readonly number[]): number {
  return mode === 'axisymmetric' ? Math.hypot(p[0], p[1]) : p[0];
}
