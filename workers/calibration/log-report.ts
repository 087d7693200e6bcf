/**
 * What a temperature-log calibration hands back: tables for people (stdout) — the fitted
 * values, then per run (fitted, then checked) the RMSE of every thermocouple over the freeze,
 * its error at the end of each freeze, and the ice-front errors, before and after — and the
 * same as JSON (`--out`).
 */
import type { LogCalibrationResult, RunOutcome } from './calibrate-logs.ts';

const sig4 = (x: number) => String(Number(x.toPrecision(4)));
const f1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : (Math.abs(x) < 0.05 ? 0 : x).toFixed(1));
const f2 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : (Math.abs(x) < 0.005 ? 0 : x).toFixed(2));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function runText(before: RunOutcome, after: RunOutcome | null, r: LogCalibrationResult, role: string): string[] {
  const { log } = before.run;
  const ends = log.freezeEndsS;
  const out = [
    `${role} ${before.run.label}${log.source ? ` (${log.source})` : ''}: RMSE over 0–${before.score.windowEndS} s` +
      (r.input.each.length && after ? `; ${r.input.each.map((p, i) => `${p.label} = ${sig4(after.eachValues[i])} ${p.unit}`).join(', ')}` : ''),
    table(
      ['sensor', 'mm', 'readings', 'RMSE °C', ...(after ? ['→ fitted'] : []), ...ends.flatMap((t) => [`end ${t} s °C`, ...(after ? ['→ fitted'] : [])])],
      before.score.sensors.map((s, i) => {
        const a = after?.score.sensors[i];
        return [s.name, String(s.distanceMm), String(s.count), f1(s.rmseC), ...(a ? [f1(a.rmseC)] : []), ...ends.flatMap((_, k) => [f1(s.endErrorsC[k]), ...(a ? [f1(a.endErrorsC[k])] : [])])];
      }),
    ),
  ];
  if (before.score.fronts.length)
    out.push(
      table(
        ['front at s', 'isotherm °C', 'measured mm', 'model mm', ...(after ? ['→ fitted', 'error mm', 'timing s'] : ['error mm', 'timing s'])],
        before.score.fronts.map((f, i) => {
          const a = after?.score.fronts[i];
          const last = a ?? f;
          return [String(f.timeS), String(f.isothermC), f2(f.measuredMm), f2(f.modelMm), ...(a ? [f2(a.modelMm)] : []), f2(last.errorMm), f1(last.timingErrorS)];
        }),
      ),
    );
  return out;
}

export function logCalibrationText(r: LogCalibrationResult): string {
  const { input } = r;
  const out: string[] = [
    `cryo calibrate: ${input.runs.length} temperature log(s)${input.checks.length ? `, ${input.checks.length} check(s)` : ''}; ` +
      `solver runs: ${r.evaluations} in ${r.wallS.toFixed(1)} s`,
  ];
  if (input.shared.length)
    out.push(
      '',
      table(
        ['parameter', 'path', 'start', 'fitted', 'bounds', 'unit'],
        input.shared.map((p, i) => [p.label, p.path, sig4(r.sharedStart[i]), sig4(r.sharedValues[i]) + (r.sharedAtBound[i] ? ' (at bound)' : ''), `${p.min}–${p.max}`, p.unit]),
      ),
    );
  if (input.each.length)
    out.push('', `fitted per run${input.eachOn.length ? ` on ${input.eachOn.join(', ')}` : ''}: ${input.each.map((p) => `${p.label} (${p.path}, ${p.min}–${p.max} ${p.unit})`).join(', ')}`);
  const fitted = input.shared.length + input.each.length > 0;
  r.before.forEach((b, i) => out.push('', ...runText(b, fitted ? r.after[i] : null, r, fitted ? 'fitted to' : 'scored')));
  r.checksBefore.forEach((b, i) => out.push('', ...runText(b, fitted ? r.checksAfter[i] : null, r, 'check (not in the fit)')));
  for (const [i, p] of input.shared.entries())
    if (r.sharedAtBound[i]) out.push('', `note: ${p.label} ended on its bound (${p.min}–${p.max} ${p.unit}); the logs ask for a value outside it`);
  return out.join('\n') + '\n';
}

const scoreJson = (o: RunOutcome) => ({
  each_values: o.eachValues,
  sensors: o.score.sensors.map((s) => ({ name: s.name, distance_mm: s.distanceMm, readings: s.count, rmse_c: s.rmseC, bias_c: s.biasC, end_errors_c: s.endErrorsC })),
  fronts: o.score.fronts.map((f) => ({ time_s: f.timeS, isotherm_c: f.isothermC, measured_mm: f.measuredMm, model_mm: f.modelMm, error_mm: f.errorMm, timing_error_s: f.timingErrorS })),
  window_end_s: o.score.windowEndS,
  worst_rmse_c: o.score.worstRmseC,
});

export function logCalibrationJson(r: LogCalibrationResult) {
  const { input } = r;
  const run = (role: string, b: RunOutcome, a: RunOutcome) => ({ role, log: b.run.label, source: b.run.log.source ?? null, before: scoreJson(b), after: scoreJson(a) });
  return {
    schema: 'cryo-log-calibration/1',
    shared: input.shared.map((p, i) => ({ name: p.label, path: p.path, unit: p.unit, min: p.min, max: p.max, start: r.sharedStart[i], value: r.sharedValues[i], at_bound: r.sharedAtBound[i] })),
    each: input.each.map((p) => ({ name: p.label, path: p.path, unit: p.unit, min: p.min, max: p.max, fitted_on: input.eachOn })),
    objective_sensors: input.sensors,
    runs: [...r.before.map((b, i) => run('fit', b, r.after[i])), ...r.checksBefore.map((b, i) => run('check', b, r.checksAfter[i]))],
    evaluations: r.evaluations,
    wall_s: r.wallS,
  };
}
