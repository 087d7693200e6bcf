/**
 * How the page learns that a simulation worker has ended when the browser fires
 * no event for it (`self.close()`, or the browser stopping the worker): the
 * worker holds a Web Lock named after itself for its whole life and says so in
 * a message; the page then asks for the same lock, which the browser grants the
 * moment the worker is gone. Both sides import the names from here.
 *
 * Web Locks exist only in secure contexts (https, localhost); elsewhere a silent
 * exit is not detected and `exited` is simply absent.
 */

/** Key of the one message a worker posts outside Comlink (Comlink ignores messages without an id). */
export const LIFE_LOCK_MESSAGE = 'cryoLifeLock';

const PREFIX = 'cryo-workbench/worker-alive/';

/** Unique per worker, across tabs too (locks are shared by the whole origin). */
export function newWorkerName(): string {
  return `cryo-simulation-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function lifeLockName(workerName: string): string {
  return PREFIX + workerName;
}

/**
 * Resolves when `worker` has ended. Waits for the worker's message naming its
 * lock before asking for it, so the page can never take the lock first.
 */
export function watchLifeLock(worker: Worker): Promise<string> | undefined {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return undefined;
  return new Promise<string>((resolve) => {
    const onMessage = (ev: MessageEvent) => {
      const name = (ev.data as Record<string, unknown> | null)?.[LIFE_LOCK_MESSAGE];
      if (typeof name !== 'string' || !name.startsWith(PREFIX)) return;
      worker.removeEventListener('message', onMessage);
      locks
        .request(name, () => {
          // Granted: the worker no longer holds it. Release at once (return nothing).
          resolve('the worker ended without an error (it closed itself, or the browser stopped it, e.g. for lack of memory)');
        })
        .catch(() => undefined); // the page itself is going away
    };
    worker.addEventListener('message', onMessage);
  });
}
