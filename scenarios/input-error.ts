/**
 * The one error type for input that cannot be used as given: a file that cannot be read or
 * parsed, a scenario the validator rejects, a command-line value out of range, or a validated
 * scenario the engine still cannot simulate (a time step above the stability limit, a probe in
 * no tissue cell). It carries path-tagged issues like the validator, so the CLI (exit code 2,
 * one `path: message` per line), the worker threads and the browser all report it the same way.
 * It lives in the lowest layer (scenarios/) so loaders, engine and CLI share it without
 * importing upward (scenarios → workers/engine → workers/cli, workers/pool → web).
 */
import type { Issue } from './schema.ts';

export class ScenarioInputError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'ScenarioInputError';
    this.issues = issues;
  }
}
