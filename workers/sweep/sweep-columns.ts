/**
 * The CSV columns of a sweep and the summary figures of one run. The column set is derived
 * from the validated scenarios of the WHOLE grid (every shard sees the same grid), never from
 * results, so every shard writes the same header and shard files can be concatenated.
 */
import type { Result, Scenario } from '../../scenarios/schema.ts';
import { coverageThresholdsC } from '../engine/analysis/nerve.ts';
import { freezeEndTimesS, outputIndexAt } from './freeze-outputs.ts';

/** What decides which summary columns a scenario can fill. */
export interface ColumnShape {
  isothermsC: number[];
  freezeCount: number;
  /** Some run is planar (isotherms have an area) / some run is not (a length and a volume). */
  anyPlanar: boolean;
  anyNonPlanar: boolean;
  /** null when no run has a nerve */
  nerveThresholdsC: number[] | null;
}

export const EMPTY_SHAPE: ColumnShape = { isothermsC: [], freezeCount: 0, anyPlanar: false, anyNonPlanar: false, nerveThresholdsC: null };

const union = (a: number[], b: number[]) => [...new Set([...a, ...b])];

export function addToShape(shape: ColumnShape, s: Scenario): ColumnShape {
  const planar = s.geometry.mode === 'planar';
  return {
    isothermsC: union(shape.isothermsC, s.output.isotherms_c),
    freezeCount: Math.max(shape.freezeCount, freezeEndTimesS(s).length),
    anyPlanar: shape.anyPlanar || planar,
    anyNonPlanar: shape.anyNonPlanar || !planar,
    nerveThresholdsC: s.nerve ? union(shape.nerveThresholdsC ?? [], coverageThresholdsC(s.output.isotherms_c)) : shape.nerveThresholdsC,
  };
}

const isoTag = (freeze: number, level: number) => `freeze${freeze}_iso_${level}c`;
const nerveTag = (level: number) => `nerve_${level}c`;

/** Header: run index, the varied paths, the summary figures, wall time, error. */
export function columnNames(variedPaths: readonly string[], shape: ColumnShape): string[] {
  const cols = ['run', ...variedPaths];
  for (let f = 1; f <= shape.freezeCount; f++) {
    for (const level of shape.isothermsC) {
      const tag = isoTag(f, level);
      cols.push(`${tag}_radius_mm`, `${tag}_mid_radius_mm`);
      if (shape.anyNonPlanar) cols.push(`${tag}_length_mm`);
      cols.push(`${tag}_top_depth_mm`, `${tag}_bottom_depth_mm`);
      if (shape.anyNonPlanar) cols.push(`${tag}_volume_ml`);
      if (shape.anyPlanar) cols.push(`${tag}_area_mm2`);
    }
  }
  if (shape.nerveThresholdsC) {
    cols.push('nerve_min_c');
    for (const level of shape.nerveThresholdsC) cols.push(`${nerveTag(level)}_fraction`, `${nerveTag(level)}_first_full_s`);
  }
  cols.push('skin_min_c', 'skin_min_ice_gap_mm', 'skin_frozen', 'wall_s', 'error');
  return cols;
}

export type SummaryValue = number | string | boolean | null;

/** The summary figures of one finished run, keyed by column name (a subset of the header). */
export function summaryRow(s: Scenario, r: Result): Record<string, SummaryValue> {
  const row: Record<string, SummaryValue> = {};
  freezeEndTimesS(s).forEach((endS, f) => {
    const at = outputIndexAt(r, endS);
    if (at < 0) return;
    for (const [level, series] of Object.entries(r.isotherms)) {
      const tag = isoTag(f + 1, Number(level));
      row[`${tag}_radius_mm`] = series.radius_mm[at];
      row[`${tag}_mid_radius_mm`] = series.mid_radius_mm?.[at] ?? null;
      row[`${tag}_length_mm`] = series.length_mm[at];
      row[`${tag}_top_depth_mm`] = series.top_depth_mm[at];
      row[`${tag}_bottom_depth_mm`] = series.bottom_depth_mm[at];
      if (series.volume_ml) row[`${tag}_volume_ml`] = series.volume_ml[at];
      if (series.area_mm2) row[`${tag}_area_mm2`] = series.area_mm2[at];
    }
  });
  if (r.nerve) {
    row.nerve_min_c = r.nerve.min_c;
    for (const [level, c] of Object.entries(r.nerve.coverage)) {
      row[`${nerveTag(Number(level))}_fraction`] = c.fraction;
      row[`${nerveTag(Number(level))}_first_full_s`] = c.first_full_s;
    }
  }
  row.skin_min_c = r.skin.min_c;
  row.skin_min_ice_gap_mm = r.skin.min_ice_gap_mm;
  row.skin_frozen = r.skin.frozen;
  row.wall_s = r.solver.wall_s;
  return row;
}
