// Builds the `cryo` command into plain JavaScript (`npm run build:cli`, run by `prepare` at install),
// so the command starts without a TypeScript loader: one bundle per Node entry, each a single file read.
//
// The bundles go to workers/dist/, two levels below the repository root like the sources that
// locate files with `new URL(..., import.meta.url)` (workers/node/kernel-node.ts finds
// ../../wasm/build/*.wasm, workers/node/team-node.ts finds ../team/team-helper-node.mjs). A bundle
// keeps those expressions as written, so they resolve from workers/dist/ exactly as from the source
// folder; the worker-thread entries (./sweep-worker.mjs, ./ensemble-worker.mjs) resolve to the
// built workers next to the CLI bundle. checkUrls() fails the build if a new source breaks this.
//
// Usage: node workers/cli/build.mjs [--if-stale]   (--if-stale: skip when no input changed since)
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_DIR = join(ROOT, 'workers', 'dist');
/** Bundle name → source entry (paths from the repository root). */
const ENTRIES = {
  cli: 'workers/cli/main.ts',
  'sweep-worker': 'workers/sweep/sweep-worker.ts',
  'ensemble-worker': 'workers/ensemble/ensemble-worker.ts',
};
const INPUTS_FILE = join(OUT_DIR, 'inputs.json');

/** True when a bundle is missing or any file that went into the last build is newer or gone. */
export function cliBuildIsStale() {
  let inputs;
  let builtMs = Infinity;
  try {
    inputs = JSON.parse(readFileSync(INPUTS_FILE, 'utf8'));
    for (const name of Object.keys(ENTRIES)) builtMs = Math.min(builtMs, statSync(join(OUT_DIR, `${name}.mjs`)).mtimeMs);
  } catch {
    return true;
  }
  for (const file of [...inputs, 'workers/cli/build.mjs']) {
    try {
      if (statSync(join(ROOT, file)).mtimeMs > builtMs) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** Bundles every entry into a fresh folder, then moves the files in, so a running `cryo` never reads half a file. */
export async function buildCli({ ifStale = false } = {}) {
  if (ifStale && !cliBuildIsStale()) return { built: false };
  const esbuild = await import('esbuild');
  const tmp = `${OUT_DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    return await bundleInto(esbuild, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function bundleInto(esbuild, tmp) {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, join(ROOT, src)])),
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: false,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    banner: { js: '// Built by workers/cli/build.mjs from the TypeScript in workers/ and scenarios/; do not edit.' },
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p)).split(sep).join('/'));
  checkUrls(inputs);
  writeFileSync(join(tmp, 'inputs.json'), JSON.stringify(inputs, null, 1) + '\n');
  mkdirSync(OUT_DIR, { recursive: true });
  // Renaming a file over another is atomic; inputs.json goes last so an interrupted swap reads as stale.
  const files = readdirSync(tmp).sort((a, b) => Number(a === 'inputs.json') - Number(b === 'inputs.json'));
  for (const f of files) renameSync(join(tmp, f), join(OUT_DIR, f));
  return { built: true, inputs: inputs.length };
}

/**
 * Every bundled source that resolves a URL from import.meta.url must sit at workers/<folder>/, like
 * the bundle, and a URL that lands in workers/dist/ (a worker-thread entry) must be one of the bundles.
 */
function checkUrls(inputs) {
  const problems = [];
  for (const file of inputs) {
    if (!/\.(m?[jt]s)$/.test(file) || file.startsWith('node_modules/')) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (!text.includes('import.meta.url')) continue;
    if (!/^workers\/[^/]+\/[^/]+$/.test(file)) {
      problems.push(`${file} resolves paths from import.meta.url but does not sit in workers/<folder>/, so they would resolve differently from workers/dist/; move the file or pass the path in`);
    }
    for (const m of text.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) {
      const target = relative(OUT_DIR, join(OUT_DIR, m[1]));
      if (target.startsWith('..')) continue;
      if (!Object.keys(ENTRIES).some((name) => `${name}.mjs` === target)) {
        problems.push(`${file} starts ${m[1]}, which the built command looks for in workers/dist/; add its TypeScript entry to ENTRIES in workers/cli/build.mjs`);
      }
    }
  }
  if (problems.length) throw new Error(`build:cli: ${problems.join('\n')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  try {
    const r = await buildCli({ ifStale: process.argv.includes('--if-stale') });
    process.stderr.write(r.built ? `build:cli: ${Object.keys(ENTRIES).length} bundles from ${r.inputs} sources in workers/dist/ (${((performance.now() - t0) / 1000).toFixed(2)} s)\n` : 'build:cli: up to date\n');
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
