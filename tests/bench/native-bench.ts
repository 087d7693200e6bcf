/**
 * `npm run bench`: the standard axisymmetric run of issue 12 on a native C explicit kernel
 * (tests/bench/native/explicit-kernel.c, built here with the system compiler, `-O3 -march=native`,
 * one thread, f32, single-rate) and on the engine's integrators, in one process: wall and CPU time,
 * Mcells/s, each run's ratio to the native kernel, and the issue's target (`cryo run` wall ≤ 0.25 ×
 * the native kernel) with how far each run is from it. Writes (or replaces) the "native-bench" section
 * of docs/performance.md. Without a C compiler the native rows are skipped with a message.
 * Timing lives here, never in tests.
 * Usage: tsx tests/bench/native-bench.ts [--out docs/performance.md] [--native-runs 3]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Result, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { writeSection } from './doc-section.ts';
import { gradedBound } from './graded-grid-bound.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const outPath = arg('out', 'docs/performance.md');
const nativeRuns = Math.max(1, Math.floor(Number(arg('native-runs', '3'))));
const HERE = new URL('.', import.meta.url).pathname;
const SOURCE = join(HERE, 'native', 'explicit-kernel.c');
/** Issue 12: the standard run's `cryo run` wall at most this fraction of the native explicit kernel's. */
const TARGET_RATIO = 0.25;
const LEVELS = ['0', '-20', '-40'] as const;
/** The stretched-grid estimate: fine this far beyond the 0 °C envelope, then each cell this much wider (a common grading; estimates). */
const GRADED_MARGIN_MM = 2;
const GRADED_RATIO = 1.1;

/** What the C kernel prints (one JSON line). */
interface NativeRun {
  dt_s: number;
  steps: number;
  wall_s: number;
  cpu_s: number;
  cells: number;
  grid: [number, number];
  radius_mm: Record<(typeof LEVELS)[number], number>;
}

/** Linux only; elsewhere the text just says the compiler uses the machine's widest vectors. */
const hasAvx512 = existsSync('/proc/cpuinfo') && / avx512f /.test(readFileSync('/proc/cpuinfo', 'utf8'));
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const loadBefore = load();
const standard = JSON.parse(readFileSync(join(HERE, 'native', 'standard-run.json'), 'utf8')) as ScenarioFile;

/**
 * The native kernel at the width of wasm SIMD (128 bits, four f32 lanes) on x86-64: SSE4.2.
 * `-fno-trapping-math` lets the compiler vectorise the state update's selects (without it GCC
 * keeps that loop scalar for fear of a floating-point trap, which wasm does not have); it does
 * not reorder or fuse arithmetic.
 */
const NARROW_FLAGS = ['-O3', '-march=x86-64-v2', '-fno-trapping-math'];

/** Builds the native kernel; a message instead when there is no compiler or the build fails. */
function buildNative(dir: string, flags = ['-O3', '-march=native'], name = 'explicit-kernel'): { exe: string; compiler: string } | { skipped: string } {
  const cc = process.env.CC ?? 'cc';
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return { skipped: `no C compiler: \`${cc} --version\` failed (${version.error?.message ?? version.stderr.trim()}); install one (e.g. apt-get install gcc) or set CC to rebuild the native reference` };
  }
  const exe = join(dir, name);
  const build = spawnSync(cc, [...flags, '-o', exe, SOURCE, '-lm'], { encoding: 'utf8' });
  if (build.status !== 0) return { skipped: `\`${cc} ${flags.join(' ')}\` failed on ${SOURCE}: ${(build.stderr || String(build.error)).trim()}` };
  return { exe, compiler: `${version.stdout.split('\n')[0].trim()}, \`${flags.join(' ')}\`` };
}

function runNative(exe: string): NativeRun {
  const r = spawnSync(exe, [], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${exe} exited ${r.status}: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as NativeRun;
}

interface EngineRun {
  label: string;
  r: Result;
  cpuS: number;
}

const kernels = loadKernels();
function runEngine(label: string, solver: Record<string, string>, twoRate = true): EngineRun {
  const f = structuredClone(standard);
  f.solver = solver as ScenarioFile['solver'];
  const v = validateScenario(f);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const c0 = process.cpuUsage();
  const r = runScenario(v.scenario, kernels, { twoRate }).result;
  const c = process.cpuUsage(c0);
  process.stderr.write(`${label}: ${r.solver.wall_s.toFixed(2)} s, ${r.solver.steps} steps\n`);
  return { label, r, cpuS: (c.user + c.system) / 1e6 };
}

const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[(xs.length - 1) >> 1];

// The native kernel first, then between and after the engine runs: on a shared machine the
// median of runs spread over the bench is fairer to both sides than one run at one moment.
const dir = mkdtempSync(join(os.tmpdir(), 'cryo-native-bench-'));
const built = buildNative(dir);
const narrowBuilt = process.arch === 'x64' && 'exe' in built ? buildNative(dir, NARROW_FLAGS, 'explicit-kernel-128') : null;
if (narrowBuilt && 'skipped' in narrowBuilt) process.stderr.write(`native 128-bit reference skipped: ${narrowBuilt.skipped}\n`);
const narrowExe = narrowBuilt && 'exe' in narrowBuilt ? narrowBuilt.exe : null;
const natives: NativeRun[] = [];
const narrows: NativeRun[] = [];
/** Native runs still to take: the -march=native build's and the 128-bit build's. */
const nativePending = () => 'exe' in built && (natives.length < nativeRuns || (narrowExe !== null && narrows.length < nativeRuns));
const nativeOnce = () => {
  if ('exe' in built && natives.length < nativeRuns) {
    natives.push(runNative(built.exe));
    process.stderr.write(`native C: ${natives.at(-1)!.wall_s.toFixed(2)} s\n`);
  }
  if (narrowExe !== null && narrows.length < nativeRuns) {
    narrows.push(runNative(narrowExe));
    process.stderr.write(`native C, 128-bit vectors: ${narrows.at(-1)!.wall_s.toFixed(2)} s\n`);
  }
};
if ('skipped' in built) process.stderr.write(`native reference skipped: ${built.skipped}\n`);
nativeOnce();
const runs: EngineRun[] = [];
// The default explicit path varied 6–9 s between identical runs here: the median of three, the first one warming V8 up.
const twoRateRuns = [0, 1, 2].map(() => runEngine('explicit f32 SIMD, two-rate', { precision: 'f32', integrator: 'explicit' }));
runs.push({ ...median(twoRateRuns, (x) => x.r.solver.wall_s), label: `explicit f32 SIMD, two-rate (median of ${twoRateRuns.length})` });
nativeOnce();
runs.push(runEngine('explicit f32 SIMD, single-rate (the native kernel\'s algorithm)', { precision: 'f32', integrator: 'explicit' }, false));
runs.push(runEngine('explicit f64 (reference)', { precision: 'f64', integrator: 'explicit' }));
nativeOnce();
// The implicit run is the one the target is judged on and takes seconds: three of them, spread
// among the native runs, and the median (one run at one moment varied 2.6–3.9 s on this machine).
const implicitRuns = [0, 1, 2].map((i) => {
  if (i > 0) nativeOnce();
  return runEngine('implicit BDF2 (f64)', { integrator: 'implicit' });
});
runs.push({ ...median(implicitRuns, (x) => x.r.solver.wall_s), label: `implicit BDF2 (f64) (median of ${implicitRuns.length})` });
while (nativePending()) nativeOnce();
rmSync(dir, { recursive: true, force: true });
const loadAfter = load();

const native = natives.length ? median(natives, (n) => n.wall_s) : null;
const nativeCpu = natives.length ? median(natives, (n) => n.cpu_s).cpu_s : NaN;
const narrow = narrows.length ? median(narrows, (n) => n.wall_s) : null;
const narrowCpu = narrows.length ? median(narrows, (n) => n.cpu_s).cpu_s : NaN;
const f64 = runs[2].r;
const cells = f64.solver.grid[0] * f64.solver.grid[1] * f64.solver.grid[2];
const singleRateUpdates = f64.solver.steps * cells;
const endRadius = (r: Result, lv: string) => r.isotherms[lv].radius_mm.at(-1) ?? NaN;
const radiusGap = (radii: Record<string, number>) => Math.max(...LEVELS.map((lv) => Math.abs(radii[lv] - endRadius(f64, lv))));

const f1 = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const vsTarget = (wallS: number) => {
  if (!native) return '—';
  const ratio = wallS / native.wall_s;
  return ratio <= TARGET_RATIO ? `met (${ratio.toFixed(2)}×)` : `missed: ${(ratio / TARGET_RATIO).toFixed(1)}× too slow (needs ≤ ${f1(TARGET_RATIO * native.wall_s)} s)`;
};
const rows: string[] = [];
if (native) {
  rows.push(`| native C explicit f32, single-rate, one thread (median of ${natives.length}) | ${native.steps} | ${(native.steps * native.cells / 1e9).toFixed(2)} | ${f1(native.wall_s)} | ${f1(native.cpu_s)} | ${(native.steps * native.cells / native.wall_s / 1e6).toFixed(0)} | ${(singleRateUpdates / native.wall_s / 1e6).toFixed(0)} | 1.00 | 1.00 | ${native.radius_mm['-40'].toFixed(3)} | ${radiusGap(native.radius_mm).toFixed(3)} | — |`);
}
if (native && narrow) {
  rows.push(`| native C explicit f32, single-rate, one thread, 128-bit vectors as wasm SIMD (\`${NARROW_FLAGS.join(' ')}\`, median of ${narrows.length}) | ${narrow.steps} | ${(narrow.steps * narrow.cells / 1e9).toFixed(2)} | ${f1(narrow.wall_s)} | ${f1(narrow.cpu_s)} | ${(narrow.steps * narrow.cells / narrow.wall_s / 1e6).toFixed(0)} | ${(singleRateUpdates / narrow.wall_s / 1e6).toFixed(0)} | ${f1(narrow.wall_s / native.wall_s)} | ${f1(narrowCpu / nativeCpu)} | ${narrow.radius_mm['-40'].toFixed(3)} | ${radiusGap(narrow.radius_mm).toFixed(3)} | — |`);
}
for (const { label, r, cpuS } of runs) {
  const radii = Object.fromEntries(LEVELS.map((lv) => [lv, endRadius(r, lv)]));
  rows.push(`| ${label} | ${r.solver.steps} | ${(r.solver.cell_updates / 1e9).toFixed(2)} | ${f1(r.solver.wall_s)} | ${f1(cpuS)} | ${(r.solver.cell_updates / r.solver.wall_s / 1e6).toFixed(0)} | ${(singleRateUpdates / r.solver.wall_s / 1e6).toFixed(0)} | ${native ? f1(r.solver.wall_s / native.wall_s) : '—'} | ${native ? f1(cpuS / nativeCpu) : '—'} | ${endRadius(r, '-40').toFixed(3)} | ${radiusGap(radii).toFixed(3)} | ${vsTarget(r.solver.wall_s)} |`);
}

const v = validateScenario(structuredClone(standard));
if (!v.ok) throw new Error('standard run does not validate');
const engineDtS = compileScenario(v.scenario).dtS;
const nativeNotes = native
  ? [
      `Native kernel: ${'compiler' in built ? built.compiler : ''}; ${natives.length} runs, stepping wall ${natives.map((n) => n.wall_s.toFixed(2)).join(', ')} s (CPU ${natives.map((n) => n.cpu_s.toFixed(2)).join(', ')} s); ` +
        (narrow ? `The 128-bit build: ${narrows.length} runs, stepping wall ${narrows.map((n) => n.wall_s.toFixed(2)).join(', ')} s. ` : '') +
        `dt ${native.dt_s.toPrecision(6)} s (engine ${engineDtS.toPrecision(6)} s, relative difference ${(Math.abs(native.dt_s - engineDtS) / engineDtS).toExponential(1)}), ${native.steps} steps (engine explicit ${f64.solver.steps}). ` +
        `End radii 0 / −20 / −40 °C: native ${LEVELS.map((lv) => native.radius_mm[lv].toFixed(3)).join(' / ')} mm, explicit f64 ${LEVELS.map((lv) => endRadius(f64, lv).toFixed(3)).join(' / ')} mm (the project's converged −40 °C radius: 6.33 mm).`,
      '',
      'The native kernel rebuilds the engine\'s discretisation from the scenario numbers (grid, face weights, harmonic-mean faces, ' +
        'H(T) relative to the initial state, perfusion × liquid fraction, probe cells and their sub-cell surface links, the stability limit, ' +
        'the 60-s output events landed on with one shorter step, the one-step cooldown of `cooldown_s: 0`). What differs: it is written for this one ' +
        'scene (one tissue, one probe on the axis; no layers, vessels, other surface models, energy bookkeeping or output analysis), it reads ' +
        'the −40 °C radius only at the end (row pass of the engine\'s isotherm rule, probe cells at −150 °C where the engine extrapolates a ghost value), ' +
        'and the compiler may fuse multiply-adds (wasm does not), so its f32 rounding differs slightly from the engine\'s f32 kernel.',
    ]
  : [`Native kernel: skipped — ${'skipped' in built ? built.skipped : 'no runs'}.`];

const best = runs.reduce((a, b) => (b.r.solver.wall_s < a.r.solver.wall_s ? b : a));
// What limits each path, from this run's figures (CPU seconds: the load on the machine cancels in their ratios).
const [twoRate, singleRate, , implicit] = runs;
const limits = native
  ? (() => {
      const nativeStepCpuS = nativeCpu / native.steps;
      const implicitSteps = implicit.r.solver.steps + (implicit.r.solver.retried_steps ?? 0);
      const implicitStepInNative = implicit.cpuS / implicitSteps / nativeStepCpuS;
      const allowedInNative = (TARGET_RATIO * nativeCpu) / nativeStepCpuS / implicitSteps;
      const e0 = f64.envelope?.['0'];
      const ice = { radius_mm: e0?.radius_mm ?? 0, top_depth_mm: e0?.top_depth_mm ?? 0, bottom_depth_mm: e0?.bottom_depth_mm ?? 0 };
      const size = standard.geometry.size_mm as [number, number];
      const h = standard.geometry.spacing_mm;
      const graded = gradedBound(size, h, ice, GRADED_MARGIN_MM, GRADED_RATIO);
      return [
        `What limits it (CPU ratios of this run): the engine's f32 kernel does the native kernel's single-rate work in ${f1(singleRate.cpuS / nativeCpu)} × its CPU time ` +
          `(wasm SIMD is 128 bits, 4 f32 lanes; \`-march=native\` lets the compiler use the machine's widest vectors${hasAvx512 ? ', here AVX-512, 16 lanes' : ''})` +
          (narrow ? `; built for 128-bit vectors the native kernel takes ${f1(narrowCpu / nativeCpu)} × its \`-march=native\` CPU time, so at equal vector width the engine's kernel takes ${f1(singleRate.cpuS / narrowCpu)} × native` : '') +
          '; ' +
          `two-rate stepping takes ${f1(singleRate.cpuS / twoRate.cpuS)} × less than single-rate, so the default path stays at ${f1(twoRate.cpuS / nativeCpu)} × native, and even the native kernel with the same two-rate saving would be at ` +
          `${f1(twoRate.cpuS / singleRate.cpuS)} ×: the explicit path reaches ${TARGET_RATIO} × only with ${f1(twoRate.cpuS / singleRate.cpuS / TARGET_RATIO)} × less work than two-rate stepping leaves (fewer cells: a grid stretched away from the probe) on a native-speed kernel. ` +
          `The implicit integrator takes ${implicitSteps} steps (retries included), each costing ${implicitStepInNative.toFixed(0)} native explicit steps; ` +
          `at that step count the target allows ${allowedInNative.toFixed(1)} native steps per implicit step, so it needs ${(implicitStepInNative / allowedInNative).toFixed(1)} × cheaper steps, fewer steps (longer steps where the front is slow, fewer cells on a stretched grid), or both.`,
        '',
        `How much a stretched grid could give here (tests/bench/graded-grid-bound.ts, an estimate from this run's figures): the ice of this run reaches far into the domain ` +
          `(everything ever at or below 0 °C: radius ${ice.radius_mm.toFixed(1)} of ${size[0]} mm, depth ${ice.top_depth_mm.toFixed(1)}–${ice.bottom_depth_mm.toFixed(1)} of ${size[1]} mm), ` +
          `so a grid kept at ${h} mm to ${GRADED_MARGIN_MM} mm beyond it and growing ${Math.round((GRADED_RATIO - 1) * 100)} % per cell outside holds ${graded.gradedCells} cells instead of ${graded.uniformCells}: ` +
          `${f1(graded.factor)} × fewer, at best that factor on either path (the fine cells keep the explicit limit and the implicit step count). ` +
          `With it the implicit run would still need ${f1(implicitStepInNative / allowedInNative / graded.factor)} × cheaper or fewer steps; stretching alone does not close this target.`,
        '',
      ];
    })()
  : [];
const section = [
  '## The standard run against a native C explicit kernel (tests/bench/native-bench.ts)',
  '',
  `Issue 12's standard axisymmetric run (0.25 mm, ${f64.solver.grid[0]}×${f64.solver.grid[1]} cells, −150 °C probe, freeze 10 min, passive thaw 5 min, freeze 10 min), ` +
    `in one process on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores shared with other jobs (load average ${loadBefore} before, ${loadAfter} after); ` +
    `Node ${process.version}; ${new Date().toISOString().slice(0, 10)}. The engine runs are \`runScenario\` in this process, one thread (the \`cryo run\` work without Node's start-up); ` +
    'their wall time includes compiling the grid and the outputs, the native one is its stepping loop. ' +
    'CPU: this process\'s (or the native child\'s) CPU seconds over the run, steadier than wall time on a loaded machine. ' +
    'Mcells/s: cell updates done per second of wall time; equivalent: the single-rate explicit run\'s cell updates over this run\'s wall time. ' +
    'Radius difference: largest difference of the end radii (0, −20, −40 °C) to the explicit f64 run.',
  '',
  '| run | steps | cell updates (10⁹) | wall (s) | CPU (s) | Mcells/s | equivalent Mcells/s | wall / native | CPU / native | −40 °C radius at end (mm) | radius difference vs f64 (mm) | target ≤ 0.25 × native wall |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  ...nativeNotes,
  '',
  native
    ? `Issue 12 target for the standard run: \`cryo run\` wall ≤ ${TARGET_RATIO} × the native kernel = ${f1(TARGET_RATIO * native.wall_s)} s in this run. ` +
      `Fastest engine run: ${best.label}, ${f1(best.r.solver.wall_s)} s = ${f1(best.r.solver.wall_s / native.wall_s)} × native (CPU ${f1(best.cpuS / nativeCpu)} ×): ` +
      (best.r.solver.wall_s / native.wall_s <= TARGET_RATIO ? 'met.' : `missed by ${(best.r.solver.wall_s / native.wall_s / TARGET_RATIO).toFixed(1)}×.`)
    : 'Issue 12 target for the standard run: ≤ 0.25 × a native explicit kernel (not measured: no compiler).',
  '',
  ...limits,
  '',
].join('\n');

writeSection(outPath, 'native-bench', section);
process.stderr.write(`${section}\nwrote ${outPath}\n`);
