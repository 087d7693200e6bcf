/**
 * The stretches of a field at or below a level along every grid line of the chosen axes — the one
 * walk the isotherm sizes (2D and 3D) and the result warnings read. Only lines holding a cell at
 * or below the level are read (the cold is a small part of the grid).
 */
import type { Field } from './field.ts';
import { intervalsBelow } from './intervals.ts';
import { scratchF64, scratchZeroedU8 } from './scratch-arrays.ts';

/** 0: x (r) rows, 1: y rows (3D), 2: z columns. */
export type Axis = 0 | 1 | 2;

/**
 * Calls `visit(axis, from, to, i, j, k)` for each interval [from, to] (mm along that axis) where the
 * piecewise-linear profile of a grid line is ≤ level; the line's own index along `axis` is -1.
 * Lines of one axis come in order of their fixed indices (k outermost), intervals in order along the line.
 * `visit` must not walk a field itself (the walk's arrays are reused: scratch-arrays.ts).
 */
export function walkBelow(
  f: Field, level: number, axes: readonly Axis[],
  visit: (axis: Axis, from: number, to: number, i: number, j: number, k: number) => void,
): void {
  const { nx, ny, nz, spacingMm: d } = f;
  const v = f.values;
  const side = f.sideC ?? v;
  // Which lines hold a cell at or below the level: x rows by (j, k), y rows by (i, k), z columns by (i, j).
  const coldX = scratchZeroedU8('walk.coldX', ny * nz);
  const markY = axes.includes(1);
  const coldY = scratchZeroedU8('walk.coldY', markY ? nx * nz : 0);
  const coldZ = scratchZeroedU8('walk.coldZ', nx * ny);
  let any = false;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const start = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) {
        if (!(side[start + i] <= level)) continue;
        any = true;
        coldX[j + ny * k] = 1;
        if (markY) coldY[i + nx * k] = 1;
        coldZ[i + nx * j] = 1;
      }
    }
  }
  if (!any) return;
  const z0 = d / 2;
  for (const axis of axes) {
    if (axis === 0) {
      for (let k = 0; k < nz; k++) {
        for (let j = 0; j < ny; j++) {
          if (!coldX[j + ny * k]) continue;
          const start = nx * (j + ny * k);
          for (const [a, b] of intervalsBelow(v.subarray(start, start + nx), f.x0Mm, d, level, side.subarray(start, start + nx))) visit(0, a, b, -1, j, k);
        }
      }
    } else if (axis === 1) {
      const line = scratchF64('walk.line', ny);
      const lineSide = scratchF64('walk.lineSide', ny);
      for (let k = 0; k < nz; k++) {
        for (let i = 0; i < nx; i++) {
          if (!coldY[i + nx * k]) continue;
          for (let j = 0; j < ny; j++) (line[j] = v[i + nx * (j + ny * k)]), (lineSide[j] = side[i + nx * (j + ny * k)]);
          for (const [a, b] of intervalsBelow(line, f.y0Mm, d, level, lineSide)) visit(1, a, b, i, -1, k);
        }
      }
    } else {
      const line = scratchF64('walk.line', nz);
      const lineSide = scratchF64('walk.lineSide', nz);
      const plane = nx * ny;
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          if (!coldZ[i + nx * j]) continue;
          const base = i + nx * j;
          for (let k = 0; k < nz; k++) (line[k] = v[base + plane * k]), (lineSide[k] = side[base + plane * k]);
          for (const [a, b] of intervalsBelow(line, z0, d, level, lineSide)) visit(2, a, b, i, j, -1);
        }
      }
    }
  }
}
