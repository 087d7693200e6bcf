/**
 * Adapts a Node worker_threads Worker to the pool's PoolWorker interface so the
 * pool is tested against real threads (real terminate of a busy thread). A
 * thread's `exit` event plays the part of the browser's life lock: it is how the
 * pool hears of a worker that ended without an error.
 */
import { Worker } from 'node:worker_threads';
// @ts-expect-error comlink ships this adapter without a declaration file next to it
import nodeEndpointUntyped from 'comlink/dist/esm/node-adapter.mjs';
import type { Endpoint } from 'comlink';
import type { PoolWorker } from '../../workers/pool/worker-pool.ts';

const nodeEndpoint = nodeEndpointUntyped as (w: never) => Endpoint;

export function nodePoolWorker(url: URL, created?: Worker[]): () => PoolWorker {
  return () => {
    const w = new Worker(url);
    created?.push(w);
    const ep = nodeEndpoint(w as never);
    const errorListeners = new Map<EventListenerOrEventListenerObject, (e: Error) => void>();
    return {
      postMessage: (m: unknown, t?: Transferable[]) => ep.postMessage(m, t),
      addEventListener(type: string, l: EventListenerOrEventListenerObject) {
        if (type === 'message') ep.addEventListener('message', l as EventListener);
        else if (type === 'error') {
          const h = (e: Error) => (typeof l === 'function' ? l({ type: 'error', message: e.message } as never) : undefined);
          errorListeners.set(l, h);
          w.on('error', h);
        }
      },
      removeEventListener(type: string, l: EventListenerOrEventListenerObject) {
        if (type === 'message') ep.removeEventListener('message', l as EventListener);
        else if (type === 'error' && errorListeners.has(l)) w.off('error', errorListeners.get(l)!);
      },
      terminate: () => void w.terminate(),
      exited: new Promise<string>((resolve) => w.once('exit', (code) => resolve(`the worker thread exited (code ${code})`))),
    } as PoolWorker;
  };
}
