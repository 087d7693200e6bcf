/**
 * The map's isotherm lines (marching squares, web/components/temperature-map/isolines.ts): on a
 * field whose level sets are circles the line lies on the circle to second order in the spacing
 * (linear interpolation of a smooth field), a closed line is one unbroken polyline (a dashed
 * −20 °C line keeps its dashes), lines that leave the grid end on its edge, cells with a missing
 * value have no line, a saddle gives two lines that do not cross, and the label sits at the
 * line's deepest point.
 */
import { describe, expect, it } from 'vitest';
import { isoline } from '../../web/components/temperature-map/isolines.ts';

/** Grid coordinates from lo to hi in steps of h, and the field f sampled on them (rows[k][i] = f(x[i], y[k])). */
function sample(lo: number, hi: number, h: number, f: (x: number, y: number) => number) {
  const n = Math.round((hi - lo) / h) + 1;
  const x = Array.from({ length: n }, (_, i) => lo + i * h);
  const y = x.slice();
  const rows = y.map((yy) => x.map((xx) => f(xx, yy)));
  return { x, y, rows };
}

const points = (l: ReturnType<typeof isoline>) => l.x.map((x, i) => [x, l.y[i]] as const).filter((p): p is [number, number] => p[0] !== null);
const pieces = (l: ReturnType<typeof isoline>) => l.x.filter((v) => v === null).length + (l.x.length ? 1 : 0);

describe('isoline', () => {
  // A cone whose level sets are circles about (0.3, 5.1), off the grid's points.
  const cone = (x: number, y: number) => Math.hypot(x - 0.3, y - 5.1);

  it('lies on the circle, the error shrinking as h² (about 4× per halving)', () => {
    const worst = (h: number) => {
      const { x, y, rows } = sample(-5, 10, h, (a, b) => cone(a, b) ** 2);
      return Math.max(...points(isoline(x, y, rows, 9)).map(([px, py]) => Math.abs(cone(px, py) - 3)));
    };
    const coarse = worst(0.5);
    const fine = worst(0.25);
    expect(coarse).toBeLessThan(0.05);
    expect(coarse / fine).toBeGreaterThan(3.5);
    expect(coarse / fine).toBeLessThan(4.5);
  });

  it('draws a closed line as one polyline that ends where it starts, labelled at its deepest point', () => {
    const { x, y, rows } = sample(-5, 10, 0.25, cone);
    const l = isoline(x, y, rows, 3);
    expect(pieces(l)).toBe(1);
    const p = points(l);
    expect(p.at(-1)).toEqual(p[0]);
    expect(p.length).toBeGreaterThan(40);
    expect(l.label!.y).toBeCloseTo(8.1, 1);
    expect(l.label!.x).toBeCloseTo(0.3, 0);
  });

  it('ends a line that leaves the grid on the grid edge', () => {
    const { x, y, rows } = sample(0, 4, 0.5, (a) => a);
    const l = isoline(x, y, rows, 1.25);
    expect(pieces(l)).toBe(1);
    const p = points(l);
    expect(p.every(([px]) => px === 1.25)).toBe(true);
    expect([p[0][1], p.at(-1)![1]].sort()).toEqual([0, 4]);
  });

  it('has no line through a cell with a missing value, and none where the field never reaches the level', () => {
    const { x, y, rows } = sample(0, 4, 0.5, (a) => a);
    rows[4][2] = NaN;
    const l = isoline(x, y, rows, 1.25);
    // The NaN point (x = 1, y = 2) is a corner of the four cells around it: the line breaks there.
    expect(pieces(l)).toBe(2);
    expect(points(l).every(([px]) => px === 1.25)).toBe(true);
    expect(isoline(x, y, rows, 9)).toEqual({ x: [], y: [], label: null });
  });

  it('splits a saddle by its centre value into two lines that do not cross', () => {
    const x = [0, 1];
    const y = [0, 1];
    // Above the level at two opposite corners; the centre (mean 0.55) is above too, so those corners join.
    const l = isoline(x, y, [[1, 0], [0.2, 1]], 0.5);
    expect(pieces(l)).toBe(2);
    const p = points(l);
    // One line cuts off the corner (1, 0), the other the corner (0, 1).
    const nearCorner = (cx: number, cy: number) => p.filter(([px, py]) => Math.hypot(px - cx, py - cy) < 0.75).length;
    expect(nearCorner(1, 0)).toBe(2);
    expect(nearCorner(0, 1)).toBe(2);
  });
});
