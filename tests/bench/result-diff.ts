/**
 * Which result figures an engine change moves: every built-in and experiment scenario run by this
 * engine and by the engine of an earlier commit (unpacked with `git archive`, stepped with the same
 * compiled kernels, as engine-overhead-bench.ts), then every number of the two results that
 * differs, listed as `path: before -> now` (timing fields left out). A tool for reviewing a change,
 * not a test.
 *
 *     npx tsx tests/bench/result-diff.ts [--before main] [--spacing-mm 0.5] [--only prologo-2017]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string | null) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const before = arg('before', 'main')!;
const spacingMm = Number(arg('spacing-mm', '0.5'));
const only = arg('only', null);

const dir = mkdtempSync(join(tmpdir(), 'cryo-result-diff-'));
execFileSync('git', ['-C', root, 'archive', '-o', join(dir, 'engine.tar'), before, 'scenarios', 'workers', 'wasm', 'package.json']);
execFileSync('tar', ['-x', '-C', dir, '-f', join(dir, 'engine.tar')]);
symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
const baseRun = ((await import(pathToFileURL(join(dir, 'workers/engine/run.ts')).href)) as { runScenario: typeof runScenario }).runScenario;
const kernels = loadKernels();

const files: [string, ScenarioFile][] = Object.entries(BUILTIN_SCENARIOS);
const expDir = join(root, 'scenarios/experiments');
for (const f of readdirSync(expDir).filter((x) => x.endsWith('.json'))) files.push([f.replace('.json', ''), JSON.parse(readFileSync(join(expDir, f), 'utf8'))]);

/** Every differing leaf of two JSON-like values; NaN equals NaN. */
function differences(now: unknown, then: unknown, path: string, out: string[]): void {
  if (path.endsWith('.wall_s') || path.endsWith('.mcells_per_s')) return;
  const leaf = (v: unknown) => v === null || v === undefined || typeof v !== 'object';
  if (leaf(now) || leaf(then)) {
    if (now !== then && !(Number.isNaN(now) && Number.isNaN(then))) out.push(`${path}: ${JSON.stringify(then)} -> ${JSON.stringify(now)}`);
    return;
  }
  const a = now as Record<string, unknown>;
  const b = then as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[k], b[k], `${path}.${k}`, out);
}

try {
  for (const [id, file] of files) {
    if (only && id !== only) continue;
    const f = structuredClone(file);
    f.geometry.spacing_mm = spacingMm;
    const v = validateScenario(f);
    if (!v.ok) throw new Error(`${id} does not validate at ${spacingMm} mm`);
    const out: string[] = [];
    differences(runScenario(v.scenario, kernels, {}).result, baseRun(v.scenario, kernels, {}).result, '', out);
    console.log(`== ${id}: ${out.length} figures differ`);
    for (const d of out) console.log(`  ${d}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
