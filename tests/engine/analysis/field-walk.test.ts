/**
 * The field walker and its 1D intervals: the stretches at or below a level along grid lines,
 * where a ghost cell's side (its surface temperature) decides whether it is inside and the values
 * place the crossings; skipping the lines without a cold cell loses nothing (against a walk over
 * every line, on random 2D and 3D fields with ghosts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Field } from '../../../workers/engine/analysis/field.ts';
import { walkBelow, type Axis } from '../../../workers/engine/analysis/field-walk.ts';
import { intervalsBelow } from '../../../workers/engine/analysis/intervals.ts';

describe('intervalsBelow', () => {
  it('locates crossings by linear interpolation and extends the outer half cells', () => {
    // samples at 0, 1, 2, 3 mm: −10, 10, 10, −30; level 0
    expect(intervalsBelow([-10, 10, 10, -30], 0, 1, 0)).toEqual([[-0.5, 0.5], [2.25, 3.5]]);
    expect(intervalsBelow([5, 6], 0, 1, 0)).toEqual([]);
    expect(intervalsBelow([1, NaN, -1], 0, 1, 0)).toEqual([[1.5, 2.5]]);
  });

  it('a ghost colder than the level but with a warmer surface is outside: no isotherm in the probe', () => {
    // probe ghost at 0 mm (−42 °C by extrapolation, surface −22.6 °C), tissue at 1 mm (−3 °C); level −40
    expect(intervalsBelow([-42, -3], 0, 1, -40)).toEqual([[-0.5, 2 / 39]]);
    expect(intervalsBelow([-42, -3], 0, 1, -40, [-22.6, -3])).toEqual([]);
  });

  it('a ghost whose surface reached the level keeps the crossing its values place', () => {
    expect(intervalsBelow([-42, -3], 0, 1, -20, [-25, -3])).toEqual([[-0.5, 22 / 39]]);
  });

  it('where side and values disagree the region ends at the sample inside it, never beyond', () => {
    // deep probe cell at −20.04 °C (its surface), ghost centre just outside the surface at −19.8 °C
    // with its surface at −20.04 °C, tissue −13 °C; level −20: the whole probe up to the ghost centre
    expect(intervalsBelow([-20.04, -19.8, -13], 0, 1, -20, [-20.04, -20.04, -13])).toEqual([[-0.5, 1]]);
    // a deep cell warmer than the level beside a ghost whose surface is colder: starts at the ghost
    expect(intervalsBelow([-19.9, -19.8, -13], 0, 1, -20, [-19.9, -20.04, -13])).toEqual([[1, 1]]);
  });
});

/** Every line of every axis, none skipped: the reference walk. */
function walkAll(f: Field, level: number, axes: readonly Axis[]): string[] {
  const out: string[] = [];
  const side = f.sideC ?? f.values;
  const at = (a: Float64Array, i: number, j: number, k: number) => a[i + f.nx * (j + f.ny * k)];
  const d = f.spacingMm;
  for (const axis of axes) {
    const [n0, n1, n] = axis === 0 ? [f.ny, f.nz, f.nx] : axis === 1 ? [f.nx, f.nz, f.ny] : [f.nx, f.ny, f.nz];
    const first = axis === 0 ? f.x0Mm : axis === 1 ? f.y0Mm : d / 2;
    for (let b = 0; b < n1; b++) {
      for (let a = 0; a < n0; a++) {
        const idx = (s: number): [number, number, number] => (axis === 0 ? [s, a, b] : axis === 1 ? [a, s, b] : [a, b, s]);
        const vals = Array.from({ length: n }, (_, s) => at(f.values, ...idx(s)));
        const sides = Array.from({ length: n }, (_, s) => at(side, ...idx(s)));
        const [i, j, k] = idx(-1);
        for (const [x0, x1] of intervalsBelow(vals, first, d, level, sides)) out.push(`${axis} ${x0} ${x1} ${i} ${j} ${k}`);
      }
    }
  }
  return out;
}

describe('walkBelow', () => {
  const field = (nx: number, ny: number, nz: number) =>
    fc
      .array(fc.record({ t: fc.double({ min: -60, max: 40, noNaN: true }), ghost: fc.boolean(), shaft: fc.boolean() }), { minLength: nx * ny * nz, maxLength: nx * ny * nz })
      .map((cells): Field => {
        const values = Float64Array.from(cells, (c) => (c.shaft && !c.ghost ? NaN : c.t));
        // a ghost's surface is 15 °C warmer than its extrapolated value: what made phantom isotherms
        const sideC = Float64Array.from(cells, (c, n) => (c.ghost ? c.t + 15 : values[n]));
        return { nx, ny, nz, spacingMm: 0.5, x0Mm: -1, y0Mm: -2, values, sideC };
      });

  it('gives what a walk over every line gives, in the same order (2D and 3D, with ghosts)', () => {
    const scene = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })).chain(([nx, nz]) => fc.tuple(field(nx, 1, nz), fc.constant<Axis[]>([0, 2]))),
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([nx, ny, nz]) => fc.tuple(field(nx, ny, nz), fc.constant<Axis[]>([0, 1, 2]))),
    );
    fc.assert(
      fc.property(scene, fc.constantFrom(-40, -20, 0), ([f, axes], level) => {
        const seen: string[] = [];
        walkBelow(f, level, axes, (axis, a, b, i, j, k) => seen.push(`${axis} ${a} ${b} ${i} ${j} ${k}`));
        expect(seen).toEqual(walkAll(f, level, axes));
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('finds nothing where only ghosts are colder than the level', () => {
    const values = Float64Array.from([10, -45, 10, 10, -45, 10]);
    const f: Field = { nx: 3, ny: 1, nz: 2, spacingMm: 1, x0Mm: 0, y0Mm: 0, values, sideC: Float64Array.from([10, -22, 10, 10, -22, 10]) };
    const seen: number[] = [];
    walkBelow(f, -40, [0, 2], () => seen.push(1));
    expect(seen).toEqual([]);
    walkBelow({ ...f, sideC: undefined }, -40, [0, 2], () => seen.push(1));
    expect(seen.length).toBe(3); // two rows, one column
  });
});
