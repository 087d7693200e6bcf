/**
 * The browser's ensemble path (workers/pool/ensemble-batch.ts on the page's worker pool, with
 * the simulation service's `runMembers`) against `cryo ensemble`: with the same seed the same
 * members and exactly the same summary, for sampled inputs (one run per member) and for
 * placement error only (one shared run); cancelling keeps exactly the members that finished.
 * Real engine and kernels on Node threads; tiny 1 mm scenarios.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnsembleFile } from '../../workers/ensemble/ensemble-file.ts';
import { prepareEnsemble, runEnsembleBatch } from '../../workers/pool/ensemble-batch.ts';
import { ensembleDocument } from '../../web/lib/ensemble-export.ts';
import type { SimulationApi } from '../../workers/pool/simulation-service.ts';
import { WorkerPool } from '../../workers/pool/worker-pool.ts';
import { cryoInProcess } from '../support/cli.ts';
import { dir, tinyScenario, writeScenario } from '../sweep/sweep-fixtures.ts';
import { nodePoolWorker } from './node-pool-worker.ts';

const url = new URL('./fixtures/engine-simulation-worker.mjs', import.meta.url);
let pool: WorkerPool<SimulationApi> | null = null;
afterEach(() => pool?.close());

async function cliEnsemble(name: string, file: Record<string, unknown>): Promise<EnsembleFile> {
  const path = writeScenario(`${name}.json`, file);
  const out = join(dir, `${name}-ensemble.json`);
  const r = await cryoInProcess(['ensemble', path, '--out', out, '--workers', '1']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

function prepare(file: Record<string, unknown>) {
  const { uncertainty, ...rest } = file;
  const prepared = prepareEnsemble([{ id: 'p', file: rest, section: uncertainty as Record<string, unknown> }]);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
  return prepared.protocols;
}

const SAMPLED = {
  inputs: [
    { path: 'tissue.perfusion_w_m3k', distribution: 'normal', mean: 2500, sd: 800, bounds: { low: 0 } },
    { path: 'probes[0].surface.h_w_m2k', distribution: 'lognormal', sigma_log: 0.2 },
  ],
  placement_error_mm: [1, 0, 1],
  samples: 6,
  seed: 11,
};

describe('ensembles on the browser pool', () => {
  it('give exactly the members and summary of cryo ensemble with the same seed (sampled inputs)', async () => {
    const file = tinyScenario({ uncertainty: SAMPLED });
    const cli = await cliEnsemble('pool-sampled', file);
    pool = new WorkerPool<SimulationApi>(nodePoolWorker(url), { maxWorkers: 2 });
    const updates: number[] = [];
    const prepared = prepare(file);
    const { states, progress, cancelled } = await runEnsembleBatch(pool, prepared, {
      skinMarginMm: cli.skin_margin_mm,
      maxWorkers: 2,
      updateIntervalS: 0,
      onUpdate: (s) => updates.push(s[0].summary.samples),
    }).promise;
    expect(cancelled).toBe(false);
    expect(progress).toEqual({ runsDone: 6, runsTotal: 6, membersDone: 6, membersTotal: 6 });
    const expected = cli.protocols[0];
    expect({ ...states[0].summary, id: expected.id }).toEqual(expected);
    // The browser's download is the CLI's document.
    expect(ensembleDocument(cli.name, [{ uncertainty: prepared[0].uncertainty, summary: { ...states[0].summary, id: expected.id } }], cli.skin_margin_mm, true)).toEqual(cli);
    // The members really differ (the test would pass vacuously on a constant ensemble).
    expect(new Set(expected.members.map((m) => m.figures!.nerve!.min_c)).size).toBeGreaterThan(1);
    // Streaming: the summary grew member by member.
    expect(updates.some((n) => n > 0 && n < 6)).toBe(true);
    // The bands the charts draw are the summary's, from every member's series.
    expect(states[0].summary.bands_over_time!.members.at(-1)).toBe(6);
  });

  it('score placement error on one shared run, as the CLI does', async () => {
    const file = tinyScenario({ uncertainty: { placement_error_mm: [1.5, 0, 1.5], samples: 8, seed: 3 } });
    const cli = await cliEnsemble('pool-placement', file);
    pool = new WorkerPool<SimulationApi>(nodePoolWorker(url), { maxWorkers: 1 });
    const { states, progress } = await runEnsembleBatch(pool, prepare(file), { skinMarginMm: cli.skin_margin_mm, maxWorkers: 1, updateIntervalS: 0 }).promise;
    expect(progress.runsTotal).toBe(1);
    expect({ ...states[0].summary, id: cli.protocols[0].id }).toEqual(cli.protocols[0]);
  });

  it('cancel keeps the members that finished, each equal to the CLI member', async () => {
    const file = tinyScenario({ uncertainty: SAMPLED });
    const cli = await cliEnsemble('pool-cancel', file);
    pool = new WorkerPool<SimulationApi>(nodePoolWorker(url), { maxWorkers: 1 });
    const batch = runEnsembleBatch(pool, prepare(file), {
      skinMarginMm: cli.skin_margin_mm,
      maxWorkers: 1,
      updateIntervalS: 0,
      onUpdate: (_, p) => {
        if (p.membersDone >= 2) batch.cancel();
      },
    });
    const { states, progress, cancelled } = await batch.promise;
    expect(cancelled).toBe(true);
    const kept = states[0].summary.members;
    expect(kept.length).toBe(progress.membersDone);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(6);
    for (const m of kept) expect(m).toEqual(cli.protocols[0].members[m.index]);
    expect(states[0].summary.samples).toBe(kept.length);
    expect(pool.stats.busy).toBe(0);
  });

  it('reports a bad section by path and plans nothing', () => {
    const rest = tinyScenario();
    const section = { samples: 1e6, placement_error_mm: [-1, 0, 0] };
    const r = prepareEnsemble([{ id: 'a', file: rest, section }, { id: 'b', file: rest, section }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.some((i) => i.path === 'a: uncertainty.samples')).toBe(true);
      expect(r.issues.some((i) => i.path.startsWith('b: uncertainty.placement_error_mm'))).toBe(true);
    }
  });
});
