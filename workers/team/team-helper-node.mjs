// Entry of a thread-team helper under Node (worker_threads); the work is in team-helper.mjs.
import { parentPort } from 'node:worker_threads';
import { serveHelper } from './team-helper.mjs';

const handle = serveHelper((msg) => parentPort.postMessage(msg));
parentPort.on('message', handle);
