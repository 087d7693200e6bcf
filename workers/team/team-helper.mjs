// One helper thread of a thread team (workers/engine/thread-team.ts), plain JavaScript so
// Node's worker_threads can start it without a TypeScript loader; the browser's helper
// worker (workers/pool/team-helper.worker.ts) imports the same code. It instantiates the
// shared kernel on the run's shared memory, replays the host's configuration calls, then
// steps its block of rows (single- or two-rate) whenever the driving thread bumps the command word, until told
// to detach. It never throws out of the loop: a failure is written into the team block
// (FAIL word and text) so the driving thread, blocked in a barrier, can report it.

// Byte offsets in the team block (wasm/assembly/kernel-simd-shared.ts B_*).
export const TEAM = { GEN: 64, FAIL: 128, RATIO: 136, BOX: 140, CMD: 192, OP: 196, N: 200, LINKS: 204, TIME: 208, DT: 216, TIME_END: 224, ENERGY: 256, TEXT: 768, TEXT_BYTES: 256 };
export const OP = { STEP: 1, DETACH: 2, TWO_RATE: 3 };
/** Polls of the command word before sleeping on it (roughly a millisecond). */
const SPIN_POLLS = 200_000;

/**
 * Serves a helper: `post` sends to the driving thread; returns the handler for its messages.
 * Posts {kind: 'ready'} at once.
 */
export function serveHelper(post) {
  post({ kind: 'ready' });
  return (msg) => {
    if (msg && msg.kind === 'attach') attach(msg, post);
  };
}

function attach(msg, post) {
  const { module, memory, calls, thread, block, fault } = msg;
  const i32 = new Int32Array(memory.buffer);
  const at = (byte) => (block + byte) >> 2;
  let exports;
  try {
    exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
    for (const [name, args] of calls) exports[name](...args);
  } catch (e) {
    return failed(thread, `could not start: ${text(e)}`);
  }
  let seen = msg.seen;
  let chunks = 0;
  for (;;) {
    // The driving thread bumps CMD for every chunk, after a little work of its own between
    // chunks: poll through that before sleeping (a wake-up costs as much as a few steps).
    // A terminate() ends the wait too.
    for (let i = 0; i < SPIN_POLLS && Atomics.load(i32, at(TEAM.CMD)) === seen; i++);
    Atomics.wait(i32, at(TEAM.CMD), seen, 1000);
    const cmd = Atomics.load(i32, at(TEAM.CMD));
    if (cmd === seen) continue;
    seen = cmd;
    if (Atomics.load(i32, at(TEAM.OP)) === OP.DETACH) return;
    try {
      chunks++;
      if (fault && fault.afterChunks < chunks) {
        if (fault.kind === 'throw') throw new Error('injected fault in the helper thread');
        // 'hang': stop answering without a word, as a thread the system killed would.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
      const op = Atomics.load(i32, at(TEAM.OP));
      if ((op === OP.TWO_RATE ? exports.stepTwoRateThread(thread) : exports.stepThread(thread)) !== 0) return;
    } catch (e) {
      return failed(thread, text(e));
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

function text(e) {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
