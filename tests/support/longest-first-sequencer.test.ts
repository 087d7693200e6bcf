/**
 * The test order's hint list names files that exist (a renamed file would silently fall back to
 * Vitest's order), and sorting starts those first within each project, keeping the projects apart.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestSpecification } from 'vitest/node';
import LongestFirstSequencer, { LONGEST_FILES } from './longest-first-sequencer.ts';

const root = resolve(import.meta.dirname, '../..');

function spec(project: string, path: string): TestSpecification {
  const config = { sequence: { groupOrder: 0 }, isolate: true };
  return { project: { name: project, config }, moduleId: resolve(root, path) } as unknown as TestSpecification;
}

describe('longest-first test order', () => {
  it('lists only files that exist', () => {
    expect(LONGEST_FILES.filter((p) => !existsSync(resolve(root, p)))).toEqual([]);
  });

  it('starts the listed files first within each project, in the listed order, the rest as Vitest had them', async () => {
    // No timing cache and no file stats: Vitest's own order is the given one.
    const ctx = { config: { root }, cache: { getFileTestResults: () => undefined, getFileStats: () => undefined } };
    const sequencer = new LongestFirstSequencer(ctx as never);
    const files = [
      spec('e2e', 'tests/e2e/cancel.test.ts'),
      spec('e2e', 'tests/e2e/workbench.test.ts'),
      spec('unit', 'tests/web/text.test.ts'),
      spec('unit', LONGEST_FILES[1]),
      spec('unit', 'tests/web/palette.test.ts'),
      spec('unit', LONGEST_FILES[0]),
    ];
    const order = (await sequencer.sort(files)).map((s) => `${s.project.name}:${s.moduleId.slice(root.length + 1)}`);
    expect(order).toEqual([
      'e2e:tests/e2e/cancel.test.ts',
      'e2e:tests/e2e/workbench.test.ts',
      `unit:${LONGEST_FILES[0]}`,
      `unit:${LONGEST_FILES[1]}`,
      'unit:tests/web/text.test.ts',
      'unit:tests/web/palette.test.ts',
    ]);
  });
});
