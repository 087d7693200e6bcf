/**
 * Checks a temperature-log calibration before any solver run, without touching files (the CLI
 * and the workbench both call it): every run's sensors are named right and its scenario stays
 * valid at the start values and at each parameter's bounds.
 */
import type { Issue } from '../../scenarios/schema.ts';
import { buildRunFile, startValue, type LogRun } from './calibrate-logs.ts';
import type { ScenarioParameter } from './scenario-parameters.ts';

/** Problems that would stop the fit half-way, found by building every run at the start values and at each bound. */
export function checkRuns(runs: LogRun[], shared: ScenarioParameter[], each: ScenarioParameter[], spacingMm: number | undefined, sensors: string[], eachOn: string[]): Issue[] {
  const issues: Issue[] = [];
  const params = [...shared, ...each];
  for (const run of runs) {
    const names = run.log.sensors.map((s) => s.name);
    for (const [option, list] of [['--sensors', sensors], ['--each-on', eachOn]] as const)
      for (const n of list) if (!names.includes(n)) issues.push({ path: option, message: `${run.label} has no sensor '${n}'; its sensors are ${names.join(', ')}` });
    const start = params.map((p) => startValue(run.scenario, p));
    const trials = [start, ...params.flatMap((p, i) => [p.min, p.max].map((b) => start.map((v, j) => (j === i ? b : v))))];
    for (const values of trials) {
      const built = buildRunFile(run, { shared, each, spacingMm }, values.slice(0, shared.length), values.slice(shared.length));
      if ('error' in built) {
        const at = values === start ? 'as written' : `with ${params.map((p, i) => `${p.path} = ${values[i]}`).join(', ')}`;
        issues.push({ path: run.label, message: `its scenario is not valid ${at}: ${built.error}` });
        break;
      }
    }
  }
  return issues;
}
