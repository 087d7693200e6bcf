// Exact checks of the thermocouple-placement test (ice-annulus.ts) on profiles whose answer is known in closed form.
import { describe, expect, it } from 'vitest';
import { annulusCheck, columnMeans, kirchhoffC, type AnnulusReading } from './ice-annulus.ts';

const R = [1.8, 2.8, 4.8] as const;
const at = (f: (r: number) => number, radii: readonly number[] = R): AnnulusReading[] => radii.map((r) => ({ radiusMm: r, tempC: f(r) }));

describe('annulusCheck', () => {
  it('steady conduction, constant k (T linear in ln r): ratio exactly 1 and the inner radius recovered', () => {
    const c = annulusCheck(at((r) => -110 + 57 * Math.log(r / 0.75)), -0.52);
    expect(c.ratio).toBeCloseTo(1, 12);
    expect(c.slopeInnerC).toBeCloseTo(57, 10);
    expect(c.innerRadiusForRatioOneMm).toBeCloseTo(1.8, 12);
  });

  it('steady conduction with the ice law (ln T_K linear in ln r, the Kirchhoff transform): ratio 1 with that law, not with constant k', () => {
    // φ = a + b ln r, T_K = 273.15 exp(φ / 273.15)
    const temp = (r: number) => 273.15 * Math.exp((kirchhoffC(-104, 'ice_law') + 70 * Math.log(r / 0.75)) / 273.15) - 273.15;
    expect(temp(4.8)).toBeLessThan(-0.52);
    expect(annulusCheck(at(temp), -0.52, 'ice_law').ratio).toBeCloseTo(1, 12);
    // colder inner ice conducts better: the same flow needs a smaller step, so constant k reads it below 1
    expect(annulusCheck(at(temp), -0.52, 'constant').ratio).toBeLessThan(0.95);
  });

  it('cooling ice (the flow grows inward): ratio above 1', () => {
    // dT/d ln r = 60 − 20 ln r grows as r shrinks
    const c = annulusCheck(at((r) => -110 + 60 * Math.log(r) - 10 * Math.log(r) ** 2), -0.52);
    expect(c.ratio).toBeGreaterThan(1);
  });

  it('an inner thermocouple 0.5 mm further out than stated: ratio well below 1, and the radius it sits at recovered exactly', () => {
    const field = (r: number) => -110 + 57 * Math.log(r / 0.75);
    const readings = at(field);
    readings[0] = { radiusMm: 1.8, tempC: field(2.3) };
    const c = annulusCheck(readings, -0.52);
    expect(c.ratio).toBeLessThan(0.5);
    expect(c.innerRadiusForRatioOneMm).toBeCloseTo(2.3, 12);
  });

  it('an outer thermocouple still in the liquid counts only to the freezing point', () => {
    const field = (r: number) => -110 + 57 * Math.log(r / 0.75);
    const readings = at(field);
    readings[2] = { radiusMm: 4.8, tempC: 5 };
    const capped = annulusCheck(readings, -0.52);
    readings[2] = { radiusMm: 4.8, tempC: -0.52 };
    expect(capped.slopeOuterC).toBe(annulusCheck(readings, -0.52).slopeOuterC);
  });

  it('refuses radii out of order and anything but three thermocouples', () => {
    expect(() => annulusCheck(at(() => -10, [2.8, 1.8, 4.8]), -0.52)).toThrow(/radii must increase/);
    expect(() => annulusCheck(at(() => -10, [1.8, 2.8]), -0.52)).toThrow(/three thermocouples needed, got 2/);
  });

  it('columnMeans averages each column', () => {
    expect(columnMeans([[1, 2], [3, 6]])).toEqual([2, 4]);
    expect(() => columnMeans([])).toThrow(/no rows/);
  });
});
