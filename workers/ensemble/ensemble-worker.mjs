// Entry of an ensemble worker thread: register tsx (a fresh thread has no TypeScript loader), then load the worker.
import { register } from 'tsx/esm/api';

register();
await import('./ensemble-worker.ts');
