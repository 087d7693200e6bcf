/**
 * The validator's issues per protocol, remembered by the scenario's content: the
 * shell asks for them on every render, and validating eight protocols each time
 * would make typing in the editor lag.
 */
import type { Issue, ScenarioFile } from '../../scenarios/schema.ts';
import { validateScenario } from '../../scenarios/validate.ts';

export class ValidationCache {
  private cache = new Map<string, { file: ScenarioFile; key: string; issues: Issue[] }>();

  issues(id: string, file: ScenarioFile | null): Issue[] {
    if (!file) return [];
    const hit = this.cache.get(id);
    // The shell hands the same file object until its workspace changes: no need to print it.
    if (hit?.file === file) return hit.issues;
    const key = JSON.stringify(file);
    if (hit && hit.key === key) {
      hit.file = file;
      return hit.issues;
    }
    let issues: Issue[];
    try {
      const r = validateScenario(file);
      issues = r.ok ? [] : r.issues;
    } catch (e) {
      issues = [{ path: '', message: `validator failed: ${(e as Error).message}` }];
    }
    this.cache.set(id, { file, key, issues });
    return issues;
  }
}

/** Validator paths that belong to the shared anatomy (shown beside the anatomy panel's fields). */
export const ANATOMY_ISSUE_PATH = /^(nerve|layers|geometry|tissue|skin|far_field|vessels|sensors)\b/;
