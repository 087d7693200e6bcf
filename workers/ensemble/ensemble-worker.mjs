// Entry of an ensemble worker thread when the CLI runs from its TypeScript source (tests, tsx scripts):
// register tsx (a dev dependency; a fresh thread has no TypeScript loader), then load the worker. The
// installed command runs the bundle workers/dist/ensemble-worker.mjs instead (workers/cli/build.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./ensemble-worker.ts');
