// Entry of a sweep worker thread when the CLI runs from its TypeScript source (tests, tsx scripts):
// a fresh thread has no TypeScript loader, so register tsx (a dev dependency) first, then load the
// TypeScript worker. The installed command runs the bundle workers/dist/sweep-worker.mjs instead
// (workers/cli/build.mjs), which sweep-pool.ts finds by the same relative URL.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
