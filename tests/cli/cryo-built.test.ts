/**
 * The installed `cryo` runs the built JavaScript with no TypeScript loader: copied with only
 * what an install ships at run time (the bin, workers/dist/, the plain-JS thread-team helper and
 * the wasm kernels; no node_modules, no .ts) into an empty folder, it lists, validates, runs
 * (grid split over helper threads when the machine has two cores) and sweeps on worker threads.
 * Without the bundle it says in one line how to build it; with a source newer than the bundle it
 * warns in one line and runs. The global setup builds the bundle.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { LINK_PATH, LINK_TARGET, linkCli } from '../../workers/cli/link-bin.mjs';
import { tinyScenario } from '../sweep/sweep-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A copy of the run-time files only, in the repository's layout. */
function installedCopy(withBundle = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'cryo-built-'));
  const copy = (from: string, filter: (name: string) => boolean) => {
    mkdirSync(join(dir, from), { recursive: true });
    for (const name of readdirSync(join(ROOT, from)).filter(filter)) {
      copyFileSync(join(ROOT, from, name), join(dir, from, name));
      const { atime, mtime } = statSync(join(ROOT, from, name)); // as an install keeps them: the bundle is newest
      utimesSync(join(dir, from, name), atime, mtime);
    }
  };
  copy('workers/cli', (n) => n === 'cryo.mjs');
  if (withBundle) copy('workers/dist', (n) => n.endsWith('.mjs'));
  copy('workers/team', (n) => n.endsWith('.mjs'));
  copy('wasm/build', (n) => n.endsWith('.wasm'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  return dir;
}

/** Node with no loader options: NODE_OPTIONS cleared, run from the copy (no node_modules to resolve tsx from). */
function cryoIn(dir: string, args: string[]) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, [join(dir, 'workers/cli/cryo.mjs'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the built cryo command', () => {
  const dir = installedCopy();

  it('lists and validates the built-in scenarios without a TypeScript loader', () => {
    const list = cryoIn(dir, ['list']);
    expect(list.code, list.err).toBe(0);
    for (const id of Object.keys(BUILTIN_SCENARIOS)) expect(list.out).toContain(id);
    const id = Object.keys(BUILTIN_SCENARIOS)[0];
    const v = cryoIn(dir, ['validate', id]);
    expect(v.code, v.err).toBe(0);
    expect(v.out).toMatch(/^ok: .* cells at .* mm, 1 probe\(s\)/);
  });

  it('reports bad input with paths and exit code 2, as the source does', () => {
    const r = cryoIn(dir, ['validate', 'no-such-scenario.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^no-such-scenario\.json: no such file, and not a built-in scenario/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('runs a scenario on the wasm kernel, split over helper threads on a two-core machine', () => {
    // 20 × 40 mm at 0.2 mm: 100 × 200 cells, enough for two threads (SPLIT_MIN_CELLS_PER_THREAD).
    const file = join(dir, 'split.json');
    writeFileSync(file, JSON.stringify(tinyScenario({
      geometry: { mode: 'axisymmetric', spacing_mm: 0.2, size_mm: [20, 40] },
      protocol: [{ phase: 'freeze', duration_s: 10 }],
    })));
    const r = cryoIn(dir, ['run', file, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.solver.grid.slice(0, 2)).toEqual([100, 200]);
    if (availableParallelism() >= 2) expect(r.err).toMatch(/, 2 threads\)/);
  });

  it('sweeps on worker threads', () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(tinyScenario()));
    const out = join(dir, 'sweep.csv');
    const r = cryoIn(dir, ['sweep', file, '--vary', 'protocol[0].duration_s=20,30', '--workers', '2', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).every((row) => row.endsWith(','))).toBe(true); // empty error column
  });

  it('says in one line how to build it when the bundle is missing', () => {
    const bare = installedCopy(false);
    const r = cryoIn(bare, ['list']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('cryo: the command is not built yet (workers/dist/cli.mjs is missing); run: npm run build:cli\n');
  });

  it('warns in one line, and still runs, when a source changed after the build', () => {
    const copy = installedCopy();
    writeFileSync(join(copy, 'workers/dist/inputs.json'), readFileSync(join(ROOT, 'workers/dist/inputs.json')));
    const clean = cryoIn(copy, ['list']);
    expect(clean.code).toBe(0);
    expect(clean.err).toBe('');
    const source = join(copy, 'workers/cli/list.ts');
    writeFileSync(source, '// edited\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    const r = cryoIn(copy, ['list']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Built-in scenarios');
    expect(r.err).toBe('cryo: warning: workers/cli/list.ts changed after the command was built; run: npm run build:cli\n');
  });

  it('ships no TypeScript loader: tsx is a dev dependency and no bundle imports it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies?.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    for (const name of ['cli.mjs', 'sweep-worker.mjs', 'ensemble-worker.mjs']) {
      expect(readFileSync(join(ROOT, 'workers/dist', name), 'utf8')).not.toMatch(/from ["']tsx|import\(["']tsx/);
    }
  });

  it('is found by npx in node_modules/.bin, not resolved as a package', () => {
    // A package.json "bin" makes npx install the project into its cache and read the whole
    // package tree on every call (~0.7 s); the link made at install is what npx should find.
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin).toBeUndefined();
    expect(['kept', 'linked', 'relinked']).toContain(linkCli());
    expect(readlinkSync(LINK_PATH)).toBe(LINK_TARGET);
    // node_modules may itself be a link (a git worktree sharing another checkout's install).
    expect(realpathSync(LINK_PATH)).toBe(realpathSync(join(realpathSync(join(ROOT, 'node_modules')), '../workers/cli/cryo.mjs')));
    expect(statSync(LINK_PATH).mode & 0o111).not.toBe(0);
    expect(linkCli()).toBe('kept');
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const r = spawnSync(npx, ['--no-install', '--loglevel', 'silly', 'cryo', 'list'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Built-in scenarios');
    // Resolving the project as a package shows in npm's log as package metadata and lockfile
    // reads (seen with a "bin" field: packumentCache, shrinkwrap); a bin found in .bin reads neither.
    expect(r.stderr).not.toMatch(/packumentCache|shrinkwrap|arborist/i);
  });
});
