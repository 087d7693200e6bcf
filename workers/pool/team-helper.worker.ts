/**
 * A thread-team helper in the browser: a dedicated worker nested in a simulation worker,
 * started only when the page is cross-origin isolated (shared memory). The work is in
 * workers/team/team-helper.mjs, shared with Node's helper threads.
 */
import { serveHelper, type JoinMessage } from '../team/team-helper.mjs';

declare const self: DedicatedWorkerGlobalScope;

const handle = serveHelper((msg) => self.postMessage(msg));
self.onmessage = (e: MessageEvent<JoinMessage>) => handle(e.data);
