/** The numeric options every command reads one way: absent, valid, and refused with `--name: must be …, got …`. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MAX_CLI_WORKERS } from '../../scenarios/presets.ts';
import type { Issue } from '../../scenarios/schema.ts';
import { numberOption, spacingOption, workersOption } from '../../workers/cli/args.ts';

const opts = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('numeric CLI options', () => {
  it('give undefined when absent and the number when the check passes, with no issue', () => {
    const issues: Issue[] = [];
    expect(numberOption(opts({}), issues, 'x', () => false, 'anything')).toBeUndefined();
    expect(numberOption(opts({ x: '2.5' }), issues, 'x', (v) => v > 0, 'a number > 0')).toBe(2.5);
    expect(spacingOption(opts({ 'spacing-mm': '0.5' }), issues)).toBe(0.5);
    expect(workersOption(opts({ workers: '3' }), issues)).toBe(3);
    expect(workersOption(opts({}), issues)).toBe(availableParallelism());
    expect(issues).toEqual([]);
  });

  it('refuse blanks, words, out-of-range and fractional values under the option name, quoting what was given', () => {
    const cases: [(issues: Issue[]) => unknown, RegExp][] = [
      [(i) => spacingOption(opts({ 'spacing-mm': '' }), i), /^must be a number > 0 \(mm\), got $/],
      [(i) => spacingOption(opts({ 'spacing-mm': '-1' }), i), /^must be a number > 0 \(mm\), got -1$/],
      [(i) => spacingOption(opts({ 'spacing-mm': 'fine' }), i), /got fine$/],
      [(i) => workersOption(opts({ workers: '0' }), i), /^must be a whole number ≥ 1 and ≤ 1024 \(threads\), got 0$/],
      [(i) => workersOption(opts({ workers: '1.5' }), i), /got 1\.5$/],
      [(i) => workersOption(opts({ workers: String(MAX_CLI_WORKERS + 1) }), i), /≤ 1024/],
    ];
    for (const [read, message] of cases) {
      const issues: Issue[] = [];
      read(issues);
      expect(issues).toHaveLength(1);
      expect(issues[0].path).toMatch(/^--(spacing-mm|workers)$/);
      expect(issues[0].message).toMatch(message);
    }
  });
});
