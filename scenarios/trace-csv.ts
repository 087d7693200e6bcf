/**
 * Turns a temperature log (a logger's CSV export, or two pasted columns) into the points of a
 * probe `trace` surface: [time_s, temperature_c] from the chosen start, optionally thinned.
 * Pure text in, points or line-numbered problems out: the CLI (`cryo trace`) and the
 * workbench's scenario editor share it.
 *
 * Accepted: comma, semicolon or tab separated; a header row naming the columns (optional when
 * every field of the first row is a number); times as seconds or H:MM:SS / MM:SS (fractions
 * of a second allowed); blank lines ignored.
 */
import { MAX_TRACE_POINTS } from './presets.ts';

export interface TraceCsvOptions {
  /** temperature column by header name; default: the second column when there are exactly two */
  column?: string;
  /** time column by header name; default: the first column */
  timeColumn?: string;
  /** data row (0 = the first row below the header) whose time becomes 0; rows before it are dropped */
  startRow?: number;
  /** log time (s) that becomes 0; rows before it are dropped */
  startTimeS?: number;
  /** keep a row only when at least this many seconds after the last kept one (the last row is always kept) */
  everyS?: number;
}

export interface TraceCsvProblem {
  /** 1-based line of the text, or null for a problem with the whole file */
  line: number | null;
  message: string;
}

export type TraceCsvResult = { points: [number, number][]; problems?: undefined } | { points?: undefined; problems: TraceCsvProblem[] };

/** Problems listed one by one before the rest are only counted. */
const LISTED_PROBLEMS = 10;
const ABSOLUTE_ZERO_C = -273.15;
const MAX_SURFACE_C = 100;

/** Seconds from "12.5", "1:02" (M:SS) or "1:02:03.5" (H:MM:SS); null when it is neither. */
export function parseTimeS(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (!t.includes(':')) {
    const v = Number(t);
    return Number.isFinite(v) ? v : null;
  }
  const parts = t.split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  const nums = parts.map(Number);
  if (nums.slice(1).some((v) => v >= 60)) return null;
  return nums.reduce((acc, v) => acc * 60 + v, 0);
}

function separatorOf(line: string): string {
  if (line.includes('\t')) return '\t';
  if (line.includes(';') && !line.includes(',')) return ';';
  return ',';
}

const unquote = (s: string) => {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
};

const show = (s: string) => (s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`);

export function traceFromCsv(text: string, opts: TraceCsvOptions = {}): TraceCsvResult {
  const lines = text.split(/\r\n|\n|\r/);
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') first++;
  if (first === lines.length) return fail(null, 'the file is empty: expected a header row such as "time,temperature_c" and rows below it');
  const sep = separatorOf(lines[first]);
  const head = lines[first].split(sep).map(unquote);
  const headerless = head.every((f) => parseTimeS(f) !== null);
  const columnIndex = (name: string | undefined, fallback: number | null, what: string): number | TraceCsvProblem => {
    if (name === undefined) {
      if (fallback !== null) return fallback;
      return { line: first + 1, message: `${head.length} columns (${head.map(show).join(', ')}): name the ${what} column (cryo trace --column "…")` };
    }
    const i = headerless ? -1 : head.indexOf(name);
    if (i >= 0) return i;
    const known = headerless ? 'the first row is data, not a header' : `columns: ${head.map(show).join(', ')}`;
    return { line: first + 1, message: `no ${what} column ${show(name)}; ${known}` };
  };
  const timeCol = columnIndex(opts.timeColumn, 0, 'time');
  const tempCol = columnIndex(opts.column, head.length === 2 ? 1 : null, 'temperature');
  if (typeof timeCol !== 'number') return { problems: [timeCol] };
  if (typeof tempCol !== 'number') return { problems: [tempCol] };
  if (timeCol === tempCol) return fail(first + 1, 'the time and temperature columns are the same column');

  const problems: TraceCsvProblem[] = [];
  let dropped = 0;
  const problem = (line: number, message: string) => {
    if (problems.length < LISTED_PROBLEMS) problems.push({ line, message });
    else dropped++;
  };
  const rows: { line: number; t: number; v: number }[] = [];
  let prevT = -Infinity;
  let prevLine = 0;
  for (let n = headerless ? first : first + 1; n < lines.length; n++) {
    if (lines[n].trim() === '') continue;
    const fields = lines[n].split(sep);
    const line = n + 1;
    if (fields.length <= Math.max(timeCol, tempCol)) {
      problem(line, `${fields.length} field(s), expected at least ${Math.max(timeCol, tempCol) + 1} (separator ${show(sep)})`);
      continue;
    }
    const timeText = unquote(fields[timeCol]);
    const tempText = unquote(fields[tempCol]);
    const t = parseTimeS(timeText);
    const v = tempText === '' ? NaN : Number(tempText);
    if (t === null) problem(line, `time ${show(timeText)} is neither seconds nor H:MM:SS`);
    if (!Number.isFinite(v)) problem(line, `temperature ${show(tempText)} is not a number`);
    else if (!(v > ABSOLUTE_ZERO_C && v <= MAX_SURFACE_C)) problem(line, `temperature ${tempText} °C is outside ${ABSOLUTE_ZERO_C} < T ≤ ${MAX_SURFACE_C} °C (a unit mix-up?)`);
    if (t === null) continue;
    if (!(t > prevT)) problem(line, `time ${timeText} is not after line ${prevLine}'s: times must increase strictly (sort the log, drop repeated rows)`);
    prevT = Math.max(prevT, t);
    prevLine = line;
    if (Number.isFinite(v)) rows.push({ line, t, v });
  }
  if (dropped > 0) problems.push({ line: null, message: `${dropped} more problem(s) not listed; fix the ones above first` });
  if (problems.length) return { problems };

  let startIndex = 0;
  if (opts.startRow !== undefined) {
    if (!(Number.isInteger(opts.startRow) && opts.startRow >= 0 && opts.startRow < rows.length)) {
      return fail(null, `start row ${opts.startRow} is not a data row: the file has rows 0 … ${rows.length - 1} below the header`);
    }
    startIndex = opts.startRow;
  } else if (opts.startTimeS !== undefined) {
    startIndex = rows.findIndex((r) => r.t >= opts.startTimeS! - 1e-9);
    if (startIndex < 0) return fail(null, `start time ${opts.startTimeS} s is after the last row (${rows.at(-1)?.t ?? 0} s)`);
  }
  const t0 = rows[startIndex]?.t ?? 0;
  const kept = thin(rows.slice(startIndex), opts.everyS ?? 0);
  if (kept.length < 2) return fail(null, `${kept.length} row(s) from the start on; a trace needs at least 2`);
  if (kept.length > MAX_TRACE_POINTS) {
    const span = kept.at(-1)!.t - kept[0].t;
    const every = Math.max(0.001, Math.ceil((span / (MAX_TRACE_POINTS - 2)) * 10) / 10);
    return fail(null, `${kept.length} points, over the limit of ${MAX_TRACE_POINTS}; thin them with --every ${every} (seconds between kept rows)`);
  }
  return { points: kept.map((r) => [round(r.t - t0), r.v]) };
}

function thin<T extends { t: number }>(rows: T[], everyS: number): T[] {
  if (!(everyS > 0) || rows.length < 3) return rows;
  const out = [rows[0]];
  for (let i = 1; i < rows.length - 1; i++) if (rows[i].t - out[out.length - 1].t >= everyS - 1e-9) out.push(rows[i]);
  out.push(rows[rows.length - 1]);
  return out;
}

/** Times shifted to the start lose their float noise (12.3 − 2.1 → 10.2, not 10.200000000000001). */
const round = (t: number) => Math.round(t * 1e9) / 1e9;

const fail = (line: number | null, message: string): TraceCsvResult => ({ problems: [{ line, message }] });
