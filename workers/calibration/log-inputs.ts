/**
 * Reads the inputs of a temperature-log calibration from disk and checks them before any
 * solver run: each log parses, its scenario loads (the log's `# scenario:` line, relative to
 * the log, else the scenario named on the command line), its sensors can be placed, and every
 * parameter can be set to both of its bounds with the scenario still valid (log-checks.ts).
 * Every problem comes back as an issue (`file:line: …` or `--option: …`); nothing throws on bad input.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Issue } from '../../scenarios/schema.ts';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { loadScenarioInput } from '../node/load-scenario.ts';
import type { LogRun } from './calibrate-logs.ts';
import { parseTemperatureLog } from './temperature-log.ts';

function readText(path: string): string | Issue {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { path, message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? e})` };
  }
}

export function loadScenario(nameOrPath: string): unknown | { issues: Issue[] } {
  try {
    return loadScenarioInput(nameOrPath);
  } catch (e) {
    const issues = (e as { issues?: Issue[] }).issues;
    if (!issues) throw e;
    return { issues };
  }
}

export const failed = (x: unknown): x is { issues: Issue[] } => typeof x === 'object' && x !== null && 'issues' in x && Array.isArray((x as { issues: unknown }).issues);

/** One log and its scenario, or the problems with them. */
export function loadLogRun(path: string, defaultScenario: unknown | null): LogRun | { issues: Issue[] } {
  const text = readText(path);
  if (typeof text !== 'string') return { issues: [text] };
  const log = parseTemperatureLog(path, text);
  if ('issues' in log) return log;
  let scenario = defaultScenario;
  if (log.scenario) {
    const named = Object.hasOwn(BUILTIN_SCENARIOS, log.scenario) ? log.scenario : resolve(dirname(path), log.scenario);
    const loaded = loadScenario(named);
    if (failed(loaded)) return { issues: loaded.issues.map((i) => ({ path: `${path}: scenario ${i.path}`, message: i.message })) };
    scenario = loaded;
  }
  if (scenario === null)
    return { issues: [{ path, message: 'no scenario for this log: add a line `# scenario: <file relative to the log>` or name a scenario before the logs' }] };
  return { label: path, log, scenario };
}
