/**
 * The page's protocol search (workers/pool/optimise-pool.ts on the worker pool, with the
 * simulation service's `runMembers`) against `cryo optimise`: the same request and seed give
 * the same candidates, brackets and suggestion, for an ensemble and for a deterministic search;
 * cancel stops the search and keeps the candidates that finished. Real engine and kernels on
 * Node threads; tiny 1 mm scenarios.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { searchOnPool } from '../../workers/pool/optimise-pool.ts';
import type { SimulationApi } from '../../workers/pool/simulation-service.ts';
import { WorkerPool } from '../../workers/pool/worker-pool.ts';
import { cryoInProcess } from '../support/cli.ts';
import { tinyScenario, writeScenario } from '../sweep/sweep-fixtures.ts';
import { nodePoolWorker } from './node-pool-worker.ts';

const url = new URL('./fixtures/engine-simulation-worker.mjs', import.meta.url);
let pool: WorkerPool<SimulationApi> | null = null;
afterEach(() => pool?.close());

const UNCERTAINTY = {
  inputs: [{ path: 'tissue.perfusion_w_m3k', distribution: 'normal', mean: 2500, sd: 800, bounds: { low: 0 } }],
  placement_error_mm: [1, 0, 1],
  samples: 4,
  seed: 7,
};
const base: Record<string, unknown> = tinyScenario({ name: 'optimise pool', protocol: [{ phase: 'freeze', duration_s: 60 }], uncertainty: UNCERTAINTY });
const ARGS = { probability: 0.75, skinMarginMm: null as number | null, maxTotalS: 2 * 150 + 20, cycles: [1, 2], thaws: ['passive'] as const, thawS: 20, toleranceS: 15, maxRuns: 200 };
const cliArgs = ['--probability', '0.75', '--max-total-s', '320', '--cycles', '1,2', '--thaw', 'passive', '--thaw-s', '20', '--tolerance-s', '15', '--max-runs', '200', '--workers', '1'];

async function cli(name: string, file: object, extra: string[] = []) {
  const r = await cryoInProcess(['optimise', writeScenario(`${name}.json`, file), ...cliArgs, ...extra]);
  expect([0, 1], r.err).toContain(r.code);
  return JSON.parse(r.out);
}

function request(withUncertainty: boolean, skinMarginMm: number | null = null) {
  const { uncertainty: section, ...file } = base;
  const v = validateScenario({ ...file, uncertainty: section });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return { file, uncertainty: withUncertainty ? v.scenario.uncertainty! : null, target: 'nerve_full_minus20' as const, search: { ...ARGS, skinMarginMm, thaws: [...ARGS.thaws], objective: 'shortest' as const } };
}

const resultOf = (summary: Record<string, unknown>) => {
  const { chosen, candidates, structures, runs, budget_exhausted, interrupted, tolerance_s } = summary;
  return { chosen, candidates, structures, runs, budget_exhausted, interrupted, tolerance_s };
};

describe('the protocol search on the browser pool', () => {
  it('finds exactly what cryo optimise finds with the same seed (ensemble of 4)', async () => {
    const expected = await cli('opt-pool-ens', base);
    pool = new WorkerPool<SimulationApi>(nodePoolWorker(url), { maxWorkers: 2 });
    const seen: number[] = [];
    const result = await searchOnPool(pool, request(true), { maxWorkers: 2, onProgress: (p) => seen.push(p.runs) }).promise;
    expect(JSON.parse(JSON.stringify(result))).toEqual(resultOf(expected));
    // Not vacuous: several candidates, some meeting the target and some not, and a suggestion.
    expect(result.chosen).not.toBeNull();
    expect(new Set(result.candidates.map((c) => c.meets_target)).size).toBe(2);
    expect(result.runs).toBe(4 * result.candidates.length);
    expect(Math.max(...seen)).toBe(result.runs);
  });

  it('finds exactly what cryo optimise --samples 1 finds (deterministic; a skin margin no schedule keeps)', async () => {
    const expected = await cli('opt-pool-det', base, ['--samples', '1', '--skin-margin-mm', '2']);
    pool = new WorkerPool<SimulationApi>(nodePoolWorker(url), { maxWorkers: 1 });
    const result = await searchOnPool(pool, request(false, 2), { maxWorkers: 1 }).promise;
    expect(JSON.parse(JSON.stringify(result))).toEqual(resultOf(expected));
    expect(result.chosen).toBeNull();
    expect(result.structures.every((s) => s.freeze_s === null)).toBe(true);
  });

  it('cancel stops the search and keeps the candidates that finished', async () => {
    pool = new WorkerPool<SimulationApi>(nodePoolWorker(url), { maxWorkers: 1 });
    const search = searchOnPool(pool, request(true), {
      maxWorkers: 1,
      onProgress: (p) => {
        if (p.candidates.length >= 1 && p.candidateRunsDone >= 1) search.cancel();
      },
    });
    const result = await search.promise;
    expect(result.interrupted).toBe(true);
    expect(result.candidates.length).toBeGreaterThanOrEqual(1);
    expect(result.runs).toBe(4 * result.candidates.length);
    expect(pool.stats.busy).toBe(0);
  });
});
