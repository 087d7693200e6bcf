/**
 * `--shard i/n`: which runs of a sweep this process does. Shard i (1-based) takes every run
 * whose index satisfies `index mod n = i − 1` (round-robin, not contiguous blocks, so that a
 * parameter which makes runs slower as it grows is spread evenly over the shards). The n
 * shards are disjoint and together cover every run exactly once.
 *
 * `--shard auto` takes i and n from a Slurm array job (SLURM_ARRAY_TASK_ID, _MIN, _STEP,
 * _COUNT, so `--array=0-7` and `--array=1-8` both work); `--shard auto/n` takes i from
 * JOB_COMPLETION_INDEX (Kubernetes indexed jobs, 0-based, which do not publish the count)
 * or else from Slurm.
 */
import type { Issue } from '../../scenarios/schema.ts';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

const WHOLE: Shard = { index: 1, count: 1 };

type Env = Record<string, string | undefined>;

const POSITIVE_INT = /^\d+$/;

/** The `--shard` option of a command: the whole when absent; a bad one adds an issue under its own spelling. */
export function shardOption(spec: string | undefined, issues: Issue[]): Shard {
  if (spec === undefined) return WHOLE;
  const s = parseShard(spec);
  if (!('error' in s)) return s;
  issues.push({ path: `--shard ${spec}`, message: s.error });
  return WHOLE;
}

/** The shard, or a message (without the option name) saying what to write instead. */
export function parseShard(spec: string, env: Env = process.env): Shard | { error: string } {
  const fix = 'write --shard <i>/<n> with 1 ≤ i ≤ n (e.g. --shard 2/8), --shard auto (Slurm array) or --shard auto/<n> (Kubernetes indexed job)';
  const [iText, nText, extra] = spec.split('/');
  if (extra !== undefined) return { error: fix };
  if (iText === 'auto') return autoShard(nText, env);
  if (!POSITIVE_INT.test(iText ?? '') || !POSITIVE_INT.test(nText ?? '')) return { error: fix };
  return checked('', Number(iText), Number(nText));
}

/** `from` says where an automatic index came from, for the message. */
function checked(from: string, index: number, count: number): Shard | { error: string } {
  if (count < 1) return { error: `the number of shards must be at least 1${from}` };
  if (!Number.isInteger(index) || index < 1 || index > count) return { error: `shard index ${index}${from} is outside 1–${count} (shards count from 1)` };
  return { index, count };
}

function autoShard(nText: string | undefined, env: Env): Shard | { error: string } {
  if (nText !== undefined && !POSITIVE_INT.test(nText)) return { error: 'write --shard auto or --shard auto/<n>, e.g. auto/8' };
  const k8s = env.JOB_COMPLETION_INDEX;
  if (nText !== undefined && k8s !== undefined) {
    if (!POSITIVE_INT.test(k8s)) return { error: `JOB_COMPLETION_INDEX='${k8s}' is not a whole number` };
    return checked(` (from JOB_COMPLETION_INDEX=${k8s}, which counts from 0)`, Number(k8s) + 1, Number(nText));
  }
  const id = env.SLURM_ARRAY_TASK_ID;
  if (id === undefined)
    return {
      error:
        nText !== undefined
          ? 'neither JOB_COMPLETION_INDEX (Kubernetes indexed job) nor SLURM_ARRAY_TASK_ID (Slurm array job) is set; outside such a job give the shard as --shard <i>/<n>'
          : 'SLURM_ARRAY_TASK_ID is not set (not a Slurm array job); in a Kubernetes indexed job write --shard auto/<completions>, elsewhere --shard <i>/<n>',
    };
  const min = Number(env.SLURM_ARRAY_TASK_MIN ?? '0');
  const step = Number(env.SLURM_ARRAY_TASK_STEP ?? '1') || 1;
  const count = nText !== undefined ? Number(nText) : Number(env.SLURM_ARRAY_TASK_COUNT);
  if (!POSITIVE_INT.test(id) || !Number.isInteger(count))
    return { error: `SLURM_ARRAY_TASK_ID='${id}' / SLURM_ARRAY_TASK_COUNT='${env.SLURM_ARRAY_TASK_COUNT}' are not whole numbers; give --shard <i>/<n>` };
  return checked(` (from SLURM_ARRAY_TASK_ID=${id}, SLURM_ARRAY_TASK_MIN=${min})`, (Number(id) - min) / step + 1, count);
}

/** The run indices of this shard, ascending. */
export function shardRuns(totalRuns: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let i = shard.index - 1; i < totalRuns; i += shard.count) out.push(i);
  return out;
}
