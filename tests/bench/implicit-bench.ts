/**
 * `npm run bench` (last step): the large-time-step (BDF2) integrator against the explicit kernels on
 * the standard axisymmetric run of issue 12, all in one process: wall time, steps, mean step,
 * explicit-equivalent Mcells/s (the cell updates the explicit f64 run needs, over this run's
 * wall time), the ratio to each explicit run, and the answers' differences. Writes its own
 * marked section ("implicit-bench") of docs/performance.md, keeping the others. Timing lives here, never in tests.
 * Usage: tsx tests/bench/implicit-bench.ts [--out docs/performance.md] [--spacing 0.25]
 */
import os from 'node:os';
import type { Result, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
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
function run(label: string, solver: Record<string, string>): { label: string; r: Result } {
  const f = structuredClone(STANDARD);
  f.geometry.spacing_mm = spacingMm;
  f.solver = solver as ScenarioFile['solver'];
  const v = validateScenario(f);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const r = runScenario(v.scenario, kernels).result;
  process.stderr.write(`${label}: ${r.solver.wall_s.toFixed(2)} s, ${r.solver.steps} steps\n`);
  return { label, r };
}

const runs = [
  run('explicit f32 SIMD, two-rate (the `cryo run` default)', { precision: 'f32' }),
  run('explicit f64 (reference)', { precision: 'f64' }),
  run('implicit BDF2 (f64)', { integrator: 'implicit' }),
];
const ref = runs[1].r;
const im = runs[2].r;
const cells = ref.solver.grid[0] * ref.solver.grid[1] * ref.solver.grid[2];
const equivalentUpdates = ref.solver.steps * cells;
const r40 = (r: Result) => r.isotherms['-40'].radius_mm.at(-1)!;
const rows = runs.map(({ label, r }) => {
  const meanDt = r.solver.mean_dt_s ?? r.solver.dt_s;
  return `| ${label} | ${r.solver.steps} | ${meanDt.toPrecision(3)} | ${r.solver.wall_s.toFixed(2)} | ${(equivalentUpdates / r.solver.wall_s / 1e6).toFixed(0)} | ${(im.solver.wall_s / r.solver.wall_s).toFixed(2)} | ${r40(r).toFixed(3)} | ${isothermShiftMm(ref, r).toFixed(3)} | ${r.energy ? r.energy.relative_error.toExponential(1) : '—'} |`;
});
const section = [
  '## Large time steps: the implicit BDF2 integrator against the explicit kernels (tests/bench/implicit-bench.ts)',
  '',
  `The standard axisymmetric run of issue 12 at ${spacingMm} mm (${ref.solver.grid[0]}×${ref.solver.grid[1]} cells, freeze 10 min, passive thaw 5 min, freeze 10 min), `,
  `each integrator once in the same process (${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores shared with other jobs; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}). `,
  'Equivalent Mcells/s: the explicit f64 run\'s cell updates over each run\'s wall time. "implicit / this": the implicit wall time over this row\'s. ',
  'Shift: largest isotherm position difference (0, −20, −40 °C; radius, depths, length; every output time) to the explicit f64 run.',
  '',
  '| integrator | steps | mean dt (s) | wall (s) | equivalent Mcells/s | implicit / this | −40 °C radius at end (mm) | shift vs f64 (mm) | energy error |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  `Implicit solver work: ${im.solver.newton_iterations} Newton iterations (${(im.solver.newton_iterations! / im.solver.steps).toFixed(2)} per step), ` +
    `${im.solver.linear_iterations} preconditioned CG iterations (${(im.solver.linear_iterations! / im.solver.newton_iterations!).toFixed(2)} per Newton iteration), ${im.solver.retried_steps} steps taken again shorter (error estimate above tolerance or Newton not converged); ` +
    `cost of one implicit step: ${((im.solver.wall_s / (im.solver.steps + im.solver.retried_steps!)) / (ref.solver.wall_s / ref.solver.steps)).toFixed(1)} explicit f64 steps, ` +
    `${((im.solver.wall_s / (im.solver.steps + im.solver.retried_steps!)) / (runs[0].r.solver.wall_s / runs[0].r.solver.steps)).toFixed(1)} explicit f32 two-rate steps (IMPLICIT.autoStepCost).`,
  'Issue 12 target: ≤ 0.25 × a native C explicit kernel (measured there at 1.6–1.8 s on this machine; not rebuilt by this bench).',
  '',
].join('\n');
writeSection(outPath, 'implicit-bench', section);
process.stderr.write(`wrote ${outPath}\n`);
