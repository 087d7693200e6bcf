/**
 * Carries out a planned ensemble for one shard on worker threads (the sweep's pool), with
 * progress on stderr. On SIGINT/SIGTERM it stops the threads and still writes the
 * document, holding every member finished so far and `complete: false`; exit 130/143.
 */
import { writeFileSync } from 'node:fs';
import { shardRuns, type Shard } from '../sweep/shard.ts';
import { SIGNAL_EXIT, SweepPool, type LostTask } from '../sweep/sweep-pool.ts';
import { formatDuration, sweepProgress } from '../sweep/sweep-progress.ts';
import { ENSEMBLE_SCHEMA, memberRecord, protocolEnsemble, type EnsembleFile, type MemberRecord } from './ensemble-file.ts';
import type { EnsemblePlan } from './ensemble-plan.ts';
import type { EnsembleReply, EnsembleTask } from './member-run.ts';

export interface EnsembleRunOptions {
  name: string;
  plan: EnsemblePlan;
  shard: Shard;
  threads: number;
  skinMarginMm: number;
  outPath?: string;
  out: { write(text: string): unknown };
  err: { write(text: string): unknown; isTTY?: boolean };
}

/** The ensemble worker-thread entry; resolves to the built worker when bundled (workers/cli/build.mjs). */
export const WORKER_ENTRY = new URL('./ensemble-worker.mjs', import.meta.url);

export async function runEnsemble(o: EnsembleRunOptions): Promise<number> {
  const { plan, shard } = o;
  const u = plan.uncertainty;
  const memberIndices = shardRuns(u.samples, shard);
  const { tasks, errors } = plan.tasksFor(memberIndices);
  const records = plan.protocols.map(() => [] as MemberRecord[]);
  for (const e of errors) records[e.protocol].push(memberRecord(u, plan.members[e.member], { error: e.error }));

  const threads = Math.max(1, Math.min(o.threads, tasks.length));
  const shardText = shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : '';
  o.err.write(
    `cryo ensemble: ${memberIndices.length} members × ${plan.protocols.length} protocol(s)${shardText} in ${tasks.length} runs on ${threads} worker thread${threads === 1 ? '' : 's'}\n`,
  );
  const progress = sweepProgress(o.err, tasks.length, 'ensemble');
  const startMs = Date.now();
  const pool = new SweepPool<EnsembleTask, EnsembleReply>(
    threads,
    (reply: EnsembleReply | LostTask) => {
      const task = tasks[reply.index];
      task.members.forEach((m, k) => {
        const outcome = 'figures' in reply ? { figures: reply.figures[k] } : { error: reply.error };
        records[task.protocol].push(memberRecord(u, plan.members[m], outcome));
      });
      progress.runFinished('figures' in reply);
    },
    WORKER_ENTRY,
  );

  // Tasks travel without the planning fields the threads do not need.
  const signalled = await pool.runStoppable(tasks.map(({ index, scenario, offsets }) => ({ index, scenario, offsets })));

  const doc: EnsembleFile = {
    schema: ENSEMBLE_SCHEMA,
    name: o.name,
    uncertainty: u,
    skin_margin_mm: o.skinMarginMm,
    shard,
    complete: signalled === null,
    protocols: plan.protocols.map((p, i) => protocolEnsemble(p.id, p.scenario, records[i], o.skinMarginMm, u)),
  };
  const json = JSON.stringify(doc, null, 2) + '\n';
  if (o.outPath) writeFileSync(o.outPath, json);
  else o.out.write(json);
  o.err.write(summaryTable(doc));
  o.err.write(sensitivityTable(doc));
  if (signalled) {
    progress.interrupted();
    o.err.write(`cryo ensemble: stopped by ${signalled}; ${o.outPath ?? 'the output'} holds every member finished before it (complete: false)\n`);
    return SIGNAL_EXIT[signalled];
  }
  o.err.write(`cryo ensemble: ${tasks.length} runs in ${formatDuration((Date.now() - startMs) / 1000)}${o.outPath ? ` → ${o.outPath}` : ''}\n`);
  return 0;
}

const pct = (p: number | null) => (p === null ? '—' : `${(100 * p).toFixed(0)} %`);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

/** Probabilities and the nerve's p10/p50/p90 per protocol, for the terminal. */
export function summaryTable(doc: EnsembleFile): string {
  const header = ['protocol', 'members', 'P(nerve ≤−20)', 'P(nerve ≤−40)', 'P(skin frozen)', `P(ice < ${doc.skin_margin_mm} mm)`, 'nerve min °C p10/p50/p90'];
  const rows = doc.protocols.map((p) => {
    const b = p.percentiles.nerve?.min_c;
    return [
      p.id,
      `${p.samples}${p.failed ? ` (+${p.failed} failed)` : ''}`,
      pct(p.probability.nerve_full_minus20),
      pct(p.probability.nerve_full_minus40),
      pct(p.probability.skin_frozen),
      pct(p.probability.ice_within_margin),
      b ? `${num(b.p10)} / ${num(b.p50)} / ${num(b.p90)}` : '—',
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  return all.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ')).join('\n') + '\n';
}

/**
 * Per protocol and figure, the inputs ranked by |rho| (at most `top`), for the terminal:
 * the teaching answer to "which inputs decide this verdict".
 */
export function sensitivityTable(doc: EnsembleFile, top = 3): string {
  const lines: string[] = [];
  for (const p of doc.protocols) {
    const entries = p.sensitivity ?? [];
    if (entries.length === 0) continue;
    lines.push(`sensitivity (Spearman rank correlation, n = ${entries[0].n}) — ${p.id}`);
    const figures = [...new Set(entries.map((e) => e.figure))];
    const width = Math.max(...figures.map((f) => f.length));
    for (const f of figures) {
      const ranked = entries.filter((e) => e.figure === f && e.rho !== null).slice(0, top);
      const text = ranked.length ? ranked.map((e) => `${e.input} ${e.rho! >= 0 ? '+' : '−'}${Math.abs(e.rho!).toFixed(2)}`).join(', ') : 'does not vary';
      lines.push(`  ${f.padEnd(width)}  ${text}`);
    }
    const sobol = p.sobol_indices ?? [];
    if (sobol.length === 0) continue;
    lines.push(`Sobol indices, first-order / total (Saltelli design, ${sobol[0].n} base points) — ${p.id}`);
    for (const f of [...new Set(sobol.map((e) => e.figure))]) {
      const ranked = sobol.filter((e) => e.figure === f && e.first !== null).sort((a, b) => (b.total ?? 0) - (a.total ?? 0)).slice(0, top);
      const text = ranked.length ? ranked.map((e) => `${e.input} ${e.first!.toFixed(2)} / ${e.total!.toFixed(2)}`).join(', ') : 'does not vary';
      lines.push(`  ${f.padEnd(width)}  ${text}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
