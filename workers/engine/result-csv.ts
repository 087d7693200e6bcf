/**
 * A `cryo-result/1` as CSV tables for spreadsheets: one row per output time
 * (isotherm sizes, probe surface, sensor and finite-bath temperatures) and a key/value
 * summary (nerve coverage, skin). Column names carry their units, and numbers are written at
 * the precision their unit calls for (workers/export/csv-numbers.ts), not as 17-digit doubles.
 */
import type { Result } from '../../scenarios/schema.ts';
import { csvCell } from '../export/csv-numbers.ts';

/** A row whose cells are formatted by the unit of their column (or, in the summary, of their quantity). */
const line = (values: unknown[], columns: string[]) => values.map((v, i) => csvCell(v, columns[i])).join(',');

/** The CSV column of a finite bath's temperature: "tissue" → bath_tissue_c, "layers[0].tissue" → bath_layers0_c. */
export function bathColumn(medium: string): string {
  return `bath_${medium.replace(/\.tissue$/, '').replace(/[^A-Za-z0-9]/g, '')}_c`;
}

export function resultTimeseriesCsv(r: Result): string {
  const cols: { name: string; values: unknown[] }[] = [
    { name: 'time_s', values: r.times_s },
    { name: 'phase', values: r.phase },
  ];
  for (const [level, s] of Object.entries(r.isotherms)) {
    const tag = `iso_${level}c`;
    cols.push({ name: `${tag}_radius_mm`, values: s.radius_mm });
    if (s.mid_radius_mm) cols.push({ name: `${tag}_mid_radius_mm`, values: s.mid_radius_mm });
    if (r.solver.mode !== 'planar') cols.push({ name: `${tag}_length_mm`, values: s.length_mm });
    cols.push({ name: `${tag}_top_depth_mm`, values: s.top_depth_mm });
    cols.push({ name: `${tag}_bottom_depth_mm`, values: s.bottom_depth_mm });
    if (s.volume_ml) cols.push({ name: `${tag}_volume_ml`, values: s.volume_ml });
    if (s.area_mm2) cols.push({ name: `${tag}_area_mm2`, values: s.area_mm2 });
  }
  r.probes.forEach((p, i) => cols.push({ name: `probe${i}_surface_c`, values: p.surface_c }));
  for (const [name, values] of Object.entries(r.sensors)) cols.push({ name: `sensor_${name}_c`, values });
  for (const b of r.bath ?? []) cols.push({ name: bathColumn(b.medium), values: b.temp_c });
  const names = cols.map((c) => c.name);
  const rows = [names.map((n) => csvCell(n, '')).join(',')];
  for (let t = 0; t < r.times_s.length; t++) rows.push(line(cols.map((c) => c.values[t]), names));
  return rows.join('\n') + '\n';
}

export function resultSummaryCsv(r: Result): string {
  const rows: unknown[][] = [['quantity', 'value']];
  rows.push(['scenario', r.scenario]);
  if (r.nerve) {
    rows.push(['nerve_min_c', r.nerve.min_c]);
    for (const [level, c] of Object.entries(r.nerve.coverage)) {
      rows.push([`nerve_fraction_at_or_below_${level}c`, c.fraction]);
      rows.push([`nerve_first_full_${level}c_s`, c.first_full_s]);
    }
  }
  rows.push(['skin_min_c', r.skin.min_c], ['skin_min_ice_gap_mm', r.skin.min_ice_gap_mm], ['skin_frozen', r.skin.frozen]);
  rows.push(['grid', r.solver.grid.join('x')], ['dt_s', r.solver.dt_s], ['steps', r.solver.steps], ['wall_s', r.solver.wall_s]);
  // Each value takes the precision of the quantity named in its row.
  return rows.map((row) => line(row, [String(row[0]), String(row[0])])).join('\n') + '\n';
}
