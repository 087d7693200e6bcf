/**
 * The run loop's recorders (workers/engine/run-trackers.ts) each do one job: attaching map
 * frames, progress or a field listener changes nothing in the result; the kept snapshots are
 * exactly the output fields run-output.ts chooses; and the snapshots' cell kinds follow a probe
 * that was repositioned (cazzato-2016 pulls its probe back between freezes).
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { Result } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { frameIndices } from '../../workers/engine/run-output.ts';
import { runScenario } from '../../workers/engine/run.ts';
import { cellKindAt } from '../../workers/export/vti.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';

function scenario(id: string) {
  const file = structuredClone(BUILTIN_SCENARIOS[id]);
  file.geometry.spacing_mm = 1;
  const v = validateScenario(file);
  if (!v.ok) throw new Error(`invalid: ${JSON.stringify(v.issues)}`);
  return v.scenario;
}

/** The result without its wall-clock figures, as JSON. */
function comparable(r: Result): string {
  return JSON.stringify({ ...r, solver: { ...r.solver, wall_s: 0, mcells_per_s: 0 } });
}

describe('run recorders', () => {
  it('give the same result whatever else is recorded', () => {
    const s = scenario('cazzato-2016');
    const bare = runScenario(s, loadKernels()).result;
    let reports = 0;
    let fields = 0;
    const full = runScenario(s, loadKernels(), {
      frames: true, maxFrames: 5, nerveScorer: true, progressIntervalS: 0, onProgress: () => reports++, onOutputField: () => fields++,
    }).result;
    expect(reports).toBeGreaterThanOrEqual(1);
    expect(fields).toBe(bare.times_s.length);
    expect(comparable(full)).toBe(comparable(bare));
  });

  it('keep the snapshots run-output.ts chooses, with the cell kinds of their time across a reposition', () => {
    const s = scenario('cazzato-2016');
    const g = { nx: 0, ny: 1 };
    const planes: { time_s: number; values: Float32Array; kinds: Uint8Array }[] = [];
    const { result, frames } = runScenario(s, loadKernels(), {
      frames: true,
      maxFrames: 9,
      onOutputField(f, time_s, kinds) {
        g.nx = f.nx;
        planes.push({ time_s, values: Float32Array.from(f.values), kinds: kinds.slice() });
      },
    });
    const keep = frameIndices(result.times_s.length, 9);
    expect(frames!.times_s).toEqual(keep.map((i) => result.times_s[i]));
    keep.forEach((i, n) => expect(frames!.temperatures_c[n]).toEqual(planes[i].values));

    // The reposition moved the probe: later snapshots carry the new kinds, earlier ones the old.
    const changes = frames!.cell_kind_changes ?? [];
    expect(changes).toHaveLength(1);
    const first = planes[0].kinds;
    const last = planes.at(-1)!.kinds;
    expect(last).not.toEqual(first);
    for (const n of keep.keys()) {
      const t = frames!.times_s[n];
      const expected = planes.find((p) => p.time_s === t)!.kinds;
      expect(Uint8Array.from(cellKindAt(frames!, t))).toEqual(expected);
    }
    expect(frames!.cell_kind).toEqual(first);
  });

  it('record no kind changes when no probe moves', () => {
    const { frames } = runScenario(scenario('yoon-2016'), loadKernels(), { frames: true });
    expect(frames!.cell_kind_changes).toBeUndefined();
  });
});
