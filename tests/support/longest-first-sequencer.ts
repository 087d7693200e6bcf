/**
 * Test order: the files known to take longest start first, so that on two cores the last
 * minute is not one long file running alone. Vitest orders files by the durations it cached
 * from the previous run; a fresh clone (CI) has no such cache, and Vitest then runs larger
 * files first, which put the 35-line exact-solutions file (then 68 s, now 49 s: the f64 reference
 * kernel on the steady cylinder and the line sink at 0.25 mm) last, alone for its whole run.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Paths from the repository root, longest first (unit project, measured on 2 cores, 2026-12-07). */
export const LONGEST_FILES = [
  'tests/physics/exact-solutions.test.ts', // 49 s
  'tests/physics/three-d.test.ts', // 21 s
  'tests/experiments/achieved-figures.test.ts', // 19 s
  'tests/engine/builtin-scenarios-run.test.ts', // 18 s
  'tests/reliability/share-link.test.ts', // 16 s
  'tests/reliability/validator.test.ts', // 14 s
  'tests/reliability/cli.test.ts', // 13 s
  'tests/engine/thread-split.test.ts', // 12 s
];

function rank(spec: TestSpecification): number {
  const path = spec.moduleId.replaceAll('\\', '/');
  const i = LONGEST_FILES.findIndex((p) => path.endsWith(p));
  return i < 0 ? LONGEST_FILES.length : i;
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's order runs the projects one after another; reorder within each, keeping that.
    const byProject = new Map<string, TestSpecification[]>();
    for (const spec of await super.sort(files)) {
      const group = byProject.get(spec.project.name);
      if (group) group.push(spec);
      else byProject.set(spec.project.name, [spec]);
    }
    // A stable sort: among files of equal rank (all the unlisted ones) Vitest's order stays.
    return [...byProject.values()].flatMap((group) => group.sort((a, b) => rank(a) - rank(b)));
  }
}
