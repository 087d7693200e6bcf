/** The checked read of one calibration CSV cell: plain decimals only, the range check's complaint, the caller's hint. */
import { describe, expect, it } from 'vitest';
import { cellNumber, PLAIN_NUMBER } from '../../workers/calibration/plain-number.ts';

const positive = (x: number) => (x > 0 ? null : 'must be > 0');

describe('cellNumber', () => {
  it('reads plain decimals, signs and exponents', () => {
    for (const [text, x] of [['12', 12], ['-0.5', -0.5], ['+.25', 0.25], ['3e2', 300], ['7.', 7]] as const) {
      const said: string[] = [];
      expect(cellNumber('v', text, () => null, (m) => said.push(m))).toBe(x);
      expect(said).toEqual([]);
    }
  });

  it('refuses what Number() would take but a CSV should not hold', () => {
    for (const text of ['', ' 1', '0x10', 'NaN', 'Infinity', '1,5', '1e']) expect(PLAIN_NUMBER.test(text)).toBe(false);
    const said: string[] = [];
    expect(cellNumber('width_mm', 'NaN', positive, (m) => said.push(m), ' (drop it)')).toBeNull();
    expect(said).toEqual(["width_mm: 'NaN' is not a number (drop it)"]);
  });

  it('reports the check with the text as written', () => {
    const said: string[] = [];
    expect(cellNumber('time_s', '-0', positive, (m) => said.push(m))).toBeNull();
    expect(said).toEqual(['time_s: must be > 0, got -0']);
  });
});
