/**
 * `cryo run` (simulate one scenario, result JSON on stdout or --out, CSVs with --csv) and
 * `cryo validate` (check a scenario and compile its grid without stepping).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quote } from '../../scenarios/checks.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { RUN_OUTPUT } from '../../scenarios/presets.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { compileScenario } from '../engine/compile.ts';
import { resultSummaryCsv, resultTimeseriesCsv } from '../engine/result-csv.ts';
import { verdictSummaryCsv } from '../export/verdict-csv.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { runScenarioSplit } from '../node/team-node.ts';
import { parseArgs, spacingOption, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { loadScenarioInput } from '../node/load-scenario.ts';
import { progressPrinter } from './progress.ts';
import { vtiOption } from './vti-option.ts';

function validated(input: string, options?: Map<string, string>) {
  const loaded = loadScenarioInput(input);
  const issues: Issue[] = [];
  const spacingMm = options && spacingOption(options, issues);
  if (issues.length) throw new ScenarioInputError(issues);
  if (spacingMm !== undefined) {
    const geometry = (loaded as { geometry?: { spacing_mm?: number } }).geometry;
    if (geometry && typeof geometry === 'object') geometry.spacing_mm = spacingMm;
  }
  const v = validateScenario(loaded);
  if (!v.ok) throw new ScenarioInputError(v.issues);
  return v.scenario;
}

export async function runCommand(argv: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(argv, ['out', 'csv', 'spacing-mm', 'vti', 'vti-times'], ['quiet']);
  if (positional.length !== 1) throw new UsageError('run needs exactly one scenario file or built-in id');
  const scenario = validated(positional[0], options);
  const vti = vtiOption(options.get('vti'), options.get('vti-times'), scenario);
  const progress = options.has('quiet') ? undefined : progressPrinter(io.err, scenario.name);
  // A large f32 grid is split over this machine's cores (thread-policy.ts); results are the same.
  const { result } = await runScenarioSplit(scenario, loadKernels(), { onProgress: progress, progressIntervalS: RUN_OUTPUT.terminal_interval_s.value, onOutputField: vti?.onOutputField });
  const json = JSON.stringify(result, null, 2) + '\n';
  const outPath = options.get('out');
  if (outPath) writeFileSync(outPath, json);
  else io.out.write(json);
  const csvDir = options.get('csv');
  if (csvDir) {
    mkdirSync(csvDir, { recursive: true });
    writeFileSync(join(csvDir, 'timeseries.csv'), resultTimeseriesCsv(result));
    writeFileSync(join(csvDir, 'summary.csv'), resultSummaryCsv(result));
    writeFileSync(join(csvDir, 'verdict.csv'), verdictSummaryCsv([{ id: positional[0], result, scenario }]));
  }
  for (const line of vti?.write() ?? []) io.err.write(`${line}\n`);
  for (const w of result.warnings ?? []) io.err.write(`cryo: warning (${w.code}): ${w.message}\n`);
  // The bath's drift is what a bench thermometer shows; the whole series is in the JSON's `bath`.
  for (const b of result.bath ?? []) {
    io.err.write(`cryo: well-mixed bath (${b.medium}): ${b.temp_c[0].toFixed(2)} → ${b.temp_c.at(-1)!.toFixed(2)} °C over ${result.times_s.at(-1)} s\n`);
  }
  const sv = result.solver;
  const share = sv.cell_updates / (sv.steps * sv.grid.reduce((a, b) => a * b, 1));
  // Two-rate stepping updates the warm cells less often than every step; say how much work it saved.
  const stepping = (share < 0.995 ? `, two-rate stepping: ${(100 * share).toFixed(0)} % of the cell updates` : '') + ((sv.threads ?? 1) > 1 ? `, ${sv.threads} threads` : '');
  // An implicit run's steps vary in length: its mean step, not the explicit limit in dt_s, says what it did.
  const steps = sv.integrator === 'implicit' && sv.mean_dt_s !== undefined
    ? `${sv.steps} implicit steps of ${sv.mean_dt_s.toPrecision(3)} s on average (explicit limit ${sv.dt_s.toPrecision(3)} s)`
    : `${sv.steps} steps of ${sv.dt_s.toPrecision(3)} s`;
  io.err.write(`cryo: ${steps} on ${gridText(sv.grid, sv.mode)} cells in ${sv.wall_s.toFixed(2)} s (${sv.mcells_per_s} Mcells/s${stepping})\n`);
  return 0;
}

export function validateCommand(argv: string[], io: Io): number {
  const { positional } = parseArgs(argv, []);
  if (positional.length !== 1) throw new UsageError('validate needs exactly one scenario file or built-in id');
  const s = validated(positional[0]);
  // Compiling builds the grid without stepping: it finds what only the grid reveals (time step, probe fit).
  const model = compileScenario(s);
  const total = model.totalS;
  io.out.write(
    `ok: ${quote(s.name)} — ${s.geometry.mode}, ${model.grid.nx} × ${model.grid.nz} cells at ${s.geometry.spacing_mm} mm, ` +
      `${s.probes.length} probe(s), ${s.protocol.length} phase(s), ${total} s in steps of ${model.dtS.toPrecision(3)} s\n`,
  );
  return 0;
}

/** `120×240` in 2D, `80×60×80` in 3D. */
function gridText(grid: readonly number[], mode: string): string {
  return (mode === '3d' ? grid : grid.slice(0, 2)).join('×');
}
