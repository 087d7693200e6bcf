/**
 * The JavaScript around the kernel in an ensemble member (issue 13's 32-member benchmark): one
 * run of each of the 8 protocols of the built-in comparison at 0.5 mm, as a browser worker runs
 * it (f32 SIMD kernel, two-rate stepping, nerve scorer, no map frames), timed in one process
 * against the engine of an earlier commit (`--before <git rev>`, unpacked with `git archive`
 * into a temporary directory and stepped with the same compiled kernels), rounds alternating
 * so machine load hits both alike. Prints CPU seconds per member, wall, Mcells/s and the
 * ratio, checks both give the same results, and with --write replaces the "Engine overhead"
 * section of docs/performance.md. Timing lives here, never in tests.
 *
 *     npx tsx tests/bench/engine-overhead-bench.ts [--before e713eed] [--rounds 5] [--write]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_COMPARISONS, expandComparison } from '../../scenarios/builtin.ts';
import type { Result, Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string | null) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const before = arg('before', null);
const rounds = Number(arg('rounds', '5'));
const spacingMm = Number(arg('spacing-mm', '0.5'));
const load = () => loadavg()[0].toFixed(1);

type RunFn = typeof runScenario;
const kernels = loadKernels();
const scenarios: Scenario[] = expandComparison(BUILTIN_COMPARISONS['comparison-nerve-20mm']).map((run) => {
  const file = structuredClone(run.scenario) as unknown as { geometry: { spacing_mm: number } };
  file.geometry.spacing_mm = spacingMm;
  const v = validateScenario(file);
  if (!v.ok) throw new Error(`${run.id} does not validate at ${spacingMm} mm`);
  return v.scenario;
});

/** One member: every protocol once, as ensemble-batch.ts has the workers run them. */
function member(run: RunFn): { cpuS: number; wallS: number; cellUpdates: number; results: Result[] } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = scenarios.map((s) => run(s, kernels, { nerveScorer: true }).result);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { cpuS: (cpu.user + cpu.system) / 1e6, wallS, cellUpdates: results.reduce((a, r) => a + r.solver.cell_updates, 0), results };
}

/** The result without the timing fields, to compare runs. */
const answer = (r: Result) => JSON.stringify({ ...r, solver: { ...r.solver, wall_s: 0, mcells_per_s: 0 } });

let baseDir: string | null = null;
let baseRun: RunFn | null = null;
if (before) {
  baseDir = mkdtempSync(join(tmpdir(), 'cryo-engine-before-'));
  const tar = join(baseDir, 'engine.tar');
  execFileSync('git', ['-C', root, 'archive', '-o', tar, before, 'scenarios', 'workers', 'wasm', 'package.json']);
  execFileSync('tar', ['-x', '-C', baseDir, '-f', tar]);
  symlinkSync(join(root, 'node_modules'), join(baseDir, 'node_modules'));
  baseRun = ((await import(pathToFileURL(join(baseDir, 'workers/engine/run.ts')).href)) as { runScenario: RunFn }).runScenario;
}

const loadBefore = load();
const now: ReturnType<typeof member>[] = [];
const then: ReturnType<typeof member>[] = [];
// A first member of each warms V8 up and is not counted.
member(runScenario);
if (baseRun) member(baseRun);
for (let i = 0; i < rounds; i++) {
  now.push(member(runScenario));
  if (baseRun) then.push(member(baseRun));
}
if (baseDir) rmSync(baseDir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (ms: ReturnType<typeof member>[]) => {
  const cpuS = median(ms.map((m) => m.cpuS));
  const wallS = median(ms.map((m) => m.wallS));
  return { cpuS, wallS, mcells: ms[0].cellUpdates / wallS / 1e6 };
};
const a = summary(now);
const b = then.length ? summary(then) : null;
const same = b ? now[0].results.every((r, i) => answer(r) === answer(then[0].results[i])) : null;
const line = (label: string, s: { cpuS: number; wallS: number; mcells: number }) =>
  `| ${label} | ${s.cpuS.toFixed(2)} | ${s.wallS.toFixed(2)} | ${s.mcells.toFixed(0)} | ${((s.cpuS * 32) / 2).toFixed(1)} |`;
const rows = [
  '| engine | CPU per member (s) | wall per member (s) | Mcells/s | × 32 members ÷ 2 cores (s) |',
  '|---|---|---|---|---|',
  ...(b ? [line(`before (${before})`, b)] : []),
  line('now', a),
];
console.log(rows.join('\n'));
if (b) console.log(`now ÷ before CPU: ${(a.cpuS / b.cpuS).toFixed(2)}; results ${same ? 'identical' : 'DIFFER'}`);
console.log(`load ${loadBefore} → ${load()}, ${availableParallelism()} cores, ${rounds} rounds (medians)`);
if (same === false) process.exitCode = 1;

if (process.argv.includes('--write')) {
  const out = join(root, 'docs/performance.md');
  const section = [
    '<!-- engine-overhead-bench:start -->',
    '## Engine overhead in an ensemble member (tests/bench/engine-overhead-bench.ts)',
    '',
    `One member of the ensemble benchmark: each of the ${scenarios.length} protocols of the built-in comparison once at ${spacingMm} mm, f32 SIMD kernel with two-rate stepping, nerve scorer, no map frames (what a browser worker runs), in Node ${process.version}; medians of ${rounds} rounds${b ? `, alternating with the engine of ${before} in the same process (same compiled kernels; results ${same ? 'identical byte for byte' : 'DIFFERENT'})` : ''}. Load average ${loadBefore} before, ${load()} after, ${availableParallelism()} cores: CPU seconds depend on it less than wall seconds.`,
    '',
    ...rows,
    '',
    'Mcells/s counts the cell updates two-rate stepping does, over the wall time of the whole run (setup, analysis and stepping). The last column is what 32 members on two free cores would take at this CPU time per member.',
    '<!-- engine-overhead-bench:end -->',
    '',
  ].join('\n');
  const text = readFileSync(out, 'utf8');
  const marked = /<!-- engine-overhead-bench:start -->[\s\S]*?<!-- engine-overhead-bench:end -->\n?/;
  const ens = text.indexOf('<!-- ensemble-bench:start -->');
  // Before the ensemble section, which its own benchmark keeps at the end of the file.
  const next = marked.test(text) ? text.replace(marked, section) : ens >= 0 ? `${text.slice(0, ens)}${section}\n${text.slice(ens)}` : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(out, next);
  console.log(`wrote the engine overhead section of ${out}`);
}
