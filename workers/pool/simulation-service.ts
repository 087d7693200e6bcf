/**
 * What a simulation worker does, separated from the worker wiring so it can be
 * tested in Node with a fake engine: validate a scenario file, run it (the engine
 * throttles progress and thins map snapshots by workers/engine/run-output.ts),
 * and turn every failure into a message with JSON paths
 * (never an uncaught exception, which would kill the worker). A numerical fault
 * and an allocation failure get their own wording; after the latter the reply
 * asks for the worker to be replaced, since its heap may be left fragmented.
 *
 * Fault injection (`RunRequest.faultInjection`) exists for the reliability
 * tests only: the app never sets it, and neither a scenario file nor a share
 * link can reach it (they travel as `RunRequest.scenario`).
 */
import type { Issue, Nerve, Result, Scenario, ScenarioFile, Vec3 } from '../../scenarios/schema.ts';
import { memberFigures, type MemberFigures } from '../ensemble/figures.ts';
import { formatIssues } from '../../scenarios/validate.ts';
import type { KernelSet } from '../engine/kernel-set.ts';
import type { FieldFrames, Progress, RunOptions, RunOutput } from '../engine/run-types.ts';
import { progressIntervalS, seriesIndices } from '../engine/run-output.ts';
import { splitThreads } from '../engine/thread-policy.ts';
import type { ThreadTeam } from '../engine/thread-team.ts';

export type ValidateFn = (
  input: unknown,
) => { ok: true; scenario: Scenario; issues: Issue[] } | { ok: false; issues: Issue[] };

export type RunFn = (scenario: Scenario, kernels: WebAssembly.Module | KernelSet, options?: RunOptions) => RunOutput;

export interface RunRequest {
  scenario: ScenarioFile;
  /** record temperature snapshots for the map */
  frames: boolean;
  /** wall seconds between progress reports */
  progressIntervalS: number;
  /** keep at most this many map snapshots (evenly spaced, always the last) */
  maxFrames?: number;
  /** tests only: make this run fail in a chosen way */
  faultInjection?: FaultInjection;
  /**
   * Threads this run may use (default 1): the pool offers the cores left over when it runs
   * fewer protocols than cores; thread-policy.ts decides whether the grid is worth splitting.
   */
  threads?: number;
}

/**
 * Test-only faults. `dtScale` goes to the engine (its time step times this
 * factor, past the stability limit: a NumericalFaultError). `crash` makes the
 * worker die mid-run by an uncaught error (`throw`) or `self.close()` (`close`),
 * or run out of memory the way a too-large grid would (`oom`: wasm memories are
 * reserved until the browser refuses one).
 */
export interface FaultInjection {
  dtScale?: number;
  crash?: CrashKind;
}
export type CrashKind = 'throw' | 'close' | 'oom';

export type RunReply =
  | { ok: true; result: Result; frames: FieldFrames | null; scenario: Scenario }
  | {
      ok: false;
      kind: 'invalid' | 'error';
      message: string;
      issues: Issue[];
      /** the worker should be replaced before its next run (it ran out of memory) */
      replaceWorker?: boolean;
    };

export type ValidateReply = { ok: true; scenario: Scenario; issues: Issue[] } | { ok: false; issues: Issue[] };

/**
 * One ensemble task (issue 13): a member scenario already resolved and validated by the
 * ensemble plan, run once on one thread, the nerve scored at each offset, exactly as the
 * CLI's ensemble worker does (workers/ensemble/member-run.ts), so a seed gives the same
 * figures in the browser as in `cryo ensemble`.
 */
export interface MembersRequest {
  scenario: Scenario;
  /** nerve–probe offsets (mm), one per member sharing this run */
  offsets: Vec3[];
  /** keep at most this many output times in the series (evenly spaced, plus every phase's end); memory for big ensembles */
  maxSeriesPoints?: number;
}

/** Isotherm extents over time of one member run, for the p10/p50/p90 bands on the charts. */
export interface MemberSeries {
  times_s: number[];
  isotherms: Record<string, Pick<IsothermSeriesLike, 'radius_mm' | 'mid_radius_mm' | 'top_depth_mm' | 'bottom_depth_mm' | 'length_mm'>>;
}
type IsothermSeriesLike = Result['isotherms'][string];

export type MembersReply = { ok: true; figures: MemberFigures[]; series: MemberSeries } | { ok: false; message: string };

/** What a warm-up did: the scenarios it ran, and why it skipped one if it did (never an error). */
export interface WarmUpReply {
  ran: number;
  ms: number;
  message?: string;
}

/** The Comlink-exposed surface of a simulation worker. */
export interface SimulationApi {
  ping(): string;
  validate(input: unknown): ValidateReply;
  /**
   * Compiles the kernels and runs small scenarios once, so that the first real run does not pay
   * for the worker's start-up (wasm compile, the engine's JavaScript getting optimised). Never
   * fails: a scenario that does not validate or run is skipped, and the real run reports it.
   */
  warmUp(scenarios: unknown[]): Promise<WarmUpReply>;
  run(request: RunRequest, onProgress?: (p: Progress) => void): Promise<RunReply>;
  runMembers(request: MembersRequest): Promise<MembersReply>;
}

export interface ServiceDeps {
  validate: ValidateFn;
  run: RunFn;
  loadKernel: () => Promise<WebAssembly.Module | KernelSet>;
  /** hands typed arrays over without copying (Comlink.transfer in the worker) */
  transfer?: <T>(value: T, buffers: Transferable[]) => T;
  /** carries out `faultInjection.crash` (worker-specific; tests only) */
  injectCrash?: (kind: CrashKind) => Promise<never>;
  /** a thread team for one run, or null where there can be none (no shared memory) */
  createTeam?: (threads: number) => Promise<ThreadTeam | null>;
}

export function createSimulationService(deps: ServiceDeps): SimulationApi {
  let kernel: Promise<WebAssembly.Module | KernelSet> | null = null;
  const getKernel = () => {
    // Compile once per worker; a failed compile is retried on the next run.
    kernel ??= deps.loadKernel().catch((e) => {
      kernel = null;
      throw e;
    });
    return kernel;
  };

  return {
    ping: () => 'pong',

    validate(input: unknown): ValidateReply {
      try {
        return deps.validate(input);
      } catch (e) {
        return { ok: false, issues: [{ path: '', message: `validator failed: ${errorText(e)}` }] };
      }
    },

    async warmUp(scenarios): Promise<WarmUpReply> {
      const t0 = performance.now();
      let ran = 0;
      let message: string | undefined;
      try {
        const module = await getKernel();
        for (const input of scenarios) {
          const checked = deps.validate(input);
          if (!checked.ok) {
            message ??= `warm-up scenario skipped: ${checked.issues[0]?.path}: ${checked.issues[0]?.message}`;
            continue;
          }
          deps.run(checked.scenario, module, { frames: true, maxFrames: 4 });
          ran++;
        }
      } catch (e) {
        message = errorText(e);
      }
      return { ran, ms: performance.now() - t0, ...(message ? { message } : {}) };
    },

    async runMembers(request): Promise<MembersReply> {
      let module: WebAssembly.Module | KernelSet;
      try {
        module = await getKernel();
      } catch (e) {
        return { ok: false, message: `could not load the solver kernel: ${errorText(e)}` };
      }
      try {
        const { result, scoreNerve } = deps.run(request.scenario, module, { nerveScorer: true });
        const nerve = request.scenario.nerve;
        const figures = request.offsets.map((o) => memberFigures(result, nerve && scoreNerve ? scoreNerve(shifted(nerve, o)) : null));
        const keep = seriesIndices(result.times_s.length, result.phase ?? [], request.maxSeriesPoints ?? Infinity);
        const pick = <T>(xs: T[] | undefined) => (xs ? keep.map((i) => xs[i]) : undefined);
        const isotherms = Object.fromEntries(
          Object.entries(result.isotherms ?? {}).map(([level, s]) => [
            level,
            { radius_mm: pick(s.radius_mm)!, mid_radius_mm: pick(s.mid_radius_mm), top_depth_mm: pick(s.top_depth_mm)!, bottom_depth_mm: pick(s.bottom_depth_mm)!, length_mm: pick(s.length_mm)! },
          ]),
        );
        return { ok: true, figures, series: { times_s: pick(result.times_s)!, isotherms } };
      } catch (e) {
        // Worded as the CLI's ensemble worker words it, so member errors read the same in both.
        const issues = (e as { issues?: unknown }).issues;
        if (Array.isArray(issues) && issues.every(isIssue)) return { ok: false, message: formatIssues(issues) };
        return { ok: false, message: errorText(e) };
      }
    },

    async run(request, onProgress): Promise<RunReply> {
      let checked: ValidateReply;
      try {
        checked = deps.validate(request.scenario);
      } catch (e) {
        return fail('error', `validator failed: ${errorText(e)}`, []);
      }
      if (!checked.ok) return fail('invalid', 'the scenario is not valid', checked.issues);
      let module: WebAssembly.Module;
      try {
        module = await getKernel();
      } catch (e) {
        return fail('error', `could not load the solver kernel: ${errorText(e)}`, []);
      }
      const report = (p: Progress) => {
        try {
          onProgress?.(p);
        } catch {
          /* a broken listener must not stop the run */
        }
      };
      const faults = request.faultInjection;
      let team: ThreadTeam | null = null;
      try {
        if (faults?.crash) {
          if (!deps.injectCrash) throw new Error(`fault injection "${faults.crash}" is not available in this worker`);
          await deps.injectCrash(faults.crash);
        }
        const threads = deps.createTeam ? splitThreads(checked.scenario, request.threads ?? 1) : 1;
        // A team that cannot start costs the run nothing but its speed.
        if (threads > 1) team = await deps.createTeam!(threads).catch(() => null);
        const out = deps.run(checked.scenario, module, {
          team,
          onProgress: report,
          progressIntervalS: progressIntervalS(request.progressIntervalS),
          frames: request.frames,
          // The engine thins while it runs, so a long fine-grid run never holds every snapshot at once.
          ...(request.maxFrames !== undefined ? { maxFrames: request.maxFrames } : {}),
          ...(faults?.dtScale ? { faultInjection: { dtScale: faults.dtScale } } : {}),
        });
        const frames = out.frames ? ownFrames(out.frames) : null;
        const reply: RunReply = { ok: true, result: out.result, frames, scenario: checked.scenario };
        if (frames && deps.transfer) {
          const kinds = [frames.cell_kind, ...(frames.cell_kind_changes ?? []).map((c) => c.cell_kind)];
          const buffers: Transferable[] = [...frames.temperatures_c, ...kinds].map((a) => a.buffer);
          return deps.transfer(reply, buffers);
        }
        return reply;
      } catch (e) {
        const issues = (e as { issues?: unknown }).issues;
        if (Array.isArray(issues) && issues.every(isIssue)) {
          // ScenarioInputError: compile-time problems (e.g. dt above the stability limit).
          return fail('invalid', errorText(e), issues);
        }
        if (isNumericalFault(e)) return fail('error', `numerical fault: ${errorText(e)}`, []);
        if (isOutOfMemory(e)) {
          return {
            ...fail('error', `out of memory: the browser could not allocate memory for this run (${errorText(e)}); use a coarser grid (geometry.spacing_mm), run fewer protocols at once, or close other tabs`, []),
            replaceWorker: true,
          };
        }
        return fail('error', `the simulation failed: ${errorText(e)}`, []);
      } finally {
        team?.terminate();
      }
    },
  };
}

/**
 * The nerve moved by an offset, as workers/ensemble/member-run.ts moves it (copied rather than
 * imported: that module pulls in the engine, and the page imports this one).
 */
function shifted(nerve: Nerve, offset: Vec3): Nerve {
  return { ...nerve, center_mm: [nerve.center_mm[0] + offset[0], nerve.center_mm[1] + offset[1], nerve.center_mm[2] + offset[2]] };
}

/** By name, not instanceof: the class may come from another bundle (worker chunk, test fake). */
function isNumericalFault(e: unknown): boolean {
  return e instanceof Error && e.name === 'NumericalFaultError';
}

/**
 * What V8 throws when an allocation fails: "WebAssembly.Memory(): could not
 * allocate memory", "Array buffer allocation failed", "Out of memory". A
 * RangeError for a bad argument (an invalid array length) is not one of them.
 */
export function isOutOfMemory(e: unknown): boolean {
  return e instanceof RangeError && /could not allocate|allocation failed|out of memory/i.test(e.message);
}

type RunFailure = Extract<RunReply, { ok: false }>;

function fail(kind: 'invalid' | 'error', message: string, issues: Issue[]): RunFailure {
  return { ok: false, kind, message, issues };
}

function isIssue(x: unknown): x is Issue {
  return !!x && typeof (x as Issue).path === 'string' && typeof (x as Issue).message === 'string';
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Copies every array into its own buffer. Chromium refuses to transfer a wasm
 * memory buffer ("not detachable") and a view into a larger buffer would drag the
 * whole buffer along, so the engine's arrays are always copied before transfer.
 */
export function ownFrames(f: FieldFrames): FieldFrames {
  return {
    ...f,
    times_s: [...f.times_s],
    temperatures_c: f.temperatures_c.map((a) => a.slice()),
    cell_kind: f.cell_kind.slice(),
    ...(f.cell_kind_changes ? { cell_kind_changes: f.cell_kind_changes.map((c) => ({ after_s: c.after_s, cell_kind: c.cell_kind.slice() })) } : {}),
  };
}

/** The workbench still imports this from here (web/components/cryo-workbench/cryo-workbench.ts); it lives in run-output.ts. */
