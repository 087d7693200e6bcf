/** The graded-grid cell count the speed report's "what would close it" rests on, against hand counts. */
import { describe, expect, it } from 'vitest';
import { gradedAxisCells, gradedBound, gradedCells } from './graded-grid-bound.ts';

describe('graded grid bound', () => {
  it('grows each cell by the ratio: widths 0.5, 1, 2, 4 mm cover 7.5 mm in 4 cells, not 3', () => {
    // h = 0.25, ratio 2: cells of 0.5, 1, 2, 4 mm reach 1.5, 3.5, 7.5 mm.
    expect(gradedCells(7.5, 0.25, 2)).toBe(4);
    expect(gradedCells(7.6, 0.25, 2)).toBe(5);
    expect(gradedCells(3.5, 0.25, 2)).toBe(3);
    expect(gradedCells(0, 0.25, 2)).toBe(0);
  });

  it('a fine region covering the whole axis is the uniform count', () => {
    expect(gradedAxisCells(30, 0, 30, 0.25, 1.1)).toBe(120);
    expect(gradedAxisCells(30, -5, 40, 0.25, 1.1)).toBe(120);
  });

  it('near ratio 1 it tends to the uniform grid, and a small ice ball in a large domain saves most', () => {
    const wholeDomain = gradedBound([30, 60], 0.25, { radius_mm: 30, top_depth_mm: 0, bottom_depth_mm: 60 }, 0, 1.1);
    expect(wholeDomain.factor).toBe(1);
    const small = gradedBound([30, 60], 0.25, { radius_mm: 3, top_depth_mm: 28, bottom_depth_mm: 32 }, 1, 1.1);
    // r: 16 fine cells to 4 mm, then 25 graded over 26 mm; depth: 24 fine over 27–33 mm, 25 above, 25 below.
    expect(small.gradedCells).toBe((16 + 25) * (24 + 25 + 25));
    expect(small.factor).toBeCloseTo(28_800 / 3034, 9);
    const nearlyUniform = gradedBound([30, 60], 0.25, { radius_mm: 3, top_depth_mm: 28, bottom_depth_mm: 32 }, 1, 1.0001);
    expect(nearlyUniform.factor).toBeLessThan(1.01);
  });
});
