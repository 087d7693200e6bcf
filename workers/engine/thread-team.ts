/**
 * A thread team: helper threads that step one grid together with the thread that runs
 * the simulation (thread 0), on one shared WebAssembly.Memory, with the shared build of
 * the f32 kernel (wasm/assembly/kernel-simd-shared.ts). Independent of where the helpers
 * live: Node worker threads (workers/node/team-node.ts) or nested web workers
 * (workers/pool/team-browser.ts) hand this class their message ports.
 *
 * The team owns one shared WebAssembly.Memory, handed to every helper when the team is made;
 * each run's kernel is laid out on it (grown as needed) and announced to the helpers through
 * a mailbox in that memory, never by message: a browser delivers no message to a nested
 * worker while its parent is busy, and the parent is busy for the whole synchronous run.
 * A chunk of steps runs wholly inside wasm: thread 0 writes the chunk into the team block,
 * bumps the command word the helpers wait on, and steps its own rows; the helpers' rows
 * are done when its last barrier opens. A helper that throws marks the team failed and a
 * helper that stops answering is noticed when a barrier has waited `timeoutMs`: either
 * way the chunk throws a ThreadTeamError instead of hanging.
 */
import { CALL_NAMES, MAILBOX, OP, TEAM, type HelperFault, type HelperMessage, type JoinMessage } from '../team/team-helper.mjs';
import type { SharedSimdKernelExports } from '../../wasm/kernel-simd-host.ts';

/** One helper thread as its creator sees it. */
export interface TeamHelper {
  postMessage(msg: JoinMessage): void;
  terminate(): void;
}

export interface TeamOptions {
  /** a barrier that waits this long for a helper fails the run (ms) */
  timeoutMs?: number;
  /** polls of the barrier word before sleeping in memory.atomic.wait32 */
  spinPolls?: number;
  /**
   * 'adaptive' (default): time the team against thread 0 alone now and then and step the
   * faster way (results are identical either way); 'always': every step on the team.
   */
  schedule?: 'adaptive' | 'always';
  /** tests only: make the helpers fail after some chunks */
  fault?: HelperFault;
}

/** Steps of a probe of the way not currently chosen (adaptive schedule), and long steps of a two-rate probe. */
const PROBE_STEPS = 8;
const PROBE_LONG_STEPS = 2;
/** Chunks between probes: from 4, doubling while the choice holds, up to 64. */
const PROBE_EVERY_MIN = 4;
const PROBE_EVERY_MAX = 64;

/**
 * Long enough for any step a run may take: the largest allowed grid (30 M cells) is about
 * 0.2 s per step per thread; a helper silent this long is gone.
 */
const DEFAULT_TEAM_TIMEOUT_MS = 10_000;
/**
 * Barrier polls before sleeping (about a millisecond): enough to ride out the usual skew
 * between threads and a late wake-up, which sleeping sooner turns into a convoy of
 * wake-ups (see wasm/assembly/kernel-simd-shared.ts; measured by tests/bench).
 */
const DEFAULT_SPIN_POLLS = 1_000_000;

/** The team stopped mid-run: a helper failed or stopped answering. */
export class ThreadTeamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreadTeamError';
  }
}

/** What a simulation's kernel hands the team (wasm/kernel-simd-host.ts with threads > 1). */
export interface SharedKernel {
  exports: SharedSimdKernelExports;
  memory: WebAssembly.Memory;
  /** configuration calls made on thread 0's instance so far, replayed by each helper */
  calls: [string, number[]][];
  team: { block: number; scratch: number; scratchBytes: number };
}

/** A two-rate chunk: short steps per long step and the cold box (padded, half-open: i0, i1, j0, j1, k0, k1). */
export interface TwoRateChunk {
  ratio: number;
  box: [number, number, number, number, number, number];
}

/**
 * Steps a chunk of `n` steps of `dtS` from `timeS` with `links` boundary links — or, with
 * `twoRate`, `n` long steps of `ratio` short steps of `dtS` each — and returns the new time.
 */
export type TeamStepper = (n: number, timeS: number, dtS: number, links: number, twoRate?: TwoRateChunk) => number;

/**
 * Largest memory a team's runs may grow to (pages of 64 KiB): 1 GiB, four times the largest
 * run the validator allows (scenarios/presets.ts MAX_RUN_BYTES); address space only until used.
 */
const TEAM_MAX_PAGES = 16_384;

export class ThreadTeam {
  private attached: { kernel: SharedKernel; i32: Int32Array; f64: Float64Array } | null = null;
  private broken: string | null = null;
  private closed = false;
  readonly timeoutMs: number;
  readonly spinPolls: number;
  /** the memory every run of this team is laid out on; the helpers hold it from the start */
  readonly memory = new WebAssembly.Memory({ initial: 1, maximum: TEAM_MAX_PAGES, shared: true });

  /** Hands each helper the module and memory; the helper answers {kind: 'ready'} once it holds them. */
  constructor(
    /** the shared-memory kernel build, compiled */
    readonly module: WebAssembly.Module,
    private readonly helpers: TeamHelper[],
    private readonly options: TeamOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TEAM_TIMEOUT_MS;
    this.spinPolls = options.spinPolls ?? DEFAULT_SPIN_POLLS;
    helpers.forEach((h, i) =>
      h.postMessage({ kind: 'join', module, memory: this.memory, thread: i + 1, ...(options.fault ? { fault: options.fault } : {}) }),
    );
  }

  /** Threads stepping a grid: the helpers and the driving thread. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Called by the helpers' owner when one dies by itself; the next chunk then fails at once. */
  helperLost(message: string): void {
    this.broken ??= message;
  }

  /**
   * Binds a kernel instantiated on shared memory for this team (the previous one, if any, is
   * let go); the helpers instantiate the same module on its memory.
   */
  attach(kernel: SharedKernel): TeamStepper {
    if (this.closed) throw new ThreadTeamError('the thread team has been terminated');
    this.detach();
    const { memory, exports: e, team } = kernel;
    const setTeam: [string, number[]] = ['setTeam', [team.block, this.threads, team.scratch, team.scratchBytes, this.spinPolls, this.timeoutMs]];
    e.setTeam(...(setTeam[1] as Parameters<typeof e.setTeam>));
    const i32 = new Int32Array(memory.buffer);
    const f64 = new Float64Array(memory.buffer);
    const at = (byte: number) => (team.block + byte) >> 2;
    const bound = { kernel, i32, f64 };
    if (memory !== this.memory) throw new Error('a team kernel must be laid out on the team memory');
    this.announce(i32, team.block, Atomics.load(i32, at(TEAM.CMD)), [...kernel.calls, setTeam]);
    this.attached = bound;
    const energy0 = (team.block + TEAM.ENERGY) >> 3;
    const onTeam = (n: number, timeS: number, dtS: number, links: number, twoRate?: TwoRateChunk): number => {
      if (this.attached !== bound) throw new ThreadTeamError('the thread team is working for another simulation');
      if (this.broken) throw new ThreadTeamError(`a helper thread stopped: ${this.broken}`);
      i32[at(TEAM.N)] = n;
      i32[at(TEAM.LINKS)] = links;
      f64[(team.block + TEAM.TIME) >> 3] = timeS;
      f64[(team.block + TEAM.DT) >> 3] = dtS;
      if (twoRate) {
        i32[at(TEAM.RATIO)] = twoRate.ratio;
        twoRate.box.forEach((v, i) => (i32[at(TEAM.BOX) + i] = v));
      }
      i32[at(TEAM.OP)] = twoRate ? OP.TWO_RATE : OP.STEP;
      Atomics.add(i32, at(TEAM.CMD), 1);
      Atomics.notify(i32, at(TEAM.CMD));
      const failed = twoRate ? e.stepTwoRateThread(0) : e.stepThread(0);
      if (failed !== 0) {
        this.attached = null;
        throw new ThreadTeamError(this.failureText(memory, team.block, failed));
      }
      return f64[(team.block + TEAM.TIME_END) >> 3];
    };
    // Thread 0 alone, over the whole grid: the same arithmetic, so the same result.
    const alone = (n: number, timeS: number, dtS: number, twoRate?: TwoRateChunk): number => {
      const before = e.getBoundaryEnergy();
      let end: number;
      if (twoRate) {
        e.setBox(...twoRate.box);
        end = e.stepTwoRate(n, twoRate.ratio, timeS, dtS);
      } else end = e.step(n, timeS, dtS);
      f64[energy0] += e.getBoundaryEnergy() - before;
      return end;
    };
    if (this.options.schedule === 'always') return onTeam;
    // Single- and two-rate chunks differ in work per step: each kind keeps its own timings.
    const single = adaptiveSchedule(onTeam, alone, PROBE_STEPS);
    const twoRate = adaptiveSchedule(onTeam, alone, PROBE_LONG_STEPS);
    return (n, timeS, dtS, links, chunk) => (chunk ? twoRate : single)(n, timeS, dtS, links, chunk);
  }

  /** Writes a run into the mailbox and wakes the helpers: its team block, the command word's value, its configuration calls. */
  private announce(i32: Int32Array, block: number, seen: number, calls: [string, number[]][]): void {
    const box = (byte: number) => (MAILBOX.AT + byte) >> 2;
    const f64 = new Float64Array(this.memory.buffer, MAILBOX.AT + MAILBOX.DATA, (MAILBOX.BYTES - MAILBOX.DATA) >> 3);
    let p = 0;
    for (const [name, args] of calls) {
      f64[p] = CALL_NAMES.indexOf(name);
      f64[p + 1] = args.length;
      f64.set(args, p + 2);
      p += 2 + args.length;
    }
    i32[box(MAILBOX.BLOCK)] = block;
    i32[box(MAILBOX.SEEN)] = seen;
    i32[box(MAILBOX.CALLS)] = calls.length;
    Atomics.add(i32, box(MAILBOX.GEN), 1);
    Atomics.notify(i32, box(MAILBOX.GEN));
  }

  /** Boundary heat of every thread's links since the kernel was attached (J; J/m planar). */
  boundaryEnergy(kernel: SharedKernel): number {
    const f64 = new Float64Array(kernel.memory.buffer, kernel.team.block + TEAM.ENERGY, this.threads);
    return f64.reduce((a, b) => a + b, 0);
  }

  /** Zeroes the per-thread boundary heat. */
  resetEnergy(kernel: SharedKernel): void {
    new Float64Array(kernel.memory.buffer, kernel.team.block + TEAM.ENERGY, this.threads).fill(0);
  }

  /** Lets the helpers go back to waiting for a new kernel. */
  private detach(): void {
    const a = this.attached;
    if (!a) return;
    this.attached = null;
    const at = (byte: number) => (a.kernel.team.block + byte) >> 2;
    Atomics.store(a.i32, at(TEAM.OP), OP.DETACH);
    Atomics.add(a.i32, at(TEAM.CMD), 1);
    Atomics.notify(a.i32, at(TEAM.CMD));
  }

  /** Stops every helper thread. Safe to call more than once. */
  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    for (const h of this.helpers) {
      try {
        h.terminate();
      } catch {
        /* already gone */
      }
    }
  }

  private failureText(memory: WebAssembly.Memory, block: number, failed: number): string {
    // The text is in shared memory, which TextDecoder refuses to read directly: copy it first.
    const area = new Uint8Array(memory.buffer, block + TEAM.TEXT, TEAM.TEXT_BYTES).slice();
    const end = area.indexOf(0);
    const text = new TextDecoder().decode(area.subarray(0, end < 0 ? area.length : end));
    if (text) return `the thread team stopped: ${text}`;
    return `the thread team stopped: thread ${failed - 1} waited ${this.timeoutMs / 1000} s at a step barrier for a helper thread that no longer answers (it may have crashed)`;
  }
}

/**
 * Steps on the team or on thread 0 alone, whichever is faster per step: a team loses when
 * another program keeps a core busy (a thread waits a whole time slice at each barrier for
 * its descheduled partner), and on grids too small to pay for two barriers a step. Every
 * few chunks the first PROBE_STEPS steps go the other way and are timed.
 */
function adaptiveSchedule(
  onTeam: (n: number, timeS: number, dtS: number, links: number, twoRate?: TwoRateChunk) => number,
  alone: (n: number, timeS: number, dtS: number, twoRate?: TwoRateChunk) => number,
  probeSteps: number,
): TeamStepper {
  const ms = { team: NaN, alone: NaN };
  let useTeam = true;
  let probeEvery = PROBE_EVERY_MIN;
  let untilProbe = 0;
  const timed = (team: boolean, n: number, timeS: number, dtS: number, links: number, twoRate?: TwoRateChunk): number => {
    const t0 = performance.now();
    const end = team ? onTeam(n, timeS, dtS, links, twoRate) : alone(n, timeS, dtS, twoRate);
    const perStep = (performance.now() - t0) / n;
    const key = team ? 'team' : 'alone';
    ms[key] = Number.isNaN(ms[key]) || team !== useTeam ? perStep : 0.7 * ms[key] + 0.3 * perStep;
    return end;
  };
  return (n, timeS, dtS, links, twoRate) => {
    let time = timeS;
    let left = n;
    if (untilProbe-- <= 0 && n > probeSteps) {
      time = timed(!useTeam, probeSteps, time, dtS, links, twoRate);
      left -= probeSteps;
      const before = useTeam;
      useTeam = !(ms.alone < ms.team);
      probeEvery = useTeam === before ? Math.min(PROBE_EVERY_MAX, probeEvery * 2) : PROBE_EVERY_MIN;
      untilProbe = probeEvery;
    }
    time = timed(useTeam, left, time, dtS, links, twoRate);
    useTeam = !(ms.alone < ms.team);
    return time;
  };
}

/** What a host's worker API reports about one helper, as `startHelpers` wants it. */
export interface HelperEvents {
  message(m: HelperMessage): void;
  error(text: string): void;
  exit(code: number): void;
}

/**
 * Waits until every helper has said it is ready; `listen` wires one worker's events (Node
 * `worker_threads` or browser workers) to the handlers once, for its whole life. A helper that
 * fails first (an error message, an error, an exit, or silence past `timeoutMs`) rejects the
 * start and ends the team; after the start, a failure marks the team's helper lost.
 */
export async function startHelpers<W>(team: ThreadTeam, workers: readonly W[], listen: (w: W, on: HelperEvents) => void, timeoutMs?: number): Promise<void> {
  try {
    await Promise.all(
      workers.map(
        (w, i) =>
          new Promise<void>((resolve, reject) => {
            const name = `helper thread ${i + 1}`;
            let started = false;
            const fail = (text: string) => {
              if (started) return team.helperLost(text);
              clearTimeout(timer);
              reject(new Error(text));
            };
            const timer = timeoutMs === undefined ? undefined : setTimeout(() => fail(`${name} did not start`), timeoutMs);
            listen(w, {
              message: (m) => {
                if (m.kind === 'error') fail(`${name}: ${m.message}`);
                else if (!started) {
                  started = true;
                  clearTimeout(timer);
                  resolve();
                }
              },
              error: (text) => fail(`${name}: ${text}`),
              exit: (code) => fail(`${name} exited (code ${code})${started ? '' : ' while starting'}`),
            });
          }),
      ),
    );
  } catch (e) {
    team.terminate();
    throw e;
  }
}
