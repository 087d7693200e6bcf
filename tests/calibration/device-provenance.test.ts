/**
 * Every number of every device preset says what it was fitted to (with the fit's residual) or
 * where it comes from, whether it is an estimate, and a plausible range that holds the value —
 * the range an uncertainty study samples. `estimates` lists exactly the estimated numbers.
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_PRESETS } from '../../scenarios/presets.ts';

const numbersOf = (d: (typeof DEVICE_PRESETS)[string]) => [
  'diameter_mm',
  'active_length_mm',
  ...Object.entries(d.surface).filter(([, v]) => typeof v === 'number').map(([k]) => `surface.${k}`),
];
const valueAt = (d: object, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], d) as number;

describe('device preset provenance', () => {
  for (const [id, d] of Object.entries(DEVICE_PRESETS)) {
    it(`${id}: every number has a source, a range holding it, and estimates match`, () => {
      const p = d.provenance!;
      expect(p, `${id}.provenance`).toBeDefined();
      expect(Object.keys(p).sort()).toEqual(numbersOf(d).sort());
      for (const [field, n] of Object.entries(p)) {
        const v = valueAt(d, field);
        expect(n.source.length, `${id} ${field}`).toBeGreaterThan(10);
        expect(n.range.low, `${id} ${field}`).toBeLessThanOrEqual(v);
        expect(n.range.high, `${id} ${field}`).toBeGreaterThanOrEqual(v);
        expect(n.range.low).toBeLessThan(n.range.high);
        if (n.residual !== undefined) expect(n.estimate, `${id} ${field}: a fitted number is not an estimate`).toBe(false);
      }
      expect([...d.estimates].sort()).toEqual(Object.entries(p).filter(([, n]) => n.estimate).map(([f]) => f).sort());
    });
  }
});
