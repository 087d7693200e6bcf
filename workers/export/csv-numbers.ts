/**
 * Number formatting for exported tables (CSV): each quantity at the precision a reader can use
 * instead of the 17 digits of a double. The precision follows the unit the column name carries
 * (`_c`, `_mm`, `_s`, …), as the file formats' names do. Temperatures are rounded *up* (warmer)
 * and covered shares *down*, so a rounded value never claims a threshold (−20 °C, full coverage)
 * the unrounded one missed.
 */

export type NumberKind = 'temperature_c' | 'length_mm' | 'area_mm2' | 'volume_ml' | 'time_s' | 'fraction' | 'percent' | 'count' | 'general';

/** Decimals per kind: 0.01 °C and 0.01 mm are below what the solver resolves on a 0.25 mm grid. */
const CSV_DECIMALS: Record<Exclude<NumberKind, 'general'>, number> = {
  temperature_c: 2,
  length_mm: 2,
  area_mm2: 2,
  volume_ml: 3,
  time_s: 3,
  fraction: 4,
  percent: 1,
  count: 0,
};

/** Significant digits of quantities without a fixed unit scale (dt, energies, rates). */
const CSV_SIGNIFICANT = 6;

/** The kind of a column from the unit suffix of its name (`iso_-20c_radius_mm` → length_mm). */
export function kindOfColumn(name: string): NumberKind {
  if (/_mm2$/.test(name)) return 'area_mm2';
  if (/_mm$/.test(name)) return 'length_mm';
  if (/_ml$/.test(name)) return 'volume_ml';
  if (/_pct$/.test(name)) return 'percent';
  if (/(^|_)c$/.test(name)) return 'temperature_c';
  if (/(^|_)s$/.test(name) && !/^(dt|wall)_s$/.test(name)) return 'time_s';
  if (/fraction/.test(name)) return 'fraction';
  return 'general';
}

/** Trims a fixed-point string: "12.50" → "12.5", "-0.00" → "0". */
function trim(s: string): string {
  const t = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return t === '-0' ? '0' : t;
}

function fixed(v: number, decimals: number, mode: 'nearest' | 'up' | 'down'): string {
  const scale = 10 ** decimals;
  // The small nudge keeps 0.285 (stored as 0.28499999…) from rounding the wrong way.
  const x = v * scale;
  const n = mode === 'up' ? Math.ceil(x - 1e-9) : mode === 'down' ? Math.floor(x + 1e-9) : Math.round(x + Math.sign(x) * 1e-9);
  return trim((n / scale).toFixed(decimals));
}

/** One number as a CSV cell: '' for null / undefined / non-finite. */
export function csvNumber(v: number | null | undefined, kind: NumberKind): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '';
  switch (kind) {
    case 'temperature_c':
      return fixed(v, CSV_DECIMALS.temperature_c, 'up');
    case 'fraction':
    case 'percent':
      return fixed(v, CSV_DECIMALS[kind], 'down');
    case 'general':
      return v === 0 ? '0' : Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : String(Number(v.toPrecision(CSV_SIGNIFICANT)));
    default:
      return fixed(v, CSV_DECIMALS[kind], 'nearest');
  }
}

/** A text cell, quoted when it holds a comma, a quote or a line break. */
function csvText(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Any cell of a column named `column`: numbers by the column's unit, booleans and text as written. */
export function csvCell(v: unknown, column: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return csvNumber(v, kindOfColumn(column));
  return csvText(String(v));
}
