/**
 * Thread teams in the browser: the helpers are dedicated workers nested in the simulation
 * worker that drives the run (a worker may block in a wasm atomic wait; the page may not).
 * Shared memory needs a cross-origin isolated page (COOP/COEP, vite.config.ts); without it
 * there is no team and the run steps on its one worker as before.
 */
import { ThreadTeam, type TeamOptions } from '../engine/thread-team.ts';
import type { HelperMessage } from '../team/team-helper.mjs';

/** Helpers that have not said they started by then are taken as unable to (the run goes on one thread). */
const START_TIMEOUT_MS = 10_000;

/** A team of `threads` on the shared kernel `module`, or null where shared memory is not available. */
export async function createBrowserTeam(threads: number, module: WebAssembly.Module, options: TeamOptions = {}): Promise<ThreadTeam | null> {
  if (threads < 2 || !globalThis.crossOriginIsolated) return null;
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./team-helper.worker.ts', import.meta.url), { type: 'module' }));
  const team = new ThreadTeam(module, workers, options);
  try {
    await Promise.all(
      workers.map(
        (w, i) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`helper thread ${i + 1} did not start`)), START_TIMEOUT_MS);
            w.onmessage = (e: MessageEvent<HelperMessage>) => {
              clearTimeout(timer);
              if (e.data.kind === 'ready') resolve();
              else reject(new Error(`helper thread ${i + 1}: ${e.data.message}`));
            };
            w.onerror = (e) => {
              clearTimeout(timer);
              reject(new Error(`helper thread ${i + 1}: ${e.message || 'could not start'}`));
            };
          }),
      ),
    );
  } catch (e) {
    team.terminate();
    throw e;
  }
  workers.forEach((w, i) => {
    w.onmessage = (e: MessageEvent<HelperMessage>) => e.data.kind === 'error' && team.helperLost(`helper thread ${i + 1}: ${e.data.message}`);
    w.onerror = (e) => team.helperLost(`helper thread ${i + 1}: ${e.message || 'worker error'}`);
  });
  return team;
}
