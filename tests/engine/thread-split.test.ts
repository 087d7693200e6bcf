/**
 * One grid split over a thread team (worker threads on shared memory) gives the same run as
 * one thread: every cell of every map snapshot within f32 round-off (< 1e-4 °C; the split is
 * designed to be bit-identical), the same isotherms, sensors and probe temperatures — on a
 * 2D axisymmetric built-in with a probe reposition (links change mid-run) and a small 3D
 * scene. A terminated team leaves no threads; a helper that fails or stops answering fails
 * the run with a message instead of hanging.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios/builtin.ts';
import type { Result, Scenario } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { runScenario } from '../../workers/engine/run.ts';
import type { RunOutput } from '../../workers/engine/run-types.ts';
import { splitThreads } from '../../workers/engine/thread-policy.ts';
import { ThreadTeamError } from '../../workers/engine/thread-team.ts';
import { loadKernels } from '../../workers/node/kernel-node.ts';
import { createNodeTeam, liveHelperThreads } from '../../workers/node/team-node.ts';
import { probe, scenario, tissue } from '../support/scenario-builders.ts';

const kernels = loadKernels();

function valid(file: unknown): Scenario {
  const v = validateScenario(file);
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return v.scenario;
}

// Every chunk on the team (schedule "always"), single-rate or two-rate.
async function bothWays(s: Scenario, threads: number, twoRate: boolean): Promise<{ one: RunOutput; split: RunOutput }> {
  const one = runScenario(s, kernels, { frames: true, twoRate });
  const team = await createNodeTeam(threads, { schedule: 'always' });
  try {
    return { one, split: runScenario(s, kernels, { frames: true, team, twoRate }) };
  } finally {
    team.terminate();
  }
}

function expectSameRun(one: RunOutput, split: RunOutput): void {
  const a = one.frames!;
  const b = split.frames!;
  expect(b.times_s).toEqual(a.times_s);
  let worst = 0;
  a.temperatures_c.forEach((frame, f) => {
    frame.forEach((t, c) => {
      const d = Math.abs(t - b.temperatures_c[f][c]);
      worst = Number.isNaN(t) && Number.isNaN(b.temperatures_c[f][c]) ? worst : Math.max(worst, Number.isNaN(d) ? Infinity : d);
    });
  });
  expect(worst).toBeLessThan(1e-4);
  expect(split.result.solver.threads).toBeGreaterThan(1);
  expect(one.result.solver.threads).toBe(1);
  const strip = (r: Result) => ({ ...r, solver: { ...r.solver, wall_s: 0, mcells_per_s: 0, threads: 0 } });
  expect(strip(split.result)).toEqual(strip(one.result));
}

// Two-rate stepping took part: fewer cell updates than every cell at every step.
function expectTwoRate(r: Result): void {
  expect(r.solver.cell_updates).toBeLessThan(0.8 * r.solver.steps * r.solver.grid.reduce((a, b) => a * b, 1));
}

async function helpersGone(): Promise<number> {
  for (let i = 0; i < 100 && liveHelperThreads() > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return liveHelperThreads();
}

afterEach(async () => {
  expect(await helpersGone()).toBe(0);
});

describe('a grid split over two threads', () => {
  for (const twoRate of [false, true]) {
    it(`matches one thread on a 2D axisymmetric built-in with a probe reposition (1 mm, two-rate ${twoRate})`, async () => {
      const file = structuredClone(BUILTIN_SCENARIOS['cazzato-2016']);
      file.geometry.spacing_mm = 1;
      const { one, split } = await bothWays(valid(file), 2, twoRate);
      expect(one.result.phase).toContain('reposition');
      expectSameRun(one, split);
      if (twoRate) expectTwoRate(split.result);
    });
  }

  for (const twoRate of [false, true]) it(`matches one thread on a small 3D scene (two probes, a vessel; two-rate ${twoRate})`, async () => {
    const s = valid(scenario({
      geometry: { mode: '3d', spacing_mm: 1, size_mm: [24, 20, 30] },
      tissue: tissue({ solidus_c: -8, liquidus_c: -1, perfusion_w_m3k: 2000, perfusion_after_thaw: 'stasis' }),
      skin: { boundary: 'convective', ambient_c: 22, h_w_m2k: 10 }, far_field: { boundary: 'temperature', temperature_c: 37 },
      probes: [
        probe({ diameter_mm: 1.47, tip_mm: [-3, 0, 18], active_length_mm: 10, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3200 } }),
        probe({ diameter_mm: 1.47, tip_mm: [3, 0, 18], active_length_mm: 10, surface: { model: 'convective', gas_c: -186, h_w_m2k: 3200 } }),
      ],
      vessels: [{ center_mm: [0, 0, 22], direction: [0, 1, 0], diameter_mm: 3, wall: 'convective', h_w_m2k: 458, blood_c: 37 }],
      protocol: [{ phase: 'freeze', duration_s: 60, power: 1 }, { phase: 'passive_thaw', duration_s: 20 }],
      output: { interval_s: 20, isotherms_c: [0, -20, -40] },
      sensors: [{ name: 'between', position_mm: [0, 0, 14] }],
    }));
    const { one, split } = await bothWays(s, 3, twoRate);
    expect(Math.min(...one.result.probes[0].surface_c)).toBeLessThan(-30);
    expectSameRun(one, split);
    if (twoRate) expectTwoRate(split.result);
  });
});

describe('team failures', () => {
  const small = () => {
    const file = structuredClone(BUILTIN_SCENARIOS['yoon-2016']);
    file.geometry.spacing_mm = 1;
    return valid(file);
  };

  it('a helper that throws fails the run with its message', async () => {
    const team = await createNodeTeam(2, { fault: { kind: 'throw', afterChunks: 2 }, schedule: 'always' });
    try {
      expect(() => runScenario(small(), kernels, { team })).toThrow(ThreadTeamError);
      expect(() => runScenario(small(), kernels, { team })).toThrow(/helper thread 1: Error: injected fault/);
    } finally {
      team.terminate();
    }
  });

  it('a helper that stops answering fails the run after the barrier timeout', async () => {
    const team = await createNodeTeam(2, { fault: { kind: 'hang', afterChunks: 1 }, timeoutMs: 300, schedule: 'always' });
    try {
      expect(() => runScenario(small(), kernels, { team })).toThrow(/no longer answers/);
    } finally {
      team.terminate();
    }
  });

  it('a helper descheduled right after saying ready still takes the run that follows at once', async () => {
    // The helper pauses 300 ms after 'ready' while the run is attached and stepped: it must still
    // see that run (it read the mailbox before saying ready), not wait past it into the timeout.
    const team = await createNodeTeam(2, { fault: { kind: 'slow-join', ms: 300 }, timeoutMs: 5_000, schedule: 'always' });
    try {
      const r = runScenario(small(), kernels, { team }).result;
      expect(r.solver.threads).toBe(2);
      expect(r.times_s.length).toBeGreaterThan(1);
    } finally {
      team.terminate();
    }
  });

  it('a helper descheduled through the end of a run steps the next run on the same team with that run\'s layout', async () => {
    // Two short runs on the same grid (a few chunks each); the second with a longer probe: more
    // boundary links, so its link arrays lie elsewhere than the first run's.
    const short = (activeLengthMm?: number) => {
      const file = structuredClone(BUILTIN_SCENARIOS['yoon-2016']);
      file.geometry.spacing_mm = 1;
      file.protocol = [{ ...file.protocol[0], duration_s: 6 }];
      file.output = { ...file.output, interval_s: 2 };
      if (activeLengthMm) file.probes[0] = { ...file.probes[0], active_length_mm: activeLengthMm };
      return valid(file);
    };
    const first = short();
    const next = short((first.probes[0].active_length_mm ?? 10) + 6);
    const one = runScenario(next, kernels, { frames: true });
    // The helper pauses after every chunk: when the first run ends it is still asleep, and wakes
    // to find the second run announced and its first chunk posted.
    const team = await createNodeTeam(2, { fault: { kind: 'pause-after-chunk', ms: 150 }, timeoutMs: 5_000, schedule: 'always' });
    try {
      runScenario(first, kernels, { team });
      const split = runScenario(next, kernels, { frames: true, team });
      expectSameRun(one, split);
    } finally {
      team.terminate();
    }
  });

  it('a terminated team refuses new work', async () => {
    const team = await createNodeTeam(2);
    team.terminate();
    expect(() => runScenario(small(), kernels, { team })).toThrow(/terminated/);
  });
});

describe('split policy', () => {
  it('splits large f32 grids only, never the f64 reference, and never beyond the offered threads', () => {
    const big = structuredClone(BUILTIN_SCENARIOS['yoon-2016']);
    const coarse = structuredClone(big);
    coarse.geometry.spacing_mm = 1;
    const f64 = structuredClone(big);
    f64.solver = { ...f64.solver, precision: 'f64' };
    expect(splitThreads(valid(big), 2)).toBe(2);
    expect(splitThreads(valid(big), 1)).toBe(1);
    expect(splitThreads(valid(coarse), 2)).toBe(1);
    expect(splitThreads(valid(f64), 2)).toBe(1);
  });
});
