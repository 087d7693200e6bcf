/**
 * The protocol search (workers/optimise/search.ts) on the page's worker pool: each candidate's
 * member runs are pool jobs (`runMembers`, what the CLI's ensemble worker does), scored by the
 * CLI's own code (workers/optimise/score.ts), so the same request and seed give the same
 * suggestion as `cryo optimise`. Cancel stops the search and the runs in flight; the result
 * then holds the candidates that finished (interrupted: true).
 */
import type { Uncertainty } from '../../scenarios/schema.ts';
import { searchProtocol, type Candidate, type SearchOptions, type SearchResult, type Target } from '../optimise/search.ts';
import { evaluatorOver, runsPerEvaluation, type RunTasks } from '../optimise/score.ts';
import type { MembersReply, SimulationApi } from './simulation-service.ts';
import { JobCancelledError, poolSizeFor, type Job, type WorkerPool } from './worker-pool.ts';

export interface PoolSearchRequest {
  /** the base scenario file (CLI format) without an uncertainty section */
  file: Record<string, unknown>;
  /** resolved section, or null for a deterministic search */
  uncertainty: Uncertainty | null;
  target: Target;
  /** the search options apart from those derived here (runs per evaluation, stop) */
  search: Omit<SearchOptions, 'runsPerEvaluation' | 'stop' | 'target'>;
}

export interface PoolSearchProgress {
  /** solver runs finished, of at most `maxRuns` */
  runs: number;
  maxRuns: number;
  /** runs of the candidate under way */
  candidateRunsDone: number;
  candidateRunsTotal: number;
  candidates: Candidate[];
  line: string;
}

export interface PoolSearch {
  promise: Promise<SearchResult>;
  cancel(): void;
}

export function searchOnPool(
  pool: WorkerPool<SimulationApi>,
  request: PoolSearchRequest,
  options: { maxWorkers: number; onProgress?: (p: PoolSearchProgress) => void },
): PoolSearch {
  const stop = { requested: false };
  let inFlight: Job<MembersReply>[] = [];
  const perEvaluation = runsPerEvaluation(request.uncertainty);
  const state: PoolSearchProgress = { runs: 0, maxRuns: request.search.maxRuns, candidateRunsDone: 0, candidateRunsTotal: 0, candidates: [], line: '' };
  const emit = () => options.onProgress?.({ ...state, candidates: [...state.candidates] });

  const runAll: RunTasks = async (tasks) => {
    pool.maxWorkers = poolSizeFor(tasks.length, options.maxWorkers);
    state.candidateRunsDone = 0;
    state.candidateRunsTotal = tasks.length;
    emit();
    inFlight = tasks.map((t) => pool.submit<MembersReply>((api) => api.runMembers({ scenario: t.scenario, offsets: t.offsets, maxSeriesPoints: 2 })));
    const replies = await Promise.all(
      inFlight.map((job) =>
        job.promise.then(
          (r) => {
            state.candidateRunsDone++;
            emit();
            return r.ok ? r.figures : r.message;
          },
          (e: Error) => {
            // Cancelled: the whole evaluation is void (the search then stops); a crash fails that task's members only.
            if (e instanceof JobCancelledError) throw e;
            return e.message;
          },
        ),
      ),
    );
    inFlight = [];
    return replies;
  };

  const evaluate = evaluatorOver({ file: request.file, uncertainty: request.uncertainty, target: request.target, skinMarginMm: request.search.skinMarginMm }, runAll);
  const promise = searchProtocol({ ...request.search, target: request.target, runsPerEvaluation: perEvaluation, stop }, evaluate, (line, candidate, runs) => {
    state.runs = runs;
    state.candidateRunsDone = 0;
    state.candidateRunsTotal = 0;
    state.line = line;
    state.candidates.push(candidate);
    emit();
  });
  return {
    promise,
    cancel() {
      stop.requested = true;
      for (const job of inFlight) job.cancel();
    },
  };
}
