/**
 * `npm run bench` (last step): the large-time-step (BDF2) integrator against the explicit kernels on
 * the standard axisymmetric run of issue 12, all in one process: wall time, steps, mean step,
 * explicit-equivalent Mcells/s (the cell updates the explicit f64 run needs, over this run's
 * wall time), the ratio to each explicit run, and the answers' differences. Writes its own
 * marked section ("implicit-bench") of docs/performance.md, keeping the others. Timing lives here, never in tests.
 * With --comparison it runs the built-in eight-protocol comparison instead (f32 two-rate against
 * implicit, and what "auto" takes), into its own section ("implicit-comparison-bench").
 * With --3d it runs issue 12's 3D scene (two 17G probes and a 4-mm vessel, 10-5-10 min) at 0.5 mm,
 * explicit f32 against implicit, and the same scene's first --window-s seconds (default 15) at
 * 0.5 and 0.25 mm, whose cost ratio extrapolates the full run to 0.25 mm (section
 * "implicit-3d-bench"; about 10 minutes on idle cores, so not part of `npm run bench`). --3d --window
 * runs only the windows (a few minutes): the 0.25/0.5 mm cost ratio without the full runs.
 * Usage: tsx tests/bench/implicit-bench.ts [--out docs/performance.md] [--spacing 0.25] [--comparison | --3d [--window] [--window-s 15]]
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
import { goalScene3d } from './bench-scenes.ts';
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

if (process.argv.includes('--3d')) {
  writeSection(outPath, 'implicit-3d-bench', section3d(process.argv.includes('--window'), Number(arg('window-s', '15'))));
  process.stderr.write(`wrote ${outPath}\n`);
} else if (process.argv.includes('--comparison')) {
  writeSection(outPath, 'implicit-comparison-bench', comparisonSection());
  process.stderr.write(`wrote ${outPath}\n`);
} else {
  writeSection(outPath, 'implicit-bench', standardSection());
  process.stderr.write(`wrote ${outPath}\n`);
}

function standardSection(): string {
  const loadBefore = load();
  const runs = [
    run('explicit f32 SIMD, two-rate', { precision: 'f32', integrator: 'explicit' }),
    run('explicit f64 (reference)', { precision: 'f64', integrator: 'explicit' }),
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
    `${set.name}: every protocol at its own spacing, one thread, each once with the f32 SIMD two-rate kernel and once with the implicit integrator, in the same process (${machine()}; load average ${loadBefore} before, ${load()} after). CPU: this process's CPU seconds over the run. Shift: largest isotherm position difference to the f32 run at any output time. Auto: what \`"integrator": "auto"\` (the default) takes at f32, the default precision.`,
    '',
    '| protocol | f32 steps | f32 wall (s) | f32 CPU (s) | implicit steps | implicit wall (s) | implicit CPU (s) | implicit / f32, CPU | shift (mm) | auto |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    `| all eight | | ${total.f32Wall.toFixed(1)} | ${total.f32Cpu.toFixed(1)} | | ${total.imWall.toFixed(1)} | ${total.imCpu.toFixed(1)} | ${(total.imCpu / total.f32Cpu).toFixed(2)} | ${worstShift.toFixed(3)} | ${total.autoCpu.toFixed(1)} CPU-s as auto chooses |`,
  ].join('\n');
}

/** Issue 12's 3D goal scene at `spacingMm`, its first freeze cut to `windowS` seconds when given. */
function scene3d(spacing: number, solver: Record<string, string>, windowS?: number): Scenario {
  const g = goalScene3d();
  const cut = windowS === undefined ? {} : {
    protocol: [{ ...g.protocol[0], duration_s: windowS }],
    output: { ...g.output, interval_s: Math.min(g.output.interval_s, windowS) },
  };
  return { ...g, ...cut, geometry: { ...g.geometry, spacing_mm: spacing }, solver: { ...g.solver, ...solver } } as Scenario;
}

type Run3d = { r: Result; cpuS: number; label: string; spacing: number };
function run3d(label: string, spacing: number, solver: Record<string, string>, windowS?: number): Run3d {
  const { r, cpuS } = timed(scene3d(spacing, solver, windowS));
  process.stderr.write(`3D ${label} ${spacing} mm${windowS === undefined ? '' : `, first ${windowS} s`}: ${r.solver.wall_s.toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU, ${r.solver.steps} steps\n`);
  return { r, cpuS, label, spacing };
}

function cellsOf(r: Result): number {
  return r.solver.grid[0] * r.solver.grid[1] * r.solver.grid[2];
}
/** Newton iterations per step and CG iterations per Newton iteration ("—" for explicit runs). */
function work(r: Result): string[] {
  return r.solver.newton_iterations
    ? [(r.solver.newton_iterations / r.solver.steps).toFixed(2), (r.solver.linear_iterations! / r.solver.newton_iterations).toFixed(2)]
    : ['—', '—'];
}

/**
 * The 3D goal scene: full runs at 0.5 mm (unless windowOnly) and the first `windowS` seconds at
 * 0.5 and 0.25 mm. The 0.25 mm cost is extrapolated from the full 0.5 mm run with the windows'
 * CPU ratio (which holds the growth of cells, steps and iterations over the window), and bounded
 * below by the cell ratio alone (same steps and iterations per cell as at 0.5 mm).
 */
function section3d(windowOnly: boolean, windowS: number): string {
  const TARGET_S = 120;
  const EXPLICIT_F32 = { precision: 'f32', integrator: 'explicit' };
  const IMPLICIT_F64 = { precision: 'f64', integrator: 'implicit' };
  const loadBefore = load();
  // The short 0.5 mm windows first, each the better of two: run after the long runs and the 0.25 mm
  // grids (hundreds of MB), the 0.5 mm implicit window once took 10.0 CPU-s against 6.9–7.4 alone,
  // and the extrapolation divides by it.
  const bestOf2 = (label: string, solver: Record<string, string>): Run3d => {
    const a = run3d(label, 0.5, solver, windowS);
    const b = run3d(label, 0.5, solver, windowS);
    return a.cpuS <= b.cpuS ? a : b;
  };
  const win = [
    bestOf2('explicit f32 (two-rate)', EXPLICIT_F32), bestOf2('implicit BDF2 (f64)', IMPLICIT_F64),
    run3d('explicit f32 (two-rate)', 0.25, EXPLICIT_F32, windowS), run3d('implicit BDF2 (f64)', 0.25, IMPLICIT_F64, windowS),
  ];
  const full = windowOnly ? [] : [run3d('explicit f32 (two-rate)', 0.5, EXPLICIT_F32), run3d('implicit BDF2 (f64)', 0.5, IMPLICIT_F64)];
  const loadAfter = load();
  const [ex5, im5, ex25, im25] = win;
  const cellRatio = cellsOf(im25.r) / cellsOf(im5.r);
  const lines = [
    `## The 3D goal scene: implicit against explicit, and the cost at 0.25 mm (tests/bench/implicit-bench.ts --3d${windowOnly ? ' --window' : ''})`,
    '',
    `Issue 12's 3D scene (two 17G argon probes 10 mm apart and a 4-mm vessel, 40×30×40 mm, freeze 10 min, thaw 5 min, freeze 10 min), one thread, in the same process, the 0.5 mm windows first (each the better of two), then the 0.25 mm windows and the full runs (${machine()}; load average ${loadBefore} before, ${loadAfter} after). ` +
      'CPU: this process\'s CPU seconds over the run, steadier than wall time on shared cores. ' +
      'Not part of `npm run bench` (it takes about 10 minutes on idle cores); run it with `npx tsx tests/bench/implicit-bench.ts --3d` (add `--window` for the windows alone, a few minutes; `--window-s N` sets the window).',
    '',
  ];
  if (full.length) {
    const [ex, im] = full;
    lines.push(
      '| full run, 0.5 mm | cells | steps | mean dt (s) | wall (s) | CPU (s) | CPU / explicit | Newton / step | CG / Newton | shift vs explicit (mm) | energy error |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...full.map(({ label, r, cpuS }) => `| ${label} | ${cellsOf(r)} | ${r.solver.steps} | ${(r.solver.mean_dt_s ?? r.solver.dt_s).toPrecision(3)} | ${r.solver.wall_s.toFixed(1)} | ${cpuS.toFixed(1)} | ${(cpuS / ex.cpuS).toFixed(2)} | ${work(r).join(' | ')} | ${isothermShiftMm(ex.r, r).toFixed(3)} | ${r.energy ? r.energy.relative_error.toExponential(1) : '—'} |`),
      '',
      `Implicit: ${im.r.solver.retried_steps} steps taken again shorter; one implicit step (retries included) costs ${((im.cpuS / (im.r.solver.steps + im.r.solver.retried_steps!)) / (ex.cpuS / ex.r.solver.steps)).toFixed(1)} explicit f32 two-rate steps here.`,
      '',
    );
  }
  lines.push(
    `| first ${windowS} s | spacing (mm) | cells | steps | CPU (s) | CPU per step (ms) | ns per cell and step | Newton / step | CG / Newton |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...win.map(({ label, spacing, r, cpuS }) => `| ${label} | ${spacing} | ${cellsOf(r)} | ${r.solver.steps} | ${cpuS.toFixed(1)} | ${(1e3 * cpuS / r.solver.steps).toFixed(1)} | ${(1e9 * cpuS / r.solver.steps / cellsOf(r)).toFixed(0)} | ${work(r).join(' | ')} |`),
    '',
  );
  const exRatio = ex25.cpuS / ex5.cpuS;
  const imRatio = im25.cpuS / im5.cpuS;
  const growth = `0.25 mm over 0.5 mm in the window: ${cellRatio.toFixed(2)}× the cells; CPU ${exRatio.toFixed(1)}× explicit, ${imRatio.toFixed(1)}× implicit ` +
    `(implicit steps ${(im25.r.solver.steps / im5.r.solver.steps).toFixed(2)}×, Newton iterations per step ${work(im5.r)[0]} → ${work(im25.r)[0]}, CG iterations per Newton iteration ${work(im5.r)[1]} → ${work(im25.r)[1]}, CPU per cell and step ${((im25.cpuS / im25.r.solver.steps / cellsOf(im25.r)) / (im5.cpuS / im5.r.solver.steps / cellsOf(im5.r))).toFixed(2)}×).`;
  if (!full.length) {
    lines.push(growth, `Without the full runs (--window) there is no full-run extrapolation; run with --3d alone for it. Target: ≤ ${TARGET_S} s at 0.25 mm.`);
    return lines.join('\n');
  }
  const [ex, im] = full;
  const exEst = ex.cpuS * exRatio;
  const imEst = im.cpuS * imRatio;
  const imLow = im.cpuS * cellRatio;
  const best = Math.min(exEst, imEst, imLow);
  const stepsEst = im.r.solver.steps * im25.r.solver.steps / im5.r.solver.steps;
  lines.push(
    growth,
    '',
    `**Extrapolated to 0.25 mm, full run** (the full 0.5 mm CPU times the window's ratio): explicit f32 ${exEst.toFixed(0)} CPU-s, implicit ${imEst.toFixed(0)} CPU-s ` +
      `(${imLow.toFixed(0)} CPU-s if only the cell count grew: steps, iterations and cost per cell as at 0.5 mm). ` +
      `Target ≤ ${TARGET_S} s: ${best <= TARGET_S ? 'met' : `missed, ${(imLow / TARGET_S).toFixed(0)}–${(imEst / TARGET_S).toFixed(0)}× too slow with the implicit integrator, ${(exEst / TARGET_S).toFixed(0)}× with the explicit one`}. ` +
      `At about ${stepsEst.toFixed(0)} implicit steps the target allows ${(1e3 * TARGET_S / stepsEst).toFixed(0)} ms per step on ${cellsOf(im25.r)} cells, ` +
      `${(1e9 * TARGET_S / stepsEst / cellsOf(im25.r)).toFixed(0)} ns per cell and step; the window measured ${(1e9 * im25.cpuS / im25.r.solver.steps / cellsOf(im25.r)).toFixed(0)} ns.`,
    '',
    closeText(im25.r),
  );
  return lines.join('\n');
}

/** What limits the 3D implicit cost and what would close the gap, from the 0.25 mm window run. */
function closeText(r: Result): string {
  return 'Window CPU includes compiling the scene (grid, links, outputs), which dominates the short explicit windows, so the explicit ratio and extrapolation are rough; the implicit windows are dominated by stepping. ' +
    `What limits the implicit run: the step count (the max-norm error estimate lets the fastest-changing cell set every step, and early in a freeze that grows with refinement) and the cost per step, ${work(r)[0]} Newton iterations each with ${work(r)[1]} CG iterations, so the passes over ~20 f64 arrays per Newton iteration (assembly, state, sweeps, A·p; memory-bound on a grid this size) cost more than the linear solve's conditioning. ` +
    'What would close it: fewer cells (a grid stretched away from the probes and vessel), fewer steps early (a per-region step or an error norm that does not let one cell set the step), fewer passes per Newton iteration (fused assembly and sweeps, f32 storage of the matrix); multigrid only once CG iterations per Newton iteration grow.';
}
