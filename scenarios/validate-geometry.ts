/**
 * Checks the computational domain (`geometry`): mode, spacing, size and the memory limit
 * on the cell count, and offers `Domain` helpers that the other checks use to tell
 * whether a position (probe tip, nerve, sensor) lies inside it.
 */
import { at, fmt, fmtInt, Issues, knownKeys, list, num, oneOf, record } from './checks.ts';
import { MAX_CELLS_2D, MAX_CELLS_3D, MAX_SIZE_MM } from './presets.ts';
import type { Geometry, GeometryMode, Vec3 } from './schema.ts';

const MODES: readonly GeometryMode[] = ['axisymmetric', 'planar', '3d'];
const GEOMETRY_KEYS = ['mode', 'spacing_mm', 'size_mm'] as const;

/** A valid 2D domain: r or x across, z down from the skin. */
export interface Domain {
  mode: GeometryMode;
  /** axisymmetric: radius; planar and 3d: full width (x runs from −width/2 to +width/2) */
  lateral_mm: number;
  /** 3d: full extent along y (−y/2 to +y/2); 0 otherwise */
  width_y_mm: number;
  depth_mm: number;
  spacing_mm: number;
}

export interface GeometryCheck {
  /** The mode as written, if it is one of the three. */
  mode?: GeometryMode;
  geometry?: Geometry;
  /** Set only when the whole geometry is valid. */
  domain?: Domain;
}

export function cellCount(size_mm: readonly number[], spacing_mm: number): number {
  return size_mm.reduce((n, s) => n * Math.ceil(s / spacing_mm - 1e-9), 1);
}

/** The smallest spacing, rounded up to two significant digits, whose grid fits `maxCells`. */
export function finestSpacing(size_mm: readonly number[], maxCells: number): number {
  const volume = size_mm.reduce((p, s) => p * s, 1);
  let s = Math.pow(volume / maxCells, 1 / size_mm.length);
  const step = Math.pow(10, Math.floor(Math.log10(s)) - 1);
  s = Math.ceil(s / step - 1e-9) * step;
  for (let i = 0; i < 1000 && cellCount(size_mm, s) > maxCells; i++) s += step;
  return Number(s.toPrecision(6));
}

export function checkGeometry(iss: Issues, value: unknown): GeometryCheck {
  const path = 'geometry';
  const g = record(iss, path, value, '{"mode": "axisymmetric", "spacing_mm": 0.25, "size_mm": [30, 60]}');
  if (!g) return {};
  knownKeys(iss, path, g, GEOMETRY_KEYS, 'geometry');

  const mode: GeometryMode | undefined = oneOf(iss, at(path, 'mode'), g.mode, MODES, 'the geometry mode');

  const spacing = num(iss, at(path, 'spacing_mm'), g.spacing_mm, {
    gt: 0,
    max: 10,
    hint: '0.25 mm resolves a 17G probe; coarser grids are faster',
  });

  const dims = mode === '3d' ? 3 : 2;
  const sizeWhat =
    mode === '3d'
      ? '[x, y, depth] in mm'
      : mode === 'planar'
        ? '[width, depth] in mm'
        : '[radius, depth] in mm';
  const sizePath = at(path, 'size_mm');
  const raw = list(iss, sizePath, g.size_mm, `of ${dims} numbers ${sizeWhat}`);
  let size: number[] | undefined;
  if (raw) {
    if (raw.length !== dims) {
      iss.add(sizePath, `must hold exactly ${dims} numbers ${sizeWhat}, got ${raw.length}`);
    } else {
      const vals = raw.map((v, i) => num(iss, at(sizePath, i), v, { gt: 0, max: MAX_SIZE_MM }));
      if (vals.every((v) => v !== undefined)) size = vals as number[];
    }
  }

  if (mode === undefined || spacing === undefined || size === undefined) return { mode };

  let fits = true;
  const coarsest = Math.min(...size) / 4;
  if (spacing > coarsest) {
    fits = false;
    iss.add(
      at(path, 'spacing_mm'),
      `${fmt(spacing)} mm is too coarse for a ${fmt(Math.min(...size))} mm domain edge (at least 4 cells ` +
        `are needed across each edge); use spacing_mm ≤ ${fmt(coarsest)}`,
    );
  }
  const maxCells = dims === 3 ? MAX_CELLS_3D : MAX_CELLS_2D;
  const cells = cellCount(size, spacing);
  if (!(cells <= maxCells)) {
    fits = false;
    const finest = finestSpacing(size, maxCells);
    iss.add(
      at(path, 'spacing_mm'),
      `a ${fmt(spacing)} mm grid on ${size.map(fmt).join(' × ')} mm has ${fmtInt(cells)} cells, over the ` +
        `${dims}D memory limit of ${fmtInt(maxCells)}; use spacing_mm ≥ ${fmt(finest)} ` +
        `(${fmtInt(cellCount(size, finest))} cells) or a smaller geometry.size_mm`,
    );
  }

  const geometry: Geometry = { mode, spacing_mm: spacing, size_mm: size.slice() };
  if (!fits) return { mode, geometry };
  return {
    mode,
    geometry,
    domain: mode === '3d'
      ? { mode, lateral_mm: size[0], width_y_mm: size[1], depth_mm: size[2], spacing_mm: spacing }
      : { mode, lateral_mm: size[0], width_y_mm: 0, depth_mm: size[1], spacing_mm: spacing },
  };
}

/** Records an issue and returns false when `p` lies outside the domain. */
export function checkInside(iss: Issues, path: string, p: Vec3, domain: Domain): boolean {
  const { lateral_mm: L, depth_mm: D } = domain;
  const pos = `[${p.map(fmt).join(', ')}]`;
  const fix = 'move it inside or enlarge geometry.size_mm';
  if (domain.mode === 'axisymmetric') {
    const r = Math.hypot(p[0], p[1]);
    if (r > L) {
      iss.add(path, `${pos} lies at r = sqrt(x² + y²) = ${fmt(r)} mm, outside the ${fmt(L)} mm domain radius; ${fix}`);
      return false;
    }
  } else if (Math.abs(p[0]) > L / 2) {
    iss.add(path, `${pos} has |x| = ${fmt(Math.abs(p[0]))} mm, outside the domain (x runs from ${fmt(-L / 2)} to ${fmt(L / 2)} mm); ${fix}`);
    return false;
  } else if (domain.mode === '3d' && Math.abs(p[1]) > domain.width_y_mm / 2) {
    const W = domain.width_y_mm;
    iss.add(path, `${pos} has |y| = ${fmt(Math.abs(p[1]))} mm, outside the domain (y runs from ${fmt(-W / 2)} to ${fmt(W / 2)} mm); ${fix}`);
    return false;
  }
  if (p[2] < 0 || p[2] > D) {
    iss.add(at(path, 2), `depth z = ${fmt(p[2])} mm lies outside the domain (0 = skin to ${fmt(D)} mm); ${fix}`);
    return false;
  }
  return true;
}
