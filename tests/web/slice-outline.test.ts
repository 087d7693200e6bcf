/** The map's vessel outline: every corner of the cut lies on the cylinder, checked by distance to its axis in 3D. */
import { describe, expect, it } from 'vitest';
import { cylinderInSlice } from '../../web/lib/slice-outline.ts';

const BIG = { x0: -100, x1: 100, z0: -100, z1: 100 };
const corners = (path: string) => [...path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

/** Distance from (x, y, z) to the line through c along d: |(p − c) × d| / |d|. */
function distanceToAxis(p: number[], c: number[], d: number[]): number {
  const v = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
  const x = [v[1] * d[2] - v[2] * d[1], v[2] * d[0] - v[0] * d[2], v[0] * d[1] - v[1] * d[0]];
  return Math.hypot(...x) / Math.hypot(...d);
}

describe('cylinderInSlice', () => {
  it('a vessel along y (planar mode) is a circle of its radius at its centre', () => {
    const cut = cylinderInSlice([8, 0, 20], [0, 1, 0], 4, 3.7, BIG)!;
    expect(cut.kind).toBe('ellipse');
    expect(cut.centre).toEqual([8, 20]);
    for (const [x, z] of corners(cut.path)) expect(Math.hypot(x - 8, z - 20)).toBeCloseTo(2, 3);
  });

  it('a slanted vessel is an ellipse whose every point lies on the cylinder', () => {
    const c = [5, -2, 15];
    const d = [1, 2, 2];
    const sliceY = 1.5;
    const cut = cylinderInSlice(c, d, 3, sliceY, BIG)!;
    expect(cut.kind).toBe('ellipse');
    const pts = corners(cut.path);
    for (const [x, z] of pts) expect(distanceToAxis([x, sliceY, z], c, d)).toBeCloseTo(1.5, 3);
    // Longest chord: 2r / |d_y| = 3 / (2/3) = 4.5 mm.
    let longest = 0;
    for (const a of pts) for (const b of pts) longest = Math.max(longest, Math.hypot(a[0] - b[0], a[1] - b[1]));
    expect(longest).toBeCloseTo(4.5, 2);
  });

  it('a vessel lying in the slice is a band √(r² − gap²) wide each side; beside it, nothing', () => {
    const cut = cylinderInSlice([0, 0.6, 10], [1, 0, 0], 2, 0, BIG)!;
    expect(cut.kind).toBe('band');
    const zs = corners(cut.path).map((p) => p[1]);
    expect(Math.min(...zs)).toBeCloseTo(10 - 0.8, 6);
    expect(Math.max(...zs)).toBeCloseTo(10 + 0.8, 6);
    expect(cylinderInSlice([0, 1.2, 10], [1, 0, 0], 2, 0, BIG)).toBeNull();
  });

  it('clips to the map: a band stops at the domain edges, an outline outside it is dropped', () => {
    const domain = { x0: -15, x1: 15, z0: 0, z1: 30 };
    const xs = corners(cylinderInSlice([0, 0, 24], [1, 0, 0], 3, 0, domain)!.path).map((p) => p[0]);
    expect(Math.min(...xs)).toBeCloseTo(-15, 9);
    expect(Math.max(...xs)).toBeCloseTo(15, 9);
    expect(cylinderInSlice([40, 0, 10], [0, 1, 0], 3, 0, domain)).toBeNull();
  });

  it('refuses a zero direction or diameter instead of drawing NaN', () => {
    expect(cylinderInSlice([0, 0, 0], [0, 0, 0], 2, 0, BIG)).toBeNull();
    expect(cylinderInSlice([0, 0, 0], [0, 1, 0], 0, 0, BIG)).toBeNull();
  });
});
