// One helper thread of a thread team (workers/engine/thread-team.ts), plain JavaScript so
// Node's worker_threads can start it without a TypeScript loader; the browser's helper
// worker (workers/pool/team-helper.worker.ts) imports the same code. It joins once — the
// shared kernel module and the team's shared memory arrive in one message — and from then on
// listens to shared memory only: a browser does not deliver a message to a nested worker
// while the worker that posted it is busy, and the driving thread is busy for the whole run.
// For each run the driving thread writes the team block's address and its configuration
// calls into the mailbox and bumps its word; the helper replays the calls, then steps its
// block of rows (single- or two-rate) whenever the command word is bumped, until told to
// detach. It never throws out of the loop: a failure is written into the team block (FAIL
// word and text) so the driving thread, blocked in a barrier, can report it.

// Byte offsets in the team block: wasm/assembly/team-layout.ts B_*, generated from the kernel's source.
import { TEAM } from './team-layout.generated.mjs';
export { TEAM };
export const OP = { STEP: 1, DETACH: 2, TWO_RATE: 3 };
/**
 * The mailbox, at a fixed byte address inside the page every kernel layout keeps free
 * (wasm/memory-layout.ts RESERVED; the kernel's static data ends near 4 KiB): GEN is bumped
 * per attach; BLOCK the team block; SEEN the command word's value before the run's first
 * chunk; CALLS the number of configuration calls, then per call at 8-byte aligned DATA:
 * f64 name index, f64 argument count, the arguments.
 */
export const MAILBOX = { AT: 49152, GEN: 0, BLOCK: 4, SEEN: 8, CALLS: 12, DATA: 16, BYTES: 4096 };
export const CALL_NAMES = ['setGrid', 'setCellArrays', 'setLinks', 'setStasis', 'setTeam'];
/** Polls of the command word before sleeping on it (roughly a millisecond). */
const SPIN_POLLS = 200_000;

/**
 * Serves a helper: `post` sends to the driving thread; returns the handler for its messages.
 * Posts {kind: 'ready'} once it has joined.
 */
export function serveHelper(post) {
  return (msg) => {
    if (msg && msg.kind === 'join') join(msg, post);
  };
}

function join(msg, post) {
  const { module, memory, thread, fault } = msg;
  let exports;
  try {
    exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  } catch (e) {
    post({ kind: 'error', message: `could not start: ${text(e)}` });
    return;
  }
  const box = (byte) => (MAILBOX.AT + byte) >> 2;
  // Read the mailbox word before saying ready: the driving thread may attach a run as soon as
  // it hears 'ready', and a word read after that would already count the run, which the helper
  // would then wait past while the driving thread waits at its first barrier.
  let attachSeen = Atomics.load(new Int32Array(memory.buffer), box(MAILBOX.GEN));
  post({ kind: 'ready' });
  if (fault && fault.kind === 'slow-join') sleep(fault.ms);
  let chunks = 0;
  for (;;) {
    // Wait for a run (a terminate() ends the wait too).
    let i32 = new Int32Array(memory.buffer);
    for (let i = 0; i < SPIN_POLLS && Atomics.load(i32, box(MAILBOX.GEN)) === attachSeen; i++);
    Atomics.wait(i32, box(MAILBOX.GEN), attachSeen, 1000);
    const gen = Atomics.load(i32, box(MAILBOX.GEN));
    if (gen === attachSeen) continue;
    attachSeen = gen;
    // The memory may have grown for this run: fresh views.
    i32 = new Int32Array(memory.buffer);
    const block = i32[box(MAILBOX.BLOCK)];
    let seen = i32[box(MAILBOX.SEEN)];
    const at = (byte) => (block + byte) >> 2;
    try {
      const f64 = new Float64Array(memory.buffer, MAILBOX.AT + MAILBOX.DATA, (MAILBOX.BYTES - MAILBOX.DATA) >> 3);
      for (let c = 0, p = 0; c < i32[box(MAILBOX.CALLS)]; c++) {
        const name = CALL_NAMES[f64[p]];
        const argc = f64[p + 1];
        exports[name](...f64.subarray(p + 2, p + 2 + argc));
        p += 2 + argc;
      }
    } catch (e) {
      failed(thread, `could not attach: ${text(e)}`);
      continue;
    }
    for (;;) {
      // The driving thread bumps CMD for every chunk, after a little work of its own between
      // chunks: poll through that before sleeping (a wake-up costs as much as a few steps).
      for (let i = 0; i < SPIN_POLLS && Atomics.load(i32, at(TEAM.CMD)) === seen; i++);
      Atomics.wait(i32, at(TEAM.CMD), seen, 1000);
      const cmd = Atomics.load(i32, at(TEAM.CMD));
      if (cmd === seen) continue;
      seen = cmd;
      // A new run announced while this helper was not running: its detach and the new run's first
      // chunk may both have come, and OP then says STEP. Attach the new run first (its calls and
      // block); stepping with this run's would write wrong rows.
      if (Atomics.load(i32, box(MAILBOX.GEN)) !== attachSeen) break;
      const op = Atomics.load(i32, at(TEAM.OP));
      if (op === OP.DETACH) break;
      try {
        chunks++;
        if (fault && 'afterChunks' in fault && fault.afterChunks < chunks) {
          if (fault.kind === 'throw') throw new Error('injected fault in the helper thread');
          // 'hang': stop answering without a word, as a thread the system killed would.
          sleep(Infinity);
        }
        if ((op === OP.TWO_RATE ? exports.stepTwoRateThread(thread) : exports.stepThread(thread)) !== 0) break;
        if (fault && fault.kind === 'pause-after-chunk') sleep(fault.ms);
      } catch (e) {
        failed(thread, text(e));
        break;
      }
    }

    function failed(t, message) {
      const bytes = new TextEncoder().encode(`helper thread ${t}: ${message}`).slice(0, TEAM.TEXT_BYTES - 1);
      // TextEncoder cannot write into shared memory directly; copy, then terminate the string.
      const area = new Uint8Array(memory.buffer, block + TEAM.TEXT, TEAM.TEXT_BYTES);
      if (Atomics.compareExchange(i32, at(TEAM.FAIL), 0, t + 1) === 0) {
        area.set(bytes);
        area[bytes.length] = 0;
      }
      Atomics.notify(i32, at(TEAM.GEN));
      post({ kind: 'error', message });
    }
  }
}

/** Blocks this thread for `ms` (Infinity: for good), as the injected faults need. */
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function text(e) {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
