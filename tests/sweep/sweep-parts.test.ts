/**
 * The pure parts of `cryo sweep`: --vary ranges and lists (float steps counted from the
 * span), JSON paths into a scenario file, the run-index ↔ combination mapping, and shards
 * (explicit, Slurm array, Kubernetes indexed job) covering every run exactly once.
 */
import { describe, expect, it } from 'vitest';
import { parseJsonPath, setAtPath } from '../../scenarios/json-path.ts';
import { parseShard, shardOption, shardRuns } from '../../workers/sweep/shard.ts';
import { combination, runCount } from '../../workers/sweep/sweep-grid.ts';
import { parseVary, type Varied } from '../../workers/sweep/vary.ts';

const vary = (spec: string) => {
  const v = parseVary(spec);
  if ('error' in v) throw new Error(v.error);
  return v;
};
const varyError = (spec: string) => {
  const v = parseVary(spec);
  if (!('error' in v)) throw new Error(`expected an error for ${spec}`);
  return v.error;
};

describe('--vary values', () => {
  it('counts an inclusive float range from its span, without accumulated round-off', () => {
    const v = vary('tissue.perfusion_w_m3k=0:1:0.1');
    expect(v.values).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(vary('protocol[0].duration_s=60:180:60').values).toEqual([60, 120, 180]);
    expect(vary('x=5:5:1').values).toEqual([5]);
    expect(vary('x=10:0:-5').values).toEqual([10, 5, 0]);
  });

  it('accepts comma lists of numbers and of words', () => {
    expect(vary('probes[0].surface.h_w_m2k=1000,2500,4000').values).toEqual([1000, 2500, 4000]);
    expect(vary('tissue.preset=generic,muscle').values).toEqual(['generic', 'muscle']);
  });

  it('explains bad ranges and lists with the fix', () => {
    expect(varyError('x=0:10:3')).toMatch(/does not end on 10.*step that divides/);
    expect(varyError('x=0:10:-1')).toMatch(/never reaches 10.*use step 1/);
    expect(varyError('x=0:10:0')).toMatch(/step must not be 0/);
    expect(varyError('x=a:b:c')).toMatch(/must be numbers/);
    expect(varyError('x=1:2')).toMatch(/<from>:<to>:<step>/);
    expect(varyError('x=1,,2')).toMatch(/empty value/);
    expect(varyError('x=1,2,1')).toMatch(/twice/);
    expect(varyError('x=0:1:0.00001')).toMatch(/100001 values; at most 10000/);
    expect(varyError('x=0:1:1e-15')).toMatch(/at most 10000/);
    expect(varyError('protocol[0.duration_s=1')).toMatch(/not a JSON path/);
    expect(varyError('=1')).toMatch(/<json-path>=/);
  });
});

describe('JSON paths into a scenario file', () => {
  const file = () => ({ protocol: [{ duration_s: 30 }], probes: [{ device: 'icesphere-17g', tip_mm: [0, 0, 20] }], name: 'n' });
  const steps = (p: string) => {
    const r = parseJsonPath(p);
    if ('error' in r) throw new Error(r.error);
    return r.steps;
  };

  it('sets numbers in objects and lists, and creates a missing object on the way', () => {
    const f = file();
    expect(setAtPath(f, steps('protocol[0].duration_s'), 45)).toBeNull();
    expect(setAtPath(f, steps('probes[0].tip_mm[2]'), 12)).toBeNull();
    expect(setAtPath(f, steps('probes[0].surface.h_w_m2k'), 2500)).toBeNull();
    expect(f.protocol[0].duration_s).toBe(45);
    expect(f.probes[0].tip_mm).toEqual([0, 0, 12]);
    expect((f.probes[0] as Record<string, unknown>).surface).toEqual({ h_w_m2k: 2500 });
  });

  it('refuses paths that do not fit the file, saying why', () => {
    expect(setAtPath(file(), steps('protocol[3].duration_s'), 1)).toMatch(/protocol has 1 entry.*\[3\] does not exist/);
    expect(setAtPath(file(), steps('probes[0].tip_mm'), 1)).toMatch(/is a list; vary one number inside it/);
    expect(setAtPath(file(), steps('name.first'), 1)).toMatch(/name is a string/);
    expect(setAtPath(file(), steps('sensors[0].position_mm[0]'), 1)).toMatch(/sensors is missing/);
  });
});

describe('grid and shards', () => {
  const grid: Varied[] = [vary('a=1,2,3'), vary('b=10,20'), vary('c=7:9:1')];

  it('maps every run index to a distinct combination, first --vary slowest', () => {
    expect(runCount(grid)).toBe(18);
    const combos = Array.from({ length: 18 }, (_, i) => combination(grid, i).join('|'));
    expect(new Set(combos).size).toBe(18);
    expect(combination(grid, 0)).toEqual([1, 10, 7]);
    expect(combination(grid, 1)).toEqual([1, 10, 8]);
    expect(combination(grid, 17)).toEqual([3, 20, 9]);
  });

  it('splits runs round-robin into disjoint shards that cover every run once', () => {
    for (const n of [1, 2, 3, 5, 18, 25]) {
      const all = Array.from({ length: n }, (_, i) => shardRuns(18, { index: i + 1, count: n })).flat();
      expect(all.sort((x, y) => x - y)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    }
    expect(shardRuns(10, { index: 2, count: 3 })).toEqual([1, 4, 7]);
  });

  it('reads i/n, and auto from Slurm (0- or 1-based arrays) and Kubernetes indexed jobs', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(parseShard('auto/8', { JOB_COMPLETION_INDEX: '7' })).toEqual({ index: 8, count: 8 });
    expect(parseShard('4/3')).toEqual({ error: expect.stringMatching(/outside 1–3/) });
    expect(parseShard('0/3')).toEqual({ error: expect.stringMatching(/outside 1–3/) });
    expect(parseShard('two/3')).toEqual({ error: expect.stringMatching(/--shard <i>\/<n>/) });
    expect(parseShard('auto', {})).toEqual({ error: expect.stringMatching(/SLURM_ARRAY_TASK_ID is not set/) });
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '4' })).toEqual({ error: expect.stringMatching(/outside 1–4/) });
  });

  it('as a command option: the whole when absent, the shard when valid, an issue under its own spelling when not', () => {
    const issues: { path: string; message: string }[] = [];
    expect(shardOption(undefined, issues)).toEqual({ index: 1, count: 1 });
    expect(shardOption('3/4', issues)).toEqual({ index: 3, count: 4 });
    expect(issues).toEqual([]);
    shardOption('5/4', issues);
    expect(issues).toEqual([{ path: '--shard 5/4', message: expect.stringMatching(/outside 1–4/) }]);
  });
});
