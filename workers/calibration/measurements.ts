/**
 * Reads a measurements CSV for `cryo calibrate`: isotherm sizes of one probe measured at
 * times after the start of a freeze.
 *
 *   # medium: gel            (optional: gel | tissue)
 *   # medium_c: 39           (optional: the medium's starting temperature, °C)
 *   # source: Littrup et al., JVIR 2009, PMC2762356
 *   # assumption: …          (any number; other `#` lines are kept as notes)
 *   time_s,isotherm_c,width_mm,length_mm
 *   900,-30,12,
 *
 * width_mm is the full diameter of the region at or below isotherm_c, perpendicular to the
 * probe (2 × radius_mm of a result); length_mm, optional, its extent along the probe. Every
 * problem is reported as `<file>:<line>: …` and none throws.
 */
import type { Issue } from '../../scenarios/schema.ts';
import { cellNumber, PLAIN_NUMBER } from './plain-number.ts';

export type Medium = 'gel' | 'tissue';
export const MEDIA: readonly Medium[] = ['gel', 'tissue'];

export interface MeasurementRow {
  /** 1-based line in the file, for messages and reports */
  line: number;
  timeS: number;
  isothermC: number;
  widthMm: number;
  lengthMm: number | null;
}

export interface MeasurementSet {
  file: string;
  rows: MeasurementRow[];
  medium?: Medium;
  mediumC?: number;
  source?: string;
  assumptions: string[];
  notes: string[];
}

const REQUIRED = ['time_s', 'isotherm_c', 'width_mm'] as const;
const COLUMNS = [...REQUIRED, 'length_mm'];
/** Matches the scenario validator's limit on isotherms per run. */
const MAX_DISTINCT_ISOTHERMS = 20;

export function parseMeasurements(file: string, text: string): MeasurementSet | { issues: Issue[] } {
  const issues: Issue[] = [];
  const add = (line: number, message: string) => issues.push({ path: `${file}:${line}`, message });
  const set: MeasurementSet = { file, rows: [], assumptions: [], notes: [] };
  let header: string[] | null = null;
  let headerOk = false;
  let headerLine = 0;

  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) return readComment(set, trimmed.slice(1).trim(), (m) => add(line, m));
    const fields = trimmed.split(',').map((f) => f.trim());
    if (!header) {
      header = fields;
      headerLine = line;
      headerOk = checkHeader(fields, (m) => add(line, m));
      return;
    }
    // With a broken header every row would repeat its problem; the header message says it once.
    if (!headerOk) return;
    const row = readRow(header, fields, line, (m) => add(line, m));
    if (row) set.rows.push(row);
  });

  if (!header) add(1, `no header line; the first line that is not a # comment must be ${COLUMNS.join(',')}`);
  else if (set.rows.length === 0 && issues.length === 0) add(headerLine, 'no measurement rows after the header');
  const isotherms = new Set(set.rows.map((r) => r.isothermC));
  if (isotherms.size > MAX_DISTINCT_ISOTHERMS)
    add(headerLine, `${isotherms.size} different isotherm_c values; at most ${MAX_DISTINCT_ISOTHERMS} per file`);
  return issues.length ? { issues } : set;
}

function readComment(set: MeasurementSet, body: string, add: (m: string) => void) {
  const m = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(body);
  const key = m?.[1].toLowerCase();
  const value = m?.[2].trim() ?? '';
  switch (key) {
    case 'medium':
      if ((MEDIA as readonly string[]).includes(value)) set.medium = value as Medium;
      else add(`medium: '${value}' is not one of ${MEDIA.join(', ')}`);
      return;
    case 'medium_c':
      if (PLAIN_NUMBER.test(value) && Number(value) > -50 && Number(value) < 60) set.mediumC = Number(value);
      else add(`medium_c: '${value}' is not a temperature in °C between −50 and 60`);
      return;
    case 'source':
      set.source = set.source ? `${set.source} ${value}` : value;
      return;
    case 'assumption':
    case 'assumptions':
      set.assumptions.push(value);
      return;
    default:
      if (body) set.notes.push(body);
  }
}

function checkHeader(fields: string[], add: (m: string) => void): boolean {
  let ok = true;
  const problem = (m: string) => {
    add(m);
    ok = false;
  };
  for (const f of fields) if (!COLUMNS.includes(f)) problem(`unknown column '${f}'; the columns are ${COLUMNS.join(', ')} (length_mm optional)`);
  for (const r of REQUIRED) if (!fields.includes(r)) problem(`missing column ${r}; the header must name ${REQUIRED.join(', ')} (and optionally length_mm)`);
  const dup = fields.find((f, i) => fields.indexOf(f) !== i);
  if (dup) problem(`column ${dup} appears twice`);
  return ok;
}

function readRow(header: string[], fields: string[], line: number, add: (m: string) => void): MeasurementRow | null {
  if (fields.length > header.length) {
    add(`${fields.length} values but the header has ${header.length} columns`);
    return null;
  }
  const value = (name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? '' : (fields[i] ?? '');
  };
  let ok = true;
  const num = (name: string, check: (x: number) => string | null, optional = false): number | null => {
    const text = value(name);
    if (text === '' && optional) return null;
    if (text === '') {
      add(`${name}: missing value`);
      ok = false;
      return null;
    }
    const x = cellNumber(name, text, check, add);
    if (x === null) ok = false;
    return x;
  };
  const timeS = num('time_s', (t) => (t > 0 ? null : 'must be > 0 (s since the freeze started)'));
  const isothermC = num('isotherm_c', (t) => (t > -273.15 && t <= 100 ? null : 'must be a temperature in °C above −273.15 and at most 100'));
  const widthMm = num('width_mm', (w) => (w > 0 ? null : 'must be > 0 (mm, full diameter across the probe)'));
  const lengthMm = num('length_mm', (l) => (l > 0 ? null : 'must be > 0 (mm, along the probe) or left empty'), true);
  if (!ok || timeS === null || isothermC === null || widthMm === null) return null;
  return { line, timeS, isothermC, widthMm, lengthMm };
}
