/**
 * Thread teams in the browser: the helpers are dedicated workers nested in the simulation
 * worker that drives the run (a worker may block in a wasm atomic wait; the page may not).
 * Shared memory needs a cross-origin isolated page (COOP/COEP, vite.config.ts); without it
 * there is no team and the run steps on its one worker as before.
 */
import { startHelpers, ThreadTeam, type TeamOptions } from '../engine/thread-team.ts';
import type { HelperMessage } from '../team/team-helper.mjs';

/** Helpers that have not said they started by then are taken as unable to (the run goes on one thread). */
const START_TIMEOUT_MS = 10_000;

/** A team of `threads` on the shared kernel `module`, or null where shared memory is not available. */
export async function createBrowserTeam(threads: number, module: WebAssembly.Module, options: TeamOptions = {}): Promise<ThreadTeam | null> {
  if (threads < 2 || !globalThis.crossOriginIsolated) return null;
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./team-helper.worker.ts', import.meta.url), { type: 'module' }));
  const team = new ThreadTeam(module, workers, options);
  await startHelpers(
    team,
    workers,
    (w, on) => {
      w.onmessage = (e: MessageEvent<HelperMessage>) => on.message(e.data);
      w.onerror = (e) => on.error(e.message || 'worker error');
    },
    START_TIMEOUT_MS,
  );
  return team;
}
