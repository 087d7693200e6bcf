/**
 * Compares a bench run with the measurements: for every measured width (and length, when
 * given) the model's value at the same time and isotherm, and the residual model − measured
 * in mm. Width is the full diameter across the probe, 2 × radius_mm; an isotherm the model
 * has not reached yet has size 0.
 */
import type { Result } from '../../scenarios/schema.ts';
import type { MeasurementRow } from './measurements.ts';

export interface SizeComparison {
  line: number;
  timeS: number;
  isothermC: number;
  quantity: 'width' | 'length';
  measuredMm: number;
  modelMm: number;
  residualMm: number;
}

export function compareSizes(result: Result, rows: readonly MeasurementRow[]): SizeComparison[] {
  const out: SizeComparison[] = [];
  for (const row of rows) {
    const at = result.times_s.findIndex((t) => Math.abs(t - row.timeS) < 1e-6);
    const series = result.isotherms[String(row.isothermC)];
    if (at < 0 || !series) throw new Error(`the bench run has no output at ${row.timeS} s for ${row.isothermC} °C`);
    const widthMm = 2 * (series.radius_mm[at] ?? 0);
    out.push({ line: row.line, timeS: row.timeS, isothermC: row.isothermC, quantity: 'width', measuredMm: row.widthMm, modelMm: widthMm, residualMm: widthMm - row.widthMm });
    if (row.lengthMm !== null) {
      const lengthMm = series.length_mm[at] ?? 0;
      out.push({ line: row.line, timeS: row.timeS, isothermC: row.isothermC, quantity: 'length', measuredMm: row.lengthMm, modelMm: lengthMm, residualMm: lengthMm - row.lengthMm });
    }
  }
  return out;
}

export const sumOfSquaresMm2 = (c: readonly SizeComparison[]) => c.reduce((s, x) => s + x.residualMm ** 2, 0);
export const rmsMm = (c: readonly SizeComparison[]) => (c.length ? Math.sqrt(sumOfSquaresMm2(c) / c.length) : 0);
