/**
 * Ensembles in the browser (issue 13): the members of each protocol's ensemble run on the
 * page's worker pool, one pool job per planned run, and the summaries are recomputed as
 * each run finishes, so the probabilities fill in while the rest still run. Cancel stops
 * the runs in flight and keeps every member that finished.
 *
 * Planning and summarising are the CLI's own (workers/ensemble: planEnsemble, memberRecord,
 * protocolEnsemble), and each run goes through `runMembers` of the simulation service,
 * which does what the CLI's ensemble worker does; so a protocol's summary here is exactly
 * `cryo ensemble` of that protocol's scenario file with the same uncertainty section.
 *
 * Each protocol is planned with its own resolved section: an input with no explicit centre
 * centres on that protocol's value (the CLI refuses that for a comparison file; here every
 * protocol is its own ensemble). Members still share their design rows across protocols
 * (common random numbers) whenever the protocols list the same number of inputs.
 */
import type { Issue, Uncertainty } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { memberRecord, protocolEnsemble, type MemberRecord, type ProtocolEnsemble } from '../ensemble/ensemble-file.ts';
import { planEnsemble, type EnsemblePlan, type PlannedTask } from '../ensemble/ensemble-plan.ts';
import type { MembersReply, SimulationApi } from './simulation-service.ts';
import { JobCancelledError, poolSizeFor, type Job, type WorkerPool } from './worker-pool.ts';

export interface EnsembleProtocolInput {
  id: string;
  /** the protocol's scenario file (CLI format); an `uncertainty` section in it is ignored */
  file: Record<string, unknown>;
  /** the raw uncertainty section for this protocol (the panel centres each input on the protocol's own value) */
  section: Record<string, unknown>;
}

export interface PreparedProtocol {
  id: string;
  uncertainty: Uncertainty;
  plan: EnsemblePlan;
}

/**
 * Checks the uncertainty section against every protocol (the scenario validator, by path) and
 * plans each. Issues name the protocol when there are several.
 */
export function prepareEnsemble(protocols: EnsembleProtocolInput[]): { ok: true; protocols: PreparedProtocol[] } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const prepared: PreparedProtocol[] = [];
  for (const p of protocols) {
    const file = { ...p.file };
    delete file.uncertainty;
    const v = validateScenario({ ...file, uncertainty: p.section });
    const prefix = protocols.length > 1 ? `${p.id}: ` : '';
    if (!v.ok) {
      issues.push(...v.issues.map((i) => ({ path: prefix + i.path, message: i.message })));
      continue;
    }
    const uncertainty = v.scenario.uncertainty!;
    prepared.push({ id: p.id, uncertainty, plan: planEnsemble(uncertainty, [{ id: p.id, file }]) });
  }
  if (!protocols.length) issues.push({ path: 'protocols', message: 'tick at least one protocol to run an ensemble of' });
  return issues.length ? { ok: false, issues } : { ok: true, protocols: prepared };
}

/** One protocol's ensemble so far: the CLI's summary of the finished members (its bands over time feed the charts). */
export interface ProtocolEnsembleState {
  id: string;
  summary: ProtocolEnsemble;
}

export interface EnsembleProgress {
  runsDone: number;
  runsTotal: number;
  membersDone: number;
  membersTotal: number;
}

export interface EnsembleBatchOptions {
  skinMarginMm: number;
  /** hard cap on workers (memory) */
  maxWorkers: number;
  /** wall seconds between updates reaching the UI (at least) */
  updateIntervalS: number;
  /**
   * Largest share of the wall time the updates may take: each re-summarises every finished
   * member on the page's thread, which shares the cores with the workers, so the interval
   * grows with the cost of the last update. Absent: no such limit.
   */
  maxUpdateShare?: number;
  onUpdate?: (states: ProtocolEnsembleState[], progress: EnsembleProgress) => void;
}

export interface EnsembleBatch {
  /** settles when every run finished or was cancelled, with the final states */
  promise: Promise<{ states: ProtocolEnsembleState[]; progress: EnsembleProgress; cancelled: boolean }>;
  cancel(): void;
}

export function runEnsembleBatch(pool: WorkerPool<SimulationApi>, prepared: PreparedProtocol[], options: EnsembleBatchOptions): EnsembleBatch {
  const records: MemberRecord[][] = prepared.map(() => []);
  const planned: { protocol: number; task: PlannedTask }[] = [];
  let membersTotal = 0;
  prepared.forEach((p, protocol) => {
    const u = p.uncertainty;
    const { tasks, errors } = p.plan.tasksFor(p.plan.members.map((m) => m.index));
    membersTotal += p.plan.members.length;
    // A member whose sampled values make the scenario invalid is that member's error, as in the CLI.
    for (const e of errors) records[protocol].push(memberRecord(u, p.plan.members[e.member], { error: e.error }));
    for (const task of tasks) planned.push({ protocol, task });
  });
  // Members in turn across protocols, so every protocol's summary fills in at the same pace; within
  // a turn the longest protocols first, so the last runs are short and no worker idles long at the end.
  const simulatedS = (t: PlannedTask) => t.scenario.protocol.reduce((a, p) => a + p.duration_s, 0);
  planned.sort((a, b) => a.task.members[0] - b.task.members[0] || simulatedS(b.task) - simulatedS(a.task) || a.protocol - b.protocol);

  const progress: EnsembleProgress = { runsDone: 0, runsTotal: planned.length, membersDone: records.reduce((n, r) => n + r.length, 0), membersTotal };
  const states = (): ProtocolEnsembleState[] =>
    prepared.map((p, i) => ({ id: p.id, summary: protocolEnsemble(p.id, p.plan.protocols[0].scenario, records[i], options.skinMarginMm) }));
  const emit = adaptiveThrottle(() => options.onUpdate?.(states(), { ...progress }), options.updateIntervalS * 1000, options.maxUpdateShare ?? 1);

  pool.maxWorkers = poolSizeFor(planned.length, options.maxWorkers);
  let cancelled = false;
  const jobs: Job<MembersReply>[] = [];
  const settled = planned.map(({ protocol, task }) => {
    // The members' figures carry their full series (the summary's bands); the reply's thinned copy is not used.
    const job = pool.submit<MembersReply>((api) => api.runMembers({ scenario: task.scenario, offsets: task.offsets, maxSeriesPoints: 2 }));
    jobs.push(job);
    return job.promise.then(
      (reply) => {
        const u = prepared[protocol].uncertainty;
        const members = prepared[protocol].plan.members;
        task.members.forEach((m, k) => records[protocol].push(memberRecord(u, members[m], reply.ok ? { figures: reply.figures[k] } : { error: reply.message })));
        progress.runsDone++;
        progress.membersDone += task.members.length;
        emit();
      },
      (err: Error) => {
        // A cancelled run leaves its members out (not run); a crashed worker fails its members only.
        if (err instanceof JobCancelledError) return;
        const u = prepared[protocol].uncertainty;
        for (const m of task.members) records[protocol].push(memberRecord(u, prepared[protocol].plan.members[m], { error: err.message }));
        progress.runsDone++;
        progress.membersDone += task.members.length;
        emit();
      },
    );
  });
  // Members that could not run at all are known at once.
  emit();
  const promise = Promise.all(settled).then(() => {
    emit.cancel();
    const final = states();
    options.onUpdate?.(final, { ...progress });
    return { states: final, progress: { ...progress }, cancelled };
  });
  return {
    promise,
    cancel() {
      cancelled = true;
      for (const job of jobs) job.cancel();
    },
  };
}


/**
 * Calls `fn` at most once per interval, always delivering the latest state (a trailing call);
 * the interval is the larger of `minMs` and the last call's cost divided by `share`.
 */
function adaptiveThrottle(fn: () => void, minMs: number, share: number) {
  let nextAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    const start = performance.now();
    fn();
    const end = performance.now();
    nextAt = end + Math.max(minMs, (end - start) / share);
  };
  const emit = () => {
    if (timer) return;
    const wait = nextAt - performance.now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
  emit.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return emit;
}
