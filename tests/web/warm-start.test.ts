/**
 * The workbench's warm start (web/components/cryo-workbench/warm-start.ts): the draft runs it
 * gives the workers are the protocols' whole schedules on the draft grid (cut only beyond a
 * budget), valid for every built-in protocol at every resolution the menu offers (a draft that
 * did not validate would be skipped, and the first comparison would start cold),
 * and on real engine workers each worker runs them and then serves the batch on the same thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateScenario } from '../../scenarios/validate.ts';
import { draftRuns } from '../../web/components/cryo-workbench/warm-start.ts';
import { OVERRIDE_WORDS } from '../../web/components/cryo-workbench/override-words.ts';
import { withChartOutputs } from '../../web/lib/analysis.ts';
import { defaultWorkspace } from '../../web/lib/builtins.ts';
import { comparedIds, protocolScenario } from '../../web/lib/workspace-edits.ts';
import { RESOLUTIONS_MM, WARM_START } from '../../web/ui-presets.ts';
import { SimulationPool } from '../../workers/pool/simulation-pool.ts';
import { nodePoolWorker } from './node-pool-worker.ts';

const ws = defaultWorkspace(0.25);
const files = comparedIds(ws).map((id) => ({ id, file: withChartOutputs(protocolScenario(ws, id, OVERRIDE_WORDS)!) }));

describe('warm-start draft runs', () => {
  it('are every protocol\'s whole schedule on the draft grid, and the first again implicit, valid at every resolution the menu offers', () => {
    expect(files.length).toBe(8);
    for (const spacing of RESOLUTIONS_MM.map((r) => r.spacing_mm)) {
      const at = files.map(({ file }) => ({ ...file, geometry: { ...file.geometry, spacing_mm: spacing } }));
      const drafts = draftRuns(at);
      expect(drafts).toHaveLength(9);
      expect(drafts.map((d) => d.solver?.integrator)).toEqual([...at.map((f) => f.solver?.integrator), 'implicit']);
      expect(drafts[8].protocol).toEqual(drafts[0].protocol);
      drafts.slice(0, 8).forEach((d, i) => {
        const { id, file } = files[i];
        expect(validateScenario(d).issues, `${id} at ${spacing} mm`).toEqual([]);
        expect(d.geometry.spacing_mm).toBe(Math.max(spacing, WARM_START.spacing_mm.value));
        // Every built-in protocol fits the budget at the draft grid: its whole schedule runs.
        expect(d.protocol, id).toEqual(file.protocol);
      });
    }
  });

  it('cut a schedule too large for the budget where cells × simulated seconds reach it, inside a phase', () => {
    const file = files.find((f) => f.id === 'prologo-2017')!.file;
    const big = { ...file, geometry: { ...file.geometry, size_mm: [60, 120] } };
    const [draft] = draftRuns([big]);
    const cells = 60 * 120;
    const total = (p: { duration_s: number }[]) => p.reduce((t, x) => t + x.duration_s, 0);
    expect(total(draft.protocol)).toBeCloseTo(WARM_START.cell_seconds.value / cells, 9);
    expect(total(draft.protocol)).toBeLessThan(total(file.protocol));
    expect(draft.protocol.slice(0, -1)).toEqual(file.protocol.slice(0, draft.protocol.length - 1));
    expect(draft.protocol.at(-1)!.phase).toBe(file.protocol[draft.protocol.length - 1].phase);
    expect(validateScenario(draft).issues).toEqual([]);
  });

  it('are at most WARM_START.protocols, and none for no protocol', () => {
    const many = Array.from({ length: WARM_START.protocols.value + 5 }, () => files[0].file);
    expect(draftRuns(many)).toHaveLength(WARM_START.protocols.value + 1);
    expect(draftRuns([])).toEqual([]);
  });

  it('leave the workspace scenario as it was', () => {
    const before = JSON.stringify(files[0].file);
    draftRuns([files[0].file]);
    expect(JSON.stringify(files[0].file)).toBe(before);
  });
});

let sim: SimulationPool | null = null;
afterEach(() => sim?.close());

describe('SimulationPool.warmUp', () => {
  it('starts the workers a batch would use, runs the drafts on each, and the batch then runs on them', async () => {
    sim = new SimulationPool(nodePoolWorker(new URL('./fixtures/engine-simulation-worker.mjs', import.meta.url)), 2);
    const drafts = draftRuns([files[0].file]);
    const replies = await sim.warmUp(drafts, files.length);
    expect(replies).toHaveLength(2);
    for (const r of replies) {
      expect(r.message).toBeUndefined();
      expect(r.ran).toBe(2);
    }
    expect(sim.stats).toMatchObject({ live: 2, busy: 0, created: 2 });
    const batch = await sim.runBatch(
      [drafts[0], drafts[1]].map((scenario, i) => ({ id: `r${i}`, scenario })),
      { frames: false, progressIntervalS: 0.25 },
    ).promise;
    expect([...batch.values()].every((r) => r.ok)).toBe(true);
    expect(sim.stats.created).toBe(2);
  });

  it('never rejects: a scenario that does not validate is skipped and said, a worker without warmUp answers with a message', async () => {
    sim = new SimulationPool(nodePoolWorker(new URL('./fixtures/engine-simulation-worker.mjs', import.meta.url)), 1);
    const [r] = await sim.warmUp([{ schema: 'cryo-scenario/1' } as never, draftRuns([files[0].file])[0]], 1);
    expect(r.ran).toBe(1);
    expect(r.message).toMatch(/^warm-up scenario skipped: /);
    sim.close();
    sim = new SimulationPool(nodePoolWorker(new URL('./fixtures/fake-simulation-worker.mjs', import.meta.url)), 1);
    const [fake] = await sim.warmUp(draftRuns([files[0].file]), 1);
    expect(fake.ran).toBe(0);
    expect(fake.message).toBeTruthy();
  });
});
