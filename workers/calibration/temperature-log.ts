/**
 * Reads a temperature log for `cryo calibrate`: thermocouple readings of one run, each row
 * one reading, in a long format that any logger export can be turned into:
 *
 *   # source: Sarshoghi et al. 2026, replicate N1, cycle 1
 *   # scenario: ../../experiments/sarshoghi-icesphere-pbs-n1.json   (optional; relative to this file)
 *   # freeze_end_s: 366        (optional, one or more, comma separated: ends of the freezes)
 *   time_s,sensor,distance_mm,temperature_c
 *   10,tc_1.8mm,1.8,-8.81
 *   60,front,3.01,-0.52
 *
 * `distance_mm` is the sensor's distance from the probe axis at the middle of the active
 * segment (how thermocouple rows are reported). A row whose sensor is `front` is an ice-front
 * observation: at time_s the isotherm temperature_c was distance_mm from the axis (mid-probe).
 * Times are seconds from the start of the run (the scenario's t = 0), increasing per sensor.
 * Every problem is reported as `<file>:<line>: …`; nothing throws, and a file over
 * MAX_LOG_ROWS is refused at the first row past the limit.
 */
import type { Issue } from '../../scenarios/schema.ts';
import { cellNumber, PLAIN_NUMBER } from './plain-number.ts';

const FRONT_SENSOR = 'front';
const LOG_COLUMNS = ['time_s', 'sensor', 'distance_mm', 'temperature_c'] as const;
/** A day of 1 Hz readings from 5 sensors is 432 000 rows; a run compared against more is a unit slip. */
export const MAX_LOG_ROWS = 500_000;
const MAX_SENSORS = 100;
const SENSOR_NAME = /^[A-Za-z0-9_.\-]{1,64}$/;

export interface LogReading {
  line: number;
  timeS: number;
  temperatureC: number;
}

export interface LogSensor {
  name: string;
  distanceMm: number;
  readings: LogReading[];
}

export interface FrontObservation {
  line: number;
  timeS: number;
  isothermC: number;
  distanceMm: number;
}

export interface TemperatureLog {
  file: string;
  sensors: LogSensor[];
  fronts: FrontObservation[];
  source?: string;
  /** the scenario this log belongs to, as written (relative to the log file), if named */
  scenario?: string;
  freezeEndsS: number[];
  notes: string[];
}

/** Whether a file's header (first non-comment line) is a temperature log's. */
export function isTemperatureLog(text: string): boolean {
  for (const raw of text.split('\n', 200)) {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    return t.split(',').map((f) => f.trim()).includes('sensor');
  }
  return false;
}

export function parseTemperatureLog(file: string, text: string): TemperatureLog | { issues: Issue[] } {
  const issues: Issue[] = [];
  const add = (line: number, message: string) => {
    if (issues.length < 20) issues.push({ path: `${file}:${line}`, message });
  };
  const log: TemperatureLog = { file, sensors: [], fronts: [], freezeEndsS: [], notes: [] };
  const byName = new Map<string, LogSensor>();
  const tooLong = lineOfRowPastLimit(text);
  if (tooLong !== null) {
    add(tooLong, `more than ${MAX_LOG_ROWS.toLocaleString('en-US')} readings; resample the log (e.g. to 1 Hz) or cut it to the runs you compare`);
    return { issues };
  }
  let header: string[] | null = null;
  let rows = 0;
  let line = 0;
  let lastLine = 1;
  let start = 0;
  while (start <= text.length && issues.length < 20) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    line++;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    lastLine = line;
    if (trimmed.startsWith('#')) {
      readComment(log, trimmed.slice(1).trim(), (m) => add(line, m));
      continue;
    }
    const fields = trimmed.split(',').map((f) => f.trim());
    if (!header) {
      header = fields;
      if (!checkHeader(fields, (m) => add(line, m))) return { issues };
      continue;
    }
    rows++;
    readRow(header, fields, line, log, byName, (m) => add(line, m));
  }
  if (!header) add(lastLine, `no header line; the first line that is not a # comment must be ${LOG_COLUMNS.join(',')}`);
  else if (rows === 0 && issues.length === 0) add(lastLine, 'no readings after the header');
  if (byName.size > MAX_SENSORS) add(1, `${byName.size} sensors; at most ${MAX_SENSORS} per log`);
  return issues.length ? { issues } : log;
}

/** The line of the first data row beyond MAX_LOG_ROWS (after the header), found without parsing; null if none. */
function lineOfRowPastLimit(text: string): number | null {
  let dataLines = 0;
  let line = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    if (i < end && text[i] !== '#' && ++dataLines > MAX_LOG_ROWS + 1) return line;
    start = end + 1;
  }
  return null;
}

function readComment(log: TemperatureLog, body: string, add: (m: string) => void) {
  const m = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(body);
  const key = m?.[1].toLowerCase();
  const value = m?.[2].trim() ?? '';
  switch (key) {
    case 'source':
      log.source = log.source ? `${log.source} ${value}` : value;
      return;
    case 'scenario':
      if (value) log.scenario = value;
      else add('scenario: name a scenario file (relative to this log) or a built-in id');
      return;
    case 'freeze_end_s': {
      const parts = value.split(',').map((p) => p.trim());
      if (parts.every((p) => PLAIN_NUMBER.test(p) && Number(p) > 0)) log.freezeEndsS = parts.map(Number).sort((a, b) => a - b);
      else add(`freeze_end_s: '${value}' is not a list of times > 0 (s)`);
      return;
    }
    default:
      if (body) log.notes.push(body);
  }
}

function checkHeader(fields: string[], add: (m: string) => void): boolean {
  const missing = LOG_COLUMNS.filter((c) => !fields.includes(c));
  const unknown = fields.filter((f) => !(LOG_COLUMNS as readonly string[]).includes(f));
  if (unknown.length) add(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}; a temperature log has the columns ${LOG_COLUMNS.join(',')}`);
  if (missing.length) add(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must be ${LOG_COLUMNS.join(',')}`);
  const dup = fields.find((f, i) => fields.indexOf(f) !== i);
  if (dup) add(`column ${dup} appears twice`);
  return !missing.length && !unknown.length && !dup;
}

function readRow(header: string[], fields: string[], line: number, log: TemperatureLog, byName: Map<string, LogSensor>, add: (m: string) => void) {
  if (fields.length !== header.length) {
    add(`${fields.length} values but the header has ${header.length} columns (${header.join(',')})`);
    return;
  }
  const text = (name: string) => fields[header.indexOf(name)];
  let ok = true;
  const num = (name: string, check: (x: number) => string | null): number => {
    const t = text(name);
    const x = cellNumber(name, t, check, add, /nan|inf/i.test(t) ? ' (drop readings the logger could not take)' : '');
    if (x === null) ok = false;
    return x ?? NaN;
  };
  const sensor = text('sensor');
  if (!SENSOR_NAME.test(sensor)) {
    add(`sensor: '${sensor}' is not a sensor name (letters, digits, _ . -, at most 64)`);
    ok = false;
  }
  const timeS = num('time_s', (t) => (t >= 0 && t <= 86400 ? null : 'must be ≥ 0 and ≤ 86400 (s from the start of the run)'));
  const distanceMm = num('distance_mm', (d) => (d >= 0 && d <= 1000 ? null : 'must be ≥ 0 and ≤ 1000 (mm from the probe axis)'));
  const temperatureC = num('temperature_c', (c) => (c > -273.15 && c <= 200 ? null : 'must be a temperature in °C above −273.15 and at most 200'));
  if (!ok) return;
  if (sensor === FRONT_SENSOR) {
    const last = log.fronts.at(-1);
    if (last && last.isothermC === temperatureC && timeS <= last.timeS)
      return add(`time_s: ${timeS} s is not after the previous front reading (${last.timeS} s, line ${last.line}); sort the log by time`);
    log.fronts.push({ line, timeS, isothermC: temperatureC, distanceMm });
    return;
  }
  let s = byName.get(sensor);
  if (!s) {
    s = { name: sensor, distanceMm, readings: [] };
    byName.set(sensor, s);
    log.sensors.push(s);
  } else if (Math.abs(s.distanceMm - distanceMm) > 1e-9) {
    return add(`distance_mm: sensor ${sensor} was at ${s.distanceMm} mm (line ${s.readings[0].line}), here ${distanceMm} mm; a sensor that moves needs a new name`);
  }
  const prev = s.readings.at(-1);
  if (prev && timeS <= prev.timeS)
    return add(`time_s: ${timeS} s is not after ${sensor}'s previous reading (${prev.timeS} s, line ${prev.line}); sort the log by time, one reading per sensor and time`);
  s.readings.push({ line, timeS, temperatureC });
}
