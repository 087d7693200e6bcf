/**
 * `cryo trace <logger.csv> [--column NAME] [--time-column NAME] [--start-row N | --start-time T]
 *             [--every S] [--offset C] [--scenario FILE [--probe I]] [--out FILE]`
 *
 * Turns one column of a temperature log into a probe `trace` surface. Without --scenario it
 * prints the surface object; with it, the scenario with that probe's surface replaced (checked
 * by the validator). Problems with the log are reported as `file:line: message`.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { parseTimeS, traceFromCsv, type TraceCsvOptions } from '../../scenarios/trace-csv.ts';
import type { TraceSurface } from '../../scenarios/schema.ts';
import { parseArgs, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { parseJsonFile } from '../node/load-scenario.ts';

/** Larger logs are refused before reading: 10⁶ rows of a six-channel logger is ~50 MB. */
const MAX_LOG_BYTES = 200 * 2 ** 20;

export function traceCommand(argv: string[], io: Io): number {
  const { positional, options } = parseArgs(argv, ['column', 'time-column', 'start-row', 'start-time', 'every', 'offset', 'scenario', 'probe', 'out']);
  if (positional.length !== 1) throw new UsageError('trace needs exactly one logger CSV file');
  const file = positional[0];
  const opts: TraceCsvOptions = { column: options.get('column'), timeColumn: options.get('time-column') };
  const number = (name: string, check: (v: number) => boolean, want: string): number | undefined => {
    const text = options.get(name);
    if (text === undefined) return undefined;
    const v = name === 'start-time' ? parseTimeS(text) : Number(text);
    if (v === null || !Number.isFinite(v) || !check(v)) throw new ScenarioInputError([{ path: `--${name}`, message: `must be ${want}, got ${text}` }]);
    return v;
  };
  if (options.has('start-row') && options.has('start-time')) throw new UsageError('give --start-row or --start-time, not both');
  opts.startRow = number('start-row', (v) => Number.isInteger(v) && v >= 0, 'a data row number ≥ 0 (0 = the first row below the header)');
  opts.startTimeS = number('start-time', (v) => v >= 0, 'a log time, seconds or H:MM:SS');
  opts.everyS = number('every', (v) => v > 0, 'seconds > 0 between kept rows');
  const offset = number('offset', (v) => Math.abs(v) <= 100, 'a temperature offset in °C (|offset| ≤ 100)') ?? 0;
  const probeIndex = number('probe', (v) => Number.isInteger(v) && v >= 0, 'a probe index ≥ 0') ?? 0;
  if (options.has('probe') && !options.has('scenario')) throw new UsageError('--probe needs --scenario');

  const text = readLog(file);
  const parsed = traceFromCsv(text, opts);
  if (parsed.problems) throw new ScenarioInputError(parsed.problems.map((p) => ({ path: p.line === null ? file : `${file}:${p.line}`, message: p.message })));
  const surface: TraceSurface = { model: 'trace', points: parsed.points, offset_c: offset };

  let output: string;
  const scenarioPath = options.get('scenario');
  if (scenarioPath) {
    const scenario = parseJsonFile(scenarioPath, readText(scenarioPath), 'a scenario') as { probes?: unknown };
    const probes = scenario && typeof scenario === 'object' ? scenario.probes : undefined;
    if (!Array.isArray(probes) || probes[probeIndex] === null || typeof probes[probeIndex] !== 'object') {
      throw new ScenarioInputError([{ path: `${scenarioPath}: probes[${probeIndex}]`, message: 'no such probe to give the trace to' }]);
    }
    probes[probeIndex].surface = surface;
    const v = validateScenario(scenario);
    if (!v.ok) throw new ScenarioInputError(v.issues);
    output = JSON.stringify(scenario, null, 2) + '\n';
  } else output = surfaceJson(surface);
  const outPath = options.get('out');
  if (outPath) writeFileSync(outPath, output);
  else io.out.write(output);
  return 0;
}

/** The surface with one point per line: readable, and diffs line by line. */
function surfaceJson(s: TraceSurface): string {
  const pts = s.points.map((p) => `    ${JSON.stringify(p)}`).join(',\n');
  return `{\n  "model": "trace",\n  "offset_c": ${s.offset_c},\n  "points": [\n${pts}\n  ]\n}\n`;
}

function readLog(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new ScenarioInputError([{ path: file, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})` }]);
  }
  if (size > MAX_LOG_BYTES) throw new ScenarioInputError([{ path: file, message: `${(size / 2 ** 20).toFixed(0)} MB, over the ${MAX_LOG_BYTES / 2 ** 20} MB a log may have; cut it to the run first` }]);
  return readText(file);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioInputError([{ path: file, message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})` }]);
  }
}
