/**
 * `cryo compare <comparison.json | built-in id>`: runs every protocol of a
 * comparison set on its shared anatomy — in parallel on worker threads, one
 * protocol per core — and writes their results as one JSON document, with a
 * table of the nerve and skin figures on stderr: the answer to "which protocol
 * reaches this nerve, and how close does the ice come to the skin".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_COMPARISONS, validateComparison } from '../../scenarios/builtin.ts';
import { ScenarioInputError } from '../../scenarios/input-error.ts';
import type { Issue, Result } from '../../scenarios/schema.ts';
import { SweepPool } from '../sweep/sweep-pool.ts';
import { verdictSummaryCsv } from '../export/verdict-csv.ts';
import { parseArgs, spacingOption, UsageError, workersOption } from './args.ts';
import type { Io } from './io.ts';
import { parseJsonFile } from '../node/load-scenario.ts';

const COMPARISON_RESULT_SCHEMA = 'cryo-comparison-result/1';

function loadSet(nameOrPath: string): unknown {
  if (Object.hasOwn(BUILTIN_COMPARISONS, nameOrPath)) return structuredClone(BUILTIN_COMPARISONS[nameOrPath]);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch {
    throw new ScenarioInputError([{ path: nameOrPath, message: `no such file, and not a built-in comparison (built-ins: ${Object.keys(BUILTIN_COMPARISONS).join(', ')})` }]);
  }
  return parseJsonFile(nameOrPath, text, 'a comparison');
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
    (r.warnings ?? []).map((w) => w.code).join(', ') || '—',
  ];
}

export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const { positional, options } = parseArgs(argv, ['out', 'spacing-mm', 'workers', 'csv'], ['quiet']);
  if (positional.length !== 1) throw new UsageError('compare needs exactly one comparison file or built-in id');
  const set = loadSet(positional[0]) as { anatomy?: { geometry?: { spacing_mm?: number } } };
  const issues: Issue[] = [];
  const spacingMm = spacingOption(options, issues);
  const workers = workersOption(options, issues);
  if (issues.length) throw new ScenarioInputError(issues);
  if (spacingMm !== undefined && set?.anatomy?.geometry && typeof set.anatomy.geometry === 'object') set.anatomy.geometry.spacing_mm = spacingMm;
  const v = validateComparison(set);
  if (!v.ok) throw new ScenarioInputError(v.issues);
  const threads = Math.max(1, Math.min(workers, v.runs.length));
  const byIndex = new Map<number, Result>();
  const failures: string[] = [];
  const pool = new SweepPool(threads, (reply) => {
    const id = v.runs[reply.index].id;
    if ('result' in reply) {
      byIndex.set(reply.index, reply.result);
      if (!options.has('quiet')) io.err.write(`cryo: ${id} done (${reply.result.solver.wall_s.toFixed(1)} s)\n`);
    } else failures.push(`${id}: ${'error' in reply ? reply.error : 'no result'}`);
  });
  await pool.run(v.runs.map(({ scenario }, index) => ({ index, scenario, full: true })));
  await pool.terminate();
  if (failures.length) throw new Error(`some protocols could not run:\n${failures.join('\n')}`);
  const results = v.runs.map(({ id }, index) => ({ id, result: byIndex.get(index)! }));
  const json = JSON.stringify({ schema: COMPARISON_RESULT_SCHEMA, name: (set as { name?: string }).name ?? '', results }, null, 2) + '\n';
  const outPath = options.get('out');
  if (outPath) writeFileSync(outPath, json);
  else io.out.write(json);
  // One row per protocol with its run settings: the table below, for spreadsheets and papers.
  const csvPath = options.get('csv');
  if (csvPath) writeFileSync(csvPath, verdictSummaryCsv(results.map(({ id, result }, i) => ({ id, result, scenario: v.runs[i].scenario }))));
  const header = ['protocol', 'nerve ≤−40 °C %', 'full ≤−40 at s', 'nerve ≤−20 °C %', 'nerve min °C', 'skin min °C', 'ice-skin gap mm', 'warnings'];
  const rows = [header, ...results.map(({ id, result }) => row(id, result))];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const last = header.length - 1;
  io.err.write(rows.map((r) => r.map((x, c) => (c === 0 || c === last ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ').trimEnd()).join('\n') + '\n');
  // The table names the codes; what each means for that protocol follows.
  for (const { id, result } of results) for (const w of result.warnings ?? []) io.err.write(`cryo: warning ${id} (${w.code}): ${w.message}\n`);
  return 0;
}
