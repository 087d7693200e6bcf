/**
 * `npm run bench` (last step): the large-time-step (BDF2) integrator against the explicit kernels on
 * the standard axisymmetric run of issue 12, all in one process: wall time, steps, mean step,
 * explicit-equivalent Mcells/s (the cell updates the explicit f64 run needs, over this run's
 * wall time), the ratio to each explicit run, and the answers' differences. Writes its own
 * marked section ("implicit-bench") of docs/performance.md, keeping the others. Timing lives here, never in tests.
 * With --comparison it runs the built-in eight-protocol comparison instead (f32 two-rate against
 * implicit, and what "auto" takes), into its own section ("implicit-comparison-bench").
 * Usage: tsx tests/bench/implicit-bench.ts [--out docs/performance.md] [--spacing 0.25] [--comparison]
 */
import os from 'node:os';
import { IMPLICIT } from '../../scenarios/presets.ts';
import { BUILTIN_COMPARISONS, expandComparison } from '../../scenarios/builtin.ts';
import type { Result, Scenario, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { chooseIntegrator } from '../../workers/engine/implicit-stepper.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { isothermShiftMm } from '../support/precision-compare.ts';
import { writeSection } from './doc-section.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const outPath = arg('out', 'docs/performance.md');
const spacingMm = Number(arg('spacing', '0.25'));

/** The standard run of issue 12 (its −40 °C radius at the end: 6.33 mm, converged). */
const STANDARD: ScenarioFile = {
  schema: 'cryo-scenario/1', name: 'speed standard',
  geometry: { mode: 'axisymmetric', spacing_mm: 0.25, size_mm: [30, 60] },
  tissue: {
    preset: 'generic', k_unfrozen_w_mk: 0.5, k_frozen_w_mk: 2.0, c_unfrozen_j_m3k: 3.6e6, c_frozen_j_m3k: 1.8e6, latent_j_m3: 2.5e8,
    solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2500, metabolic_w_m3: 0, arterial_c: 37, initial_c: 37,
  },
  skin: { boundary: 'temperature', temperature_c: 37 },
  far_field: { boundary: 'temperature', temperature_c: 37 },
  probes: [{ diameter_mm: 1.47, active_length_mm: 20, tip_mm: [0, 0, 30], direction: [0, 0, 1], surface: { model: 'temperature', temperature_c: -150, cooldown_s: 0 } }],
  protocol: [{ phase: 'freeze', duration_s: 600 }, { phase: 'passive_thaw', duration_s: 300 }, { phase: 'freeze', duration_s: 600 }],
  output: { interval_s: 60, isotherms_c: [0, -20, -40] },
} as ScenarioFile;

const kernels = loadKernels();
/** One run with this process's CPU seconds over it (steadier than wall time when other jobs share the cores). */
function timed(scenario: Scenario): { r: Result; cpuS: number } {
  const c0 = process.cpuUsage();
  const r = runScenario(scenario, kernels).result;
  const c = process.cpuUsage(c0);
  return { r, cpuS: (c.user + c.system) / 1e6 };
}
function validated(f: ScenarioFile): Scenario {
  const v = validateScenario(f);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return v.scenario;
}
function run(label: string, solver: Record<string, string>): { label: string; r: Result; cpuS: number } {
  const f = structuredClone(STANDARD);
  f.geometry.spacing_mm = spacingMm;
  f.solver = solver as ScenarioFile['solver'];
  const { r, cpuS } = timed(validated(f));
  process.stderr.write(`${label}: ${r.solver.wall_s.toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU, ${r.solver.steps} steps\n`);
  return { label, r, cpuS };
}
/** What `"auto"` picks for a scenario with the given precision. */
function autoChoice(s: Scenario, precision: 'f32' | 'f64'): string {
  const auto = { ...s, solver: { ...s.solver, integrator: 'auto' as const, precision } };
  return chooseIntegrator(auto, kernels, compileScenario(auto));
}
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const machine = () => `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores shared with other jobs; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`;

if (process.argv.includes('--comparison')) {
  writeSection(outPath, 'implicit-comparison-bench', comparisonSection());
  process.stderr.write(`wrote ${outPath}\n`);
} else {
  writeSection(outPath, 'implicit-bench', standardSection());
  process.stderr.write(`wrote ${outPath}\n`);
}

function standardSection(): string {
  const loadBefore = load();
  const runs = [
    run('explicit f32 SIMD, two-rate (the `cryo run` default)', { precision: 'f32' }),
    run('explicit f64 (reference)', { precision: 'f64' }),
    run('implicit BDF2 (f64)', { integrator: 'implicit' }),
  ];
  const [f32, ref, im] = runs;
  const cells = ref.r.solver.grid[0] * ref.r.solver.grid[1] * ref.r.solver.grid[2];
  const equivalentUpdates = ref.r.solver.steps * cells;
  const r40 = (r: Result) => r.isotherms['-40'].radius_mm.at(-1)!;
  const rows = runs.map(({ label, r, cpuS }) => {
    const meanDt = r.solver.mean_dt_s ?? r.solver.dt_s;
    return `| ${label} | ${r.solver.steps} | ${meanDt.toPrecision(3)} | ${r.solver.wall_s.toFixed(2)} | ${cpuS.toFixed(2)} | ${(equivalentUpdates / r.solver.wall_s / 1e6).toFixed(0)} | ${(im.r.solver.wall_s / r.solver.wall_s).toFixed(2)} | ${(im.cpuS / cpuS).toFixed(2)} | ${r40(r).toFixed(3)} | ${isothermShiftMm(ref.r, r).toFixed(3)} | ${r.energy ? r.energy.relative_error.toExponential(1) : '—'} |`;
  });
  const s = im.r.solver;
  const attempts = s.steps + s.retried_steps!;
  // Step costs from CPU time: wall time on shared cores counts the other jobs too.
  const perImplicitS = im.cpuS / attempts;
  const costF64 = perImplicitS / (ref.cpuS / ref.r.solver.steps);
  const costF32 = perImplicitS / (f32.cpuS / f32.r.solver.steps);
  const standard = validated({ ...structuredClone(STANDARD), geometry: { ...STANDARD.geometry, spacing_mm: spacingMm } });
  return [
    '## Large time steps: the implicit BDF2 integrator against the explicit kernels (tests/bench/implicit-bench.ts)',
    '',
    `The standard axisymmetric run of issue 12 at ${spacingMm} mm (${ref.r.solver.grid[0]}×${ref.r.solver.grid[1]} cells, freeze 10 min, passive thaw 5 min, freeze 10 min), `,
    `each integrator once in the same process (${machine()}; load average ${loadBefore} before, ${load()} after). `,
    'CPU: this process\'s CPU seconds over the run, steadier than wall time on shared cores. Equivalent Mcells/s: the explicit f64 run\'s cell updates over each run\'s wall time. "implicit / this": the implicit run\'s wall (CPU) time over this row\'s. ',
    'Shift: largest isotherm position difference (0, −20, −40 °C; radius, depths, length; every output time) to the explicit f64 run.',
    '',
    '| integrator | steps | mean dt (s) | wall (s) | CPU (s) | equivalent Mcells/s | implicit / this, wall | implicit / this, CPU | −40 °C radius at end (mm) | shift vs f64 (mm) | energy error |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Implicit solver work: ${s.newton_iterations} Newton iterations (${(s.newton_iterations! / s.steps).toFixed(2)} per step), ` +
      `${s.linear_iterations} preconditioned CG iterations (${(s.linear_iterations! / s.newton_iterations!).toFixed(2)} per Newton iteration), ${s.retried_steps} steps taken again shorter (error estimate above tolerance or Newton not converged). ` +
      `Cost of one implicit step (retries included), from CPU time: ${costF64.toFixed(1)} explicit f64 steps, ${costF32.toFixed(1)} explicit f32 two-rate steps ` +
      `(IMPLICIT.autoStepCost in scenarios/presets.ts: f64 ${IMPLICIT.autoStepCost.f64}, f32 ${IMPLICIT.autoStepCost.f32}). ` +
      `\`"auto"\` takes here: ${autoChoice(standard, 'f32')} (f32), ${autoChoice(standard, 'f64')} (f64).`,
    'Issue 12 target: ≤ 0.25 × a native C explicit kernel: see the native-bench section (tests/bench/native-bench.ts) for the ratio measured in one process.',
  ].join('\n');
}

/** The built-in eight-protocol comparison at 0.25 mm: every protocol with the f32 two-rate kernel and the implicit integrator. */
function comparisonSection(): string {
  const loadBefore = load();
  const set = Object.values(BUILTIN_COMPARISONS).find((c) => c.protocols.length === 8) ?? Object.values(BUILTIN_COMPARISONS)[0];
  const rows: string[] = [];
  const total = { f32Wall: 0, f32Cpu: 0, imWall: 0, imCpu: 0, autoCpu: 0 };
  let worstShift = 0;
  for (const { id, scenario } of expandComparison(set)) {
    const s = validated(scenario);
    const f32 = timed({ ...s, solver: { ...s.solver, precision: 'f32', integrator: 'explicit' } });
    const im = timed({ ...s, solver: { ...s.solver, integrator: 'implicit' } });
    const choice = autoChoice(s, 'f32');
    const shift = isothermShiftMm(f32.r, im.r);
    worstShift = Math.max(worstShift, shift);
    total.f32Wall += f32.r.solver.wall_s; total.f32Cpu += f32.cpuS;
    total.imWall += im.r.solver.wall_s; total.imCpu += im.cpuS;
    total.autoCpu += choice === 'implicit' ? im.cpuS : f32.cpuS;
    rows.push(`| ${id} | ${f32.r.solver.steps} | ${f32.r.solver.wall_s.toFixed(2)} | ${f32.cpuS.toFixed(2)} | ${im.r.solver.steps} | ${im.r.solver.wall_s.toFixed(2)} | ${im.cpuS.toFixed(2)} | ${(im.cpuS / f32.cpuS).toFixed(2)} | ${shift.toFixed(3)} | ${choice} |`);
    process.stderr.write(`${id}: f32 ${f32.cpuS.toFixed(2)} CPU-s, implicit ${im.cpuS.toFixed(2)} CPU-s, auto ${choice}\n`);
  }
  return [
    `## The eight-protocol comparison with the implicit integrator (tests/bench/implicit-bench.ts --comparison)`,
    '',
    `${set.name}: every protocol at its own spacing, one thread, each once with the f32 SIMD two-rate kernel (the default) and once with the implicit integrator, in the same process (${machine()}; load average ${loadBefore} before, ${load()} after). CPU: this process's CPU seconds over the run. Shift: largest isotherm position difference to the f32 run at any output time. Auto: what \`"integrator": "auto"\` takes for the f32 default.`,
    '',
    '| protocol | f32 steps | f32 wall (s) | f32 CPU (s) | implicit steps | implicit wall (s) | implicit CPU (s) | implicit / f32, CPU | shift (mm) | auto |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    `| all eight | | ${total.f32Wall.toFixed(1)} | ${total.f32Cpu.toFixed(1)} | | ${total.imWall.toFixed(1)} | ${total.imCpu.toFixed(1)} | ${(total.imCpu / total.f32Cpu).toFixed(2)} | ${worstShift.toFixed(3)} | ${total.autoCpu.toFixed(1)} CPU-s as auto chooses |`,
  ].join('\n');
}
