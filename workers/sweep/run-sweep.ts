/**
 * Carries out a planned sweep for one shard: writes the header, an error row for every
 * invalid combination, and a row for every run as its worker thread finishes (in
 * completion order; sort by `run` for grid order). On SIGINT/SIGTERM it stops the threads
 * and returns 130/143 with the file complete up to the last finished row.
 */
import type { Shard } from './shard.ts';
import { shardRuns } from './shard.ts';
import { csvLine, openSink } from './csv-sink.ts';
import type { SummaryValue } from './sweep-columns.ts';
import type { SweepPlan } from './sweep-plan.ts';
import { SIGNAL_EXIT, SweepPool, type WorkerReply, type WorkerTask } from './sweep-pool.ts';
import { formatDuration, sweepProgress } from './sweep-progress.ts';

export interface SweepRunOptions {
  plan: SweepPlan;
  variedPaths: string[];
  shard: Shard;
  threads: number;
  /** CSV file; stdout when absent */
  outPath?: string;
  header: boolean;
  out: { write(text: string): unknown };
  err: { write(text: string): unknown; isTTY?: boolean };
}

export async function runSweep(o: SweepRunOptions): Promise<number> {
  const { plan, shard } = o;
  const runs = shardRuns(plan.totalRuns, shard);
  const sink = openSink(o.outPath, o.out);
  const valuesOf = new Map<number, (number | string)[]>();
  const writeRow = (index: number, fields: Record<string, SummaryValue>) => {
    const named: Record<string, SummaryValue> = { ...fields, run: index };
    o.variedPaths.forEach((p, k) => (named[p] = valuesOf.get(index)![k]));
    sink.write(csvLine(plan.columns.map((c) => named[c])));
  };
  if (o.header) sink.write(csvLine(plan.columns));

  const shardText = shard.count > 1 ? ` (shard ${shard.index}/${shard.count} of ${plan.totalRuns})` : '';
  const threads = Math.max(1, Math.min(o.threads, runs.length));
  o.err.write(`cryo sweep: ${runs.length} runs${shardText} on ${threads} worker thread${threads === 1 ? '' : 's'}\n`);
  const progress = sweepProgress(o.err, runs.length, 'sweep');
  const startMs = Date.now();

  const tasks: WorkerTask[] = [];
  for (const index of runs) {
    const planned = plan.scenarioFor(index);
    valuesOf.set(index, planned.values);
    if ('error' in planned) {
      writeRow(index, { error: planned.error });
      valuesOf.delete(index);
      progress.runFinished(false);
    } else tasks.push({ index, scenario: planned.scenario });
  }

  const pool = new SweepPool(threads, (reply: WorkerReply) => {
    if ('row' in reply) writeRow(reply.index, reply.row);
    else writeRow(reply.index, { error: 'error' in reply ? reply.error : 'the worker answered without a summary row' });
    valuesOf.delete(reply.index);
    progress.runFinished('row' in reply);
  });

  const signalled = await pool.runStoppable(tasks).finally(() => sink.close());
  const elapsed = formatDuration((Date.now() - startMs) / 1000);
  if (signalled) {
    progress.interrupted();
    o.err.write(`cryo sweep: stopped by ${signalled}; ${o.outPath ?? 'the output'} holds every run finished before it\n`);
    return SIGNAL_EXIT[signalled];
  }
  const failures = progress.failed ? `; ${progress.failed} with errors (see the error column)` : '';
  o.err.write(`cryo sweep: ${runs.length} runs in ${elapsed}${failures}${o.outPath ? ` → ${o.outPath}` : ''}\n`);
  return 0;
}
