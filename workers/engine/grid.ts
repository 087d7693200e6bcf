/**
 * The computational grid of a scenario: uniform cell-centred spacing, one halo
 * cell on every side, and the per-column finite-volume weights that make the
 * same kernels solve planar (x, z), axisymmetric (r, z) and 3D (x, y, z) problems.
 *
 * Axisymmetric cells are annuli: volume 2π r_i dr dz, radial faces 2π r dz,
 * so the east/west weights (face radius / centre radius) carry the r-weighting
 * and the axis face has zero area (zero flux on the axis). In 2D there is no y
 * halo (NY = 1), so a 2D index is the 3D index with j = 0.
 */
import type { GeometryMode, Scenario, Vec3 } from '../../scenarios/schema.ts';

export interface Grid {
  mode: GeometryMode;
  /** interior cells along x (or r), y (1 in 2D) and depth */
  nx: number;
  ny: number;
  nz: number;
  /** padded sizes: interior + halo (NX rounded up to a multiple of 4; NY = 1 in 2D) */
  NX: number;
  NY: number;
  NZ: number;
  spacingMm: number;
  spacingM: number;
  /** centre of interior cell i along x or r, j along y (mm; 0 in 2D), k in depth */
  xMm(i: number): number;
  yMm(j: number): number;
  zMm(k: number): number;
  /** flat padded index of interior cell (i, k) in 2D, (i, k, j) in 3D */
  index(i: number, k: number, j?: number): number;
  /** the 3D point of a cell centre: (r, 0, z) axisymmetric, (x, 0, z) planar, (x, y, z) in 3D */
  point(i: number, k: number, j?: number): Vec3;
  /** per padded column: east and west face weights and the cell volume (m³; planar m³ per m) */
  gE: Float64Array;
  gW: Float64Array;
  vol: Float64Array;
  /** x (or r) and y of the first interior cell centre, mm */
  x0Mm: number;
  y0Mm: number;
}

export function buildGrid(s: Scenario): Grid {
  const mode = s.geometry.mode;
  const d = s.geometry.spacing_mm;
  const is3d = mode === '3d';
  const [sizeX, sizeYorZ, sizeZ3] = s.geometry.size_mm;
  const sizeZ = is3d ? sizeZ3 : sizeYorZ;
  const nx = Math.max(1, Math.round(sizeX / d));
  const ny = is3d ? Math.max(1, Math.round(sizeYorZ / d)) : 1;
  const nz = Math.max(1, Math.round(sizeZ / d));
  // A multiple of 4 so the SIMD kernel's rows hold whole vectors; extra columns are halo.
  const NX = 4 * Math.ceil((nx + 2) / 4);
  const NY = is3d ? ny + 2 : 1;
  const NZ = nz + 2;
  const dm = d * 1e-3;
  const x0Mm = mode === 'axisymmetric' ? d / 2 : -(nx * d) / 2 + d / 2;
  const y0Mm = is3d ? -(ny * d) / 2 + d / 2 : 0;
  const gE = new Float64Array(NX);
  const gW = new Float64Array(NX);
  const vol = new Float64Array(NX);
  for (let I = 0; I < NX; I++) {
    const i = I - 1;
    if (mode === 'axisymmetric') {
      const rc = i + 0.5;
      gE[I] = (i + 1) / rc;
      gW[I] = i / rc;
      vol[I] = 2 * Math.PI * rc * dm * dm * dm;
    } else {
      gE[I] = 1;
      gW[I] = 1;
      vol[I] = is3d ? dm * dm * dm : dm * dm;
    }
  }
  const xMm = (i: number) => x0Mm + i * d;
  const yMm = (j: number) => (is3d ? y0Mm + j * d : 0);
  const zMm = (k: number) => d / 2 + k * d;
  return {
    mode, nx, ny, nz, NX, NY, NZ, spacingMm: d, spacingM: dm, x0Mm, y0Mm,
    xMm, yMm, zMm,
    index: is3d ? (i, k, j = 0) => i + 1 + NX * (j + 1 + NY * (k + 1)) : (i, k) => i + 1 + NX * (k + 1),
    point: (i, k, j = 0) => [xMm(i), yMm(j), zMm(k)],
    gE, gW, vol,
  };
}

/** A block of cells as inclusive index ranges (interior or padded indices, as the user says). */
export interface CellRange {
  iMin: number;
  iMax: number;
  jMin: number;
  jMax: number;
  kMin: number;
  kMax: number;
}
