/**
 * `cryo compare <comparison.json | built-in id>`: runs every protocol of a
 * comparison set on its shared anatomy and writes their results as one JSON
 * document, with a table of the nerve and skin figures on stderr — the answer to
 * "which protocol reaches this nerve, and how close does the ice come to the skin".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_COMPARISONS, validateComparison } from '../../scenarios/builtin.ts';
import type { Result } from '../../scenarios/schema.ts';
import { runScenario } from '../engine/run.ts';
import { loadKernels } from '../node/kernel-node.ts';
import { parseArgs, UsageError } from './args.ts';
import { LoadError } from './load-scenario.ts';

export const COMPARISON_RESULT_SCHEMA = 'cryo-comparison-result/1';

interface Io {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

function loadSet(nameOrPath: string): unknown {
  if (Object.hasOwn(BUILTIN_COMPARISONS, nameOrPath)) return structuredClone(BUILTIN_COMPARISONS[nameOrPath]);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch {
    throw new LoadError([{ path: nameOrPath, message: `no such file, and not a built-in comparison (built-ins: ${Object.keys(BUILTIN_COMPARISONS).join(', ')})` }]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new LoadError([{ path: nameOrPath, message: `not valid JSON: ${(e as Error).message}` }]);
  }
}

const cell = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : v.toFixed(digits));

function row(id: string, r: Result): string[] {
  const cov = r.nerve?.coverage ?? {};
  return [
    id,
    cell(cov['-40']?.fraction !== undefined ? cov['-40'].fraction * 100 : null, 0),
    cell(cov['-40']?.first_full_s, 0),
    cell(cov['-20']?.fraction !== undefined ? cov['-20'].fraction * 100 : null, 0),
    cell(r.nerve?.min_c),
    cell(r.skin.min_c),
    cell(r.skin.min_ice_gap_mm),
  ];
}

export function compareCommand(argv: string[], io: Io, inputError: (issues: { path: string; message: string }[]) => Error): number {
  const { positional, options } = parseArgs(argv, ['out', 'spacing-mm'], ['quiet']);
  if (positional.length !== 1) throw new UsageError('compare needs exactly one comparison file or built-in id');
  const set = loadSet(positional[0]) as { anatomy?: { geometry?: { spacing_mm?: number } } };
  const spacing = options.get('spacing-mm');
  if (spacing !== undefined) {
    if (!(Number(spacing) > 0)) throw inputError([{ path: '--spacing-mm', message: `must be a number > 0 (mm), got ${spacing}` }]);
    if (set?.anatomy?.geometry && typeof set.anatomy.geometry === 'object') set.anatomy.geometry.spacing_mm = Number(spacing);
  }
  const v = validateComparison(set);
  if (!v.ok) throw inputError(v.issues);
  const kernel = loadKernels();
  const results: { id: string; result: Result }[] = [];
  for (const { id, scenario } of v.runs) {
    if (!options.has('quiet')) io.err.write(`cryo: running ${id}…\n`);
    results.push({ id, result: runScenario(scenario, kernel).result });
  }
  const json = JSON.stringify({ schema: COMPARISON_RESULT_SCHEMA, name: (set as { name?: string }).name ?? '', results }, null, 2) + '\n';
  const outPath = options.get('out');
  if (outPath) writeFileSync(outPath, json);
  else io.out.write(json);
  const header = ['protocol', 'nerve ≤−40 °C %', 'full ≤−40 at s', 'nerve ≤−20 °C %', 'nerve min °C', 'skin min °C', 'ice-skin gap mm'];
  const rows = [header, ...results.map(({ id, result }) => row(id, result))];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  io.err.write(rows.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ')).join('\n') + '\n');
  return 0;
}
