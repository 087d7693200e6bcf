/**
 * Raised when a validated scenario still cannot be simulated as given (e.g. a
 * time step above the stability limit, a grid too coarse for a probe). Carries
 * path-tagged issues like the validator, so every front end reports it the same way.
 */
import type { Issue } from '../../scenarios/schema.ts';

export class EngineInputError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'EngineInputError';
    this.issues = issues;
  }
}
