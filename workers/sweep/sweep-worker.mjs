// Entry of a sweep worker thread: a fresh thread has no TypeScript loader, so register tsx
// first (as workers/cli/cryo.mjs does for the main thread), then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
