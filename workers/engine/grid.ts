/**
 * The computational grid of a scenario: uniform cell-centred spacing, one halo
 * cell on every side, and the per-column finite-volume weights that make the
 * same 2D kernel solve planar (x, z) and axisymmetric (r, z) problems.
 *
 * Axisymmetric cells are annuli: volume 2π r_i dr dz, radial faces 2π r dz,
 * so the east/west weights (face radius / centre radius) carry the r-weighting
 * and the axis face has zero area (zero flux on the axis).
 */
import type { Scenario } from '../../scenarios/schema.ts';

export interface Grid {
  mode: 'axisymmetric' | 'planar';
  /** interior cells along x (or r) and depth */
  nx: number;
  nz: number;
  /** padded sizes: interior + halo (NX rounded up to a multiple of 4) */
  NX: number;
  NZ: number;
  spacingMm: number;
  spacingM: number;
  /** centre of interior cell i along x or r (mm) */
  xMm(i: number): number;
  /** depth of interior cell k (mm) */
  zMm(k: number): number;
  /** flat padded index of interior cell (i, k) */
  index(i: number, k: number): number;
  /** per padded column: east and west face weights and the cell volume (m³; planar m³ per m) */
  gE: Float64Array;
  gW: Float64Array;
  vol: Float64Array;
  /** x (or r) of the first interior cell centre, mm */
  x0Mm: number;
}

export function buildGrid(s: Scenario): Grid {
  const mode = s.geometry.mode;
  if (mode !== 'axisymmetric' && mode !== 'planar') throw new Error(`grid: mode ${mode} not supported here`);
  const d = s.geometry.spacing_mm;
  const [sizeX, sizeZ] = s.geometry.size_mm;
  const nx = Math.max(1, Math.round(sizeX / d));
  const nz = Math.max(1, Math.round(sizeZ / d));
  // A multiple of 4 so the SIMD kernel's rows hold whole vectors; extra columns are halo.
  const NX = 4 * Math.ceil((nx + 2) / 4);
  const NZ = nz + 2;
  const dm = d * 1e-3;
  const x0Mm = mode === 'axisymmetric' ? d / 2 : -(nx * d) / 2 + d / 2;
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
      vol[I] = dm * dm;
    }
  }
  return {
    mode, nx, nz, NX, NZ, spacingMm: d, spacingM: dm, x0Mm,
    xMm: (i) => x0Mm + i * d,
    zMm: (k) => d / 2 + k * d,
    index: (i, k) => i + 1 + NX * (k + 1),
    gE, gW, vol,
  };
}
