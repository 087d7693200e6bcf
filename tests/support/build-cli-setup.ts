/**
 * Vitest global setup: tests that spawn `cryo` run the built JavaScript (workers/dist/), as an
 * installed command does; rebuild it here when a source changed since the last build, so a test
 * never runs stale code and a fresh clone's `npm ci && npm test` works even without `prepare`.
 */
import { buildCli } from '../../workers/cli/build.mjs';

export default async function setup(): Promise<void> {
  await buildCli({ ifStale: true });
}
