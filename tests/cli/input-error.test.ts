/**
 * One error type for bad input, one way to register a command, no import circles:
 * loaders, engine and CLI all throw ScenarioInputError (scenarios/input-error.ts), which the
 * CLI turns into exit code 2 with `path: message` lines; every error class has its own name;
 * the CLI's modules form no cycle, commands never import main.ts or the command table back,
 * and the layers import one way (scenarios → workers/engine → workers/cli, workers/pool → web;
 * web/lib → web/components), with no exceptions listed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_COMPARISONS, BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { COMMANDS } from '../../workers/cli/commands.ts';
import { loadScenarioInput, parseJsonFile } from '../../workers/node/load-scenario.ts';
import { compileScenario } from '../../workers/engine/compile.ts';
import { CancelledError } from '../../workers/engine/run-types.ts';
import { JobCancelledError } from '../../workers/pool/worker-pool.ts';
import { cryoInProcess } from '../support/cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const rel = (file: string) => relative(ROOT, file).split('\\').join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return name === 'dist' || name === 'node_modules' ? [] : sourceFiles(join(dir, name));
    return /\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts') ? [path] : [];
  });
}

/** Relative imports of a source file (static, re-exports and dynamic with a literal), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s));
}

/** Imports that exist when the code runs: `import type` / `export type` statements are left out. */
function runtimeImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const statements = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^;'"]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gm)].filter((m) => !m[1]).map((m) => m[2]);
  const bare = [...text.matchAll(/^import\s+['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]);
  return [...statements, ...bare].map((s) => resolve(dirname(file), s));
}

/** Every import circle reachable from the roots (depth first), and how many files were reached. */
function importCircles(roots: string[], edges: (file: string) => string[]): { visited: number; cycles: string[] } {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const next of edges(file)) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const root of roots) visit(root, []);
  return { visited: state.size, cycles };
}

describe('one input-error type', () => {
  it('is what the loaders throw', () => {
    for (const f of [() => loadScenarioInput('no-such-file.json'), () => parseJsonFile('x.json', '{', 'a scenario')]) {
      let caught: unknown;
      try {
        f();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ScenarioInputError);
      expect((caught as ScenarioInputError).issues[0].path).toMatch(/\.json$/);
    }
  });

  it('is what the engine throws for a scenario it cannot simulate as given', () => {
    const s = structuredClone(BUILTIN_SCENARIOS[Object.keys(BUILTIN_SCENARIOS)[0]]) as { solver?: object };
    s.solver = { dt_s: 5 };
    const v = validateScenario(s);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    let caught: unknown;
    try {
      compileScenario(v.scenario);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioInputError);
    const err = caught as ScenarioInputError;
    expect(err.name).toBe('ScenarioInputError');
    expect(err.issues).toEqual([expect.objectContaining({ path: 'solver.dt_s' })]);
    expect(err.message).toMatch(/^solver\.dt_s: .*stability limit/);
  });

  it('is reported by every command the same way: exit 2, one path: message line, no stack', async () => {
    const cases: [string[], RegExp][] = [
      [['validate', 'no-such-file.json'], /^no-such-file\.json: no such file, and not a built-in scenario/],
      [['compare', 'no-such-set.json'], /^no-such-set\.json: no such file, and not a built-in comparison/],
      [['compare', Object.keys(BUILTIN_COMPARISONS)[0], '--spacing-mm', '-1'], /^--spacing-mm: must be a number > 0/],
      [['trace', 'no-such-log.csv'], /^no-such-log\.csv: cannot read the file/],
      [['sweep', 'x.json', '--vary', 'protocol[0].duration_s=1:2:1', '--workers', '0'], /^--workers: must be a whole number/],
      [['ensemble', 'x.json', '--samples', 'many'], /samples/],
    ];
    for (const [args, want] of cases) {
      const r = await cryoInProcess(args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
      expect(r.err, args.join(' ')).toMatch(want);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

describe('error names', () => {
  it('a cancelled pool job is not named like a cancelled engine run', () => {
    expect(new JobCancelledError().name).toBe('JobCancelledError');
    expect(new CancelledError().name).toBe('CancelledError');
  });

  it('every error class in scenarios/ and workers/ is named after itself, and only one carries issues', () => {
    const classes: { file: string; name: string; body: string }[] = [];
    for (const file of [...sourceFiles('scenarios'), ...sourceFiles('workers')]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/class (\w+) extends Error \{([\s\S]*?)\n\}/g)) classes.push({ file: rel(file), name: m[1], body: m[2] });
    }
    expect(classes.length).toBeGreaterThanOrEqual(6);
    const names = classes.map((c) => c.name);
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
    for (const c of classes) expect(c.body.match(/this\.name = '(\w+)'/)?.[1], `${c.file}: ${c.name} names itself`).toBe(c.name);
    expect(classes.filter((c) => /\bissues\b/.test(c.body)).map((c) => c.name)).toEqual(['ScenarioInputError']);
  });
});

describe('CLI modules', () => {
  it('registers every command in one table that no command imports back', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(['calibrate', 'compare', 'ensemble', 'list', 'optimise', 'run', 'sweep', 'trace', 'validate']);
    for (const file of sourceFiles('workers/cli')) {
      const name = rel(file);
      if (name === 'workers/cli/main.ts') continue;
      const imports = importsOf(file).map(rel);
      expect(imports, name).not.toContain('workers/cli/main.ts');
      if (name !== 'workers/cli/commands.ts') expect(imports, name).not.toContain('workers/cli/commands.ts');
    }
  });

  it('form no import circle, from main.ts down', () => {
    const { visited, cycles } = importCircles([join(ROOT, 'workers/cli/main.ts')], importsOf);
    expect(visited).toBeGreaterThan(50);
    expect(cycles).toEqual([]);
  });

  it('and no import circle anywhere in scenarios/, workers/ and web/ at run time', () => {
    // Assets (`kernel.wasm?url`, styles) are leaves.
    const edges = (file: string) => runtimeImportsOf(file).filter((next) => /\.(ts|mts|mjs)$/.test(next) && existsSync(next));
    const { visited, cycles } = importCircles([...sourceFiles('scenarios'), ...sourceFiles('workers'), ...sourceFiles('web')], edges);
    expect(visited).toBeGreaterThan(200);
    expect(cycles).toEqual([]);
  });

  it('import one way between layers', () => {
    const upward = (dir: string, forbidden: RegExp) =>
      sourceFiles(dir).flatMap((file) => importsOf(file).map(rel).filter((t) => forbidden.test(t)).map((t) => `${rel(file)} → ${t}`));
    expect(upward('scenarios', /^(workers|web)\//)).toEqual([]);
    expect(importsOf(join(ROOT, 'scenarios/input-error.ts')).map(rel)).toEqual(['scenarios/schema.ts']);
    expect(upward('workers/engine', /^(workers\/(cli|pool|sweep|ensemble|calibration|node)|web)\//)).toEqual([]);
    expect(upward('workers', /^web\//)).toEqual([]);
    expect(upward('workers', /^workers\/cli\//).filter((edge) => !edge.startsWith('workers/cli/'))).toEqual([]);
    expect(upward('web/lib', /^web\/components\//)).toEqual([]);
  });
});
